#!/usr/bin/env bash
# Benchmark of format-lib (not a test): writes ROWS synthetic rows of 30 fields to each format with a
# 128 MiB heap, then times ogr2ogr (GDAL) converting the same rows, read from the CSV just written (typed
# by a .csvt sidecar, the WKT column as geometry for GeoJSON and GeoPackage), to the same format, and
# prints both speeds and their ratio. With BIG_ROWS > 0 it then writes BIG_ROWS rows to each format,
# still at -Xmx128m (the "5,000,000 rows without error" check).
#
# Usage: format-lib/bench.sh [ROWS=1000000] [BIG_ROWS=0]      (BENCH_DIR=target/bench by default)
# Needs: gdal-bin; writes about 3 GB per million rows (files are deleted once measured).
# ogr2ogr has no plain-JSON writer: the JSON row compares with ogr2ogr writing a GeoJSON FeatureCollection
# without geometry (the closest GDAL output to an array of objects).
set -euo pipefail
cd "$(dirname "$0")"
ROWS=${1:-1000000}
BIG_ROWS=${2:-0}
DIR=${BENCH_DIR:-target/bench}
HEAP=-Xmx128m
command -v ogr2ogr >/dev/null || { echo "ogr2ogr is missing: apt-get install -y gdal-bin" >&2; exit 1; }

# through the reactor (flux-model from its build output, nothing installed: `-f pom.xml` needed flux-model
# in the local Maven repository); each module writes the classpath file in turn, format-lib last
(cd .. && ./mvnw -q -B -pl format-lib -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile="$PWD/format-lib/target/bench.classpath" -Dmdep.includeScope=test)
CP="target/classes:target/test-classes:$(cat target/bench.classpath)"
rm -rf "$DIR"
mkdir -p "$DIR"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
rate() { echo "scale=0; $1 / $2" | bc; }

declare -A OURS GDAL
for format in csv json geojson gpkg; do
    start=$(now)
    java $HEAP -cp "$CP" org.naturaflux.format.bench.WriteBenchmark "$ROWS" "$DIR" "$format" >"$DIR/$format.log"
    OURS[$format]=$(elapsed "$start" "$(now)")
    cat "$DIR/$format.log"
    if [ "$format" != csv ]; then rm -f "$DIR/naturaflux.$format"; fi
done

geometry=(-oo GEOM_POSSIBLE_NAMES=geometrie_wkt_4326 -oo KEEP_GEOM_COLUMNS=NO -a_srs EPSG:4326)
for format in csv json geojson gpkg; do
    out="$DIR/gdal.$format"
    case $format in
        csv) args=(-f CSV "$out" "$DIR/naturaflux.csv") ;;
        json) args=(-f GeoJSON "$out" "$DIR/naturaflux.csv") ;;
        geojson) args=(-f GeoJSON "$out" "$DIR/naturaflux.csv" "${geometry[@]}" -lco RFC7946=YES
                       -lco COORDINATE_PRECISION=7) ;;
        gpkg) args=(-f GPKG "$out" "$DIR/naturaflux.csv" "${geometry[@]}" -nln observations) ;;
    esac
    start=$(now)
    ogr2ogr "${args[@]}"
    GDAL[$format]=$(elapsed "$start" "$(now)")
    rm -f "$out"
done

echo
echo "$ROWS rows x 30 fields, naturaflux at $HEAP (whole process, JVM start included) vs ogr2ogr from CSV"
printf '%-8s %12s %12s %12s %12s %8s\n' format "ours s" "ours rows/s" "ogr2ogr s" "ogr rows/s" "speedup"
for format in csv json geojson gpkg; do
    printf '%-8s %12.2f %12s %12.2f %12s %7.2fx\n' "$format" "${OURS[$format]}" \
        "$(rate "$ROWS" "${OURS[$format]}")" "${GDAL[$format]}" "$(rate "$ROWS" "${GDAL[$format]}")" \
        "$(echo "${GDAL[$format]} / ${OURS[$format]}" | bc -l)"
done
rm -f "$DIR/naturaflux.csv" "$DIR/naturaflux.csvt"

if [ "$BIG_ROWS" -gt 0 ]; then
    echo
    echo "$BIG_ROWS rows at $HEAP, one format at a time"
    for format in csv json geojson gpkg; do
        java $HEAP -cp "$CP" org.naturaflux.format.bench.WriteBenchmark "$BIG_ROWS" "$DIR" "$format"
        rm -f "$DIR/naturaflux.$format" "$DIR/naturaflux.csvt"
    done
fi
