#pragma once
// The event store: what analysts keep. One interface (open, ingest, query, schema version)
// used by the command line and the viewer, with two backends: SpatiaLite (one analyst, one
// file) and PostGIS (a team on a shared server). core/src/store/ holds all event SQL.
// Schema and index design: docs/store.md.
//
// Thread rules: an EventStore is used by one thread at a time; open one per thread. Many
// readers and one writer may use the same file at once (WAL mode); a PostGIS store takes
// many writers and readers at once.

#include "kharita/events/event_types.hpp"
#include "kharita/geo/place.hpp"
#include "kharita/geo/regions.hpp"
#include "kharita/store/enum_set.hpp"
#include "kharita/store/review.hpp"
#include "kharita/time/calendar.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

/// One stored event, flat: what a query returns and an export writes.
struct EventRecord {
    std::int64_t id = 0;
    EventType type = EventType::strategic; ///< Kharita type (docs/events.md)
    std::string subtype;
    EventStatus status = EventStatus::occurred;
    std::optional<CivilDay> date_start;
    std::optional<CivilDay> date_end;
    std::optional<TimePrecision> time_precision; ///< none: the date is unknown
    /// the range was assumed from the report's day (an event told as just happened with no
    /// date of its own; Event::date_assumed): approximate, and a stated date replaces it
    bool date_assumed = false;
    std::string location; ///< place name
    std::optional<LatLon> position;
    std::optional<GeoPrecision> geo_precision; ///< none: the event has no place
    int geo_precision_code = 0;                ///< ACLED's 1-3 when imported from ACLED, else 0
    std::string country;                       ///< ISO 3166-1 alpha-2
    std::string admin1;                        ///< admin-1 name
    std::string admin1_code;                   ///< GeoNames admin-1 code within the country ("77")
    std::string admin2;
    std::optional<int> fatalities;
    double confidence = 0;
    std::string actor1, actor2; ///< the first two named actors (ACLED's actor1/actor2)
    std::string actors;         ///< every named actor, "; "-separated
    std::string sources;        ///< source names, "; "-separated
    int source_count = 0;
    std::string notes;                         ///< the evidence sentence (or ACLED notes)
    ReviewState review = ReviewState::machine; ///< store/review.hpp
    std::int64_t version = 0; ///< one more on each review change (stale-change refusal)
};

/// The name of a geo precision in the store, the exports and the command line: empty for
/// none (no place).
std::string_view geo_precision_name(const std::optional<GeoPrecision>& precision) noexcept;

/// What the map, the timeline and the event table need of an event, for a million of them:
/// position, days, type, precision, place name and toll (the detail pane reads records()).
struct EventPoint {
    std::int64_t id = 0;
    std::optional<LatLon> position;
    std::int32_t day_start = 0, day_end = 0; ///< days since 1970-01-01 (both 0 when undated)
    bool dated = false;
    EventType type = EventType::strategic;
    std::optional<GeoPrecision> geo_precision;   ///< none: the event has no place
    std::optional<TimePrecision> time_precision; ///< none: the date is unknown
    std::int32_t fatalities = -1;                ///< -1 when not stated
    EventStatus status = EventStatus::occurred;
    ReviewState review = ReviewState::machine;
    float confidence = 0; ///< the review queue opens least confident first
    std::string location;
};

/// One report of a stored event: the source, the article (when it came from one), the
/// evidence span in its text and the place mentions the article holds.
struct EventSource {
    std::string source;
    std::string title;
    std::string text; ///< the article text, empty for imported events
    std::size_t evidence_start = 0, evidence_end = 0;
    std::vector<std::pair<std::size_t, std::size_t>> toponyms; ///< byte spans in text
    std::vector<std::string> toponym_places; ///< the place each toponym resolved to, or ""
    std::string trigger;                     ///< the event word in the evidence
};

/// What a query selects. Every set field narrows the result; an empty filter selects all.
struct EventFilter {
    std::optional<CivilDay> from, to; ///< events whose date range overlaps [from, to]
    std::optional<BoundingBox> bbox;
    std::vector<RegionCode> regions;                 ///< any of them
    std::string polygon_wkt;                         ///< events inside this polygon (WKT), if set
    EventTypeSet types = EventTypeSet::all();        ///< events of these types (none: no event)
    EventStatusSet statuses = EventStatusSet::all(); ///< events of these statuses
    ReviewStateSet reviews = kNotRejected;           ///< events in these review states
    std::optional<GeoPrecision> min_geo_precision;   ///< this precision or finer
    std::optional<TimePrecision> min_time_precision; ///< this precision or finer
    std::string text;                                ///< words in the evidence or article text
    std::optional<std::int64_t> limit;

