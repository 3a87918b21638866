#pragma once
// The event store's backends, behind open_event_store() (open_store.cpp), which picks one
// by the store's location.

#include "kharita/store/store.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace kharita::store {

std::unique_ptr<EventStore> open_spatialite_store(const std::filesystem::path& file,
                                                  StoreMode mode);

/// A PostgreSQL location split into what libpq reads and Kharita's own part.
struct PgLocation {
    std::string conninfo;              ///< for libpq: the URI or key=value string
    std::optional<std::string> schema; ///< `schema=` (or GDAL's `schemas=`), taken out
    std::string display;               ///< the location with any password masked
};
/// Splits "postgresql://...?schema=s" or "PG:dbname=d schema=s"; throws InputError for a
/// schema name that is not a plain identifier.
PgLocation parse_pg_location(const std::string& location);

std::unique_ptr<EventStore> open_postgis_store(const PgLocation& location, StoreMode mode);

} // namespace kharita::store
