// Worst-case input shapes, at 100 KB and 1 MB: parsing must stay linear in the input's
// length, so the bytes per second of the two sizes should be about the same (ratio near 1).
//   build/bench/kharita_bench_worst_case
// Shapes (generated here, no corpus text): a run of capitalised words, one name repeated
// ("Tripoli Tripoli ..."), a comma-separated list of that name, digits, punctuation, and one
// very long sentence with a date in every clause. Each runs the geoparser alone and the whole parse
// (articles, toponyms, dates, events) as `kharita parse` does.

#include "kharita/events/pipeline.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"

#include <benchmark/benchmark.h>

#include <array>
#include <memory>
#include <string>

namespace {

const kharita::Gazetteer& gazetteer() {
    static const auto g = std::make_unique<kharita::Gazetteer>(
        kharita::Gazetteer::open(kharita::default_gazetteer_path()));
    return *g;
}

enum Shape : std::int64_t {
    capitalised_words,
    repeated_name,
    name_list,
    digits,
    punctuation,
    long_sentence,
};

/// Capitalised made-up words (consonant-vowel syllables from a fixed sequence): each one new
/// to the gazetteer, so each goes through the spelling-variant lookups.
std::string capitalised_word(std::uint32_t& state) {
    static constexpr std::string_view consonants = "bdfgklmnprstvz";
    static constexpr std::string_view vowels = "aeiou";
    std::string w;
    const std::uint32_t syllables = 2 + state % 3;
    for (std::uint32_t s = 0; s < syllables; ++s) {
        state = state * 1664525u + 1013904223u;
        w += consonants[(state >> 8) % consonants.size()];
        w += vowels[(state >> 16) % vowels.size()];
    }
    w[0] = static_cast<char>(w[0] - 'a' + 'A');
    return w;
}

std::string make_text(Shape shape, std::size_t size) {
    std::string text;
    text.reserve(size + 128);
    std::uint32_t state = 12345;
    std::uint32_t n = 0;
    while (text.size() < size) {
        switch (shape) {
        case capitalised_words:
            text += capitalised_word(state) + ' ';
            break;
        case repeated_name:
            text += "Tripoli ";
            break;
        case name_list:
            text += "Tripoli, ";
            break;
        case digits:
            text += std::to_string(1000 + (n++ * 7919) % 9000) + ' ';
            break;
        case punctuation:
            text += ".,;:!?-()[]\"' ";
            break;
        case long_sentence:
            text += "the delegates from Misrata met officials in Benghazi on 3 July and said that ";
            break;
        }
    }
    return text;
}

constexpr std::array<const char*, 6> kShapeNames = {
    "capitalised_words", "repeated_name", "name_list", "digits", "punctuation", "long_sentence"};

void BM_Geoparse(benchmark::State& state) {
    const auto shape = static_cast<Shape>(state.range(0));
    const std::string text = make_text(shape, static_cast<std::size_t>(state.range(1)));
    const kharita::Geoparser parser(gazetteer());
    for (auto _ : state)
        benchmark::DoNotOptimize(parser.parse(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(text.size()));
    state.SetLabel(kShapeNames[static_cast<std::size_t>(shape)]);
}

void BM_FullParse(benchmark::State& state) {
    const auto shape = static_cast<Shape>(state.range(0));
    const std::string text = make_text(shape, static_cast<std::size_t>(state.range(1)));
    const kharita::Geoparser parser(gazetteer());
    const auto retrieved = kharita::LocalTime::parse("2025-06-14T12:00");
    for (auto _ : state) {
        benchmark::DoNotOptimize(
            kharita::parse_articles(parser, kharita::split_articles(text, retrieved), retrieved));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(text.size()));
    state.SetLabel(kShapeNames[static_cast<std::size_t>(shape)]);
}

void shapes(benchmark::internal::Benchmark* b) {
    for (std::int64_t shape = 0; shape < static_cast<std::int64_t>(kShapeNames.size()); ++shape) {
        for (const std::int64_t size : {100'000, 1'000'000})
            b->Args({shape, size});
    }
}

BENCHMARK(BM_Geoparse)->Apply(shapes)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_FullParse)->Apply(shapes)->Unit(benchmark::kMillisecond)->Iterations(1);

} // namespace

BENCHMARK_MAIN();
