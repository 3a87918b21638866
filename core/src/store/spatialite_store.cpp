// The SpatiaLite backend of EventStore: the only place that holds event SQL.
//
// Space and time are indexed together in ordinary B-trees: each event has a quarter-degree
// cell and a span class (how long its date range is), and events_space_time is keyed by
// (span_class, cell, day_start). A box query seeks each covered cell once per span class
// for the days that can overlap the asked range (a query without a box seeks every occupied
// cell). The plan, cells or a plain scan, is chosen from the per-cell counts (cell_counts) by
// the rows each would read. Design and measurements: docs/store.md.

#include "kharita/geo/polygon.hpp"
#include "kharita/store/store.hpp"

#include "detail/gdal.hpp"
#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"
#include "kharita/events/events.hpp"
#include "kharita/events/merge_policy.hpp"
#include "store/backends.hpp"
#include "store/event_rows.hpp"
#include "store/event_schema.hpp"
#include "store/query_plan.hpp"
#include "store/source_names.hpp"
#include "store/spatialite_review.hpp"
#include "store/spatialite_rows.hpp"

#include <fmt/core.h>
#include <ogr_geometry.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>
#include <thread>
#include <unordered_map>
#include <variant>

namespace kharita {

namespace {

using detail::Database;
using detail::OpenMode;
using detail::Statement;

using store::bind_day;
using store::bind_day_keys;
using store::cell_of;
using store::day_keys;
using store::DayKeys;
using store::geo_precision_of_rank;
using store::geo_rank;
using store::identity_of;
using store::kNoDayLow;
using store::kNoRank;
using store::kRecordColumns;
using store::now_iso;
using store::parse_day;
using store::read_record;
using store::span_class;
using store::spatialite_point;
using store::stored_status;
using store::stored_type;
using store::time_precision_of_rank;
using store::time_rank;
using store::Written;

// The columns of an EventPoint; lat and lon at 1 and 2 as in the ids-only list.
constexpr const char* kPointColumns =
    "id, lat, lon, day_start, day_end, type, geo_rank, time_rank, fatalities, location, status, "
    "review, confidence";

void bind_all(Statement& s, const std::vector<store::SqlValue>& values, int first = 1) {
    int i = first;
    for (const store::SqlValue& v : values) {
        std::visit([&](const auto& x) { s.bind(i, x); }, v);
        ++i;
    }
}

/// Hands the rows a query's statements find to `row`, up to the limit, leaving out those
/// outside the polygon (the index paths test its bounding box only).
class Matches {
public:
    Matches(const std::optional<std::int64_t>& limit, const Polygon* polygon, int lat_column,
            const std::function<void(const Statement&)>& row)
        : m_limit(limit.value_or(std::numeric_limits<std::int64_t>::max())), m_polygon(polygon),
          m_lat_column(lat_column), m_row(row) {}

    bool full() const noexcept { return m_emitted >= m_limit; }

    /// Steps `s` to its end (or the limit), then rewinds it, keeping its bindings for the
    /// next cell or span class.
    void drain(Statement& s) {
        while (!full() && s.step()) {
            if (m_polygon != nullptr && !inside(s))
                continue;
            m_row(s);
            ++m_emitted;
        }
        s.rewind();
    }

private:
    bool inside(const Statement& s) const {
        if (s.column_is_null(m_lat_column) || s.column_is_null(m_lat_column + 1))
            return false;
        return m_polygon->contains(
            {s.column_double(m_lat_column), s.column_double(m_lat_column + 1)});
    }

    std::int64_t m_limit;
    const Polygon* m_polygon;
    int m_lat_column;
    const std::function<void(const Statement&)>& m_row;
    std::int64_t m_emitted = 0;
};

class SpatialiteStore final : public EventStore {
public:
    SpatialiteStore(const std::filesystem::path& file, StoreMode mode);

    int schema_version() const override { return m_version; }
    IngestReport ingest(const std::vector<ArticleRecord>& articles,
                        const IngestSource& source) override;
    std::int64_t ingest_records(const std::function<bool(EventRecord&)>& next,
                                std::int64_t expected) override;
    using EventStore::ingest_records;
    void query(const EventFilter& filter,
               const std::function<void(const EventRecord&)>& row) const override;
    std::int64_t count(const EventFilter& filter) const override;
    void query_points(const EventFilter& filter,
                      const std::function<void(const EventPoint&)>& point) const override;
    std::vector<EventRecord> records(const std::vector<std::int64_t>& ids) const override;
    std::vector<EventSource> sources(std::int64_t event_id) const override;
    std::string last_plan() const override { return m_plan; }
    ReviewOutcome review(const ReviewChange& change) override { return m_review.review(change); }
    std::int64_t split_event(const ReviewChange& change) override { return m_review.split(change); }
    ReviewOutcome merge_events(const ReviewChange& keep, std::int64_t drop,
                               std::optional<std::int64_t> drop_version) override {
        return m_review.merge(keep, drop, drop_version);
    }
    std::vector<AuditEntry> review_log(std::optional<std::int64_t> event_id) const override {
        return m_review.log(event_id);
    }
    std::vector<StoredCorrection> corrections() const override { return m_review.corrections(); }
    void add_alias(const PlaceAlias& alias) override { m_review.add_alias(alias); }
    bool remove_alias(std::string_view alias, const std::string& who) override {
        return m_review.remove_alias(alias, who);
    }
    std::vector<PlaceAlias> aliases() const override { return m_review.aliases(); }

private:
    using NewEvent = store::NewEvent;

