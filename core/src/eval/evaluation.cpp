#include "kharita/eval/evaluation.hpp"

#include "eval/event_gold.hpp"

#include "detail/name_table.hpp"
#include "document/json_lines.hpp"
#include "kharita/base/error.hpp"
#include "kharita/events/pipeline.hpp"
#include "kharita/text/normalize.hpp"

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

} // namespace

namespace detail {

/// A gold file in the seed format (JSON).
nlohmann::json read_seed_gold(const std::filesystem::path& gold_json) {
    try {
        return nlohmann::json::parse(read_file(gold_json));
    } catch (const nlohmann::json::exception& e) {
        throw InputError(gold_json.string(), std::string("not JSON: ") + e.what());
    }
}

/// The retrieval time a seed gold file was made for, if it names one.
std::optional<LocalTime> gold_retrieved_at(const nlohmann::json& gold) {
    if (gold.contains("retrieved_at_for_this_gold") &&
        gold["retrieved_at_for_this_gold"].is_string()) {
        return LocalTime::parse(gold["retrieved_at_for_this_gold"].get<std::string>());
    }
    return std::nullopt;
}

} // namespace detail

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

namespace {

/// A gold toponym of a GeoWebNews document, its span in bytes.
struct GoldToponym {
    std::size_t begin, end;
    std::string name, type;
    bool has_coords;
    LatLon position;
};

/// Gold types that recognition is also scored without: not places in their own right.
bool excluded_type(const std::string& type) {
    return type == "Demonym" || type == "Language" || type == "Homonym";
}

/// Scores documents of a geoparse corpus one by one, then gives the totals.
class GeoparseScorer {
public:
    GeoparseScorer(const Geoparser& parser, std::string source, std::size_t examples)
        : m_parser(parser), m_source(std::move(source)), m_examples(examples) {}

    /// Parses one corpus line (`doc`, line `line_no`) and scores it against its gold.
    void add(const nlohmann::json& doc, std::uint64_t line_no) {
        if (!doc.contains("text") || !doc["text"].is_string() || !doc.contains("toponyms")) {
            throw InputError(m_source, line_no, 0, "text/toponyms",
                             "each line needs a \"text\" string and a \"toponyms\" array");
        }
        const std::string text = doc["text"].get<std::string>();
        const auto cp2b = code_point_to_byte(text);
        ++m_scores.documents;
        m_scores.characters += static_cast<double>(cp2b.size() - 1);
        const std::vector<GoldToponym> gold = gold_of(doc, cp2b, line_no);
        m_scores.gold += gold.size();

        std::vector<RejectedSpan> rejected;
        const auto started = std::chrono::steady_clock::now();
        const std::vector<Toponym> found = m_parser.parse(text, {}, &rejected);
        m_parse_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

        score_recognition(found, gold);
        score_resolution(text, gold);
        const std::string id = doc.contains("id") && doc["id"].is_string()
                                   ? doc["id"].get<std::string>()
                                   : "line " + std::to_string(line_no);
        classify_missed(id, text, found, gold, rejected);
        classify_found(id, text, found, gold);
    }

