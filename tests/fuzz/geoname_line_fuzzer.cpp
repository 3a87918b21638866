// libFuzzer target for the GeoNames line parser: any bytes in, an error message or a record
// whose fields lie inside the line, never a crash.

#include "kharita/gazetteer_builder.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view line(reinterpret_cast<const char*>(data), size);
    kharita::GeonameRecord r;
    if (!kharita::parse_geoname_line(line, r)) {
        if (r.name.data() < line.data() || r.name.data() + r.name.size() > line.data() + size ||
            r.lat < -90 || r.lat > 90 || r.lon < -180 || r.lon > 180) {
            std::abort();
        }
    }
    return 0;
}