    /// Creates or migrates the schema when needed (under the write lock, safe against
    /// another process doing the same) and reads its version.
    void check_schema(const std::filesystem::path& file, StoreMode mode);
    void use_write_ahead_log();
    bool is_empty();
    /// The schema version of a store file; throws when the file is no store of ours or
    /// one newer than this build.
    int stored_version(const std::filesystem::path& file);
    /// Within the caller's transaction.
    void create_schema();
    void migrate_schema(int from_version);
    /// Inserts one event with its text index entry and actors. (Row by row measured
    /// faster than set-based INSERT ... SELECT after a bulk load: docs/store.md.)
    std::int64_t insert_event(const NewEvent& e, Written& written);
    /// Adds a report of a stored event: its source row, and the facts the merge policy
    /// (merge_told_again) decides.
    void add_source(std::int64_t event_id, const NewEvent& e);
    /// The facts of a stored event the merge policy weighs, with its sources.
    MergeableFacts stored_facts(std::int64_t event_id, std::string& sources,
                                std::int64_t& source_count, bool& reviewed);
    void add_source_row(std::int64_t event_id, const NewEvent& e);
    std::int64_t actor_id(const std::string& name);
    /// Inserts an article row and its text index entry; returns its id.
    std::int64_t insert_article(const ArticleRecord& a, const std::string& hash,
                                const IngestSource& source, const std::string& ingested_at);
    /// Inserts a place mention and the place it resolved to (once per place).
    void insert_mention(std::int64_t article_id, const MentionRecord& m);
    /// Adds what a transaction wrote to cell_counts and the stored date extent.
    void save_written(const Written& written);
    void load_cell_counts() const;
    std::optional<std::int64_t> find_same_event(const EventIdentity& id);
    Statement& statement(const char* sql);

    /// What a query reads per match: kRecordColumns, kPointColumns, or id, lat, lon.
    enum class Columns { record, points, ids };
    /// Runs the filter, calling `row` with the statement positioned on each match: plans
    /// the path (store/query_plan.hpp), then seeks cells or scans.
    void run_query(const EventFilter& filter, Columns what,
                   const std::function<void(const Statement&)>& row) const;
    /// The events stored and the extent of their days, for the planner: a statement stepped
    /// onto its one row (events, min_day, max_day, max_span).
    Statement read_stored_extent() const;
    /// The space-time path: each cell once per span class, the days that can overlap.
    void seek_cells(const std::string& columns, const store::QueryExtent& extent,
                    std::int64_t max_span, const store::ResidualConditions& residual,
                    const std::vector<int>& cells, Matches& matches) const;
    /// The table (or, with regions, the region index SQLite picks) read through.
    void scan(const std::string& columns, const store::QueryExtent& extent,
              const store::ResidualConditions& residual, Matches& matches) const;