    /// The scores of the documents added.
    GeoparseScores finish() {
        GeoparseScores& s = m_scores;
        s.resolution = ErrorStats::from(std::move(m_res_errors), m_res_unresolved);
        s.end_to_end = ErrorStats::from(std::move(m_e2e_errors), m_e2e_unresolved);
        s.within_ceiling = ErrorStats::from(std::move(m_ceil_errors), m_ceil_unresolved);
        s.ceiling = s.gold_with_coordinates == 0 ? 0
                                                 : static_cast<double>(m_ceiling_hits) /
                                                       static_cast<double>(s.gold_with_coordinates);
        s.seconds = m_parse_seconds;
        // every gold toponym counting: the ones without coordinates are missed unless found
        // and resolved, which they cannot be
        s.strict_all.tp = s.strict.tp;
        s.strict_all.fp = s.strict.fp;
        s.strict_all.fn = s.gold - s.strict.tp;
        return s;
    }

private:
    /// The gold toponyms of a document, their code-point spans made byte spans.
    std::vector<GoldToponym> gold_of(const nlohmann::json& doc,
                                     const std::vector<std::size_t>& cp2b,
                                     std::uint64_t line_no) const {
        std::vector<GoldToponym> gold;
        for (const auto& t : doc["toponyms"]) {
            const auto cs = t.at("start").get<std::size_t>();
            const auto ce = t.at("end").get<std::size_t>();
            if (ce > cp2b.size() - 1 || cs > ce) {
                throw InputError(m_source, line_no, 0, "toponyms",
                                 "span " + std::to_string(cs) + "-" + std::to_string(ce) +
                                     " lies outside the text");
            }
            GoldToponym gt{cp2b[cs], cp2b[ce], t.value("name", ""), t.value("type", ""), false, {}};
            if (t.contains("lat") && t["lat"].is_number() && t.contains("lon") &&
                t["lon"].is_number()) {
                gt.has_coords = true;
                gt.position = {t["lat"].get<double>(), t["lon"].get<double>()};
            }
            gold.push_back(std::move(gt));
        }
        return gold;
    }

    /// Recognition (exact and overlapping spans, with and without the excluded gold types),
    /// strict end to end and end-to-end resolution of the exactly found spans, and recall by
    /// gold type.
    void score_recognition(const std::vector<Toponym>& found,
                           const std::vector<GoldToponym>& gold) {
        GeoparseScores& s = m_scores;
        std::set<std::size_t> matched_gold_exact, matched_gold_overlap;
        for (const Toponym& t : found) {
            bool exact = false, overlap = false;
            for (std::size_t gi = 0; gi < gold.size(); ++gi) {
                const GoldToponym& gt = gold[gi];
                if (gt.begin == t.start && gt.end == t.end) {
                    exact = true;
                    matched_gold_exact.insert(gi);
                    if (gt.has_coords)
                        score_end_to_end(t, gt);
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
                for (const GoldToponym& gt : gold) {
                    if (gt.begin == t.start && gt.end == t.end)
                        excluded = excluded_type(gt.type);
                }
                if (!excluded)
                    ++s.exact_no_demonym.tp;
            }
        }
        for (std::size_t gi = 0; gi < gold.size(); ++gi) {
            const GoldToponym& gt = gold[gi];
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
    }

    /// A found span that is exactly a gold one with coordinates: its distance error, and
    /// whether it is right within 161 km (strict end to end).
    void score_end_to_end(const Toponym& t, const GoldToponym& gt) {
        if (t.position.is_valid()) {
            const double km = distance_km(t.position, gt.position);
            m_e2e_errors.push_back(km);
            if (km <= 161)
                ++m_scores.strict.tp;
            else
                ++m_scores.strict.fp;
        } else {
            ++m_e2e_unresolved;
            ++m_scores.strict.fp;
        }
    }

    /// Resolution with the gold spans given, and the gazetteer ceiling: whether a same-name
    /// entry lies within 161 km of the gold position.
    void score_resolution(const std::string& text, const std::vector<GoldToponym>& gold) {
        std::vector<Span> spans;
        std::vector<std::size_t> index;
        for (std::size_t gi = 0; gi < gold.size(); ++gi) {
            if (gold[gi].has_coords) {
                spans.push_back({gold[gi].begin, gold[gi].end});
                index.push_back(gi);
            }
        }
        m_scores.gold_with_coordinates += spans.size();
        const std::vector<Toponym> resolved = m_parser.resolve(text, spans);
        for (std::size_t k = 0; k < resolved.size() && k < index.size(); ++k) {
            const GoldToponym& gt = gold[index[k]];
            const Toponym& t = resolved[k];
            const bool in_ceiling = within_ceiling(gt);
            m_ceiling_hits += in_ceiling ? 1 : 0;
            if (t.position.is_valid()) {
                const double km = distance_km(t.position, gt.position);
                m_res_errors.push_back(km);
                if (in_ceiling)
                    m_ceil_errors.push_back(km);
            } else {
                ++m_res_unresolved;
                if (in_ceiling)
                    ++m_ceil_unresolved;
            }
        }
    }

    /// Counts an error of kind `k` and keeps it as an example while there is room.
    void note(GeoparseErrorKind k, const std::string& id, std::string_view text, std::size_t b,
              std::size_t e, std::string detail) {
        GeoparseErrorClass& c = m_scores.errors[static_cast<std::size_t>(k)];
        ++c.count;
        if (c.examples.size() >= m_examples)
            return;
        c.examples.push_back(
            {id, std::string(text.substr(b, e - b)), context_of(text, b, e), std::move(detail)});
    }

    /// Up to 50 bytes either side of [b, e) on one line, on code point boundaries.
    static std::string context_of(std::string_view text, std::size_t b, std::size_t e) {
        std::size_t from = b > 50 ? b - 50 : 0;
        while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80)
            --from;
        std::size_t to = std::min(text.size(), e + 50);
        while (to < text.size() && (static_cast<unsigned char>(text[to]) & 0xC0) == 0x80)
            ++to;
        std::string out(text.substr(from, to - from));
        std::replace_if(
            out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; },
            ' ');
        return out;
    }

