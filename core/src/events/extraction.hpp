#pragma once
// The stages of EventExtractor::extract (events/events.hpp), private to the events layer and
// visible here for their tests. Per sentence: its triggers that hold in context, then for
// each trigger the place, the governing date, the status, the fatalities, the actors and the
// confidence of its event; then, per article: visits to border sites dropped, the article's
// main place given to the events whose sentence named none, and events told again in the
// same article folded into their first telling.

#include "kharita/document/genre.hpp"
#include "kharita/events/event_location.hpp"
#include "kharita/events/events.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::detail {

// ---- a sentence's triggers ----------------------------------------------------------------

/// An event trigger of a sentence that holds in its context, and how the sentence tells it.
/// How long before the sentence's main happening a happening came: "the clashes came ten days
/// after militiamen fired on protesters", "the vote comes two weeks after the conference".
struct TimeBefore {
    int count = 0;
    TimePrecision unit = TimePrecision::day; ///< day, week or month
    std::size_t after_at = 0;                ///< byte where "after" starts
};

struct SentenceTrigger {
    EventType type = EventType::strategic;
    std::string_view subtype; ///< "visit", "armed clash" (from the lexicon)
    std::string_view words;   ///< the lexicon entry that matched: "air strike"
    double strength = 0;      ///< how surely the entry means an event
    std::size_t start = 0;    ///< bytes of the trigger's words in the text
    std::size_t end = 0;
    bool anaphoric = false;      ///< "the meeting", "his killing": an event told before
    bool another = false;        ///< "another mass grave": a new event of a kind told before
    bool in_passing = false;     ///< "days after deadly clashes": the sentence's date and place
                                 ///< belong to its main event, not to this one
    bool after_cause = false;    ///< in passing as what came before the news ("suspended work
                                 ///< after grenades hit its office"): "after", "following"
    bool recent = false;         ///< "recent clashes", "earlier fighting": an event referred to,
                                 ///< told before the report's own news
    std::size_t clause_from = 0; ///< bytes of the trigger's clause (see sentence_triggers)
    std::size_t clause_to = 0;
    std::optional<TimeBefore> came_after; ///< "came ten days after" before the trigger
    bool repeated_type = false; ///< an earlier clause of the sentence has a trigger of its type
    bool shared_type = false;   ///< another clause of the sentence has a trigger of its type
};

/// The triggers of the sentence [from, to) of `text`, in order: at each word the longest
/// lexicon entry, kept when its context makes it an event (a second word some need, not
/// prevented or hypothetical, not a kind of event, a generic plural with a place of its
/// own), at most one per event type and clause. Clauses part at ";" and at ", while" /
/// ", whereas" ("10 bodies were found at the headquarters, while 67 more were found in
/// hospitals" tells two finds). Sentences of fewer than three words (titles of one or two
/// words, chrome) have none.
std::vector<SentenceTrigger> sentence_triggers(std::string_view text, std::size_t from,
                                               std::size_t to,
                                               const std::vector<Toponym>& toponyms);

// ---- the place ----------------------------------------------------------------------------

/// Where the candidate places of the sentence [from, to) start: after a dateline's dash
/// ("ZUWARA, 1 July 2024 - ..." says where the report was filed, not where the event
/// happened), else at `from`.
std::size_t candidate_places_from(std::string_view text, std::size_t from, std::size_t to);

/// Whether `outer` right after `inner` says where `inner` lies: "al-Fuqaha in central Libya",
/// "al-Watiya air base in the west", "Sirte, in Libya" (a coarser place after "in").
bool contains_place_before(std::string_view text, const Toponym& inner, const Toponym& outer);

/// Whether `between` (the text from an event's trigger to a place after it) opens another
/// clause that the place is in ("closed its crossings ... after fighters attacked posts in
/// Ben Guerdane"): that place belongs to the other clause's happening or to the telling.
bool subordinate_between(std::string_view between);

/// Whether the words before toponym `t` say something happens there: "in X", "at X", "off
/// the coast of X", "the ports of X".
bool located_at(std::string_view text, const Toponym& t);

/// Whether the words before toponym `t` make it a reference point ("Zawiya, 45 km west of
/// Tripoli") or a direction ("fled to Misrata", "from Zintan").
bool reference_or_direction(std::string_view text, const Toponym& t);

