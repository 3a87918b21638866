// The PostGIS backend of EventStore: the same tables and rules as the SpatiaLite store
// (event_rows.hpp holds the shared rules), on a PostgreSQL server that many writers and
// readers share. A query's box and dates are written in the form that lets PostgreSQL's
// planner read least for their extent, chosen from the rows each index path would read as
// cell_counts and the stored days estimate them (choose_pg_form(), query_plan.hpp);
// last_plan() names the form and asks PostgreSQL which indexes it took. Design:
// docs/store.md.
//
// Concurrency: each article is one READ COMMITTED transaction. Before looking for the same
// event stored, it takes transaction-scoped advisory locks on the (type, 1-degree cell) keys
// its events could merge with, all at once and in order, so two writers telling the same
// event one after the other merge it instead of storing twins, and never deadlock on those
// locks. An article's places are upserted in key order for the same reason. A deadlock
// left elsewhere (two articles naming the same new actors in opposite orders) or a
// serialization failure rolls the article back and runs it again.

#include "kharita/base/error.hpp"
#include "kharita/geo/polygon.hpp"
#include "kharita/store/store.hpp"

#include "detail/pg.hpp"
#include "store/backends.hpp"
#include "store/event_rows.hpp"
#include "store/event_schema.hpp"
#include "store/postgis_bulk.hpp"
#include "store/postgis_review.hpp"
#include "store/postgis_rows.hpp"
#include "store/query_plan.hpp"
#include "store/source_names.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <thread>
#include <unordered_map>

namespace kharita::store {

namespace {

using detail::PgConnection;
using detail::PgError;
using detail::PgParams;
using detail::PgResult;

constexpr int kAttempts = 6; // an article whose transaction deadlocked runs again
constexpr std::chrono::seconds kCountsMaxAge{10};

bool plain_identifier(const std::string& name) {
    static const std::regex re("[A-Za-z_][A-Za-z0-9_]{0,62}");
    return std::regex_match(name, re);
}

std::string sql_name(const std::string& identifier) {
    return "\"" + identifier + "\"";
}

/// Takes `key=value` (its value up to the next space, or single-quoted) out of a libpq
/// key/value string; returns the value.
std::optional<std::string> take_pair(std::string& conninfo, const std::string& key) {
    const std::regex re("(^|\\s)" + key + "\\s*=\\s*('[^']*'|\\S*)");
    std::smatch m;
    if (!std::regex_search(conninfo, m, re))
        return std::nullopt;
    std::string value = m[2].str();
    if (value.size() >= 2 && value.front() == '\'')
        value = value.substr(1, value.size() - 2);
    conninfo.erase(static_cast<std::size_t>(m.position(0)), static_cast<std::size_t>(m.length(0)));
    return value;
}

/// Takes `key=value` out of a URI's query string; returns the value.
std::optional<std::string> take_query_parameter(std::string& uri, const std::string& key) {
    const auto q = uri.find('?');
    if (q == std::string::npos)
        return std::nullopt;
    const std::regex re("([?&])" + key + "=([^&]*)");
    std::smatch m;
    const std::string tail = uri.substr(q);
    if (!std::regex_search(tail, m, re))
        return std::nullopt;
    std::string rest = tail.substr(0, static_cast<std::size_t>(m.position(0))) + m[1].str() +
                       tail.substr(static_cast<std::size_t>(m.position(0) + m.length(0)));
    // "?&x=1" and a trailing "&" or "?" left by the cut
    rest = std::regex_replace(rest, std::regex("([?&])&"), "$1");
    while (!rest.empty() && (rest.back() == '&' || rest.back() == '?'))
        rest.pop_back();
    uri = uri.substr(0, q) + rest;
    return m[2].str();
}

std::string masked(std::string location) {
    location = std::regex_replace(location, std::regex("(://[^:/@]*:)[^@]*@"), "$1***@");
    location =
        std::regex_replace(location, std::regex("(password\\s*=\\s*)('[^']*'|[^\\s&]*)"), "$1***");
    return location;
}

constexpr const char* kPointColumns =
    "id, lat, lon, day_start, day_end, type, geo_rank, time_rank, fatalities, location, status, "
    "review, confidence";

// The columns an event is written with, in the order of event_values().
constexpr const char* kInsertColumns =
    "type, subtype, status, date_start, date_end, day_start, day_end, time_precision, "
    "time_rank, location, place_inherited, lat, lon, geo_precision, geo_rank, "
    "geo_precision_code, country, admin1, admin1_code, admin2, fatalities, confidence, actor1, "
    "actor2, actors, sources, source_count, notes, span_class, cell, date_assumed";
constexpr int kInsertColumnCount = 31;

std::optional<std::string> iso(const std::optional<CivilDay>& day) {
    return day ? std::optional(day->iso()) : std::nullopt;
}

/// The values of kInsertColumns for one event, as text (NULL: nullopt).
std::vector<std::optional<std::string>> event_values(const EventRecord& r, bool place_inherited,
                                                     int& cell) {
    const DayKeys keys = day_keys(r.date_start, r.date_end);
    const auto num = [](auto v) { return std::optional<std::string>(fmt::format("{}", v)); };
    const auto real = [](double v) {
        return std::optional<std::string>(fmt::format("{:.17g}", v));
    };
    cell = r.position ? cell_of(*r.position) : -1;
    return {std::string(to_string(r.type)),
            r.subtype,
            std::string(to_string(r.status)),
            iso(r.date_start),
            iso(r.date_end),
            keys.first ? num(*keys.first) : std::nullopt,
            keys.last ? num(*keys.last) : std::nullopt,
            std::string(time_precision_name(r.time_precision)),
            num(time_rank(r.time_precision)),
            r.location,
            std::string(place_inherited ? "t" : "f"),
            r.position ? real(r.position->lat) : std::nullopt,
            r.position ? real(r.position->lon) : std::nullopt,
            std::string(geo_precision_name(r.geo_precision)),
            num(r.position ? geo_rank(r.geo_precision) : kNoRank),
            num(r.geo_precision_code),
            r.country,
            r.admin1,
            r.admin1_code,
            r.admin2,
            r.fatalities ? num(*r.fatalities) : std::nullopt,
            real(r.confidence),
            r.actor1,
            r.actor2,
            r.actors,
            r.sources,
            num(r.source_count),
            r.notes,
            num(keys.span_class),
            num(cell),
            std::string(r.date_assumed ? "t" : "f")};
}

/// The advisory-lock keys of the places an event may merge with: its type and each
/// 1-degree cell its same-event window touches.
void merge_lock_keys(const EventIdentity& id, std::set<std::int64_t>& keys) {
    const std::optional<SameEventWindow> w = same_event_window(id);
    if (!w)
        return;
    for (auto lat = static_cast<std::int64_t>(std::floor(w->min_lat));
         lat <= static_cast<std::int64_t>(std::floor(w->max_lat)); ++lat) {
        for (auto lon = static_cast<std::int64_t>(std::floor(w->min_lon));
             lon <= static_cast<std::int64_t>(std::floor(w->max_lon)); ++lon) {
            keys.insert((static_cast<std::int64_t>(id.type) * 400 + lat + 100) * 1000 + lon + 400);
        }
    }
}

class PostgisStore final : public EventStore {
public:
    PostgisStore(const PgLocation& location, StoreMode mode);

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
    std::string last_plan() const override;
    ReviewOutcome review(const ReviewChange& change) override;
    std::int64_t split_event(const ReviewChange& change) override;
    ReviewOutcome merge_events(const ReviewChange& keep, std::int64_t drop,
                               std::optional<std::int64_t> drop_version) override;
    std::vector<AuditEntry> review_log(std::optional<std::int64_t> event_id) const override;
    std::vector<StoredCorrection> corrections() const override;
    void add_alias(const PlaceAlias& alias) override;
    bool remove_alias(std::string_view alias, const std::string& who) override;
    std::vector<PlaceAlias> aliases() const override;

private:
    using NewEvent = store::NewEvent;

