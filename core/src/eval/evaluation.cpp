#include "kharita/eval/evaluation.hpp"

#include "kharita/base/error.hpp"
#include "kharita/events/pipeline.hpp"
#include "kharita/text/normalize.hpp"
#include "document/json_lines.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <set>

namespace kharita {

namespace {

constexpr double kMaxErrorKm = 20039.0; // half the Earth's circumference

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        throw InputError(p.string(), "cannot open");
    }
    return {std::istreambuf_iterator<char>(in), {}};
}

/// Byte offset of code point `cp` in `text`.
std::vector<std::size_t> code_point_to_byte(std::string_view text) {
    std::vector<std::size_t> map;
    map.reserve(text.size() + 1);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            map.push_back(i);
        }
    }
    map.push_back(text.size());
    return map;
}

/// A gold file in the seed format and the retrieval time it was made for.
struct SeedGold {
    nlohmann::json json;
    std::optional<LocalTime> retrieved;
};

SeedGold read_seed_gold(const std::filesystem::path& gold_json) {
    SeedGold g;
    try {
        g.json = nlohmann::json::parse(read_file(gold_json));
    } catch (const nlohmann::json::exception& e) {
        throw InputError(gold_json.string(), std::string("not JSON: ") + e.what());
    }
    if (g.json.contains("retrieved_at_for_this_gold") &&
        g.json["retrieved_at_for_this_gold"].is_string()) {
        g.retrieved = LocalTime::parse(g.json["retrieved_at_for_this_gold"].get<std::string>());
    }
    return g;
}

} // namespace

ErrorStats ErrorStats::from(std::vector<double> errors, std::size_t unresolved) {
    ErrorStats s;
    s.unresolved = unresolved;
    for (std::size_t i = 0; i < unresolved; ++i)
        errors.push_back(kMaxErrorKm);
    s.count = errors.size();
    if (errors.empty())
        return s;
    std::sort(errors.begin(), errors.end());
    double sum = 0, log_sum = 0;
    std::size_t within = 0;
    for (double e : errors) {
        sum += e;
        within += e <= 161.0 ? 1 : 0;
        log_sum += std::log(1.0 + e) / std::log(1.0 + kMaxErrorKm);
    }
    const std::size_t n = errors.size();
    s.acc161 = static_cast<double>(within) / static_cast<double>(n);
    s.mean_km = sum / static_cast<double>(n);
    s.median_km = n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
    // Gritta et al. (2018): area under the curve of sorted, log-scaled, normalised errors,
    // which for evenly spaced points is their mean.
    s.auc = log_sum / static_cast<double>(n);
    return s;
}