/// How well toponym `t` places an event of `type` whose trigger is at byte `trigger_at`:
/// its confidence, raised by "in", "at", "off the coast of", a possessive ("Tripoli's Abu
/// Salim district"), a site word after it ("Ras Ajdir crossing") and a fine precision,
/// lowered for demonyms, reference points ("Khoms, east of Tripoli"), what the event only
/// concerns and distance from the trigger.
double place_score(std::string_view text, const Toponym& t, std::size_t trigger_at, EventType type);

/// What the event-to-place linking stage (events/event_location.hpp) adds to the choice of
/// a place: the learned probability that a toponym names where the event happened, read in
/// its sentence [sentence_from, sentence_to) with its trigger [trigger_start, trigger_end).
struct LearnedPlace {
    const EventLocator* locator = nullptr;
    const Gazetteer* gazetteer = nullptr; ///< the geoparser's: the model was trained with it
    std::size_t sentence_from = 0, sentence_to = 0;
    std::size_t trigger_start = 0, trigger_end = 0;
    const std::vector<Toponym>* toponyms = nullptr;
};

/// The best-scored resolved toponym within [places_from, to), or null when there is none:
/// place_score(), plus kLearnedPlaceWeight times the learned probability when `learned`.
const Toponym* best_place(std::string_view text, std::size_t places_from, std::size_t to,
                          const std::vector<Toponym>& toponyms, std::size_t trigger_at,
                          EventType type, const LearnedPlace* learned = nullptr);

/// The other places the sentence [from, to) names (demonyms aside), by resolved name.
std::vector<std::string> secondary_places(std::size_t from, std::size_t to,
                                          const std::vector<Toponym>& toponyms,
                                          const Toponym& place);

/// "mass graves in Jakharrah and Al-Kufra": the other places of the list `place` is in ("X and
/// Y", "X, Y, and Z", before or after it; items the gazetteer could not place are passed over),
/// each a separate event, when the event is located at the list ("in X", "the ports of X"),
/// not when it is an origin ("from X, Y"). Empty otherwise.
std::vector<Toponym> coordinated_places(std::string_view text, std::size_t to,
                                        const std::vector<Toponym>& toponyms, const Toponym& place);

// ---- the date and the status --------------------------------------------------------------

/// The date that governs an event of the sentence [from, to) whose trigger is at
/// `trigger_at`: the sentence's own expression nearest the trigger (none before
/// `places_from`, the dateline's, nor durations), else the last one of the sentence before
/// it in the same paragraph when `look_back` (not for an event referred to: "recent
/// clashes"). Null when there is none. `timexes` are sorted by start.
const Timex* governing_date(std::string_view text, std::size_t from, std::size_t to,
                            std::size_t places_from, const std::vector<Timex>& timexes,
                            std::size_t trigger_at, bool look_back = true);

/// The date the narrative last set, read along the text: the last expression of a day or a
/// week (a time of day counts as its day) before a point, not after the publication day and
/// not a duration, a set or an open range. Points must not go backwards; linear overall.
class NarrativeDate {
public:
    /// `timexes` in text order; they must outlive this.
    NarrativeDate(const std::vector<Timex>& timexes, const std::optional<CivilDay>& published)
        : m_timexes(timexes), m_published(published) {}

    /// The narrative's date before byte `before`, or null.
    const Timex* before(std::size_t before);

private:
    const std::vector<Timex>& m_timexes;
    std::optional<CivilDay> m_published;
    std::size_t m_next = 0;
    const Timex* m_last = nullptr;
};

/// Whether an event dated `date` is history told as context ("since 2011", "the 2020
/// ceasefire talks", "in 2014 the country split"): a year or a decade wholly before the
/// publication year. Never when the publication day is unknown.
bool background_date(const Timex& date, const std::optional<CivilDay>& published);

/// How long before publication a dated happening is history: news reports what happened in
/// the last months; a happening dated more than half a year back is told as background ("the
/// agreement was signed on 17 December 2015", "the first protests in February 2011").
inline constexpr std::int64_t kHistoryDays = 183;

