#include "store/spatialite_rows.hpp"

#include "store/review_rows.hpp"

#include <cstring>

namespace kharita::store {

using detail::Statement;

/// SpatiaLite's BLOB-Geometry for a POINT XY in EPSG:4326 (60 bytes, little-endian).
std::array<unsigned char, 60> spatialite_point(const LatLon& p) {
    std::array<unsigned char, 60> b{};
    const auto put_i32 = [&](std::size_t at, std::int32_t v) { std::memcpy(&b[at], &v, 4); };
    const auto put_f64 = [&](std::size_t at, double v) { std::memcpy(&b[at], &v, 8); };
    b[0] = 0x00;
    b[1] = 0x01; // little-endian
    put_i32(2, 4326);
    put_f64(6, p.lon);
    put_f64(14, p.lat);
    put_f64(22, p.lon);
    put_f64(30, p.lat);
    b[38] = 0x7C;
    put_i32(39, 1); // POINT
    put_f64(43, p.lon);
    put_f64(51, p.lat);
    b[59] = 0xFE;
    return b;
}

// The columns every query reads, in EventRecord order.
const char* const kRecordColumns =
    "id, type, subtype, status, date_start, date_end, time_precision, location, lat, lon, "
    "geo_precision, geo_precision_code, country, admin1, admin1_code, admin2, fatalities, "
    "confidence, actor1, actor2, actors, sources, source_count, notes, review, version, "
    "date_assumed";

void read_record(const Statement& s, EventRecord& r) {
    const auto text = [&](int col, std::string& out) { out.assign(s.column_text(col)); };
    r.id = s.column_int64(0);
    r.type = stored_type(s.column_text(1));
    text(2, r.subtype);
    r.status = stored_status(s.column_text(3));
    r.date_start = s.column_is_null(4) ? std::nullopt : parse_day(s.column_text(4));
    r.date_end = s.column_is_null(5) ? std::nullopt : parse_day(s.column_text(5));
    r.time_precision = time_precision_from(s.column_text(6));
    text(7, r.location);
    if (s.column_is_null(8) || s.column_is_null(9)) {
        r.position.reset();
    } else {
        r.position = LatLon{s.column_double(8), s.column_double(9)};
    }
    r.geo_precision = geo_precision_from(s.column_text(10));
    r.geo_precision_code = s.column_int(11);
    text(12, r.country);
    text(13, r.admin1);
    text(14, r.admin1_code);
    text(15, r.admin2);
    r.fatalities = s.column_is_null(16) ? std::nullopt : std::optional<int>(s.column_int(16));
    r.confidence = s.column_double(17);
    text(18, r.actor1);
    text(19, r.actor2);
    text(20, r.actors);
    text(21, r.sources);
    r.source_count = s.column_int(22);
    text(23, r.notes);
    r.review = stored_review(s.column_text(24));
    r.version = s.column_int64(25);
    r.date_assumed = s.column_int(26) != 0;
}

void bind_day(Statement& s, int at, const std::optional<CivilDay>& day) {
    if (day)
        s.bind(at, day->iso());
    else
        s.bind_null(at);
}

/// Binds DayKeys' first and last day at `at` and `at + 1`.
void bind_day_keys(Statement& s, int at, const DayKeys& keys) {
    if (keys.first) {
        s.bind(at, *keys.first).bind(at + 1, *keys.last);
    } else {
        s.bind_null(at).bind_null(at + 1);
    }
}

} // namespace kharita::store