    mutable Database m_db;
    std::unordered_map<const char*, Statement> m_statements; // prepared once, by SQL text
    int m_version = 0;
    mutable std::string m_plan;
    mutable std::unordered_map<int, std::int64_t> m_cell_counts;
    std::unordered_map<std::string, std::int64_t> m_actor_ids;
    store::SqliteReview m_review{m_db};
};

/// Runs one operation on a store file. A file that is not SQLite is bad input naming the
/// file; any other database failure becomes one line: the file, the operation and SQLite's
/// message (never the statement, which may be a whole schema script).
template <typename Work>
auto on_store_file(const std::filesystem::path& file, std::string_view operation, Work&& work) {
    try {
        return work();
    } catch (const DatabaseError& e) {
        if (e.code() == SQLITE_NOTADB)
            throw InputError(file.string(), "not an SQLite database (not a Kharita event store)");
        std::string_view what = e.what();
        if (const std::string prefix = file.string() + ": "; what.starts_with(prefix))
            what.remove_prefix(prefix.size());
        std::string line = fmt::format("{}: {}: {}", file.string(), operation, what);
        std::replace(line.begin(), line.end(), '\n', ' ');
        throw DatabaseError(e.code(), line, e.sql());
    }
}

SpatialiteStore::SpatialiteStore(const std::filesystem::path& file, StoreMode mode)
    : m_db([&] {
          const bool exists = std::filesystem::exists(file);
          if (!exists && mode != StoreMode::create) {
              throw InputError(file.string(), "no such event database");
          }
          return Database::open(file, mode == StoreMode::read_only ? OpenMode::read_only
                                      : exists                     ? OpenMode::read_write
                                                                   : OpenMode::create);
      }()) {
    m_db.exec("PRAGMA busy_timeout = 10000");
    // WAL with synchronous NORMAL: a commit survives a crash of the process (not of
    // the machine) without an fsync per transaction.
    if (mode != StoreMode::read_only)
        m_db.exec("PRAGMA cache_size = -65536; PRAGMA synchronous = NORMAL");
    check_schema(file, mode);
}

bool SpatialiteStore::is_empty() {
    return m_db.query_int("SELECT count(*) FROM sqlite_master").value_or(0) == 0;
}

int SpatialiteStore::stored_version(const std::filesystem::path& file) {
    if (m_db.query_int("SELECT count(*) FROM sqlite_master WHERE name = 'meta'").value_or(0) == 0 ||
        m_db.query_int("SELECT count(*) FROM sqlite_master WHERE name = 'events'").value_or(0) ==
            0) {
        throw InputError(file.string(), "not a Kharita event store (no meta/events tables)");
    }
    const auto version = static_cast<int>(
        m_db.query_int("SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'event_schema_version'")
            .value_or(0));
    if (version <= 0) {
        throw InputError(file.string(), "not a Kharita event store (no schema version)");
    }
    if (version > store::kEventSchemaVersion) {
        throw DatabaseError(0, fmt::format("schema version {} is newer than this build's {}; use "
                                           "a newer Kharita",
                                           version, store::kEventSchemaVersion));
    }
    return version;
}

void SpatialiteStore::check_schema(const std::filesystem::path& file, StoreMode mode) {
    if (mode == StoreMode::read_only) {
        if (is_empty())
            throw InputError(file.string(), "an empty database, not a Kharita event store");
        m_version = stored_version(file);
        if (m_version < store::kEventSchemaVersion) {
            throw DatabaseError(0, fmt::format("schema version {} needs migrating to {}; run "
                                               "`kharita store migrate --db FILE` (or any "
                                               "command that writes to it) once",
                                               m_version, store::kEventSchemaVersion));
        }
        return;
    }
    if (is_empty() || stored_version(file) < store::kEventSchemaVersion) {
        // Another process may be creating or migrating the same file right now: take the
        // write lock first (waiting for theirs), then look again at what is there.
        auto tx = m_db.begin(detail::TransactionKind::immediate);
        if (is_empty()) {
            create_schema();
        } else {
            migrate_schema(stored_version(file));
        }
        tx.commit();
    }
    m_version = stored_version(file);
    use_write_ahead_log();
}

void SpatialiteStore::use_write_ahead_log() {
    // Switching to WAL needs the file to itself, and SQLite answers "database is locked" at
    // once, without its busy handler, while another process that has just created the same
    // store still reads it: wait for that reader a little at a time.
    for (int attempt = 0;; ++attempt) {
        try {
            m_db.exec("PRAGMA journal_mode = WAL");
            return;
        } catch (const DatabaseError& e) {
            const int primary = e.code() & 0xFF;
            if ((primary != SQLITE_BUSY && primary != SQLITE_LOCKED) || attempt >= 200)
                throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        }
    }
}

void SpatialiteStore::migrate_schema(int from_version) {
    for (int v = from_version; v < store::kEventSchemaVersion; ++v) {
        m_db.exec(store::kEventMigrations[static_cast<std::size_t>(v - 1)]);
    }
    m_db.prepare("UPDATE meta SET value = ?1 WHERE key = 'event_schema_version'")
        .bind(1, store::kEventSchemaVersion)
        .run();
}

void SpatialiteStore::create_schema() {
    m_db.exec("SELECT InitSpatialMetadata(0, 'WGS84')");
    m_db.exec(store::kEventSchema);
    for (const char* step : store::kEventMigrations)
        m_db.exec(step);
    m_db.exec(store::kEventIndexes);
    if (m_db.query_int("SELECT AddGeometryColumn('events', 'geom', 4326, 'POINT', 'XY')")
            .value_or(0) != 1) {
        throw DatabaseError(0, "SpatiaLite AddGeometryColumn failed for events.geom");
    }
    m_db.prepare("INSERT INTO meta (key, value) VALUES ('event_schema_version', ?1), "
                 "('created_at', ?2)")
        .bind(1, store::kEventSchemaVersion)
        .bind(2, now_iso())
        .run();
}

Statement& SpatialiteStore::statement(const char* sql) {
    auto it = m_statements.find(sql);
    if (it == m_statements.end())
        it = m_statements.emplace(sql, m_db.prepare(sql)).first;
    return it->second;
}

std::int64_t SpatialiteStore::actor_id(const std::string& name) {
    if (const auto it = m_actor_ids.find(name); it != m_actor_ids.end())
        return it->second;
    Statement& ins = statement("INSERT INTO actors (name) VALUES (?1) ON CONFLICT (name) DO "
                               "UPDATE SET name = excluded.name RETURNING id");
    ins.bind(1, name);
    if (!ins.step())
        throw DatabaseError(0, "actor insert returned no id");
    const std::int64_t id = ins.column_int64(0);
    ins.reset();
    m_actor_ids.emplace(name, id);
    return id;
}

std::int64_t SpatialiteStore::insert_event(const NewEvent& ne, Written& written) {
    Statement& s = statement(
        "INSERT INTO events (type, subtype, status, date_start, date_end, day_start, day_end, "
        "time_precision, time_rank, location, place_inherited, lat, lon, geo_precision, "
        "geo_rank, geo_precision_code, country, admin1, admin1_code, admin2, fatalities, "
        "confidence, actor1, actor2, actors, sources, source_count, notes, span_class, cell, "
        "geom, date_assumed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, "
        "?31, ?32)");
    const EventRecord& r = ne.record;
    s.bind(1, to_string(r.type)).bind(2, r.subtype).bind(3, to_string(r.status));
    bind_day(s, 4, r.date_start);
    bind_day(s, 5, r.date_end);
    const DayKeys keys = day_keys(r.date_start, r.date_end);
    bind_day_keys(s, 6, keys);
    s.bind(8, time_precision_name(r.time_precision)).bind(9, time_rank(r.time_precision));
    s.bind(10, r.location).bind(11, ne.place_inherited ? 1 : 0);
    int cell = -1;
    if (r.position) {
        s.bind(12, r.position->lat).bind(13, r.position->lon);
        cell = cell_of(*r.position);
        const auto blob = spatialite_point(*r.position);
        s.bind_blob(31, blob.data(), static_cast<int>(blob.size()));
    } else {
        s.bind_null(12).bind_null(13).bind_null(31);
    }
    s.bind(14, geo_precision_name(r.geo_precision))
        .bind(15, r.position ? geo_rank(r.geo_precision) : kNoRank);
    s.bind(16, r.geo_precision_code);
    s.bind(17, r.country).bind(18, r.admin1).bind(19, r.admin1_code).bind(20, r.admin2);
    if (r.fatalities)
        s.bind(21, *r.fatalities);
    else
        s.bind_null(21);
    s.bind(22, r.confidence).bind(23, r.actor1).bind(24, r.actor2).bind(25, r.actors);
    s.bind(26, r.sources).bind(27, r.source_count).bind(28, r.notes);
    s.bind(29, keys.span_class).bind(30, cell).bind(32, r.date_assumed ? 1 : 0);
    s.run();
    const std::int64_t id = sqlite3_last_insert_rowid(m_db.handle());
    written.note(r, cell);

    Statement& actor = statement("INSERT OR IGNORE INTO event_actors (event_id, actor_id, role) "
                                 "VALUES (?1, ?2, ?3)");
    statement("INSERT INTO events_fts (rowid, notes) VALUES (?1, ?2)")
        .bind(1, id)
        .bind(2, r.notes)
        .run();
    for (const auto& [name, role] : store::event_actor_roles(r))
        actor.bind(1, id).bind(2, actor_id(name)).bind(3, role).run();
    if (ne.article_id)
        add_source_row(id, ne);
    return id;
}

void SpatialiteStore::add_source_row(std::int64_t event_id, const NewEvent& ne) {
    const EventRecord& r = ne.record;
    statement("INSERT INTO event_sources (event_id, article_id, source, evidence_start, "
              "evidence_end, evidence, confidence, trigger_word) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
              "?7, ?8)")
        .bind(1, event_id)
        .bind(2, ne.article_id.value_or(0))
        .bind(3, r.sources)
        .bind(4, static_cast<std::int64_t>(ne.evidence_start))
        .bind(5, static_cast<std::int64_t>(ne.evidence_end))
        .bind(6, r.notes)
        .bind(7, r.confidence)
        .bind(8, ne.trigger)
        .run();
}

MergeableFacts SpatialiteStore::stored_facts(std::int64_t event_id, std::string& sources,
                                             std::int64_t& source_count, bool& reviewed) {
    Statement& s = statement("SELECT date_start, date_end, time_precision, fatalities, "
                             "confidence, sources, source_count, review, date_assumed FROM events "
                             "WHERE id = ?1");
    s.bind(1, event_id);
    if (!s.step()) {
        s.reset();
        throw DatabaseError(0, fmt::format("event {} vanished during a merge", event_id));
    }
    MergeableFacts kept;
    kept.date_start = s.column_is_null(0) ? std::nullopt : parse_day(s.column_text(0));
    kept.date_end = s.column_is_null(1) ? std::nullopt : parse_day(s.column_text(1));
    kept.time_precision = time_precision_from(s.column_text(2));
    if (!s.column_is_null(3))
        kept.fatalities = s.column_int(3);
    kept.confidence = s.column_double(4);
    sources.assign(s.column_text(5));
    source_count = s.column_int64(6);
    reviewed = s.column_text(7) != "machine";
    kept.date_assumed = s.column_int(8) != 0;
    s.reset();
    return kept;
}

void SpatialiteStore::add_source(std::int64_t event_id, const NewEvent& ne) {
    const EventRecord& r = ne.record;
    add_source_row(event_id, ne);
    // the policy decides (events/merge_policy.hpp); SQL only stores what it decided
    std::string sources;
    std::int64_t source_count = 0;
    bool reviewed = false;
    const MergeableFacts kept = stored_facts(event_id, sources, source_count, reviewed);
    // an event an analyst reviewed keeps the values they saw: a new report only adds itself
    const MergeableFacts merged = reviewed ? kept : merge_told_again(kept, store::facts_told(r));
    Statement& up = statement("UPDATE events SET source_count = ?2, sources = ?3, "
                              "fatalities = ?4, confidence = ?5 WHERE id = ?1");
    up.bind(1, event_id)
        .bind(2, source_count + 1)
        .bind(3, store::with_source_name(sources, r.sources));
    if (merged.fatalities)
        up.bind(4, *merged.fatalities);
    else
        up.bind_null(4);
    up.bind(5, merged.confidence).run();
    if (merged.date_start == kept.date_start && merged.date_end == kept.date_end &&
        merged.time_precision == kept.time_precision && merged.date_assumed == kept.date_assumed) {
        return;
    }
    Statement& dates =
        statement("UPDATE events SET date_start = ?2, date_end = ?3, day_start = ?4, "
                  "day_end = ?5, time_precision = ?6, time_rank = ?7, span_class = ?8, "
                  "date_assumed = ?9 WHERE id = ?1");
    dates.bind(1, event_id);
    bind_day(dates, 2, merged.date_start);
    bind_day(dates, 3, merged.date_end);
    const DayKeys keys = day_keys(merged.date_start, merged.date_end);
    bind_day_keys(dates, 4, keys);
    dates.bind(6, time_precision_name(merged.time_precision))
        .bind(7, time_rank(merged.time_precision))
        .bind(8, keys.span_class)
        .bind(9, merged.date_assumed ? 1 : 0)
        .run();
}

std::optional<std::int64_t> SpatialiteStore::find_same_event(const EventIdentity& id) {
    const std::optional<store::SameEventWindow> w = store::same_event_window(id);
    if (!w)
        return std::nullopt;
    Statement& s =
        statement("SELECT id, lat, lon, date_start, date_end, location, geo_rank, place_inherited, "
                  "fatalities FROM events WHERE type = ?1 AND lat BETWEEN ?2 AND ?3 "
                  "AND lon BETWEEN ?4 AND ?5 AND (?6 IS NULL OR day_end IS NULL OR "
                  "(day_start <= ?7 + 1 AND day_end >= ?6 - 1)) ORDER BY id");
    s.bind(1, std::string(to_string(id.type)));
    s.bind(2, w->min_lat).bind(3, w->max_lat).bind(4, w->min_lon).bind(5, w->max_lon);
    if (w->first_day) {
        s.bind(6, *w->first_day).bind(7, *w->last_day);
    } else {
        s.bind_null(6).bind_null(7);
    }
    std::optional<std::int64_t> found;
    while (s.step()) {
        store::StoredCandidate c;
        c.position = LatLon{s.column_double(1), s.column_double(2)};
        c.date_start = parse_day(s.column_text(3));
        c.date_end = parse_day(s.column_text(4));
        c.location = std::string(s.column_text(5));
        c.geo_rank = s.column_int(6);
        c.place_inherited = s.column_int(7) != 0;
        if (!s.column_is_null(8))
            c.fatalities = s.column_int(8);
        if (same_real_event(store::stored_identity(id.type, c), id)) {
            found = s.column_int64(0);
            break;
        }
    }
    s.reset();
    return found;
}

void SpatialiteStore::save_written(const Written& written) {
    Statement& s = statement("INSERT INTO cell_counts (cell, n) VALUES (?1, ?2) "
                             "ON CONFLICT (cell) DO UPDATE SET n = n + excluded.n");
    for (const auto& [cell, n] : written.cells)
        s.bind(1, cell).bind(2, n).run();
    if (written.min_day > written.max_day)
        return;
    statement("INSERT INTO meta (key, value) VALUES ('min_day', ?1), ('max_day', ?2), "
              "('max_span', ?3) ON CONFLICT (key) DO UPDATE SET value = CASE key "
              "WHEN 'min_day' THEN min(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) "
              "ELSE max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) END")
        .bind(1, written.min_day)
        .bind(2, written.max_day)
        .bind(3, written.max_span)
        .run();
}

std::int64_t SpatialiteStore::insert_article(const ArticleRecord& a, const std::string& hash,
                                             const IngestSource& source,
                                             const std::string& ingested_at) {
    Statement& art = statement(
        "INSERT INTO articles (content_hash, source, url, title, published, "
        "published_precision, published_note, retrieved_at, input_file, text, ingested_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    art.bind(1, hash).bind(2, a.source).bind(3, a.url).bind(4, a.title);
    if (a.published)
        art.bind(5, a.published->iso());
    else
        art.bind_null(5);
    art.bind(6, to_string(a.published_precision)).bind(7, a.published_note);
    if (source.retrieved_at)
        art.bind(8, source.retrieved_at->day.iso());
    else
        art.bind_null(8);
    art.bind(9, source.file).bind(10, a.text).bind(11, ingested_at).run();
    const std::int64_t article_id = sqlite3_last_insert_rowid(m_db.handle());
    statement("INSERT INTO articles_fts (rowid, title, text) VALUES (?1, ?2, ?3)")
        .bind(1, article_id)
        .bind(2, a.title)
        .bind(3, a.text)
        .run();
    return article_id;
}

void SpatialiteStore::insert_mention(std::int64_t article_id, const MentionRecord& m) {
    Statement& place = statement(
        "INSERT INTO places (geonameid, name, feature, country, admin1, lat, lon, precision) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (geonameid, name) DO UPDATE "
        "SET feature = excluded.feature RETURNING id");
    Statement& mention = statement(
        "INSERT INTO mentions (article_id, place_id, start, \"end\", text, kind, confidence) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    std::optional<std::int64_t> place_id;
    if (const auto& p = m.place) {
        place.bind(1, p->geonameid).bind(2, p->name).bind(3, p->feature).bind(4, p->country);
        place.bind(5, p->admin1).bind(6, p->position.lat).bind(7, p->position.lon);
        place.bind(8, to_string(p->precision));
        if (place.step())
            place_id = place.column_int64(0);
        place.reset();
    }
    mention.bind(1, article_id);
    if (place_id)
        mention.bind(2, *place_id);
    else
        mention.bind_null(2);
    mention.bind(3, static_cast<std::int64_t>(m.start)).bind(4, static_cast<std::int64_t>(m.end));
    mention.bind(5, m.text).bind(6, to_string(m.kind)).bind(7, m.confidence).run();
}

IngestReport SpatialiteStore::ingest(const std::vector<ArticleRecord>& articles,
                                     const IngestSource& source) {
    IngestReport report;
    const std::string ingested_at = now_iso();
    for (const ArticleRecord& a : articles) {
        const std::string hash = store::content_hash(a);
        // Immediate: this transaction reads (the article seen? the same event stored?)
        // before it writes, and another process may be ingesting into the same store.
        auto tx = m_db.begin(detail::TransactionKind::immediate);
        Statement& seen = statement("SELECT id FROM articles WHERE content_hash = ?1");
        seen.bind(1, hash);
        const std::optional<std::int64_t> stored =
            seen.step() ? std::optional(seen.column_int64(0)) : std::nullopt;
        seen.reset();
        if (stored && !source.reparse) {
            ++report.articles_skipped;
            continue;
        }
        if (stored) {
            m_review.forget_article(*stored);
            ++report.articles_reparsed;
        }
        m_actor_ids.clear(); // ids cached from a rolled-back transaction would be stale
        const std::int64_t article_id = insert_article(a, hash, source, ingested_at);
        for (const MentionRecord& m : a.mentions) {
            insert_mention(article_id, m);
            ++report.mentions_added;
        }
        Written written;
        store::store_article_events(
            a, source, article_id, report,
            [&](const EventIdentity& id) { return find_same_event(id); },
            [&](std::int64_t same, const NewEvent& ne) { add_source(same, ne); },
            [&](const NewEvent& ne) { insert_event(ne, written); });
        save_written(written);
        m_review.reapply(hash, article_id, report);
        tx.commit();
        report.articles_added += stored ? 0 : 1;
    }
    return report;
}

std::int64_t SpatialiteStore::ingest_records(const std::function<bool(EventRecord&)>& next,
                                             std::int64_t expected) {
    auto tx = m_db.begin(detail::TransactionKind::immediate);
    const std::int64_t stored = m_db.query_int("SELECT count(*) FROM events").value_or(0);
    // Large loads into a small table: indexes are cheaper built once, sorted, than row by row.
    const bool bulk = expected >= 20000 && expected >= stored;
    m_actor_ids.clear();
    // SpatiaLite's per-row triggers on events (a geometry-constraint lookup and a timestamp
    // update per insert) cost more than the insert itself; the blobs written here are
    // valid by construction, so a bulk load sets the triggers aside and restores them,
    // inside the same transaction.
    std::vector<std::string> triggers;
    if (bulk) {
        auto t = m_db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                              "tbl_name = 'events'");
        std::vector<std::string> names;
        while (t.step()) {
            names.emplace_back(t.column_text(0));
            triggers.emplace_back(t.column_text(1));
        }
        for (const auto& name : names)
            m_db.exec("DROP TRIGGER \"" + name + "\"");
        m_db.exec(store::kDropEventIndexes);
    }
    Written written;
    std::int64_t n = 0;
    const auto store_one = [&](NewEvent& ne) {
        ne.record.source_count = std::max(1, ne.record.source_count);
        insert_event(ne, written);
        ++n;
    };
    if (!bulk) {
        NewEvent ne;
        while (next(ne.record))
            store_one(ne);
    } else {
        // Rows inserted in index order make the table itself clustered in space and time:
        // a query's matches then share pages. Sorted a chunk at a time to bound memory.
        constexpr std::size_t kChunk = 65536;
        std::vector<std::pair<std::array<std::int64_t, 3>, NewEvent>> chunk;
        chunk.reserve(kChunk);
        bool more = true;
        while (more) {
            chunk.clear();
            NewEvent ne;
            while (chunk.size() < kChunk && (more = next(ne.record))) {
                const EventRecord& r = ne.record;
                const auto first = r.date_start ? r.date_start : r.date_end;
                const std::int64_t day = first ? first->serial() : kNoDayLow;
                const std::int64_t span = first ? r.date_end.value_or(*first).serial() - day : 1000;
                const std::array<std::int64_t, 3> key = {
                    span_class(span), r.position ? cell_of(*r.position) : -1, day};
                chunk.emplace_back(key, std::move(ne));
                ne = NewEvent{};
            }
            std::stable_sort(chunk.begin(), chunk.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            for (auto& [key, event] : chunk)
                store_one(event);
        }
    }
    if (bulk) {
        m_db.exec(store::kEventIndexes);
        for (const auto& sql : triggers)
            m_db.exec(sql);
    }
    save_written(written);
    tx.commit();
    return n;
}

void SpatialiteStore::load_cell_counts() const {
    m_cell_counts.clear();
    auto s = m_db.prepare("SELECT cell, n FROM cell_counts");
    while (s.step())
        m_cell_counts.emplace(s.column_int(0), s.column_int64(1));
}

Statement SpatialiteStore::read_stored_extent() const {
    Statement s = m_db.prepare(
        "SELECT (SELECT coalesce(sum(n), 0) FROM cell_counts), "
        "coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'min_day'), 0), "
        "coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'max_day'), 0), "
        "coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'max_span'), 0)");
    s.step();
    return s;
}

void SpatialiteStore::run_query(const EventFilter& asked, Columns what,
                                const std::function<void(const Statement&)>& row) const {
    asked.validate();
    // Leaving out rejected events costs a table read per candidate; skip the test while
    // no event is rejected (the partial index answers that at once).
    EventFilter unrestricted;
    const bool no_rejected =
        asked.reviews == kNotRejected &&
        m_db.query_int("SELECT EXISTS (SELECT 1 FROM events WHERE review <> 'machine' AND "
                       "review = 'rejected')")
                .value_or(0) == 0;
    if (no_rejected) {
        unrestricted = asked;
        unrestricted.reviews = ReviewStateSet::all();
    }
    const EventFilter& filter = no_rejected ? unrestricted : asked;
    std::optional<Polygon> polygon;
    if (!filter.polygon_wkt.empty())
        polygon = Polygon::from_wkt(filter.polygon_wkt);
    const store::QueryExtent extent =
        store::query_extent(filter, polygon ? std::optional(polygon->bounds()) : std::nullopt);
    const store::ResidualConditions residual = store::residual_conditions(filter, extent.box);
    // Kept stepped to the end of the query, this statement holds one read transaction: every
    // cell and span class sees the same snapshot, and SQLite takes its locks once per query
    // instead of once per cell (a third of the time of a country-wide query).
    const Statement snapshot = read_stored_extent();
    const store::StoredExtent stored{snapshot.column_int64(0), snapshot.column_int64(1),
                                     snapshot.column_int64(2), snapshot.column_int64(3)};
    if (extent.box || extent.dated)
        load_cell_counts();
    const store::QueryPlan plan =
        store::plan_query(extent, !filter.regions.empty(), stored, m_cell_counts);
    m_plan = plan.description;
    const std::string columns = what == Columns::record   ? kRecordColumns
                                : what == Columns::points ? kPointColumns
                                                          : "id, lat, lon";
    Matches matches(filter.limit, polygon ? &*polygon : nullptr, what == Columns::record ? 8 : 1,
                    row);
    if (plan.by_cells) {
        seek_cells(columns, extent, stored.max_span, residual, plan.cells, matches);
    } else {
        scan(columns, extent, residual, matches);
    }
}

void SpatialiteStore::seek_cells(const std::string& columns, const store::QueryExtent& extent,
                                 std::int64_t max_span, const store::ResidualConditions& residual,
                                 const std::vector<int>& cells, Matches& matches) const {
    Statement s = m_db.prepare(
        extent.dated ? "SELECT " + columns +
                           " FROM events INDEXED BY events_space_time WHERE "
                           "span_class = ?1 AND cell = ?2 AND day_start BETWEEN ?3 AND ?4 AND "
                           "day_end >= ?5" +
                           residual.where
                     : "SELECT " + columns +
                           " FROM events INDEXED BY events_space_time WHERE "
                           "span_class = ?1 AND cell = ?2" +
                           residual.where);
    bind_all(s, residual.values, extent.dated ? 6 : 3);
    for (int c = 0; c < store::kSpanClasses && !matches.full(); ++c) {
        for (const int cell : cells) {
            s.bind(1, c).bind(2, cell);
            if (extent.dated) {
                s.bind(3, extent.from_day - store::span_limit(c, max_span))
                    .bind(4, extent.to_day)
                    .bind(5, extent.from_day);
            }
            matches.drain(s);
            if (matches.full())
                break;
        }
    }
}

void SpatialiteStore::scan(const std::string& columns, const store::QueryExtent& extent,
                           const store::ResidualConditions& residual, Matches& matches) const {
    std::string sql = "SELECT " + columns + " FROM events WHERE 1" + residual.where;
    std::vector<store::SqlValue> values = residual.values;
    if (extent.dated) {
        sql += " AND day_start <= ? AND day_end >= ?";
        values.emplace_back(extent.to_day);
        values.emplace_back(extent.from_day);
    }
    Statement s = m_db.prepare(sql);
    bind_all(s, values);
    matches.drain(s);
}

void SpatialiteStore::query(const EventFilter& filter,
                            const std::function<void(const EventRecord&)>& row) const {
    EventRecord record;
    run_query(filter, Columns::record, [&](const Statement& s) {
        read_record(s, record);
        row(record);
    });
}

void SpatialiteStore::query_points(const EventFilter& filter,
                                   const std::function<void(const EventPoint&)>& point) const {
    EventPoint p;
    run_query(filter, Columns::points, [&](const Statement& s) {
        p.id = s.column_int64(0);
        if (s.column_is_null(1) || s.column_is_null(2)) {
            p.position.reset();
        } else {
            p.position = LatLon{s.column_double(1), s.column_double(2)};
        }
        p.dated = !s.column_is_null(3);
        p.day_start = p.dated ? s.column_int(3) : 0;
        p.day_end = p.dated ? s.column_int(4) : 0;
        p.type = stored_type(s.column_text(5));
        p.geo_precision = geo_precision_of_rank(s.column_int(6));
        p.time_precision = time_precision_of_rank(s.column_int(7));
        p.fatalities = s.column_is_null(8) ? -1 : s.column_int(8);
        p.location.assign(s.column_text(9));
        p.status = stored_status(s.column_text(10));
        p.review = store::stored_review(s.column_text(11));
        p.confidence = static_cast<float>(s.column_double(12));
        point(p);
    });
}

std::vector<EventSource> SpatialiteStore::sources(std::int64_t event_id) const {
    std::vector<EventSource> out;
    auto s = m_db.prepare(
        "SELECT s.source, coalesce(a.title, ''), coalesce(a.text, ''), coalesce(s.evidence_start, "
        "0), "
        "coalesce(s.evidence_end, 0), a.id, s.trigger_word FROM event_sources s LEFT JOIN "
        "articles a ON a.id = s.article_id WHERE s.event_id = ?1 ORDER BY s.id");
    s.bind(1, event_id);
    auto m = m_db.prepare("SELECT m.start, m.\"end\", coalesce(p.name, '') FROM mentions m LEFT "
                          "JOIN places p ON p.id = m.place_id WHERE m.article_id = ?1 ORDER BY "
                          "m.start");
    while (s.step()) {
        EventSource src;
        src.source.assign(s.column_text(0));
        src.title.assign(s.column_text(1));
        src.text.assign(s.column_text(2));
        src.evidence_start = static_cast<std::size_t>(s.column_int64(3));
        src.evidence_end = static_cast<std::size_t>(s.column_int64(4));
        src.trigger.assign(s.column_text(6));
        if (!s.column_is_null(5)) {
            m.bind(1, s.column_int64(5));
            while (m.step()) {
                src.toponyms.emplace_back(static_cast<std::size_t>(m.column_int64(0)),
                                          static_cast<std::size_t>(m.column_int64(1)));
                src.toponym_places.emplace_back(m.column_text(2));
            }
            m.reset();
        }
        out.push_back(std::move(src));
    }
    if (out.empty()) { // an imported event: its source name only
        for (const EventRecord& r : records({event_id}))
            out.push_back({r.sources, "", "", 0, 0, {}, {}, ""});
    }
    return out;
}

std::vector<EventRecord> SpatialiteStore::records(const std::vector<std::int64_t>& ids) const {
    std::vector<EventRecord> out;
    out.reserve(ids.size());
    Statement s =
        m_db.prepare(std::string("SELECT ") + kRecordColumns + " FROM events WHERE id = ?1");
    for (const std::int64_t id : ids) {
        s.bind(1, id);
        if (s.step()) {
            out.emplace_back();
            read_record(s, out.back());
        }
        s.reset();
    }
    return out;
}

std::int64_t SpatialiteStore::count(const EventFilter& filter) const {
    std::int64_t n = 0;
    run_query(filter, Columns::ids, [&](const Statement&) { ++n; });
    return n;
}

/// The store as callers see it: each operation's database failure is one line naming the
/// file and the operation (on_store_file).
class CheckedStore final : public EventStore {
public:
    CheckedStore(std::filesystem::path file, std::unique_ptr<SpatialiteStore> store)
        : m_file(std::move(file)), m_store(std::move(store)) {}

    int schema_version() const override { return m_store->schema_version(); }
    IngestReport ingest(const std::vector<ArticleRecord>& articles,
                        const IngestSource& source) override {
        return on_store_file(m_file, "ingesting articles",
                             [&] { return m_store->ingest(articles, source); });
    }
    std::int64_t ingest_records(const std::function<bool(EventRecord&)>& next,
                                std::int64_t expected) override {
        return on_store_file(m_file, "storing events",
                             [&] { return m_store->ingest_records(next, expected); });
    }
    using EventStore::ingest_records;
    void query(const EventFilter& filter,
               const std::function<void(const EventRecord&)>& row) const override {
        on_store_file(m_file, "querying events", [&] { m_store->query(filter, row); });
    }
    std::int64_t count(const EventFilter& filter) const override {
        return on_store_file(m_file, "counting events", [&] { return m_store->count(filter); });
    }
    void query_points(const EventFilter& filter,
                      const std::function<void(const EventPoint&)>& point) const override {
        on_store_file(m_file, "querying events", [&] { m_store->query_points(filter, point); });
    }
    std::vector<EventRecord> records(const std::vector<std::int64_t>& ids) const override {
        return on_store_file(m_file, "reading events", [&] { return m_store->records(ids); });
    }
    std::vector<EventSource> sources(std::int64_t event_id) const override {
        return on_store_file(m_file, "reading event sources",
                             [&] { return m_store->sources(event_id); });
    }
    std::string last_plan() const override { return m_store->last_plan(); }
    ReviewOutcome review(const ReviewChange& change) override {
        return on_store_file(m_file, "reviewing an event", [&] { return m_store->review(change); });
    }
    std::int64_t split_event(const ReviewChange& change) override {
        return on_store_file(m_file, "splitting an event",
                             [&] { return m_store->split_event(change); });
    }
    ReviewOutcome merge_events(const ReviewChange& keep, std::int64_t drop,
                               std::optional<std::int64_t> drop_version) override {
        return on_store_file(m_file, "merging events",
                             [&] { return m_store->merge_events(keep, drop, drop_version); });
    }
    std::vector<AuditEntry> review_log(std::optional<std::int64_t> event_id) const override {
        return on_store_file(m_file, "reading the review log",
                             [&] { return m_store->review_log(event_id); });
    }
    std::vector<StoredCorrection> corrections() const override {
        return on_store_file(m_file, "reading corrections", [&] { return m_store->corrections(); });
    }
    void add_alias(const PlaceAlias& alias) override {
        on_store_file(m_file, "adding an alias", [&] { m_store->add_alias(alias); });
    }
    bool remove_alias(std::string_view alias, const std::string& who) override {
        return on_store_file(m_file, "removing an alias",
                             [&] { return m_store->remove_alias(alias, who); });
    }
    std::vector<PlaceAlias> aliases() const override {
        return on_store_file(m_file, "reading aliases", [&] { return m_store->aliases(); });
    }

private:
    std::filesystem::path m_file;
    std::unique_ptr<SpatialiteStore> m_store;
};

} // namespace

std::string_view geo_precision_name(const std::optional<GeoPrecision>& precision) noexcept {
    return precision ? to_string(*precision) : std::string_view(""); // not null: SQL binds ""
}

void EventFilter::validate() const {
    // by serial: clang-tidy's modernize-use-nullptr misreads the `< 0` of CivilDay's
    // defaulted <=> as a null pointer literal
    if (from && to && to->serial() < from->serial())
        throw InputError("date range", "inverted: " + from->iso() + " is after " + to->iso());
    if (bbox &&
        (bbox->min_lon > bbox->max_lon || bbox->min_lat > bbox->max_lat || bbox->min_lat < -90 ||
         bbox->max_lat > 90 || bbox->min_lon < -180 || bbox->max_lon > 180)) {
        throw InputError("bbox", "not a west,south,east,north box within -180..180, -90..90");
    }
    if (limit && *limit < 0)
        throw InputError("limit", "negative");
}

namespace store {

std::unique_ptr<EventStore> open_spatialite_store(const std::filesystem::path& file,
                                                  StoreMode mode) {
    const char* operation = mode == StoreMode::create && !std::filesystem::exists(file)
                                ? "creating the event store"
                                : "opening the event store";
    return std::make_unique<CheckedStore>(file, on_store_file(file, operation, [&] {
                                              return std::make_unique<SpatialiteStore>(file, mode);
                                          }));
}

} // namespace store

int event_store_schema_version() noexcept {
    return store::kEventSchemaVersion;
}

} // namespace kharita
