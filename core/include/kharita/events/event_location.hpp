#pragma once
// Event-to-place linking: given a sentence and an event word in it ("shot", "shelling"),
// the span(s) of the sentence naming where that event happened, or none.
//
// Candidates are the capitalised word runs of the sentence ("Nablus", "West Bank",
// "Reshimbagh", "al-Qanat Street"), split where the geoparser's toponyms begin and end, and
// the toponyms that no such run covers, and one more option: "no place named". A
// conditional logit (a softmax over a sentence's options) scores each from explainable
// features (docs/evaluation.md, "Event location"): what the gazetteer says of
// it (kind, precision), its shape, the lower-case words around it ("in", "city of"), the
// event word, where it stands relative to the event word (side, distance, same clause) and
// relative to the other candidates (nearest, another one nearer). Capitalised words enter
// only by shape, so the weights hold no proper names. The likeliest candidate is a location
// when its probability is above the model's threshold; any other one when its probability
// is above a second, lower threshold, or, when it is in the likeliest one's coordinated list
// ("in A, B and C": the places of a list share the probability), above a share of the
// likeliest one's probability.
//
// The builtin model is data/models/event-location.txt, embedded at build time; `kharita
// train-locator` reproduces it from the event-location sentences.
//
// Thread rules: an EventLocator is immutable once built; its const methods may run on many
// threads at once.

#include "kharita/base/diagnostics.hpp"
#include "kharita/geo/geoparser.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kharita {

namespace detail {
struct LocationCandidate;
} // namespace detail

/// A span of a sentence naming where its event happened.
struct LocationSpan {
    std::size_t start = 0; ///< byte offsets in the text
    std::size_t end = 0;
    double score = 0; ///< probability that it names the event's place, in [0, 1]
    /// The geoparser's toponym covering the span (an element of the toponyms given to
    /// locate()), or null when the gazetteer does not know the span.
    const Toponym* toponym = nullptr;
};

/// Offsets of a span in bytes and in code points (end exclusive).
struct TextSpan {
    std::size_t start = 0; ///< bytes
    std::size_t end = 0;
    std::size_t cp_start = 0; ///< code points
    std::size_t cp_end = 0;
};

/// One line of an event-location file: {"id", "text", "event": {"start", "end"}} with code
/// point offsets, and for gold files "locations": [{"start", "end"}].
struct EventLocationRecord {
    std::string id;      ///< the id as a string (a JSON string's value, else its JSON text)
    std::string id_json; ///< the id as JSON text, to write back as it came
    std::uint64_t line = 0;
    std::string text;
    TextSpan event;
    std::vector<TextSpan> locations; ///< empty when the line names none
};

/// Reads event-location JSON Lines from `in` (`source` names it in messages). A line that
/// is not JSON, lacks a field, or has a span outside its text, inverted or empty is added to
/// `problems` ("event.end 90 is past the text's 80 code points") and skipped; every other
/// record goes to `on_record` as soon as it is read.
void read_event_location_lines(std::istream& in, const std::string& source, Diagnostics& problems,
                               const std::function<void(EventLocationRecord&&)>& on_record);

/// The records of the file at `path` (InputError when it cannot be opened).
std::vector<EventLocationRecord> read_event_location_file(const std::string& path,
                                                          Diagnostics& problems);

/// How train() runs.
struct LocatorTrainingOptions {
    int epochs = 4;
    std::uint64_t seed = 1; ///< order of the examples in each epoch
    int bags = 16; ///< models trained with seeds seed, seed+1, ... and averaged (less variance)
    int min_records = 2;     ///< a feature seen in fewer training sentences is dropped
    double l2 = 0;           ///< L2 penalty on the weights, per update
    double rate = 0.1;       ///< AdaGrad's learning rate (0.2: 0.7737, 0.05: 0.7681)
    double threshold = 0.35; ///< the likeliest candidate is a location when above it
    /// any other candidate is one when above it; this and list_ratio are what an inner 4-fold
    /// cross-validation chose (`--tune-folds 4`), on every outer training fold and on all
    double threshold_more = 0.3;
    /// a member of the likeliest candidate's coordinated list ("A, B and C") is one when its
    /// probability is above this share of the likeliest's (or above threshold_more)
    double list_ratio = 0.05; ///< 1: like any other candidate
    /// Cross-validation only: when 2 or more, threshold_more and list_ratio are chosen in
    /// each training fold by an inner cross-validation of that many folds (never on the
    /// sentences scored)
    int tune_folds = 0;
};

class EventLocator {
public:
    /// A locator without weights: every option is equally likely (at most 0.5), none above
    /// the default threshold of 0.5.
    EventLocator() = default;

    /// The model committed under data/models/event-location.txt.
    static const EventLocator& builtin();

    /// Reads a model in the text format of to_text(); InputError names `source` and the line.
    static EventLocator from_text(std::string_view text, const std::string& source);
    /// The model as text: `header` (comment lines), the threshold, then one "feature<TAB>
    /// weight" line per feature, sorted by feature.
    std::string to_text(std::string_view header) const;

    /// Trains a model on `records`, whose toponyms (the geoparser's, on each record's text)
    /// are `toponyms[i]`.
    static EventLocator train(const std::vector<EventLocationRecord>& records,
                              const std::vector<std::vector<Toponym>>& toponyms,
                              const LocatorTrainingOptions& options = {},
                              const Gazetteer* gazetteer = nullptr);

    /// Where the event at bytes [event_start, event_end) of the sentence [from, to) of `text`
    /// happened, by start offset. `toponyms` are the geoparser's for the text, in any order,
    /// and may reach outside the sentence (those are ignored). `gazetteer` (the geoparser's)
    /// adds what it knows of names the geoparser did not take as places; the builtin model
    /// was trained with it.
    std::vector<LocationSpan> locate(std::string_view text, std::size_t from, std::size_t to,
                                     std::size_t event_start, std::size_t event_end,
                                     const std::vector<Toponym>& toponyms,
                                     const Gazetteer* gazetteer = nullptr) const;

    /// Every candidate of the sentence with its probability of naming where that event
    /// happened, no threshold applied: read once per event word, then asked of each toponym
    /// with probability_of().
    std::vector<LocationSpan> place_probabilities(std::string_view text, std::size_t from,
                                                  std::size_t to, std::size_t event_start,
                                                  std::size_t event_end,
                                                  const std::vector<Toponym>& toponyms,
                                                  const Gazetteer* gazetteer = nullptr) const;

    /// P(`t` names where that event happened) from place_probabilities()'s `spans`, for a
    /// choice among toponyms: the best of the spans it covers or overlaps; 0 when none (`t`
    /// outside the sentence or overlapping the event word).
    static double probability_of(const std::vector<LocationSpan>& spans, const Toponym& t);

    std::size_t feature_count() const noexcept { return m_weights.size(); }
    double threshold() const noexcept { return m_threshold; }
    double threshold_more() const noexcept { return m_threshold_more; }
    double list_ratio() const noexcept { return m_list_ratio; }
    /// The same weights with another second threshold and list ratio.
    EventLocator with_thresholds(double threshold_more, double list_ratio) const;

private:
    double score(const std::vector<std::string>& features) const;
    std::vector<double> probabilities(const std::vector<detail::LocationCandidate>& cands) const;

    std::unordered_map<std::string, double> m_weights;
    double m_threshold = 0.5;
    double m_threshold_more = 0.5;
    double m_list_ratio = 1.0; ///< 1: a list member needs threshold_more like any other
};

} // namespace kharita
