#pragma once
// The event store's schema (docs/store.md). Bump kEventSchemaVersion on any change and add
// the step from the previous version to kEventMigrations.

#include <array>

namespace kharita::store {

inline constexpr int kEventSchemaVersion = 3;

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

/// Version 2: analyst review (store/review.hpp, docs/review.md). Each event's review state
/// and version (one more per change: a change against an older one is refused); the event
/// word of each report (part of a correction's anchor); corrections kept apart from the
/// machine's values and anchored to the report, not the row; the append-only audit trail;
/// the team's place aliases. A new store runs kEventSchema and then every migration.
inline constexpr const char* kReviewSchema = R"sql(
ALTER TABLE events ADD COLUMN review TEXT NOT NULL DEFAULT 'machine';
ALTER TABLE events ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE event_sources ADD COLUMN trigger_word TEXT NOT NULL DEFAULT '';
CREATE INDEX events_reviewed ON events(review) WHERE review <> 'machine';
CREATE TABLE corrections (
    id             INTEGER PRIMARY KEY,
    event_id       INTEGER REFERENCES events(id),  -- NULL: its anchor is gone (needs review)
    article_hash   TEXT NOT NULL DEFAULT '',       -- the anchor: the report's content hash,
    evidence       TEXT NOT NULL DEFAULT '',       -- the event's sentence in it,
    trigger_word   TEXT NOT NULL DEFAULT '',       -- its event word,
    anchor_type    TEXT NOT NULL,                  -- and the machine's type then
    evidence_start INTEGER NOT NULL DEFAULT 0,
    evidence_end   INTEGER NOT NULL DEFAULT 0,
    state          TEXT NOT NULL,                  -- confirmed, corrected, rejected
    fields         TEXT NOT NULL,                  -- JSON: the corrected fields only
    machine        TEXT NOT NULL,                  -- JSON: the machine's values under them
    needs_review   INTEGER NOT NULL DEFAULT 0,
    kind           TEXT NOT NULL DEFAULT 'change',  -- change; split: an event the analyst added
    who TEXT NOT NULL, at TEXT NOT NULL, note TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX corrections_event ON corrections(event_id);
CREATE INDEX corrections_article ON corrections(article_hash);
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, event_id INTEGER,
    action TEXT NOT NULL, before_json TEXT NOT NULL DEFAULT '',
    after_json TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_log_event ON review_log(event_id);
CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN SELECT RAISE(ABORT, 'review_log is append-only'); END;
CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN SELECT RAISE(ABORT, 'review_log is append-only'); END;
CREATE TABLE place_aliases (
    id INTEGER PRIMARY KEY, alias_key TEXT NOT NULL UNIQUE, alias TEXT NOT NULL,
    target TEXT NOT NULL, name TEXT NOT NULL, geonameid INTEGER NOT NULL DEFAULT 0,
    lat REAL NOT NULL, lon REAL NOT NULL, precision TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '', admin1 TEXT NOT NULL DEFAULT '',
    feature TEXT NOT NULL DEFAULT '', who TEXT NOT NULL, at TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
)sql";

/// Version 3: whether an event's date range was assumed from the report's day (an event
/// told as just happened, with no date in its own sentence; Event::date_assumed), so a
/// stated date replaces it when the event is told again, as in memory, and the exports can
/// say the date is approximate. Events stored before it read as stated.
inline constexpr const char* kAssumedDateSchema = R"sql(
ALTER TABLE events ADD COLUMN date_assumed INTEGER NOT NULL DEFAULT 0;
)sql";

/// kEventMigrations[i] upgrades a store of version i + 1 to version i + 2.
inline constexpr std::array<const char*, 2> kEventMigrations = {kReviewSchema, kAssumedDateSchema};

/// The PostGIS store's tables: the same tables, columns and meanings as kEventSchema, in
/// PostgreSQL's types. `geom` (for QGIS, GDAL and the GiST index), `days` (the date range
/// as day numbers, for its GiST index) and the tsvector columns of the text search are
/// generated from the stored columns, so no writer can let them disagree. cell_counts and
/// the date extent in meta are kept as in SpatiaLite: the query form is chosen from them
/// (choose_pg_form(), query_plan.hpp).
inline constexpr const char* kPgEventSchema = R"sql(
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE articles (
    id            bigserial PRIMARY KEY,
    content_hash  text NOT NULL UNIQUE,
    source        text NOT NULL DEFAULT '',
    url           text NOT NULL DEFAULT '',
    title         text NOT NULL DEFAULT '',
    published     date,
    published_precision text,
    published_note text,
    retrieved_at  text,
    input_file    text,
    text          text NOT NULL,
    ingested_at   text NOT NULL,
    fts tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || text)) STORED
);
CREATE INDEX articles_fts ON articles USING gin (fts);
CREATE TABLE places (
    id bigserial PRIMARY KEY, geonameid bigint NOT NULL, name text NOT NULL, feature text,
    country text, admin1 text, lat double precision, lon double precision, precision text,
    UNIQUE (geonameid, name)
);
CREATE TABLE mentions (
    id bigserial PRIMARY KEY,
    article_id bigint NOT NULL REFERENCES articles(id),
    place_id   bigint REFERENCES places(id),
    start integer NOT NULL, "end" integer NOT NULL,
    text text NOT NULL, kind text NOT NULL, confidence double precision NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE TABLE events (
    id             bigserial PRIMARY KEY,
    type           text NOT NULL,
    subtype        text NOT NULL DEFAULT '',
    status         text NOT NULL,
    date_start     date,
    date_end       date,
    day_start      integer,
    day_end        integer,
    time_precision text NOT NULL,
    time_rank      smallint NOT NULL,
    location       text NOT NULL DEFAULT '',
    place_inherited boolean NOT NULL DEFAULT false,
    lat double precision, lon double precision,
    geo_precision  text NOT NULL DEFAULT '',
    geo_rank       smallint NOT NULL,
    geo_precision_code smallint NOT NULL DEFAULT 0,
    country        text NOT NULL DEFAULT '',
    admin1         text NOT NULL DEFAULT '',
    admin1_code    text NOT NULL DEFAULT '',
    admin2         text NOT NULL DEFAULT '',
    fatalities     integer,
    confidence     double precision NOT NULL,
    actor1 text NOT NULL DEFAULT '', actor2 text NOT NULL DEFAULT '',
    actors         text NOT NULL DEFAULT '',
    sources        text NOT NULL DEFAULT '',
    source_count   integer NOT NULL DEFAULT 0,
    notes          text NOT NULL DEFAULT '',
    span_class     smallint NOT NULL,
    cell           integer NOT NULL,
    geom geometry(Point, 4326) GENERATED ALWAYS AS (
        CASE WHEN lat IS NULL OR lon IS NULL THEN NULL
             ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED,
    days int4range GENERATED ALWAYS AS (
        CASE WHEN day_start IS NULL THEN NULL
             ELSE int4range(day_start, day_end, '[]') END) STORED,
    notes_fts tsvector GENERATED ALWAYS AS (to_tsvector('simple', notes)) STORED
);
CREATE TABLE event_sources (
    id bigserial PRIMARY KEY,
    event_id   bigint NOT NULL REFERENCES events(id),
    article_id bigint REFERENCES articles(id),
    source     text NOT NULL DEFAULT '',
    evidence_start integer, evidence_end integer, evidence text,
    confidence double precision
);
CREATE INDEX event_sources_event ON event_sources(event_id);
CREATE INDEX event_sources_article ON event_sources(article_id);
CREATE TABLE actors (id bigserial PRIMARY KEY, name text NOT NULL UNIQUE);
CREATE TABLE event_actors (
    event_id bigint NOT NULL REFERENCES events(id),
    actor_id bigint NOT NULL REFERENCES actors(id),
    role     smallint NOT NULL,
    PRIMARY KEY (event_id, actor_id)
);
CREATE TABLE cell_counts (cell integer PRIMARY KEY, n bigint NOT NULL);
)sql";

/// The PostGIS store's event indexes. The dates' is a B-tree sought per span class, as the
/// SpatiaLite store seeks (filter_sql): on 200 k imported events it built in 0.36 s against
/// 0.9 s for an SP-GiST index on the `days` range (7.4 s of a 1 M load), reading a month's
/// events as fast; the SP-GiST one had replaced a GiST one (5 s, three candidates per match).
inline constexpr const char* kPgEventIndexes = R"sql(
CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom);
CREATE INDEX IF NOT EXISTS events_span_days ON events (span_class, day_start, day_end);
CREATE INDEX IF NOT EXISTS events_lon_lat_days ON events (lon, lat, day_start, day_end);
CREATE INDEX IF NOT EXISTS events_region ON events (country, admin1_code);
CREATE INDEX IF NOT EXISTS events_type_day ON events (type, day_start);
CREATE INDEX IF NOT EXISTS events_fts ON events USING gin (notes_fts);
)sql";

