{{/* Labels of every resource. */}}
{{- define "naturaflux-cdc.labels" -}}
app.kubernetes.io/name: naturaflux-cdc
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: naturaflux
app.kubernetes.io/component: change-capture
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* A value that must be set, with the message naming it. */}}
{{- define "naturaflux-cdc.required" -}}
{{- $value := index . 0 -}}
{{- $name := index . 1 -}}
{{- required (printf "naturaflux-cdc: set %s (see deploy/k8s/cdc/README.md)" $name) $value -}}
{{- end -}}

{{/* A reference resolved by the workers' KubernetesSecretConfigProvider: ${secrets:<namespace>/<secret>:<key>}. */}}
{{- define "naturaflux-cdc.secretRef" -}}
{{- $root := index . 0 -}}
{{- $key := index . 1 -}}
{{- printf "${secrets:%s/%s:%s}" $root.Release.Namespace (include "naturaflux-cdc.required" (list $root.Values.source.credentialsSecret "source.credentialsSecret")) $key -}}
{{- end -}}

{{/* URL of the connector's official plugin archive in the Maven repository. */}}
{{- define "naturaflux-cdc.pluginUrl" -}}
{{- $repo := include "naturaflux-cdc.required" (list .Values.debezium.mavenRepository "debezium.mavenRepository") | trimSuffix "/" -}}
{{- $v := .Values.debezium.version -}}
{{- printf "%s/io/debezium/debezium-connector-postgres/%s/debezium-connector-postgres-%s-plugin.tar.gz" $repo $v $v -}}
{{- end -}}
