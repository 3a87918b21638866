#include "kharita/events/event_location.hpp"

#include "events/event_location_features.hpp"
#include "events/weights_text.hpp"

#include "kharita/base/error.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numeric>
#include <random>
#include <unordered_set>

namespace kharita {

namespace detail {
// data/models/event-location.txt, embedded by core/CMakeLists.txt
extern const char* const kEventLocationModel;
} // namespace detail

namespace {

/// One training sentence: the feature indices of each option (its candidates, then
/// "none") and the probability each should get (shared among the gold candidates).
struct Sentence {
    std::vector<std::vector<std::uint32_t>> options;
    std::vector<double> target;
    std::shared_ptr<const std::vector<std::string>> names; ///< feature of each index
};

bool overlap(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    return a0 < b1 && b0 < a1;
}

/// How well a span fits a gold span: the share of their union they have in common.
double fit(const detail::LocationCandidate& c, const TextSpan& g) {
    const std::size_t common = std::min(c.end, g.end) - std::max(c.start, g.start);
    return static_cast<double>(common) /
           static_cast<double>(std::max(c.end, g.end) - std::min(c.start, g.start));
}

/// Whether candidate `k` is a gold place: it overlaps a gold span, and no candidate
/// overlapping both (a whole run against its pieces) fits that span better.
bool is_gold(const std::vector<detail::LocationCandidate>& cands, std::size_t k,
             const EventLocationRecord& r) {
    const detail::LocationCandidate& c = cands[k];
    if (c.none)
        return false;
    return std::any_of(r.locations.begin(), r.locations.end(), [&](const TextSpan& g) {
        if (!overlap(c.start, c.end, g.start, g.end))
            return false;
        const double mine = fit(c, g);
        return std::none_of(cands.begin(), cands.end(), [&](const detail::LocationCandidate& o) {
            return !o.none && &o != &c && overlap(o.start, o.end, c.start, c.end) &&
                   overlap(o.start, o.end, g.start, g.end) && fit(o, g) > mine;
        });
    });
}

std::vector<detail::LocationCandidate> record_candidates(const EventLocationRecord& r,
                                                         const std::vector<Toponym>& toponyms,
                                                         const Gazetteer* gazetteer) {
    return detail::location_candidates(r.text, 0, r.text.size(), r.event.start, r.event.end,
                                       toponyms, gazetteer);
}

/// Turns scores into probabilities in place.
void softmax(std::vector<double>& z) {
    if (z.empty())
        return;
    const double top = *std::max_element(z.begin(), z.end());
    double total = 0;
    for (double& v : z) {
        v = std::exp(v - top);
        total += v;
    }
    for (double& v : z)
        v /= total;
}

/// The sentences of `records` as training examples. Features seen in fewer than
/// options.min_records sentences are dropped: they would only memorise.
std::vector<Sentence> training_sentences(const std::vector<EventLocationRecord>& records,
                                         const std::vector<std::vector<Toponym>>& toponyms,
                                         const LocatorTrainingOptions& options,
                                         const Gazetteer* gazetteer) {
    std::unordered_map<std::string, std::uint32_t> seen;
    std::vector<std::vector<detail::LocationCandidate>> cands(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        cands[i] = record_candidates(records[i], toponyms.at(i), gazetteer);
        std::unordered_set<std::string_view> in_record;
        for (const auto& c : cands[i])
            for (const std::string& f : c.features)
                in_record.insert(f);
        for (const std::string_view f : in_record)
            ++seen[std::string(f)];
    }
    std::unordered_map<std::string, std::uint32_t> index;
    auto names = std::make_shared<std::vector<std::string>>();
    for (const auto& [name, count] : seen) {
        if (count >= static_cast<std::uint32_t>(std::max(1, options.min_records))) {
            index.emplace(name, static_cast<std::uint32_t>(names->size()));
            names->push_back(name);
        }
    }
    std::vector<Sentence> out;
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (cands[i].empty())
            continue;
        Sentence s;
        s.names = names;
        std::size_t positives = 0;
        for (std::size_t o = 0; o < cands[i].size(); ++o) {
            std::vector<std::uint32_t> f;
            for (const std::string& name : cands[i][o].features)
                if (const auto it = index.find(name); it != index.end())
                    f.push_back(it->second);
            s.options.push_back(std::move(f));
            const bool gold = is_gold(cands[i], o, records[i]);
            s.target.push_back(gold ? 1.0 : 0.0);
            positives += gold ? 1 : 0;
        }
        for (std::size_t o = 0; o < cands[i].size(); ++o) {
            if (positives == 0)
                s.target[o] = cands[i][o].none ? 1.0 : 0.0;
            else
                s.target[o] /= static_cast<double>(positives);
        }
        out.push_back(std::move(s));
    }
    return out;
}

/// Fisher-Yates with a fixed generator, so that a seed gives the same model everywhere
/// (std::shuffle's algorithm is the library's choice).
void shuffle(std::vector<std::size_t>& order, std::mt19937_64& rng) {
    for (std::size_t i = order.size(); i > 1; --i) {
        const std::size_t j = static_cast<std::size_t>(rng() % i);
        std::swap(order[i - 1], order[j]);
    }
}

} // namespace

