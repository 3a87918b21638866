#include "commands.hpp"

#include "kharita/gazetteer_builder.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/text/normalize.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>

namespace kharita::cli {

namespace {

std::filesystem::path default_data_dir() {
    if (const char* env = std::getenv("KHARITA_DATA"); env != nullptr && *env != '\0') {
        return env;
    }
    return KHARITA_DATA_DIR;
}

std::vector<std::filesystem::path> default_word_lists() {
    std::vector<std::filesystem::path> out;
    for (const char* p : {"/usr/share/dict/american-english", "/usr/share/dict/british-english"}) {
        std::error_code ec;
        if (std::filesystem::is_regular_file(p, ec)) {
            out.emplace_back(p);
        }
    }
    return out;
}

struct BuildArgs {
    std::string geonames;
    std::string out;
    std::string data;
    std::vector<std::string> words;
    bool quiet = false;
    bool no_osm = false;
};

void run_build(const BuildArgs& a) {
    GazetteerBuildOptions o;
    o.data_dir = a.data.empty() ? default_data_dir() : std::filesystem::path(a.data);
    o.openstreetmap = !a.no_osm;
    if (!a.geonames.empty()) {
        o.geonames_dir = a.geonames;
    }
    o.out = a.out.empty() ? default_gazetteer_path() : std::filesystem::path(a.out);
    if (a.words.empty()) {
        o.word_lists = default_word_lists();
    } else {
        o.word_lists.assign(a.words.begin(), a.words.end());
    }
    if (!a.quiet) {
        o.progress = [](std::string_view line) { fmt::print(stderr, "  {}\n", line); };
    }
    const GazetteerBuildReport r = build_gazetteer(o);
    fmt::print("{}: {} places, {} names in {:.1f} s\n", o.out.string(), r.places, r.names,
               r.seconds);
    for (const SourceCount& s : r.sources) {
        fmt::print("  {:<48} {:>9} rows {:>8} new {:>7} merged {:>9} names\n", s.source, s.rows,
                   s.places, s.merged, s.names);
    }
    if (!r.problems.empty()) {
        fmt::print(stderr, "{} problem(s) skipped; the first:\n", r.problems.count());
        for (const Diagnostic& d : r.problems.examples()) {
            fmt::print(stderr, "  {}\n", d.to_string());
        }
    }
}

struct GeocodeArgs {
    std::string name;
    std::vector<std::string> countries;
    std::string classes;
    std::size_t limit = 5;
    bool json = false;
    bool no_fuzzy = false;
    std::string gazetteer;
};

void run_geocode(const GeocodeArgs& a) {
    const Gazetteer g = Gazetteer::open(a.gazetteer.empty() ? default_gazetteer_path()
                                                            : std::filesystem::path(a.gazetteer));
    LookupOptions o;
    o.countries = a.countries;
    for (auto& c : o.countries) {
        for (auto& ch : c)
            ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    }
    o.feature_classes = a.classes;
    o.limit = a.limit;
    o.fuzzy = !a.no_fuzzy;
    const auto candidates = g.lookup(a.name, o);
    if (a.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const Candidate& c : candidates) {
            const Place& p = g.place(c.place);
            nlohmann::json j = {{"name", p.name},
                                {"matched", std::string(c.matched_name)},
                                {"country", p.country},
                                {"admin1", g.admin1_name(p.country, p.admin1)},
                                {"feature", std::string(1, p.feature_class) + "." + p.feature_code},
                                {"precision", to_string(p.precision())},
                                {"population", p.population},
                                {"lat", p.position.lat},
                                {"lon", p.position.lon},
                                {"score", c.score},
                                {"why", to_string(c.kind)},
                                {"common_word", c.common_word}};
            if (p.geonameid != 0)
                j["geonameid"] = p.geonameid;
            out.push_back(std::move(j));
        }
        std::cout << out.dump(1) << '\n';
        return;
    }
    if (candidates.empty()) {
        fmt::print("no candidates for \"{}\"\n", a.name);
        return;
    }
    fmt::print("{:<3} {:<26} {:<3} {:<22} {:<10} {:>10} {:>9} {:>9} {:>6}  {}\n", "#", "name", "cc",
               "admin-1", "feature", "population", "lat", "lon", "score", "why");
    int rank = 0;
    for (const Candidate& c : candidates) {
        const Place& p = g.place(c.place);
        std::string why(to_string(c.kind));
        if (c.matched_name != p.name)
            why += " \"" + std::string(c.matched_name) + "\"";
        if (c.common_word)
            why += ", common English word";
        fmt::print("{:<3} {:<26} {:<3} {:<22} {:<10} {:>10} {:>9.4f} {:>9.4f} {:>6.3f}  {}\n",
                   ++rank, p.name, p.country, g.admin1_name(p.country, p.admin1).substr(0, 22),
                   std::string(1, p.feature_class) + "." + p.feature_code, p.population,
                   p.position.lat, p.position.lon, c.score, why);
    }
}

} // namespace

