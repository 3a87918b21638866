#!/usr/bin/env bash
# Start-up of the command line: a new process each time (the files stay in the page cache,
# as after any earlier command; the cache is not dropped on a shared machine), timed as a
# user sees it, beside the gazetteer load alone (kharita_bench_geoparser BM_LoadGazetteer).
#   cold geocode   kharita geocode Tripoli
#   cold parse     kharita parse FILE (a 3 KB report made of data/samples/*.txt)
# Prints the median of RUNS runs (wall seconds, user seconds, peak MB) and each command's
# ratio to the load alone: near 1 means the load is the start-up.
#   bash bench/startup_bench.sh [RUNS=5]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${KHARITA_BUILD_DIR:-$ROOT/build}"
K="$BUILD/cli/kharita"
RUNS="${1:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cat "$ROOT"/data/samples/*.txt > "$WORK/samples.txt" # no pipe: head would cut cat short
head -c 3000 "$WORK/samples.txt" > "$WORK/report.txt"

median_run() {  # command...: prints the median wall s, user s and peak MB of RUNS runs
    for _ in $(seq "$RUNS"); do
        /usr/bin/time -f "%e %U %M" -o "$WORK/t" "$@" > /dev/null 2>&1
        cat "$WORK/t"
    done | sort -n | awk -v n="$RUNS" 'NR == int((n + 1) / 2) { printf "%.2f %.2f %d\n", $1, $2, $3 / 1024 }'
}

load_s="$("$BUILD/bench/kharita_bench_geoparser" --benchmark_filter=BM_LoadGazetteer 2>/dev/null |
    awk '/^BM_LoadGazetteer/ { print $2 / 1000 }')"
read -r g_wall g_user g_mb < <(median_run "$K" geocode Tripoli)
read -r p_wall p_user p_mb < <(median_run "$K" parse "$WORK/report.txt" --retrieved-at 2025-06-14T12:00)
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
printf '%-16s %8s %8s %8s %14s\n' "" "wall s" "user s" "peak MB" "wall / load"
printf '%-16s %8.2f %8s %8s %14s\n' "gazetteer load" "$load_s" "-" "-" "1.00"
printf '%-16s %8.2f %8.2f %8d %14s\n' "cold geocode" "$g_wall" "$g_user" "$g_mb" "$(ratio "$g_wall" "$load_s")"
printf '%-16s %8.2f %8.2f %8d %14s\n' "cold parse 3 KB" "$p_wall" "$p_user" "$p_mb" "$(ratio "$p_wall" "$load_s")"
