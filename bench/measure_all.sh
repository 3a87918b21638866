#!/usr/bin/env bash
# Every evaluation score and every benchmark ratio in one run, so a change that should not
# move them (a refactoring) can be checked before and after:
#
#   bash bench/measure_all.sh > before.txt   # on the old commit
#   bash bench/measure_all.sh > after.txt    # on the new one
#   diff before.txt after.txt
#
# Scores are exact and must not move; speed figures are ratios and move with the machine's
# load (30-50% between runs on a shared machine). KHARITA_MEASURE_QUICK=1 skips the 1 M-event
# store and viewer benchmarks.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${KHARITA_BUILD_DIR:-$ROOT/build}"
K="$BUILD/cli/kharita"
EVAL="$(cd "$ROOT/.." && pwd)/shared/eval"

if [ -d "$EVAL" ]; then
    echo "== eval geoparse (GeoWebNews)"
    "$K" eval geoparse "$EVAL/geoparse/geowebnews.jsonl" | grep -v "documents/s"
    echo "== eval seed"
    "$K" eval seed "$EVAL/seed/gold.json" "$EVAL/seed/000_4e4c290d33eac378.txt"
    echo "== eval time (chrono cases)"
    "$K" eval time "$EVAL/temporal/chrono_en_cases.jsonl"
    echo "== eval events (seed page)"
    "$K" eval events "$EVAL/seed/gold.json" "$EVAL/seed/000_4e4c290d33eac378.txt"
    echo "== eval events (development reports, tests/data/events-dev: totals)"
    "$K" eval events "$ROOT/tests/data/events-dev" | tail -4
    echo "== eval events (second development set, tests/data/events-holdout: totals)"
    "$K" eval events "$ROOT/tests/data/events-holdout" | tail -4
    echo "== eval events (training reports, tests/data/events-train: totals)"
    "$K" eval events "$ROOT/tests/data/events-train" | tail -4
    echo "== eval events (unseen reports, tests/data/events-unseen: totals)"
    "$K" eval events "$ROOT/tests/data/events-unseen" | tail -4
    echo "== eval events (unseen reports, the rules alone: --no-screen)"
    "$K" eval events "$ROOT/tests/data/events-unseen" --no-screen | tail -4
    echo "== eval events (the screen's held-out check, tests/data/events-check: totals)"
    "$K" eval events "$ROOT/tests/data/events-check" | tail -4
    "$K" eval events "$ROOT/tests/data/events-check" --no-screen | tail -4
    echo "== train event-screen (5-fold cross-validation by page; no model written)"
    "$K" train event-screen "$ROOT/tests/data/events-dev" "$ROOT/tests/data/events-holdout" \
        "$ROOT/tests/data/events-train"
    echo "== eval event-location (5-fold cross-validation, then the builtin model)"
    "$K" eval event-location "$EVAL/event-location/dev.jsonl" --folds 5
    "$K" eval event-location "$EVAL/event-location/dev.jsonl"
else
    echo "== evaluation corpora not found at $EVAL: scores skipped"
fi
# the project's own development sets (written for it, in the repository)
for set in us-local world; do
    echo "== eval geoparse (tests/data/geoparse-dev/$set.jsonl)"
    "$K" eval geoparse "$ROOT/tests/data/geoparse-dev/$set.jsonl" | grep -v "documents/s"
done

echo "== bench gazetteer"
"$BUILD/bench/kharita_bench_gazetteer" --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true 2>&1 | grep -E "median|^Benchmark"
echo "== bench geoparser"
"$BUILD/bench/kharita_bench_geoparser" 2>&1 | grep -E "^BM|^Benchmark"
echo "== bench locate (sentences/s, geoparse included)"
"$BUILD/bench/kharita_bench_locate" 2>&1 | grep -E "^BM|^Benchmark"
if [ "${KHARITA_MEASURE_QUICK:-0}" != 1 ]; then
    echo "== bench store (1 M events, against ogr2ogr and SpatiaLite)"
    bash "$ROOT/bench/store_bench.sh"
    if [ -x "$BUILD/bench/kharita_bench_viewer" ]; then
        echo "== bench viewer"
        bash "$ROOT/bench/viewer_bench.sh"
    fi
fi