void add_gazetteer_commands(CLI::App& app) {
    CLI::App* gaz = app.add_subcommand("gazetteer", "Build or inspect the gazetteer");
    gaz->require_subcommand(1);
    auto build_args = std::make_shared<BuildArgs>();
    CLI::App* build = gaz->add_subcommand(
        "build", "Build the SpatiaLite gazetteer from the embedded data or GeoNames dumps");
    build->add_option("--geonames", build_args->geonames,
                      "Directory of GeoNames dumps (allCountries.txt or XX.txt, "
                      "alternateNamesV2.txt, admin1CodesASCII.txt, admin2Codes.txt, "
                      "countryInfo.txt), plain or .gz");
    build->add_option("--out,-o", build_args->out, "Gazetteer file to write (replaced atomically)");
    build->add_option("--data", build_args->data, "Embedded data directory (default: data/)");
    build->add_option("--words", build_args->words,
                      "English word lists, repeatable (default: /usr/share/dict/american-english "
                      "and british-english)");
    build->add_flag("--quiet,-q", build_args->quiet, "No progress lines");
    build->add_flag("--no-osm", build_args->no_osm,
                    "Leave out OpenStreetMap's places of data/osm/ (ODbL: a gazetteer with them "
                    "is a database derived from OpenStreetMap)");
    build->callback([build_args] { run_build(*build_args); });

    CLI::App* info = gaz->add_subcommand("info", "Print what a gazetteer file holds");
    auto info_path = std::make_shared<std::string>();
    info->add_option("--gazetteer,-g", *info_path, "Gazetteer file");
    info->callback([info_path] {
        const Gazetteer g = Gazetteer::open(info_path->empty() ? default_gazetteer_path()
                                                               : std::filesystem::path(*info_path));
        const GazetteerInfo i = g.info();
        fmt::print("places {}\nnames {}\nindexed names {}\nbuilt {}\nsources {}\n", i.places,
                   i.names, i.indexed_names, i.built_at, i.sources);
    });
}

void add_geocode_command(CLI::App& app) {
    auto a = std::make_shared<GeocodeArgs>();
    CLI::App* cmd = app.add_subcommand("geocode", "Rank gazetteer candidates for a place name");
    cmd->add_option("name", a->name, "Place name, any spelling or script")->required();
    cmd->add_option("--country,-c", a->countries, "Only these ISO country codes (repeatable)");
    cmd->add_option("--class", a->classes, "Only these GeoNames feature classes, e.g. PA");
    cmd->add_option("--limit,-n", a->limit, "Number of candidates")->check(CLI::Range(1, 1000));
    cmd->add_flag("--json", a->json, "JSON output");
    cmd->add_flag("--no-fuzzy", a->no_fuzzy, "Skip fuzzy matching");
    cmd->add_option("--gazetteer,-g", a->gazetteer, "Gazetteer file (default: built one)");
    cmd->callback([a] { run_geocode(*a); });
}

} // namespace kharita::cli
