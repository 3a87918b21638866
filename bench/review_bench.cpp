// Analyst review (issue 16): how long the review queue of 100,000 events takes to open
// (the filter's points read, unreviewed first, least confident first; the records of the
// first screenful), and what applying corrections costs an ingest: the same articles parsed
// again (IngestSource::reparse) into a store whose corrections anchor to a tenth of their
// events, against the same re-parse with no correction stored. Synthetic data, made here.
//
//   build/bench/kharita_bench_review --benchmark_repetitions=3

#include "kharita/store/store.hpp"

#include <benchmark/benchmark.h>
#include <fmt/core.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace kharita; // NOLINT(google-build-using-namespace)

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "kharita-review-bench";
    fs::create_directories(dir);
    return dir / name;
}

/// `n` events across North Africa over ten years, confidences spread over [0, 1].
std::vector<EventRecord> synthetic_events(std::size_t n) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> lat(20, 33), lon(9, 25), unit(0, 1);
    std::uniform_int_distribution<int> day(0, 3650);
    std::vector<EventRecord> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        EventRecord& r = out[i];
        r.type = i % 3 == 0 ? EventType::clash : EventType::protest;
        r.date_start = r.date_end = CivilDay{2015, 1, 1}.plus_days(day(rng));
        r.time_precision = TimePrecision::day;
        r.position = LatLon{lat(rng), lon(rng)};
        r.geo_precision = GeoPrecision::town;
        r.location = "Place " + std::to_string(i % 500);
        r.country = "LY";
        r.confidence = unit(rng);
        r.notes = "Synthetic event " + std::to_string(i);
    }
    return out;
}

/// Articles of two sentences, an event in each.
std::vector<ArticleRecord> synthetic_articles(std::size_t n) {
    std::vector<ArticleRecord> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        ArticleRecord& a = out[i];
        a.title = "Report " + std::to_string(i);
        a.source = "Wire";
        const std::string first = "Fighters clashed near Town " + std::to_string(i) + " on Monday.";
        const std::string second = "Residents protested in City " + std::to_string(i) + ".";
        a.text = first + " " + second;
        for (int k = 0; k < 2; ++k) {
            ArticleEventRecord e;
            e.record.type = k == 0 ? EventType::clash : EventType::protest;
            e.record.date_start = e.record.date_end =
                CivilDay{2025, 1, 1}.plus_days(static_cast<int>(i % 300));
            e.record.time_precision = TimePrecision::day;
            e.record.position = LatLon{20 + static_cast<double>(i % 130) / 10,
                                       9 + static_cast<double>(i % 160) / 10 + k};
            e.record.geo_precision = GeoPrecision::town;
            e.record.location = (k == 0 ? "Town " : "City ") + std::to_string(i);
            e.record.confidence = 0.5;
            e.evidence_start = k == 0 ? 0 : first.size() + 1;
            e.evidence_end = k == 0 ? first.size() : a.text.size();
            e.record.notes = a.text.substr(e.evidence_start, e.evidence_end - e.evidence_start);
            e.trigger = k == 0 ? "clashed" : "protested";
            a.events.push_back(std::move(e));
        }
    }
    return out;
}

void BM_OpenReviewQueue(benchmark::State& state) {
    const fs::path file = scratch("queue.sqlite");
    fs::remove(file);
    {
        auto store = open_event_store(file, StoreMode::create);
        store->ingest_records(synthetic_events(static_cast<std::size_t>(state.range(0))));
    }
    const auto store = open_event_store(file, StoreMode::read_only);
    for (auto _ : state) {
        std::vector<EventPoint> queue;
        store->query_points({}, [&](const EventPoint& p) { queue.push_back(p); });
        std::stable_sort(queue.begin(), queue.end(), [](const EventPoint& x, const EventPoint& y) {
            const bool xm = x.review == ReviewState::machine, ym = y.review == ReviewState::machine;
            return xm != ym ? xm : x.confidence < y.confidence;
        });
        std::vector<std::int64_t> first;
        for (std::size_t i = 0; i < std::min<std::size_t>(50, queue.size()); ++i)
            first.push_back(queue[i].id);
        benchmark::DoNotOptimize(store->records(first));
        state.counters["events"] = static_cast<double>(queue.size());
    }
}
BENCHMARK(BM_OpenReviewQueue)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

/// A re-parse of `n` stored articles; with `corrected`, a tenth of their events corrected
/// first (so the re-parse applies them again).
void reparse(benchmark::State& state, bool corrected) {
    const auto n = static_cast<std::size_t>(state.range(0));
    const std::vector<ArticleRecord> articles = synthetic_articles(n);
    IngestSource again{"bench", {}};
    again.reparse = true;
    const fs::path file = scratch(corrected ? "corrected.sqlite" : "plain.sqlite");
    fs::remove(file);
    auto store = open_event_store(file, StoreMode::create);
    store->ingest(articles, {"bench", {}});
    if (corrected) {
        EventFilter all;
        std::vector<std::int64_t> ids;
        store->query(all, [&](const EventRecord& r) { ids.push_back(r.id); });
        for (std::size_t i = 0; i < ids.size(); i += 10) {
            ReviewChange c;
            c.event_id = ids[i];
            c.action = ReviewAction::correct;
            c.correction.fatalities = 2;
            store->review(c);
        }
    }
    std::int64_t applied = 0;
    for (auto _ : state) {
        const IngestReport r = store->ingest(articles, again);
        applied = r.corrections_applied;
    }
    state.counters["corrections_applied"] = static_cast<double>(applied);
    state.counters["articles_per_s"] =
        benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ReparseWithoutCorrections(benchmark::State& state) {
    reparse(state, false);
}
void BM_ReparseWithCorrections(benchmark::State& state) {
    reparse(state, true);
}
BENCHMARK(BM_ReparseWithoutCorrections)->Arg(2000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_ReparseWithCorrections)->Arg(2000)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
