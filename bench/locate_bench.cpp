// Event-to-place linking throughput: sentences per second for EventLocator::locate()
// including the geoparse of the sentence, as `kharita locate` runs it.
//   build/bench/kharita_bench_locate [--benchmark_min_time=3]
// Sentences: invented for this benchmark (news-like, 10 to 30 words, one event word each).

#include "kharita/events/event_location.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"

#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

namespace {

const kharita::Gazetteer& gazetteer() {
    static const auto g = std::make_unique<kharita::Gazetteer>(
        kharita::Gazetteer::open(kharita::default_gazetteer_path()));
    return *g;
}

struct Sentence {
    std::string text;
    std::string event;
};

const std::vector<Sentence>& sentences() {
    static const std::vector<Sentence> s = {
        {"Armed men shelled a school in Gharyan on Sunday, the health ministry in Tripoli said.",
         "shelled"},
        {"Two fishermen were killed when a boat capsized off the coast near Zuwara late on "
         "Thursday.",
         "killed"},
        {"Protesters marched through Martyrs' Square in Tripoli to demand elections.", "marched"},
        {"The ministry said talks on the ceasefire would resume next week.", "resume"},
        {"Clashes erupted between rival brigades in the Abu Salim district overnight, "
         "residents told reporters.",
         "Clashes"},
        {"A car bomb exploded outside a police station in Benghazi, wounding at least six "
         "people, according to a hospital official.",
         "exploded"},
        {"Flood waters destroyed hundreds of homes in Derna after two dams burst, the Red "
         "Crescent said from its office in Bayda.",
         "destroyed"},
        {"Gunmen abducted a local council member on the road between Sabha and Ubari on "
         "Monday.",
         "abducted"},
        {"Security forces closed the Ras Ajdir border crossing with Tunisia after an attack "
         "on a customs post.",
         "closed"},
        {"The United Nations envoy met officials in Tunis to prepare a new round of talks.", "met"},
    };
    return s;
}

void BM_LocateSentence(benchmark::State& state) {
    const kharita::Geoparser parser(gazetteer());
    const kharita::EventLocator& locator = kharita::EventLocator::builtin();
    const auto& all = sentences();
    std::size_t i = 0;
    for (auto _ : state) {
        const Sentence& s = all[i++ % all.size()];
        const std::size_t ev = s.text.find(s.event);
        const auto toponyms = parser.parse(s.text);
        benchmark::DoNotOptimize(locator.locate(s.text, 0, s.text.size(), ev, ev + s.event.size(),
                                                toponyms, &gazetteer()));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LocateSentence)->Unit(benchmark::kMicrosecond);

// The locator alone, on toponyms parsed beforehand.
void BM_LocateOnly(benchmark::State& state) {
    const kharita::Geoparser parser(gazetteer());
    const kharita::EventLocator& locator = kharita::EventLocator::builtin();
    const auto& all = sentences();
    std::vector<std::vector<kharita::Toponym>> toponyms;
    for (const Sentence& s : all)
        toponyms.push_back(parser.parse(s.text));
    std::size_t i = 0;
    for (auto _ : state) {
        const std::size_t k = i++ % all.size();
        const Sentence& s = all[k];
        const std::size_t ev = s.text.find(s.event);
        benchmark::DoNotOptimize(locator.locate(s.text, 0, s.text.size(), ev, ev + s.event.size(),
                                                toponyms[k], &gazetteer()));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(BM_LocateOnly)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
