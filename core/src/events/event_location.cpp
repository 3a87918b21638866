#include "kharita/events/event_location.hpp"

#include "events/event_location_features.hpp"

#include "kharita/base/error.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <numeric>
#include <random>
#include <unordered_set>

namespace kharita {

namespace detail {
// data/models/event-location.txt, embedded by core/CMakeLists.txt
extern const char* const kEventLocationModel;
} // namespace detail

namespace {

double sigmoid(double z) {
    return 1.0 / (1.0 + std::exp(-z));
}

/// Candidates of one record with their labels: does the candidate touch a gold span?
struct Example {
    std::vector<std::uint32_t> features;
    bool positive = false;
};

bool overlaps_gold(const detail::LocationCandidate& c, const EventLocationRecord& r) {
    return std::any_of(r.locations.begin(), r.locations.end(),
                       [&](const TextSpan& g) { return c.start < g.end && g.start < c.end; });
}

std::vector<detail::LocationCandidate> record_candidates(const EventLocationRecord& r,
                                                         const std::vector<Toponym>& toponyms) {
    return detail::location_candidates(r.text, 0, r.text.size(), r.event.start, r.event.end,
                                       toponyms);
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
    std::uint64_t line_no = 0;
    while (!text.empty()) {
        ++line_no;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        const std::size_t tab = line.rfind('\t');
        double w = 0;
        const char* end = line.data() + line.size();
        if (tab == std::string_view::npos || tab == 0 ||
            std::from_chars(line.data() + tab + 1, end, w).ptr != end || !std::isfinite(w)) {
            throw InputError(source, line_no, 0, "weight",
                             "not a \"feature<TAB>weight\" line: " +
                                 std::string(line.substr(0, 60)));
        }
        const std::string_view name = line.substr(0, tab);
        if (name == "threshold")
            out.m_threshold = w;
        else if (name == "threshold_more")
            out.m_threshold_more = w;
        else
            out.m_weights.emplace(name, w);
    }
    return out;
}

std::string EventLocator::to_text(std::string_view header) const {
    std::string out;
    std::size_t at = 0;
    while (at < header.size()) {
        const std::size_t nl = std::min(header.find('\n', at), header.size());
        out += "# ";
        out += header.substr(at, nl - at);
        out += '\n';
        at = nl + 1;
    }
    const auto number = [](double v) {
        std::array<char, 32> buf{};
        const auto r =
            std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::general, 6);
        return std::string(buf.data(), r.ptr);
    };
    out += "threshold\t" + number(m_threshold) + "\n";
    out += "threshold_more\t" + number(m_threshold_more) + "\n";
    std::vector<std::pair<std::string, double>> sorted(m_weights.begin(), m_weights.end());
    std::sort(sorted.begin(), sorted.end());
    for (const auto& [name, w] : sorted)
        out += name + "\t" + number(w) + "\n";
    return out;
}

double EventLocator::probability(const std::vector<std::string>& features) const {
    double z = 0;
    for (const std::string& f : features) {
        const auto it = m_weights.find(f);
        if (it != m_weights.end())
            z += it->second;
    }
    return sigmoid(z);
}

std::vector<LocationSpan> EventLocator::locate(std::string_view text, std::size_t from,
                                               std::size_t to, std::size_t event_start,
                                               std::size_t event_end,
                                               const std::vector<Toponym>& toponyms) const {
    const std::vector<detail::LocationCandidate> cands =
        detail::location_candidates(text, from, to, event_start, event_end, toponyms);
    std::vector<double> p(cands.size());
    std::size_t best = 0;
    for (std::size_t k = 0; k < cands.size(); ++k) {
        p[k] = probability(cands[k].features);
        best = p[k] > p[best] ? k : best;
    }
    std::vector<LocationSpan> out;
    for (std::size_t k = 0; k < cands.size(); ++k) {
        if (p[k] > (k == best ? m_threshold : m_threshold_more))
            out.push_back({cands[k].start, cands[k].end, p[k], cands[k].toponym});
    }
    return out;
}

double EventLocator::place_probability(std::string_view text, std::size_t from, std::size_t to,
                                       std::size_t event_start, std::size_t event_end,
                                       const std::vector<Toponym>& toponyms,
                                       const Toponym& t) const {
    double best = 0;
    for (const detail::LocationCandidate& c :
         detail::location_candidates(text, from, to, event_start, event_end, toponyms)) {
        if (c.toponym == &t || (c.start < t.end && t.start < c.end))
            best = std::max(best, probability(c.features));
    }
    return best;
}

EventLocator EventLocator::train(const std::vector<EventLocationRecord>& records,
                                 const std::vector<std::vector<Toponym>>& toponyms,
                                 const LocatorTrainingOptions& options) {
    // features seen in fewer than two records are dropped: they would only memorise
    std::unordered_map<std::string, std::uint32_t> seen;
    std::vector<std::vector<detail::LocationCandidate>> cands(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) {
        cands[i] = record_candidates(records[i], toponyms.at(i));
        std::unordered_set<std::string_view> in_record;
        for (const auto& c : cands[i])
            for (const std::string& f : c.features)
                in_record.insert(f);
        for (const std::string_view f : in_record)
            ++seen[std::string(f)];
    }
    std::unordered_map<std::string, std::uint32_t> index;
    std::vector<std::string> names;
    for (const auto& [name, count] : seen) {
        if (count >= 2) {
            index.emplace(name, static_cast<std::uint32_t>(names.size()));
            names.push_back(name);
        }
    }
    std::vector<Example> examples;
    for (std::size_t i = 0; i < records.size(); ++i) {
        for (const auto& c : cands[i]) {
            Example e;
            e.positive = overlaps_gold(c, records[i]);
            for (const std::string& f : c.features)
                if (const auto it = index.find(f); it != index.end())
                    e.features.push_back(it->second);
            examples.push_back(std::move(e));
        }
    }
    // logistic regression by AdaGrad; the weights kept are the mean of those at the end of
    // each epoch, which steadies them without a tuned regularisation
    std::vector<double> w(names.size(), 0.0);
    std::vector<double> g2(names.size(), 1e-8);
    std::vector<double> sum(names.size(), 0.0);
    std::vector<std::size_t> order(examples.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::mt19937_64 rng(options.seed);
    constexpr double kRate = 0.2;
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        shuffle(order, rng);
        for (const std::size_t k : order) {
            const Example& e = examples[k];
            double z = 0;
            for (const std::uint32_t f : e.features)
                z += w[f];
            const double grad = (e.positive ? 1.0 : 0.0) - sigmoid(z);
            for (const std::uint32_t f : e.features) {
                g2[f] += grad * grad;
                w[f] += kRate * grad / std::sqrt(g2[f]);
            }
        }
        for (std::size_t f = 0; f < w.size(); ++f)
            sum[f] += w[f];
    }
    EventLocator out;
    out.m_threshold = options.threshold;
    out.m_threshold_more = options.threshold_more;
    for (std::size_t f = 0; f < w.size(); ++f) {
        const double v = sum[f] / std::max(1, options.epochs);
        if (std::abs(v) >= 1e-4)
            out.m_weights.emplace(names[f], v);
    }
    return out;
}

} // namespace kharita
