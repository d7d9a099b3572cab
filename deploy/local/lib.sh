# shellcheck shell=bash
# Shared by every deploy/local script: paths, ports, settings, logging, pid files, installers, and the
# start/check/stop of each component. Sourced, never run. Every runtime file lives in deploy/local/.run/.

NF_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NF_ROOT="$(cd "$NF_LOCAL_DIR/../.." && pwd)"
# Every runtime file; another directory (and other ports) runs a second, separate stack beside it.
NF_RUN="${NATURAFLUX_RUN_DIR:-$NF_LOCAL_DIR/.run}"
NF_LOGS="$NF_RUN/logs"
NF_PIDS="$NF_RUN/pids"
NF_LIB="$NF_RUN/lib"
NF_SECRETS="$NF_RUN/secrets.env"
NF_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# ---------------------------------------------------------------------------------------------------
# Settings of the local stack (each overridable by environment)
# ---------------------------------------------------------------------------------------------------
: "${NATURAFLUX_LOCAL_STACK=postgres kafka s3 connect smtp keycloak}"  # components run here; drop one to use an external one
: "${NATURAFLUX_PG_VERSION:=15}"
: "${NATURAFLUX_PG_CLUSTER:=main}"
: "${NATURAFLUX_PG_PORT:=5432}"
: "${NATURAFLUX_PG_MAX_SLOT_WAL_KEEP_SIZE:=4GB}"  # see README, "Change capture"
: "${NATURAFLUX_KAFKA_PORT:=9092}"
: "${NATURAFLUX_KAFKA_CONTROLLER_PORT:=9093}"
: "${NATURAFLUX_KAFKA_SASL_PORT:=9095}"             # the secured listener: SASL_SSL, SCRAM-SHA-512 users
: "${NATURAFLUX_KAFKA_SCRAM_USER:=naturaflux}"      # the SCRAM user the scripts create for the services
: "${NATURAFLUX_KAFKA_HEAP:=512m}"
: "${NATURAFLUX_S3_PORT:=9000}"
: "${NATURAFLUX_CONNECT_PORT:=8083}"
: "${NATURAFLUX_CONNECT_HEAP:=256m}"
: "${NATURAFLUX_SMTP_PORT:=2525}"          # the local SMTP server (GreenMail): SMTP, no TLS, any login
: "${NATURAFLUX_SMTP_IMAP_PORT:=2143}"     # its IMAP, to read mails back
: "${NATURAFLUX_SMTP_API_PORT:=18025}"     # its REST API (tests and the demo read mails there)
: "${NATURAFLUX_API_PORT:=8080}"
: "${NATURAFLUX_WORKER_BASE_PORT:=8081}"
: "${NATURAFLUX_MANAGEMENT_PORT:=9180}"              # request-service's health, metrics, OpenAPI (S3Proxy has 9000)
: "${NATURAFLUX_WORKER_MANAGEMENT_BASE_PORT:=9181}"  # export-worker-<i>'s health and metrics on base + i
: "${NATURAFLUX_SERVICE_HEAP:=384m}"
: "${NATURAFLUX_WORKER_HEAP:=$NATURAFLUX_SERVICE_HEAP}"   # export-workers' -Xmx (deploy/local/bench: 256m)
: "${NATURAFLUX_WORKER_JAVA_OPTS=-XX:+UseSerialGC}"           # export-workers' other JVM options (word-split)
: "${NATURAFLUX_WORKER_MALLOC_ARENA_MAX:=2}"                   # their glibc malloc arenas (native memory)
: "${NATURAFLUX_LOG_JSON:=false}"                            # the services' logs: text; true: JSON lines as in production
: "${NATURAFLUX_KEYCLOAK_VERSION:=26.7.3}"
: "${NATURAFLUX_KEYCLOAK_PORT:=18180}"
: "${NATURAFLUX_KEYCLOAK_MANAGEMENT_PORT:=19000}"      # Keycloak's health (its default, 9000, is S3Proxy's here)
: "${NATURAFLUX_KEYCLOAK_HEAP:=512m}"
: "${NATURAFLUX_KEYCLOAK_START_TIMEOUT:=600}"         # seconds; its first start builds it (a minute, more on a busy machine)
: "${NATURAFLUX_START_TIMEOUT:=120}"
: "${WORKERS:=2}"
: "${COMMAND_PARTITIONS:=4}"

NF_DB_NAME="${NATURAFLUX_DB_NAME:-naturaflux}"
NF_SOURCE_DB_NAME="${NATURAFLUX_SOURCE_DB_NAME:-geonature}"

# Change capture (Debezium in Kafka Connect): the captured tables of the source database, the
# publication and replication slot there, the connector, and its topics <prefix>.<schema>.<table>.
NF_CDC_TABLES=(gn_synthese.synthese ref_geo.l_areas)
NF_CDC_PUBLICATION=naturaflux_cdc
NF_CDC_SLOT=naturaflux_cdc
NF_CDC_CONNECTOR=naturaflux-cdc
NF_CDC_TOPIC_PREFIX=naturaflux.cdc
NF_CDC_HEARTBEAT_PREFIX=naturaflux_cdc_heartbeat

# Topics: name and partition count. The change topics are created here too (one partition: one ordered
# stream per table), so that consumers can subscribe before the first change.
NF_TOPICS=(
  "naturaflux.export-commands:$COMMAND_PARTITIONS"
  "naturaflux.export-events:4"
  "naturaflux.export-commands.dlq:1"
  "$NF_CDC_TOPIC_PREFIX.gn_synthese.synthese:1"
  "$NF_CDC_TOPIC_PREFIX.ref_geo.l_areas:1"
)

# Generated on first use, kept in .run/secrets.env (chmod 600), overridable by environment.
NF_SECRET_VARS=(
  NATURAFLUX_DB_PASSWORD
  NATURAFLUX_SOURCE_DB_PASSWORD
  NATURAFLUX_SOURCE_ADMIN_DB_PASSWORD
  NATURAFLUX_CDC_DB_PASSWORD
  NATURAFLUX_S3_ACCESS_KEY
  NATURAFLUX_S3_SECRET_KEY
  NATURAFLUX_ADMIN_TOKEN
  NATURAFLUX_KAFKA_SCRAM_PASSWORD
  NATURAFLUX_KAFKA_TLS_STORE_PASSWORD
  NATURAFLUX_OIDC_CLIENT_SECRET
  NATURAFLUX_KEYCLOAK_ADMIN_PASSWORD
  NATURAFLUX_PORTAL_ADMIN_PASSWORD
  NATURAFLUX_PORTAL_PARTNER_A_PASSWORD
  NATURAFLUX_PORTAL_PARTNER_B_PASSWORD
)

# What `deploy/local/env` prints, in this order: the names the services and the tests read.
NF_ENV_VARS=(
  NATURAFLUX_API
  NATURAFLUX_MANAGEMENT_URL
  NATURAFLUX_ADMIN_TOKEN
  NATURAFLUX_DB_URL
  NATURAFLUX_DB_USER
  NATURAFLUX_DB_PASSWORD
  NATURAFLUX_SOURCE_DB_URL
  NATURAFLUX_SOURCE_DB_USER
  NATURAFLUX_SOURCE_DB_PASSWORD
  NATURAFLUX_SOURCE_ADMIN_DB_USER
  NATURAFLUX_SOURCE_ADMIN_DB_PASSWORD
  NATURAFLUX_CDC_DB_USER
  NATURAFLUX_CDC_DB_PASSWORD
  KAFKA_BOOTSTRAP_SERVERS
  NATURAFLUX_KAFKA_SASL_SSL_SERVERS
  NATURAFLUX_KAFKA_SCRAM_USER
  NATURAFLUX_KAFKA_SCRAM_PASSWORD
  NATURAFLUX_KAFKA_TLS_TRUSTSTORE
  NATURAFLUX_KAFKA_TLS_STORE_PASSWORD
  NATURAFLUX_S3_ENDPOINT
  NATURAFLUX_S3_PUBLIC_ENDPOINT
  NATURAFLUX_S3_REGION
  NATURAFLUX_S3_ACCESS_KEY
  NATURAFLUX_S3_SECRET_KEY
  NATURAFLUX_S3_BUCKET
  NATURAFLUX_TEST_DB_TEMPLATE
  NATURAFLUX_CONNECT_URL
  NATURAFLUX_CDC_TOPIC
  NATURAFLUX_CDC_AREAS_TOPIC
  NATURAFLUX_SMTP_HOST
  NATURAFLUX_SMTP_PORT
  NATURAFLUX_MAIL_FROM
  NATURAFLUX_MAIL_STAFF
  NATURAFLUX_PORTAL_URL
  NATURAFLUX_SMTP_API
  NATURAFLUX_OIDC_AUTH_SERVER_URL
  NATURAFLUX_OIDC_CLIENT_ID
  NATURAFLUX_OIDC_CLIENT_SECRET
  NATURAFLUX_KEYCLOAK_URL
  NATURAFLUX_KEYCLOAK_ADMIN_PASSWORD
  NATURAFLUX_PORTAL_ADMIN_PASSWORD
  NATURAFLUX_PORTAL_PARTNER_A_PASSWORD
  NATURAFLUX_PORTAL_PARTNER_B_PASSWORD
)

# ---------------------------------------------------------------------------------------------------
# Messages (stderr, so that stdout stays clean for `env` and `status`)
# ---------------------------------------------------------------------------------------------------
nf_info() { printf '[naturaflux] %s\n' "$*" >&2; }
nf_warn() { printf '[naturaflux] WARNING: %s\n' "$*" >&2; }
nf_die() { printf '[naturaflux] ERROR: %s\n' "$*" >&2; exit 1; }

# Nothing fails silently: an unexpected failure names the command and where it happened.
set -E
trap 'printf "[naturaflux] ERROR: unexpected failure (status %s) of: %s (%s:%s)\n" "$?" "$BASH_COMMAND" "${BASH_SOURCE[0]##*/}" "$LINENO" >&2' ERR

nf_is_local() { [[ " $NATURAFLUX_LOCAL_STACK " == *" $1 "* ]]; }

