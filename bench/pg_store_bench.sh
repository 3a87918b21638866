#!/usr/bin/env bash
# The PostGIS store beside the SpatiaLite one and beside GDAL, on the same synthetic events
# (bench/gen_events.py), on a throwaway PostgreSQL server started here (initdb into the work
# directory, a Unix socket only, stopped and removed at the end; as the postgres user when
# run as root):
#   load    kharita import-acled into PostGIS  vs  into SpatiaLite  vs  ogr2ogr -f PostgreSQL
#   bulk    kharita store copy SpatiaLite -> PostGIS (the COPY path alone, no CSV parsing)
#   query   kharita query --count, three shapes, vs the hand-written PostGIS query (psql)
#   export  kharita export GeoJSON from PostGIS vs ogr2ogr from the same table
#   bash bench/pg_store_bench.sh [COUNT=1000000]
# KHARITA_BENCH_INPROCESS=1 loads only PostGIS (import-acled and ogr2ogr), adds a B-tree date
# index to both tables and runs bench/pg_query_bench.cpp (the queries in one process, against
# hand-written SQL through libpq) instead of the command-line comparisons; extra arguments
# after COUNT go to the benchmark (--benchmark_filter=..., --benchmark_repetitions=...);
# KHARITA_BENCH_EXPLAIN=1 then logs every statement's EXPLAIN ANALYZE to WORK/explain.log.
# KHARITA_BIN runs another build's kharita (a before/after pair on one machine state);
# KHARITA_BENCH_LOAD_ONLY=1 stops after the loads; KHARITA_BENCH_STATEMENTS=1 prints the loads'
# server statements that took 100 ms or more (log_min_duration_statement), the profile of
# where a load's time goes (in either mode).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${KHARITA_BUILD_DIR:-$ROOT/build}"
K="${KHARITA_BIN:-$BUILD/cli/kharita}"
COUNT="${1:-1000000}"
WORK="${KHARITA_BENCH_DIR:-/tmp/kharita-pg-bench}"
BIN="${KHARITA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}"
mkdir -p "$WORK"
CSV="$WORK/events-$COUNT.csv"
[ -s "$CSV" ] || { echo "generating $COUNT events" >&2; python3 "$ROOT/bench/gen_events.py" "$CSV" "$COUNT"; }
SERVER="$(mktemp -d "$WORK/server.XXXXXX")"
AS=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$SERVER"; AS=(runuser -u postgres --); fi
LOG_MIN=-1; [ -n "${KHARITA_BENCH_STATEMENTS:-}" ] && LOG_MIN=100
"${AS[@]}" "$BIN/initdb" -D "$SERVER/data" -U kharita -A trust --no-sync >/dev/null
"${AS[@]}" "$BIN/pg_ctl" -D "$SERVER/data" -w -l "$SERVER/log" \
    -o "-c listen_addresses='' -c unix_socket_directories=$SERVER -c max_wal_size=4GB \
        -c log_min_duration_statement=$LOG_MIN" \
    start >/dev/null
trap '"${AS[@]}" "$BIN/pg_ctl" -D "$SERVER/data" -w -m fast stop >/dev/null; rm -rf "$SERVER"' EXIT
PSQL=(psql -h "$SERVER" -U kharita -X -q -t -A)
"${PSQL[@]}" -d postgres -c "CREATE DATABASE bench"
"${PSQL[@]}" -d bench -c "CREATE EXTENSION postgis; CREATE SCHEMA ogr"
PG="postgresql:///bench?host=$SERVER&user=kharita"
rm -f "$WORK"/ours.sqlite*

measure() {  # name, command...: prints seconds
    local name="$1"; shift
    /usr/bin/time -f "%e" -o "$WORK/$name.time" "$@" > "$WORK/$name.log" 2>&1 || {
        echo "$name failed:" >&2; cat "$WORK/$name.log" >&2; exit 1; }
    cat "$WORK/$name.time"
}
rate() { python3 -c "print(f'{$COUNT/$1:,.0f}')"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }

k_pg=$(measure k_pg "$K" import-acled "$CSV" --db "$PG&schema=ours")
if [ "${KHARITA_BENCH_INPROCESS:-0}" != 1 ]; then
    k_lite=$(measure k_lite "$K" import-acled "$CSV" --db "$WORK/ours.sqlite")
    k_copy=$(measure k_copy "$K" store copy --from "$WORK/ours.sqlite" --to "$PG&schema=copied")
