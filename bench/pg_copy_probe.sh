#!/usr/bin/env bash
# The server's side of a PostGIS bulk load, one way of loading against another, on a throwaway
# server started here (as bench/pg_store_bench.sh does: initdb into the work directory, a Unix
# socket only, stopped and removed at the end):
#   bash bench/pg_copy_probe.sh [COUNT=500000] [RUNS=3]
# imports COUNT synthetic events (bench/gen_events.py) with `kharita import-acled`, writes the
# rows a bulk load sends (the columns of postgis_bulk.cpp's COPY) to a file, then times each
# way of storing those rows again into a fresh table made like `events` (its generated columns
# and primary key, no other index), RUNS times, the ways taking turns:
#   text       one COPY in text format: what the bulk load does
#   binary     one COPY of the same rows in binary format
#   two        two COPYs at once from two sessions, half the rows each, each its own
#              transaction (not allowed to a load, whose rows readers must see all at once:
#              the server's capacity for two streams)
#   staged     two COPYs at once into unlogged staging tables of the plain columns, then one
#              INSERT ... SELECT of both in one transaction (allowed: what two streams buy a
#              load that keeps its one visible transaction)
#   fts-given  one COPY with the text vector given as a column, not generated (what moving
#              to_tsvector off the loading session would leave it)
#   fts-alone  to_tsvector of the same notes alone (what a second session would compute)
# and prints each way's median seconds and its ratio to `text`. Runs under `nice -n 5` by
# default (KHARITA_NICE=0 for none). KHARITA_BENCH_PERF=1 also prints where the text COPY's
# server process spends its time (perf, when installed).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${KHARITA_BUILD_DIR:-$ROOT/build}"
K="${KHARITA_BIN:-$BUILD/cli/kharita}"
COUNT="${1:-500000}"
RUNS="${2:-3}"
WORK="${KHARITA_BENCH_DIR:-/tmp/kharita-pg-bench}"
BIN="${KHARITA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
NICE=(nice -n "${KHARITA_NICE:-5}")
mkdir -p "$WORK"
CSV="$WORK/events-$COUNT.csv"
[ -s "$CSV" ] || { echo "generating $COUNT events" >&2; python3 "$ROOT/bench/gen_events.py" "$CSV" "$COUNT"; }
SERVER="$(mktemp -d "$WORK/server.XXXXXX")"
AS=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$SERVER"; AS=(runuser -u postgres --); fi
"${AS[@]}" "$BIN/initdb" -D "$SERVER/data" -U kharita -A trust --no-sync >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$SERVER/data" -w -l "$SERVER/log" \
    -o "-c listen_addresses='' -c unix_socket_directories=$SERVER -c max_wal_size=4GB" \
    start >/dev/null
ROWS="$(mktemp -d "$WORK/rows.XXXXXX")"
trap '"${AS[@]}" "$BIN/pg_ctl" -D "$SERVER/data" -w -m fast stop >/dev/null; rm -rf "$SERVER" "$ROWS"' EXIT
PSQL=(psql -h "$SERVER" -U kharita -X -q -t -A -v ON_ERROR_STOP=1)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE bench"
"${PSQL[@]}" -d bench -c "CREATE EXTENSION postgis"
"$K" import-acled "$CSV" --db "postgresql:///bench?host=$SERVER&user=kharita&schema=ours" >/dev/null
DB=("${NICE[@]}" "${PSQL[@]}" -d bench -c "SET search_path = ours, public" \
    -c "SET client_min_messages = warning")
COLS="id, type, subtype, status, date_start, date_end, day_start, day_end, time_precision,
    time_rank, location, place_inherited, lat, lon, geo_precision, geo_rank, geo_precision_code,
    country, admin1, admin1_code, admin2, fatalities, confidence, actor1, actor2, actors, sources,
    source_count, notes, span_class, cell, date_assumed"
COLS="$(echo "$COLS" | tr -s ' \n' ' ')"
# in the order of the load's own space-time sort
"${DB[@]}" -c "\\copy (SELECT $COLS FROM events ORDER BY ctid) TO '$ROWS/rows.txt'"
"${DB[@]}" -c "\\copy (SELECT $COLS FROM events ORDER BY ctid) TO '$ROWS/rows.bin' WITH (FORMAT binary)"
"${DB[@]}" -c "\\copy (SELECT $COLS, notes_fts FROM events ORDER BY ctid) TO '$ROWS/rows_fts.txt'"
split -n l/2 "$ROWS/rows.txt" "$ROWS/half."

