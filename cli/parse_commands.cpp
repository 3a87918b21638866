#include "commands.hpp"
#include "common.hpp"

#include "kharita/base/error.hpp"
#include "kharita/document/article_lines.hpp"
#include "kharita/eval/evaluation.hpp"
#include "kharita/eval/time_eval.hpp"
#include "kharita/events/events.hpp"
#include "kharita/events/pipeline.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/geoparser.hpp"
#include "kharita/text/normalize.hpp"
#include "kharita/time/timex.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

namespace kharita::cli {

namespace {

std::string read_input(const std::string& file) {
    if (file == "-") {
        std::ostringstream buffer;
        buffer << std::cin.rdbuf();
        return buffer.str();
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw InputError(file, "cannot open");
    }
    return {std::istreambuf_iterator<char>(in), {}};
}

nlohmann::json toponym_json(const Gazetteer& g, const Toponym& t) {
    nlohmann::json j = {
        {"start", t.cp_start}, {"end", t.cp_end}, {"text", t.text}, {"kind", to_string(t.kind)}};
    if (t.position.is_valid()) {
        j["name"] = t.name;
        j["lat"] = t.position.lat;
        j["lon"] = t.position.lon;
        if (t.geonameid != 0)
            j["geonameid"] = t.geonameid;
        j["feature"] = t.feature;
        j["country"] = t.country;
        j["admin1"] = t.admin1;
        j["precision"] = to_string(t.precision);
        j["confidence"] = std::round(t.confidence * 1000) / 1000;
        j["why"] = t.why;
        nlohmann::json alts = nlohmann::json::array();
        for (const ToponymAlternative& a : t.alternatives) {
            const Place& p = g.place(a.place);
            alts.push_back({{"name", p.name},
                            {"country", p.country},
                            {"lat", p.position.lat},
                            {"lon", p.position.lon},
                            {"score", std::round(a.score * 1000) / 1000}});
        }
        j["alternatives"] = std::move(alts);
    }
    return j;
}

nlohmann::json timex_json(const Timex& t) {
    nlohmann::json j = {{"start", t.cp_start},
                        {"end", t.cp_end},
                        {"text", t.text},
                        {"type", to_string(t.type)},
                        {"value", t.value},
                        {"range_start", t.first.iso()},
                        {"range_end", t.last.iso()},
                        {"precision", to_string(t.precision)},
                        {"direction", to_string(t.direction)}};
    if (t.mod != TimexMod::none)
        j["mod"] = to_string(t.mod);
    if (!t.quant.empty())
        j["quant"] = t.quant;
    if (!t.freq.empty())
        j["freq"] = t.freq;
    if (t.open_end)
        j["open_end"] = true;
    if (t.open_start)
        j["open_start"] = true;
    if (!t.anchor.empty())
        j["anchor"] = t.anchor;
    if (!t.begin_point.empty())
        j["begin_point"] = t.begin_point;
    if (!t.end_point.empty())
        j["end_point"] = t.end_point;
    return j;
}

nlohmann::json event_json(const Event& e, int sources) {
    nlohmann::json j = {
        {"type", to_string(e.type)},
        {"subtype", e.subtype},
        {"status", to_string(e.status)},
        {"date_start", e.date_start ? nlohmann::json(e.date_start->iso()) : nlohmann::json()},
        {"date_end", e.date_end ? nlohmann::json(e.date_end->iso()) : nlohmann::json()},
        {"time_precision", time_precision_name(e.time_precision)},
        {"date_assumed", e.date_assumed},
        {"confidence", std::round(e.confidence * 1000) / 1000},
        {"screen", std::round(e.screen * 1000) / 1000},
        {"fatalities", e.fatalities ? nlohmann::json(*e.fatalities) : nlohmann::json()},
        {"evidence_start", e.evidence_start},
        {"evidence_end", e.evidence_end},
        {"evidence", e.evidence},
        {"trigger", e.trigger},
        {"sources", sources}};
    if (e.place) {
        j["place"] = e.place->name;
        j["place_text"] = e.place->text;
        j["lat"] = e.place->position.lat;
        j["lon"] = e.place->position.lon;
        j["country"] = e.place->country;
        j["geo_precision"] = to_string(e.place->precision);
        j["place_inherited"] = e.inherited_place;
    }
    j["secondary_places"] = e.secondary_places;
    j["actors"] = e.actors;
    return j;
}

/// The toponyms, timexes and events of one parsed article, as JSON.
nlohmann::json parse_result_json(const Gazetteer& g, const ParsedArticle& p) {
    nlohmann::json tops = nlohmann::json::array();
    for (const Toponym& t : p.toponyms)
        tops.push_back(toponym_json(g, t));
    nlohmann::json times = nlohmann::json::array();
    for (const Timex& t : p.timexes)
        times.push_back(timex_json(t));
    nlohmann::json evs = nlohmann::json::array();
    for (const Event& e : p.events)
        evs.push_back(event_json(e, 1));
    return {
        {"toponyms", std::move(tops)}, {"timexes", std::move(times)}, {"events", std::move(evs)}};
}

/// One article of `kharita parse --json`: what it is, then its parse.
nlohmann::json article_json(const Gazetteer& g, const ParsedArticle& p) {
    const Article& article = p.article;
    nlohmann::json j = parse_result_json(g, p);
    j["title"] = article.title;
    j["source"] = article.source;
    j["published"] =
        article.published ? nlohmann::json(article.published->iso()) : nlohmann::json();
    j["published_precision"] = to_string(article.published_precision);
    j["published_note"] = article.published_note;
    j["reference_time"] = p.reference ? nlohmann::json(p.reference->day.iso()) : nlohmann::json();
    j["text"] = article.text;
    return j;
}

struct ParseArgs {
    std::string file;
    std::string retrieved_at;
    bool json = false;
    bool jsonl = false;
    std::string gazetteer;
    std::vector<std::string> countries;
};

/// Prints the diagnostics from `first` on, each on its own stderr line.
void print_problems(const Diagnostics& problems, std::size_t first = 0) {
    const auto& examples = problems.examples();
    for (std::size_t k = first; k < examples.size(); ++k)
        fmt::print(stderr, "kharita: {}\n", examples[k].to_string());
}

/// `kharita parse --jsonl`: one document per line in (read_article_lines), one result per
/// line out, streamed. A document's reference time is its publication day, else its own
/// retrieval day, else `retrieved`. A bad line is reported on stderr with its number as soon
/// as it is read and skipped; the rest of the batch still runs, then the command fails.
void parse_batch(const ParseArgs& a, const Gazetteer& g, const Geoparser& parser,
                 const ParseContext& context, const std::optional<LocalTime>& retrieved) {
    std::ifstream file_in;
    std::istream& in = open_input(a.file, file_in);
    // every bad line is printed, not only the first few
    Diagnostics problems(std::numeric_limits<std::size_t>::max());
    std::size_t printed = 0;
    read_article_lines(in, a.file, problems, [&](ArticleLine&& line) {
        print_problems(problems, printed);
        printed = problems.examples().size();
        // relative dates count from the day only, as they do for a publication day
        std::optional<LocalTime> reference;
        if (line.article.published)
            reference = LocalTime{*line.article.published, -1};
        else if (const auto& r = line.retrieved_at ? line.retrieved_at : retrieved)
            reference = LocalTime{r->day, -1};
        const ParsedArticle parsed = std::move(
            parse_articles(parser, {std::move(line.article)}, reference, context).front());
        nlohmann::json out = parse_result_json(g, parsed);
        out["id"] =
            line.id_json.empty() ? nlohmann::json(line.line) : nlohmann::json::parse(line.id_json);
        std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    });
    print_problems(problems, printed);
    if (!problems.empty()) {
        throw InputError(a.file, std::to_string(problems.count()) +
                                     " problem(s) in the input (see above); the other documents "
                                     "were parsed");
    }
}

/// The articles of the one input of `kharita parse` (standard input is a page of plain
/// text); the problems of its records are printed and kept in `problems`. Warns when there
/// is no article text, or bytes that are not UTF-8.
std::vector<Article> input_articles(const std::string& file,
                                    const std::optional<LocalTime>& retrieved,
                                    Diagnostics& problems) {
    std::vector<Article> articles = file == "-" ? split_articles(read_input(file), retrieved)
                                                : read_articles(file, retrieved, problems);
    print_problems(problems);
    if (articles.empty()) {
        fmt::print(stderr, "kharita: {}: no article text found\n", file);
    }
    std::size_t invalid = 0;
    for (const Article& article : articles) {
        std::size_t bad = 0;
        decode_utf8(article.text, &bad);
        invalid += bad;
    }
    if (invalid > 0) {
        fmt::print(stderr, "kharita: {}: {} invalid UTF-8 byte sequence(s) treated as spaces\n",
                   file, invalid);
    }
    return articles;
}

/// An article as tables: its title and publication, its toponyms, its timexes.
void print_article(const ParsedArticle& p) {
    const Article& article = p.article;
    fmt::print("== {}\n   source: {}  published: {} ({})\n", article.title.substr(0, 100),
               article.source.empty() ? "-" : article.source,
               article.published ? article.published->iso() : "unknown", article.published_note);
    fmt::print("{:>6} {:>6}  {:<24} {:<8} {:<26} {:<3} {:<9} {:>8} {:>9} {:>5}  {}\n", "start",
               "end", "text", "kind", "place", "cc", "precision", "lat", "lon", "conf", "why");
    for (const Toponym& t : p.toponyms) {
        fmt::print("{:>6} {:>6}  {:<24} {:<8} {:<26} {:<3} {:<9} {:>8.3f} {:>9.3f} {:>5.2f}  {}\n",
                   t.cp_start, t.cp_end, t.text.substr(0, 24), to_string(t.kind),
                   t.name.substr(0, 26), t.country, to_string(t.precision), t.position.lat,
                   t.position.lon, t.confidence, t.why);
    }
    if (!p.timexes.empty()) {
        fmt::print("{:>6} {:>6}  {:<30} {:<8} {:<18} {:<10} {:<8}\n", "start", "end", "time",
                   "type", "value", "precision", "direction");
        for (const Timex& t : p.timexes) {
            fmt::print("{:>6} {:>6}  {:<30} {:<8} {:<18} {:<10} {:<8}\n", t.cp_start, t.cp_end,
                       t.text.substr(0, 30), to_string(t.type), t.value, to_string(t.precision),
                       to_string(t.direction));
        }
    }
    fmt::print("\n");
}

/// The merged events of the input as a table, with how many mentions they came from.
void print_events(const std::vector<ParsedArticle>& parsed,
                  const std::vector<std::pair<Event, int>>& merged) {
    std::size_t mentions = 0;
    for (const ParsedArticle& p : parsed)
        mentions += p.events.size();
    fmt::print("== events ({} from {} mentions)\n", merged.size(), mentions);
    fmt::print("{:<10} {:<9} {:<24} {:<10} {:<23} {:<7} {:>4} {:>5}  {}\n", "type", "status",
               "place", "precision", "dates", "time", "dead", "conf", "evidence");
    for (const auto& [e, sources] : merged) {
        const std::string dates =
            (e.date_start ? e.date_start->iso() : std::string("..")) +
            (e.date_end && (!e.date_start || *e.date_end != *e.date_start) ? " " + e.date_end->iso()
                                                                           : std::string());
        fmt::print("{:<10} {:<9} {:<24} {:<10} {:<23} {:<7} {:>4} {:>5.2f}  {}\n",
                   to_string(e.type), to_string(e.status),
                   e.place ? e.place->text.substr(0, 24) : std::string("?"),
                   e.place ? std::string(to_string(e.place->precision)) : std::string("-"), dates,
                   time_precision_name(e.time_precision),
                   e.fatalities ? std::to_string(*e.fatalities) : std::string("-"), e.confidence,
                   e.evidence.substr(0, 60));
    }
}

/// The whole input as one JSON document (docs/parse-output.md): its articles, each with its
/// parse, and the merged events.
void print_json(const Gazetteer& g, const std::string& file,
                const std::optional<LocalTime>& retrieved, const std::vector<ParsedArticle>& parsed,
                const std::vector<std::pair<Event, int>>& merged) {
    nlohmann::json articles = nlohmann::json::array();
    for (const ParsedArticle& p : parsed)
        articles.push_back(article_json(g, p));
    nlohmann::json evs = nlohmann::json::array();
    for (const auto& [e, sources] : merged)
        evs.push_back(event_json(e, sources));
    nlohmann::json out = {
        {"file", file}, {"articles", std::move(articles)}, {"events", std::move(evs)}};
    if (retrieved)
        out["retrieved_at"] = retrieved->day.iso();
    std::cout << out.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

/// `kharita parse FILE|-` (and `--jsonl`): reads, parses and prints the input; fails after
/// printing when some of its records could not be read.
void run_parse(const ParseArgs& a) {
    std::optional<LocalTime> retrieved = parse_retrieved_at(a.retrieved_at);
    const Gazetteer g = Gazetteer::open(gazetteer_path(a.gazetteer));
    const Geoparser parser(g);
    ParseContext context;
    context.focus_countries = a.countries;
    if (a.jsonl) {
        parse_batch(a, g, parser, context, retrieved);
        return;
    }
    if (!retrieved && a.file != "-")
        retrieved = file_day_reference(a.file);
    Diagnostics problems;
    std::vector<Article> articles = input_articles(a.file, retrieved, problems);
    const std::vector<ParsedArticle> parsed =
        parse_articles(parser, std::move(articles), retrieved, context);
    const auto merged = merged_events(parsed);
    if (a.json) {
        print_json(g, a.file, retrieved, parsed, merged);
    } else {
        for (const ParsedArticle& p : parsed)
            print_article(p);
        print_events(parsed, merged);
    }
    if (!problems.empty()) {
        throw InputError(a.file,
                         std::to_string(problems.count()) +
                             " problem(s) in the input (see above); the other articles were "
                             "parsed");
    }
}

void print_prf(const char* label, const PrfCounts& c) {
    fmt::print("  {:<40} P {:.3f}  R {:.3f}  F1 {:.3f}   (tp {}, fp {}, fn {})\n", label,
               c.precision(), c.recall(), c.f1(), c.tp, c.fp, c.fn);
}

void print_errors(const char* label, const ErrorStats& e) {
    fmt::print("  {:<40} Acc@161 {:.3f}  median {:.1f} km  mean {:.1f} km  AUC {:.3f}   (n {}, "
               "unresolved {})\n",
               label, e.acc161, e.median_km, e.mean_km, e.auc, e.count, e.unresolved);
}

/// The scores of `kharita eval geoparse` on `file`.
void print_geoparse_scores(const std::string& file, const GeoparseScores& s) {
    fmt::print("{}: {} documents, {} gold toponyms ({} with coordinates)\n", file, s.documents,
               s.gold, s.gold_with_coordinates);
    fmt::print("recognition\n");
    print_prf("exact span", s.exact);
    print_prf("overlapping span", s.overlap);
    print_prf("exact, without Demonym/Language/Homonym", s.exact_no_demonym);
    fmt::print("resolution\n");
    print_errors("gold spans given, all with coordinates", s.resolution);
    print_errors("gold spans within the gazetteer ceiling", s.within_ceiling);
    print_errors("end to end, exactly found spans", s.end_to_end);
    print_prf("strict end to end (span + 161 km)", s.strict);
    print_prf("strict, every gold toponym counting", s.strict_all);
    fmt::print("gazetteer ceiling: {:.3f} of gold toponyms with coordinates have a same-name "
               "entry within 161 km\n",
               s.ceiling);
    fmt::print("recall by gold type (exact span):\n");
    for (const auto& [type, counts] : s.recall_by_type) {
        fmt::print("  {:<22} {:>5} / {:<5} {:.3f}\n", type, counts.first, counts.second,
                   counts.second
                       ? static_cast<double>(counts.first) / static_cast<double>(counts.second)
                       : 0.0);
    }
    fmt::print("speed: {:.0f} documents/s, {:.2f} MB/s of text (parse only, one thread)\n",
               static_cast<double>(s.documents) / s.seconds, s.characters / s.seconds / 1e6);
}

/// The errors of `kharita eval geoparse --errors N`: the count of each kind and up to N
/// examples of it (document, span, context, what Kharita said or why it turned it down).
void print_geoparse_errors(const GeoparseScores& s) {
    fmt::print("errors by kind:\n");
    for (std::size_t k = 0; k < s.errors.size(); ++k) {
        const GeoparseErrorClass& c = s.errors[k];
        fmt::print("  {:<44} {:>5}\n", to_string(static_cast<GeoparseErrorKind>(k)), c.count);
    }
    for (std::size_t k = 0; k < s.errors.size(); ++k) {
        const GeoparseErrorClass& c = s.errors[k];
        if (c.examples.empty())
            continue;
        fmt::print("{} ({}):\n", to_string(static_cast<GeoparseErrorKind>(k)), c.count);
        for (const GeoparseError& e : c.examples) {
            fmt::print("  {:<10} {:<24} ...{}...\n", e.document, "\"" + e.text + "\"", e.context);
            if (!e.detail.empty())
                fmt::print("  {:<10} {}\n", "", e.detail);
        }
    }
}

/// The scores of `kharita eval events`: each gold event found or missed (with what was said
/// instead), the extra ones, the strict score and the place and date accuracies apart.
void print_event_scores(const EventScores& s) {
    const bool several = s.files > 1;
    for (const EventCaseResult& r : s.gold) {
        const std::string id = several ? r.file + ":" + r.gold_id : r.gold_id;
        if (r.matched) {
            fmt::print("  {:<5} {:<22} {} [{}]\n", "ok", id, r.description, r.trigger);
        } else {
            fmt::print("  {:<5} {:<22} {}\n", "MISS", id, r.description);
        }
        if (!r.found.empty()) {
            fmt::print("  {:<5} {:<22} got {} [{}] (place {}, date {})\n", "", "", r.found,
                       r.trigger, r.place_right ? "right" : "wrong",
                       r.date_right ? "right" : "wrong");
        }
    }
    for (const auto& [file, u] : s.unmatched) {
        if (several)
            fmt::print("  extra {}: {}\n", file, u);
        else
            fmt::print("  extra {}\n", u);
    }
    if (several)
        fmt::print("  {} pages, {} gold events\n", s.files, s.gold.size());
    print_prf("events (type + place + date)", s.events);
    fmt::print(
        "  of the matched: status right {}, geo precision right {}, time precision right {}\n",
        s.status_right, s.geo_precision_right, s.time_precision_right);
    const auto share = [&](std::size_t n) {
        return s.aligned == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(s.aligned);
    };
    fmt::print("  aligned by type and place or date: {} of {} gold; date right {:.3f} ({}), "
               "place right {:.3f} ({}; 25 km, 100 km for region or country gold)\n",
               s.aligned, s.gold.size(), share(s.date_right), s.date_right, share(s.place_right),
               s.place_right);
}

/// The scores of `kharita eval time` on `file`, with every case read otherwise when `list`.
void print_time_scores(const std::string& file, const TimeScores& s, bool list) {
    const auto pct = [](std::size_t a, std::size_t b) {
        return b == 0 ? 0.0 : 100.0 * static_cast<double>(a) / static_cast<double>(b);
    };
    fmt::print("{}\n", file);
    fmt::print("  day-level cases right      {:>4} / {:<4} {:5.1f}%\n", s.day_right, s.day_cases,
               pct(s.day_right, s.day_cases));
    fmt::print("  same extent as expected    {:>4} / {:<4} {:5.1f}%\n", s.extent_right,
               s.extent_cases, pct(s.extent_right, s.extent_cases));
    fmt::print("  false finds on no-date     {:>4} / {:<4} {:5.1f}%\n", s.none_false, s.none_cases,
               pct(s.none_false, s.none_cases));
    fmt::print("  skipped (French parser)    {:>4}\n", s.skipped);
    fmt::print("by file (day-level):\n");
    for (const auto& [source_file, rc] : s.by_file) {
        fmt::print("  {:<44} {:>3} / {:<3}\n", source_file, rc.first, rc.second);
    }
    if (list) {
        fmt::print("cases read otherwise:\n");
        for (const TimeCaseResult& r : s.wrong) {
            fmt::print("  {:<40} {:<46} want {:<24} got {}\n", r.id, r.text.substr(0, 46),
                       r.expected, r.found);
        }
    }
}

/// True when `file` holds TIMEX3 annotations (.tml files, a directory of them, or JSON Lines
/// cases with a "dct" and an "expected" list) rather than chrono-node cases.
bool is_timex3_input(const std::string& file) {
    namespace fs = std::filesystem;
    if (fs::is_directory(file) || fs::path(file).extension() == ".tml")
        return true;
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    // TIMEX3 cases carry a "dct" and an "expected" list; chrono-node cases a "ref"
    const auto j = nlohmann::json::parse(line, nullptr, false);
    return j.is_object() && j.contains("dct") && j.contains("expected") && j["expected"].is_array();
}

/// `kharita eval time` on TIMEX3 annotations: TempEval-3's scores and up to `errors` errors;
/// files that could not be read are named on stderr and make the command fail.
void print_timeml_scores(const std::string& file, std::size_t errors) {
    std::vector<std::string> problems;
    const TimexScores s = score_timexes(read_timex_documents(file, problems));
    const Prf strict = prf(s.strict, s.found, s.gold);
    const Prf relaxed = prf(s.relaxed, s.found, s.gold);
    const auto share = [&](std::size_t n) {
        return s.relaxed == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(s.relaxed);
    };
    fmt::print("{}\n  documents {}, gold TIMEX3 {}, found {}\n", file, s.documents, s.gold,
               s.found);
    fmt::print("  strict span    P {:.3f}  R {:.3f}  F1 {:.3f}   (same extent, {} matches)\n",
               strict.p, strict.r, strict.f1, s.strict);
    fmt::print("  relaxed span   P {:.3f}  R {:.3f}  F1 {:.3f}   (overlap, {} matches)\n",
               relaxed.p, relaxed.r, relaxed.f1, s.relaxed);
    fmt::print("  type accuracy  {:.3f}   value accuracy {:.3f}   mod accuracy {:.3f}"
               "   (of the relaxed matches)\n",
               share(s.type_right), share(s.value_right), share(s.mod_right));
    fmt::print("  type F1 {:.3f}   value F1 {:.3f}   (relaxed F1 x accuracy, TempEval-3)\n",
               relaxed.f1 * share(s.type_right), value_f1(s));
    fmt::print("  documents with every TIMEX3 right {} / {}\n", s.cases_right, s.documents);
    for (std::size_t k = 0; k < s.errors.size() && k < errors; ++k) {
        const TimexError& e = s.errors[k];
        fmt::print("  {:<12} {:<24} {:<28} want {:<24} got {}\n", e.kind, e.document,
                   "\"" + e.text + "\"", e.expected.empty() ? "-" : e.expected,
                   e.found.empty() ? "-" : e.found);
    }
    for (const std::string& p : problems)
        std::cerr << "kharita: " << p << '\n';
    if (!problems.empty()) {
        throw InputError(file, std::to_string(problems.size()) +
                                   " file(s) or line(s) skipped (see above); the others scored");
    }
}

/// The scores of `kharita eval seed`: each gold toponym found or missed, the extra ones.
void print_seed_scores(const SeedScores& s) {
    for (const SeedToponymResult& r : s.toponyms) {
        fmt::print("  {:<5} {:<26} {:>9} {}{}\n", r.found ? "ok" : "MISS", r.name,
                   r.error_km < 0 ? std::string("-") : fmt::format("{:.1f} km", r.error_km),
                   r.resolved_to, r.link_title_only ? "  [link title: not required]" : "");
    }
    fmt::print("found within 25 km (100 km for regions): {} of {} required\n", s.found_within,
               s.required);
    fmt::print("toponyms found that the gold list does not name: {}\n", s.extra.size());
    for (const std::string& e : s.extra)
        fmt::print("  {}\n", e);
}

} // namespace

void add_parse_command(CLI::App& app) {
    auto a = std::make_shared<ParseArgs>();
    CLI::App* cmd = app.add_subcommand("parse", "Find and resolve the places a text names");
    cmd->add_option("file", a->file, "Text file, or - for standard input")->required();
    cmd->add_flag("--json", a->json, "JSON output");
    cmd->add_flag("--jsonl", a->jsonl,
                  "Batch: the file holds JSON Lines documents {id, text, ...}; writes one JSON "
                  "line per document {id, toponyms, timexes, events}");
    cmd->add_option("--country", a->countries, "Countries the source reports on (ISO codes)");
    cmd->add_option("--retrieved-at", a->retrieved_at,
                    "Reference time for relative dates (default: the file's modification day)");
    cmd->add_option("--gazetteer,-g", a->gazetteer, "Gazetteer file (default: built one)");
    cmd->callback([a] { run_parse(*a); });
}

void add_eval_commands(CLI::App& app) {
    CLI::App* eval = app.add_subcommand("eval", "Score Kharita against annotated corpora");
    eval->require_subcommand(1);
    auto gaz = std::make_shared<std::string>();
    auto file = std::make_shared<std::string>();
    auto geo_errors = std::make_shared<std::size_t>(0);
    CLI::App* geo = eval->add_subcommand("geoparse", "Toponym recognition and resolution");
    geo->add_option("file", *file, "JSON Lines corpus (../shared/eval/geoparse format)")
        ->required();
    geo->add_option("--gazetteer,-g", *gaz, "Gazetteer file");
    geo->add_option("--errors", *geo_errors,
                    "Print the errors by kind with up to N examples of each");
    geo->callback([gaz, file, geo_errors] {
        const Gazetteer g = Gazetteer::open(gazetteer_path(*gaz));
        const Geoparser parser(g);
        const GeoparseScores s = evaluate_geoparse(parser, *file, *geo_errors);
        print_geoparse_scores(*file, s);
        if (*geo_errors > 0)
            print_geoparse_errors(s);
    });
    auto event_gold = std::make_shared<std::string>();
    auto event_page = std::make_shared<std::string>();
    CLI::App* events = eval->add_subcommand(
        "events", "Events of a page against its gold file, or of every NAME.gold.json of a "
                  "directory against its page");
    events->add_option("gold", *event_gold, "gold.json (seed format), or a directory")->required();
    events->add_option("page", *event_page, "the page (not with a directory)");
    events->add_option("--gazetteer,-g", *gaz, "Gazetteer file");
    auto no_screen = std::make_shared<bool>(false);
    events->add_flag("--no-screen", *no_screen,
                     "Score the rules' events alone, without the learned event screen");
    auto screen_file = std::make_shared<std::string>();
    events
        ->add_option("--screen", *screen_file,
                     "Score with this event screen model (a `kharita train event-screen` "
                     "output) instead of the builtin one")
        ->check(CLI::ExistingFile)
        ->excludes("--no-screen");
    events->callback([gaz, event_gold, event_page, no_screen, screen_file] {
        const bool set = std::filesystem::is_directory(*event_gold);
        if (set == !event_page->empty())
            throw CLI::ValidationError("eval events", "give a gold file and its page, or a "
                                                      "directory of NAME.gold.json pages");
        const Gazetteer g = Gazetteer::open(gazetteer_path(*gaz));
        const Geoparser parser(g);
        EventScreen chosen;
        if (!screen_file->empty())
            chosen = EventScreen::from_text(read_input(*screen_file), *screen_file);
        const EventScreen& screen =
            *no_screen || !screen_file->empty() ? chosen : EventScreen::builtin();
        print_event_scores(set ? evaluate_event_set(parser, *event_gold, screen)
                               : evaluate_events(parser, *event_gold, *event_page, screen));
    });
    auto time_file = std::make_shared<std::string>();
    auto list_wrong = std::make_shared<bool>(false);
    auto time_errors = std::make_shared<std::size_t>(0);
    CLI::App* time = eval->add_subcommand(
        "time", "Temporal expressions (chrono-node cases, TimeML .tml files, TIMEX3 cases)");
    time->add_option("file", *time_file,
                     "chrono-node JSON Lines cases, a .tml file, a directory of .tml files, or "
                     "TIMEX3 JSON Lines cases")
        ->required();
    time->add_flag("--list", *list_wrong, "List every case Kharita reads otherwise");
    time->add_option("--errors", *time_errors, "TIMEX3 input: list up to N misses and errors");
    time->callback([time_file, list_wrong, time_errors] {
        if (is_timex3_input(*time_file))
            print_timeml_scores(*time_file, *time_errors);
        else
            print_time_scores(*time_file, evaluate_time(*time_file), *list_wrong);
    });
    auto gold = std::make_shared<std::string>();
    auto page = std::make_shared<std::string>();
    CLI::App* seed = eval->add_subcommand("seed", "Toponyms of the seed page");
    seed->add_option("gold", *gold, "gold.json")->required();
    seed->add_option("page", *page, "the scraped page")->required();
    seed->add_option("--gazetteer,-g", *gaz, "Gazetteer file");
    seed->callback([gaz, gold, page] {
        const Gazetteer g = Gazetteer::open(gazetteer_path(*gaz));
        const Geoparser parser(g);
        print_seed_scores(evaluate_seed_toponyms(parser, *gold, *page));
    });
}

} // namespace kharita::cli