    /// Runs `work`; a database failure becomes one line naming the server and the
    /// operation.
    template <typename Work> auto guarded(std::string_view operation, Work&& work) const;
    /// guarded(), in one transaction: committed when `work` returns, else rolled back.
    template <typename Work> auto in_transaction(std::string_view operation, Work&& work);
    void use_postgis(StoreMode mode);
    /// Rolls back the open transaction, if the connection still holds one: after a lost
    /// connection there is nothing to roll back, and the first error is the one to tell.
    void rollback() noexcept {
        if (PQtransactionStatus(m_db.handle()) == PQTRANS_INERROR ||
            PQtransactionStatus(m_db.handle()) == PQTRANS_INTRANS) {
            try {
                m_db.exec("ROLLBACK");
            } catch (const DatabaseError&) { // NOLINT(bugprone-empty-catch): see above
            }
        }
    }
    void check_schema(StoreMode mode);
    /// The schema version stored; 0 when the schema holds no Kharita tables. Throws for
    /// tables that are not Kharita's and for a newer version.
    int stored_version();
    void create_schema();

    /// One article in one transaction; false when it was already stored.
    bool ingest_article(const ArticleRecord& a, const IngestSource& source,
                        const std::string& ingested_at, IngestReport& report);
    std::int64_t insert_article(const ArticleRecord& a, const std::string& hash,
                                const IngestSource& source, const std::string& ingested_at);
    /// Stores the places an article's mentions resolved to, in (geonameid, name) order, so
    /// writers storing the same places lock their rows in one order; returns their ids.
    std::map<std::pair<std::int64_t, std::string>, std::int64_t>
    insert_places(const std::vector<MentionRecord>& mentions);
    void insert_mention(std::int64_t article_id, const MentionRecord& m,
                        std::optional<std::int64_t> place_id);
    std::int64_t insert_event(const NewEvent& e, Written& written);
    void add_source_row(std::int64_t event_id, const NewEvent& e);
    void add_source(std::int64_t event_id, const NewEvent& e);
    std::optional<std::int64_t> find_same_event(const EventIdentity& id);
    void save_written(const Written& written);

    /// The WHERE clause (and LIMIT) of a filter, with its parameters.
    struct Sql {
        std::string where;
        PgParams params;
    };
    /// A filter's extent and the form its box and dates are written in.
    struct Planned {
        QueryExtent extent;
        PgSeekForm form = PgSeekForm::dates;
    };
    /// Validates the filter and chooses the form for its extent: from the store's counts
    /// when it has a box, else the dates form.
    Planned plan(const EventFilter& filter, bool counting) const;
    /// What choose_pg_form() needs to know of the store for a box (m_counts).
    PgStoreCounts store_counts(const BoundingBox& box) const;
    /// `counting`: the conditions of a count (rejected events left out only if
    /// `review_test`, no `geom &&`), the box and dates written in the planned form.
    Sql filter_sql(const EventFilter& filter, const Planned& planned, bool counting = false,
                   bool review_test = true) const;
    void run_query(const EventFilter& filter, const char* columns,
                   const std::function<void(const PgResult&)>& row) const;

