#!/usr/bin/env bash
# Runs format-lib's JMH benchmark (not a test): the GeoPackage writer's packed R-tree beside SQLite's own
# R-tree fed by INSERTs, on the same 100,000 and 1,000,000 boxes (RTreeBenchmark). Minutes on a quiet machine (~25 on a loaded one).
# Also FanOutBenchmark: one fan-out to CSV or to the four formats, sequential vs parallel (format-lib/README.md).
#   ./jmh.sh                                   # the default run (-f 1 -wi 2 -i 3)
#   ./jmh.sh RTreeBenchmark -p boxes=1000000   # any JMH arguments instead
#   ./jmh.sh FanOutBenchmark -f 1 -wi 1 -i 3 -jvmArgs -Xmx512m
# And GeometryCacheBenchmark (a plain main, not JMH: A/B interleaved in one process): the writers' geometry
# cache on vs off, per format, on rows of which a fifth carry shared polygons (format-lib/README.md).
#   ./jmh.sh GeometryCacheBenchmark [rows=50000] [rounds=3] [formats=csv,json,geojson,gpkg] [share=0.2] [areas=300]
set -euo pipefail
module="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$module/.." && pwd)"
out="$module/target/bench"

cd "$root"
./mvnw -q -B -pl format-lib -am -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test

classpath="$out/test-classes:$out/classes:$(cat "$out/classpath.txt")"
if [ "${1:-}" = GeometryCacheBenchmark ]; then
    shift
    exec java -Xmx512m -cp "$classpath" org.naturaflux.format.bench.GeometryCacheBenchmark "$@"
fi
if [ "$#" -eq 0 ]; then
    set -- RTreeBenchmark -f 1 -wi 2 -i 3
fi
exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
