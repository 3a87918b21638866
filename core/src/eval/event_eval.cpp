#include "eval/event_gold.hpp"

#include "kharita/base/error.hpp"
#include "kharita/document/article.hpp"

#include <algorithm>

namespace kharita {

namespace detail {
namespace {

std::optional<CivilDay> gold_day(const nlohmann::json& v) {
    if (!v.is_string())
        return std::nullopt;
    if (auto t = LocalTime::parse(v.get<std::string>()))
        return t->day;
    return std::nullopt;
}

GoldEvent gold_event(const nlohmann::json& g) {
    GoldEvent e;
    e.id = g.value("id", "");
    e.type = g.value("type", "");
    e.place = g.value("place", "");
    e.precision = g.value("precision", "point");
    e.status = g.value("status", "occurred");
    e.date_precision = g.value("date_precision", "unknown");
    e.targets.push_back({g.value("lat", 0.0), g.value("lon", 0.0)});
    for (const auto& alt : g.value("alts", nlohmann::json::array()))
        e.targets.push_back({alt.at(0).get<double>(), alt.at(1).get<double>()});
    e.start = gold_day(g.value("date_start", nlohmann::json()));
    e.end = gold_day(g.value("date_end", nlohmann::json()));
    return e;
}

bool place_agrees(const Event& e, const GoldEvent& g) {
    if (!e.place)
        return false;
    return std::any_of(g.targets.begin(), g.targets.end(), [&](const LatLon& t) {
        return distance_km(e.place->position, t) <= g.tolerance_km();
    });
}

/// Whether the event's dates agree with the gold's (see EventScores).
bool date_agrees(const Event& e, const GoldEvent& g) {
    if (!g.end)
        return true; // the gold says nothing of the date
    if (!e.date_end)
        return false;
    if (!g.start) // "on or before" the gold's end day
        return !e.date_start || e.date_start->serial() <= g.end->serial() + 1;
    if (!e.date_start)
        return false; // an undated event is no match for a dated one
    return e.date_start->serial() <= g.end->serial() + 1 &&
           g.start->serial() <= e.date_end->serial() + 1;
}

std::string event_description(const Event& e) {
    return std::string(to_string(e.type)) + " at " + (e.place ? e.place->text : std::string("?")) +
           " " + (e.date_start ? e.date_start->iso() : std::string("?")) + ".." +
           (e.date_end ? e.date_end->iso() : std::string("?"));
}

std::string_view geo_precision_class(GeoPrecision p) {
    switch (p) {
    case GeoPrecision::site:
    case GeoPrecision::district:
    case GeoPrecision::town:
        return "point";
    case GeoPrecision::country:
        return "country";
    default:
        return "region";
    }
}

/// The first unused prediction of the gold's type that `fits`, or -1.
template <typename Fits>
int first_fitting(const std::vector<std::pair<Event, int>>& predicted,
                  const std::vector<bool>& used, const GoldEvent& g, Fits fits) {
    for (std::size_t k = 0; k < predicted.size(); ++k) {
        const Event& e = predicted[k].first;
        if (!used[k] && to_string(e.type) == g.type && fits(e))
            return static_cast<int>(k);
    }
    return -1;
}

} // namespace

std::string GoldEvent::description() const {
    return type + " at " + place + " " + (start ? start->iso() : std::string("?")) + ".." +
           (end ? end->iso() : std::string("?"));
}

std::vector<GoldEvent> gold_events(const nlohmann::json& gold) {
    std::vector<GoldEvent> out;
    for (const auto& g : gold.value("events", nlohmann::json::array()))
        out.push_back(gold_event(g));
    return out;
}

bool fits_gold(const Event& e, const GoldEvent& g) {
    return to_string(e.type) == g.type && place_agrees(e, g) && date_agrees(e, g);
}

bool tells_gold(const Event& e, const GoldEvent& g) {
    return to_string(e.type) == g.type && (place_agrees(e, g) || date_agrees(e, g));
}

/// Scores one page's merged events against its gold events: strict matches first (every
/// gold event), then the alignment of the rest by place or date.
EventScores score_events(const std::vector<std::pair<Event, int>>& predicted,
                         const std::vector<GoldEvent>& gold, const std::string& file) {
    EventScores s;
    s.files = 1;
    std::vector<bool> used(predicted.size(), false);
    std::vector<int> strict(gold.size(), -1);
    for (std::size_t i = 0; i < gold.size(); ++i) {
        const GoldEvent& g = gold[i];
        strict[i] = first_fitting(predicted, used, g, [&](const Event& e) {
            return place_agrees(e, g) && date_agrees(e, g);
        });
        if (strict[i] >= 0)
            used[static_cast<std::size_t>(strict[i])] = true;
    }
    for (std::size_t i = 0; i < gold.size(); ++i) {
        const GoldEvent& g = gold[i];
        EventCaseResult r;
        r.gold_id = g.id;
        r.file = file;
        r.description = g.description();
        if (strict[i] >= 0) {
            const Event& e = predicted[static_cast<std::size_t>(strict[i])].first;
            r.matched = r.place_right = r.date_right = true;
            r.trigger = e.trigger + "] " + e.evidence.substr(0, 160) + "[";
            ++s.events.tp;
            s.status_right += to_string(e.status) == g.status ? 1 : 0;
            s.geo_precision_right += geo_precision_class(e.place->precision) == g.precision;
            s.time_precision_right += time_precision_name(e.time_precision) == g.date_precision;
        } else {
            ++s.events.fn;
            const int k = first_fitting(predicted, used, g, [&](const Event& e) {
                return place_agrees(e, g) || date_agrees(e, g);
            });
            if (k >= 0) {
                used[static_cast<std::size_t>(k)] = true;
                const Event& e = predicted[static_cast<std::size_t>(k)].first;
                r.place_right = place_agrees(e, g);
                r.date_right = date_agrees(e, g);
                r.found = event_description(e);
                r.trigger = e.trigger;
            }
        }
        if (r.matched || !r.found.empty()) {
            ++s.aligned;
            s.place_right += r.place_right ? 1 : 0;
            s.date_right += r.date_right ? 1 : 0;
        }
        s.gold.push_back(std::move(r));
    }
    for (std::size_t k = 0; k < predicted.size(); ++k) {
        const Event& e = predicted[k].first;
        const bool strict_match =
            std::find(strict.begin(), strict.end(), static_cast<int>(k)) != strict.end();
        if (strict_match)
            continue;
        ++s.events.fp;
        s.unmatched.emplace_back(file, event_description(e) + " [" + e.trigger + "] " +
                                           e.evidence.substr(0, 90));
    }
    return s;
}

std::vector<Article> gold_page_articles(const std::filesystem::path& page,
                                        const std::optional<LocalTime>& retrieved) {
    Diagnostics problems;
    std::vector<Article> articles = read_articles(page, retrieved, problems);
    if (!problems.empty())
        throw InputError(page.string(), problems.examples().front().line, 0, {},
                         problems.examples().front().message);
    return articles;
}

std::vector<std::pair<std::filesystem::path, std::filesystem::path>>
gold_pages(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> golds;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > 10 && name.ends_with(".gold.json"))
            golds.push_back(entry.path());
    }
    if (golds.empty())
        throw InputError(dir.string(), "no NAME.gold.json files");
    std::sort(golds.begin(), golds.end());
    std::vector<std::pair<std::filesystem::path, std::filesystem::path>> out;
    for (const auto& gold : golds) {
        const std::string name = gold.filename().string();
        const std::string stem = name.substr(0, name.size() - 10);
        std::optional<std::filesystem::path> page;
        for (const char* ext : {".txt", ".html", ".jsonl"}) {
            if (std::filesystem::exists(dir / (stem + ext)))
                page = dir / (stem + ext);
        }
        if (!page)
            throw InputError(gold.string(), "no page " + stem + ".txt, .html or .jsonl beside it");
        out.emplace_back(gold, *page);
    }
    return out;
}

} // namespace detail

