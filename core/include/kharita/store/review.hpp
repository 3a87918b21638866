#pragma once
// Analyst review: the machine proposes, the analyst disposes, the store remembers.
//
// Each stored event has a review state. An analyst's correction is kept apart from the
// machine output (the `corrections` table) and applied on top of it; it is anchored to the
// report (the article's content hash, the evidence sentence and the trigger word), never
// to a row id, so parsing the same report again, with this or a newer Kharita, applies it
// again. A correction whose anchor is gone is kept and flagged "needs review". Every change
// is appended to the audit trail (`review_log`), which no statement may update or delete.
// Team place aliases ("Alshab port" is a port of Tripoli) live with the events and feed
// every later parse for that store. Design: docs/review.md.

#include "kharita/base/error.hpp"
#include "kharita/base/lat_lon.hpp"
#include "kharita/events/event_types.hpp"
#include "kharita/geo/place.hpp"
#include "kharita/store/enum_set.hpp"
#include "kharita/time/calendar.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

/// Where an event stands in review. `machine`: as parsed, no analyst has looked at it.
enum class ReviewState : std::uint8_t { machine, confirmed, corrected, rejected };
inline constexpr std::size_t kReviewStateCount =
    static_cast<std::size_t>(ReviewState::rejected) + 1;
std::string_view to_string(ReviewState s) noexcept;
std::optional<ReviewState> review_state_from(std::string_view name) noexcept;
using ReviewStateSet = EnumSet<ReviewState, kReviewStateCount>;

/// What a query returns unless asked otherwise: every event an analyst has not rejected.
inline constexpr ReviewStateSet kNotRejected{ReviewState::machine, ReviewState::confirmed,
                                             ReviewState::corrected};
/// `--reviewed`: the events an analyst confirmed or corrected.
inline constexpr ReviewStateSet kReviewed{ReviewState::confirmed, ReviewState::corrected};

/// An analyst's values for an event: each set field replaces the machine's.
struct Correction {
    // place: a name with its point (and, when picked from the gazetteer, its entry)
    std::optional<std::string> location;
    std::optional<LatLon> position;
    std::optional<GeoPrecision> geo_precision;
    std::optional<std::string> country; ///< ISO alpha-2
    std::optional<std::string> admin1;
    std::optional<std::string> admin1_code; ///< GeoNames admin-1 code, for --region filters
    // date range and its precision, set together
    std::optional<CivilDay> date_start, date_end;
    std::optional<TimePrecision> time_precision;
    std::optional<EventType> type;
    std::optional<std::string> subtype;
    std::optional<EventStatus> status;
    std::optional<int> fatalities;
    std::optional<std::string> actors; ///< "; "-separated; the first two become actor1/actor2

    bool empty() const noexcept;
    /// Fields of `later` replace those of this correction; the rest stay.
    void update(const Correction& later);
    /// Throws InputError naming the field: a place outside [-90, 90] x [-180, 180], an
    /// inverted date range, a negative toll, a place without a name.
    void validate() const;
};

/// What a reviewer does to one event.
enum class ReviewAction : std::uint8_t {
    confirm, ///< the machine's values (with any earlier correction) are right
    reject,  ///< not an event, or not this one
    correct, ///< replace some values
    reset,   ///< back to the machine's values, unreviewed
};
std::string_view to_string(ReviewAction a) noexcept;
std::optional<ReviewAction> review_action_from(std::string_view name) noexcept;

struct ReviewChange {
    std::int64_t event_id = 0;
    ReviewAction action = ReviewAction::confirm;
    Correction correction; ///< for ReviewAction::correct
    std::string note;
    std::string who; ///< empty: review_author()
    /// The event's version the reviewer saw; a change against an older one is refused
    /// (ReviewConflict) naming who changed it since. None: no check (scripts).
    std::optional<std::int64_t> expected_version;
};

/// What a change left: the event's new state and version.
struct ReviewOutcome {
    ReviewState state = ReviewState::machine;
    std::int64_t version = 0;
};

/// One line of the audit trail. `before` and `after` are JSON objects of the event's
/// reviewed fields.
struct AuditEntry {
    std::int64_t id = 0;
    std::string at; ///< UTC, ISO 8601
    std::string who;
    std::optional<std::int64_t> event_id; ///< none for aliases
    std::string
        action; ///< confirm, reject, correct, reset, split, merge, reapply, orphan, alias, unalias
    std::string before, after;
    std::string note;
};

/// A correction as stored, with its anchor.
struct StoredCorrection {
    std::int64_t id = 0;
    std::optional<std::int64_t> event_id; ///< none: its anchor was not found (needs review)
    ReviewState state = ReviewState::confirmed;
    Correction correction;
    std::string article_hash, evidence, trigger;
    EventType anchor_type = EventType::strategic;
    bool needs_review = false;
    bool split = false; ///< the event is one an analyst split off another
    std::string who, at, note;
};

/// A team's name for a place: every later parse for the store reads `alias` as this place.
struct PlaceAlias {
    std::string alias;          ///< as written in reports ("Alshab port")
    std::string target;         ///< what the author wrote it stands for ("Tripoli", "Kabaw")
    std::string name;           ///< the place's name
    std::int64_t geonameid = 0; ///< 0 for a point of the team's own
    LatLon position;
    GeoPrecision precision = GeoPrecision::town;
    std::string country; ///< ISO alpha-2
    std::string admin1;
    std::string feature; ///< "P.PPLA"
    std::string who, at, note;
};

/// The reviewer's name: $KHARITA_ANALYST, else the OS user, else "unknown".
std::string review_author();

/// Thrown when a change was made against a stale version of an event.
class ReviewConflict : public Error {
public:
    using Error::Error;
};

} // namespace kharita
