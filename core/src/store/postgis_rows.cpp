#include "store/postgis_rows.hpp"

#include "store/event_rows.hpp"
#include "store/review_rows.hpp"

namespace kharita::store {

// The columns every query reads, in EventRecord order (as the SpatiaLite store's).
const char* const kPgRecordColumns =
    "id, type, subtype, status, date_start, date_end, time_precision, location, lat, lon, "
    "geo_precision, geo_precision_code, country, admin1, admin1_code, admin2, fatalities, "
    "confidence, actor1, actor2, actors, sources, source_count, notes, review, version, "
    "date_assumed";

void read_pg_record(const detail::PgResult& s, int row, EventRecord& r) {
    const auto text = [&](int col, std::string& out) { out.assign(s.text(row, col)); };
    r.id = s.int64(row, 0);
    r.type = stored_type(s.text(row, 1));
    text(2, r.subtype);
    r.status = stored_status(s.text(row, 3));
    r.date_start = s.is_null(row, 4) ? std::nullopt : parse_day(s.text(row, 4));
    r.date_end = s.is_null(row, 5) ? std::nullopt : parse_day(s.text(row, 5));
    r.time_precision = time_precision_from(s.text(row, 6));
    text(7, r.location);
    if (s.is_null(row, 8) || s.is_null(row, 9)) {
        r.position.reset();
    } else {
        r.position = LatLon{s.real(row, 8), s.real(row, 9)};
    }
    r.geo_precision = geo_precision_from(s.text(row, 10));
    r.geo_precision_code = s.integer(row, 11);
    text(12, r.country);
    text(13, r.admin1);
    text(14, r.admin1_code);
    text(15, r.admin2);
    r.fatalities = s.is_null(row, 16) ? std::nullopt : std::optional<int>(s.integer(row, 16));
    r.confidence = s.real(row, 17);
    text(18, r.actor1);
    text(19, r.actor2);
    text(20, r.actors);
    text(21, r.sources);
    r.source_count = s.integer(row, 22);
    text(23, r.notes);
    r.review = stored_review(s.text(row, 24));
    r.version = s.int64(row, 25);
    r.date_assumed = s.boolean(row, 26);
}

} // namespace kharita::store
