#pragma once
// Training and cross-validating the event screen (events/event_screen.hpp) on labelled report
// sets (directories of NAME.gold.json beside their pages, like tests/data/events-dev): every
// event the rules extract is labelled right when it tells a gold event of its page (same
// type, and the place within the gold's tolerance or the dates overlapping), and the
// screen's effect is the strict event score (EventScores) of the pages with and without it.

#include "kharita/eval/evaluation.hpp"
#include "kharita/events/event_screen.hpp"

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace kharita {

/// The labelled pages, parsed once without a screen.
class ScreenCorpus {
public:
    /// Reads every page of each of `sets` (InputError as `kharita eval events` gives).
    static ScreenCorpus read(const Geoparser& parser,
                             const std::vector<std::filesystem::path>& sets);
    ScreenCorpus(ScreenCorpus&&) noexcept;
    ScreenCorpus& operator=(ScreenCorpus&&) noexcept;
    ~ScreenCorpus();

    std::size_t page_count() const;
    std::size_t event_count() const; ///< the rules' events, before merging
    std::size_t right_count() const; ///< of those, the ones that tell a gold event
    const std::vector<std::string>& set_names() const;
    std::size_t set_of(std::size_t page) const;
    /// The page's fold of `folds`, fixed by its file name (FNV-1a), the same every run.
    std::size_t fold_of(std::size_t page, std::size_t folds) const;

    /// A screen trained on the events of `pages`.
    EventScreen train(const std::vector<std::size_t>& pages,
                      const ScreenTrainingOptions& options) const;
    /// Sets `probabilities[i]` to the screen's probability of event i for the events of
    /// `pages` (indices run over all the corpus's events, in page order); the vector grows to
    /// event_count() with 1 for events not set before.
    void set_probabilities(const std::vector<std::size_t>& pages, const EventScreen& screen,
                           std::vector<double>& probabilities) const;
    /// The strict event scores of `pages` with the events whose probability is at least
    /// `threshold` (the rules alone for a threshold of 0).
    EventScores score_at(const std::vector<std::size_t>& pages,
                         const std::vector<double>& probabilities, double threshold) const;

private:
    struct Data;
    explicit ScreenCorpus(std::unique_ptr<Data> data);
    std::unique_ptr<Data> m_data;
};

/// What a cross-validation of the screen found: per set, the strict event counts of the rules
/// alone and with the screen of the fold that did not see the page; per fold, the threshold
/// chosen on its training pages.
struct ScreenCrossValidation {
    std::vector<std::string> sets;
    std::vector<PrfCounts> rules, screened;
    std::vector<double> thresholds;
};

/// The thresholds a screen is tried at.
inline constexpr std::array<double, 9> kScreenThresholds = {0.2,  0.25, 0.3,  0.35, 0.4,
                                                            0.45, 0.5,  0.55, 0.6};

/// A threshold for the screen from an inner cross-validation of `pages` in `folds` folds
/// (each page's probability from a screen trained on the others): of the rules alone
/// (threshold 0) and kScreenThresholds, the least aggressive whose strict event F1 is within
/// one standard error of the best one's (the error of the paired difference over 200 page
/// resamples, a fixed seed). Inner folds move the best F1's threshold by noise; keeping
/// events unless dropping them is clearly better keeps the choice steady.
double choose_screen_threshold(const ScreenCorpus& corpus, const std::vector<std::size_t>& pages,
                               std::size_t folds, const ScreenTrainingOptions& options);

/// `folds`-fold cross-validation over the corpus's pages; with `tune_folds` of 2 or more each
/// fold's threshold is chosen by choose_screen_threshold on its training pages, else the
/// options' threshold is used.
ScreenCrossValidation cross_validate_screen(const ScreenCorpus& corpus, std::size_t folds,
                                            std::size_t tune_folds,
                                            const ScreenTrainingOptions& options);

} // namespace kharita