GeoparseScores evaluate_geoparse(const Geoparser& parser, const std::filesystem::path& jsonl) {
    std::ifstream in(jsonl);
    if (!in) {
        throw InputError(jsonl.string(), "cannot open");
    }
    GeoparseScores s;
    const Gazetteer& g = parser.gazetteer();
    std::vector<double> res_errors, e2e_errors, ceil_errors;
    std::size_t res_unresolved = 0, e2e_unresolved = 0, ceil_unresolved = 0, ceiling_hits = 0;
    double parse_seconds = 0;
    const auto bad_line = [&](std::uint64_t line_no, const std::string& message) {
        throw InputError(jsonl.string(), line_no, 0, {}, message);
    };
    detail::for_each_json_line(
        in,
        [&](const nlohmann::json& doc, std::uint64_t line_no) {
            if (!doc.contains("text") || !doc["text"].is_string() || !doc.contains("toponyms")) {
                throw InputError(jsonl.string(), line_no, 0, "text/toponyms",
                                 "each line needs a \"text\" string and a \"toponyms\" array");
            }
            const std::string text = doc["text"].get<std::string>();
            const auto cp2b = code_point_to_byte(text);
            ++s.documents;
            s.characters += static_cast<double>(cp2b.size() - 1);

            struct Gold {
                std::size_t begin, end;
                std::string name, type;
                bool has_coords;
                LatLon position;
            };
            std::vector<Gold> gold;
            for (const auto& t : doc["toponyms"]) {
                const auto cs = t.at("start").get<std::size_t>();
                const auto ce = t.at("end").get<std::size_t>();
                if (ce > cp2b.size() - 1 || cs > ce) {
                    throw InputError(jsonl.string(), line_no, 0, "toponyms",
                                     "span " + std::to_string(cs) + "-" + std::to_string(ce) +
                                         " lies outside the text");
                }
                Gold gt{cp2b[cs], cp2b[ce], t.value("name", ""), t.value("type", ""), false, {}};
                if (t.contains("lat") && t["lat"].is_number() && t.contains("lon") &&
                    t["lon"].is_number()) {
                    gt.has_coords = true;
                    gt.position = {t["lat"].get<double>(), t["lon"].get<double>()};
                }
                gold.push_back(std::move(gt));
            }
            s.gold += gold.size();

            const auto started = std::chrono::steady_clock::now();
            const std::vector<Toponym> found = parser.parse(text);
            parse_seconds +=
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

            // Recognition.
            const auto excluded_type = [](const std::string& type) {
                return type == "Demonym" || type == "Language" || type == "Homonym";
            };
            std::set<std::size_t> matched_gold_exact, matched_gold_overlap;
            for (const Toponym& t : found) {
                bool exact = false, overlap = false;
                for (std::size_t gi = 0; gi < gold.size(); ++gi) {
                    const Gold& gt = gold[gi];
                    if (gt.begin == t.start && gt.end == t.end) {
                        exact = true;
                        matched_gold_exact.insert(gi);
                        // strict end to end and end-to-end resolution
                        if (gt.has_coords) {
                            if (t.position.is_valid()) {
                                const double km = distance_km(t.position, gt.position);
                                e2e_errors.push_back(km);
                                if (km <= 161)
                                    ++s.strict.tp;
                                else
                                    ++s.strict.fp;
                            } else {
                                ++e2e_unresolved;
                                ++s.strict.fp;
                            }
                        }
                    }
                    if (gt.begin < t.end && t.start < gt.end) {
                        overlap = true;
                        matched_gold_overlap.insert(gi);
                    }
                }
                exact ? ++s.exact.tp : ++s.exact.fp;
                overlap ? ++s.overlap.tp : ++s.overlap.fp;
                if (!exact) {
                    ++s.strict.fp;
                    ++s.exact_no_demonym.fp;
                } else {
                    bool excluded = false;
                    for (std::size_t gi = 0; gi < gold.size(); ++gi) {
                        if (gold[gi].begin == t.start && gold[gi].end == t.end) {
                            excluded = excluded_type(gold[gi].type);
                        }
                    }
                    if (!excluded)
                        ++s.exact_no_demonym.tp;
                }
            }
            for (std::size_t gi = 0; gi < gold.size(); ++gi) {
                const Gold& gt = gold[gi];
                const bool got = matched_gold_exact.contains(gi);
                if (!got)
                    ++s.exact.fn;
                if (!matched_gold_overlap.contains(gi))
                    ++s.overlap.fn;
                if (!excluded_type(gt.type) && !got)
                    ++s.exact_no_demonym.fn;
                if (gt.has_coords && !got)
                    ++s.strict.fn;
                auto& [f, total] = s.recall_by_type[gt.type];
                ++total;
                f += got ? 1 : 0;
            }

            // Resolution with the gold spans given, and the gazetteer ceiling.
            std::vector<Span> spans;
            std::vector<std::size_t> index;
            for (std::size_t gi = 0; gi < gold.size(); ++gi) {
                if (gold[gi].has_coords) {
                    spans.push_back({gold[gi].begin, gold[gi].end});
                    index.push_back(gi);
                }
            }
            s.gold_with_coordinates += spans.size();
            const std::vector<Toponym> resolved = parser.resolve(text, spans);
            for (std::size_t k = 0; k < resolved.size() && k < index.size(); ++k) {
                const Gold& gt = gold[index[k]];
                const Toponym& t = resolved[k];
                LookupOptions all;
                all.limit = 1000;
                bool in_ceiling = false;
                for (const Candidate& c : g.lookup_normalized(mention_key(gt.name), all)) {
                    if (distance_km(g.place(c.place).position, gt.position) <= 161) {
                        in_ceiling = true;
                        break;
                    }
                }
                ceiling_hits += in_ceiling ? 1 : 0;
                if (t.position.is_valid()) {
                    const double km = distance_km(t.position, gt.position);
                    res_errors.push_back(km);
                    if (in_ceiling)
                        ceil_errors.push_back(km);
                } else {
                    ++res_unresolved;
                    if (in_ceiling)
                        ++ceil_unresolved;
                }
            }
        },
        bad_line);
    s.resolution = ErrorStats::from(std::move(res_errors), res_unresolved);
    s.end_to_end = ErrorStats::from(std::move(e2e_errors), e2e_unresolved);
    s.within_ceiling = ErrorStats::from(std::move(ceil_errors), ceil_unresolved);
    s.ceiling = s.gold_with_coordinates == 0 ? 0
                                             : static_cast<double>(ceiling_hits) /
                                                   static_cast<double>(s.gold_with_coordinates);
    s.seconds = parse_seconds;
    return s;
}