void EventScores::add(EventScores other) {
    events += other.events;
    status_right += other.status_right;
    geo_precision_right += other.geo_precision_right;
    time_precision_right += other.time_precision_right;
    aligned += other.aligned;
    date_right += other.date_right;
    place_right += other.place_right;
    files += other.files;
    std::move(other.gold.begin(), other.gold.end(), std::back_inserter(gold));
    std::move(other.unmatched.begin(), other.unmatched.end(), std::back_inserter(unmatched));
}

EventScores evaluate_events(const Geoparser& parser, const std::filesystem::path& gold_json,
                            const std::filesystem::path& page, const EventScreen& screen) {
    const nlohmann::json gold = detail::read_seed_gold(gold_json);
    const std::optional<LocalTime> retrieved = detail::gold_retrieved_at(gold);
    const auto predicted = merged_events(
        parse_articles(parser, detail::gold_page_articles(page, retrieved), retrieved, {}, screen));
    return detail::score_events(predicted, detail::gold_events(gold), page.filename().string());
}

EventScores evaluate_event_set(const Geoparser& parser, const std::filesystem::path& dir,
                               const EventScreen& screen) {
    EventScores total;
    for (const auto& [gold, page] : detail::gold_pages(dir))
        total.add(evaluate_events(parser, gold, page, screen));
    return total;
}

} // namespace kharita
