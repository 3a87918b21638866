#pragma once
// The PostGIS store's bulk load (EventStore::ingest_records): events COPYed straight into
// `events` with ids reserved from its sequence, their actors COPYed after them, and, when the
// load is at least as large as what is stored, the event indexes and event_actors' foreign
// keys set aside and rebuilt once at the end. Design and figures: docs/store.md.

#include "detail/pg.hpp"
#include "store/event_rows.hpp"

#include <cstdint>
#include <functional>

namespace kharita::store {

/// Stores the events `next` gives inside the transaction `db` has open (the caller begins
/// and commits it, so a failure anywhere leaves nothing of the load); notes each event in
/// `written`. `expected` is a size hint. Returns the number of events stored.
std::int64_t pg_bulk_load(detail::PgConnection& db, const std::function<bool(EventRecord&)>& next,
                          std::int64_t expected, Written& written);

} // namespace kharita::store
