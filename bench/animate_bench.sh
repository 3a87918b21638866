#!/usr/bin/env bash
# `kharita animate` over the store benchmark's synthetic events (bench/gen_events.py: 1 M
# over North Africa, 2015-2025): wall time, peak memory (/usr/bin/time) and the share of
# time spent drawing and encoding (as the command reports it), for
#   daily   365 daily frames of 2024 at 1280x800, a one-day window, MP4
#   weekly  365 weekly frames from 2018, cumulative (up to ~640 k events a frame), MP4
#   all     365 frames of 11 days over 2015-2025, a 30-day window: all 1 M events loaded, MP4
#   gif     the daily run as a GIF (one palette, dithered)
#   webm    the daily run as VP9 in WebM
#   bash bench/animate_bench.sh [COUNT=1000000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${KHARITA_BUILD_DIR:-$ROOT/build}"
K="$BUILD/cli/kharita"
COUNT="${1:-1000000}"
WORK="${KHARITA_BENCH_DIR:-/tmp/kharita-animate-bench}"
mkdir -p "$WORK"
# the store benchmark's CSV when it is there (read only), else a fresh one
CSV="${KHARITA_BENCH_EVENTS_CSV:-/tmp/kharita-store-bench/events-$COUNT.csv}"
if [ ! -s "$CSV" ]; then
    CSV="$WORK/events-$COUNT.csv"
    [ -s "$CSV" ] || { echo "generating $COUNT events" >&2; python3 "$ROOT/bench/gen_events.py" "$CSV" "$COUNT"; }
fi
DB="$WORK/events-$COUNT.sqlite"
if [ ! -s "$DB" ]; then
    echo "importing $CSV" >&2
    "$K" import-acled "$CSV" --db "$DB" >/dev/null
fi
export QT_QPA_PLATFORM=offscreen

run() {  # name, arguments...: seconds, peak MB, the command's own figures
    local name="$1"; shift
    rm -f "$WORK/$name".*
    /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$K" animate --db "$DB" "$@" \
        > "$WORK/$name.log" 2> "$WORK/$name.err" || { cat "$WORK/$name.err" >&2; exit 1; }
    read -r secs kb < "$WORK/$name.time"
    local split size
    split=$(grep -E "^drawing" "$WORK/$name.err")
    size=$(stat -c %s "$(sed -n 's/^\(.*\): [0-9]* frames.*/\1/p' "$WORK/$name.log")")
    printf "%-8s %7ss %6s MB  %-32s %6s KB  %s\n" "$name" "$secs" "$((kb / 1024))" "$split" \
        "$((size / 1024))" "$(cat "$WORK/$name.log")"
}

echo "== kharita animate, $COUNT synthetic events in the store"
printf "%-8s %8s %9s  %-32s %9s  %s\n" "run" "wall" "peak" "time split" "file" "summary"
run daily --from 2024-01-01 --to 2024-12-30 --step 1d --size 1280x800 --title "2024, daily" \
    -o "$WORK/daily.mp4"
run weekly --from 2018-01-01 --to 2024-12-29 --step 1w --window cumulative --size 1280x800 \
    --title "2018-2024, weekly" -o "$WORK/weekly.mp4"
run all --from 2015-01-01 --to 2025-12-28 --step 11d --window 30d --size 1280x800 \
    --title "2015-2025, 11 days a frame" -o "$WORK/all.mp4"
run gif --from 2024-01-01 --to 2024-12-30 --step 1d --size 1280x800 --title "2024, daily" \
    -o "$WORK/gif.gif"
run webm --from 2024-01-01 --to 2024-12-30 --step 1d --size 1280x800 --title "2024, daily" \
    -o "$WORK/webm.webm"