/// How long a happening told as running "since" a date may have run and still be the news: a
/// sit-in since last week, fighting since the 13th are events (ongoing); shelling "since
/// March", read at the end of April, is the campaign the news happens in.
inline constexpr std::int64_t kCampaignDays = 45;

/// Whether an open range (`since`, "since March") began more than kCampaignDays before
/// `published`. Never without a publication day.
bool campaign_before(const Timex& since, const std::optional<CivilDay>& published);

/// "the deadliest since August 2023", "the worst since March": a comparison with one
/// happening (which the report names), not a campaign running since then.
bool superlative_since(std::string_view text, const Timex& since);

/// Whether `e`, dated, ended more than kHistoryDays before `published`. Never without a
/// publication day.
bool history_before(const Event& e, const std::optional<CivilDay>& published);

/// Sets the dates and time precision of `e` from `date`: its range ("since August 2023" is
/// the start of that period), the precision to the day at most. Without a date, an event
/// told as happened is dated to the week ending on `published` (week precision: the report
/// says it just happened, not which day), a planned one to the thirty days from it (month
/// precision); without `published` either, the dates stay unknown.
void set_dates(Event& e, const Timex* date, const std::optional<CivilDay>& published);

/// The status of an event the sentence tells: planned when the sentence speaks of the
/// future ("will", "scheduled", "agreed to reconvene") or the date lies after publication,
/// else ongoing when it says so ("continuing"), else occurred. `trigger_words` is the
/// lexicon entry that matched.
EventStatus sentence_status(std::string_view sentence, std::string_view trigger_words,
                            bool dated_after_publication);

// ---- fatalities, actors, confidence -------------------------------------------------------

/// The death toll a sentence states for an event of `type`: "leaving 55 people dead", "six
/// people were killed", "the bodies of 11 migrants" (bodies only for mass graves and
/// migration).
std::optional<int> sentence_fatalities(std::string_view sentence, EventType type);

/// Organisations and armed groups the text [from, to) names: acronyms ("UNSMIL", "SSA"), and
/// capitalised names ending in an organisation word ("Stabilisation Support Apparatus",
/// "Tripoli Protection Force", "Red Crescent").
std::vector<std::string> actors_of(std::string_view text, std::size_t from, std::size_t to);

/// actors_of() the sentence, without the names that are toponyms of the article (a
/// dateline's capitalised "SKHIRAT" is a place, not an actor).
std::vector<std::string> sentence_actors(std::string_view text, std::size_t from, std::size_t to,
                                         const std::vector<Toponym>& toponyms);

/// How sure the event is, in [0, 1]: the trigger's strength, weighed by the place's
/// confidence (0.4 without a place) and lowered when no date governs it.
double event_confidence(double trigger_strength, const std::optional<Toponym>& place, bool dated);

// ---- the article's events -----------------------------------------------------------------

/// What a sentence [from, to) of a text is as a line of the page.
enum class LineKind : std::uint8_t {
    sentence, ///< prose: ends with ".", "!", "?" or a closing quote
    title,    ///< a line of its own of three words or more, with no end mark: a headline
    other,    ///< a dateline, a byline, chrome
};

/// line_kind: how the sentence [from, to) of `text` reads.
LineKind line_kind(std::string_view text, std::size_t from, std::size_t to);

/// Whether an article's text has a line of prose (LineKind::sentence), not only a headline,
/// a dateline or chrome. On a page with a story, an article that is a headline alone is a
/// link to another article (an aggregator's "More on ..." list): it names places but reports
/// no event of the page's own.
bool tells_a_story(std::string_view text);

/// Folds the events of the headline (the sentences before byte `headline_to`) into the
/// story: the story's first event of each type takes a headline's death toll when it has
/// none, and the headline's events are dropped (the story tells them with their place and
/// date; a type only the headline has is another word for one of the story's happenings).
void fold_headline(std::vector<Event>& events, std::size_t headline_to);

/// Drops the bodies found ("78 bodies recovered") of an article that tells a shipwreck or
/// another migration event: they are its toll, not a discovery of their own.
void drop_bodies_of_wrecks(std::vector<Event>& events);