nf_as_root() {
  if [[ $EUID -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else nf_die "needs root for: $*"
  fi
}

# ---------------------------------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------------------------------
nf_pkg_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Installs the missing packages among "$@"; refreshes the package lists once if one is unknown.
nf_apt_install() {
  local missing=() pkg
  for pkg in "$@"; do nf_pkg_installed "$pkg" || missing+=("$pkg"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  nf_info "installing Debian packages: ${missing[*]}"
  local -a apt=(env DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=600)
  for pkg in "${missing[@]}"; do
    if ! apt-cache show "$pkg" >/dev/null 2>&1; then
      nf_info "package $pkg is unknown to apt: running apt-get update"
      nf_as_root "${apt[@]}" update >"$NF_LOGS/apt.log" 2>&1 || { tail -n 20 "$NF_LOGS/apt.log" >&2; nf_die "apt-get update failed (log: $NF_LOGS/apt.log)"; }
      break
    fi
  done
  if ! nf_as_root "${apt[@]}" install "${missing[@]}" >>"$NF_LOGS/apt.log" 2>&1; then
    # Stale package lists name versions the mirror no longer serves: refresh once and retry.
    nf_info "apt-get install failed; refreshing the package lists and retrying once"
    nf_as_root "${apt[@]}" update >>"$NF_LOGS/apt.log" 2>&1 || true
    nf_as_root "${apt[@]}" install "${missing[@]}" >>"$NF_LOGS/apt.log" 2>&1 \
      || { tail -n 20 "$NF_LOGS/apt.log" >&2; nf_die "apt-get install ${missing[*]} failed (log: $NF_LOGS/apt.log)"; }
  fi
}

# The tools the scripts themselves need: Java 17 (also for Maven), curl (S3 API, health, Connect REST),
# openssl, jq (Connect's JSON), node and npm (the build of the portal's pages).
nf_require_tools() {
  local pkgs=()
  command -v curl >/dev/null || pkgs+=(curl)
  command -v openssl >/dev/null || pkgs+=(openssl)
  command -v javac >/dev/null || pkgs+=(openjdk-17-jdk-headless)
  command -v jq >/dev/null || pkgs+=(jq)
  command -v npm >/dev/null || pkgs+=(nodejs npm)   # the portal's front-end build (request-service)
  [[ ${#pkgs[@]} -eq 0 ]] || nf_apt_install "${pkgs[@]}"
}

nf_init_dirs() {
  mkdir -p "$NF_LOGS" "$NF_PIDS" "$NF_LIB"
  chmod 700 "$NF_RUN"
}

# ---------------------------------------------------------------------------------------------------
# Secrets and the environment the services, the tests and the user's shell read
# ---------------------------------------------------------------------------------------------------
nf_secret_from_file() {
  [[ -f "$NF_SECRETS" ]] || return 0
  local key value
  while IFS='=' read -r key value; do
    [[ "$key" == "$1" ]] && { printf '%s' "$value"; return 0; }
  done <"$NF_SECRETS"
  return 0
}

nf_generate_secret() {
  case "$1" in
    NATURAFLUX_S3_ACCESS_KEY) printf 'nf%s' "$(openssl rand -hex 9)" ;;
    NATURAFLUX_ADMIN_TOKEN) openssl rand -hex 32 ;;
    *) openssl rand -hex 20 ;;
  esac
}

# Caller's environment first, then .run/secrets.env; with "generate", creates and persists the rest.
# Sets NF_ADMIN_TOKEN_FROM_CALLER / NF_ADMIN_TOKEN_GENERATED for `up` to say where the token comes from.
# shellcheck disable=SC2034
nf_load_secrets() {
  local mode="${1:-read}" name value
  NF_ADMIN_TOKEN_FROM_CALLER="${NATURAFLUX_ADMIN_TOKEN:+yes}"
  NF_ADMIN_TOKEN_GENERATED=""
  for name in "${NF_SECRET_VARS[@]}"; do
    [[ -n "${!name:-}" ]] && continue
    value="$(nf_secret_from_file "$name")"
    if [[ -z "$value" && "$mode" == generate ]]; then
      value="$(nf_generate_secret "$name")"
      (umask 077; printf '%s=%s\n' "$name" "$value" >>"$NF_SECRETS")
      [[ "$name" == NATURAFLUX_ADMIN_TOKEN ]] && NF_ADMIN_TOKEN_GENERATED=yes
    fi
    [[ -n "$value" ]] && export "$name=$value"
  done
  [[ ! -f "$NF_SECRETS" ]] || chmod 600 "$NF_SECRETS"
}

# Every endpoint and name, defaulting to the local stack unless the caller set it.
nf_config() {
  export NATURAFLUX_API="${NATURAFLUX_API:-http://127.0.0.1:$NATURAFLUX_API_PORT}"
  export NATURAFLUX_MANAGEMENT_URL="${NATURAFLUX_MANAGEMENT_URL:-http://127.0.0.1:$NATURAFLUX_MANAGEMENT_PORT}"
  export NATURAFLUX_DB_URL="${NATURAFLUX_DB_URL:-jdbc:postgresql://127.0.0.1:$NATURAFLUX_PG_PORT/$NF_DB_NAME}"
  export NATURAFLUX_DB_USER="${NATURAFLUX_DB_USER:-naturaflux}"
  export NATURAFLUX_SOURCE_DB_URL="${NATURAFLUX_SOURCE_DB_URL:-jdbc:postgresql://127.0.0.1:$NATURAFLUX_PG_PORT/$NF_SOURCE_DB_NAME}"
  export NATURAFLUX_SOURCE_DB_USER="${NATURAFLUX_SOURCE_DB_USER:-naturaflux_reader}"
  export NATURAFLUX_SOURCE_ADMIN_DB_USER="${NATURAFLUX_SOURCE_ADMIN_DB_USER:-geonature}"
  export NATURAFLUX_CDC_DB_USER="${NATURAFLUX_CDC_DB_USER:-naturaflux_cdc}"
  export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$NATURAFLUX_KAFKA_PORT}"
  # The same broker's SASL_SSL listener, its SCRAM user and the truststore of its certificate.
  export NATURAFLUX_KAFKA_SASL_SSL_SERVERS="${NATURAFLUX_KAFKA_SASL_SSL_SERVERS:-127.0.0.1:$NATURAFLUX_KAFKA_SASL_PORT}"
  export NATURAFLUX_KAFKA_SCRAM_USER
  export NATURAFLUX_KAFKA_TLS_TRUSTSTORE="${NATURAFLUX_KAFKA_TLS_TRUSTSTORE:-$NF_KAFKA_TLS_DIR/truststore.p12}"
  export NATURAFLUX_S3_ENDPOINT="${NATURAFLUX_S3_ENDPOINT:-http://127.0.0.1:$NATURAFLUX_S3_PORT}"
  export NATURAFLUX_S3_PUBLIC_ENDPOINT="${NATURAFLUX_S3_PUBLIC_ENDPOINT:-$NATURAFLUX_S3_ENDPOINT}"
  export NATURAFLUX_S3_REGION="${NATURAFLUX_S3_REGION:-us-east-1}"
  export NATURAFLUX_S3_BUCKET="${NATURAFLUX_S3_BUCKET:-naturaflux}"
  export NATURAFLUX_TEST_DB_TEMPLATE="${NATURAFLUX_TEST_DB_TEMPLATE:-naturaflux_template_postgis}"
  export NATURAFLUX_CONNECT_URL="${NATURAFLUX_CONNECT_URL:-http://127.0.0.1:$NATURAFLUX_CONNECT_PORT}"
  export NATURAFLUX_CDC_TOPIC="${NATURAFLUX_CDC_TOPIC:-$NF_CDC_TOPIC_PREFIX.gn_synthese.synthese}"
  export NATURAFLUX_CDC_AREAS_TOPIC="${NATURAFLUX_CDC_AREAS_TOPIC:-$NF_CDC_TOPIC_PREFIX.ref_geo.l_areas}"
  # E-mails: the SMTP server the request-service sends through, its sender, the staff's address(es)
  # (comma-separated), the link the mails give; NATURAFLUX_SMTP_API is the local GreenMail's REST API.
  export NATURAFLUX_SMTP_HOST="${NATURAFLUX_SMTP_HOST:-127.0.0.1}"
  export NATURAFLUX_SMTP_PORT
  export NATURAFLUX_MAIL_FROM="${NATURAFLUX_MAIL_FROM:-NaturaFlux <noreply@naturaflux.test>}"
  export NATURAFLUX_MAIL_STAFF="${NATURAFLUX_MAIL_STAFF:-equipe@naturaflux.test}"
  export NATURAFLUX_PORTAL_URL="${NATURAFLUX_PORTAL_URL:-$NATURAFLUX_API}"
  export NATURAFLUX_SMTP_API="${NATURAFLUX_SMTP_API:-http://127.0.0.1:$NATURAFLUX_SMTP_API_PORT}"
  # Keycloak's issuer is always "localhost" (--hostname), whichever address a request used.
  export NATURAFLUX_KEYCLOAK_URL="${NATURAFLUX_KEYCLOAK_URL:-http://localhost:$NATURAFLUX_KEYCLOAK_PORT}"
  export NATURAFLUX_OIDC_AUTH_SERVER_URL="${NATURAFLUX_OIDC_AUTH_SERVER_URL:-$NATURAFLUX_KEYCLOAK_URL/realms/$NF_KEYCLOAK_REALM}"
  export NATURAFLUX_OIDC_CLIENT_ID="${NATURAFLUX_OIDC_CLIENT_ID:-naturaflux-portal}"
}

# Single-quoted for any POSIX shell.
nf_shell_quote() { local v="${1//\'/\'\\\'\'}"; printf "'%s'" "$v"; }

nf_print_env() {
  local name
  for name in "${NF_ENV_VARS[@]}"; do
    printf 'export %s=%s\n' "$name" "$(nf_shell_quote "${!name:-}")"
  done
}

# ---------------------------------------------------------------------------------------------------
# Processes: pid files, ports, waiting
# ---------------------------------------------------------------------------------------------------
# Every process we start carries -Dnaturaflux.component=<name>: a pid is ours only if it still does.
nf_pid_file() { printf '%s/%s.pid' "$NF_PIDS" "$1"; }

nf_pid_of() {
  local file pid
  file="$(nf_pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(<"$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null \
    && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Dnaturaflux.component=$1 " \
    && printf '%s' "$pid"
}

nf_running() { nf_pid_of "$1" >/dev/null; }

nf_port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# Starts "$@" detached (own session, no stdin), logging to .run/logs/<name>.log, pid in .run/pids/.
nf_spawn() {
  local name="$1"; shift
  local log="$NF_LOGS/$name.log"
  printf '\n===== %s: starting %s\n' "$(date -Is)" "$name" >>"$log"
  setsid nohup "$@" >>"$log" 2>&1 </dev/null &
  printf '%s' "$!" >"$(nf_pid_file "$name")"
}

# nf_wait_ready <name> <what> <check command...>: polls until the check passes, the process dies or
# NATURAFLUX_START_TIMEOUT elapses; on failure stops the process, prints its log's tail and exits 1.
nf_wait_ready() {
  local name="$1" what="$2"; shift 2
  local deadline=$((SECONDS + NATURAFLUX_START_TIMEOUT))
  while ! "$@"; do
    if ! nf_running "$name"; then
      nf_fail "$name" "$what exited during start-up"
    elif ((SECONDS >= deadline)); then
      nf_stop "$name" >/dev/null 2>&1 || true
      nf_fail "$name" "$what not ready after ${NATURAFLUX_START_TIMEOUT}s"
    fi
    sleep 0.5
  done
}

nf_fail() {
  local name="$1" reason="$2"
  printf '[naturaflux] ERROR: %s. Last lines of %s:\n' "$reason" "$NF_LOGS/$name.log" >&2
  tail -n 30 "$NF_LOGS/$name.log" 2>/dev/null | sed 's/^/    /' >&2 || true
  exit 1
}

# Refuses to start when the port is held by a process that is not ours.
nf_require_free_port() {
  nf_port_open 127.0.0.1 "$2" && nf_die "port 127.0.0.1:$2 (for $1) is used by a process that deploy/local did not start"
  return 0
}

# SIGTERM, wait up to 30 s, then SIGKILL. Only the pid recorded for <name>, and only if still ours.
nf_stop() {
  local name="$1" pid i
  if ! pid="$(nf_pid_of "$name")"; then
    rm -f "$(nf_pid_file "$name")"
    return 0
  fi
  nf_info "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    nf_warn "$name (pid $pid) ignored SIGTERM for 30 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$(nf_pid_file "$name")"
}

# Server classpaths from Maven Central (deploy/local/stack/pom.xml), fetched again when a pom changes.
nf_stack_lib() {
  local component="$1" dir="$NF_LIB/$1" stamp
  stamp="$(cat "$NF_ROOT/pom.xml" "$NF_LOCAL_DIR/stack/pom.xml" | sha256sum | cut -d' ' -f1)"
  [[ -f "$dir/.stamp" && "$(<"$dir/.stamp")" == "$stamp" ]] && return 0
  nf_info "resolving the $component classpath from Maven Central into $dir"
  rm -rf "$dir"
  (cd "$NF_ROOT" && ./mvnw -q -B -f deploy/local/stack/pom.xml -P "$component" package) >"$NF_LOGS/maven-$component.log" 2>&1 \
    || { tail -n 30 "$NF_LOGS/maven-$component.log" >&2; nf_die "could not resolve the $component classpath (log: $NF_LOGS/maven-$component.log)"; }
  printf '%s' "$stamp" >"$dir/.stamp"
}

# ---------------------------------------------------------------------------------------------------
# PostgreSQL 15 + PostGIS (Debian cluster, superuser actions as postgres through peer auth)
# ---------------------------------------------------------------------------------------------------
NF_PG_CONF_DIR="/etc/postgresql/$NATURAFLUX_PG_VERSION/$NATURAFLUX_PG_CLUSTER"
NF_PG_STARTED_MARK="$NF_PIDS/postgresql.started-by-naturaflux"

nf_valid_identifier() { [[ "$1" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || nf_die "'$1' is not a plain lower-case SQL identifier"; }
nf_sql_literal() { printf "'%s'" "${1//\'/\'\'}"; }

# nf_pg_super <database> [psql flags]: SQL on stdin, run by the postgres superuser over the local
# socket (peer authentication); passwords never reach argv.
nf_pg_super() {
  local db="$1"; shift
  nf_as_root su postgres -s /bin/bash -c \
    "cd / && PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -p $NATURAFLUX_PG_PORT -d $db $*"
}

nf_pg_cluster_status() {
  command -v pg_lsclusters >/dev/null || return 0
  pg_lsclusters -h 2>/dev/null | awk -v v="$NATURAFLUX_PG_VERSION" -v c="$NATURAFLUX_PG_CLUSTER" '$1 == v && $2 == c { print $4 }'
}

# psql over TCP with a JDBC URL's libpq form; password from the environment, not argv.
nf_psql_url() {
  local url="$1" user="$2" password="$3"; shift 3
  PGPASSWORD="$password" PGCONNECT_TIMEOUT=5 psql -X -q -A -t -v ON_ERROR_STOP=1 -U "$user" -d "${url#jdbc:}" "$@"
}

nf_pg_write_config() {
  local conf="$NF_PG_CONF_DIR/conf.d/50-naturaflux.conf" wanted current_port
  wanted="# Written by deploy/local (naturaflux). Logical decoding for change capture (Debezium).
listen_addresses = '127.0.0.1'
wal_level = logical
max_replication_slots = 10
max_wal_senders = 10
# An abandoned replication slot may retain at most this much WAL, then it is invalidated.
max_slot_wal_keep_size = $NATURAFLUX_PG_MAX_SLOT_WAL_KEEP_SIZE"
  if [[ ! -f "$conf" || "$(<"$conf")" != "$wanted" ]]; then
    nf_info "writing $conf (listen 127.0.0.1, wal_level=logical, max_slot_wal_keep_size=$NATURAFLUX_PG_MAX_SLOT_WAL_KEEP_SIZE)"
    printf '%s\n' "$wanted" | nf_as_root tee "$conf" >/dev/null
  fi
  current_port="$(pg_conftool -s "$NATURAFLUX_PG_VERSION" "$NATURAFLUX_PG_CLUSTER" show port 2>/dev/null || true)"
  if [[ "$current_port" != "$NATURAFLUX_PG_PORT" ]]; then
    nf_info "setting the port of cluster $NATURAFLUX_PG_VERSION/$NATURAFLUX_PG_CLUSTER to $NATURAFLUX_PG_PORT"
    nf_as_root pg_conftool "$NATURAFLUX_PG_VERSION" "$NATURAFLUX_PG_CLUSTER" set port "$NATURAFLUX_PG_PORT"
    NF_PG_PORT_CHANGED=yes
  fi
}

nf_pg_ready() { pg_isready -q -h 127.0.0.1 -p "$NATURAFLUX_PG_PORT" -t 2; }

nf_pg_wait() {
  local deadline=$((SECONDS + 60))
  until nf_pg_ready; do
    ((SECONDS < deadline)) || {
      tail -n 30 "$NF_LOGS/postgresql.log" 2>/dev/null | sed 's/^/    /' >&2
      nf_die "PostgreSQL $NATURAFLUX_PG_VERSION/$NATURAFLUX_PG_CLUSTER did not accept connections on 127.0.0.1:$NATURAFLUX_PG_PORT"
    }
    sleep 0.5
  done
}

nf_pg_ctl() {
  nf_as_root pg_ctlcluster "$NATURAFLUX_PG_VERSION" "$NATURAFLUX_PG_CLUSTER" "$1" >>"$NF_LOGS/postgresql-ctl.log" 2>&1 \
    || { tail -n 30 "$NF_LOGS/postgresql.log" 2>/dev/null | sed 's/^/    /' >&2; nf_die "pg_ctlcluster $1 failed (logs: $NF_LOGS/postgresql.log, $NF_LOGS/postgresql-ctl.log)"; }
}

nf_pg_up() {
  local installed_now="" status pending
  if ! nf_pkg_installed "postgresql-$NATURAFLUX_PG_VERSION" || ! nf_pkg_installed "postgresql-$NATURAFLUX_PG_VERSION-postgis-3"; then
    nf_pkg_installed "postgresql-$NATURAFLUX_PG_VERSION" || installed_now=yes
    nf_apt_install "postgresql-$NATURAFLUX_PG_VERSION" "postgresql-$NATURAFLUX_PG_VERSION-postgis-3"
  fi
  status="$(nf_pg_cluster_status)"
  if [[ -z "$status" ]]; then
    nf_info "creating PostgreSQL cluster $NATURAFLUX_PG_VERSION/$NATURAFLUX_PG_CLUSTER"
    nf_as_root pg_createcluster "$NATURAFLUX_PG_VERSION" "$NATURAFLUX_PG_CLUSTER" >>"$NF_LOGS/postgresql-ctl.log" 2>&1
    installed_now=yes
    status=down
  fi
  ln -sfn "/var/log/postgresql/postgresql-$NATURAFLUX_PG_VERSION-$NATURAFLUX_PG_CLUSTER.log" "$NF_LOGS/postgresql.log"
  NF_PG_PORT_CHANGED=""
  nf_pg_write_config

  if [[ "$status" != down && -n "$NF_PG_PORT_CHANGED" ]]; then
    nf_info "PostgreSQL $NATURAFLUX_PG_VERSION/$NATURAFLUX_PG_CLUSTER runs on another port: restarting it on $NATURAFLUX_PG_PORT"
    nf_pg_ctl restart
  elif [[ "$status" == down ]]; then
    nf_info "starting PostgreSQL $NATURAFLUX_PG_VERSION/$NATURAFLUX_PG_CLUSTER on 127.0.0.1:$NATURAFLUX_PG_PORT"
    nf_pg_ctl start
    touch "$NF_PG_STARTED_MARK"
  else
    [[ -n "$installed_now" ]] && touch "$NF_PG_STARTED_MARK"
    nf_pg_ctl reload
    sleep 0.5
    pending="$(printf 'SELECT string_agg(name, %s) FROM pg_settings WHERE pending_restart;\n' "', '" | nf_pg_super postgres -A -t 2>/dev/null || true)"
    if [[ -n "$pending" ]]; then
      nf_info "PostgreSQL $NATURAFLUX_PG_VERSION/$NATURAFLUX_PG_CLUSTER is running without the settings it needs ($pending; wal_level=logical is required for change capture): restarting it"
      nf_pg_ctl restart
    fi
  fi
  nf_pg_wait
  nf_pg_provision
  nf_pg_check >/dev/null || nf_die "PostgreSQL is up but the naturaflux roles cannot log in over TCP (see above)"
  nf_info "PostgreSQL ready: $(nf_pg_check)"
}

nf_pg_provision() {
  local app="$NATURAFLUX_DB_USER" src="$NATURAFLUX_SOURCE_ADMIN_DB_USER" reader="$NATURAFLUX_SOURCE_DB_USER"
  local cdc="$NATURAFLUX_CDC_DB_USER" tmpl="$NATURAFLUX_TEST_DB_TEMPLATE" id
  for id in "$app" "$src" "$reader" "$cdc" "$tmpl" "$NF_DB_NAME" "$NF_SOURCE_DB_NAME"; do nf_valid_identifier "$id"; done

  nf_pg_super postgres <<SQL
DO \$\$
DECLARE r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['$app', '$src', '$reader', '$cdc'] LOOP
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I', r);
    END IF;
  END LOOP;
END
\$\$;
ALTER ROLE "$app" WITH LOGIN CREATEDB PASSWORD $(nf_sql_literal "$NATURAFLUX_DB_PASSWORD");
ALTER ROLE "$src" WITH LOGIN PASSWORD $(nf_sql_literal "$NATURAFLUX_SOURCE_ADMIN_DB_PASSWORD");
ALTER ROLE "$reader" WITH LOGIN PASSWORD $(nf_sql_literal "$NATURAFLUX_SOURCE_DB_PASSWORD");
ALTER ROLE "$cdc" WITH LOGIN REPLICATION PASSWORD $(nf_sql_literal "$NATURAFLUX_CDC_DB_PASSWORD");
SELECT 'CREATE DATABASE "$NF_DB_NAME" OWNER "$app"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$NF_DB_NAME') \gexec
SELECT 'CREATE DATABASE "$NF_SOURCE_DB_NAME" OWNER "$src"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$NF_SOURCE_DB_NAME') \gexec
SELECT 'CREATE DATABASE "$tmpl" OWNER "$app"' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$tmpl') \gexec
ALTER DATABASE "$NF_DB_NAME" OWNER TO "$app";
ALTER DATABASE "$NF_SOURCE_DB_NAME" OWNER TO "$src";
ALTER DATABASE "$tmpl" OWNER TO "$app";
SQL

  # The observation source: PostGIS, and read-only access for the services, now and for future tables.
  nf_pg_super "$NF_SOURCE_DB_NAME" <<SQL
CREATE EXTENSION IF NOT EXISTS postgis;
GRANT CONNECT ON DATABASE "$NF_SOURCE_DB_NAME" TO "$reader";
DO \$\$
DECLARE s text;
BEGIN
  FOR s IN SELECT nspname FROM pg_namespace
           WHERE nspname NOT LIKE 'pg\_%' AND nspname <> 'information_schema' LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', s, '$reader');
    EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO %I', s, '$reader');
  END LOOP;
END
\$\$;
ALTER DEFAULT PRIVILEGES FOR ROLE "$src" GRANT USAGE ON SCHEMAS TO "$reader";
ALTER DEFAULT PRIVILEGES FOR ROLE "$src" GRANT SELECT ON TABLES TO "$reader";
SQL

  # The template tests clone (as $app, no superuser needed): PostGIS already installed.
  nf_pg_super "$tmpl" <<SQL
CREATE EXTENSION IF NOT EXISTS postgis;
SQL
  nf_pg_super postgres <<SQL
ALTER DATABASE "$tmpl" IS_TEMPLATE true;
SQL
}

# One line about PostgreSQL as the services see it; non-zero when unreachable or misconfigured.
nf_pg_check() {
  local out
  command -v psql >/dev/null || { echo "psql not installed"; return 1; }
  out="$(nf_psql_url "$NATURAFLUX_DB_URL" "$NATURAFLUX_DB_USER" "${NATURAFLUX_DB_PASSWORD:-}" -F ' ' \
      -c "SELECT current_setting('server_version'), current_setting('wal_level')" 2>&1)" \
    || { echo "cannot connect to $NATURAFLUX_DB_URL as $NATURAFLUX_DB_USER: ${out//$'\n'/ }"; return 1; }
  local version="${out%% *}" wal="${out##* }" postgis
  postgis="$(nf_psql_url "$NATURAFLUX_SOURCE_DB_URL" "$NATURAFLUX_SOURCE_DB_USER" "${NATURAFLUX_SOURCE_DB_PASSWORD:-}" \
      -c "SELECT postgis_lib_version()" 2>&1)" \
    || { echo "cannot query PostGIS in $NATURAFLUX_SOURCE_DB_URL as $NATURAFLUX_SOURCE_DB_USER: ${postgis//$'\n'/ }"; return 1; }
  if [[ "$wal" != logical ]]; then
    echo "PostgreSQL $version at ${NATURAFLUX_DB_URL#jdbc:postgresql://}: wal_level=$wal, change capture needs logical (deploy/local/stack-up sets it)"
    return 1
  fi
  echo "PostgreSQL $version at ${NATURAFLUX_DB_URL#jdbc:postgresql://}, PostGIS $postgis in the source database, wal_level=$wal"
}

# ---------------------------------------------------------------------------------------------------
# Kafka (KRaft, single node: broker + controller), from the Maven Central jars
# ---------------------------------------------------------------------------------------------------
NF_KAFKA_DIR="$NF_RUN/kafka"
NF_KAFKA_TLS_DIR="$NF_KAFKA_DIR/tls"
NF_KEYTOOL="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"

# The Kafka clients' security settings, as the services read them (Quarkus maps every KAFKA_* variable to
# the kafka.* setting of the same name, applied to all their clients): one place for the scripts' clients
# too (kafka-topics and kafka-configs, Kafka Connect). Prints <prefix><setting>=<value> for each one set;
# nothing for the local broker's plaintext listener.
NF_KAFKA_SECURITY_VARS=(KAFKA_SECURITY_PROTOCOL KAFKA_SASL_MECHANISM KAFKA_SASL_JAAS_CONFIG
  KAFKA_SSL_TRUSTSTORE_LOCATION KAFKA_SSL_TRUSTSTORE_PASSWORD KAFKA_SSL_TRUSTSTORE_TYPE)
nf_kafka_client_security() {
  local prefix="${1:-}" name setting
  for name in "${NF_KAFKA_SECURITY_VARS[@]}"; do
    [[ -n "${!name:-}" ]] || continue
    setting="${name#KAFKA_}"
    setting="${setting//_/.}"
    printf '%s%s=%s\n' "$prefix" "${setting,,}" "${!name}"
  done
}

nf_kafka_java() {
  "$NF_JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$NF_KAFKA_DIR/tools-log4j2.properties" \
    -cp "$NF_LIB/kafka/*" "$@"
}

# kafka-topics on the configured bootstrap servers, with short timeouts.
nf_kafka_topics() {
  nf_kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" \
    --command-config "$NF_KAFKA_DIR/tools.properties" "$@"
}

nf_kafka_write_config() {
  mkdir -p "$NF_KAFKA_DIR/data"
  chmod 700 "$NF_KAFKA_DIR"
  # Holds the keystore's password: readable by this user only.
  (umask 077; cat >"$NF_KAFKA_DIR/server.properties" <<EOF
# Written by deploy/local/lib.sh: single node, broker and controller in one process. Two client
# listeners: PLAINTEXT (the local services and tests) and SASL_SSL (SCRAM-SHA-512 users over TLS, the
# certificate in tls/ generated by the scripts): the secured path, as on a production cluster.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$NATURAFLUX_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$NATURAFLUX_KAFKA_PORT,CONTROLLER://127.0.0.1:$NATURAFLUX_KAFKA_CONTROLLER_PORT,SASL_SSL://127.0.0.1:$NATURAFLUX_KAFKA_SASL_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$NATURAFLUX_KAFKA_PORT,SASL_SSL://127.0.0.1:$NATURAFLUX_KAFKA_SASL_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL
listener.name.sasl_ssl.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
listener.name.sasl_ssl.ssl.keystore.type=PKCS12
listener.name.sasl_ssl.ssl.keystore.location=$NF_KAFKA_TLS_DIR/broker.p12
listener.name.sasl_ssl.ssl.keystore.password=$NATURAFLUX_KAFKA_TLS_STORE_PASSWORD
log.dirs=$NF_KAFKA_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
  )
  cat >"$NF_KAFKA_DIR/log4j2.properties" <<'EOF'
# Written by deploy/local/lib.sh: the broker logs to stdout, which goes to .run/logs/kafka.log.
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
logger.controller.name = kafka.controller
logger.controller.level = INFO
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
EOF
  cat >"$NF_KAFKA_DIR/tools-log4j2.properties" <<'EOF'
status = warn
appender.err.type = Console
appender.err.name = ERR
appender.err.target = SYSTEM_ERR
appender.err.layout.type = PatternLayout
appender.err.layout.pattern = %p %m%n
rootLogger.level = ERROR
rootLogger.appenderRef.err.ref = ERR
EOF
  (umask 077; { printf 'request.timeout.ms=5000\ndefault.api.timeout.ms=10000\n'; nf_kafka_client_security; } >"$NF_KAFKA_DIR/tools.properties")
}

# The broker's TLS key pair (self-signed, for 127.0.0.1 and localhost) in tls/broker.p12, and its
# certificate in tls/truststore.p12 (what clients trust), both PKCS12 under
# NATURAFLUX_KAFKA_TLS_STORE_PASSWORD, made by the JDK's keytool; made again when missing or not readable
# with that password.
nf_kafka_tls() {
  local dir="$NF_KAFKA_TLS_DIR"
  export NF_TLS_STORE_PASSWORD="$NATURAFLUX_KAFKA_TLS_STORE_PASSWORD"
  if "$NF_KEYTOOL" -list -keystore "$dir/broker.p12" -storetype PKCS12 -storepass:env NF_TLS_STORE_PASSWORD >/dev/null 2>&1 \
    && "$NF_KEYTOOL" -list -keystore "$dir/truststore.p12" -storetype PKCS12 -storepass:env NF_TLS_STORE_PASSWORD >/dev/null 2>&1; then
    return 0
  fi
  nf_info "generating the Kafka broker's TLS certificate and truststore in $dir"
  mkdir -p "$dir"
  chmod 700 "$dir"
  rm -f "$dir/broker.p12" "$dir/broker.crt" "$dir/truststore.p12"
  {
    "$NF_KEYTOOL" -genkeypair -alias broker -keyalg RSA -keysize 2048 -validity 3650 \
      -dname "CN=naturaflux-local-kafka" -ext "SAN=IP:127.0.0.1,DNS:localhost" \
      -keystore "$dir/broker.p12" -storetype PKCS12 -storepass:env NF_TLS_STORE_PASSWORD \
      && "$NF_KEYTOOL" -exportcert -alias broker -rfc -file "$dir/broker.crt" \
        -keystore "$dir/broker.p12" -storetype PKCS12 -storepass:env NF_TLS_STORE_PASSWORD \
      && "$NF_KEYTOOL" -importcert -noprompt -alias naturaflux-local-kafka -file "$dir/broker.crt" \
        -keystore "$dir/truststore.p12" -storetype PKCS12 -storepass:env NF_TLS_STORE_PASSWORD
  } >>"$NF_LOGS/kafka.log" 2>&1 || nf_fail kafka "keytool could not make the broker's certificate"
  chmod 600 "$dir"/*
}

# The SCRAM-SHA-512 user of the SASL_SSL listener, with its password (created, or reset to it), through
# the plaintext listener.
nf_kafka_scram_users() {
  nf_kafka_java kafka.admin.ConfigCommand --bootstrap-server "127.0.0.1:$NATURAFLUX_KAFKA_PORT" \
    --command-config "$NF_KAFKA_DIR/tools.properties" --alter --entity-type users \
    --entity-name "$NATURAFLUX_KAFKA_SCRAM_USER" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$NATURAFLUX_KAFKA_SCRAM_PASSWORD]" >/dev/null \
    || nf_die "could not create the Kafka SCRAM user $NATURAFLUX_KAFKA_SCRAM_USER"
  nf_info "Kafka SASL_SSL listener on 127.0.0.1:$NATURAFLUX_KAFKA_SASL_PORT, SCRAM-SHA-512 user $NATURAFLUX_KAFKA_SCRAM_USER"
}

# The local broker answers (whatever KAFKA_BOOTSTRAP_SERVERS says).
nf_kafka_healthy() {
  nf_port_open 127.0.0.1 "$NATURAFLUX_KAFKA_PORT" \
    && KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$NATURAFLUX_KAFKA_PORT" nf_kafka_topics --list >/dev/null 2>&1
}

nf_kafka_up() {
  nf_stack_lib kafka
  nf_kafka_tls
  nf_kafka_write_config
  if nf_running kafka; then
    nf_kafka_healthy || nf_wait_ready kafka "Kafka" nf_kafka_healthy
    nf_info "Kafka already running (pid $(nf_pid_of kafka))"
    if nf_port_open 127.0.0.1 "$NATURAFLUX_KAFKA_SASL_PORT"; then
      nf_kafka_scram_users
    else
      nf_warn "the running broker has no SASL_SSL listener on 127.0.0.1:$NATURAFLUX_KAFKA_SASL_PORT (started before it existed): deploy/local/down, then deploy/local/up, opens it"
    fi
    return 0
  fi
  nf_require_free_port Kafka "$NATURAFLUX_KAFKA_PORT"
  nf_require_free_port "the Kafka controller" "$NATURAFLUX_KAFKA_CONTROLLER_PORT"
  nf_require_free_port "Kafka (SASL_SSL)" "$NATURAFLUX_KAFKA_SASL_PORT"
  if [[ ! -f "$NF_KAFKA_DIR/data/meta.properties" ]]; then
    [[ -s "$NF_KAFKA_DIR/cluster.id" ]] \
      || nf_kafka_java kafka.tools.StorageTool random-uuid >"$NF_KAFKA_DIR/cluster.id"
    nf_info "formatting Kafka storage in $NF_KAFKA_DIR/data (cluster id $(<"$NF_KAFKA_DIR/cluster.id"))"
    nf_kafka_java kafka.tools.StorageTool format -t "$(<"$NF_KAFKA_DIR/cluster.id")" \
      -c "$NF_KAFKA_DIR/server.properties" >>"$NF_LOGS/kafka.log" 2>&1 \
      || nf_fail kafka "formatting the Kafka storage failed"
  fi
  nf_info "starting Kafka on 127.0.0.1:$NATURAFLUX_KAFKA_PORT (SASL_SSL $NATURAFLUX_KAFKA_SASL_PORT, controller $NATURAFLUX_KAFKA_CONTROLLER_PORT)"
  nf_spawn kafka "$NF_JAVA" -Dnaturaflux.component=kafka "-Xmx$NATURAFLUX_KAFKA_HEAP" "-Xms$NATURAFLUX_KAFKA_HEAP" \
    -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$NF_KAFKA_DIR/log4j2.properties" \
    -cp "$NF_LIB/kafka/*" kafka.Kafka "$NF_KAFKA_DIR/server.properties"
  nf_wait_ready kafka "Kafka" nf_kafka_healthy
  nf_info "Kafka ready (pid $(nf_pid_of kafka))"
  nf_kafka_scram_users
}

# Prints "topic partitions" lines for the project's topics that exist; non-zero when Kafka does not answer.
nf_kafka_partitions() {
  local names=() t
  for t in "${NF_TOPICS[@]}"; do names+=("${t%%:*}"); done
  nf_kafka_topics --describe --if-exists --topic "$(IFS='|'; echo "^(${names[*]//./\\.})\$")" 2>/dev/null \
    | awk '/PartitionCount:/ { for (i = 1; i <= NF; i++) { if ($i == "Topic:") t = $(i + 1); if ($i == "PartitionCount:") p = $(i + 1) } print t, p }'
}

# Creates the project's topics when missing (partition counts raised when too low), then verifies them.
nf_kafka_topics_up() {
  local existing spec name want have
  existing="$(nf_kafka_partitions)" || nf_die "Kafka at $KAFKA_BOOTSTRAP_SERVERS does not answer"
  for spec in "${NF_TOPICS[@]}"; do
    name="${spec%%:*}" want="${spec##*:}"
    have="$(awk -v t="$name" '$1 == t { print $2 }' <<<"$existing")"
    if [[ -z "$have" ]]; then
      nf_info "creating topic $name ($want partitions)"
      nf_kafka_topics --create --if-not-exists --topic "$name" --partitions "$want" --replication-factor 1 >/dev/null \
        || nf_die "could not create topic $name"
    elif ((have < want)); then
      nf_info "topic $name has $have partitions: raising to $want"
      nf_kafka_topics --alter --topic "$name" --partitions "$want" >/dev/null || nf_die "could not add partitions to $name"
    fi
  done
  existing="$(nf_kafka_partitions)" || nf_die "Kafka at $KAFKA_BOOTSTRAP_SERVERS does not answer"
  for spec in "${NF_TOPICS[@]}"; do
    name="${spec%%:*}" want="${spec##*:}"
    have="$(awk -v t="$name" '$1 == t { print $2 }' <<<"$existing")"
    [[ -n "$have" ]] || nf_die "topic $name is missing after creation"
    ((have >= want)) || nf_die "topic $name has $have partitions, expected $want"
    ((have == want)) || nf_warn "topic $name has $have partitions (more than the $want asked; Kafka cannot remove partitions)"
  done
  nf_info "Kafka topics: $(nf_topics_summary "$existing")"
}

nf_topics_summary() { awk '{ printf "%s%s(%s)", (NR > 1 ? ", " : ""), $1, $2 }' <<<"$1"; }

# One line about Kafka and the topics; non-zero when unreachable or a topic is missing or too small.
nf_kafka_check() {
  local existing spec name want have problems=""
  if [[ "$KAFKA_BOOTSTRAP_SERVERS" == "127.0.0.1:$NATURAFLUX_KAFKA_PORT" ]] && ! nf_port_open 127.0.0.1 "$NATURAFLUX_KAFKA_PORT"; then
    echo "nothing listens on $KAFKA_BOOTSTRAP_SERVERS"; return 1
  fi
  [[ -d "$NF_LIB/kafka" ]] || { echo "Kafka tools not resolved yet (run deploy/local/up)"; return 1; }
  existing="$(nf_kafka_partitions)" || { echo "no answer from $KAFKA_BOOTSTRAP_SERVERS"; return 1; }
  for spec in "${NF_TOPICS[@]}"; do
    name="${spec%%:*}" want="${spec##*:}"
    have="$(awk -v t="$name" '$1 == t { print $2 }' <<<"$existing")"
    if [[ -z "$have" ]]; then problems+=" $name missing;"
    elif ((have < want)); then problems+=" $name has $have partitions (< $want);"
    fi
  done
  if nf_is_local kafka && ! nf_port_open 127.0.0.1 "$NATURAFLUX_KAFKA_SASL_PORT"; then
    problems+=" no SASL_SSL listener on 127.0.0.1:$NATURAFLUX_KAFKA_SASL_PORT (restart the stack);"
  fi
  echo "Kafka at $KAFKA_BOOTSTRAP_SERVERS (SASL_SSL $NATURAFLUX_KAFKA_SASL_SSL_SERVERS), topics: $(nf_topics_summary "$existing")${problems:+ -- PROBLEM:$problems}"
  [[ -z "$problems" ]]
}

# ---------------------------------------------------------------------------------------------------
# S3Proxy (S3 API over a filesystem directory), from the Maven Central jars
# ---------------------------------------------------------------------------------------------------
NF_S3_DIR="$NF_RUN/s3"
NF_EMPTY_SHA256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855   # S3Proxy requires the header

# Signed (AWS SigV4) request to the S3 endpoint; credentials through curl's config on stdin, not argv.
# Prints the HTTP status code.
nf_s3_request() {
  local method="$1" path="$2" verb
  if [[ "$method" == HEAD ]]; then verb=(--head); else verb=(-X "$method"); fi
  printf 'user = "%s:%s"\n' "${NATURAFLUX_S3_ACCESS_KEY:-}" "${NATURAFLUX_S3_SECRET_KEY:-}" \
    | curl -K - -s -o /dev/null -w '%{http_code}' --max-time 5 -H "x-amz-content-sha256: $NF_EMPTY_SHA256" \
        --aws-sigv4 "aws:amz:$NATURAFLUX_S3_REGION:s3" "${verb[@]}" "$NATURAFLUX_S3_ENDPOINT$path" || true
}

# The local S3Proxy answers signed requests (whatever NATURAFLUX_S3_ENDPOINT says).
nf_s3_healthy() { [[ "$(NATURAFLUX_S3_ENDPOINT="http://127.0.0.1:$NATURAFLUX_S3_PORT" nf_s3_request GET /)" == 200 ]]; }

nf_s3_write_config() {
  mkdir -p "$NF_S3_DIR/data"
  (umask 077; cat >"$NF_S3_DIR/s3proxy.properties" <<EOF
# Written by deploy/local/lib.sh: S3 API on a filesystem directory, path-style, signed requests only.
s3proxy.endpoint=http://127.0.0.1:$NATURAFLUX_S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$NATURAFLUX_S3_ACCESS_KEY
s3proxy.credential=$NATURAFLUX_S3_SECRET_KEY
jclouds.provider=filesystem-nio2
jclouds.identity=local
jclouds.credential=local
jclouds.region=$NATURAFLUX_S3_REGION
jclouds.filesystem.basedir=$NF_S3_DIR/data
EOF
  )
  cat >"$NF_S3_DIR/logback.xml" <<'EOF'
<!-- Written by deploy/local/lib.sh: INFO to stdout, which goes to .run/logs/s3proxy.log. -->
<configuration>
  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <root level="INFO"><appender-ref ref="OUT"/></root>
</configuration>
EOF
}

nf_s3_up() {
  nf_stack_lib s3proxy
  if nf_running s3proxy; then
    if nf_s3_healthy; then
      nf_info "S3Proxy already running (pid $(nf_pid_of s3proxy))"
      return 0
    fi
    nf_wait_ready s3proxy "S3Proxy" nf_s3_healthy
    return 0
  fi
  nf_require_free_port S3Proxy "$NATURAFLUX_S3_PORT"
  nf_s3_write_config
  nf_info "starting S3Proxy on 127.0.0.1:$NATURAFLUX_S3_PORT (files in $NF_S3_DIR/data)"
  nf_spawn s3proxy "$NF_JAVA" -Dnaturaflux.component=s3proxy -Xmx256m -Djava.awt.headless=true \
    -Dlogback.configurationFile="$NF_S3_DIR/logback.xml" \
    -cp "$NF_LIB/s3proxy/*" org.gaul.s3proxy.Main --properties "$NF_S3_DIR/s3proxy.properties"
  nf_wait_ready s3proxy "S3Proxy" nf_s3_healthy
  nf_info "S3Proxy ready (pid $(nf_pid_of s3proxy))"
}

nf_s3_bucket_up() {
  local code
  code="$(nf_s3_request HEAD "/$NATURAFLUX_S3_BUCKET")"
  case "$code" in
    200) ;;
    404)
      nf_info "creating bucket $NATURAFLUX_S3_BUCKET"
      code="$(nf_s3_request PUT "/$NATURAFLUX_S3_BUCKET")"
      [[ "$code" == 200 ]] || nf_die "creating bucket $NATURAFLUX_S3_BUCKET at $NATURAFLUX_S3_ENDPOINT answered HTTP $code"
      ;;
    *) nf_die "checking bucket $NATURAFLUX_S3_BUCKET at $NATURAFLUX_S3_ENDPOINT answered HTTP $code" ;;
  esac
  nf_info "S3 bucket $NATURAFLUX_S3_BUCKET ready at $NATURAFLUX_S3_ENDPOINT"
}

nf_s3_check() {
  local code
  code="$(nf_s3_request HEAD "/$NATURAFLUX_S3_BUCKET")"
  case "$code" in
    200) echo "S3 at $NATURAFLUX_S3_ENDPOINT, bucket $NATURAFLUX_S3_BUCKET" ;;
    404) echo "S3 at $NATURAFLUX_S3_ENDPOINT answers but bucket $NATURAFLUX_S3_BUCKET is missing"; return 1 ;;
    000) echo "no answer from $NATURAFLUX_S3_ENDPOINT"; return 1 ;;
    *) echo "S3 at $NATURAFLUX_S3_ENDPOINT answered HTTP $code for bucket $NATURAFLUX_S3_BUCKET"; return 1 ;;
  esac
}

# ---------------------------------------------------------------------------------------------------
# SMTP: GreenMail standalone (stack/pom.xml, profile smtp), SMTP without TLS, IMAP and a REST API on
# 127.0.0.1, any user and password accepted, mails kept in memory (a restart empties the mailboxes).
# ---------------------------------------------------------------------------------------------------
nf_smtp_api() { printf 'http://127.0.0.1:%s' "$NATURAFLUX_SMTP_API_PORT"; }

nf_smtp_healthy() { curl -fsS -o /dev/null --max-time 3 "$(nf_smtp_api)/api/service/readiness" 2>/dev/null; }

nf_smtp_up() {
  nf_stack_lib smtp
  if nf_running smtp; then
    if nf_smtp_healthy; then
      nf_info "GreenMail (SMTP) already running (pid $(nf_pid_of smtp))"
      return 0
    fi
    nf_wait_ready smtp "GreenMail (SMTP)" nf_smtp_healthy
    return 0
  fi
  nf_require_free_port "GreenMail (SMTP)" "$NATURAFLUX_SMTP_PORT"
  nf_require_free_port "GreenMail (IMAP)" "$NATURAFLUX_SMTP_IMAP_PORT"
  nf_require_free_port "GreenMail (API)" "$NATURAFLUX_SMTP_API_PORT"
  local jar
  jar="$(find "$NF_LIB/smtp" -maxdepth 1 -name 'greenmail-standalone-*.jar' -print -quit)"
  [[ -n "$jar" ]] || nf_die "no greenmail-standalone jar in $NF_LIB/smtp (log: $NF_LOGS/maven-smtp.log)"
  nf_info "starting GreenMail on 127.0.0.1: SMTP $NATURAFLUX_SMTP_PORT, IMAP $NATURAFLUX_SMTP_IMAP_PORT, API $NATURAFLUX_SMTP_API_PORT"
  nf_spawn smtp "$NF_JAVA" -Dnaturaflux.component=smtp -Xmx128m \
    -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$NATURAFLUX_SMTP_PORT" \
    -Dgreenmail.imap.hostname=127.0.0.1 -Dgreenmail.imap.port="$NATURAFLUX_SMTP_IMAP_PORT" \
    -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$NATURAFLUX_SMTP_API_PORT" \
    -Dgreenmail.auth.disabled -jar "$jar"
  nf_wait_ready smtp "GreenMail (SMTP)" nf_smtp_healthy
  nf_info "GreenMail ready (pid $(nf_pid_of smtp)); mails readable at $(nf_smtp_api)/api/user/<address>/messages/"
}

nf_smtp_check() {
  if nf_smtp_healthy; then
    echo "SMTP 127.0.0.1:$NATURAFLUX_SMTP_PORT, IMAP $NATURAFLUX_SMTP_IMAP_PORT, API $(nf_smtp_api)"
  else
    echo "no answer from GreenMail's API at $(nf_smtp_api)"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------------
# Keycloak: the OpenID Connect provider the portal's people log in with. The Quarkus distribution from
# Maven Central (org.keycloak:keycloak-quarkus-dist, through the Maven wrapper), in development mode
# with its embedded database, the realm imported from keycloak/naturaflux-realm.json with the generated
# client secret and passwords substituted into the imported copy.
# ---------------------------------------------------------------------------------------------------
NF_KEYCLOAK_REALM=naturaflux
NF_KEYCLOAK_TEMPLATE="$NF_LOCAL_DIR/keycloak/naturaflux-realm.json"
# The realm template's placeholders (@NAME@), each replaced by the variable's value.
NF_KEYCLOAK_PLACEHOLDERS=(
  NATURAFLUX_OIDC_CLIENT_ID
  NATURAFLUX_OIDC_CLIENT_SECRET
  NATURAFLUX_PORTAL_ADMIN_PASSWORD
  NATURAFLUX_PORTAL_PARTNER_A_PASSWORD
  NATURAFLUX_PORTAL_PARTNER_B_PASSWORD
)

nf_keycloak_home() { printf '%s/keycloak-%s' "$NF_LIB" "$NATURAFLUX_KEYCLOAK_VERSION"; }

# The distribution, unzipped into .run/lib/keycloak-<version> once.
nf_keycloak_lib() {
  local home zip="$NF_LIB/keycloak-dist/keycloak-quarkus-dist-$NATURAFLUX_KEYCLOAK_VERSION.zip"
  home="$(nf_keycloak_home)"
  [[ -x "$home/bin/kc.sh" ]] && return 0
  command -v unzip >/dev/null || nf_apt_install unzip
  nf_info "fetching Keycloak $NATURAFLUX_KEYCLOAK_VERSION from Maven Central into $home"
  rm -rf "$home" "$NF_LIB/keycloak-dist"
  (cd "$NF_ROOT" && ./mvnw -q -B -N dependency:copy \
    "-Dartifact=org.keycloak:keycloak-quarkus-dist:$NATURAFLUX_KEYCLOAK_VERSION:zip" \
    -DoutputDirectory="$NF_LIB/keycloak-dist") >"$NF_LOGS/maven-keycloak.log" 2>&1 \
    || { tail -n 30 "$NF_LOGS/maven-keycloak.log" >&2; nf_die "could not fetch Keycloak (log: $NF_LOGS/maven-keycloak.log)"; }
  unzip -q -d "$NF_LIB" "$zip" || nf_die "could not unzip $zip"
  rm -rf "$NF_LIB/keycloak-dist"
  [[ -x "$home/bin/kc.sh" ]] || nf_die "$zip holds no keycloak-$NATURAFLUX_KEYCLOAK_VERSION/bin/kc.sh"
}

# Writes the realm with its secrets into Keycloak's import folder (mode 600). Keycloak imports a realm
# only when it does not exist yet: when the rendered realm differs from the last one imported (template
# or secrets changed), the embedded database is dropped so that the next start imports it afresh.
nf_keycloak_render() {
  local home text name value import stamp
  home="$(nf_keycloak_home)"
  import="$home/data/import/$NF_KEYCLOAK_REALM-realm.json"
  [[ -f "$NF_KEYCLOAK_TEMPLATE" ]] || nf_die "the realm template $NF_KEYCLOAK_TEMPLATE is missing"
  text="$(<"$NF_KEYCLOAK_TEMPLATE")"
  for name in "${NF_KEYCLOAK_PLACEHOLDERS[@]}"; do
    value="${!name:-}"
    # JSON-safe without escaping: the generated values are hexadecimal.
    [[ "$value" =~ ^[A-Za-z0-9._~+/=-]+$ ]] || nf_die "$name is empty or holds characters other than letters, digits and ._~+/=-"
    text="${text//"@$name@"/"$value"}"
  done
  [[ "$text" != *@NATURAFLUX_*@* ]] \
    || nf_die "$NF_KEYCLOAK_TEMPLATE has a placeholder that lib.sh does not know: $(grep -o '@NATURAFLUX_[A-Z_]*@' <<<"$text" | sort -u | paste -sd ' ' -)"
  mkdir -p "$home/data/import"
  (umask 077; printf '%s\n' "$text" >"$import")
  stamp="$(sha256sum "$import" | cut -d' ' -f1)"
  if [[ -d "$home/data/h2" && "$(cat "$home/data/realm.stamp" 2>/dev/null)" != "$stamp" ]]; then
    nf_info "the realm $NF_KEYCLOAK_REALM changed (template or secrets): Keycloak's database is dropped and the realm imported afresh"
    rm -rf "$home/data/h2"
  fi
  printf '%s\n' "$stamp" >"$home/data/realm.stamp"
}

# Keycloak answers: health ready, and the realm's discovery document.
nf_keycloak_healthy() {
  curl -fsS --max-time 3 -o /dev/null "http://127.0.0.1:$NATURAFLUX_KEYCLOAK_MANAGEMENT_PORT/health/ready" 2>/dev/null \
    && curl -fsS --max-time 3 -o /dev/null \
      "http://127.0.0.1:$NATURAFLUX_KEYCLOAK_PORT/realms/$NF_KEYCLOAK_REALM/.well-known/openid-configuration" 2>/dev/null
}

nf_keycloak_up() {
  local home
  nf_keycloak_lib
  home="$(nf_keycloak_home)"
  if nf_running keycloak; then
    if nf_keycloak_healthy; then
      nf_info "Keycloak already running (pid $(nf_pid_of keycloak))"
      return 0
    fi
    NATURAFLUX_START_TIMEOUT="$NATURAFLUX_KEYCLOAK_START_TIMEOUT" nf_wait_ready keycloak "Keycloak" nf_keycloak_healthy
    return 0
  fi
  nf_require_free_port Keycloak "$NATURAFLUX_KEYCLOAK_PORT"
  nf_require_free_port "Keycloak (management)" "$NATURAFLUX_KEYCLOAK_MANAGEMENT_PORT"
  nf_keycloak_render
  nf_info "starting Keycloak $NATURAFLUX_KEYCLOAK_VERSION on 127.0.0.1:$NATURAFLUX_KEYCLOAK_PORT (management $NATURAFLUX_KEYCLOAK_MANAGEMENT_PORT; the first start builds it, about a minute)"
  # The pid recorded is kc.sh's: it runs Java as its child and forwards SIGTERM to it (after a first
  # start's build it execs Java instead). kc.sh passes -D arguments on to Java, so both command lines
  # carry the marker. Always the same options: a start with other build options re-augments (about 20 s).
  (export JAVA_OPTS_KC_HEAP="-Xms64m -Xmx$NATURAFLUX_KEYCLOAK_HEAP" \
      KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD="$NATURAFLUX_KEYCLOAK_ADMIN_PASSWORD" \
    && nf_spawn keycloak "$home/bin/kc.sh" -Dnaturaflux.component=keycloak start-dev \
      --http-host=127.0.0.1 "--http-port=$NATURAFLUX_KEYCLOAK_PORT" "--hostname=$NATURAFLUX_KEYCLOAK_URL" \
      --health-enabled=true "--http-management-port=$NATURAFLUX_KEYCLOAK_MANAGEMENT_PORT" --import-realm)
  NATURAFLUX_START_TIMEOUT="$NATURAFLUX_KEYCLOAK_START_TIMEOUT" nf_wait_ready keycloak "Keycloak" nf_keycloak_healthy
  nf_info "Keycloak ready (pid $(nf_pid_of keycloak)): realm $NF_KEYCLOAK_REALM at $NATURAFLUX_OIDC_AUTH_SERVER_URL"
}

# Links a person of the local realm to a Naturaflux partner (the partner_id attribute, which the realm's
# mapper puts into the ID token), or unlinks them with an empty id: what the platform's staff do in
# Keycloak's console. Through Keycloak's admin REST API, as the master realm's admin.
nf_keycloak_link_partner() {
  local username="$1" partner="${2:-}" token id user
  [[ -z "$partner" || "$partner" =~ ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ ]] \
    || nf_die "'$partner' is not a partner id (a UUID, as POST /api/v1/partners answers)"
  token="$(printf '%s' "$NATURAFLUX_KEYCLOAK_ADMIN_PASSWORD" | curl -fsS --max-time 20 \
      -d grant_type=password -d client_id=admin-cli -d username=admin --data-urlencode password@- \
      "$NATURAFLUX_KEYCLOAK_URL/realms/master/protocol/openid-connect/token" | jq -r .access_token)" \
    || nf_die "cannot log in to Keycloak's admin API at $NATURAFLUX_KEYCLOAK_URL (is it running? deploy/local/status)"
  id="$(curl -fsS --max-time 20 -H "Authorization: Bearer $token" --get --data-urlencode "username=$username" -d exact=true \
      "$NATURAFLUX_KEYCLOAK_URL/admin/realms/$NF_KEYCLOAK_REALM/users" | jq -r 'if length == 1 then .[0].id else empty end')"
  [[ -n "$id" ]] || nf_die "realm $NF_KEYCLOAK_REALM has no user $username"
  user="$(curl -fsS --max-time 20 -H "Authorization: Bearer $token" "$NATURAFLUX_KEYCLOAK_URL/admin/realms/$NF_KEYCLOAK_REALM/users/$id" \
      | jq --arg p "$partner" 'if $p == "" then del(.attributes.partner_id) else .attributes.partner_id = [$p] end')"
  curl -fsS --max-time 20 -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary "$user" \
      "$NATURAFLUX_KEYCLOAK_URL/admin/realms/$NF_KEYCLOAK_REALM/users/$id" \
    || nf_die "Keycloak refused to update user $username"
  if [[ -n "$partner" ]]; then nf_info "$username is now a person of partner $partner"; else nf_info "$username is linked to no partner"; fi
}

# One line about the OpenID Connect provider; non-zero when its realm's discovery document does not answer.
nf_keycloak_check() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$NATURAFLUX_OIDC_AUTH_SERVER_URL/.well-known/openid-configuration" || true)"
  if [[ "$code" == 200 ]]; then
    echo "OpenID Connect provider at $NATURAFLUX_OIDC_AUTH_SERVER_URL, client $NATURAFLUX_OIDC_CLIENT_ID"
  else
    echo "no discovery document at $NATURAFLUX_OIDC_AUTH_SERVER_URL (HTTP $code)"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------------
# Change capture: Kafka Connect (one distributed worker) with Debezium's PostgreSQL connector, from the
# Maven Central jars and Debezium's official plugin archive (stack/pom.xml, profile connect)
# ---------------------------------------------------------------------------------------------------
NF_CONNECT_DIR="$NF_RUN/connect"
NF_CDC_SECRET_FILE="$NF_CONNECT_DIR/cdc-source.properties"

nf_connect_write_config() {
  mkdir -p "$NF_CONNECT_DIR"
  chmod 700 "$NF_CONNECT_DIR"
  cat >"$NF_CONNECT_DIR/worker.properties" <<EOF
# Written by deploy/local/lib.sh: one distributed worker; its configs, offsets and statuses live in
# Kafka topics created by the worker with replication factor 1.
bootstrap.servers=$KAFKA_BOOTSTRAP_SERVERS
group.id=naturaflux-connect
config.storage.topic=naturaflux.connect.configs
config.storage.replication.factor=1
offset.storage.topic=naturaflux.connect.offsets
offset.storage.replication.factor=1
offset.storage.partitions=1
status.storage.topic=naturaflux.connect.status
status.storage.replication.factor=1
status.storage.partitions=1
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
key.converter.schemas.enable=false
value.converter.schemas.enable=false
# Source offsets, and with them the replication slot's confirmed position, are committed every second.
offset.flush.interval.ms=1000
# A single worker: after a crash it takes its connectors back at once instead of after up to 5 min.
scheduled.rebalance.max.delay.ms=0
listeners=http://127.0.0.1:$NATURAFLUX_CONNECT_PORT
rest.advertised.host.name=127.0.0.1
rest.advertised.port=$NATURAFLUX_CONNECT_PORT
plugin.path=$NF_LIB/connect/plugins
$(nf_kafka_client_security; nf_kafka_client_security producer.; nf_kafka_client_security consumer.; nf_kafka_client_security admin.)
# Plugins found through their ServiceLoader manifests, not by scanning every class: half the start time.
plugin.discovery=service_load
# Connector configs reference secrets as \${file:<path>:<key>}, never inline, and only files in here.
config.providers=file
config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider
config.providers.file.param.allowed.paths=$NF_CONNECT_DIR
EOF
  cat >"$NF_CONNECT_DIR/log4j2.properties" <<'EOF'
# Written by deploy/local/lib.sh: the worker logs to stdout, which goes to .run/logs/connect.log.
status = warn
appender.out.type = Console
appender.out.name = OUT
appender.out.layout.type = PatternLayout
appender.out.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.out.ref = OUT
# Every client and config dumps its full settings at INFO.
logger.config.name = org.apache.kafka.common.config.AbstractConfig
logger.config.level = WARN
logger.clients.name = org.apache.kafka.clients
logger.clients.level = WARN
logger.kafka-common.name = org.apache.kafka.common
logger.kafka-common.level = WARN
# One line per REST request (status polls) and per offset commit (every second, heartbeats included).
logger.rest.name = org.apache.kafka.connect.runtime.rest.RestServer
logger.rest.level = WARN
logger.source-task.name = org.apache.kafka.connect.runtime.WorkerSourceTask
logger.source-task.level = WARN
EOF
}

# The local worker has joined its group and read its configs (GET /health answers 200).
nf_connect_healthy() {
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$NATURAFLUX_CONNECT_PORT/health" 2>/dev/null)" == 200 ]]
}

# Starts the local worker unless it runs; does not wait (nf_connect_wait), so that the rest of the
# stack starts meanwhile.
nf_connect_start() {
  NF_CONNECT_STARTED=""
  nf_stack_lib connect
  nf_connect_write_config
  nf_running connect && return 0
  NF_CONNECT_STARTED=yes
  nf_require_free_port "Kafka Connect" "$NATURAFLUX_CONNECT_PORT"
  nf_info "starting Kafka Connect on 127.0.0.1:$NATURAFLUX_CONNECT_PORT (Debezium PostgreSQL connector from $NF_LIB/connect/plugins)"
  nf_spawn connect "$NF_JAVA" -Dnaturaflux.component=connect "-Xmx$NATURAFLUX_CONNECT_HEAP" -XX:+UseSerialGC \
    -Djava.awt.headless=true -Dlog4j2.configurationFile="$NF_CONNECT_DIR/log4j2.properties" \
    -cp "$NF_LIB/connect/lib/*" org.apache.kafka.connect.cli.ConnectDistributed "$NF_CONNECT_DIR/worker.properties"
}

nf_connect_wait() {
  if [[ -z "${NF_CONNECT_STARTED:-}" ]] && nf_connect_healthy; then
    nf_info "Kafka Connect already running (pid $(nf_pid_of connect))"
    return 0
  fi
  nf_wait_ready connect "Kafka Connect" nf_connect_healthy
  nf_info "Kafka Connect ready (pid $(nf_pid_of connect))"
}

# nf_connect_rest <method> <path> [json body]: sets NF_HTTP_CODE (000 when nothing answers) and
# NF_HTTP_BODY (not printed: call it outside $(...)). Retries while the worker answers 409 (rebalancing).
nf_connect_rest() {
  local method="$1" path="$2" body="${3:-}" out i
  local -a args=(-s --max-time 30 -X "$method" -H 'Accept: application/json')
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' --data-binary @-)
  for ((i = 0; i < 30; i++)); do
    out="$(printf '%s' "$body" | curl "${args[@]}" -w '\n%{http_code}' "$NATURAFLUX_CONNECT_URL$path" 2>/dev/null)" || true
    NF_HTTP_CODE="${out##*$'\n'}"
    [[ "$NF_HTTP_CODE" == 409 ]] || break
    sleep 1
  done
  NF_HTTP_BODY=""
  [[ "$out" == *$'\n'* ]] && NF_HTTP_BODY="${out%$'\n'*}"
  return 0
}

# One line about the worker; non-zero when it does not answer or lacks the Debezium plugin.
nf_connect_check() {
  local health plugins version dbz
  command -v jq >/dev/null || { echo "jq is not installed (deploy/local/stack-up installs it)"; return 1; }
  nf_connect_rest GET /
  [[ "$NF_HTTP_CODE" == 200 ]] || { echo "no answer from $NATURAFLUX_CONNECT_URL (HTTP $NF_HTTP_CODE)"; return 1; }
  version="$(jq -r '.version // "?"' <<<"$NF_HTTP_BODY" 2>/dev/null || echo '?')"
  nf_connect_rest GET /health
  health="$NF_HTTP_BODY"
  if [[ "$NF_HTTP_CODE" != 200 ]]; then
    echo "Kafka Connect $version at $NATURAFLUX_CONNECT_URL is not ready: $(jq -r '.message // .' <<<"$health" 2>/dev/null | head -c 200)"
    return 1
  fi
  nf_connect_rest GET /connector-plugins
  plugins="$NF_HTTP_BODY"
  dbz="$(jq -r '[.[] | select(.class == "io.debezium.connector.postgresql.PostgresConnector") | .version][0] // empty' <<<"$plugins" 2>/dev/null || true)"
  [[ -n "$dbz" ]] || { echo "Kafka Connect $version at $NATURAFLUX_CONNECT_URL has no Debezium PostgreSQL connector plugin"; return 1; }
  echo "Kafka Connect $version at $NATURAFLUX_CONNECT_URL, Debezium PostgreSQL $dbz"
}

# The source database's host, port and name from NATURAFLUX_SOURCE_DB_URL
# (jdbc:postgresql://host[:port]/database[?...]) into NF_SRC_HOST, NF_SRC_PORT, NF_SRC_DB.
nf_cdc_source() {
  local rest="${NATURAFLUX_SOURCE_DB_URL#jdbc:postgresql://}" hostport
  [[ "$rest" != "$NATURAFLUX_SOURCE_DB_URL" && "$rest" == */* ]] \
    || nf_die "NATURAFLUX_SOURCE_DB_URL=$NATURAFLUX_SOURCE_DB_URL is not of the form jdbc:postgresql://host[:port]/database"
  hostport="${rest%%/*}"
  NF_SRC_DB="${rest#*/}"
  NF_SRC_DB="${NF_SRC_DB%%\?*}"
  if [[ "$hostport" =~ ^(.+):([0-9]+)$ ]]; then
    NF_SRC_HOST="${BASH_REMATCH[1]}" NF_SRC_PORT="${BASH_REMATCH[2]}"
  else
    NF_SRC_HOST="$hostport" NF_SRC_PORT=5432
  fi
  [[ "$NF_SRC_HOST" == *,* ]] && nf_die "NATURAFLUX_SOURCE_DB_URL names several hosts; change capture needs the primary's"
  [[ -n "$NF_SRC_HOST" && -n "$NF_SRC_DB" ]] || nf_die "cannot read host and database from NATURAFLUX_SOURCE_DB_URL=$NATURAFLUX_SOURCE_DB_URL"
}

