# shellcheck shell=bash
# Shared by every deploy/local script: paths, ports, settings, logging, pid files, installers, and the
# start/check/stop of each component. Sourced, never run. Every runtime file lives in deploy/local/.run/.

NF_LOCAL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
NF_ROOT="$(cd "$NF_LOCAL_DIR/../.." && pwd)"
NF_RUN="$NF_LOCAL_DIR/.run"
NF_LOGS="$NF_RUN/logs"
NF_PIDS="$NF_RUN/pids"
NF_LIB="$NF_RUN/lib"
NF_SECRETS="$NF_RUN/secrets.env"
NF_JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# ---------------------------------------------------------------------------------------------------
# Settings of the local stack (each overridable by environment)
# ---------------------------------------------------------------------------------------------------
: "${NATURAFLUX_LOCAL_STACK=postgres kafka s3}"    # components run here; drop one to use an external one
: "${NATURAFLUX_PG_VERSION:=15}"
: "${NATURAFLUX_PG_CLUSTER:=main}"
: "${NATURAFLUX_PG_PORT:=5432}"
: "${NATURAFLUX_PG_MAX_SLOT_WAL_KEEP_SIZE:=1GB}"
: "${NATURAFLUX_KAFKA_PORT:=9092}"
: "${NATURAFLUX_KAFKA_CONTROLLER_PORT:=9093}"
: "${NATURAFLUX_KAFKA_HEAP:=512m}"
: "${NATURAFLUX_S3_PORT:=9000}"
: "${NATURAFLUX_API_PORT:=8080}"
: "${NATURAFLUX_WORKER_BASE_PORT:=8081}"
: "${NATURAFLUX_SERVICE_HEAP:=384m}"
: "${NATURAFLUX_START_TIMEOUT:=120}"
: "${WORKERS:=2}"
: "${COMMAND_PARTITIONS:=4}"

NF_DB_NAME="${NATURAFLUX_DB_NAME:-naturaflux}"
NF_SOURCE_DB_NAME="${NATURAFLUX_SOURCE_DB_NAME:-geonature}"

# Topics: name and partition count.
NF_TOPICS=(
  "naturaflux.export-commands:$COMMAND_PARTITIONS"
  "naturaflux.export-events:4"
  "naturaflux.export-commands.dlq:1"
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
)

# What `deploy/local/env` prints, in this order: the names the services and the tests read.
NF_ENV_VARS=(
  NATURAFLUX_API
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
  NATURAFLUX_S3_ENDPOINT
  NATURAFLUX_S3_PUBLIC_ENDPOINT
  NATURAFLUX_S3_REGION
  NATURAFLUX_S3_ACCESS_KEY
  NATURAFLUX_S3_SECRET_KEY
  NATURAFLUX_S3_BUCKET
  NATURAFLUX_TEST_DB_TEMPLATE
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

# The tools the scripts themselves need: Java 17 (also for Maven), curl (S3 API, health), openssl.
nf_require_tools() {
  local pkgs=()
  command -v curl >/dev/null || pkgs+=(curl)
  command -v openssl >/dev/null || pkgs+=(openssl)
  command -v javac >/dev/null || pkgs+=(openjdk-17-jdk-headless)
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
  export NATURAFLUX_DB_URL="${NATURAFLUX_DB_URL:-jdbc:postgresql://127.0.0.1:$NATURAFLUX_PG_PORT/$NF_DB_NAME}"
  export NATURAFLUX_DB_USER="${NATURAFLUX_DB_USER:-naturaflux}"
  export NATURAFLUX_SOURCE_DB_URL="${NATURAFLUX_SOURCE_DB_URL:-jdbc:postgresql://127.0.0.1:$NATURAFLUX_PG_PORT/$NF_SOURCE_DB_NAME}"
  export NATURAFLUX_SOURCE_DB_USER="${NATURAFLUX_SOURCE_DB_USER:-naturaflux_reader}"
  export NATURAFLUX_SOURCE_ADMIN_DB_USER="${NATURAFLUX_SOURCE_ADMIN_DB_USER:-geonature}"
  export NATURAFLUX_CDC_DB_USER="${NATURAFLUX_CDC_DB_USER:-naturaflux_cdc}"
  export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-127.0.0.1:$NATURAFLUX_KAFKA_PORT}"
  export NATURAFLUX_S3_ENDPOINT="${NATURAFLUX_S3_ENDPOINT:-http://127.0.0.1:$NATURAFLUX_S3_PORT}"
  export NATURAFLUX_S3_PUBLIC_ENDPOINT="${NATURAFLUX_S3_PUBLIC_ENDPOINT:-$NATURAFLUX_S3_ENDPOINT}"
  export NATURAFLUX_S3_REGION="${NATURAFLUX_S3_REGION:-us-east-1}"
  export NATURAFLUX_S3_BUCKET="${NATURAFLUX_S3_BUCKET:-naturaflux}"
  export NATURAFLUX_TEST_DB_TEMPLATE="${NATURAFLUX_TEST_DB_TEMPLATE:-naturaflux_template_postgis}"
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
  cat >"$NF_KAFKA_DIR/server.properties" <<EOF
# Written by deploy/local/lib.sh: single node, broker and controller in one process.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$NATURAFLUX_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$NATURAFLUX_KAFKA_PORT,CONTROLLER://127.0.0.1:$NATURAFLUX_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$NATURAFLUX_KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$NF_KAFKA_DIR/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
EOF
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
  cat >"$NF_KAFKA_DIR/tools.properties" <<'EOF'
request.timeout.ms=5000
default.api.timeout.ms=10000
EOF
}

