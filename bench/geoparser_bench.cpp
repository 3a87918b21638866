// Geoparser throughput (recognition + resolution) on news-sized documents.
//   build/bench/kharita_bench_geoparser [--benchmark_min_time=3]
// Documents: the sample reports in data/samples/ (written for the project), each about 1 KB,
// concatenated in rotation to 3 KB documents, the size the target names. The
// resident memory after loading the gazetteer and parsing is reported as a counter.

#include "kharita/events/pipeline.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/time/timex.hpp"

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <memory>

namespace {

const kharita::Gazetteer& gazetteer() {
    static const auto g = std::make_unique<kharita::Gazetteer>(
        kharita::Gazetteer::open(kharita::default_gazetteer_path()));
    return *g;
}

std::vector<std::string> documents() {
    std::vector<std::string> samples;
    for (const auto& e : std::filesystem::directory_iterator(KHARITA_SAMPLES_DIR)) {
        if (e.path().extension() != ".txt")
            continue;
        std::ifstream in(e.path());
        samples.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::sort(samples.begin(), samples.end());
    std::vector<std::string> docs;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        std::string doc;
        for (std::size_t k = 0; doc.size() < 3000; ++k)
            doc += samples[(i + k) % samples.size()] + "\n";
        docs.push_back(std::move(doc));
    }
    return docs;
}

double peak_rss_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void BM_ParseDocument(benchmark::State& state) {
    const kharita::Geoparser parser(gazetteer());
    const auto docs = documents();
    std::size_t i = 0;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        const std::string& doc = docs[i++ % docs.size()];
        benchmark::DoNotOptimize(parser.parse(doc));
        bytes += static_cast<std::int64_t>(doc.size());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(bytes);
    state.counters["peak_rss_MB"] = peak_rss_mb();
}
BENCHMARK(BM_ParseDocument)->Unit(benchmark::kMicrosecond);

// The temporal tagger alone on the same documents (target: 2 MB/s per core).
void BM_TemporalTagger(benchmark::State& state) {
    const kharita::TemporalTagger tagger;
    const auto docs = documents();
    const auto reference = kharita::LocalTime::parse("2025-06-14T12:00");
    std::size_t i = 0;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        const std::string& doc = docs[i++ % docs.size()];
        benchmark::DoNotOptimize(tagger.find(doc, reference));
        bytes += static_cast<std::int64_t>(doc.size());
    }
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_TemporalTagger)->Unit(benchmark::kMicrosecond);

// The whole parse of the issue: articles, toponyms, dates and events.
void BM_FullParse(benchmark::State& state) {
    const kharita::Geoparser parser(gazetteer());
    const auto docs = documents();
    const auto retrieved = kharita::LocalTime::parse("2025-06-14T12:00");
    std::size_t i = 0;
    std::int64_t bytes = 0;
    for (auto _ : state) {
        const std::string& doc = docs[i++ % docs.size()];
        benchmark::DoNotOptimize(
            kharita::parse_articles(parser, kharita::split_articles(doc, retrieved), retrieved));
        bytes += static_cast<std::int64_t>(doc.size());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_FullParse)->Unit(benchmark::kMicrosecond);

void BM_LoadGazetteer(benchmark::State& state) {
    for (auto _ : state) {
        benchmark::DoNotOptimize(kharita::Gazetteer::open(kharita::default_gazetteer_path()));
    }
    state.counters["peak_rss_MB"] = peak_rss_mb();
}
BENCHMARK(BM_LoadGazetteer)->Unit(benchmark::kMillisecond)->Iterations(2);

} // namespace

BENCHMARK_MAIN();
