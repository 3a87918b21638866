#pragma once
// The event store's schema (docs/store.md). Bump kEventSchemaVersion on any change and add
// the step from the previous version to kEventMigrations.

#include <array>

namespace kharita::store {

inline constexpr int kEventSchemaVersion = 1;

/// Tables of a new store. The geometry column is added by SpatiaLite afterwards.
inline constexpr const char* kEventSchema = R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL UNIQUE,  -- FNV-1a 64 of title and text, hex
    source        TEXT NOT NULL DEFAULT '',
    url           TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    published     TEXT,                  -- ISO 8601 day, NULL when unknown
    published_precision TEXT,
    published_note TEXT,
    retrieved_at  TEXT,
    input_file    TEXT,
    text          TEXT NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonameid INTEGER NOT NULL, name TEXT NOT NULL, feature TEXT,
    country TEXT, admin1 TEXT, lat REAL, lon REAL, precision TEXT,
    UNIQUE (geonameid, name)
);
CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    place_id   INTEGER REFERENCES places(id),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL,  -- bytes in the article text
    text TEXT NOT NULL, kind TEXT NOT NULL, confidence REAL NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    type           TEXT NOT NULL,
    subtype        TEXT NOT NULL DEFAULT '',
    status         TEXT NOT NULL,
    date_start     TEXT,              -- ISO 8601 day; NULL: only "on or before date_end"
    date_end       TEXT,
    day_start      INTEGER,           -- days since 1970-01-01, the index's time keys
    day_end        INTEGER,
    time_precision TEXT NOT NULL,
    time_rank      INTEGER NOT NULL,  -- 0 time, 1 day, 2 week, 3 month, 4 year, 5 decade, 6 unknown
    location       TEXT NOT NULL DEFAULT '',
    place_inherited INTEGER NOT NULL DEFAULT 0,
    lat REAL, lon REAL,
    geo_precision  TEXT NOT NULL DEFAULT '',
    geo_rank       INTEGER NOT NULL,  -- 0 site .. 5 continent, 6 no place
    geo_precision_code INTEGER NOT NULL DEFAULT 0,  -- ACLED's 1-3 when imported
    country        TEXT NOT NULL DEFAULT '',
    admin1         TEXT NOT NULL DEFAULT '',
    admin1_code    TEXT NOT NULL DEFAULT '',
    admin2         TEXT NOT NULL DEFAULT '',
    fatalities     INTEGER,
    confidence     REAL NOT NULL,
    actor1 TEXT NOT NULL DEFAULT '', actor2 TEXT NOT NULL DEFAULT '',
    actors         TEXT NOT NULL DEFAULT '',  -- every actor, "; "-separated (event_actors)
    sources        TEXT NOT NULL DEFAULT '',  -- source names, "; "-separated (event_sources)
    source_count   INTEGER NOT NULL DEFAULT 0,
    notes          TEXT NOT NULL DEFAULT '',
    span_class     INTEGER NOT NULL,  -- 0: <= 1 day, 1: <= 31, 2: <= 366, 3: longer
    cell           INTEGER NOT NULL   -- quarter-degree cell: row * 1440 + column; -1 no place
);
CREATE TABLE event_sources (
    id INTEGER PRIMARY KEY,
    event_id   INTEGER NOT NULL REFERENCES events(id),
    article_id INTEGER REFERENCES articles(id),  -- NULL for imported events
    source     TEXT NOT NULL DEFAULT '',
    evidence_start INTEGER, evidence_end INTEGER, evidence TEXT,
    confidence REAL
);
CREATE INDEX event_sources_event ON event_sources(event_id);
CREATE INDEX event_sources_article ON event_sources(article_id);
CREATE TABLE actors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE event_actors (
    event_id INTEGER NOT NULL REFERENCES events(id),
    actor_id INTEGER NOT NULL REFERENCES actors(id),
    role     INTEGER NOT NULL,  -- 1, 2: ACLED's actor1, actor2; 0 other
    PRIMARY KEY (event_id, actor_id)
) WITHOUT ROWID;
CREATE TABLE cell_counts (cell INTEGER PRIMARY KEY, n INTEGER NOT NULL);
CREATE VIRTUAL TABLE events_fts USING fts5(notes, content='events', content_rowid='id');
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='id');
)sql";

/// The event indexes, dropped and rebuilt around bulk loads. events_space_time covers the
/// space-time test, so a query reads table rows only for matches; a query with no box
/// seeks every occupied cell (cell_counts).
inline constexpr const char* kEventIndexes = R"sql(
CREATE INDEX IF NOT EXISTS events_space_time ON events(span_class, cell, day_start, day_end, lon, lat);
CREATE INDEX IF NOT EXISTS events_region ON events(country, admin1_code);
)sql";

inline constexpr const char* kDropEventIndexes = R"sql(
DROP INDEX IF EXISTS events_space_time;
DROP INDEX IF EXISTS events_region;
)sql";

/// kEventMigrations[i] upgrades a store of version i + 1 to version i + 2.
inline constexpr std::array<const char*, 0> kEventMigrations = {};

} // namespace kharita::store
