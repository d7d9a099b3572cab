#!/usr/bin/env bash
# Runs source-lib's JMH benchmark (not a test): the basic flux of the demo region with and without the
# taxon status fields (query, degradation, statuses; no writers), seconds per flux. Needs the local
# stack's variables (eval "$(deploy/local/env)"); each trial generates its own demo source.
#   ./bench.sh                                   # 1,000,000 rows, 1 warm-up and 3 measured fluxes per line
#   ./bench.sh StatusFieldsBenchmark -p rows=100000 -wi 1 -i 2   # any JMH arguments instead
set -euo pipefail
module="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$module/.." && pwd)"
out="$module/target/bench"

cd "$root"
# through the reactor (the sibling modules from their build output, nothing installed); the classpath file
# is written by each module in turn, source-lib last
./mvnw -q -B -pl source-lib -am -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test

classpath="$out/test-classes:$out/classes:$(cat "$out/classpath.txt")"
if [ "$#" -eq 0 ]; then
    set -- StatusFieldsBenchmark -f 1 -wi 1 -i 3
fi
exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
