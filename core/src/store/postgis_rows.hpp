#pragma once
// A stored event's row in the PostGIS store, read the same way by the store
// (postgis_store.cpp) and its review (postgis_review.cpp).

#include "detail/pg.hpp"
#include "kharita/store/store.hpp"

namespace kharita::store {

/// The columns every query reads, in EventRecord order (as the SpatiaLite store's).
extern const char* const kPgRecordColumns;
/// Reads row `row` of kPgRecordColumns.
void read_pg_record(const detail::PgResult& s, int row, EventRecord& r);

} // namespace kharita::store