# SQL on the source database as the replication role (catalog reads, slot management).
nf_cdc_psql() { nf_psql_url "$NATURAFLUX_SOURCE_DB_URL" "$NATURAFLUX_CDC_DB_USER" "${NATURAFLUX_CDC_DB_PASSWORD:-}" "$@"; }

# SQL on the source database as its owner (publication, replica identity, grants).
nf_cdc_admin_psql() { nf_psql_url "$NATURAFLUX_SOURCE_DB_URL" "$NATURAFLUX_SOURCE_ADMIN_DB_USER" "${NATURAFLUX_SOURCE_ADMIN_DB_PASSWORD:-}" "$@"; }

nf_cdc_tables_sql() { local t out=""; for t in "${NF_CDC_TABLES[@]}"; do out+="${out:+, }'$t'"; done; printf 'ARRAY[%s]' "$out"; }

# Prints the captured tables missing from the source database (nothing when all exist); non-zero
# when the database cannot be queried.
nf_cdc_missing_tables() {
  nf_cdc_psql -c "SELECT string_agg(t, ' ' ORDER BY t) FROM unnest($(nf_cdc_tables_sql)) AS t
                  WHERE NOT EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                    WHERE c.relkind IN ('r', 'p') AND n.nspname || '.' || c.relname = t)"
}