/// Version 2 in PostgreSQL's types: kReviewSchema. The audit trail refuses UPDATE, DELETE
/// and TRUNCATE through triggers (a role that owns the table can still drop them: grant
/// analysts INSERT and SELECT only, docs/review.md).
inline constexpr const char* kPgReviewSchema = R"sql(
DROP INDEX IF EXISTS events_days;
CREATE INDEX IF NOT EXISTS events_span_days ON events (span_class, day_start, day_end);
CREATE INDEX IF NOT EXISTS events_lon_lat_days ON events (lon, lat, day_start, day_end);
ALTER TABLE events ADD COLUMN review text NOT NULL DEFAULT 'machine';
ALTER TABLE events ADD COLUMN version bigint NOT NULL DEFAULT 0;
ALTER TABLE event_sources ADD COLUMN trigger_word text NOT NULL DEFAULT '';
CREATE INDEX events_reviewed ON events(review) WHERE review <> 'machine';
CREATE TABLE corrections (
    id             bigserial PRIMARY KEY,
    event_id       bigint REFERENCES events(id),
    article_hash   text NOT NULL DEFAULT '',
    evidence       text NOT NULL DEFAULT '',
    trigger_word   text NOT NULL DEFAULT '',
    anchor_type    text NOT NULL,
    evidence_start integer NOT NULL DEFAULT 0,
    evidence_end   integer NOT NULL DEFAULT 0,
    state          text NOT NULL,
    fields         text NOT NULL,
    machine        text NOT NULL,
    needs_review   boolean NOT NULL DEFAULT false,
    kind           text NOT NULL DEFAULT 'change',
    who text NOT NULL, at text NOT NULL, note text NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX corrections_event ON corrections(event_id);
CREATE INDEX corrections_article ON corrections(article_hash);
CREATE TABLE review_log (
    id bigserial PRIMARY KEY, at text NOT NULL, who text NOT NULL, event_id bigint,
    action text NOT NULL, before_json text NOT NULL DEFAULT '',
    after_json text NOT NULL DEFAULT '', note text NOT NULL DEFAULT ''
);
CREATE INDEX review_log_event ON review_log(event_id);
CREATE FUNCTION review_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'review_log is append-only'; END $$;
CREATE TRIGGER review_log_no_change BEFORE UPDATE OR DELETE ON review_log
    FOR EACH ROW EXECUTE FUNCTION review_log_append_only();
CREATE TRIGGER review_log_no_truncate BEFORE TRUNCATE ON review_log
    FOR EACH STATEMENT EXECUTE FUNCTION review_log_append_only();
CREATE TABLE place_aliases (
    id bigserial PRIMARY KEY, alias_key text NOT NULL UNIQUE, alias text NOT NULL,
    target text NOT NULL, name text NOT NULL, geonameid bigint NOT NULL DEFAULT 0,
    lat double precision NOT NULL, lon double precision NOT NULL, precision text NOT NULL,
    country text NOT NULL DEFAULT '', admin1 text NOT NULL DEFAULT '',
    feature text NOT NULL DEFAULT '', who text NOT NULL, at text NOT NULL,
    note text NOT NULL DEFAULT ''
);
)sql";

/// Version 3 in PostgreSQL's types: kAssumedDateSchema.
inline constexpr const char* kPgAssumedDateSchema = R"sql(
ALTER TABLE events ADD COLUMN date_assumed boolean NOT NULL DEFAULT false;
)sql";

/// kPgEventMigrations[i] upgrades a PostGIS store of version i + 1 to version i + 2.
inline constexpr std::array<const char*, 2> kPgEventMigrations = {kPgReviewSchema,
                                                                  kPgAssumedDateSchema};

} // namespace kharita::store
