// libFuzzer target for the recogniser and resolver: any bytes in, no crash, no sanitizer
// report, toponym spans inside the text. Built only with clang (-DKHARITA_FUZZ=ON).
//   build-fuzz/tests/fuzz/kharita_geoparser_fuzzer -max_total_time=60 tests/fuzz/corpus

#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace {
std::unique_ptr<kharita::Gazetteer> g_gazetteer;
std::unique_ptr<kharita::Geoparser> g_parser;
} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    g_gazetteer = std::make_unique<kharita::Gazetteer>(
        kharita::Gazetteer::open(kharita::default_gazetteer_path()));
    g_parser = std::make_unique<kharita::Geoparser>(*g_gazetteer);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const kharita::Toponym& t : g_parser->parse(text)) {
        if (t.start > t.end || t.end > size || t.cp_start > t.cp_end) {
            std::abort();
        }
    }
    return 0;
}