# Prints "<schema.table>:<relreplident>" for each captured table whose replica identity is not FULL
# (d: default, the primary key; n: nothing; i: an index), nothing when all are FULL; non-zero when the
# database cannot be queried. Reads the catalog only (no USAGE on the tables' schemas needed).
nf_cdc_tables_not_full() {
  nf_cdc_psql -c "SELECT string_agg(n.nspname || '.' || c.relname || ':' || c.relreplident::text, ' ' ORDER BY n.nspname, c.relname)
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname || '.' || c.relname = ANY ($(nf_cdc_tables_sql)) AND c.relreplident <> 'f'"
}

# Whether nf_cdc_register may set REPLICA IDENTITY FULL itself: on the local stack's own PostgreSQL, or
# when NATURAFLUX_CDC_SET_REPLICA_IDENTITY=yes. On any other source it only checks: the change makes
# every update and delete of those tables write the whole old row to the WAL, the database
# administrator's decision on a production GeoNature.
nf_cdc_may_set_replica_identity() { nf_is_local postgres || [[ "${NATURAFLUX_CDC_SET_REPLICA_IDENTITY:-}" == yes ]]; }

# The message for tables listed by nf_cdc_tables_not_full ("$@"): what is wrong and the exact SQL to run.
nf_cdc_replica_identity_advice() {
  local entry name ident statements=""
  for entry in "$@"; do
    name="${entry%:*}" ident="${entry##*:}"
    case "$ident" in d) ident="DEFAULT (the primary key)" ;; n) ident=NOTHING ;; i) ident="USING INDEX" ;; esac
    statements+=$'\n'"    ALTER TABLE $name REPLICA IDENTITY FULL;   -- now $ident"
  done
  printf '%s' "change capture needs REPLICA IDENTITY FULL on the captured tables: without it an update or delete carries no old row (no old geometry), so a record leaving a flux's territory or changing sensitivity is missed. As the tables' owner, on the primary of $NATURAFLUX_SOURCE_DB_URL, run:$statements