    /// Gold toponyms not found with their exact span: with or without a gazetteer entry of
    /// the name, and what the recogniser did instead (a reason it turned the span down, or
    /// the overlapping span it found).
    void classify_missed(const std::string& id, std::string_view text,
                         const std::vector<Toponym>& found, const std::vector<GoldToponym>& gold,
                         const std::vector<RejectedSpan>& rejected) {
        for (const GoldToponym& gt : gold) {
            const auto exact = [&](const Toponym& t) {
                return t.start == gt.begin && t.end == gt.end;
            };
            if (std::any_of(found.begin(), found.end(), exact))
                continue;
            std::string detail;
            for (const RejectedSpan& r : rejected) {
                if (r.start == gt.begin && r.end == gt.end)
                    detail = "turned down: " + r.why;
            }
            for (const Toponym& t : found) {
                if (detail.empty() && t.start < gt.end && gt.begin < t.end)
                    detail = "found \"" + t.text + "\" instead";
            }
            if (!gt.type.empty())
                detail += (detail.empty() ? "" : "; ") + std::string("gold type ") + gt.type;
            const bool named = m_parser.gazetteer().has_name(mention_key(gt.name));
            note(named ? GeoparseErrorKind::missed_in_gazetteer
                       : GeoparseErrorKind::missed_not_in_gazetteer,
                 id, text, gt.begin, gt.end, detail);
        }
    }

    /// Found spans that are no gold toponym (by how they read: person, organisation, common
    /// word, a gold toponym's neighbour), and exact spans resolved more than 161 km off (a
    /// namesake abroad, the wrong admin level, or far).
    void classify_found(const std::string& id, std::string_view text,
                        const std::vector<Toponym>& found, const std::vector<GoldToponym>& gold) {
        for (const Toponym& t : found) {
            const GoldToponym* same = nullptr;
            bool overlaps = false;
            for (const GoldToponym& gt : gold) {
                if (gt.begin == t.start && gt.end == t.end)
                    same = &gt;
                overlaps = overlaps || (gt.begin < t.end && t.start < gt.end);
            }
            const std::string said = t.name + " (" + t.country + ") " + t.why;
            if (same == nullptr) {
                const std::string_view reading = m_parser.non_place_reading(text, t.start, t.end);
                GeoparseErrorKind k = GeoparseErrorKind::false_other;
                if (overlaps)
                    k = GeoparseErrorKind::false_span;
                else if (reading == "person")
                    k = GeoparseErrorKind::false_person;
                else if (reading == "organisation")
                    k = GeoparseErrorKind::false_organisation;
                else if (reading == "common word")
                    k = GeoparseErrorKind::false_common_word;
                note(k, id, text, t.start, t.end, said);
                continue;
            }
            if (!same->has_coords ||
                (t.position.is_valid() && distance_km(t.position, same->position) <= 161))
                continue;
            note(wrong_resolution_kind(t, *same), id, text, t.start, t.end, said);
        }
    }