const EventLocator& EventLocator::builtin() {
    static const EventLocator model =
        from_text(detail::kEventLocationModel, "data/models/event-location.txt");
    return model;
}

EventLocator EventLocator::from_text(std::string_view text, const std::string& source) {
    EventLocator out;
    out.m_weights = detail::read_weights_text(text, source);
    const auto setting = [&out](const char* name, double& into) {
        if (const auto it = out.m_weights.find(name); it != out.m_weights.end()) {
            into = it->second;
            out.m_weights.erase(it);
        }
    };
    setting("threshold", out.m_threshold);
    setting("threshold_more", out.m_threshold_more);
    setting("list_ratio", out.m_list_ratio);
    return out;
}

EventLocator EventLocator::with_thresholds(double threshold_more, double list_ratio) const {
    EventLocator out = *this;
    out.m_threshold_more = threshold_more;
    out.m_list_ratio = list_ratio;
    return out;
}

std::string EventLocator::to_text(std::string_view header) const {
    return detail::weights_to_text(header,
                                   {{"threshold", m_threshold},
                                    {"threshold_more", m_threshold_more},
                                    {"list_ratio", m_list_ratio}},
                                   m_weights);
}

double EventLocator::score(const std::vector<std::string>& features) const {
    double z = 0;
    for (const std::string& f : features) {
        const auto it = m_weights.find(f);
        if (it != m_weights.end())
            z += it->second;
    }
    return z;
}

std::vector<double>
EventLocator::probabilities(const std::vector<detail::LocationCandidate>& cands) const {
    std::vector<double> p(cands.size());
    for (std::size_t k = 0; k < cands.size(); ++k)
        p[k] = score(cands[k].features);
    softmax(p);
    return p;
}