then run deploy/local/cdc-register again (or set NATURAFLUX_CDC_SET_REPLICA_IDENTITY=yes to let it run them as $NATURAFLUX_SOURCE_ADMIN_DB_USER)"
}

# The connector's configuration (JSON), the same keys as deploy/k8s/cdc/templates/kafka-connector.yaml.
# Heartbeat: every 2 s the connector writes a transactional logical decoding message (no table, no
# trigger) into the source database's WAL and receives it back; without it, the slot's position would
# only advance when a captured table changes, while WAL written by every other database of the cluster
# piles up behind it until PostgreSQL invalidates the slot (max_slot_wal_keep_size). The messages
# themselves are not published (message.prefix.exclude.list).
nf_cdc_connector_config() {
  local password_ref tables
  tables="$(IFS=,; echo "${NF_CDC_TABLES[*]}")"
  if [[ -n "${NATURAFLUX_CDC_DB_PASSWORD_CONFIG:-}" ]]; then
    password_ref="$NATURAFLUX_CDC_DB_PASSWORD_CONFIG"     # a reference the (external) worker resolves itself
  elif nf_is_local connect; then
    password_ref="\${file:$NF_CDC_SECRET_FILE:password}"
  else
    nf_warn "external Kafka Connect and no NATURAFLUX_CDC_DB_PASSWORD_CONFIG: the password goes inline into the connector config"
    password_ref="$NATURAFLUX_CDC_DB_PASSWORD"
  fi
  jq -n --arg host "$NF_SRC_HOST" --arg port "$NF_SRC_PORT" --arg db "$NF_SRC_DB" \
    --arg user "$NATURAFLUX_CDC_DB_USER" --arg password "$password_ref" --arg prefix "$NF_CDC_TOPIC_PREFIX" \
    --arg publication "$NF_CDC_PUBLICATION" --arg slot "$NF_CDC_SLOT" --arg tables "$tables" \
    --arg heartbeat "SELECT pg_logical_emit_message(true, '$NF_CDC_HEARTBEAT_PREFIX', '')" \
    --arg heartbeat_prefix "$NF_CDC_HEARTBEAT_PREFIX" '{
      "connector.class": "io.debezium.connector.postgresql.PostgresConnector",
      "tasks.max": "1",
      "database.hostname": $host,
      "database.port": $port,
      "database.dbname": $db,
      "database.user": $user,
      "database.password": $password,
      "plugin.name": "pgoutput",
      "publication.name": $publication,
      "publication.autocreate.mode": "disabled",
      "slot.name": $slot,
      "snapshot.mode": "no_data",
      "table.include.list": $tables,
      "topic.prefix": $prefix,
      "key.converter": "org.apache.kafka.connect.json.JsonConverter",
      "key.converter.schemas.enable": "false",
      "value.converter": "org.apache.kafka.connect.json.JsonConverter",
      "value.converter.schemas.enable": "false",
      "poll.interval.ms": "50",
      "tombstones.on.delete": "false",
      "heartbeat.interval.ms": "2000",
      "heartbeat.action.query": $heartbeat,
      "message.prefix.exclude.list": $heartbeat_prefix,
      "topic.creation.default.replication.factor": "1",
      "topic.creation.default.partitions": "1"
    }'
}

