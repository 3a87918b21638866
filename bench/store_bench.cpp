// Event store: bulk ingest rate and the three query shapes of the store issue, Kharita's
// space-time plan against SpatiaLite's two index paths (R*Tree spatial index, date index)
// on the same events, fetching every column of every match.
//
// Run through bench/store_bench.sh, which generates the synthetic events (bench/gen_events.py)
// and loads the reference database with ogr2ogr; it passes the paths in:
//   KHARITA_BENCH_EVENTS_CSV  synthetic ACLED-style CSV
//   KHARITA_BENCH_OUR_DB      Kharita store holding the same events (kharita import-acled)
//   KHARITA_BENCH_REF_DB      SpatiaLite database made by ogr2ogr, with a date index added

#include "detail/sqlite.hpp"
#include "kharita/exchange/export.hpp"
#include "kharita/store/store.hpp"

#include "query_shapes.hpp"

#include <benchmark/benchmark.h>
#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

namespace fs = std::filesystem;

std::string env(const char* name) {
    const char* v = std::getenv(name);
    return v != nullptr ? v : "";
}

using kharita::bench::filter_of;
using Shape = kharita::bench::QueryShape;
const auto& kShapes = kharita::bench::kQueryShapes;

const std::vector<kharita::EventRecord>& records() {
    static const std::vector<kharita::EventRecord> all = [] {
        kharita::Diagnostics problems;
        return kharita::read_acled_csv(env("KHARITA_BENCH_EVENTS_CSV"), problems);
    }();
    return all;
}

void BM_BulkIngest(benchmark::State& state) {
    if (env("KHARITA_BENCH_EVENTS_CSV").empty()) {
        state.SkipWithError("KHARITA_BENCH_EVENTS_CSV not set (run bench/store_bench.sh)");
        return;
    }
    const auto& recs = records();
    const fs::path db = fs::temp_directory_path() / "kharita-bench-ingest.sqlite";
    for (auto _ : state) {
        state.PauseTiming();
        for (const char* suffix : {"", "-wal", "-shm"})
            fs::remove(db.string() + suffix);
        auto store = kharita::open_event_store(db, kharita::StoreMode::create);
        state.ResumeTiming();
        benchmark::DoNotOptimize(store->ingest_records(recs));
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(recs.size()));
    for (const char* suffix : {"", "-wal", "-shm"})
        fs::remove(db.string() + suffix);
}
BENCHMARK(BM_BulkIngest)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

void BM_QueryKharita(benchmark::State& state) {
    const Shape& shape = kShapes[state.range(0)];
    state.SetLabel(shape.name);
    if (env("KHARITA_BENCH_OUR_DB").empty()) {
        state.SkipWithError("KHARITA_BENCH_OUR_DB not set");
        return;
    }
    const auto store =
        kharita::open_event_store(env("KHARITA_BENCH_OUR_DB"), kharita::StoreMode::read_only);
    const auto filter = filter_of(shape, true);
    kharita::bench::time_store_query(state, *store, filter, shape.name);
}

// SpatiaLite's paths on the ogr2ogr-loaded database: every column of every match is read.
void run_reference(benchmark::State& state, const std::string& sql_template) {
    const Shape& shape = kShapes[state.range(0)];
    if (env("KHARITA_BENCH_REF_DB").empty()) {
        state.SkipWithError("KHARITA_BENCH_REF_DB not set");
        return;
    }
    auto db = kharita::detail::Database::open(env("KHARITA_BENCH_REF_DB"),
                                              kharita::detail::OpenMode::read_only);
    auto stmt =
        db.prepare(fmt::format(fmt::runtime(sql_template), shape.box.min_lon, shape.box.min_lat,
                               shape.box.max_lon, shape.box.max_lat, shape.from, shape.to));
    std::int64_t rows = 0;
    for (auto _ : state) {
        rows = 0;
        while (stmt.step()) {
            const int n = sqlite3_column_count(stmt.get());
            for (int c = 0; c < n; ++c)
                benchmark::DoNotOptimize(stmt.column_text(c).size());
            ++rows;
        }
        stmt.reset();
    }
    state.counters["rows"] = static_cast<double>(rows);
    state.SetLabel(shape.name);
}

void BM_QuerySpatiaLiteRTree(benchmark::State& state) {
    run_reference(state,
                  "SELECT * FROM events WHERE ogc_fid IN (SELECT pkid FROM idx_events_GEOMETRY "
                  "WHERE xmax >= {0} AND xmin <= {2} AND ymax >= {1} AND ymin <= {3}) "
                  "AND event_date BETWEEN '{4}' AND '{5}'");
}

void BM_QuerySpatiaLiteDateIndex(benchmark::State& state) {
    run_reference(state,
                  "SELECT * FROM events INDEXED BY events_date WHERE event_date BETWEEN '{4}' "
                  "AND '{5}' AND MbrIntersects(GEOMETRY, BuildMbr({0}, {1}, {2}, {3}))");
}

BENCHMARK(BM_QueryKharita)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QuerySpatiaLiteRTree)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_QuerySpatiaLiteDateIndex)->DenseRange(0, 2)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