    /// Why a resolution is off: the same-name entry nearest the gold position lies in another
    /// country (a namesake abroad), or in the same country at another level (a town for a
    /// state), or there is none near it (far).
    GeoparseErrorKind wrong_resolution_kind(const Toponym& t, const GoldToponym& gt) const {
        const Gazetteer& g = m_parser.gazetteer();
        LookupOptions all;
        all.limit = 1000;
        const Place* nearest = nullptr;
        double best_km = 161;
        for (const Candidate& c : g.lookup_normalized(mention_key(gt.name), all)) {
            const double km = distance_km(g.place(c.place).position, gt.position);
            if (km <= best_km) {
                best_km = km;
                nearest = &g.place(c.place);
            }
        }
        if (nearest == nullptr || !t.place)
            return GeoparseErrorKind::resolved_far;
        const Place& chosen = g.place(*t.place);
        if (nearest->country != chosen.country)
            return GeoparseErrorKind::namesake_abroad;
        if (nearest->feature_class != chosen.feature_class)
            return GeoparseErrorKind::wrong_admin_level;
        return GeoparseErrorKind::resolved_far;
    }

    /// Whether the gazetteer has an entry of the gold name within 161 km of its position.
    bool within_ceiling(const GoldToponym& gt) const {
        const Gazetteer& g = m_parser.gazetteer();
        LookupOptions all;
        all.limit = 1000;
        for (const Candidate& c : g.lookup_normalized(mention_key(gt.name), all)) {
            if (distance_km(g.place(c.place).position, gt.position) <= 161)
                return true;
        }
        return false;
    }

    const Geoparser& m_parser;
    std::string m_source;
    GeoparseScores m_scores;
    std::vector<double> m_res_errors, m_e2e_errors, m_ceil_errors;
    std::size_t m_res_unresolved = 0, m_e2e_unresolved = 0, m_ceil_unresolved = 0;
    std::size_t m_ceiling_hits = 0;
    double m_parse_seconds = 0;
    std::size_t m_examples = 0;
};

constexpr std::array<std::string_view, kGeoparseErrorKinds> kGeoparseErrorNames = {
    "missed span, name in the gazetteer",
    "missed span, name not in the gazetteer",
    "false place: person",
    "false place: organisation",
    "false place: common word",
    "false place: other bounds than a gold span",
    "false place: other",
    "wrong resolution: namesake abroad",
    "wrong resolution: wrong admin level",
    "wrong resolution: far",
};

} // namespace

std::string_view to_string(GeoparseErrorKind k) noexcept {
    return detail::name_in(kGeoparseErrorNames, k);
}

GeoparseScores evaluate_geoparse(const Geoparser& parser, const std::filesystem::path& jsonl,
                                 std::size_t examples) {
    std::ifstream in(jsonl);
    if (!in) {
        throw InputError(jsonl.string(), "cannot open");
    }
    GeoparseScorer scorer(parser, jsonl.string(), examples);
    detail::for_each_json_line(
        in, [&](const nlohmann::json& doc, std::uint64_t line_no) { scorer.add(doc, line_no); },
        [&](std::uint64_t line_no, const std::string& message) {
            throw InputError(jsonl.string(), line_no, 0, {}, message);
        });
    return scorer.finish();
}

SeedScores evaluate_seed_toponyms(const Geoparser& parser, const std::filesystem::path& gold_json,
                                  const std::filesystem::path& page) {
    const nlohmann::json gold = detail::read_seed_gold(gold_json);
    const std::optional<LocalTime> retrieved = detail::gold_retrieved_at(gold);
    // the page is split into its articles first, as `kharita parse` does
    std::vector<Toponym> found;
    for (ParsedArticle& p :
         parse_articles(parser, split_articles(read_file(page), retrieved), retrieved)) {
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
            o.lengths = false; // chrono-node reads dates, not lengths or recurring times
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

} // namespace kharita