# NF_CDC_STATES="<connector state> <task 0 state> ..." from GET /connectors/<name>/status, empty when
# not registered (NF_HTTP_CODE 404) or when Connect does not answer (000).
nf_cdc_connector_states() {
  NF_CDC_STATES=""
  nf_connect_rest GET "/connectors/$NF_CDC_CONNECTOR/status"
  [[ "$NF_HTTP_CODE" == 200 ]] || return 0
  NF_CDC_STATES="$(jq -r '[.connector.state] + [.tasks[]?.state] | join(" ")' <<<"$NF_HTTP_BODY")"
}

# The first lines of the failed task's (or connector's) stack trace.
nf_cdc_task_trace() {
  nf_connect_rest GET "/connectors/$NF_CDC_CONNECTOR/status"
  jq -r '[.tasks[]?.trace // empty][0] // .connector.trace // empty' <<<"$NF_HTTP_BODY" | head -n 12
}

# "<wal_status> <active t|f> <consistent t|f>" of the slot in the source database; empty when there is
# none. A slot being created is active but not yet consistent (no confirmed_flush_lsn): PostgreSQL
# waits for the transactions running at that moment to end before it starts capturing.
nf_cdc_slot_state() {
  nf_cdc_psql -F ' ' -c "SELECT coalesce(wal_status, 'unknown'), active, confirmed_flush_lsn IS NOT NULL
                         FROM pg_replication_slots WHERE slot_name = '$NF_CDC_SLOT' AND database = current_database()"
}

