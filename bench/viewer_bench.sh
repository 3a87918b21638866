#!/usr/bin/env bash
# The viewer's event layer with the synthetic million of bench/gen_events.py (shared with
# bench/store_bench.sh, which it reuses when already made): redraw times at 1600x1000 and
# the load from SpatiaLite.
#   bash bench/viewer_bench.sh [COUNT=1000000]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${KHARITA_BUILD_DIR:-$ROOT/build}"
COUNT="${1:-1000000}"
WORK="${KHARITA_BENCH_DIR:-/tmp/kharita-store-bench}"
mkdir -p "$WORK"
CSV="$WORK/events-$COUNT.csv"
[ -s "$CSV" ] || python3 "$ROOT/bench/gen_events.py" "$CSV" "$COUNT"
[ -s "$WORK/ours.sqlite" ] || "$BUILD/cli/kharita" import-acled "$CSV" --db "$WORK/ours.sqlite"
KHARITA_BENCH_EVENTS_CSV="$CSV" KHARITA_BENCH_OUR_DB="$WORK/ours.sqlite" QT_QPA_PLATFORM=offscreen \
    "$BUILD/bench/kharita_bench_viewer" 2>&1 | grep -v "^\*\*\*"