    /// Checks the ranges; throws InputError naming the bad field ("date range", "bbox",
    /// "limit"). A bad polygon is reported by the query ("polygon").
    void validate() const;
};

/// A place a mention resolved to, as the store keeps it (one row per GeoNames id and name).
struct PlaceRecord {
    std::int64_t geonameid = 0; ///< 0 for a region phrase ("southern Libya")
    std::string name;
    std::string feature; ///< GeoNames class and code, "P.PPLA"
    std::string country; ///< ISO 3166-1 alpha-2
    std::string admin1;  ///< admin-1 name
    LatLon position;
    GeoPrecision precision = GeoPrecision::town;
};

/// A place mention in an article's text.
struct MentionRecord {
    std::size_t start = 0, end = 0; ///< bytes in the article text
    std::string text;               ///< the mention as written
    ToponymKind kind = ToponymKind::place;
    double confidence = 0;
    std::optional<PlaceRecord> place; ///< the place it resolved to, if any
};

/// An event an article tells: the fields stored with it and what deciding whether the store
/// already holds it needs besides (the store's side of same_real_event).
struct ArticleEventRecord {
    /// The event's fields. The store sets id, sources (the article's source, else the input
    /// file) and source_count itself.
    EventRecord record;
    std::size_t evidence_start = 0, evidence_end = 0; ///< the evidence sentence, bytes in the text
    bool inherited_place = false; ///< the sentence named no place: the article's main one
    bool another = false;         ///< told as "another ...": never an event already stored
    std::string trigger;          ///< the event word, part of a correction's anchor
};

/// One article to store, with its place mentions and its events: plain values, so the store
/// needs none of the parsing code (article_records() in store/ingest.hpp makes them from a
/// parse).
struct ArticleRecord {
    std::string title;
    std::string source; ///< news source, when known
    std::string url;
    std::optional<CivilDay> published;
    TimePrecision published_precision = TimePrecision::day;
    std::string published_note; ///< how the publication day was found
    std::string text;
    std::vector<MentionRecord> mentions;
    std::vector<ArticleEventRecord> events;
};

/// What an ingest did.
struct IngestReport {
    std::int64_t articles_added = 0;
    std::int64_t articles_skipped = 0; ///< already stored (same content hash)
    std::int64_t events_added = 0;
    std::int64_t events_merged = 0; ///< an event already stored gained a source
    std::int64_t mentions_added = 0;
    std::int64_t articles_reparsed = 0;    ///< stored again (IngestSource::reparse)
    std::int64_t corrections_applied = 0;  ///< analyst corrections found their event again
    std::int64_t corrections_orphaned = 0; ///< ... or did not: flagged "needs review"

    void add(const IngestReport& other) noexcept {
        articles_added += other.articles_added;
        articles_skipped += other.articles_skipped;
        events_added += other.events_added;
        events_merged += other.events_merged;
        mentions_added += other.mentions_added;
        articles_reparsed += other.articles_reparsed;
        corrections_applied += other.corrections_applied;
        corrections_orphaned += other.corrections_orphaned;
    }
};

/// Where a batch of articles came from.
struct IngestSource {
    std::string file; ///< input file name, recorded with each article
    std::optional<LocalTime> retrieved_at;
    /// Store an article already stored again: its mentions and the events only it reports
    /// are replaced by this parse's (a newer Kharita's), and the analysts' corrections
    /// anchored to it are applied again. Otherwise such an article is skipped.
    bool reparse = false;
};

enum class StoreMode { read_only, read_write, create };

class EventStore {
public:
    virtual ~EventStore() = default;

    /// The schema version of the open database.
    virtual int schema_version() const = 0;
    /// Stores articles with their mentions and events, one transaction per article: an
    /// article already stored (same content hash) is skipped; an event the store already
    /// holds from another article gains a source instead of a twin.
    virtual IngestReport ingest(const std::vector<ArticleRecord>& articles,
                                const IngestSource& source) = 0;
    /// Stores events that come without articles (imports, synthetic data) in one
    /// transaction, pulling them from `next` until it returns false. When `expected` (a
    /// size hint) is large against what is stored, the indexes are dropped and rebuilt
    /// sorted at the end instead of being maintained row by row.
    virtual std::int64_t ingest_records(const std::function<bool(EventRecord&)>& next,
                                        std::int64_t expected) = 0;
    std::int64_t ingest_records(const std::vector<EventRecord>& records);
    /// Calls `row` for each matching event, in no particular order. The record is reused
    /// between calls: copy what must outlive the call.
    virtual void query(const EventFilter& filter,
                       const std::function<void(const EventRecord&)>& row) const = 0;
    /// Like query(), with only what the map draws: much less to read per event.
    virtual void query_points(const EventFilter& filter,
                              const std::function<void(const EventPoint&)>& point) const = 0;
    /// The full records of these events (for a table page or a detail pane).
    virtual std::vector<EventRecord> records(const std::vector<std::int64_t>& ids) const = 0;
    /// Every report of one event, with its article.
    virtual std::vector<EventSource> sources(std::int64_t event_id) const = 0;
    virtual std::int64_t count(const EventFilter& filter) const = 0;
    /// How the last query was answered ("space-time cells, 180 cells", "time index", ...).
    virtual std::string last_plan() const = 0;