# Stops the connector, deletes its source offsets and drops the slot: capture then restarts from now.
nf_cdc_reset() {
  local i state
  nf_warn "resetting change capture: changes committed since the connector last ran are NOT captured"
  nf_cdc_connector_states
  if [[ -n "$NF_CDC_STATES" ]]; then
    nf_connect_rest PUT "/connectors/$NF_CDC_CONNECTOR/stop"
    [[ "$NF_HTTP_CODE" =~ ^20 ]] || nf_die "Kafka Connect refused to stop $NF_CDC_CONNECTOR (HTTP $NF_HTTP_CODE)"
    for ((i = 0; i < 60; i++)); do
      nf_cdc_connector_states
      [[ "$NF_CDC_STATES" == STOPPED ]] && break
      sleep 0.5
    done
    [[ "$NF_CDC_STATES" == STOPPED ]] || nf_die "connector $NF_CDC_CONNECTOR did not stop (state: $NF_CDC_STATES)"
    nf_connect_rest DELETE "/connectors/$NF_CDC_CONNECTOR/offsets"
    [[ "$NF_HTTP_CODE" =~ ^20 ]] || nf_die "Kafka Connect refused to delete the offsets of $NF_CDC_CONNECTOR (HTTP $NF_HTTP_CODE)"
    nf_info "connector $NF_CDC_CONNECTOR stopped, its offsets deleted"
  fi
  for ((i = 0; i < 60; i++)); do
    state="$(nf_cdc_slot_state)"
    [[ -z "$state" ]] && break
    if [[ "$state" == *" f "* ]]; then
      nf_cdc_psql -c "SELECT pg_drop_replication_slot('$NF_CDC_SLOT')" >/dev/null && { nf_info "replication slot $NF_CDC_SLOT dropped"; break; }
    fi
    sleep 0.5
  done
  [[ -z "$(nf_cdc_slot_state)" ]] || nf_die "replication slot $NF_CDC_SLOT is still in use: cannot drop it"
}

# Sets up change capture, idempotently, once the captured tables exist: REPLICA IDENTITY FULL on them
# (set on the local stack's PostgreSQL; on another source checked, and the exact SQL named when missing),
# publication naturaflux_cdc (owned by the tables' owner) holding them, SELECT for the replication role,
# the connector registered or updated through Connect's REST API, then waits until it streams.
# nf_cdc_register resume|reset: "resume" delivers the changes made since the connector last ran;
# "reset" (forced when PostgreSQL invalidated the slot) restarts capture from now (see nf_cdc_reset).
nf_cdc_register() {
  local mode="$1" missing desired state slot id
  for id in "$NF_CDC_PUBLICATION" "$NF_CDC_SLOT" "$NF_CDC_HEARTBEAT_PREFIX" "$NATURAFLUX_CDC_DB_USER"; do nf_valid_identifier "$id"; done
  nf_cdc_source
  missing="$(nf_cdc_missing_tables 2>&1)" \
    || nf_die "cannot query the source database $NATURAFLUX_SOURCE_DB_URL as $NATURAFLUX_CDC_DB_USER: ${missing//$'\n'/ }"
  [[ -z "$missing" ]] || nf_die "the captured tables are missing in $NATURAFLUX_SOURCE_DB_URL: $missing. Create the source schema first (deploy/local/demo-data), then run deploy/local/cdc-register"
  local not_full
  not_full="$(nf_cdc_tables_not_full 2>&1)" \
    || nf_die "cannot read the captured tables' replica identity in $NATURAFLUX_SOURCE_DB_URL as $NATURAFLUX_CDC_DB_USER: ${not_full//$'\n'/ }"
  if [[ -n "$not_full" ]] && ! nf_cdc_may_set_replica_identity; then
    # shellcheck disable=SC2086 # one "table:identity" word per table
    nf_die "$(nf_cdc_replica_identity_advice $not_full)"
  fi

  # Source side, as the tables' owner.
  local tables_sql
  tables_sql="$(nf_cdc_tables_sql)"
  nf_cdc_admin_psql <<SQL || nf_die "could not prepare the source database for change capture as $NATURAFLUX_SOURCE_ADMIN_DB_USER (the captured tables' owner)"
SET client_min_messages = warning;
DO \$\$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY $tables_sql LOOP
    IF (SELECT relreplident FROM pg_class WHERE oid = t::regclass) <> 'f' THEN
      EXECUTE format('ALTER TABLE %s REPLICA IDENTITY FULL', t::regclass);
      RAISE WARNING 'naturaflux: % set to REPLICA IDENTITY FULL (updates and deletes carry the old row)', t;
    END IF;
  END LOOP;
  IF NOT EXISTS (SELECT FROM pg_publication WHERE pubname = '$NF_CDC_PUBLICATION') THEN
    EXECUTE format('CREATE PUBLICATION %I FOR TABLE %s', '$NF_CDC_PUBLICATION',
                   (SELECT string_agg(x::regclass::text, ', ') FROM unnest($tables_sql) AS x));
    RAISE WARNING 'naturaflux: publication $NF_CDC_PUBLICATION created';
  ELSE
    FOREACH t IN ARRAY $tables_sql LOOP
      IF NOT EXISTS (SELECT FROM pg_publication_tables
                     WHERE pubname = '$NF_CDC_PUBLICATION' AND schemaname || '.' || tablename = t) THEN
        EXECUTE format('ALTER PUBLICATION %I ADD TABLE %s', '$NF_CDC_PUBLICATION', t::regclass);
        RAISE WARNING 'naturaflux: % added to publication $NF_CDC_PUBLICATION', t;
      END IF;
    END LOOP;
  END IF;
  FOREACH t IN ARRAY $tables_sql LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', split_part(t, '.', 1), '$NATURAFLUX_CDC_DB_USER');
    EXECUTE format('GRANT SELECT ON %s TO %I', t::regclass, '$NATURAFLUX_CDC_DB_USER');
  END LOOP;
END
\$\$;
SQL

  # The replication role's password, for the worker's file config provider (never in the config topic).
  if nf_is_local connect && [[ -z "${NATURAFLUX_CDC_DB_PASSWORD_CONFIG:-}" ]]; then
    mkdir -p "$NF_CONNECT_DIR"
    (umask 077; printf 'password=%s\n' "$NATURAFLUX_CDC_DB_PASSWORD" >"$NF_CDC_SECRET_FILE.new")
    mv "$NF_CDC_SECRET_FILE.new" "$NF_CDC_SECRET_FILE"
  fi

  # Connect side.
  nf_connect_rest GET /
  [[ "$NF_HTTP_CODE" == 200 ]] || nf_die "Kafka Connect does not answer at $NATURAFLUX_CONNECT_URL (HTTP $NF_HTTP_CODE): start it with deploy/local/stack-up"
  slot="$(nf_cdc_slot_state)"
  if [[ "$slot" == lost* ]]; then
    nf_warn "replication slot $NF_CDC_SLOT was invalidated by PostgreSQL: its position fell more than max_slot_wal_keep_size of WAL behind (capture stopped, or too slow, meanwhile)"
    mode=reset
  fi
  [[ "$mode" == reset ]] && nf_cdc_reset
  desired="$(nf_cdc_connector_config)"
  nf_connect_rest GET "/connectors/$NF_CDC_CONNECTOR/config"
  if [[ "$NF_HTTP_CODE" == 200 && "$(jq -S 'del(.name)' <<<"$NF_HTTP_BODY")" == "$(jq -S . <<<"$desired")" ]]; then
    nf_info "connector $NF_CDC_CONNECTOR already registered with this configuration"
  else
    nf_connect_rest PUT "/connectors/$NF_CDC_CONNECTOR/config" "$desired"
    case "$NF_HTTP_CODE" in
      201) nf_info "connector $NF_CDC_CONNECTOR registered at $NATURAFLUX_CONNECT_URL" ;;
      200) nf_info "connector $NF_CDC_CONNECTOR updated" ;;
      *) nf_die "registering connector $NF_CDC_CONNECTOR at $NATURAFLUX_CONNECT_URL answered HTTP $NF_HTTP_CODE: ${NF_HTTP_BODY:0:500}" ;;
    esac
  fi

  # Running, streaming from the slot.
  local deadline=$((SECONDS + NATURAFLUX_START_TIMEOUT)) restarted="" reset_done=""
  [[ "$mode" == reset ]] && reset_done=yes
  while :; do
    nf_cdc_connector_states
    state="$NF_CDC_STATES"
    case "$state" in
      STOPPED* | PAUSED*)
        nf_info "connector $NF_CDC_CONNECTOR is ${state%% *}: resuming it"
        nf_connect_rest PUT "/connectors/$NF_CDC_CONNECTOR/resume" ;;
      *FAILED*)
        if [[ -z "$reset_done" && "$(nf_cdc_task_trace)" == *"no longer available on the server"* ]]; then
          # The slot moved past the position the connector stored (its offsets were lost or not all
          # written, e.g. Kafka stopped on a full disk): that position cannot be streamed any more.
          nf_warn "connector $NF_CDC_CONNECTOR cannot resume: the position it stored is behind its replication slot's (offsets lost?)"
          nf_cdc_reset
          reset_done=yes
          sleep 0.5
          continue
        fi
        if [[ -z "$restarted" ]]; then
          nf_warn "connector $NF_CDC_CONNECTOR has failed ($state): restarting it once. $(nf_cdc_task_trace | head -n 3 | tr '\n' ' ')"
          nf_connect_rest POST "/connectors/$NF_CDC_CONNECTOR/restart?includeTasks=true&onlyFailed=true"
          restarted=yes
        else
          local trace
          trace="$(nf_cdc_task_trace)"
          printf '    %s\n' "${trace//$'\n'/$'\n'    }" >&2
          if [[ "$trace" == *"Creation of replication slot failed"* ]]; then
            nf_die "PostgreSQL could not create replication slot $NF_CDC_SLOT. Creating a slot waits until every transaction running at that moment has ended; when those write more than max_slot_wal_keep_size of WAL meanwhile (a bulk load, e.g. a demo generation), PostgreSQL invalidates the new slot. Run deploy/local/cdc-register again once the load is over (worker log: $NF_LOGS/connect.log, PostgreSQL log: $NF_LOGS/postgresql.log)"
          fi
          nf_die "connector $NF_CDC_CONNECTOR failed ($state); worker log: $NF_LOGS/connect.log"
        fi ;;
    esac
    slot="$(nf_cdc_slot_state)"
    [[ "$state" =~ ^RUNNING(\ RUNNING)+$ && "$slot" == *" t t" ]] && break
    if ((SECONDS >= deadline)); then
      [[ "$slot" == *" t f" ]] && nf_die "replication slot $NF_CDC_SLOT is still being created after ${NATURAFLUX_START_TIMEOUT}s: PostgreSQL waits for every transaction that was running when creation began to end (a long load?). Capture starts once they have; check with deploy/local/status"
      nf_die "connector $NF_CDC_CONNECTOR not streaming after ${NATURAFLUX_START_TIMEOUT}s (states: ${state:-none}; slot: ${slot:-none}); worker log: $NF_LOGS/connect.log"
    fi
    sleep 0.5
  done
  nf_info "change capture running: ${NF_CDC_TABLES[*]} -> $NATURAFLUX_CDC_TOPIC, $NATURAFLUX_CDC_AREAS_TOPIC (slot $NF_CDC_SLOT active)"
}

