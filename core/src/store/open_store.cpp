// The one choice of backend: a PostgreSQL location opens the PostGIS store, anything else
// is a SpatiaLite file.

#include "store/backends.hpp"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace kharita {

bool is_server_location(std::string_view location) noexcept {
    return location.starts_with("postgresql://") || location.starts_with("postgres://") ||
           location.starts_with("PG:");
}

std::string default_store_location() {
    const char* env = std::getenv("KHARITA_DB");
    return env != nullptr ? env : "";
}

std::unique_ptr<EventStore> open_event_store(const std::filesystem::path& location,
                                             StoreMode mode) {
    const std::string text = location.string();
    if (is_server_location(text))
        return store::open_postgis_store(store::parse_pg_location(text), mode);
    return store::open_spatialite_store(location, mode);
}

std::int64_t copy_events(const EventStore& from, EventStore& to) {
    // in id order, so a copy of a copy lists the events as the original does
    std::vector<EventRecord> all;
    from.query({}, [&](const EventRecord& r) { all.push_back(r); });
    std::sort(all.begin(), all.end(),
              [](const EventRecord& a, const EventRecord& b) { return a.id < b.id; });
    return to.ingest_records(all);
}

} // namespace kharita
