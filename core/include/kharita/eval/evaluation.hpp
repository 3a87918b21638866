#pragma once
// Scoring Kharita against annotated corpora: the numbers `kharita eval` prints.

#include "kharita/events/event_screen.hpp"
#include "kharita/events/events.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/time/timex.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kharita {

struct PrfCounts {
    std::size_t tp = 0, fp = 0, fn = 0;
    PrfCounts& operator+=(const PrfCounts& o) noexcept {
        tp += o.tp;
        fp += o.fp;
        fn += o.fn;
        return *this;
    }
    double precision() const {
        return tp + fp == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
    }
    double recall() const {
        return tp + fn == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
    }
    double f1() const {
        const double p = precision(), r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
};

/// Distance errors of a set of resolved toponyms.
struct ErrorStats {
    std::size_t count = 0;      ///< toponyms scored
    std::size_t unresolved = 0; ///< of which no place was chosen (counted at 20,039 km)
    double acc161 = 0;          ///< share within 161 km
    double mean_km = 0, median_km = 0;
    double auc = 0; ///< area under the normalised log-error curve (lower is better)

    static ErrorStats from(std::vector<double> errors_km, std::size_t unresolved);
};

/// The kinds of error `kharita eval geoparse --errors` counts.
enum class GeoparseErrorKind : std::uint8_t {
    missed_in_gazetteer,     ///< a gold span not found exactly, though the gazetteer has its name
    missed_not_in_gazetteer, ///< a gold span not found, and no gazetteer name
    false_person,            ///< a found span that is no gold toponym and reads as a person
    false_organisation,      ///< ... as an organisation or institution
    false_common_word,       ///< ... as an ordinary English word
    false_span,              ///< ... that overlaps a gold toponym with other bounds
    false_other,             ///< ... anything else
    namesake_abroad,         ///< right span, resolved to a namesake in another country
    wrong_admin_level,       ///< right span and country, a town for a unit or the reverse
    resolved_far,            ///< right span, more than 161 km off otherwise
};
inline constexpr std::size_t kGeoparseErrorKinds = 10;
std::string_view to_string(GeoparseErrorKind k) noexcept;

/// One error with where it is: the document, the span as written, the words around it and
/// what Kharita said.
struct GeoparseError {
    std::string document;
    std::string text;
    std::string context;
    std::string detail;
};

/// How many errors of one kind, and the first few.
struct GeoparseErrorClass {
    std::size_t count = 0;
    std::vector<GeoparseError> examples;
};

struct GeoparseScores {
    std::size_t documents = 0;
    std::size_t gold = 0;
    std::size_t gold_with_coordinates = 0;
    PrfCounts exact;            ///< recognition, exact span
    PrfCounts overlap;          ///< recognition, any overlap
    PrfCounts exact_no_demonym; ///< recognition without Demonym/Language/Homonym gold types
    ErrorStats resolution;      ///< gold spans given; all gold toponyms with coordinates
    ErrorStats end_to_end;      ///< on the exactly found spans with coordinates
    PrfCounts strict;           ///< exact span and resolved within 161 km
    PrfCounts strict_all;       ///< the same with every gold toponym counting (no coordinates too)
    double ceiling = 0;         ///< share of gold with a same-name gazetteer entry within 161 km
    ErrorStats within_ceiling;  ///< resolution on the gold toponyms inside the ceiling
    std::map<std::string, std::pair<std::size_t, std::size_t>>
        recall_by_type; ///< type -> (found, gold)
    double seconds = 0; ///< parsing time of the documents (recognition + resolution)
    double characters = 0;
    std::array<GeoparseErrorClass, kGeoparseErrorKinds> errors; ///< by GeoparseErrorKind
};

/// Scores `kharita parse` on a JSON Lines corpus in the format of
/// ../shared/eval/geoparse/README.md. Throws InputError on an unreadable file or a line
/// that is not such a record (with its line number). Errors are counted by kind, with up to
/// `examples` of each kept.
GeoparseScores evaluate_geoparse(const Geoparser& parser, const std::filesystem::path& jsonl,
                                 std::size_t examples = 0);

struct SeedToponymResult {
    std::string name;
    std::string note;
    bool link_title_only = false;
    bool found = false;
    double error_km = -1;
    std::string resolved_to;
};

struct SeedScores {
    std::vector<SeedToponymResult> toponyms;
    std::vector<std::string> extra; ///< toponyms found that are not in the gold list
    std::size_t required = 0, found_within = 0;
};

/// Checks every toponym of the seed gold file against a parse of the seed page: found (same
/// normalised name) and within 25 km (100 km for region or country precision).
SeedScores evaluate_seed_toponyms(const Geoparser& parser, const std::filesystem::path& gold_json,
                                  const std::filesystem::path& page);

struct TimeCaseResult {
    std::string id;
    std::string text;
    std::string expected; ///< expected start day (and end day), or "nothing"
    std::string found;    ///< what Kharita found
    bool right = false;
};

struct TimeScores {
    std::size_t day_cases = 0, day_right = 0;       ///< single cases with an expected day
    std::size_t extent_cases = 0, extent_right = 0; ///< of those, with an expected text
    std::size_t none_cases = 0, none_false = 0;     ///< cases where nothing must be found
    std::size_t skipped = 0;                        ///< other-language parser cases
    std::map<std::string, std::pair<std::size_t, std::size_t>> by_file; ///< file -> (right, cases)
    std::vector<TimeCaseResult> wrong; ///< every case Kharita gets otherwise
};

struct EventCaseResult {
    std::string gold_id;                          ///< the gold event's id
    std::string file;                             ///< the page it belongs to
    std::string description;                      ///< type, place and dates
    bool matched = false;                         ///< type, place and date all right
    bool place_right = false, date_right = false; ///< of its aligned prediction, if any
    std::string found;   ///< the aligned prediction, when not matched: what Kharita said
    std::string trigger; ///< the words of the prediction aligned with it, matched or not
};

/// Events against gold events (the seed format). An event matches a gold event when the
/// type is the same, the place lies within 25 km of the gold coordinates or an alternative
/// (100 km for gold of region or country precision), and the dates agree: a dated gold
/// event needs a dated prediction whose range overlaps it with one day of slack (an event
/// left "on or before publication" is no match for a dated one); a gold event known only as
/// "on or before D" takes any prediction starting by D (a day of slack).
///
/// Beside that strict score, each gold event left unmatched is aligned with a leftover
/// prediction of its type that gets the place or the date right, so that place and date
/// errors can be counted apart: of the aligned pairs (strict matches included), how many
/// have the right date and how many the right place.
struct EventScores {
    PrfCounts events;
    std::size_t status_right = 0, geo_precision_right = 0, time_precision_right = 0;
    std::size_t aligned = 0;           ///< gold events with a prediction of their type aligned
    std::size_t date_right = 0;        ///< of the aligned, dates agree
    std::size_t place_right = 0;       ///< of the aligned, place within the tolerance
    std::size_t files = 0;             ///< pages scored
    std::vector<EventCaseResult> gold; ///< each gold event and whether it was found
    /// Predicted events matching no gold event: the page and what the event says.
    std::vector<std::pair<std::string, std::string>> unmatched;

    /// Adds the counts and cases of another page's scores.
    void add(EventScores other);
};

/// Scores the events of `page` (any format `kharita parse` reads) against `gold_json`,
/// parsed with the gold's retrieval time as the reference.
EventScores evaluate_events(const Geoparser& parser, const std::filesystem::path& gold_json,
                            const std::filesystem::path& page,
                            const EventScreen& screen = EventScreen::builtin());

/// Scores every `NAME.gold.json` of `dir` against its page `NAME.txt` (or `.html`,
/// `.jsonl`), summed; pages in name order. An InputError names a gold file without a page.
EventScores evaluate_event_set(const Geoparser& parser, const std::filesystem::path& dir,
                               const EventScreen& screen = EventScreen::builtin());

/// Scores the temporal tagger on the chrono-node cases (../shared/eval/temporal format).
TimeScores evaluate_time(const std::filesystem::path& jsonl);

} // namespace kharita
