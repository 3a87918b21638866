// Lookup throughput against the default gazetteer (Google Benchmark).
//   build/bench/kharita_bench_gazetteer --benchmark_min_time=2
// Queries are the names of every 20th place of the gazetteer itself (exact/normalised level)
// and the same names with one letter dropped (fuzzy level), so they are realistic spellings
// with realistic candidate counts, not a hand-picked list.

#include "kharita/geo/gazetteer.hpp"
#include "kharita/text/normalize.hpp"

#include <benchmark/benchmark.h>

#include <memory>

namespace {

const kharita::Gazetteer& gazetteer() {
    static const auto g = std::make_unique<kharita::Gazetteer>(
        kharita::Gazetteer::open(kharita::default_gazetteer_path()));
    return *g;
}

std::vector<std::string> sample_names(bool typo) {
    const auto& g = gazetteer();
    std::vector<std::string> names;
    for (kharita::PlaceId id = 0; id < g.size(); id += 20) {
        std::string n = g.place(id).name;
        if (typo) {
            const std::string norm = kharita::normalize_name(n);
            if (norm.size() < 6)
                continue;
            n = norm.substr(0, norm.size() / 2) + norm.substr(norm.size() / 2 + 1);
        }
        names.push_back(std::move(n));
    }
    return names;
}

void BM_LookupExact(benchmark::State& state) {
    const auto& g = gazetteer();
    const auto names = sample_names(false);
    kharita::LookupOptions o;
    o.transliteration = false;
    o.fuzzy = false;
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(g.lookup(names[i++ % names.size()], o));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LookupExact);

void BM_LookupWithTransliteration(benchmark::State& state) {
    const auto& g = gazetteer();
    const auto names = sample_names(false);
    kharita::LookupOptions o;
    o.fuzzy = false;
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(g.lookup(names[i++ % names.size()], o));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LookupWithTransliteration);

void BM_LookupFuzzy(benchmark::State& state) {
    const auto& g = gazetteer();
    const auto names = sample_names(true);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(g.lookup(names[i++ % names.size()]));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LookupFuzzy);

void BM_NormalizeName(benchmark::State& state) {
    const auto names = sample_names(false);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(kharita::normalize_name(names[i++ % names.size()]));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_NormalizeName);

} // namespace

BENCHMARK_MAIN();
