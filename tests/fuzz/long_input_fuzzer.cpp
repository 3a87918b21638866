// libFuzzer target for the cost of long inputs: the fuzzer's bytes are a pattern, repeated
// to a long text (128 KB), parsed whole as `kharita parse` does (articles, toponyms, dates,
// events). Run with -timeout: a pattern that makes any stage superlinear (a run of one
// name, of capitalised words, of digits or punctuation, one endless sentence) takes far
// longer than the bound and is reported as a slow input. Built only with clang
// (-DKHARITA_FUZZ=ON); .ci/run runs it.
//   build-fuzz/tests/fuzz/kharita_long_input_fuzzer -timeout=30 -max_len=256 tests/fuzz/corpus-long

#include "kharita/events/pipeline.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

namespace {
std::unique_ptr<kharita::Gazetteer> g_gazetteer;
std::unique_ptr<kharita::Geoparser> g_parser;
constexpr std::size_t kTextBytes = 128 * 1024;
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    g_gazetteer = std::make_unique<kharita::Gazetteer>(
        kharita::Gazetteer::open(kharita::default_gazetteer_path()));
    g_parser = std::make_unique<kharita::Geoparser>(*g_gazetteer);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0)
        return 0;
    const std::string_view pattern(reinterpret_cast<const char*>(data), size);
    std::string text;
    text.reserve(kTextBytes + size);
    while (text.size() < kTextBytes)
        text += pattern;
    const auto retrieved = kharita::LocalTime::parse("2025-06-14T12:00");
    const auto parsed =
        kharita::parse_articles(*g_parser, kharita::split_articles(text, retrieved), retrieved);
    for (const auto& article : parsed) {
        for (const kharita::Toponym& t : article.toponyms) {
            if (t.start > t.end || t.cp_start > t.cp_end)
                std::abort();
        }
    }
    return 0;
}
