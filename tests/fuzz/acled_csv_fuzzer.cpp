// libFuzzer target for the ACLED-style CSV reader and the polygon filter reader: any bytes
// in, records or InputErrors out, never a crash or a record with impossible coordinates.

#include "kharita/base/error.hpp"
#include "kharita/exchange/export.hpp"
#include "kharita/geo/polygon.hpp"
#include "kharita/store/store.hpp"

#include <cstdint>
#include <cstdlib>
#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    // a header that names the required columns, then the fuzzed rows
    std::istringstream in(
        "event_date,event_type,sub_event_type,latitude,longitude,notes,fatalities\n" + text);
    try {
        kharita::AcledReader reader(in, "fuzz");
        kharita::Diagnostics problems;
        kharita::EventRecord r;
        while (reader.next(r, problems)) {
            if (!r.position || !r.position->is_valid() || !r.date_start)
                std::abort();
        }
    } catch (const kharita::InputError&) {
    }
    // the same bytes as a header of their own
    std::istringstream raw(text);
    try {
        kharita::AcledReader reader(raw, "fuzz");
        kharita::Diagnostics problems;
        kharita::EventRecord r;
        while (reader.next(r, problems)) {
        }
    } catch (const kharita::InputError&) {
    }
    if (!text.empty() && (text[0] == 'P' || text[0] == '{')) {
        try {
            kharita::read_polygon(text);
        } catch (const kharita::InputError&) {
        }
    }
    return 0;
}
