// PostGIS store queries measured in one process: EventStore::query() and count() against
// the hand-written SQL a user would run through libpq on the same server, for the three
// query shapes of the store issue (bench/query_shapes.hpp, shared with store_bench.cpp).
// Process start and connection set-up are outside the timed loops.
//
// The hand-written side runs with the server's defaults (PostgreSQL's JIT compiler on, as a
// user's session has it) and, for Kharita's table, once more with JIT off as the store runs.
//
// Both sides fetch every matching row in libpq's single-row mode (PgConnection::stream(),
// which the store uses) and read every column of every row: the store turns each row into
// an EventRecord, the hand-written side takes each column's text. The count shapes run
// count(*) on the server and fetch the one number.
//
// Run through bench/pg_store_bench.sh (KHARITA_BENCH_INPROCESS=1), which starts a
// throwaway server, loads the synthetic events with `kharita import-acled` (the store's bulk
// load, schema "ours") and with `ogr2ogr -f PostgreSQL` (schema "ogr"), adds a B-tree date
// index to each as a user would (GiST on the geometry is there already), and passes:
//   KHARITA_BENCH_PG   libpq URI of the database holding both schemas

#include "detail/pg.hpp"
#include "kharita/store/store.hpp"
#include "store/postgis_rows.hpp"

#include "query_shapes.hpp"

#include <benchmark/benchmark.h>
#include <fmt/core.h>

#include <cstdlib>
#include <string>

