#pragma once
// What both store backends (SpatiaLite, PostGIS) share between a record and its row: the
// stored ranks and names, the index's day keys, the content hash of an article, what the
// store bookkeeps per transaction, and the dedupe rule's side of a stored event (which rows
// can be the same real event, and the identity same_real_event() compares). The SQL is each
// backend's own; the rules are here once.

#include "kharita/events/events.hpp"
#include "kharita/events/merge_policy.hpp"
#include "kharita/store/store.hpp"
#include "store/query_plan.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kharita::store {

/// The content hash of an article: FNV-1a 64 of title and text, 16 hex digits.
std::string content_hash(const ArticleRecord& a);

/// An event about to be stored: its record and, when it came from an article, the report's
/// row and evidence span.
struct NewEvent {
    EventRecord record;
    std::optional<std::int64_t> article_id; ///< none for imported events
    std::size_t evidence_start = 0, evidence_end = 0;
    bool place_inherited = false;
    std::string trigger; ///< the event word (a correction's anchor)
};

/// The event `e` of article `a` (stored as `article_id`) as the store writes it: sourced by
/// the article's news source, else the input file, one source so far.
NewEvent new_event_of(const ArticleEventRecord& e, const ArticleRecord& a,
                      const IngestSource& source, std::int64_t article_id);

// The ranks stored for index filters: the enums' order, kNoRank for an unknown precision
// or no place (the schema's 6).
inline constexpr int kNoRank = 6;
int time_rank(const std::optional<TimePrecision>& precision);
int geo_rank(const std::optional<GeoPrecision>& precision);
std::optional<TimePrecision> time_precision_of_rank(int rank);
std::optional<GeoPrecision> geo_precision_of_rank(int rank);

/// The vocabulary as stored: names written by to_string(); an unknown name reads as the
/// default (the store writes no other).
EventType stored_type(std::string_view name);
EventStatus stored_status(std::string_view name);

/// The index's time keys of a date range: the days (since 1970-01-01) of its first and last
/// day, an open start counting as its end, and its span class (3 when undated).
struct DayKeys {
    std::optional<std::int64_t> first, last;
    int span_class = 3;
};
DayKeys day_keys(const std::optional<CivilDay>& start, const std::optional<CivilDay>& end);

/// Now, as stored: "2026-01-31T12:00:00Z".
std::string now_iso();

/// A stored ISO day ("2025-02-26"); the store writes no other form.
std::optional<CivilDay> parse_day(std::string_view iso);

/// What same_real_event() compares of an event an article tells.
EventIdentity identity_of(const ArticleEventRecord& e);

/// Where a stored event that may be the same as `id` can be: its type, a box around its
/// place and its days with a day of slack (the SQL pre-selection; same_real_event decides).
struct SameEventWindow {
    double min_lat = 0, max_lat = 0, min_lon = 0, max_lon = 0;
    std::optional<std::int64_t> first_day, last_day; ///< none: undated, any day
};
/// None when the event has no place (it is never merged).
std::optional<SameEventWindow> same_event_window(const EventIdentity& id);

/// A stored candidate as a backend reads it, turned into what same_real_event compares.
struct StoredCandidate {
    LatLon position;
    std::optional<CivilDay> date_start, date_end;
    std::string location;
    int geo_rank = kNoRank;
    bool place_inherited = false;
    std::optional<int> fatalities;
};
EventIdentity stored_identity(EventType type, const StoredCandidate& c);

/// The facts a report brings to the merge policy (merge_told_again).
MergeableFacts facts_told(const EventRecord& r);

/// An event's actors with their roles in event_actors: actor1 (1), actor2 (2), then every
/// other name of `actors` (0), in order; a name listed twice keeps its first role.
std::vector<std::pair<std::string, int>> event_actor_roles(const EventRecord& r);

/// What one transaction wrote, for the planner's bookkeeping: events per cell and the
/// extent of their dates.
struct Written {
    std::map<int, std::int64_t> cells;
    std::int64_t min_day = kNoDayHigh, max_day = kNoDayLow, max_span = 0;

    void note(const EventRecord& r, int cell);
};

/// The merge rule over an article's events, the same for every backend: an event the store
/// already holds (`find_same(identity) -> optional<id>`) gains a source (`add_source(id,
/// event)`), any other is inserted (`insert(event)`); `report` counts both.
template <typename FindSame, typename AddSource, typename Insert>
void store_article_events(const ArticleRecord& a, const IngestSource& source,
                          std::int64_t article_id, IngestReport& report, FindSame&& find_same,
                          AddSource&& add_source, Insert&& insert) {
    for (const ArticleEventRecord& e : a.events) {
        const NewEvent ne = new_event_of(e, a, source, article_id);
        if (const auto same = find_same(identity_of(e))) {
            add_source(*same, ne);
            ++report.events_merged;
        } else {
            insert(ne);
            ++report.events_added;
        }
    }
}

} // namespace kharita::store