SeedScores evaluate_seed_toponyms(const Geoparser& parser, const std::filesystem::path& gold_json,
                                  const std::filesystem::path& page) {
    const SeedGold seed = read_seed_gold(gold_json);
    const nlohmann::json& gold = seed.json;
    // the page is split into its articles first, as `kharita parse` does
    std::vector<Toponym> found;
    for (ParsedArticle& p :
         parse_articles(parser, split_articles(read_file(page), seed.retrieved), seed.retrieved)) {
        for (Toponym& t : p.toponyms)
            found.push_back(std::move(t));
    }
    SeedScores s;
    std::set<std::string> gold_names;
    for (const auto& t : gold.value("toponyms", nlohmann::json::array())) {
        SeedToponymResult r;
        r.name = t.value("name", "");
        r.note = t.value("note", "");
        r.link_title_only = r.note.find("link title") != std::string::npos ||
                            r.note.find("newsletter") != std::string::npos;
        const std::string key = normalize_name(r.name);
        gold_names.insert(key);
        const std::string precision = t.value("precision", "point");
        const double tolerance = precision == "point" ? 25.0 : 100.0;
        std::vector<LatLon> targets = {{t.value("lat", 0.0), t.value("lon", 0.0)}};
        for (const auto& alt : t.value("alts", nlohmann::json::array())) {
            targets.push_back({alt.at(0).get<double>(), alt.at(1).get<double>()});
        }
        double best = -1;
        for (const Toponym& f : found) {
            if (normalize_name(f.text) != key || !f.position.is_valid())
                continue;
            for (const LatLon& target : targets) {
                const double km = distance_km(f.position, target);
                if (best < 0 || km < best) {
                    best = km;
                    r.resolved_to = f.name + " (" + f.country + ")";
                }
            }
        }
        r.error_km = best;
        r.found = best >= 0 && best <= tolerance;
        if (!r.link_title_only) {
            ++s.required;
            s.found_within += r.found ? 1 : 0;
        }
        s.toponyms.push_back(std::move(r));
    }
    std::set<std::string> seen;
    for (const Toponym& f : found) {
        const std::string key = normalize_name(f.text);
        if (!gold_names.contains(key) && seen.insert(key).second) {
            s.extra.push_back(f.text + " -> " + f.name + " (" + f.country + ")");
        }
    }
    return s;
}

TimeScores evaluate_time(const std::filesystem::path& jsonl) {
    std::ifstream in(jsonl);
    if (!in) {
        throw InputError(jsonl.string(), "cannot open");
    }
    TimeScores s;
    const TemporalTagger tagger;
    const auto bad_line = [&](std::uint64_t line_no, const std::string& message) {
        throw InputError(jsonl.string(), line_no, 0, {}, message);
    };
    detail::for_each_json_line(
        in,
        [&](const nlohmann::json& c, std::uint64_t line_no) {
            const std::string parser = c.value("parser", "chrono");
            if (parser == "chrono.fr") {
                ++s.skipped;
                return;
            }
            TimexOptions o;
            o.strict = parser == "chrono.strict";
            o.little_endian = parser == "chrono.en.GB" || parser == "chronoLittleEndian";
            if (c.contains("options") && c["options"].is_object()) {
                o.forward = c["options"].value("forwardDate", false);
            }
            std::optional<LocalTime> ref;
            if (c.contains("ref") && c["ref"].is_string()) {
                ref = LocalTime::parse(c["ref"].get<std::string>());
            }
            const std::string text = c.value("text", "");
            const std::vector<Timex> found = tagger.find(text, ref, o);
            const std::string file = c.value("file", "");
            const std::string short_file = file.substr(file.rfind('/') + 1);
            TimeCaseResult r;
            r.id = c.value("id", std::to_string(line_no));
            r.text = text;
            r.found = found.empty() ? "nothing"
                                    : found.front().text + " = " + found.front().first.iso() +
                                          (found.front().last != found.front().first
                                               ? " .. " + found.front().last.iso()
                                               : "");
            if (c.value("kind", "") == "none") {
                ++s.none_cases;
                r.expected = "nothing";
                r.right = found.empty();
                if (!r.right) {
                    ++s.none_false;
                    s.wrong.push_back(r);
                }
                return;
            }
            const auto& e = c["expected"];
            if (!e.is_object() || !e.contains("start") || !e["start"].is_object() ||
                !e["start"].contains("day") || !e["start"]["day"].is_string()) {
                return; // only day-level answers are scored
            }
            const std::string want = e["start"]["day"].get<std::string>();
            std::string want_end;
            if (e.contains("end") && e["end"].is_object() && e["end"].contains("day") &&
                e["end"]["day"].is_string()) {
                want_end = e["end"]["day"].get<std::string>();
            }
            ++s.day_cases;
            r.expected = want + (want_end.empty() || want_end == want ? "" : " .. " + want_end);
            r.right = !found.empty() && found.front().first.iso() == want &&
                      (want_end.empty() || found.front().last.iso() == want_end);
            auto& [right, cases] = s.by_file[short_file];
            ++cases;
            if (r.right) {
                ++s.day_right;
                ++right;
            } else {
                s.wrong.push_back(r);
            }
            if (e.contains("text") && e["text"].is_string()) {
                ++s.extent_cases;
                if (!found.empty() && found.front().text == e["text"].get<std::string>())
                    ++s.extent_right;
            }
        },
        bad_line);
    return s;
}