namespace {

using kharita::detail::PgConnection;
using kharita::detail::PgParams;
using kharita::detail::PgResult;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

using kharita::bench::filter_of;
using Shape = kharita::bench::QueryShape;
const auto& kShapes = kharita::bench::kQueryShapes;

// Kharita's table: its GiST on geom plus a B-tree on (date_start, date_end) the script adds;
// an event overlapping the asked dates. The same columns the store reads.
std::string hand_ours(const Shape& s, const std::string& columns) {
    return fmt::format("SELECT {} FROM ours.events WHERE geom && ST_MakeEnvelope({}, {}, {}, {}, "
                       "4326) AND date_start <= '{}' AND date_end >= '{}'",
                       columns, s.box.min_lon, s.box.min_lat, s.box.max_lon, s.box.max_lat, s.to,
                       s.from);
}

// ogr2ogr's table of the same CSV: its GiST on geom plus a B-tree on event_date the script
// adds. The ACLED columns that hold what an EventRecord holds.
std::string hand_ogr(const Shape& s, const std::string& columns) {
    return fmt::format("SELECT {} FROM ogr.events WHERE geom && ST_MakeEnvelope({}, {}, {}, {}, "
                       "4326) AND event_date BETWEEN '{}' AND '{}'",
                       columns, s.box.min_lon, s.box.min_lat, s.box.max_lon, s.box.max_lat, s.from,
                       s.to);
}

const char* const kOgrColumns =
    "event_id_cnty, event_type, sub_event_type, event_date, time_precision, location, "
    "latitude, longitude, geo_precision, country, admin1, admin2, fatalities, actor1, actor2, "
    "assoc_actor_1, source, notes";

bool have_server(benchmark::State& state) {
    if (env("KHARITA_BENCH_PG").empty()) {
        state.SkipWithError("KHARITA_BENCH_PG not set (run bench/pg_store_bench.sh with "
                            "KHARITA_BENCH_INPROCESS=1)");
        return false;
    }
    return true;
}

void BM_PgQueryKharita(benchmark::State& state) {
    const Shape& shape = kShapes[state.range(0)];
    if (!have_server(state))
        return;
    const auto store = kharita::open_event_store(env("KHARITA_BENCH_PG") + "&schema=ours",
                                                 kharita::StoreMode::read_only);
    const auto filter = filter_of(shape);
    kharita::bench::time_store_query(state, *store, filter, shape.name);
}

void run_hand(benchmark::State& state, PgConnection& db, const std::string& sql) {
    std::int64_t rows = 0;
    for (auto _ : state) {
        rows = 0;
        db.stream(sql, PgParams(), [&](const PgResult& r) {
            const int n = PQnfields(r.get());
            for (int c = 0; c < n; ++c)
                benchmark::DoNotOptimize(r.text(0, c).size());
            ++rows;
        });
    }
    state.counters["rows"] = static_cast<double>(rows);
    state.SetLabel(kShapes[state.range(0)].name);
}

// The floor under any plan: the same matches copied into a temporary table, streamed by a
// sequential scan (no index, no filter): what fetching the rows alone costs.
void BM_PgQueryFloor(benchmark::State& state) {
    if (!have_server(state))
        return;
    auto db = PgConnection::connect(env("KHARITA_BENCH_PG"));
    db.exec("CREATE TEMP TABLE matches AS " +
            hand_ours(kShapes[state.range(0)], kharita::store::kPgRecordColumns));
    db.exec("VACUUM ANALYZE matches");
    run_hand(state, db,
             std::string("SELECT ") + kharita::store::kPgRecordColumns + " FROM matches");
}

void BM_PgQueryHandOurs(benchmark::State& state) {
    if (!have_server(state))
        return;
    auto db = PgConnection::connect(env("KHARITA_BENCH_PG"));
    run_hand(state, db, hand_ours(kShapes[state.range(0)], kharita::store::kPgRecordColumns));
}

// The same on Kharita's table with PostgreSQL's JIT compiler off, as the store's sessions
// run (a plan costed above jit_above_cost is compiled first: tens to hundreds of ms)
void BM_PgQueryHandOursNoJit(benchmark::State& state) {
    if (!have_server(state))
        return;
    auto db = PgConnection::connect(env("KHARITA_BENCH_PG"));
    db.exec("SET jit = off");
    run_hand(state, db, hand_ours(kShapes[state.range(0)], kharita::store::kPgRecordColumns));
}

void BM_PgQueryHandOgr(benchmark::State& state) {
    if (!have_server(state))
        return;
    auto db = PgConnection::connect(env("KHARITA_BENCH_PG"));
    run_hand(state, db, hand_ogr(kShapes[state.range(0)], kOgrColumns));
}

void BM_PgCountKharita(benchmark::State& state) {
    const Shape& shape = kShapes[state.range(0)];
    if (!have_server(state))
        return;
    const auto store = kharita::open_event_store(env("KHARITA_BENCH_PG") + "&schema=ours",
                                                 kharita::StoreMode::read_only);
    const auto filter = filter_of(shape);
    std::int64_t n = 0;
    for (auto _ : state)
        n = store->count(filter);
    state.counters["rows"] = static_cast<double>(n);
    state.SetLabel(shape.name);
}

void run_count(benchmark::State& state, const std::string& sql, bool jit = true) {
    auto db = PgConnection::connect(env("KHARITA_BENCH_PG"));
    if (!jit)
        db.exec("SET jit = off");
    std::int64_t n = 0;
    for (auto _ : state)
        n = db.exec(sql).int64(0, 0);
    state.counters["rows"] = static_cast<double>(n);
    state.SetLabel(kShapes[state.range(0)].name);
}

void BM_PgCountHandOurs(benchmark::State& state) {
    if (have_server(state))
        run_count(state, hand_ours(kShapes[state.range(0)], "count(*)"));
}

void BM_PgCountHandOursNoJit(benchmark::State& state) {
    if (have_server(state))
        run_count(state, hand_ours(kShapes[state.range(0)], "count(*)"), false);
}

void BM_PgCountHandOgr(benchmark::State& state) {
    if (have_server(state))
        run_count(state, hand_ogr(kShapes[state.range(0)], "count(*)"));
}

BENCHMARK(BM_PgQueryKharita)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgQueryHandOurs)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgQueryHandOursNoJit)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgQueryHandOgr)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgQueryFloor)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgCountKharita)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgCountHandOurs)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgCountHandOursNoJit)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PgCountHandOgr)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
