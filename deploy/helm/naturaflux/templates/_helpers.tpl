{{/*
Names, labels and shared fragments of the naturaflux chart.
*/}}

{{- define "naturaflux.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name prefix: <release>-naturaflux, or the release name when it already contains the chart name.
Truncated so that "<fullname>-request-service" stays within 63 characters.
*/}}
{{- define "naturaflux.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 47 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 47 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 47 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "naturaflux.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "naturaflux.labels" -}}
helm.sh/chart: {{ include "naturaflux.chart" . }}
app.kubernetes.io/name: {{ include "naturaflux.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: naturaflux
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Labels of a component's resources; argument: (dict "ctx" $ "component" "request-service"). */}}
{{- define "naturaflux.componentLabels" -}}
{{ include "naturaflux.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Selector labels of a component; argument: (dict "ctx" $ "component" "export-worker"). */}}
{{- define "naturaflux.selectorLabels" -}}
app.kubernetes.io/name: {{ include "naturaflux.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "naturaflux.requestService.fullname" -}}
{{ include "naturaflux.fullname" . }}-request-service
{{- end }}

{{- define "naturaflux.exportWorker.fullname" -}}
{{ include "naturaflux.fullname" . }}-export-worker
{{- end }}

{{- define "naturaflux.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "naturaflux.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Name of the Secret the chart creates for inline credentials. */}}
{{- define "naturaflux.credentialsSecretName" -}}
{{ include "naturaflux.fullname" . }}-credentials
{{- end }}

{{/* Image reference; argument: (dict "ctx" $ "image" .Values.requestService.image). */}}
{{- define "naturaflux.image" -}}
{{- $tag := .image.tag | default .ctx.Values.image.tag | default .ctx.Chart.AppVersion -}}
{{- if .ctx.Values.image.registry -}}
{{ printf "%s/%s:%s" (trimSuffix "/" .ctx.Values.image.registry) .image.repository $tag }}
{{- else -}}
{{ printf "%s:%s" .image.repository $tag }}
{{- end -}}
{{- end }}

{{/*
The HTTP port both services listen on inside their pods (QUARKUS_HTTP_PORT; the export-worker's
local default of 8081 only avoids a clash with the request-service on one machine).
*/}}
{{- define "naturaflux.httpPort" -}}8080{{- end }}

{{/*
The port of both services' management interface (QUARKUS_MANAGEMENT_PORT): health, metrics, OpenAPI.
Probes and scraping use it; the Ingress never does (it routes to port http only).
*/}}
{{- define "naturaflux.managementPort" -}}9000{{- end }}

{{/*
A secretKeyRef to one credential: the operator's existing Secret and key, or the chart's own Secret.
Argument: (dict "ctx" $ "existingSecret" "..." "existingKey" "..." "chartKey" "...").
*/}}
{{- define "naturaflux.secretKeyRef" -}}
secretKeyRef:
{{- if .existingSecret }}
  name: {{ .existingSecret }}
  key: {{ .existingKey }}
{{- else }}
  name: {{ include "naturaflux.credentialsSecretName" .ctx }}
  key: {{ .chartKey }}
{{- end }}
{{- end }}

{{/* Environment variables holding the source database's read-only credentials (both services). */}}
{{- define "naturaflux.sourceDatabaseCredentialsEnv" -}}
{{- $auth := .Values.sourceDatabase.auth -}}
- name: NATURAFLUX_SOURCE_DB_USER
  valueFrom:
    {{- include "naturaflux.secretKeyRef" (dict "ctx" . "existingSecret" $auth.existingSecret "existingKey" $auth.usernameKey "chartKey" "source-database-username") | nindent 4 }}
- name: NATURAFLUX_SOURCE_DB_PASSWORD
  valueFrom:
    {{- include "naturaflux.secretKeyRef" (dict "ctx" . "existingSecret" $auth.existingSecret "existingKey" $auth.passwordKey "chartKey" "source-database-password") | nindent 4 }}
{{- end }}

{{/* Environment variables holding the S3 credentials (both services). */}}
{{- define "naturaflux.s3CredentialsEnv" -}}
{{- $auth := .Values.s3.auth -}}
- name: NATURAFLUX_S3_ACCESS_KEY
  valueFrom:
    {{- include "naturaflux.secretKeyRef" (dict "ctx" . "existingSecret" $auth.existingSecret "existingKey" $auth.accessKeyKey "chartKey" "s3-access-key") | nindent 4 }}
- name: NATURAFLUX_S3_SECRET_KEY
  valueFrom:
    {{- include "naturaflux.secretKeyRef" (dict "ctx" . "existingSecret" $auth.existingSecret "existingKey" $auth.secretKeyKey "chartKey" "s3-secret-key") | nindent 4 }}
{{- end }}

{{/*
Kafka security (both services): KAFKA_* variables, which Quarkus applies to every Kafka client of the
service. The SASL password comes from the operator's Secret into NATURAFLUX_KAFKA_SASL_PASSWORD (a name
Quarkus does not take for a Kafka setting) and into the JAAS configuration by Kubernetes' $(VAR) expansion.
*/}}
{{- define "naturaflux.kafkaSecurityEnv" -}}
{{- $security := .Values.kafka.security -}}
{{- if ne $security.protocol "PLAINTEXT" }}
- name: KAFKA_SECURITY_PROTOCOL
  value: {{ $security.protocol | quote }}
{{- if hasPrefix "SASL_" $security.protocol }}
- name: KAFKA_SASL_MECHANISM
  value: {{ $security.sasl.mechanism | quote }}
- name: NATURAFLUX_KAFKA_SASL_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $security.sasl.passwordSecret.name }}
      key: {{ $security.sasl.passwordSecret.key }}
- name: KAFKA_SASL_JAAS_CONFIG
  value: {{ printf "%s required username=\"%s\" password=\"$(NATURAFLUX_KAFKA_SASL_PASSWORD)\";" (ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq $security.sasl.mechanism "PLAIN")) $security.sasl.username | quote }}
{{- end }}
{{- if or $security.truststore.secretName $security.truststore.configMapName }}
- name: KAFKA_SSL_TRUSTSTORE_LOCATION
  value: {{ printf "%s/%s" (include "naturaflux.kafkaTruststoreDir" .) $security.truststore.key | quote }}
- name: KAFKA_SSL_TRUSTSTORE_TYPE
  value: {{ $security.truststore.type | quote }}
{{- with $security.truststore.passwordSecret.name }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $security.truststore.passwordSecret.key }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/* Where the Kafka truststore is mounted in both services. */}}
{{- define "naturaflux.kafkaTruststoreDir" -}}/etc/naturaflux/kafka-truststore{{- end }}

{{/* The Kafka truststore's volume mount (both services), when there is one. */}}
{{- define "naturaflux.kafkaTruststoreMount" -}}
{{- $truststore := .Values.kafka.security.truststore -}}
{{- if and (ne .Values.kafka.security.protocol "PLAINTEXT") (or $truststore.secretName $truststore.configMapName) }}
- name: kafka-truststore
  mountPath: {{ include "naturaflux.kafkaTruststoreDir" . }}
  readOnly: true
{{- end }}
{{- end }}

{{/* The Kafka truststore's volume (both services): the one key of the operator's Secret or ConfigMap. */}}
{{- define "naturaflux.kafkaTruststoreVolume" -}}
{{- $truststore := .Values.kafka.security.truststore -}}
{{- if and (ne .Values.kafka.security.protocol "PLAINTEXT") (or $truststore.secretName $truststore.configMapName) }}
- name: kafka-truststore
  {{- if $truststore.secretName }}
  secret:
    secretName: {{ $truststore.secretName }}
  {{- else }}
  configMap:
    name: {{ $truststore.configMapName }}
  {{- end }}
    items:
      - key: {{ $truststore.key }}
        path: {{ $truststore.key }}
{{- end }}
{{- end }}

{{/*
JAVA_OPTS_APPEND for the run-java.sh launcher of the UBI OpenJDK images. It replaces the image's own
value, so it repeats the JBoss log manager; the HTTP host comes from QUARKUS_HTTP_HOST in the ConfigMap.
Temporary files (java.io.tmpdir, SQLite's native library) go to the /tmp emptyDir.
Argument: (dict "javaOpts" "...").
*/}}
{{- define "naturaflux.javaOpts" -}}
{{- $base := "-Djava.util.logging.manager=org.jboss.logmanager.LogManager -Djava.io.tmpdir=/tmp -Dorg.sqlite.tmpdir=/tmp" -}}
{{- if .javaOpts -}}
{{ printf "%s %s" $base .javaOpts }}
{{- else -}}
{{ $base }}
{{- end -}}
{{- end }}

{{/* Prometheus scrape annotations of a pod, when enabled. */}}
{{- define "naturaflux.prometheusAnnotations" -}}
{{- if .Values.metrics.podAnnotations -}}
prometheus.io/scrape: "true"
prometheus.io/path: /q/metrics
prometheus.io/port: {{ include "naturaflux.managementPort" . | quote }}
prometheus.io/scheme: http
{{- end }}
{{- end }}

{{/*
The three Quarkus health probes; argument: (dict "probes" .Values.requestService.probes).
Liveness: /q/health/live, readiness: /q/health/ready (Kafka, databases, S3), startup: /q/health/started,
all on the management port.
*/}}
{{- define "naturaflux.probes" -}}
startupProbe:
  httpGet:
    path: /q/health/started
    port: management
    scheme: HTTP
  periodSeconds: {{ .probes.startup.periodSeconds }}
  timeoutSeconds: {{ .probes.startup.timeoutSeconds }}
  failureThreshold: {{ .probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /q/health/live
    port: management
    scheme: HTTP
  periodSeconds: {{ .probes.liveness.periodSeconds }}
  timeoutSeconds: {{ .probes.liveness.timeoutSeconds }}
  failureThreshold: {{ .probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /q/health/ready
    port: management
    scheme: HTTP
  periodSeconds: {{ .probes.readiness.periodSeconds }}
  timeoutSeconds: {{ .probes.readiness.timeoutSeconds }}
  failureThreshold: {{ .probes.readiness.failureThreshold }}
{{- end }}

{{/*
Validation of the values that the schema cannot express (presence of required settings, exclusive
options). Collects every problem, then fails once with the full list.
*/}}
{{- define "naturaflux.validate" -}}
{{- $errors := list -}}
{{- if not .Values.database.url -}}
{{- $errors = append $errors "database.url: the JDBC URL of the request-service's own PostgreSQL database, e.g. jdbc:postgresql://pg.db:5432/naturaflux" -}}
{{- end -}}
{{- if not .Values.sourceDatabase.url -}}
{{- $errors = append $errors "sourceDatabase.url: the JDBC URL of the GeoNature database (read-only), e.g. jdbc:postgresql://geonature-db:5432/geonature" -}}
{{- end -}}
{{- if not .Values.kafka.bootstrapServers -}}
{{- $errors = append $errors "kafka.bootstrapServers: the Kafka bootstrap servers, e.g. my-cluster-kafka-bootstrap.kafka:9092" -}}
{{- end -}}
{{- if not .Values.s3.endpoint -}}
{{- $errors = append $errors "s3.endpoint: the S3 endpoint the pods use, e.g. http://minio.minio:9000" -}}
{{- end -}}
{{- if not .Values.s3.publicEndpoint -}}
{{- $errors = append $errors "s3.publicEndpoint: the S3 endpoint partners reach, used in signed download URLs, e.g. https://files.example.org" -}}
{{- end -}}
{{- $db := .Values.database.auth -}}
{{- if and (not $db.existingSecret) (or (not $db.username) (not $db.password)) -}}
{{- $errors = append $errors "database.auth: set existingSecret (a Secret with the role's username and password), or both username and password" -}}
{{- end -}}
{{- $src := .Values.sourceDatabase.auth -}}
{{- if and (not $src.existingSecret) (or (not $src.username) (not $src.password)) -}}
{{- $errors = append $errors "sourceDatabase.auth: set existingSecret (a Secret with the read-only role's username and password), or both username and password" -}}
{{- end -}}
{{- $s3 := .Values.s3.auth -}}
{{- if and (not $s3.existingSecret) (or (not $s3.accessKey) (not $s3.secretKey)) -}}
{{- $errors = append $errors "s3.auth: set existingSecret (a Secret with the access key and secret key), or both accessKey and secretKey" -}}
{{- end -}}
{{- $token := .Values.requestService.adminToken -}}
{{- if and (not $token.existingSecret) (not $token.value) -}}
{{- $errors = append $errors "requestService.adminToken: set existingSecret (a Secret holding the admin API token), or value (e.g. from openssl rand -hex 32)" -}}
{{- end -}}
{{- $oidc := .Values.requestService.oidc -}}
{{- if and $oidc.enabled (or (not $oidc.authServerUrl) (not $oidc.clientSecret.existingSecret)) -}}
{{- $errors = append $errors "requestService.oidc: enabled needs authServerUrl (the provider's issuer URL) and clientSecret.existingSecret (a Secret holding the portal client's secret)" -}}
{{- end -}}
{{- $scaling := .Values.exportWorker.autoscaling -}}
{{- if and $scaling.hpa.enabled $scaling.keda.enabled -}}
{{- $errors = append $errors "exportWorker.autoscaling: enable either hpa or keda, not both (KEDA manages its own HorizontalPodAutoscaler)" -}}
{{- end -}}
{{- if and $scaling.hpa.enabled (gt (int $scaling.hpa.minReplicas) (int $scaling.hpa.maxReplicas)) -}}
{{- $errors = append $errors "exportWorker.autoscaling.hpa: minReplicas is greater than maxReplicas" -}}
{{- end -}}
{{- if and $scaling.keda.enabled (gt (int $scaling.keda.minReplicas) (int $scaling.keda.maxReplicas)) -}}
{{- $errors = append $errors "exportWorker.autoscaling.keda: minReplicas is greater than maxReplicas" -}}
{{- end -}}
{{- if ge (int .Values.exportWorker.shutdownGraceSeconds) (int .Values.exportWorker.terminationGracePeriodSeconds) -}}
{{- $errors = append $errors "exportWorker.shutdownGraceSeconds: must be below exportWorker.terminationGracePeriodSeconds, or Kubernetes kills a worker before it has given its export back" -}}
{{- end -}}
{{- if and .Values.kafka.topicsJob.enabled .Values.kafka.strimziTopics.enabled -}}
{{- $errors = append $errors "kafka: enable either topicsJob or strimziTopics, not both" -}}
{{- end -}}
{{- if and .Values.kafka.strimziTopics.enabled (not .Values.kafka.strimziTopics.cluster) -}}
{{- $errors = append $errors "kafka.strimziTopics.cluster: the name of the Strimzi Kafka cluster the topics belong to" -}}
{{- end -}}
{{- $kafkaSecurity := .Values.kafka.security -}}
{{- if and (hasPrefix "SASL_" $kafkaSecurity.protocol) (or (not $kafkaSecurity.sasl.username) (not $kafkaSecurity.sasl.passwordSecret.name)) -}}
{{- $errors = append $errors (printf "kafka.security.sasl: with protocol %s, the username and passwordSecret.name (an existing Secret holding the password)" $kafkaSecurity.protocol) -}}
{{- end -}}
{{- if and $kafkaSecurity.truststore.secretName $kafkaSecurity.truststore.configMapName -}}
{{- $errors = append $errors "kafka.security.truststore: set either secretName or configMapName, not both" -}}
{{- end -}}
{{- if and (eq $kafkaSecurity.truststore.type "PEM") $kafkaSecurity.truststore.passwordSecret.name -}}
{{- $errors = append $errors "kafka.security.truststore: a PEM truststore has no password (leave passwordSecret.name empty)" -}}
{{- end -}}
{{- if .Values.networkPolicy.enabled -}}
{{- if .Values.networkPolicy.egress.enabled -}}
{{- range $destination := list "dns" "database" "sourceDatabase" "kafka" "s3" -}}
{{- if not (get $.Values.networkPolicy.egress $destination).to -}}
{{- $errors = append $errors (printf "networkPolicy.egress.%s.to: the NetworkPolicyPeers of this destination (or networkPolicy.egress.enabled: false)" $destination) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if $errors -}}
{{- fail (printf "\n\nnaturaflux: the values are incomplete. Set:\n  - %s\n(see deploy/README.md, \"Configure\")" (join "\n  - " $errors)) -}}
{{- end -}}
{{- end }}

{{/*
A NetworkPolicyPeer from a namespaceSelector and a podSelector, each left out when empty; when both are
empty, the defaults given. Argument: (dict "peer" .Values.networkPolicy.prometheus "namespace" "monitoring"
"pods" (dict "app.kubernetes.io/name" "prometheus")).
*/}}
{{- define "naturaflux.networkPolicyPeer" -}}
{{- if or .peer.namespaceSelector .peer.podSelector }}
{{- with .peer.namespaceSelector }}
namespaceSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .peer.podSelector }}
podSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- else }}
namespaceSelector:
  matchLabels:
    kubernetes.io/metadata.name: {{ .namespace }}
podSelector:
  matchLabels:
    {{- toYaml .pods | nindent 4 }}
{{- end }}
{{- end }}
