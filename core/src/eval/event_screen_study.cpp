#include "kharita/eval/event_screen_study.hpp"

#include "eval/event_gold.hpp"

#include "kharita/text/hash.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace kharita {

namespace {

/// Page resamples for the threshold's standard error, and their seed.
constexpr std::size_t kThresholdResamples = 200;
constexpr unsigned kThresholdResampleSeed = 1;

/// One article of a page: the rules' events with their features.
struct ScreenArticle {
    std::vector<Event> events;
    std::vector<std::vector<std::string>> features;
    std::size_t first_event = 0; ///< the corpus-wide index of its first event
};

struct ScreenPage {
    std::string file;
    std::size_t set = 0;
    std::vector<ScreenArticle> articles;
    std::vector<detail::GoldEvent> gold;
};

} // namespace

struct ScreenCorpus::Data {
    std::vector<std::string> sets;
    std::vector<ScreenPage> pages;
    std::vector<bool> right; ///< per event, in page order
};

ScreenCorpus::ScreenCorpus(std::unique_ptr<Data> data) : m_data(std::move(data)) {}
ScreenCorpus::ScreenCorpus(ScreenCorpus&&) noexcept = default;
ScreenCorpus& ScreenCorpus::operator=(ScreenCorpus&&) noexcept = default;
ScreenCorpus::~ScreenCorpus() = default;

ScreenCorpus ScreenCorpus::read(const Geoparser& parser,
                                const std::vector<std::filesystem::path>& sets) {
    auto d = std::make_unique<Data>();
    const EventScreen keep_all;
    for (const std::filesystem::path& dir : sets) {
        d->sets.push_back(dir.filename().empty() ? dir.parent_path().filename().string()
                                                 : dir.filename().string());
        for (const auto& [gold_file, page_file] : detail::gold_pages(dir)) {
            const nlohmann::json gold = detail::read_seed_gold(gold_file);
            const std::optional<LocalTime> retrieved = detail::gold_retrieved_at(gold);
            ScreenPage page;
            page.file = page_file.filename().string();
            page.set = d->sets.size() - 1;
            page.gold = detail::gold_events(gold);
            for (ParsedArticle& p :
                 parse_articles(parser, detail::gold_page_articles(page_file, retrieved), retrieved,
                                {}, keep_all)) {
                ScreenArticle a;
                // the publication day, as parse_articles() gives the screen
                a.features = event_screen_features(p.events, p.article.text, p.article.published);
                a.first_event = d->right.size();
                for (const Event& e : p.events) {
                    d->right.push_back(std::any_of(
                        page.gold.begin(), page.gold.end(),
                        [&](const detail::GoldEvent& g) { return detail::tells_gold(e, g); }));
                }
                a.events = std::move(p.events);
                page.articles.push_back(std::move(a));
            }
            d->pages.push_back(std::move(page));
        }
    }
    return ScreenCorpus(std::move(d));
}

std::size_t ScreenCorpus::page_count() const {
    return m_data->pages.size();
}
std::size_t ScreenCorpus::event_count() const {
    return m_data->right.size();
}
std::size_t ScreenCorpus::right_count() const {
    return static_cast<std::size_t>(std::count(m_data->right.begin(), m_data->right.end(), true));
}
const std::vector<std::string>& ScreenCorpus::set_names() const {
    return m_data->sets;
}
std::size_t ScreenCorpus::set_of(std::size_t page) const {
    return m_data->pages[page].set;
}

std::size_t ScreenCorpus::fold_of(std::size_t page, std::size_t folds) const {
    return folds == 0 ? 0 : static_cast<std::size_t>(fnv1a(m_data->pages[page].file) % folds);
}

EventScreen ScreenCorpus::train(const std::vector<std::size_t>& pages,
                                const ScreenTrainingOptions& options) const {
    std::vector<std::vector<std::string>> features;
    std::vector<bool> right;
    for (const std::size_t p : pages) {
        for (const ScreenArticle& a : m_data->pages[p].articles) {
            for (std::size_t i = 0; i < a.events.size(); ++i) {
                features.push_back(a.features[i]);
                right.push_back(m_data->right[a.first_event + i]);
            }
        }
    }
    return EventScreen::train(features, right, options);
}

void ScreenCorpus::set_probabilities(const std::vector<std::size_t>& pages,
                                     const EventScreen& screen,
                                     std::vector<double>& probabilities) const {
    probabilities.resize(m_data->right.size(), 1.0);
    for (const std::size_t p : pages) {
        for (const ScreenArticle& a : m_data->pages[p].articles) {
            for (std::size_t i = 0; i < a.events.size(); ++i)
                probabilities[a.first_event + i] = screen.probability(a.features[i]);
        }
    }
}

