#pragma once
// The PostGIS store's bulk load (EventStore::ingest_records): events COPYed straight into
// `events` with ids reserved from its sequence, their actors COPYed after them, and, when the
// load is at least as large as what is stored, the event indexes and event_actors' foreign
// keys set aside and rebuilt once at the end. Design and figures: docs/store.md.

#include "detail/pg.hpp"
#include "store/event_rows.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace kharita::store {

/// The indexes of `index_tables` (all but those behind a constraint) and the keys of
/// `key_tables` (foreign keys; primary and unique keys no other table's foreign key points
/// to), dropped for a large load and made again before the commit by restore(): each index
/// built in one sorted pass, each foreign key checked by one join instead of a lookup per
/// row. Within the caller's transaction: a failure before
/// restore() rolls back with the indexes and keys as they were.
class PgSetAside {
public:
    PgSetAside(detail::PgConnection& db, const std::vector<std::string>& index_tables,
               const std::vector<std::string>& key_tables);
    void restore();

private:
    detail::PgConnection& m_db;
    std::vector<std::string> m_restore; // in the order dropped
};

/// The order in which a bulk load writes `chunk`'s events (indexes into it): a Z-order
/// (3-D Morton) code of longitude, latitude and first day, so that events near each other in
/// space and time land on the same table pages and a box-and-dates query reads few of them.
std::vector<std::size_t> space_time_order(const std::vector<EventRecord>& chunk);

/// Stores the events `next` gives inside the transaction `db` has open (the caller begins
/// and commits it, so a failure anywhere leaves nothing of the load); notes each event in
/// `written`. `expected` is a size hint. Returns the number of events stored.
std::int64_t pg_bulk_load(detail::PgConnection& db, const std::function<bool(EventRecord&)>& next,
                          std::int64_t expected, Written& written);

} // namespace kharita::store