# The local broker answers (whatever KAFKA_BOOTSTRAP_SERVERS says).
nf_kafka_healthy() {
  nf_port_open 127.0.0.1 "$NATURAFLUX_KAFKA_PORT" \
    && KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$NATURAFLUX_KAFKA_PORT" nf_kafka_topics --list >/dev/null 2>&1
}

nf_kafka_up() {
  nf_stack_lib kafka
  nf_kafka_write_config
  if nf_running kafka; then
    if nf_kafka_healthy; then
      nf_info "Kafka already running (pid $(nf_pid_of kafka))"
      return 0
    fi
    nf_wait_ready kafka "Kafka" nf_kafka_healthy
    return 0
  fi
  nf_require_free_port Kafka "$NATURAFLUX_KAFKA_PORT"
  nf_require_free_port "the Kafka controller" "$NATURAFLUX_KAFKA_CONTROLLER_PORT"
  if [[ ! -f "$NF_KAFKA_DIR/data/meta.properties" ]]; then
    [[ -s "$NF_KAFKA_DIR/cluster.id" ]] \
      || nf_kafka_java kafka.tools.StorageTool random-uuid >"$NF_KAFKA_DIR/cluster.id"
    nf_info "formatting Kafka storage in $NF_KAFKA_DIR/data (cluster id $(<"$NF_KAFKA_DIR/cluster.id"))"
    nf_kafka_java kafka.tools.StorageTool format -t "$(<"$NF_KAFKA_DIR/cluster.id")" \
      -c "$NF_KAFKA_DIR/server.properties" >>"$NF_LOGS/kafka.log" 2>&1 \
      || nf_fail kafka "formatting the Kafka storage failed"
  fi
  nf_info "starting Kafka on 127.0.0.1:$NATURAFLUX_KAFKA_PORT (controller $NATURAFLUX_KAFKA_CONTROLLER_PORT)"
  nf_spawn kafka "$NF_JAVA" -Dnaturaflux.component=kafka "-Xmx$NATURAFLUX_KAFKA_HEAP" "-Xms$NATURAFLUX_KAFKA_HEAP" \
    -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$NF_KAFKA_DIR/log4j2.properties" \
    -cp "$NF_LIB/kafka/*" kafka.Kafka "$NF_KAFKA_DIR/server.properties"
  nf_wait_ready kafka "Kafka" nf_kafka_healthy
  nf_info "Kafka ready (pid $(nf_pid_of kafka))"
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
  echo "Kafka at $KAFKA_BOOTSTRAP_SERVERS, topics: $(nf_topics_summary "$existing")${problems:+ -- PROBLEM:$problems}"
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
  if nf_is_local s3; then nf_s3_up; else nf_info "S3: external ($NATURAFLUX_S3_ENDPOINT)"; fi
  nf_s3_bucket_up
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

# Starts <name> from <module>'s deployed copy unless it already runs; does not wait.
nf_service_start() {
  local name="$1" module="$2" port
  port="$(nf_service_port "$name")"
  if nf_running "$name"; then
    nf_info "$name already running (pid $(nf_pid_of "$name"), port $port)"
    return 0
  fi
  nf_require_free_port "$name" "$port"
  nf_info "starting $name on 127.0.0.1:$port"
  (cd "$NF_APPS/$module" && QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" nf_spawn "$name" \
    "$NF_JAVA" -Dnaturaflux.component="$name" "-Xmx$NATURAFLUX_SERVICE_HEAP" -jar "$(nf_deployed_jar "$module")")
}

# One line per running service; non-zero when one is not ready.
nf_service_check() {
  local name="$1" port pid body
  port="$(nf_service_port "$name")"
  pid="$(nf_pid_of "$name")" || { echo "not running"; return 1; }
  body="$(curl -sS --max-time 10 "$(nf_service_ready_url "$port")" 2>&1 | tr -s ' \n' ' ')"
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
