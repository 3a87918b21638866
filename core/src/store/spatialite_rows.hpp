#pragma once
// A stored event's row in the SpatiaLite store, read and written the same way by the
// store (spatialite_store.cpp) and its review (spatialite_review.cpp).

#include "detail/sqlite.hpp"
#include "kharita/store/store.hpp"
#include "store/event_rows.hpp"

#include <array>
#include <optional>

namespace kharita::store {

/// SpatiaLite's BLOB-Geometry for a POINT XY in EPSG:4326 (60 bytes, little-endian).
std::array<unsigned char, 60> spatialite_point(const LatLon& p);

/// The columns every query reads, in EventRecord order.
extern const char* const kRecordColumns;
/// Reads a row of kRecordColumns.
void read_record(const detail::Statement& s, EventRecord& r);

void bind_day(detail::Statement& s, int at, const std::optional<CivilDay>& day);
/// Binds DayKeys' first and last day at `at` and `at + 1`.
void bind_day_keys(detail::Statement& s, int at, const DayKeys& keys);

} // namespace kharita::store
