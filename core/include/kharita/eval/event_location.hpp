#pragma once
// Scoring event-to-place linking exactly as ../shared/eval/event-location/score.py does:
// words are the maximal runs of letters and digits of the text (Unicode: Python's
// [^\W_]+); a word is a location word when it lies inside one of the record's spans. Token
// precision, recall and F1 are micro-averaged over location words; a sentence is right
// when its predicted set of location words equals the gold set (a sentence with no gold
// place is right when nothing is predicted); a gold record with no prediction counts as an
// empty prediction.

#include "kharita/base/diagnostics.hpp"
#include "kharita/events/event_location.hpp"
#include "kharita/geo/geoparser.hpp"

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace kharita {

/// A sentence scored wrong, as score.py --errors lists it.
struct EventLocationMiss {
    std::string id;
    std::string event;
    std::vector<std::string> gold;
    std::vector<std::string> predicted;
    std::string text;
};

struct EventLocationScores {
    std::size_t records = 0;
    std::size_t true_words = 0; ///< predicted location words that are gold ones
    std::size_t predicted_words = 0;
    std::size_t gold_words = 0;
    std::size_t right = 0; ///< sentences whose location words are exactly right
    std::size_t with_location = 0, right_with_location = 0;
    std::size_t without_location = 0, right_without_location = 0;
    std::vector<EventLocationMiss> misses; ///< the first ones, in file order

    double precision() const noexcept;
    double recall() const noexcept;
    double f1() const noexcept;
};

/// Predicted spans by record id, in code points (TextSpan::cp_start, cp_end).
using LocationPredictions = std::unordered_map<std::string, std::vector<TextSpan>>;

/// Reads prediction lines {"id", "locations": [{"start", "end"}]}; a bad line goes to
/// `problems` and is skipped.
LocationPredictions read_location_predictions(const std::string& path, Diagnostics& problems);

EventLocationScores score_event_locations(const std::vector<EventLocationRecord>& gold,
                                          const LocationPredictions& predicted,
                                          std::size_t max_misses = 0);

/// The geoparser's toponyms of each record's text.
std::vector<std::vector<Toponym>> geoparse_records(const Geoparser& parser,
                                                   const std::vector<EventLocationRecord>& records);

/// What `locator` predicts for each record.
LocationPredictions predict_locations(const EventLocator& locator,
                                      const std::vector<EventLocationRecord>& records,
                                      const std::vector<std::vector<Toponym>>& toponyms,
                                      const Gazetteer* gazetteer);

/// The fold (0 .. folds-1) of a record, by a hash of its id: the same split every run.
std::size_t location_fold(std::string_view id, std::size_t folds) noexcept;

/// Sentences that only ever train (an analyst's reviewed events, `kharita review
/// export-training`), with their toponyms.
struct ExtraTraining {
    std::vector<EventLocationRecord> records;
    std::vector<std::vector<Toponym>> toponyms;
};

/// `options` with the second threshold and the list ratio that give the best token F1 in a
/// cross-validation of `records` in options.tune_folds folds (a grid: threshold_more 0.2 to
/// 0.4, list_ratio 0.02 to 0.2 or 1), split by a salted id so that inside a training fold
/// the inner folds do not repeat the outer ones.
LocatorTrainingOptions tune_location_thresholds(const std::vector<EventLocationRecord>& records,
                                                const std::vector<std::vector<Toponym>>& toponyms,
                                                const LocatorTrainingOptions& options,
                                                const Gazetteer* gazetteer);

/// Cross-validation: each record predicted by a model trained on the other folds (and on
/// `extra`, which is never held out, so the figure stays the base set's). With
/// options.tune_folds, the thresholds of each fold's model are chosen on its training folds
/// only; `tuned` (if given) receives each fold's options.
LocationPredictions cross_validate_locations(const std::vector<EventLocationRecord>& records,
                                             const std::vector<std::vector<Toponym>>& toponyms,
                                             std::size_t folds,
                                             const LocatorTrainingOptions& options,
                                             const Gazetteer* gazetteer,
                                             const ExtraTraining& extra = {},
                                             std::vector<LocatorTrainingOptions>* tuned = nullptr);

/// Baselines: every toponym of the sentence, or only the one nearest the event word.
enum class LocationBaseline { all_toponyms, nearest_toponym };
LocationPredictions baseline_locations(LocationBaseline baseline,
                                       const std::vector<EventLocationRecord>& records,
                                       const std::vector<std::vector<Toponym>>& toponyms);

} // namespace kharita