    // Review (store/review.hpp), each change one transaction with its audit line.

    /// Confirms, rejects, corrects or resets one event. Throws InputError for an event that
    /// does not exist or a bad correction (Correction::validate), ReviewConflict when
    /// `expected_version` is stale; nothing is changed then.
    virtual ReviewOutcome review(const ReviewChange& change) = 0;
    /// Splits an event in two: a new event with the values of `change.event_id` (its
    /// corrections included) changed by `change.correction`, told by the same reports and
    /// anchored to the same one, so a re-parse makes it again; the first event is left as
    /// it is. Returns the new event's id. The same errors as review().
    virtual std::int64_t split_event(const ReviewChange& change) = 0;
    /// Merges event `drop` into `keep.event_id`: the kept event takes the dropped one's
    /// reports and is confirmed; the dropped one is rejected with a note naming the kept
    /// one (so a re-parse rejects it again). Each version is checked when given.
    virtual ReviewOutcome merge_events(const ReviewChange& keep, std::int64_t drop,
                                       std::optional<std::int64_t> drop_version) = 0;
    /// The audit trail, oldest first: every change, or those of one event.
    virtual std::vector<AuditEntry> review_log(std::optional<std::int64_t> event_id) const = 0;
    /// Every correction with its anchor, those that lost it included.
    virtual std::vector<StoredCorrection> corrections() const = 0;
    /// Adds or replaces a team alias (its place already resolved, PlaceAlias). Throws
    /// InputError when it would loop (check_alias_chain) or the place is out of range.
    virtual void add_alias(const PlaceAlias& alias) = 0;
    /// Removes an alias; false when there is none of that name.
    virtual bool remove_alias(std::string_view alias, const std::string& who) = 0;
    virtual std::vector<PlaceAlias> aliases() const = 0;
};

inline std::int64_t EventStore::ingest_records(const std::vector<EventRecord>& records) {
    std::size_t i = 0;
    return ingest_records(
        [&](EventRecord& r) {
            if (i == records.size())
                return false;
            r = records[i++];
            return true;
        },
        static_cast<std::int64_t>(records.size()));
}

/// Opens (or with StoreMode::create, creates when missing) an event store. The location
/// picks the backend: a PostgreSQL server ("postgresql://user@host/db?schema=project", or
/// "PG:dbname=db host=/run/postgresql schema=project") is the PostGIS store, anything else a
/// SpatiaLite file. Throws InputError naming the file when it is missing (and not to be
/// created), not SQLite or not a Kharita store, or the schema on the server holds no
/// Kharita store; DatabaseError when its schema is newer than this build's, or the server
/// cannot be reached (naming the server, never its password).
std::unique_ptr<EventStore> open_event_store(const std::filesystem::path& location, StoreMode mode);

/// Whether a store location names a PostgreSQL server ("postgresql://", "postgres://",
/// "PG:") rather than a SpatiaLite file.
bool is_server_location(std::string_view location) noexcept;

/// The store location of $KHARITA_DB, empty when unset: the default of --db.
std::string default_store_location();

/// Copies the events of `from` into `to` (one bulk load), which may hold events already:
/// every field of every event, its sources list and count included; ids are the new
/// store's, and the articles and place mentions behind ingested events stay in `from`.
/// Returns the events copied. (A whole store is copied by copy_store().)
std::int64_t copy_events(const EventStore& from, EventStore& to);

/// What copy_store() moved: rows per table, in the order copied.
struct StoreCopyReport {
    std::vector<std::pair<std::string, std::int64_t>> tables;
    std::int64_t rows(std::string_view table) const;
};

/// Copies a whole store into an empty one, as `kharita store copy` does, either backend to
/// either: every table (articles, places, mentions, events, their sources, actors, the
/// planner's counts and the data's keys in meta), every stored column, ids kept, in one
/// transaction on the target (a failure leaves it as it was) from one snapshot of the
/// source. `to` is created when missing; a target that holds any data is refused
/// (InputError naming it): a copy never merges.
StoreCopyReport copy_store(const std::string& from, const std::string& to);

/// The schema version this build writes.
int event_store_schema_version() noexcept;

} // namespace kharita