EventScores ScreenCorpus::score_at(const std::vector<std::size_t>& pages,
                                   const std::vector<double>& probabilities,
                                   double threshold) const {
    EventScores total;
    for (const std::size_t p : pages) {
        const ScreenPage& page = m_data->pages[p];
        std::vector<Event> kept;
        for (const ScreenArticle& a : page.articles) {
            for (std::size_t i = 0; i < a.events.size(); ++i) {
                if (probabilities[a.first_event + i] >= threshold)
                    kept.push_back(a.events[i]);
            }
        }
        total.add(detail::score_events(merge_events(kept), page.gold, page.file));
    }
    return total;
}

double choose_screen_threshold(const ScreenCorpus& corpus, const std::vector<std::size_t>& pages,
                               std::size_t folds, const ScreenTrainingOptions& options) {
    std::vector<double> oof(corpus.event_count(), 1.0);
    for (std::size_t f = 0; f < folds; ++f) {
        // the pages in turn (they come in name order): a split unlike the outer one, whose
        // training pages all share one value of fold_of()
        std::vector<std::size_t> train, held;
        for (std::size_t k = 0; k < pages.size(); ++k)
            (k % folds == f ? held : train).push_back(pages[k]);
        corpus.set_probabilities(held, corpus.train(train, options), oof);
    }
    // each page's counts at each candidate: the rules alone (0), then kScreenThresholds
    std::vector<double> candidates{0.0};
    candidates.insert(candidates.end(), kScreenThresholds.begin(), kScreenThresholds.end());
    std::vector<std::vector<PrfCounts>> counts(candidates.size());
    for (std::size_t c = 0; c < candidates.size(); ++c) {
        for (const std::size_t p : pages)
            counts[c].push_back(corpus.score_at({p}, oof, candidates[c]).events);
    }
    const auto f1_of = [&](std::size_t c, const std::vector<std::size_t>& sample) {
        PrfCounts sum;
        for (const std::size_t k : sample)
            sum += counts[c][k];
        return sum.f1();
    };
    std::vector<std::size_t> all(pages.size());
    for (std::size_t k = 0; k < all.size(); ++k)
        all[k] = k;
    std::size_t best = 0;
    for (std::size_t c = 1; c < candidates.size(); ++c) {
        if (f1_of(c, all) > f1_of(best, all) + 1e-9)
            best = c;
    }
    // the least aggressive candidate within one standard error of the best: the error of
    // the paired difference, from page resamples (a fixed seed: the same choice every run)
    std::vector<std::vector<double>> differences(candidates.size());
    std::mt19937 rng(kThresholdResampleSeed);
    std::uniform_int_distribution<std::size_t> any_page(0, pages.size() - 1);
    std::vector<std::size_t> sample(pages.size());
    for (std::size_t b = 0; b < kThresholdResamples; ++b) {
        for (std::size_t& k : sample)
            k = any_page(rng);
        const double at_best = f1_of(best, sample);
        for (std::size_t c = 0; c < candidates.size(); ++c)
            differences[c].push_back(at_best - f1_of(c, sample));
    }
    for (std::size_t c = 0; c < best; ++c) {
        double mean = 0;
        for (const double d : differences[c])
            mean += d;
        mean /= static_cast<double>(differences[c].size());
        double variance = 0;
        for (const double d : differences[c])
            variance += (d - mean) * (d - mean);
        const double error = std::sqrt(variance / static_cast<double>(differences[c].size() - 1));
        if (f1_of(best, all) - f1_of(c, all) <= error)
            return candidates[c];
    }
    return candidates[best];
}

ScreenCrossValidation cross_validate_screen(const ScreenCorpus& corpus, std::size_t folds,
                                            std::size_t tune_folds,
                                            const ScreenTrainingOptions& options) {
    ScreenCrossValidation out;
    out.sets = corpus.set_names();
    out.rules.resize(out.sets.size());
    out.screened.resize(out.sets.size());
    std::vector<double> probs(corpus.event_count(), 1.0);
    for (std::size_t f = 0; f < folds; ++f) {
        std::vector<std::size_t> train, held;
        for (std::size_t p = 0; p < corpus.page_count(); ++p)
            (corpus.fold_of(p, folds) == f ? held : train).push_back(p);
        ScreenTrainingOptions o = options;
        if (tune_folds >= 2)
            o.threshold = choose_screen_threshold(corpus, train, tune_folds, options);
        out.thresholds.push_back(o.threshold);
        corpus.set_probabilities(held, corpus.train(train, o), probs);
        // each fold keeps its own threshold: score its pages apart
        for (std::size_t s = 0; s < out.sets.size(); ++s) {
            std::vector<std::size_t> of_set;
            for (const std::size_t p : held) {
                if (corpus.set_of(p) == s)
                    of_set.push_back(p);
            }
            out.rules[s] += corpus.score_at(of_set, probs, 0).events;
            out.screened[s] += corpus.score_at(of_set, probs, o.threshold).events;
        }
    }
    return out;
}

} // namespace kharita
