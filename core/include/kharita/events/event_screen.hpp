#pragma once
// The event screen: a learned second look at each event the rules extracted, "does the report
// tell this as a happening at all?". The rules find triggers and read place, date and status
// from the sentence; what they cannot weigh together is whether the whole reads as a
// happening the report tells (not a recalled incident read as new, a reaction, a warning, a
// trigger word used loosely). A logistic regression scores each event from explainable
// features: its type, trigger word and status, how it was dated (its own clause, the
// narrative, assumed from the report's day) and how long before the report, how it was
// placed (named, inherited, coarse), where its sentence stands in the article and what the
// headline shares with it, and the words next to its trigger (lower-case words as
// themselves, capitalised ones by shape: the weights hold no names, nor topic words). An
// event whose probability is below the model's threshold is dropped.
//
// The builtin model is data/models/event-screen.txt, embedded at build time; `kharita train
// event-screen` reproduces it from the labelled report sets (tests/data/events-*): each event
// the rules extract is labelled right when it tells a gold event of its page (same type, and
// the place or the dates agree: a happening with a wrong date is still a happening, for the
// date stage to mend, not the screen to drop), and the command prints the screen's
// cross-validated effect on the strict event score (docs/events.md, "The event screen").
//
// Thread rules: an EventScreen is immutable once built; its const methods may run on many
// threads at once.

#include "kharita/events/events.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kharita {

/// The features of each of an article's events (as EventExtractor::extract returned them) in
/// `text`, published on `published` when known (the day a page was retrieved is no
/// publication day: an event's age counts from the report's own day); one list per event,
/// in order.
std::vector<std::vector<std::string>>
event_screen_features(const std::vector<Event>& events, std::string_view text,
                      const std::optional<CivilDay>& published);

/// How EventScreen::train runs: AdaGrad on the log loss with an L2 penalty, `bags` models
/// over the examples in shuffled orders, their weights averaged.
struct ScreenTrainingOptions {
    int epochs = 20;
    int bags = 8;
    std::uint64_t seed = 1;
    double rate = 0.03;   ///< 0.1 chose thresholds that varied more between folds
    double l2 = 0.001;    ///< per update, times the rate
    int min_examples = 3; ///< a feature seen in fewer training events is dropped
    double threshold = 0.5;
};

class EventScreen {
public:
    /// A screen without weights: it keeps every event.
    EventScreen() = default;

    /// The model committed under data/models/event-screen.txt.
    static const EventScreen& builtin();

    /// Reads a model in the text format of to_text(); InputError names `source` and the line.
    static EventScreen from_text(std::string_view text, const std::string& source);
    /// The model as text: `header` (comment lines), the threshold, then one "feature<TAB>
    /// weight" line per feature, sorted by feature.
    std::string to_text(std::string_view header) const;

    /// Trains a model on events' features and whether each was right.
    static EventScreen train(const std::vector<std::vector<std::string>>& features,
                             const std::vector<bool>& right,
                             const ScreenTrainingOptions& options = {});

    /// P(the event is right) from its features; 1 for a screen without weights.
    double probability(const std::vector<std::string>& features) const;

    /// The events of an article with probability at least the threshold, order kept.
    std::vector<Event> keep(std::vector<Event> events, std::string_view text,
                            const std::optional<CivilDay>& published) const;

    bool empty() const noexcept { return m_weights.empty(); }
    std::size_t feature_count() const noexcept { return m_weights.size(); }
    double threshold() const noexcept { return m_threshold; }
    EventScreen with_threshold(double threshold) const;

private:
    std::unordered_map<std::string, double> m_weights;
    double m_threshold = 0;
};

} // namespace kharita
