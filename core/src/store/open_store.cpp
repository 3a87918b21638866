// The one choice of backend: a PostgreSQL location opens the PostGIS store, anything else
// is a SpatiaLite file.

#include "store/backends.hpp"

#include <cstdlib>

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

} // namespace kharita
