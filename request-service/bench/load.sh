#!/usr/bin/env bash
# Load benchmark of the request-service (not CI): 200 requests/s of mixed authenticated reads for 60 s
# on loopback, p99 and errors reported (LoadBench). Starts this module's packaged build on its own port
# against the local stack (its database, Kafka, S3), runs the load, stops it.
#
#   request-service/bench/load.sh            # after: ./mvnw -B -f request-service/pom.xml verify (or package + test-compile)
#   RATE=300 DURATION=30 WARMUP=10 request-service/bench/load.sh
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
eval "$("$root/deploy/local/env")"
port="${NATURAFLUX_BENCH_PORT:-8096}"
management_port="${NATURAFLUX_BENCH_MANAGEMENT_PORT:-9196}"   # health, beside the stack's own 9180
jar="$here/target/quarkus-app/quarkus-run.jar"
classpath="$here/target/test-classes:$(cat "$here/target/test-classpath.txt")"
[[ -f "$jar" && -d "$here/target/test-classes" ]] || { echo "build first: ./mvnw -B -f request-service/pom.xml verify" >&2; exit 2; }

log="$here/target/bench-service.log"
NATURAFLUX_LOG_JSON="${NATURAFLUX_LOG_JSON:-false}" QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$management_port" java -Xmx256m -jar "$jar" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$management_port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { echo "the service exited; see $log" >&2; exit 1; }
  sleep 1
done
echo "request-service (pid $pid) ready on 127.0.0.1:$port; loading it"
NATURAFLUX_API="http://127.0.0.1:$port" java -cp "$classpath" org.naturaflux.request.bench.LoadBench