fi
o_pg=$(measure o_pg ogr2ogr -f PostgreSQL "PG:dbname=bench host=$SERVER user=kharita" "$CSV" \
    -nln ogr.events -lco SCHEMA=ogr -lco GEOMETRY_NAME=geom -a_srs EPSG:4326 --config PG_USE_COPY YES \
    -oo X_POSSIBLE_NAMES=longitude -oo Y_POSSIBLE_NAMES=latitude -oo AUTODETECT_TYPE=YES)
echo "== $COUNT synthetic events"
if [ -n "${KHARITA_BENCH_STATEMENTS:-}" ]; then
    echo "== the loads' statements of 100 ms or more (ms, statement)"
    sed -n 's/.*duration: \([0-9.]*\) ms  statement: \(.\{0,110\}\).*/\1  \2/p' "$SERVER/log"
fi
if [ "${KHARITA_BENCH_INPROCESS:-0}" = 1 ]; then
    # as a user would: a B-tree on the dates beside each table's GiST on geom
    "${PSQL[@]}" -d bench -c "CREATE INDEX ours_dates ON ours.events (date_start, date_end);
        CREATE INDEX ogr_dates ON ogr.events (event_date)"
    "${PSQL[@]}" -d bench -c "VACUUM ANALYZE ours.events" -c "VACUUM ANALYZE ogr.events"
    echo "loads: import-acled ${k_pg}s ($(rate "$k_pg") events/s), ogr2ogr ${o_pg}s ($(rate "$o_pg") events/s)"
    # how the matches lie: distinct heap pages holding them, in each table
    while IFS='|' read -r name box from to; do
        pages() { "${PSQL[@]}" -d bench -c "SELECT count(*) || ' on ' || count(DISTINCT
            (ctid::text::point)[0]) || ' pages' FROM $1 WHERE geom && ST_MakeEnvelope($box, 4326)
            AND $2"; }
        echo "$name: ours $(pages ours.events "date_start <= '$to' AND date_end >= '$from'"), ogr2ogr $(pages ogr.events "event_date BETWEEN '$from' AND '$to'")"
    done <<'S'
libya_year|9.3,19.5,25.2,33.2|2024-01-01|2024-12-31
cell_month|13.0,32.0,14.0,33.0|2024-05-01|2024-05-31
viewport_all|13.1,32.8,13.3,32.95|2015-01-01|2025-12-31
S
    shift || true
    # KHARITA_BENCH_PG_QUERY: the benchmark binaries to run one after the other on this
    # server (a before/after pair on one machine state)
    for qb in ${KHARITA_BENCH_PG_QUERY:-$BUILD/bench/kharita_bench_pg_query}; do
    echo "== $qb"
    KHARITA_BENCH_PG="$PG" "$qb" \
        --benchmark_out="$WORK/pg_query.json" --benchmark_out_format=json "$@"
    python3 - "$WORK/pg_query.json" <<'PY'
import json, sys, collections
t = collections.defaultdict(dict)
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
        continue
    # with --benchmark_repetitions the median (named "BM_x/0_median", run_name "BM_x/0")
    # follows the repetitions and so is the one kept
    name = b.get("run_name", b["name"])
    fam, shape = name.split("/")[0], int(name.split("/")[1])
    t[shape][fam] = (b["real_time"], int(b.get("rows", 0)))
names = ["libya_year", "cell_month", "viewport_all"]
# ratio: Kharita over the better hand-written query as a user's session runs it (JIT on);
# no-JIT: over the hand-written query on Kharita's table with JIT off, as the store runs
print(f"{'shape':14} {'what':6} {'kharita ms':>11} {'hand ours':>10} {'hand ogr':>9} {'ratio':>6} "
      f"{'ours, no JIT':>12} {'ratio':>6}  rows")
for i, n in enumerate(names):
    for what in ("Query", "Count"):
        k = t[i].get(f"BM_Pg{what}Kharita"); a = t[i].get(f"BM_Pg{what}HandOurs")
        o = t[i].get(f"BM_Pg{what}HandOgr"); j = t[i].get(f"BM_Pg{what}HandOursNoJit")
        if not (k and a and o):
            continue
        best = min(a[0], o[0])
        nojit = f"{j[0]:12.2f} {k[0]/j[0]:6.2f}" if j else f"{'-':>12} {'-':>6}"
        print(f"{n:14} {what.lower():6} {k[0]:11.2f} {a[0]:10.2f} {o[0]:9.2f} {k[0]/best:6.2f} "
              f"{nojit}  {k[1]} / {a[1]} / {o[1]}")
    f = t[i].get("BM_PgQueryFloor")
    a = t[i].get("BM_PgQueryHandOurs"); o = t[i].get("BM_PgQueryHandOgr")
    if f and a and o:
        print(f"{n:14} {'floor':6} {f[0]:11.2f}  (the matches streamed from a table of them alone: "
              f"{f[0]/min(a[0], o[0]):.2f} of the best hand-written query)")
