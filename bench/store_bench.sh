#!/usr/bin/env bash
# The event store against the tools a user would otherwise reach for, in one run, on the
# same synthetic events (bench/gen_events.py: 1 M over North Africa, 2015-2025, 6 types):
#   load   kharita import-acled   vs  ogr2ogr CSV -> SpatiaLite (spatial index included)
#   export kharita export GeoJSON vs  ogr2ogr -f GeoJSON, whole table and Libya x 2024
#   query  Kharita's space-time plan vs SpatiaLite's R*Tree and date-index paths
#          (kharita_bench_store, which also measures the bulk ingest rate)
# Prints seconds, peak memory and ratios.
#   bash bench/store_bench.sh [COUNT=1000000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${KHARITA_BUILD_DIR:-$ROOT/build}"
K="$BUILD/cli/kharita"
COUNT="${1:-1000000}"
WORK="${KHARITA_BENCH_DIR:-/tmp/kharita-store-bench}"
mkdir -p "$WORK"
CSV="$WORK/events-$COUNT.csv"
[ -s "$CSV" ] || { echo "generating $COUNT events" >&2; python3 "$ROOT/bench/gen_events.py" "$CSV" "$COUNT"; }
rm -f "$WORK"/ours.sqlite* "$WORK"/ref.sqlite* "$WORK"/*.geojson

measure() {  # name, command...: prints seconds and peak RSS in MB
    local name="$1"; shift
    /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" > "$WORK/$name.log" 2>&1 || {
        echo "$name failed:" >&2; cat "$WORK/$name.log" >&2; exit 1; }
    read -r secs kb < "$WORK/$name.time"
    echo "$secs $((kb / 1024))"
}
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

read -r k_load k_load_mb < <(measure k_load "$K" import-acled "$CSV" --db "$WORK/ours.sqlite")
read -r o_load o_load_mb < <(measure o_load ogr2ogr -f SQLite -dsco SPATIALITE=YES -gt 100000 \
    -nln events -a_srs EPSG:4326 -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude \
    -oo AUTODETECT_TYPE=YES "$WORK/ref.sqlite" "$CSV")
sqlite3 "$WORK/ref.sqlite" "CREATE INDEX events_date ON events(event_date); ANALYZE;"

# the same properties from both databases; ogr2ogr is given the faster of the two sources
# (ours has no SpatiaLite R*Tree, ref has one)
OUR_SQL="SELECT id, type, subtype, status, date_start, date_end, time_precision, location, geo_precision, country, admin1, fatalities, confidence, actors, sources, source_count, notes, geom FROM events"
REF_SQL="SELECT ogc_fid AS id, event_type AS type, sub_event_type AS subtype, 'occurred' AS status, event_date AS date_start, event_date AS date_end, time_precision, location, geo_precision, country, admin1, fatalities, 1.0 AS confidence, actor1 AS actors, source AS sources, 1 AS source_count, notes, GEOMETRY FROM events"
LIBYA="9.3 19.5 25.2 33.2"
read -r k_all k_all_mb < <(measure k_all "$K" export --db "$WORK/ours.sqlite" -o "$WORK/k_all.geojson")
read -r o_all o_all_mb < <(measure o_all ogr2ogr -f GeoJSON "$WORK/o_all.geojson" "$WORK/ours.sqlite" -sql "$OUR_SQL")
read -r k_sub k_sub_mb < <(measure k_sub "$K" export --db "$WORK/ours.sqlite" -o "$WORK/k_sub.geojson" \
    --bbox "${LIBYA// /,}" --from 2024-01-01 --to 2024-12-31)
read -r o_sub o_sub_mb < <(measure o_sub ogr2ogr -f GeoJSON "$WORK/o_sub.geojson" "$WORK/ours.sqlite" \
    -sql "$OUR_SQL WHERE date_start <= '2024-12-31' AND date_end >= '2024-01-01'" -spat $LIBYA)
read -r r_sub r_sub_mb < <(measure r_sub ogr2ogr -f GeoJSON "$WORK/r_sub.geojson" "$WORK/ref.sqlite" \
    -sql "$REF_SQL WHERE event_date BETWEEN '2024-01-01' AND '2024-12-31'" -spat $LIBYA)
count() { ogrinfo -ro -so -al "$1" | sed -n 's/^Feature Count: //p'; }

echo "== $COUNT synthetic events"
printf "%-34s %9s %9s %7s  %s\n" "task" "kharita" "ogr2ogr" "ratio" "peak MB (kharita / ogr2ogr)"
printf "%-34s %8ss %8ss %7s  %s / %s\n" "load CSV into SpatiaLite" "$k_load" "$o_load" "$(ratio "$k_load" "$o_load")" "$k_load_mb" "$o_load_mb"
printf "%-34s %8ss %8ss %7s  %s / %s\n" "GeoJSON, whole table" "$k_all" "$o_all" "$(ratio "$k_all" "$o_all")" "$k_all_mb" "$o_all_mb"
best_sub=$(python3 -c "print(min($o_sub, $r_sub))")
best_sub_mb=$([ "$best_sub" = "$o_sub" ] && echo "$o_sub_mb" || echo "$r_sub_mb")
printf "%-34s %8ss %8ss %7s  %s / %s\n" "GeoJSON, Libya x 2024" "$k_sub" "$best_sub" "$(ratio "$k_sub" "$best_sub")" "$k_sub_mb" "$best_sub_mb"
echo "features: whole $(count "$WORK/k_all.geojson") / $(count "$WORK/o_all.geojson"); subset $(count "$WORK/k_sub.geojson") / $(count "$WORK/o_sub.geojson") / $(count "$WORK/r_sub.geojson") (ogr2ogr -spat is by box, Kharita's by point)"
echo
KHARITA_BENCH_EVENTS_CSV="$CSV" KHARITA_BENCH_OUR_DB="$WORK/ours.sqlite" KHARITA_BENCH_REF_DB="$WORK/ref.sqlite" \
    "$BUILD/bench/kharita_bench_store" --benchmark_min_time=0.5 2>&1 | grep -v "^\*\*\*"