std::vector<LocationSpan> EventLocator::locate(std::string_view text, std::size_t from,
                                               std::size_t to, std::size_t event_start,
                                               std::size_t event_end,
                                               const std::vector<Toponym>& toponyms,
                                               const Gazetteer* gazetteer) const {
    const std::vector<detail::LocationCandidate> cands =
        detail::location_candidates(text, from, to, event_start, event_end, toponyms, gazetteer);
    const std::vector<double> p = probabilities(cands);
    std::size_t best = 0;
    for (std::size_t k = 0; k < cands.size(); ++k)
        best = !cands[k].none && p[k] > p[best] ? k : best;
    // likeliest first; a span overlapping one already taken (a run and its pieces) is not
    std::vector<std::size_t> order(cands.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
    std::vector<LocationSpan> out;
    for (const std::size_t k : order) {
        const detail::LocationCandidate& c = cands[k];
        // a member of the likeliest one's list ("in A, B and C") shares its probability
        // with the others: a lower bar, relative to the likeliest
        const bool listed = c.list >= 0 && c.list == cands[best].list && p[best] > m_threshold;
        const double bar = k == best ? m_threshold
                           : listed  ? std::min(m_threshold_more, m_list_ratio * p[best])
                                     : m_threshold_more;
        if (c.none || p[k] <= bar)
            continue;
        if (std::none_of(out.begin(), out.end(), [&](const LocationSpan& s) {
                return overlap(s.start, s.end, c.start, c.end);
            }))
            out.push_back({c.start, c.end, p[k], c.toponym});
    }
    std::sort(out.begin(), out.end(),
              [](const LocationSpan& a, const LocationSpan& b) { return a.start < b.start; });
    return out;
}

std::vector<LocationSpan> EventLocator::place_probabilities(std::string_view text, std::size_t from,
                                                            std::size_t to, std::size_t event_start,
                                                            std::size_t event_end,
                                                            const std::vector<Toponym>& toponyms,
                                                            const Gazetteer* gazetteer) const {
    const std::vector<detail::LocationCandidate> cands =
        detail::location_candidates(text, from, to, event_start, event_end, toponyms, gazetteer);
    const std::vector<double> p = probabilities(cands);
    std::vector<LocationSpan> out;
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (!cands[k].none)
            out.push_back({cands[k].start, cands[k].end, p[k], cands[k].toponym});
    }
    return out;
}

double EventLocator::probability_of(const std::vector<LocationSpan>& spans, const Toponym& t) {
    double best = 0;
    for (const LocationSpan& s : spans) {
        if (s.toponym == &t || (s.start < t.end && t.start < s.end))
            best = std::max(best, s.score);
    }
    return best;
}

EventLocator EventLocator::train(const std::vector<EventLocationRecord>& records,
                                 const std::vector<std::vector<Toponym>>& toponyms,
                                 const LocatorTrainingOptions& options,
                                 const Gazetteer* gazetteer) {
    const std::vector<Sentence> sentences =
        training_sentences(records, toponyms, options, gazetteer);
    // a conditional logit (softmax over a sentence's candidates and "none") trained by
    // AdaGrad; the weights kept are the mean of those at the end of each epoch, which
    // steadies them without a tuned regularisation
    const std::size_t n = sentences.empty() ? 0 : sentences.front().names->size();
    std::vector<double> w(n, 0.0);
    std::vector<double> g2(n, 1e-8);
    std::vector<double> sum(n, 0.0);
    std::vector<std::size_t> order(sentences.size());
    std::vector<double> p;
    const int bags = std::max(1, options.bags);
    for (int bag = 0; bag < bags; ++bag) {
        std::fill(w.begin(), w.end(), 0.0);
        std::fill(g2.begin(), g2.end(), 1e-8);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::mt19937_64 rng(options.seed + static_cast<std::uint64_t>(bag));
        for (int epoch = 0; epoch < options.epochs; ++epoch) {
            shuffle(order, rng);
            for (const std::size_t k : order) {
                const Sentence& s = sentences[k];
                p.assign(s.options.size(), 0.0);
                for (std::size_t o = 0; o < s.options.size(); ++o)
                    for (const std::uint32_t f : s.options[o])
                        p[o] += w[f];
                softmax(p);
                for (std::size_t o = 0; o < s.options.size(); ++o) {
                    const double grad = s.target[o] - p[o];
                    for (const std::uint32_t f : s.options[o]) {
                        const double g = grad - options.l2 * w[f];
                        g2[f] += g * g;
                        w[f] += options.rate * g / std::sqrt(g2[f]);
                    }
                }
            }
            for (std::size_t f = 0; f < n; ++f)
                sum[f] += w[f];
        }
    }
    EventLocator out;
    out.m_threshold = options.threshold;
    out.m_threshold_more = options.threshold_more;
    out.m_list_ratio = options.list_ratio;
    for (std::size_t f = 0; f < n; ++f) {
        const double v = sum[f] / (std::max(1, options.epochs) * bags);
        if (std::abs(v) >= 1e-4)
            out.m_weights.emplace((*sentences.front().names)[f], v);
    }
    return out;
}

} // namespace kharita