fresh() {  # a table made like events, empty; with `plain`, its text vector not generated
    "${DB[@]}" -c "DROP TABLE IF EXISTS probe, stage_a, stage_b" \
        -c "CREATE TABLE probe (LIKE events INCLUDING DEFAULTS INCLUDING GENERATED)" \
        -c "${1:-SELECT 1}" -c "ALTER TABLE probe ADD PRIMARY KEY (id)" -c "CHECKPOINT" >/dev/null
}
now() { date +%s.%N; }
since() { python3 -c "print(f'{$(now) - $1:.3f}')"; }
way() {  # name: prints seconds
    local t
    case "$1" in
    text) fresh; t=$(now); "${DB[@]}" -c "\\copy probe ($COLS) FROM '$ROWS/rows.txt'" ;;
    binary) fresh; t=$(now)
        "${DB[@]}" -c "\\copy probe ($COLS) FROM '$ROWS/rows.bin' WITH (FORMAT binary)" ;;
    two) fresh; t=$(now)
        "${DB[@]}" -c "\\copy probe ($COLS) FROM '$ROWS/half.aa'" &
        "${DB[@]}" -c "\\copy probe ($COLS) FROM '$ROWS/half.ab'"; wait ;;
    staged) fresh; "${DB[@]}" -c "CREATE UNLOGGED TABLE stage_a AS SELECT $COLS FROM events LIMIT 0" \
            -c "CREATE UNLOGGED TABLE stage_b AS SELECT $COLS FROM events LIMIT 0"; t=$(now)
        "${DB[@]}" -c "\\copy stage_a FROM '$ROWS/half.aa'" &
        "${DB[@]}" -c "\\copy stage_b FROM '$ROWS/half.ab'"; wait
        "${DB[@]}" -c "INSERT INTO probe ($COLS) SELECT * FROM stage_a UNION ALL SELECT * FROM stage_b" ;;
    fts-given) fresh "ALTER TABLE probe ALTER COLUMN notes_fts DROP EXPRESSION"; t=$(now)
        "${DB[@]}" -c "\\copy probe ($COLS, notes_fts) FROM '$ROWS/rows_fts.txt'" ;;
    fts-alone) t=$(now)
        "${DB[@]}" -c "SELECT count(to_tsvector('simple', notes)::text) FROM events" >/dev/null ;;
    esac
    since "$t"
}
WAYS=(text binary two staged fts-given fts-alone)
declare -A took
for ((run = 1; run <= RUNS; run++)); do
    for w in "${WAYS[@]}"; do
        took[$w]+="$(way "$w") "
    done
    echo "run $run of $RUNS done, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done
echo "== $COUNT events, the rows of a bulk load stored again, $RUNS runs each (median seconds)"
printf "%-10s %9s %9s  %s\n" "way" "seconds" "/text" "runs"
# shellcheck disable=SC2086 # $1: the runs' times, one argument each
med() { python3 -c "import statistics, sys; print(f'{statistics.median(map(float, sys.argv[1:])):.2f}')" $1; }
base=$(med "${took[text]}")
for w in "${WAYS[@]}"; do
    m=$(med "${took[$w]}")
    printf "%-10s %9s %9s  %s\n" "$w" "$m" "$(python3 -c "print(f'{$m / $base:.2f}')")" "${took[$w]}"
done
if [ -n "${KHARITA_BENCH_PERF:-}" ] && command -v perf >/dev/null; then
    fresh
    "${DB[@]}" -c "SELECT pg_backend_pid()" -c "SELECT pg_sleep(1)" \
        -c "\\copy probe ($COLS) FROM '$ROWS/rows.txt'" > "$ROWS/pid" &
    sleep 0.5
    perf record -q -g -p "$(head -1 "$ROWS/pid")" -o "$ROWS/perf.data" -- sleep 4 &>/dev/null || true
    wait
    echo "== where the text COPY's server process spends its time (perf, share of samples)"
    perf report -i "$ROWS/perf.data" --children --sort symbol -g none 2>/dev/null |
        awk '{ for (i = 1; i < NF; i++) if ($i == "[.]") print $1, $(i + 1) }' |
        grep -E " (CopyFrom|NextCopyFrom|NextCopyFromRawFields|InputFunctionCall|ExecComputeStoredGenerated|to_tsvector_byid|heap_multi_insert|ExecInsertIndexTuples)$"
fi