/// Whether the happening `t` told after "after" or "following" ("suspended work after
/// grenades hit its office in Misrata on Tuesday") is news of its own: its clause (up to the
/// next comma of the sentence ending at `sentence_to`) dates it to a day of the week before
/// `published` (or `t.came_after` dates it within three months before the news) and names
/// where it was ("in", "at").
bool fresh_cause(std::string_view text, const SentenceTrigger& t, std::size_t sentence_to,
                 const std::vector<Timex>& timexes, const std::vector<Toponym>& toponyms,
                 const std::optional<CivilDay>& published);

/// Keeps, of a piece that is not a news report (commentary, an explainer, an interview:
/// document/genre.hpp), only the happenings it dates itself to a day of the week before
/// `published`: the rest are the background it discusses ("the brigades that fought
/// Gaddafi", "fighting went on for months"), told as reports tell them. A news report's
/// events are all kept.
void keep_news_of_commentary(std::vector<Event>& events, PageGenre genre,
                             const std::optional<CivilDay>& published);

/// Drops the meeting-type visits whose sentence also tells a border event: a visit to a
/// border site is border-site activity, not a meeting as well.
void drop_visits_to_border_sites(std::vector<Event>& events);

/// A boat wrecked, intercepted or rescued that its sentence says left a port ("a rubber boat
/// that left Garabulli ... began to sink", "capsized off the Libyan coast; the boat had left
/// Zawiya") is mapped at that port, the nearest place on land the text gives, where it
/// places the boat no finer (a country, a sea, or no place of its own): how ACLED codes an
/// event at sea, and closer than the waters off a country or a report's dateline.
void put_wrecks_off_their_port(std::vector<Event>& events, std::string_view text,
                               const std::vector<Toponym>& toponyms);

/// Boats wrecked, intercepted or rescued that the text places in a country ("intercepted by
/// the Libyan coast guard", "taken back to Libya") were at sea: in `waters` (off the report's
/// main place, geo's waters_off) when they are the country's, else off the country's most
/// populous coastal town (geo's waters_off_country, with the gazetteer when there is one).
void put_wrecks_at_sea(std::vector<Event>& events, const std::optional<Toponym>& waters,
                       const Gazetteer* gazetteer);

/// The article's main place: the town, district or site it names most often (the first
/// named of equals; a name in capitals, a dateline's, counts half: the report was filed
/// there, which need not be where it happened), if any.
std::optional<Toponym> main_place_of(const std::vector<Toponym>& toponyms);

/// Gives `main_place` to the events (border events and events referred to aside) whose
/// sentence named no place or
/// only a coarse one (a country, a continent, a demonym), which is kept as a secondary
/// place; their confidence drops by a fifth. An event at a country's waters ("drown off
/// Libya") takes `waters`, the waters off the main place, when they are that country's.
void inherit_main_place(std::vector<Event>& events, const std::optional<Toponym>& main_place,
                        const std::optional<Toponym>& waters = std::nullopt);

/// Gives the article's first border site (a border post, GeoNames S.PSTB, or a place `text`
/// calls a crossing: "the Ras Ajdir crossing", "Ras Ajdir, the main crossing") to its border
/// events placed at a country or a demonym ("closed its land border with Tunisia" is the
/// frontier, not Tunisia), keeping that one as a secondary place.
void place_borders_at_sites(std::vector<Event>& events, std::string_view text,
                            const std::vector<Toponym>& toponyms);

/// How a later event of an article retells an earlier one, if it does.
enum class Retelling : std::uint8_t {
    none,
    anaphoric, ///< "the meeting", "his killing": the event already told
    headline,  ///< the story's sentence tells the headline's event in full
    same,      ///< same type, same place, same (or no) dates
};

/// Whether `later` retells `earlier` (same type, both placed, no contradicting death tolls),
/// and how.
Retelling retelling_of(const Event& earlier, const Event& later);

/// What `later` adds to `earlier`, the event it retells as `how`: a date where there was
/// none, a death toll, the story's evidence for a headline, a finer or named place.
void fold_retelling(Event& earlier, const Event& later, Retelling how);

/// The events of an article with each one told again folded into the latest earlier event
/// it retells ("another" event never is); order kept.
std::vector<Event> fold_told_again(std::vector<Event> events);

} // namespace kharita::detail
