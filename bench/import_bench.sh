#!/usr/bin/env bash
# Import of a synthetic allCountries-sized file: Kharita's gazetteer build against
# ogr2ogr loading the same rows into SpatiaLite (what a user would otherwise reach for),
# in one run. Prints rows/s, peak resident memory and the time ratio.
#   bash bench/import_bench.sh [ROWS]      (default 12,000,000; needs about 4 GB of disk)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
K="${KHARITA_BUILD_DIR:-$ROOT/build}/cli/kharita"
ROWS="${1:-12000000}"
WORK="${KHARITA_BENCH_DIR:-/tmp/kharita-import-bench}"
mkdir -p "$WORK/dumps"
if [ ! -s "$WORK/dumps/allCountries.txt" ] || [ "$(wc -l < "$WORK/dumps/allCountries.txt")" != "$ROWS" ]; then
    echo "generating $ROWS rows" >&2
    python3 "$ROOT/bench/gen_allcountries.py" "$WORK/dumps/allCountries.txt" "$ROWS"
fi
rm -f "$WORK/kharita.sqlite" "$WORK/ogr.sqlite"

measure() {  # name, command...: prints seconds and peak RSS in MB
    local name="$1"; shift
    /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" > "$WORK/$name.log" 2>&1
    read -r secs kb < "$WORK/$name.time"
    echo "$secs $((kb / 1024))"
}
read -r k_s k_mb < <(measure kharita "$K" gazetteer build --geonames "$WORK/dumps" \
    --out "$WORK/kharita.sqlite" --words /dev/null)
read -r o_s o_mb < <(measure ogr2ogr ogr2ogr -f SQLite -dsco SPATIALITE=YES -gt 200000 \
    -nln places -a_srs EPSG:4326 -oo SEPARATOR=TAB -oo HEADERS=NO \
    -oo X_POSSIBLE_NAMES=field_6 -oo Y_POSSIBLE_NAMES=field_5 -oo KEEP_GEOM_COLUMNS=NO \
    "$WORK/ogr.sqlite" "CSV:$WORK/dumps/allCountries.txt")
python3 - "$ROWS" "$k_s" "$k_mb" "$o_s" "$o_mb" <<'PY'
import sys
rows, ks, kmb, os_, omb = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
print(f"rows {rows:,}")
print(f"kharita gazetteer build: {ks:8.1f} s  {rows/ks:10,.0f} rows/s  peak {kmb:6,} MB  (places + every name, keys, R*Tree)")
print(f"ogr2ogr -> SpatiaLite:   {os_:8.1f} s  {rows/os_:10,.0f} rows/s  peak {omb:6,} MB  (one table, R*Tree)")
print(f"time ratio kharita/ogr2ogr: {ks/os_:.2f}")
PY
