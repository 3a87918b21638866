#pragma once
// The gazetteer file's schema: written by the importer (gazetteer/), read by Gazetteer
// (core/). Documented in docs/gazetteer.md. Bump kGazetteerSchemaVersion on any change.

namespace kharita::detail {

inline constexpr int kGazetteerSchemaVersion = 3;

/// Tables created before SpatiaLite's geometry column is added to `places`.
inline constexpr const char* kGazetteerSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    id            INTEGER PRIMARY KEY,
    geonameid     INTEGER UNIQUE,
    wof_id        INTEGER,
    name          TEXT NOT NULL,
    ascii_name    TEXT,
    feature_class TEXT NOT NULL,
    feature_code  TEXT NOT NULL,
    country       TEXT NOT NULL DEFAULT '',
    admin1        TEXT NOT NULL DEFAULT '',
    admin2        TEXT NOT NULL DEFAULT '',
    population    INTEGER NOT NULL DEFAULT 0,
    lat           REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lon           REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
    source        TEXT NOT NULL
);
CREATE TABLE names (
    place_id      INTEGER NOT NULL REFERENCES places(id),
    name          TEXT NOT NULL,
    lang          TEXT NOT NULL DEFAULT '',
    kind          TEXT NOT NULL,  -- name, ascii, alternate, demonym, abbreviation
    is_preferred  INTEGER NOT NULL DEFAULT 0,
    is_short      INTEGER NOT NULL DEFAULT 0,
    is_colloquial INTEGER NOT NULL DEFAULT 0,
    is_historic   INTEGER NOT NULL DEFAULT 0,
    source        TEXT NOT NULL,
    norm          TEXT NOT NULL,  -- normalize_name(name)
    skeleton      TEXT NOT NULL   -- skeleton_key(norm)
);
CREATE TABLE countries (
    iso2 TEXT PRIMARY KEY, iso3 TEXT, name TEXT NOT NULL, geonameid INTEGER,
    continent TEXT, capital TEXT, population INTEGER, neighbours TEXT,
    languages TEXT  -- GeoNames language codes, "ar-LY,it,en"
);
CREATE TABLE admin1 (
    code TEXT PRIMARY KEY,  -- "LY.77"
    country TEXT NOT NULL, name TEXT NOT NULL, ascii_name TEXT, geonameid INTEGER,
    iso_code TEXT           -- ISO 3166-2 ("LY-TB") where a source gives it
);
CREATE TABLE admin2 (
    code TEXT PRIMARY KEY,  -- "US.CA.037"
    country TEXT NOT NULL, name TEXT NOT NULL, ascii_name TEXT, geonameid INTEGER
);
CREATE TABLE common_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
)sql";

/// Indexes built after the bulk load (faster than maintaining them row by row).
inline constexpr const char* kGazetteerIndexes = R"sql(
CREATE INDEX IF NOT EXISTS names_norm ON names(norm);
CREATE INDEX IF NOT EXISTS names_place ON names(place_id);
CREATE INDEX IF NOT EXISTS places_country_admin1 ON places(country, admin1);
CREATE INDEX IF NOT EXISTS places_wof ON places(wof_id);
)sql";

} // namespace kharita::detail