    mutable PgConnection m_db;
    std::string m_display, m_schema;
    int m_version = 0;
    mutable std::string m_last_sql;
    mutable PgParams m_last_params;
    mutable std::string m_last_form; ///< the form's name and estimates, for last_plan()
    /// The store's cell_counts, day extent and table pages as last read. They steer the
    /// query form, never the answer, so they are read again only after this store wrote or
    /// when older than kCountsMaxAge (another writer's events change a plan, not a result).
    struct CountsSnapshot {
        std::unordered_map<int, std::int64_t> cells;
        PgStoreCounts store; ///< without a box's counts
        std::chrono::steady_clock::time_point read_at;
        bool valid = false;
    };
    mutable CountsSnapshot m_counts;
    store::PgReview m_review{m_db};
};

template <typename Work> auto PostgisStore::guarded(std::string_view operation, Work&& work) const {
    try {
        return work();
    } catch (const DatabaseError& e) {
        throw DatabaseError(e.code(), fmt::format("{}: {}: {}", m_display, operation, e.what()),
                            e.sql());
    }
}

template <typename Work>
auto PostgisStore::in_transaction(std::string_view operation, Work&& work) {
    m_counts.valid = false; // a review may move an event to another cell
    return guarded(operation, [&] {
        m_db.exec("BEGIN");
        try {
            auto result = work();
            m_db.exec("COMMIT");
            return result;
        } catch (...) {
            rollback();
            throw;
        }
    });
}

ReviewOutcome PostgisStore::review(const ReviewChange& change) {
    return in_transaction("reviewing an event", [&] { return m_review.review(change); });
}

std::int64_t PostgisStore::split_event(const ReviewChange& change) {
    return in_transaction("splitting an event", [&] { return m_review.split(change); });
}

ReviewOutcome PostgisStore::merge_events(const ReviewChange& keep, std::int64_t drop,
                                         std::optional<std::int64_t> drop_version) {
    return in_transaction("merging events",
                          [&] { return m_review.merge(keep, drop, drop_version); });
}

std::vector<AuditEntry> PostgisStore::review_log(std::optional<std::int64_t> event_id) const {
    return guarded("reading the review log", [&] { return m_review.log(event_id); });
}

std::vector<StoredCorrection> PostgisStore::corrections() const {
    return guarded("reading corrections", [&] { return m_review.corrections(); });
}

void PostgisStore::add_alias(const PlaceAlias& alias) {
    in_transaction("adding an alias", [&] {
        m_review.add_alias(alias);
        return 0;
    });
}

bool PostgisStore::remove_alias(std::string_view alias, const std::string& who) {
    return in_transaction("removing an alias", [&] { return m_review.remove_alias(alias, who); });
}

std::vector<PlaceAlias> PostgisStore::aliases() const {
    return guarded("reading aliases", [&] { return m_review.aliases(); });
}

PostgisStore::PostgisStore(const PgLocation& location, StoreMode mode)
    : m_db([&] {
          try {
              return PgConnection::connect(location.conninfo);
          } catch (const PgError& e) {
              throw DatabaseError(
                  0, fmt::format("{}: connecting to the server: {}", location.display, e.what()));
          }
      }()),
      m_display(location.display) {
    guarded("opening the event store", [&] {
        // No JIT: the store's queries read index ranges and send rows, where compiling them
        // costs more than it saves. PostgreSQL compiles any plan costed above jit_above_cost
        // (100,000): at 10 M events a 1-degree cell's rows and count and Libya's count over
        // a year, whose server times it lengthened by 50-500 ms (Libya's count, compiled
        // with optimization: 1.0-1.2 s against 0.65-0.8 s end to end; docs/store.md). A
        // load's statements were not timed with and without it.
        m_db.exec("SET datestyle = ISO; SET client_encoding = 'UTF8'; SET lock_timeout = 0; "
                  "SET jit = off");
        if (location.schema) {
            m_schema = *location.schema;
        } else {
            // the first schema of the search path, even when it does not exist yet (a store
            // to create); "$user" means the current schema, as PostgreSQL reads it
            const PgResult r = m_db.exec(
                "SELECT coalesce(nullif(trim(both '\"' from trim(split_part(current_setting("
                "'search_path'), ',', 1))), '$user'), current_schema(), 'public')");
            m_schema = std::string(r.text(0, 0));
        }
        use_postgis(mode);
        check_schema(mode);
        if (mode == StoreMode::read_only)
            m_db.exec("SET default_transaction_read_only = on");
    });
}

void PostgisStore::use_postgis(StoreMode mode) {
    const auto postgis_schema = [&]() -> std::optional<std::string> {
        const PgResult r = m_db.exec("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON "
                                     "n.oid = e.extnamespace WHERE e.extname = 'postgis'");
        return r.rows() == 1 ? std::optional<std::string>(r.text(0, 0)) : std::nullopt;
    };
    std::optional<std::string> where = postgis_schema();
    if (!where && mode != StoreMode::read_only) {
        try {
            m_db.exec("CREATE EXTENSION IF NOT EXISTS postgis");
        } catch (const PgError& e) {
            throw InputError(m_display,
                             fmt::format("the database has no PostGIS extension and this role "
                                         "cannot create it ({}); ask its administrator to run "
                                         "CREATE EXTENSION postgis",
                                         e.what()));
        }
        where = postgis_schema();
    }
    if (!where)
        throw InputError(m_display, "the database has no PostGIS extension");
    if (!plain_identifier(m_schema))
        throw InputError(m_display, "schema \"" + m_schema + "\" is not a plain SQL name");
    m_db.exec("SET search_path TO " + sql_name(m_schema) +
              (*where != m_schema ? ", " + sql_name(*where) : std::string()));
}

int PostgisStore::stored_version() {
    PgParams p;
    p.add(m_schema);
    const PgResult t = m_db.exec("SELECT count(*) FILTER (WHERE table_name = 'meta'), "
                                 "count(*) FILTER (WHERE table_name = 'events') FROM "
                                 "information_schema.tables WHERE table_schema = $1",
                                 p);
    const bool meta = t.int64(0, 0) > 0, events = t.int64(0, 1) > 0;
    if (!meta && !events)
        return 0;
    if (!meta || !events) {
        throw InputError(m_display, "schema \"" + m_schema +
                                        "\" holds tables that are not a Kharita event store "
                                        "(no meta/events tables)");
    }
    const PgResult v = m_db.exec("SELECT value FROM meta WHERE key = 'event_schema_version'");
    const int version = v.rows() == 1 ? v.integer(0, 0) : 0;
    if (version <= 0) {
        throw InputError(m_display, "schema \"" + m_schema +
                                        "\" is not a Kharita event store (no schema version)");
    }
    if (version > kEventSchemaVersion) {
        throw DatabaseError(0, fmt::format("schema version {} is newer than this build's {}; use "
                                           "a newer Kharita",
                                           version, kEventSchemaVersion));
    }
    return version;
}

void PostgisStore::check_schema(StoreMode mode) {
    m_version = stored_version();
    if (m_version == kEventSchemaVersion)
        return;
    if (mode == StoreMode::read_only) {
        if (m_version == 0) {
            throw InputError(m_display, "schema \"" + m_schema + "\" holds no Kharita event store");
        }
        throw DatabaseError(0, fmt::format("schema version {} needs migrating to {}; run "
                                           "`kharita store migrate --db URI` (or any command "
                                           "that writes to it) once",
                                           m_version, kEventSchemaVersion));
    }
    // Another process may be creating or migrating the same schema: take a lock named after
    // it, then look again.
    m_db.exec("BEGIN");
    try {
        PgParams p;
        p.add("kharita schema " + m_schema);
        m_db.exec("SELECT pg_advisory_xact_lock(hashtext($1))", p);
        m_version = stored_version();
        if (m_version == 0) {
            create_schema();
        } else {
            for (int v = m_version; v < kEventSchemaVersion; ++v)
                m_db.exec(kPgEventMigrations[static_cast<std::size_t>(v - 1)]);
            PgParams version;
            version.add(kEventSchemaVersion);
            m_db.exec("UPDATE meta SET value = $1 WHERE key = 'event_schema_version'", version);
        }
        m_db.exec("COMMIT");
    } catch (...) {
        rollback();
        throw;
    }
    m_version = kEventSchemaVersion;
}

void PostgisStore::create_schema() {
    m_db.exec("CREATE SCHEMA IF NOT EXISTS " + sql_name(m_schema));
    m_db.exec(kPgEventSchema);
    for (const char* step : kPgEventMigrations)
        m_db.exec(step);
    m_db.exec(kPgEventIndexes);
    PgParams p;
    p.add(kEventSchemaVersion).add(now_iso());
    m_db.exec("INSERT INTO meta (key, value) VALUES ('event_schema_version', $1), "
              "('created_at', $2)",
              p);
}

// ---- writing -------------------------------------------------------------------------

IngestReport PostgisStore::ingest(const std::vector<ArticleRecord>& articles,
                                  const IngestSource& source) {
    m_counts.valid = false;
    return guarded("ingesting articles", [&] {
        IngestReport report;
        const std::string ingested_at = now_iso();
        for (const ArticleRecord& a : articles) {
            for (int attempt = 1;; ++attempt) {
                IngestReport one;
                try {
                    ingest_article(a, source, ingested_at, one);
                    report.add(one);
                    break;
                } catch (const PgError& e) {
                    rollback();
                    if (!e.retryable() || attempt == kAttempts)
                        throw;
                    std::this_thread::sleep_for(std::chrono::milliseconds(5 * attempt));
                } catch (...) {
                    rollback();
                    throw;
                }
            }
        }
        return report;
    });
}

bool PostgisStore::ingest_article(const ArticleRecord& a, const IngestSource& source,
                                  const std::string& ingested_at, IngestReport& report) {
    m_db.exec("BEGIN");
    std::set<std::int64_t> keys;
    for (const ArticleEventRecord& e : a.events)
        merge_lock_keys(identity_of(e), keys);
    if (!keys.empty()) {
        std::string array = "{";
        for (const std::int64_t k : keys)
            array += (array.size() > 1 ? "," : "") + std::to_string(k);
        PgParams p;
        p.add(m_schema).add(array + "}");
        // in key order, so two writers never wait for each other's keys crosswise
        m_db.exec("SELECT pg_advisory_xact_lock(hashtext($1), (k % 2147483647)::int) FROM "
                  "unnest($2::bigint[]) k ORDER BY k",
                  p);
    }
    const std::string hash = content_hash(a);
    bool reparsed = false;
    if (source.reparse) {
        const PgResult old = m_db.exec("SELECT id FROM articles WHERE content_hash = $1 FOR UPDATE",
                                       PgParams().add(hash));
        if (old.rows() == 1) {
            m_review.forget_article(old.int64(0, 0));
            reparsed = true;
            ++report.articles_reparsed;
        }
    }
    const std::int64_t article_id = insert_article(a, hash, source, ingested_at);
    if (article_id == 0) {
        rollback();
        ++report.articles_skipped;
        return false;
    }
    const auto place_ids = insert_places(a.mentions);
    for (const MentionRecord& m : a.mentions) {
        std::optional<std::int64_t> place_id;
        if (m.place)
            place_id = place_ids.at({m.place->geonameid, m.place->name});
        insert_mention(article_id, m, place_id);
        ++report.mentions_added;
    }
    Written written;
    store::store_article_events(
        a, source, article_id, report, [&](const EventIdentity& id) { return find_same_event(id); },
        [&](std::int64_t same, const NewEvent& ne) { add_source(same, ne); },
        [&](const NewEvent& ne) { insert_event(ne, written); });
    save_written(written);
    m_review.reapply(hash, article_id, report);
    m_db.exec("COMMIT");
    report.articles_added += reparsed ? 0 : 1;
    return true;
}

std::int64_t PostgisStore::insert_article(const ArticleRecord& a, const std::string& hash,
                                          const IngestSource& source,
                                          const std::string& ingested_at) {
    PgParams p;
    p.add(hash).add(a.source).add(a.url).add(a.title).add(iso(a.published));
    p.add(to_string(a.published_precision)).add(a.published_note);
    p.add(source.retrieved_at ? std::optional(source.retrieved_at->day.iso()) : std::nullopt);
    p.add(source.file).add(a.text).add(ingested_at);
    // a writer storing the same article right now: wait for it, then skip
    const PgResult r = m_db.exec(
        "INSERT INTO articles (content_hash, source, url, title, published, "
        "published_precision, published_note, retrieved_at, input_file, text, ingested_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (content_hash) DO "
        "NOTHING RETURNING id",
        p);
    return r.rows() == 1 ? r.int64(0, 0) : 0;
}

std::map<std::pair<std::int64_t, std::string>, std::int64_t>
PostgisStore::insert_places(const std::vector<MentionRecord>& mentions) {
    std::map<std::pair<std::int64_t, std::string>, const PlaceRecord*> places;
    for (const MentionRecord& m : mentions) {
        if (m.place) // the last mention's record, as SpatiaLite's upsert per mention keeps
            places[{m.place->geonameid, m.place->name}] = &*m.place;
    }
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> ids;
    for (const auto& [key, pl] : places) {
        PgParams p;
        p.add(pl->geonameid).add(pl->name).add(pl->feature).add(pl->country).add(pl->admin1);
        p.add(pl->position.lat).add(pl->position.lon).add(to_string(pl->precision));
        const PgResult r = m_db.exec(
            "INSERT INTO places (geonameid, name, feature, country, admin1, lat, lon, precision) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (geonameid, name) DO UPDATE "
            "SET feature = excluded.feature RETURNING id",
            p);
        ids.emplace(key, r.int64(0, 0));
    }
    return ids;
}

void PostgisStore::insert_mention(std::int64_t article_id, const MentionRecord& m,
                                  std::optional<std::int64_t> place_id) {
    PgParams p;
    p.add(article_id).add(place_id).add(static_cast<std::int64_t>(m.start));
    p.add(static_cast<std::int64_t>(m.end)).add(m.text).add(to_string(m.kind)).add(m.confidence);
    m_db.exec("INSERT INTO mentions (article_id, place_id, start, \"end\", text, kind, "
              "confidence) VALUES ($1, $2, $3, $4, $5, $6, $7)",
              p);
}

std::int64_t PostgisStore::insert_event(const NewEvent& ne, Written& written) {
    static const std::string sql = [] {
        std::string s = std::string("INSERT INTO events (") + kInsertColumns + ") VALUES (";
        for (int i = 1; i <= kInsertColumnCount; ++i)
            s += (i > 1 ? ", $" : "$") + std::to_string(i);
        return s + ") RETURNING id";
    }();
    int cell = -1;
    PgParams p;
    for (auto& v : event_values(ne.record, ne.place_inherited, cell))
        p.add(v);
    const std::int64_t id = m_db.exec(sql, p).int64(0, 0);
    written.note(ne.record, cell);
    for (const auto& [name, role] : event_actor_roles(ne.record)) {
        PgParams a;
        a.add(id).add(name).add(role);
        m_db.exec("WITH a AS (INSERT INTO actors (name) VALUES ($2) ON CONFLICT (name) DO "
                  "UPDATE SET name = excluded.name RETURNING id) INSERT INTO event_actors "
                  "(event_id, actor_id, role) SELECT $1, id, $3 FROM a ON CONFLICT DO NOTHING",
                  a);
    }
    if (ne.article_id)
        add_source_row(id, ne);
    return id;
}

void PostgisStore::add_source_row(std::int64_t event_id, const NewEvent& ne) {
    PgParams p;
    p.add(event_id).add(ne.article_id.value_or(0)).add(ne.record.sources);
    p.add(static_cast<std::int64_t>(ne.evidence_start));
    p.add(static_cast<std::int64_t>(ne.evidence_end)).add(ne.record.notes);
    p.add(ne.record.confidence).add(ne.trigger);
    m_db.exec("INSERT INTO event_sources (event_id, article_id, source, evidence_start, "
              "evidence_end, evidence, confidence, trigger_word) VALUES ($1, $2, $3, $4, $5, "
              "$6, $7, $8)",
              p);
}

void PostgisStore::add_source(std::int64_t event_id, const NewEvent& ne) {
    const EventRecord& r = ne.record;
    add_source_row(event_id, ne);
    PgParams id;
    id.add(event_id);
    const PgResult s = m_db.exec("SELECT date_start, date_end, time_precision, fatalities, "
                                 "confidence, sources, source_count, review, date_assumed "
                                 "FROM events WHERE id = $1 FOR UPDATE",
                                 id);
    if (s.rows() != 1)
        throw DatabaseError(0, fmt::format("event {} vanished during a merge", event_id));
    // the policy decides (events/merge_policy.hpp); SQL only stores what it decided
    MergeableFacts kept;
    kept.date_start = s.is_null(0, 0) ? std::nullopt : parse_day(s.text(0, 0));
    kept.date_end = s.is_null(0, 1) ? std::nullopt : parse_day(s.text(0, 1));
    kept.time_precision = time_precision_from(s.text(0, 2));
    if (!s.is_null(0, 3))
        kept.fatalities = s.integer(0, 3);
    kept.confidence = s.real(0, 4);
    kept.date_assumed = s.boolean(0, 8);
    const std::string sources(s.text(0, 5));
    const std::int64_t source_count = s.int64(0, 6);
    // an event an analyst reviewed keeps the values they saw: a new report only adds itself
    const bool reviewed = s.text(0, 7) != "machine";
    const MergeableFacts merged = reviewed ? kept : merge_told_again(kept, facts_told(r));
    const DayKeys keys = day_keys(merged.date_start, merged.date_end);
    PgParams up;
    up.add(event_id).add(source_count + 1).add(with_source_name(sources, r.sources));
    up.add(merged.fatalities).add(merged.confidence);
    up.add(iso(merged.date_start)).add(iso(merged.date_end)).add(keys.first).add(keys.last);
    up.add(time_precision_name(merged.time_precision)).add(time_rank(merged.time_precision));
    up.add(keys.span_class).add(std::string(merged.date_assumed ? "t" : "f"));
    m_db.exec("UPDATE events SET source_count = $2, sources = $3, fatalities = $4, "
              "confidence = $5, date_start = $6, date_end = $7, day_start = $8, day_end = $9, "
              "time_precision = $10, time_rank = $11, span_class = $12, date_assumed = $13 "
              "WHERE id = $1",
              up);
}

std::optional<std::int64_t> PostgisStore::find_same_event(const EventIdentity& id) {
    const std::optional<SameEventWindow> w = same_event_window(id);
    if (!w)
        return std::nullopt;
    PgParams p;
    p.add(to_string(id.type)).add(w->min_lat).add(w->max_lat).add(w->min_lon).add(w->max_lon);
    p.add(w->first_day).add(w->last_day);
    const PgResult s = m_db.exec(
        "SELECT id, lat, lon, date_start, date_end, location, geo_rank, place_inherited, "
        "fatalities FROM events WHERE type = $1 AND lat BETWEEN $2 AND $3 AND lon BETWEEN $4 "
        "AND $5 AND geom && ST_MakeEnvelope($4, $2, $5, $3, 4326) AND ($6::int IS NULL OR "
        "day_end IS NULL OR (day_start <= $7::int + 1 AND day_end >= $6::int - 1)) ORDER BY id",
        p);
    for (int row = 0; row < s.rows(); ++row) {
        StoredCandidate c;
        c.position = LatLon{s.real(row, 1), s.real(row, 2)};
        c.date_start = parse_day(s.text(row, 3));
        c.date_end = parse_day(s.text(row, 4));
        c.location = std::string(s.text(row, 5));
        c.geo_rank = s.integer(row, 6);
        c.place_inherited = s.boolean(row, 7);
        if (!s.is_null(row, 8))
            c.fatalities = s.integer(row, 8);
        if (same_real_event(stored_identity(id.type, c), id))
            return s.int64(row, 0);
    }
    return std::nullopt;
}

void PostgisStore::save_written(const Written& written) {
    if (!written.cells.empty()) {
        std::string cells = "{", counts = "{";
        for (const auto& [cell, n] : written.cells) { // in cell order: no crosswise waits
            cells += (cells.size() > 1 ? "," : "") + std::to_string(cell);
            counts += (counts.size() > 1 ? "," : "") + std::to_string(n);
        }
        PgParams p;
        p.add(cells + "}").add(counts + "}");
        m_db.exec("INSERT INTO cell_counts (cell, n) SELECT * FROM unnest($1::int[], "
                  "$2::bigint[]) ON CONFLICT (cell) DO UPDATE SET n = cell_counts.n + excluded.n",
                  p);
    }
    if (written.min_day > written.max_day)
        return;
    PgParams p;
    p.add(written.min_day).add(written.max_day).add(written.max_span);
    m_db.exec("INSERT INTO meta (key, value) VALUES ('max_day', $2), ('max_span', $3), "
              "('min_day', $1) ON CONFLICT (key) DO UPDATE SET value = CASE meta.key "
              "WHEN 'min_day' THEN least(meta.value::bigint, excluded.value::bigint) "
              "ELSE greatest(meta.value::bigint, excluded.value::bigint) END::text",
              p);
}

std::int64_t PostgisStore::ingest_records(const std::function<bool(EventRecord&)>& next,
                                          std::int64_t expected) {
    m_counts.valid = false;
    return guarded("storing events", [&] {
        m_db.exec("BEGIN");
        try {
            Written written;
            const std::int64_t n = pg_bulk_load(m_db, next, expected, written);
            save_written(written);
            m_db.exec("COMMIT");
            if (n >= 10000) // the columns queries filter on: all of them took twice as long
                m_db.exec("ANALYZE events (id, type, status, geo_rank, time_rank, country, "
                          "admin1_code, day_start, day_end, lon, lat, geom, days, notes_fts)");
            return n;
        } catch (...) {
            rollback();
            throw;
        }
    });
}

// ---- reading -------------------------------------------------------------------------

PgStoreCounts PostgisStore::store_counts(const BoundingBox& box) const {
    const auto now = std::chrono::steady_clock::now();
    if (!m_counts.valid || now - m_counts.read_at > kCountsMaxAge) {
        // a row per occupied quarter-degree cell (5,532 for the synthetic million: about 3
        // ms to read, where summing them on the server for each query cost 0.6-0.9 ms of a
        // 2-6 ms query); relpages is PostgreSQL's own figure, kept by VACUUM and ANALYZE (0
        // before the first)
        m_counts.cells.clear();
        const PgResult cells = m_db.exec("SELECT cell, n FROM cell_counts");
        std::int64_t events = 0;
        for (int i = 0; i < cells.rows(); ++i) {
            m_counts.cells.emplace(cells.integer(i, 0), cells.int64(i, 1));
            events += cells.int64(i, 1);
        }
        const PgResult s = m_db.exec(
            "SELECT (SELECT relpages FROM pg_class WHERE oid = 'events'::regclass), (SELECT "
            "value::bigint FROM meta WHERE key = 'min_day'), (SELECT value::bigint FROM meta "
            "WHERE key = 'max_day')");
        m_counts.store = {};
        m_counts.store.stored.events = events;
        m_counts.store.table_pages = s.is_null(0, 0) ? 0 : static_cast<double>(s.int64(0, 0));
        m_counts.store.stored.min_day = s.is_null(0, 1) ? 0 : s.int64(0, 1);
        m_counts.store.stored.max_day = s.is_null(0, 2) ? 0 : s.int64(0, 2);
        m_counts.read_at = now;
        m_counts.valid = true;
    }
    PgStoreCounts c = m_counts.store;
    c.box = box_counts(box, m_counts.cells);
    return c;
}

PostgisStore::Planned PostgisStore::plan(const EventFilter& filter, bool counting) const {
    filter.validate();
    std::optional<BoundingBox> polygon_bounds;
    if (!filter.polygon_wkt.empty())
        polygon_bounds = Polygon::from_wkt(filter.polygon_wkt).bounds(); // InputError "polygon"
    Planned p{query_extent(filter, polygon_bounds), PgSeekForm::dates};
    if (!p.extent.box && !p.extent.dated) {
        m_last_form.clear(); // nothing to seek
        return p;
    }
    PgStoreCounts counts;
    if (p.extent.box)
        counts = store_counts(*p.extent.box);
    const PgFormChoice c = choose_pg_form(p.extent, counts, counting);
    p.form = c.form;
    m_last_form = p.extent.box ? fmt::format("{} form (estimated us: lon strip {:.0f}, dates "
                                             "{:.0f}, box {:.0f})",
                                             to_string(c.form), c.lon_strip, c.dates, c.box)
                               : std::string("dates form");
    return p;
}

PostgisStore::Sql PostgisStore::filter_sql(const EventFilter& filter, const Planned& planned,
                                           bool counting, bool review_test) const {
    Sql q;
    const QueryExtent& extent = planned.extent;
    const PgSeekForm form = planned.form;
    const auto add = [&](const std::string& cond) { q.where += " AND (" + cond + ")"; };
    if (const auto& b = extent.box) {
        const int at = q.params.size() + 1;
        q.params.add(b->min_lon).add(b->min_lat).add(b->max_lon).add(b->max_lat);
        // lon/lat: exact (geom's index box is rounded to float4) and in events_lon_lat_days,
        // which holds the dates too, so the strip form reads no table page to test a row
        // With `geom &&` the lon/lat test only rechecks the GiST's matches: written so that
        // no index can serve it, or the planner ANDs the whole lon strip's bitmap in.
        const std::string lon_lat = fmt::format(
            "lon BETWEEN ${0} AND ${2} AND lat BETWEEN ${1} AND ${3}", at, at + 1, at + 2, at + 3);
        add(form == PgSeekForm::box ? "(" + lon_lat + ") IS TRUE" : lon_lat);
        if (form == PgSeekForm::box)
            add(fmt::format("geom && ST_MakeEnvelope(${}, ${}, ${}, ${}, 4326)", at, at + 1, at + 2,
                            at + 3));
    }
    if (extent.dated && form == PgSeekForm::lon_strip) {
        const int at = q.params.size() + 1;
        q.params.add(extent.from_day).add(extent.to_day);
        add(fmt::format("day_start <= ${}::bigint AND day_end >= ${}::bigint", at + 1, at));
    } else if (extent.dated) {
        // Overlap, sought per span class in events_span_days: an event of class c starts at
        // most its class's limit before the asked start (the SpatiaLite store's seek); class
        // 3 (longer, and undated with NULL days) has no lower bound.
        const int at = q.params.size() + 1;
        q.params.add(extent.from_day).add(extent.to_day);
        std::string classes;
        for (int c = 0; c < 3; ++c) {
            classes += fmt::format("(span_class = {} AND day_start BETWEEN ${}::bigint - {} AND "
                                   "${}::bigint) OR ",
                                   c, at, span_limit(c, 0), at + 1);
        }
        add(fmt::format("({}(span_class = 3 AND day_start <= ${}::bigint)) AND day_end >= "
                        "${}::bigint",
                        classes, at + 1, at));
    }
    const auto in_set = [&](const char* column, const auto& set) {
        if (set.full())
            return;
        std::string array = "{";
        for (const auto v : set.values())
            array += (array.size() > 1 ? "," : "") + std::string(to_string(v));
        add(std::string(column) + " = ANY(" + q.params.next() + "::text[])");
        q.params.add(array + "}");
    };
    in_set("type", filter.types);
    in_set("status", filter.statuses);
    // Leaving out rejected events: while none is rejected, the uncorrelated NOT EXISTS (an
    // InitPlan the partial index events_reviewed answers at once) is true and the row test
    // is skipped. Asked inside the statement, not before it: a separate round trip cost a
    // small viewport's query a tenth of its time.
    if (filter.reviews == kNotRejected && counting) {
        if (review_test)
            add("review <> 'rejected'");
    } else if (filter.reviews == kNotRejected) {
        add("NOT EXISTS (SELECT 1 FROM events WHERE review <> 'machine' AND review = "
            "'rejected') OR review <> 'rejected'");
    } else {
        in_set("review", filter.reviews);
    }
    if (filter.min_geo_precision) {
        add("geo_rank <= " + q.params.next());
        q.params.add(static_cast<int>(*filter.min_geo_precision));
    }
    if (filter.min_time_precision) {
        add("time_rank <= " + q.params.next());
        q.params.add(static_cast<int>(*filter.min_time_precision));
    }
    if (!filter.regions.empty()) {
        std::string cond;
        for (const RegionCode& r : filter.regions) {
            cond += cond.empty() ? "" : " OR ";
            cond += "(country = " + q.params.next();
            q.params.add(r.country);
            if (!r.admin1_code.empty()) {
                cond += " AND admin1_code = " + q.params.next();
                q.params.add(r.admin1_code);
            }
            cond += ")";
        }
        add(cond);
    }
    if (!filter.text.empty()) {
        const std::string t = q.params.next();
        q.params.add(filter.text);
        add("notes_fts @@ plainto_tsquery('simple', " + t +
            ") OR id IN (SELECT s.event_id FROM event_sources s JOIN articles a ON a.id = "
            "s.article_id WHERE a.fts @@ plainto_tsquery('simple', " +
            t + "))");
    }
    if (!filter.polygon_wkt.empty()) {
        add("ST_Intersects(geom, ST_GeomFromText(" + q.params.next() + ", 4326))");
        q.params.add(filter.polygon_wkt);
    }
    if (filter.limit) {
        q.where += " LIMIT " + q.params.next();
        q.params.add(*filter.limit);
    }
    return q;
}

void PostgisStore::run_query(const EventFilter& filter, const char* columns,
                             const std::function<void(const PgResult&)>& row) const {
    Sql q = filter_sql(filter, plan(filter, false));
    m_last_sql = std::string("SELECT ") + columns + " FROM events WHERE TRUE" + q.where;
    m_last_params = q.params;
    m_db.stream(m_last_sql, m_last_params, row);
}

void PostgisStore::query(const EventFilter& filter,
                         const std::function<void(const EventRecord&)>& row) const {
    guarded("querying events", [&] {
        EventRecord record;
        run_query(filter, kPgRecordColumns, [&](const PgResult& s) {
            read_pg_record(s, 0, record);
            row(record);
        });
    });
}

void PostgisStore::query_points(const EventFilter& filter,
                                const std::function<void(const EventPoint&)>& point) const {
    guarded("querying events", [&] {
        EventPoint p;
        run_query(filter, kPointColumns, [&](const PgResult& s) {
            p.id = s.int64(0, 0);
            if (s.is_null(0, 1) || s.is_null(0, 2)) {
                p.position.reset();
            } else {
                p.position = LatLon{s.real(0, 1), s.real(0, 2)};
            }
            p.dated = !s.is_null(0, 3);
            p.day_start = p.dated ? s.integer(0, 3) : 0;
            p.day_end = p.dated ? s.integer(0, 4) : 0;
            p.type = stored_type(s.text(0, 5));
            p.geo_precision = geo_precision_of_rank(s.integer(0, 6));
            p.time_precision = time_precision_of_rank(s.integer(0, 7));
            p.fatalities = s.is_null(0, 8) ? -1 : s.integer(0, 8);
            p.location.assign(s.text(0, 9));
            p.status = stored_status(s.text(0, 10));
            point(p);
        });
    });
}

std::int64_t PostgisStore::count(const EventFilter& filter) const {
    return guarded("counting events", [&] {
        const auto counted = [](const Sql& q) {
            return "(SELECT count(*) FROM (SELECT 1 FROM events WHERE TRUE" + q.where + ") e)";
        };
        const Planned planned = plan(filter, true);
        Sql q = filter_sql(filter, planned, true, false);
        m_last_sql = "SELECT " + counted(q);
        if (filter.reviews == kNotRejected) {
            // the same parameters, one more condition: only the branch taken runs, and while
            // no event is rejected it reads no column outside events_lon_lat_days
            m_last_sql = "SELECT CASE WHEN EXISTS (SELECT 1 FROM events WHERE review <> "
                         "'machine' AND review = 'rejected') THEN " +
                         counted(filter_sql(filter, planned, true, true)) + " ELSE " + counted(q) +
                         " END";
        }
        m_last_params = q.params;
        return m_db.exec(m_last_sql, m_last_params).int64(0, 0);
    });
}

std::vector<EventRecord> PostgisStore::records(const std::vector<std::int64_t>& ids) const {
    return guarded("reading events", [&] {
        std::string array = "{";
        for (const std::int64_t id : ids)
            array += (array.size() > 1 ? "," : "") + std::to_string(id);
        PgParams p;
        p.add(array + "}");
        const PgResult r = m_db.exec(std::string("SELECT ") + kPgRecordColumns +
                                         " FROM events WHERE id = ANY($1::bigint[])",
                                     p);
        std::unordered_map<std::int64_t, int> row_of;
        for (int i = 0; i < r.rows(); ++i)
            row_of.emplace(r.int64(i, 0), i);
        std::vector<EventRecord> out;
        out.reserve(ids.size());
        for (const std::int64_t id : ids) {
            if (const auto it = row_of.find(id); it != row_of.end()) {
                out.emplace_back();
                read_pg_record(r, it->second, out.back());
            }
        }
        return out;
    });
}

std::vector<EventSource> PostgisStore::sources(std::int64_t event_id) const {
    return guarded("reading event sources", [&] {
        std::vector<EventSource> out;
        PgParams p;
        p.add(event_id);
        const PgResult s = m_db.exec(
            "SELECT s.source, coalesce(a.title, ''), coalesce(a.text, ''), "
            "coalesce(s.evidence_start, 0), coalesce(s.evidence_end, 0), a.id, s.trigger_word "
            "FROM event_sources s LEFT JOIN articles a ON a.id = s.article_id "
            "WHERE s.event_id = $1 ORDER BY s.id",
            p);
        for (int i = 0; i < s.rows(); ++i) {
            EventSource src;
            src.source.assign(s.text(i, 0));
            src.title.assign(s.text(i, 1));
            src.text.assign(s.text(i, 2));
            src.evidence_start = static_cast<std::size_t>(s.int64(i, 3));
            src.evidence_end = static_cast<std::size_t>(s.int64(i, 4));
            src.trigger.assign(s.text(i, 6));
            if (!s.is_null(i, 5)) {
                const PgResult m = m_db.exec(
                    "SELECT m.start, m.\"end\", coalesce(p.name, '') FROM mentions m LEFT JOIN "
                    "places p ON p.id = m.place_id WHERE m.article_id = $1 ORDER BY m.start",
                    PgParams().add(s.int64(i, 5)));
                for (int k = 0; k < m.rows(); ++k) {
                    src.toponyms.emplace_back(static_cast<std::size_t>(m.int64(k, 0)),
                                              static_cast<std::size_t>(m.int64(k, 1)));
                    src.toponym_places.emplace_back(m.text(k, 2));
                }
            }
            out.push_back(std::move(src));
        }
        if (out.empty()) { // an imported event: its source name only
            for (const EventRecord& r : records({event_id}))
                out.push_back({r.sources, "", "", 0, 0, {}, {}, ""});
        }
        return out;
    });
}

std::string PostgisStore::last_plan() const {
    if (m_last_sql.empty())
        return "";
    // Asked only when wanted (--explain): PostgreSQL plans the last query again and says
    // which indexes it would read.
    try {
        const PgResult r = m_db.exec("EXPLAIN " + m_last_sql, m_last_params);
        std::string out;
        static const std::regex node(
            "(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)( using| on) (\\w+)");
        for (int i = 0; i < r.rows(); ++i) {
            const std::string line(r.text(i, 0));
            std::smatch m;
            if (std::regex_search(line, m, node))
                out += (out.empty() ? "" : ", ") + m[1].str() + " " + m[3].str();
        }
        return "PostGIS" + (m_last_form.empty() ? std::string() : ", " + m_last_form) + ": " +
               (out.empty() ? std::string("no table read") : out);
    } catch (const DatabaseError& e) {
        return std::string("PostGIS: (no plan: ") + e.what() + ")";
    }
}

} // namespace

PgLocation parse_pg_location(const std::string& location) {
    PgLocation out;
    out.display = masked(location);
    if (location.starts_with("PG:")) {
        out.conninfo = location.substr(3);
        out.schema = take_pair(out.conninfo, "schema");
        if (!out.schema)
            out.schema = take_pair(out.conninfo, "schemas");
    } else {
        out.conninfo = location;
        out.schema = take_query_parameter(out.conninfo, "schema");
    }
    if (out.schema && !plain_identifier(*out.schema)) {
        throw InputError(out.display, "schema \"" + *out.schema +
                                          "\" is not a plain SQL name (letters, digits, _)");
    }
    return out;
}

std::unique_ptr<EventStore> open_postgis_store(const PgLocation& location, StoreMode mode) {
    return std::make_unique<PostgisStore>(location, mode);
}

} // namespace kharita::store