EventScores evaluate_events(const Geoparser& parser, const std::filesystem::path& gold_json,
                            const std::filesystem::path& page) {
    const SeedGold seed = read_seed_gold(gold_json);
    const nlohmann::json& gold = seed.json;
    const auto predicted = merged_events(
        parse_articles(parser, split_articles(read_file(page), seed.retrieved), seed.retrieved));
    EventScores s;
    std::vector<bool> used(predicted.size(), false);
    const auto day = [](const nlohmann::json& v) -> std::optional<CivilDay> {
        if (!v.is_string())
            return std::nullopt;
        if (auto t = LocalTime::parse(v.get<std::string>()))
            return t->day;
        return std::nullopt;
    };
    for (const auto& g : gold.value("events", nlohmann::json::array())) {
        EventCaseResult r;
        r.gold_id = g.value("id", "");
        const std::string type = g.value("type", "");
        const std::string precision = g.value("precision", "point");
        const double tolerance = precision == "point" ? 25.0 : 100.0;
        std::vector<LatLon> targets = {{g.value("lat", 0.0), g.value("lon", 0.0)}};
        for (const auto& alt : g.value("alts", nlohmann::json::array())) {
            targets.push_back({alt.at(0).get<double>(), alt.at(1).get<double>()});
        }
        const auto gs = day(g.value("date_start", nlohmann::json()));
        const auto ge = day(g.value("date_end", nlohmann::json()));
        r.description = type + " at " + g.value("place", "") + " " +
                        (gs ? gs->iso() : std::string("?")) + ".." +
                        (ge ? ge->iso() : std::string("?"));
        int best = -1;
        for (std::size_t k = 0; k < predicted.size(); ++k) {
            const Event& e = predicted[k].first;
            if (used[k] || to_string(e.type) != type || !e.place)
                continue;
            bool near = false;
            for (const LatLon& t : targets)
                near = near || distance_km(e.place->position, t) <= tolerance;
            if (!near)
                continue;
            if (gs && ge && e.date_end) {
                // an undated prediction means "on or before" its end day
                const std::int64_t es = e.date_start ? e.date_start->serial() : INT64_MIN / 2;
                if (!(es <= ge->serial() + 1 && gs->serial() <= e.date_end->serial() + 1))
                    continue;
            }
            best = static_cast<int>(k);
            break;
        }
        if (best >= 0) {
            used[static_cast<std::size_t>(best)] = true;
            const Event& e = predicted[static_cast<std::size_t>(best)].first;
            r.matched = true;
            ++s.events.tp;
            s.status_right += to_string(e.status) == g.value("status", "occurred") ? 1 : 0;
            const bool point = e.place->precision == GeoPrecision::site ||
                               e.place->precision == GeoPrecision::district ||
                               e.place->precision == GeoPrecision::town;
            s.geo_precision_right +=
                (point                                         ? "point"
                 : e.place->precision == GeoPrecision::country ? "country"
                                                               : "region") == precision
                    ? 1
                    : 0;
            s.time_precision_right +=
                time_precision_name(e.time_precision) == g.value("date_precision", "unknown") ? 1
                                                                                              : 0;
        } else {
            ++s.events.fn;
        }
        s.gold.push_back(std::move(r));
    }
    for (std::size_t k = 0; k < predicted.size(); ++k) {
        if (used[k])
            continue;
        ++s.events.fp;
        const Event& e = predicted[k].first;
        s.unmatched.push_back(std::string(to_string(e.type)) + " at " +
                              (e.place ? e.place->text : std::string("?")) + " " +
                              (e.date_start ? e.date_start->iso() : std::string("?")) + ".." +
                              (e.date_end ? e.date_end->iso() : std::string("?")) + " [" +
                              e.trigger + "] " + e.evidence.substr(0, 90));
    }
    return s;
}

} // namespace kharita
