#pragma once
// Events: what a report says happened (or will happen), where and when.
//
// Each sentence is searched for event triggers from a typed lexicon whose types map onto
// ACLED's event types (docs/events.md); each trigger becomes an event with the sentence's
// own date (else the nearest governing one, else "on or before publication"), the place the
// event happened (the toponym the sentence locates it at, "in Tunis", preferred over places
// it only concerns), fatalities when stated, a status from tense and date direction, a
// confidence and its evidence span.
//
// Thread rules: stateless; extract() may run on many threads at once.

#include "kharita/events/event_types.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/time/timex.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

struct Event {
    EventType type = EventType::strategic;
    std::string subtype; ///< the trigger's sub-type ("visit", "town hall", "shipwreck")
    EventStatus status = EventStatus::occurred;
    std::optional<CivilDay> date_start; ///< null when only "on or before" is known
    std::optional<CivilDay> date_end;
    /// how precise the date is (day, week, month, year, decade); nullopt: unknown ("on or
    /// before publication"). Never TimePrecision::time: a time of day counts as its day.
    std::optional<TimePrecision> time_precision;
    /// the text gives no date: the range is assumed from the report's day (an event told as
    /// just happened: the week before it; "recent": the two months before it). Any date the
    /// text states for the same event replaces it.
    bool date_assumed = false;
    std::optional<Toponym> place; ///< where it happened
    std::vector<std::string> secondary_places;
    std::vector<std::string> actors; ///< organisations and groups the sentence names
    std::optional<int> fatalities;
    double confidence = 0;
    /// The event screen's probability that the report tells this happening
    /// (events/event_screen.hpp); 1 when no screen ran. A stricter analyst may ask for more.
    double screen = 1;
    std::size_t evidence_start = 0, evidence_end = 0; ///< the sentence, bytes in the text
    std::string evidence;
    std::string trigger;
    bool inherited_place = false; ///< the sentence named no place: the article's main one
    bool anaphoric = false;       ///< "the meeting", "his killing": refers to an earlier event
    bool another = false;         ///< "another mass grave": a new event of a kind told before
    bool referred =
        false; ///< "recent clashes": an earlier event the report refers to, not its news
};

class EventLocator;

class EventExtractor {
public:
    /// An extractor that places events with the event-to-place linking stage
    /// (events/event_location.hpp; `locator`, the builtin model unless another is given)
    /// beside its rules. `gazetteer` is the geoparser's, which the model reads names in; null
    /// leaves it out. Without a locator (`use_locator` false) the rules alone place events.
    explicit EventExtractor(const Gazetteer* gazetteer = nullptr, bool use_locator = true,
                            const EventLocator* locator = nullptr);

    /// Events of one article. `toponyms` and `timexes` are the article's own (from
    /// Geoparser::parse and TemporalTagger::find on the same text); `published` is the
    /// article's publication day, else the reference day relative dates were read against.
    std::vector<Event> extract(std::string_view text, const std::vector<Toponym>& toponyms,
                               const std::vector<Timex>& timexes,
                               const std::optional<CivilDay>& published) const;

private:
    const Gazetteer* m_gazetteer = nullptr;
    const EventLocator* m_locator = nullptr;
};

/// What decides whether two reports tell the same real-world event: the fields of an Event
/// (or of a stored one) that merge_events() and the event store compare.
struct EventIdentity {
    EventType type = EventType::strategic;
    std::optional<CivilDay> date_start, date_end;
    std::optional<LatLon> position;
    std::string place_name;
    GeoPrecision precision = GeoPrecision::town;
    bool named_place = false; ///< the sentence itself named the place
    std::optional<int> fatalities;
    bool another = false; ///< "another mass grave": never the same as one told before
};

EventIdentity identity_of(const Event& e);

/// Whether `b`, told later, is the event `a` told before: same type, date ranges
/// overlapping (a day of slack), places within 25 km, no contradicting death tolls, not two
/// distinct places each named as such, and `b` not introduced as "another".
bool same_real_event(const EventIdentity& a, const EventIdentity& b);

/// Merges events that are the same real-world event reported twice (same type, overlapping
/// dates, places within 25 km); returns the merged list and, per event, how many sources.
std::vector<std::pair<Event, int>> merge_events(const std::vector<Event>& events);

} // namespace kharita