PY
    done
    if [ -n "${KHARITA_BENCH_EXPLAIN:-}" ]; then
        # every statement's plan, with its actual rows, times and buffers (auto_explain in
        # the benchmark's sessions, one iteration each), to $WORK/explain.log
        : > "$SERVER/log"
        PGOPTIONS="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0
            -c auto_explain.log_analyze=on -c auto_explain.log_buffers=on" \
            KHARITA_BENCH_PG="$PG" "$qb" --benchmark_min_time=0.000001 "$@" >/dev/null
        cp "$SERVER/log" "$WORK/explain.log"
        echo "plans: $WORK/explain.log"
    fi
    exit 0
fi
# events/s, and against the others as a ratio of events/s (above 1: faster than the other)
printf "%-44s %8s %12s %9s %9s\n" "load" "seconds" "events/s" "/lite" "/ogr2ogr"
row() { printf "%-44s %8s %12s %9s %9s\n" "$1" "$2" "$(rate "$2")" "$(ratio "$k_lite" "$2")" \
    "$(ratio "$o_pg" "$2")"; }
row "kharita import-acled -> PostGIS" "$k_pg"
row "kharita import-acled -> SpatiaLite" "$k_lite"
row "kharita store copy SpatiaLite -> PostGIS" "$k_copy"
row "ogr2ogr -f PostgreSQL (COPY, GiST)" "$o_pg"
[ "${KHARITA_BENCH_LOAD_ONLY:-0}" = 1 ] && exit 0

# the hand-written queries: GiST on geom plus a B-tree on the dates, as a user would add
"${PSQL[@]}" -d bench -c "CREATE INDEX ours_dates ON ours.events (date_start, date_end); ANALYZE ours.events"
best() {  # best of three runs of a command, seconds
    local b=999
    for _ in 1 2 3; do
        local s; s=$( { /usr/bin/time -f "%e" "$@" >/dev/null; } 2>&1 | tail -1)
        b=$(python3 -c "print(min($b, $s))")
    done
    echo "$b"
}
echo
printf "%-34s %9s %9s %7s %s\n" "query (count)" "kharita" "psql" "ratio" "rows"
while IFS='|' read -r name args where; do
    # shellcheck disable=SC2086
    k=$(best "$K" query --db "$PG&schema=ours" --count $args)
    h=$(best "${PSQL[@]}" -d bench -c "SELECT count(*) FROM ours.events WHERE $where")
    # shellcheck disable=SC2086
    n=$("$K" query --db "$PG&schema=ours" --count $args)
    m=$("${PSQL[@]}" -d bench -c "SELECT count(*) FROM ours.events WHERE $where")
    printf "%-34s %8ss %8ss %7s %s / %s\n" "$name" "$k" "$h" "$(ratio "$k" "$h")" "$n" "$m"
done <<'Q'
Libya x 2024|--bbox 9.3,19.5,25.2,33.2 --from 2024-01-01 --to 2024-12-31|geom && ST_MakeEnvelope(9.3,19.5,25.2,33.2,4326) AND date_start <= '2024-12-31' AND date_end >= '2024-01-01'
Tripoli viewport, all dates|--bbox 13.0,32.75,13.4,32.95|geom && ST_MakeEnvelope(13.0,32.75,13.4,32.95,4326)
everywhere, one month|--from 2023-03-01 --to 2023-03-31|date_start <= '2023-03-31' AND date_end >= '2023-03-01'
Q

echo
k_exp=$(measure k_exp "$K" export --db "$PG&schema=ours" -o "$WORK/k.geojson")
o_exp=$(measure o_exp ogr2ogr -f GeoJSON "$WORK/o.geojson" "PG:dbname=bench host=$SERVER user=kharita" \
    -sql "SELECT id, type, subtype, status, date_start, date_end, time_precision, location, geo_precision, country, admin1, fatalities, confidence, actors, sources, source_count, notes, geom FROM ours.events")
printf "%-34s %8ss %8ss %7s\n" "GeoJSON export, whole table" "$k_exp" "$o_exp" "$(ratio "$k_exp" "$o_exp")"
rm -f "$WORK/k.geojson" "$WORK/o.geojson"
