#!/usr/bin/env bash
# Runs sensitivity-lib's JMH benchmark (not a test): point records degraded per second on one thread,
# at each level, over ~1,300 synthetic communes and a 10 km grid. About 2 minutes.
#   ./bench.sh                       # the default run (-f 1 -wi 2 -w 5s -i 3 -r 5s -t 1)
#   ./bench.sh DegradationBenchmark -p level=GRID -i 5   # any JMH arguments instead
set -euo pipefail
module="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$module/.." && pwd)"
out="$module/target/bench"

cd "$root"
# through the reactor (flux-model from its build output, nothing installed: `-f sensitivity-lib/pom.xml`
# needed flux-model in the local Maven repository); the classpath file is written by each module in turn,
# sensitivity-lib last
./mvnw -q -B -pl sensitivity-lib -am -Pbench -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test

classpath="$out/test-classes:$out/classes:$(cat "$out/classpath.txt")"
if [ "$#" -eq 0 ]; then
    set -- DegradationBenchmark -f 1 -wi 2 -w 5s -i 3 -r 5s -t 1
fi
exec java -cp "$classpath" org.openjdk.jmh.Main "$@"