# One line about change capture, the replication slot's retained WAL included (also while Connect is
# down); non-zero when the tables exist but capture is not running, or the slot is invalidated.
nf_cdc_check() {
  local missing slot pub line ok=0
  command -v jq >/dev/null || { echo "jq is not installed (deploy/local/stack-up installs it)"; return 1; }
  missing="$(nf_cdc_missing_tables 2>&1)" \
    || { echo "cannot query the source database as $NATURAFLUX_CDC_DB_USER: ${missing//$'\n'/ }"; return 1; }
  slot="$(nf_cdc_psql -F '|' -c "SELECT active, confirmed_flush_lsn IS NOT NULL, coalesce(wal_status, 'unknown'),
            coalesce(pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)), 'no'),
            coalesce(pg_size_pretty(safe_wal_size), 'no limit')
          FROM pg_replication_slots WHERE slot_name = '$NF_CDC_SLOT' AND database = current_database()" 2>&1)" \
    || { echo "cannot read the replication slots: ${slot//$'\n'/ }"; return 1; }

  if [[ -n "$missing" ]]; then
    line="not set up: no $missing in the source database yet (deploy/local/demo-data, then deploy/local/cdc-register)"
  else
    nf_cdc_connector_states
    if [[ "$NF_HTTP_CODE" == 000 ]]; then
      line="Kafka Connect does not answer at $NATURAFLUX_CONNECT_URL"; ok=1
    elif [[ -z "$NF_CDC_STATES" ]]; then
      line="connector $NF_CDC_CONNECTOR is not registered: run deploy/local/cdc-register"; ok=1
    else
      line="connector $NF_CDC_CONNECTOR $NF_CDC_STATES"
      [[ "$NF_CDC_STATES" =~ ^RUNNING(\ RUNNING)+$ ]] || ok=1
    fi
    [[ -n "$slot" ]] || { line+=", no replication slot $NF_CDC_SLOT"; ok=1; }
    pub="$(nf_cdc_psql -c "SELECT count(*) FROM pg_publication_tables
            WHERE pubname = '$NF_CDC_PUBLICATION' AND schemaname || '.' || tablename = ANY($(nf_cdc_tables_sql))")"
    if [[ "$pub" != "${#NF_CDC_TABLES[@]}" ]]; then
      line+=", publication $NF_CDC_PUBLICATION holds $pub/${#NF_CDC_TABLES[@]} tables: run deploy/local/cdc-register"; ok=1
    fi
  fi
  if [[ -n "$slot" ]]; then
    local active consistent wal retained safe
    IFS='|' read -r active consistent wal retained safe <<<"$slot"
    line+=", slot $NF_CDC_SLOT $([[ $active == t ]] && echo active || echo inactive) retaining $retained WAL ($wal, $safe more before invalidation)"
    [[ "$consistent" == t ]] || { line+=" -- still being created: waits for the transactions running when it began to end"; ok=1; }
    [[ "$wal" == lost ]] && { line+=" -- INVALIDATED: run deploy/local/cdc-register (capture restarts from now)"; ok=1; }
  fi
  echo "$line"
  return "$ok"
}

# ---------------------------------------------------------------------------------------------------
# The whole infrastructure
# ---------------------------------------------------------------------------------------------------
nf_stack_up() {
  nf_init_dirs
  nf_require_tools
  nf_load_secrets generate
  nf_config
  if nf_is_local postgres; then
    nf_pg_up
  else
    nf_pg_check >/dev/null || nf_die "external PostgreSQL: $(nf_pg_check)"
    nf_info "PostgreSQL (external): $(nf_pg_check)"
  fi
  if nf_is_local kafka; then nf_kafka_up; else nf_stack_lib kafka; nf_kafka_write_config; nf_info "Kafka: external ($KAFKA_BOOTSTRAP_SERVERS)"; fi
  nf_kafka_topics_up
  # Kafka Connect starts while S3 does; it needs Kafka and its topics.
  if nf_is_local connect; then nf_connect_start; fi
  if nf_is_local s3; then nf_s3_up; else nf_info "S3: external ($NATURAFLUX_S3_ENDPOINT)"; fi
  nf_s3_bucket_up
  if nf_is_local connect; then nf_connect_wait; else nf_info "Kafka Connect: external ($NATURAFLUX_CONNECT_URL)"; fi
  nf_cdc_up
  if nf_is_local smtp; then nf_smtp_up; else nf_info "SMTP: external ($NATURAFLUX_SMTP_HOST:$NATURAFLUX_SMTP_PORT)"; fi
  if nf_is_local keycloak; then nf_keycloak_up; else nf_info "OpenID Connect provider: external ($NATURAFLUX_OIDC_AUTH_SERVER_URL)"; fi
}

# For the test command: creates the GeoNature tables Naturaflux reads, empty, when the source database
# has none yet (a clean clone, before any deploy/local/demo-data), from demo-source's DDL, the very
# statements the demo generator runs (all idempotent: CREATE ... IF NOT EXISTS, inserts ON CONFLICT DO
# NOTHING). Change capture and its test need the tables to exist.
NF_SOURCE_SCHEMA_SQL=(
  deploy/local/demo-source/src/main/resources/org/naturaflux/source/demo/geonature-subset.sql
  deploy/local/demo-source/src/main/resources/org/naturaflux/source/demo/nomenclatures.sql
)
# The first table of the demo's GeoNature subset (NF_SOURCE_SCHEMA_SQL) the source database lacks, or
# nothing: a source generated by an older checkout is regenerated when the subset has grown since.
nf_source_subset_missing() {
  local table
  while IFS= read -r table; do
    if [[ "$(nf_cdc_admin_psql -c "SELECT to_regclass('$table') IS NULL" 2>/dev/null)" != f ]]; then
      printf '%s\n' "$table"
      return 0
    fi
  done < <(cd "$NF_ROOT" && grep -ohE 'CREATE TABLE (IF NOT EXISTS )?[a-z_]+\.[a-z_0-9]+' "${NF_SOURCE_SCHEMA_SQL[@]}" \
             | awk '{print $NF}' | sort -u)
}

nf_source_schema_up() {
  local missing file
  missing="$(nf_cdc_missing_tables 2>&1)" \
    || nf_die "cannot query the source database $NATURAFLUX_SOURCE_DB_URL as $NATURAFLUX_CDC_DB_USER: ${missing//$'\n'/ }"
  [[ -n "$missing" ]] || return 0
  for file in "${NF_SOURCE_SCHEMA_SQL[@]}"; do
    [[ -f "$NF_ROOT/$file" ]] || nf_die "$missing missing in the source database, and $file (to create them) is not in the repository"
  done
  nf_info "the source database has no $missing: creating the GeoNature tables, empty, from deploy/local/demo-source (deploy/local/demo-data fills them)"
  (cd "$NF_ROOT" && cat "${NF_SOURCE_SCHEMA_SQL[@]}") \
    | PGOPTIONS='-c client_min_messages=warning' nf_cdc_admin_psql -1 -f - >/dev/null \
    || nf_die "could not create the GeoNature tables in $NATURAFLUX_SOURCE_DB_URL as $NATURAFLUX_SOURCE_ADMIN_DB_USER"
}

# Change capture is registered once the captured tables exist; until then (no source schema yet), says how.
nf_cdc_up() {
  local missing
  nf_cdc_source
  missing="$(nf_cdc_missing_tables 2>&1)" \
    || nf_die "cannot query the source database $NATURAFLUX_SOURCE_DB_URL as $NATURAFLUX_CDC_DB_USER: ${missing//$'\n'/ }"
  if [[ -n "$missing" ]]; then
    nf_info "change capture not registered yet: no $missing in the source database (deploy/local/demo-data creates them, then deploy/local/cdc-register)"
  else
    nf_cdc_register resume
  fi
}

# ---------------------------------------------------------------------------------------------------
# The services (packaged Quarkus applications)
# ---------------------------------------------------------------------------------------------------
NF_SERVICE_MODULES=(request-service export-worker)

NF_APPS="$NF_RUN/apps"

# The build, and the copy the running instances use (so that a rebuild, e.g. by tests, never changes
# files under a running service).
nf_service_jar() { printf '%s/%s/target/quarkus-app/quarkus-run.jar' "$NF_ROOT" "$1"; }
nf_deployed_jar() { printf '%s/%s/quarkus-run.jar' "$NF_APPS" "$1"; }

nf_instances_of() {
  case "$1" in
    request-service) echo request-service ;;
    export-worker) nf_worker_names ;;
  esac
}

# Copies a module's latest build into .run/apps/<module>, restarting (stopping here) its running
# instances when the build is newer than their copy.
nf_service_deploy() {
  local module="$1" deployed name running=()
  deployed="$(nf_deployed_jar "$module")"
  [[ -f "$deployed" && ! "$(nf_service_jar "$module")" -nt "$deployed" ]] && return 0
  for name in $(nf_instances_of "$module"); do nf_running "$name" && running+=("$name"); done
  if [[ ${#running[@]} -gt 0 ]]; then
    nf_info "new build of $module: restarting ${running[*]}"
    for name in "${running[@]}"; do nf_stop "$name"; done
  fi
  mkdir -p "$NF_APPS"
  rm -rf "$NF_APPS/$module.new"
  cp -a "$NF_ROOT/$module/target/quarkus-app" "$NF_APPS/$module.new"
  rm -rf "${NF_APPS:?}/$module"
  mv "$NF_APPS/$module.new" "$NF_APPS/$module"
}

# What a service's jar is built from: the root pom, its module, and the repository modules packaged in it.
nf_service_inputs() {
  local module="$1" jar dep
  printf '%s\n' "$NF_ROOT/pom.xml" "$NF_ROOT/$module/pom.xml" "$NF_ROOT/$module/src/main"
  for jar in "$NF_ROOT/$module"/target/quarkus-app/lib/main/org.naturaflux.*.jar; do
    [[ -e "$jar" ]] || continue
    dep="${jar##*/org.naturaflux.}"
    dep="${dep%-[0-9]*}"
    [[ -d "$NF_ROOT/$dep" ]] && printf '%s\n' "$NF_ROOT/$dep/pom.xml" "$NF_ROOT/$dep/src/main"
  done
  return 0
}

# True when a service jar is missing or older than one of its inputs.
nf_services_stale() {
  local module jar inputs
  for module in "${NF_SERVICE_MODULES[@]}"; do
    jar="$(nf_service_jar "$module")"
    [[ -f "$jar" ]] || return 0
    mapfile -t inputs < <(nf_service_inputs "$module")
    [[ -z "$(find "${inputs[@]}" -newer "$jar" -type f -print -quit 2>/dev/null)" ]] || return 0
  done
  return 1
}

nf_services_build() {
  nf_info "building request-service and export-worker (./mvnw -pl request-service,export-worker -am package, tests skipped)"
  (cd "$NF_ROOT" && ./mvnw -q -B -pl request-service,export-worker -am -Dmaven.test.skip=true package) >"$NF_LOGS/build.log" 2>&1 \
    || { tail -n 40 "$NF_LOGS/build.log" >&2; nf_die "the build failed (log: $NF_LOGS/build.log)"; }
}

# Argument: the service's management port.
nf_service_ready_url() { printf 'http://127.0.0.1:%s/q/health/ready' "$1"; }

nf_service_ready() { curl -fsS --max-time 3 "$(nf_service_ready_url "$1")" 2>/dev/null | grep -q '"status": *"UP"'; }

# export-worker-<i> names with a pid file, in order of i.
nf_worker_names() {
  (shopt -s nullglob; for f in "$NF_PIDS"/export-worker-*.pid; do basename "$f" .pid; done) | sort -t- -k3 -n
}

nf_service_port() {
  case "$1" in
    request-service) echo "$NATURAFLUX_API_PORT" ;;
    export-worker-*) echo $((NATURAFLUX_WORKER_BASE_PORT + ${1##*-})) ;;
  esac
}

# The management interface (health, metrics, OpenAPI): never on the API port.
nf_service_management_port() {
  case "$1" in
    request-service) echo "$NATURAFLUX_MANAGEMENT_PORT" ;;
    export-worker-*) echo $((NATURAFLUX_WORKER_MANAGEMENT_BASE_PORT + ${1##*-})) ;;
  esac
}

# Starts <name> from <module>'s deployed copy unless it already runs; does not wait.
nf_service_start() {
  local name="$1" module="$2" port management
  port="$(nf_service_port "$name")"
  management="$(nf_service_management_port "$name")"
  if nf_running "$name"; then
    nf_info "$name already running (pid $(nf_pid_of "$name"), port $port)"
    return 0
  fi
  nf_require_free_port "$name" "$port"
  nf_require_free_port "$name (management)" "$management"
  nf_info "starting $name on 127.0.0.1:$port (management $management)"
  local heap="$NATURAFLUX_SERVICE_HEAP"
  local opts="" arenas="${MALLOC_ARENA_MAX:-}" app="$NF_APPS/$module"
  if [[ "$module" == export-worker ]]; then
    heap="$NATURAFLUX_WORKER_HEAP"
    opts="$NATURAFLUX_WORKER_JAVA_OPTS"
    arenas="$NATURAFLUX_WORKER_MALLOC_ARENA_MAX"
    # another build's quarkus-app folder (deploy/local/bench BASELINE=<rev>: the build before a change)
    app="${NATURAFLUX_WORKER_APP:-$app}"
  fi
  # shellcheck disable=SC2086  # opts: several options
  (cd "$app" && { [[ -z "$arenas" ]] || export MALLOC_ARENA_MAX="$arenas"; } \
    && NATURAFLUX_LOG_JSON="$NATURAFLUX_LOG_JSON" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$management" \
    NATURAFLUX_OIDC_ENABLED="${NATURAFLUX_OIDC_ENABLED:-true}" NATURAFLUX_OIDC_COOKIE_SECURE="${NATURAFLUX_OIDC_COOKIE_SECURE:-false}" \
    nf_spawn "$name" \
    "$NF_JAVA" -Dnaturaflux.component="$name" "-Xmx$heap" $opts -jar "$app/quarkus-run.jar")
}

# One line per running service; non-zero when one is not ready.
nf_service_check() {
  local name="$1" port pid body
  port="$(nf_service_port "$name"), management $(nf_service_management_port "$name")"
  pid="$(nf_pid_of "$name")" || { echo "not running"; return 1; }
  body="$(curl -sS --max-time 10 "$(nf_service_ready_url "$(nf_service_management_port "$name")")" 2>&1 | tr -s ' \n' ' ')"
  if [[ "$body" =~ \"status\":\ ?\"UP\" ]] && ! [[ "$body" =~ \"status\":\ ?\"DOWN\" ]]; then
    echo "ready on 127.0.0.1:$port (pid $pid)"
  else
    local failing
    failing="$(grep -o '"name": *"[^"]*", *"status": *"DOWN"' <<<"$body" | sed 's/"name": *"\([^"]*\)".*/\1/' | paste -sd ',' -)" || true
    if [[ -n "$failing" ]]; then
      echo "NOT ready on 127.0.0.1:$port (pid $pid): DOWN checks: $failing"
    else
      echo "NOT ready on 127.0.0.1:$port (pid $pid): ${body:0:200}"
    fi
    return 1
  fi
}
