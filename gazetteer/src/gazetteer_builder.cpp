#include "kharita/gazetteer_builder.hpp"

#include "area_sources.hpp"
#include "detail/gazetteer_schema.hpp"
#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"
#include "kharita/base/lat_lon.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/text/normalize.hpp"
#include "line_reader.hpp"
#include "wof_placetypes.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>
#include <map>
#include <regex>
#include <set>
#include <unistd.h>
#include <unordered_map>
#include <unordered_set>

namespace kharita {

namespace {

namespace fs = std::filesystem;
using detail::Database;
using detail::LineReader;
using detail::Statement;

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (true) {
        const std::size_t pos = s.find(sep, start);
        out.push_back(s.substr(start, pos == std::string_view::npos ? pos : pos - start));
        if (pos == std::string_view::npos) {
            return out;
        }
        start = pos + 1;
    }
}

template <typename T> bool to_number(std::string_view s, T& out) {
    if (s.empty()) {
        return false;
    }
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return ec == std::errc() && ptr == s.data() + s.size();
}

std::string with_commas(std::uint64_t n) {
    std::string s = std::to_string(n);
    for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) {
        s.insert(static_cast<std::size_t>(i), ",");
    }
    return s;
}

/// Set of GeoNames ids as a bitmap: 12 M ids cost 2 MB instead of hundreds.
class IdSet {
public:
    void insert(std::int64_t id) {
        if (id <= 0)
            return;
        const auto i = static_cast<std::size_t>(id);
        if (i / 64 >= m_bits.size())
            m_bits.resize(i / 64 + 1 + m_bits.size() / 2, 0);
        m_bits[i / 64] |= 1ULL << (i % 64);
    }
    bool contains(std::int64_t id) const {
        if (id <= 0)
            return false;
        const auto i = static_cast<std::size_t>(id);
        return i / 64 < m_bits.size() && (m_bits[i / 64] >> (i % 64) & 1ULL) != 0;
    }

private:
    std::vector<std::uint64_t> m_bits;
};

struct NameRow {
    std::string name;
    std::string lang;
    NameKind kind = NameKind::alternate;
    bool preferred = false, short_name = false, colloquial = false, historic = false;
};

struct PlaceRow {
    std::int64_t geonameid = 0;
    std::int64_t wof_id = 0;
    std::string name, ascii;
    char feature_class = 'P';
    std::string feature_code = "PPL";
    std::string country, admin1, admin2;
    std::int64_t population = 0;
    LatLon position;
    std::string source;
};

/// Which GeoNames admin code table a file fills (admin1CodesASCII.txt, admin2Codes.txt).
enum class AdminLevel : std::uint8_t { admin1, admin2 };

/// The gazetteer table of each admin level, indexed by AdminLevel.
constexpr std::array<std::string_view, 2> kAdminTables = {"admin1", "admin2"};

std::string_view table_of(AdminLevel level) {
    return kAdminTables[static_cast<std::size_t>(level)];
}

bool compatible(char a_class, std::string_view a_code, char b_class, std::string_view b_code) {
    if (a_class != b_class) {
        return false;
    }
    if (a_class == 'A') {
        return a_code == b_code;
    }
    return true;
}

/// The last file of `dir`, in name order, whose name matches `pattern`; empty if none.
fs::path find_file(const fs::path& dir, const std::regex& pattern) {
    std::vector<fs::path> matches;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.is_regular_file() &&
            std::regex_match(entry.path().filename().string(), pattern)) {
            matches.push_back(entry.path());
        }
    }
    std::sort(matches.begin(), matches.end());
    return matches.empty() ? fs::path() : matches.back();
}

struct Admin1Entry; // a GeoNames admin-1 unit with its matching keys (below)

/// How far apart two records of the same name can be and still be one area: an ocean is
/// one wherever its point (Natural Earth splits the Atlantic and Pacific in halves), a sea
/// or gulf within 1,500 km, a region, territory or landform within 500 km.
double area_merge_km(char feature_class, std::string_view feature_code) {
    if (feature_code == "OCN")
        return 20040.0; // half the Earth's circumference
    return feature_class == 'H' ? 1500.0 : 500.0;
}

class Builder {
public:
    Builder(const GazetteerBuildOptions& options, Database& db) : m_opt(options), m_db(db) {}

    void run();
    GazetteerBuildReport& report() { return m_report; }

private:
    void create_schema();
    void read_country_info(const fs::path& file);
    void read_admin_codes(const fs::path& file, AdminLevel level);
    void read_geonames_dump(const fs::path& file);
    void read_alternate_names(const fs::path& file);
    void read_wof(const fs::path& file);
    void add_country_places(const fs::path& csc_countries);
    void add_admin1_places(const fs::path& csc_states);
    void read_world_countries(const fs::path& file);
    void read_supplement(const fs::path& file, const std::string& source_name = "supplement",
                         double merge_km = 2.0);
    void read_word_list(const fs::path& file);
    void read_country_points(const fs::path& file);
    void finish();

    // The stages of run(), in order.
    std::vector<fs::path> place_dumps(const fs::path& geo_dir) const;
    void read_code_tables(const fs::path& geo_dir);
    void read_geonames(const fs::path& geo_dir, const std::vector<fs::path>& place_files);
    void read_wof_files();
    void read_reference_files();
    void read_supplement_files();
    void read_osm_files();
    void read_area_files();
    void read_word_lists();

    // The area sources: Natural Earth admin-1 units, Census counties,
    // Natural Earth regions, seas and territories, then the names made by rule.
    template <typename F> void for_each_area_row(const fs::path& file, SourceCount& count, F&& f);
    std::vector<Admin1Entry> admin1_entries(std::string_view country);
    void read_ne_admin1(const fs::path& file);
    void take_label_point(std::int64_t place, const LatLon& label);
    void read_census_counties(const fs::path& file);
    void read_ne_areas(const fs::path& file);
    void add_unit_words();
    void drop_ordinary_words(std::vector<NameRow>& names);
    void add_state_abbreviations();
    void add_region_demonyms();
    std::optional<std::int64_t> find_area(std::string_view name, char feature_class,
                                          const LatLon& position, double radius_km);

    std::int64_t insert_place(const PlaceRow& p, std::int64_t id);
    void merge_into(std::int64_t id, const PlaceRow& p);
    std::int64_t merge_or_insert(const PlaceRow& p, const std::vector<NameRow>& names,
                                 double radius_km, SourceCount& count);
    void add_names(std::int64_t place, const std::vector<NameRow>& names, std::string_view source,
                   bool check_existing, SourceCount& count);
    std::optional<std::int64_t> find_by_name(const PlaceRow& p, double radius_km);

    void progress(const std::string& line) {
        if (m_opt.progress)
            m_opt.progress(line);
    }
    void problem(const std::string& source, std::uint64_t line, const std::string& message) {
        m_report.problems.add(source, line, message);
    }
    SourceCount& source(const std::string& name) {
        m_report.sources.push_back({name, 0, 0, 0, 0});
        return m_report.sources.back();
    }

    const GazetteerBuildOptions& m_opt;
    Database& m_db;
    GazetteerBuildReport m_report;
    IdSet m_known;
    std::int64_t m_next_local_id = std::int64_t{1} << 40; // ids for places without GeoNames id
    Statement m_insert_place, m_insert_name, m_place_norms, m_merge_place, m_find_by_norm,
        m_find_area, m_move_place, m_common_word;
    std::unordered_map<std::int64_t, std::string> m_admin1_by_gn; // admin-1 geonameid -> "77"
    std::unordered_map<std::string, std::int64_t> m_country_gn;   // "LY" -> 2215636
    std::unordered_map<std::int64_t, std::string> m_unit_type;    // place -> "Province"
    std::set<std::int64_t> m_rough_points; // areas whose point is a mean of member points
    bool m_have_alternate_file = false;
    bool m_have_find_area = false;                 // m_find_area is prepared on first use
    bool m_have_common_word = false;               // m_common_word is, too
    bool m_have_town_cells = false;                // m_town_cells is read on first use
    std::unordered_set<std::int64_t> m_town_cells; // 0.05-degree cells of towns of 10,000+
};

void Builder::create_schema() {
    // The file is a temporary one, renamed only on success: no journal needed. Index sorts
    // spill to temporary files so that memory stays bounded on allCountries-sized imports.
    m_db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;"
              "PRAGMA temp_store = FILE;");
    m_db.exec("BEGIN");
    m_db.exec("SELECT InitSpatialMetadata(0)");
    m_db.exec(detail::kGazetteerSchema);
    if (m_db.query_int("SELECT AddGeometryColumn('places', 'geom', 4326, 'POINT', 'XY')")
            .value_or(0) != 1) {
        throw DatabaseError(0, "SpatiaLite AddGeometryColumn failed for places.geom");
    }
    m_db.exec("CREATE INDEX names_place ON names(place_id)");
    m_insert_place = m_db.prepare(
        "INSERT INTO places (id, geonameid, wof_id, name, ascii_name, feature_class, feature_code,"
        " country, admin1, admin2, population, lat, lon, source, geom)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
        " MakePoint(?13, ?12, 4326))");
    m_insert_name = m_db.prepare(
        "INSERT INTO names (place_id, name, lang, kind, is_preferred, is_short, is_colloquial,"
        " is_historic, source, norm, skeleton) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    m_place_norms = m_db.prepare("SELECT norm, kind FROM names WHERE place_id = ?");
    m_move_place = m_db.prepare(
        "UPDATE places SET lat = ?2, lon = ?3, geom = MakePoint(?3, ?2, 4326) WHERE id = ?1");
    m_merge_place = m_db.prepare(
        "UPDATE places SET wof_id = coalesce(wof_id, nullif(?2, 0)),"
        " admin1 = CASE WHEN admin1 = '' THEN ?3 ELSE admin1 END,"
        " population = max(population, ?4),"
        " source = CASE WHEN instr(source, ?5) THEN source ELSE source || ',' || ?5 END"
        " WHERE id = ?1");
}

std::int64_t Builder::insert_place(const PlaceRow& p, std::int64_t id) {
    auto& s = m_insert_place;
    s.bind(1, id);
    if (p.geonameid > 0)
        s.bind(2, p.geonameid);
    else
        s.bind_null(2);
    if (p.wof_id > 0)
        s.bind(3, p.wof_id);
    else
        s.bind_null(3);
    s.bind(4, p.name).bind(5, p.ascii).bind(6, std::string_view(&p.feature_class, 1));
    s.bind(7, p.feature_code).bind(8, p.country).bind(9, p.admin1).bind(10, p.admin2);
    s.bind(11, p.population).bind(12, p.position.lat).bind(13, p.position.lon).bind(14, p.source);
    s.run();
    m_known.insert(p.geonameid);
    ++m_report.places;
    return id;
}

void Builder::merge_into(std::int64_t id, const PlaceRow& p) {
    m_merge_place.bind(1, id).bind(2, p.wof_id).bind(3, p.admin1).bind(4, p.population);
    m_merge_place.bind(5, p.source);
    m_merge_place.run();
}

void Builder::add_names(std::int64_t place, const std::vector<NameRow>& names, std::string_view src,
                        bool check_existing, SourceCount& count) {
    std::set<std::pair<std::string, NameKind>> seen; // (norm, kind)
    if (check_existing) {
        m_place_norms.bind(1, place);
        while (m_place_norms.step()) {
            seen.emplace(
                m_place_norms.column_text(0),
                name_kind_from(m_place_norms.column_text(1)).value_or(NameKind::alternate));
        }
        m_place_norms.reset();
    }
    for (const NameRow& n : names) {
        std::string norm = normalize_name(n.name);
        if (norm.empty() || !seen.emplace(norm, n.kind).second) {
            continue;
        }
        auto& s = m_insert_name;
        s.bind(1, place).bind(2, n.name).bind(3, n.lang).bind(4, to_string(n.kind));
        s.bind(5, static_cast<int>(n.preferred)).bind(6, static_cast<int>(n.short_name));
        s.bind(7, static_cast<int>(n.colloquial)).bind(8, static_cast<int>(n.historic));
        s.bind(9, src).bind(10, norm).bind(11, skeleton_key(norm));
        s.run();
        ++count.names;
        ++m_report.names;
    }
}

std::optional<std::int64_t> Builder::find_by_name(const PlaceRow& p, double radius_km) {
    const std::string norm = normalize_name(p.name);
    m_find_by_norm.bind(1, norm).bind(2, p.country);
    std::optional<std::int64_t> best;
    double best_km = radius_km;
    while (m_find_by_norm.step()) {
        const LatLon there{m_find_by_norm.column_double(1), m_find_by_norm.column_double(2)};
        const std::string_view fclass = m_find_by_norm.column_text(3);
        const std::string_view fcode = m_find_by_norm.column_text(4);
        const double km = distance_km(p.position, there);
        if (km <= best_km && !fclass.empty() &&
            compatible(p.feature_class, p.feature_code, fclass[0], fcode)) {
            best = m_find_by_norm.column_int64(0);
            best_km = km;
        }
    }
    m_find_by_norm.reset();
    return best;
}

std::int64_t Builder::merge_or_insert(const PlaceRow& p, const std::vector<NameRow>& names,
                                      double radius_km, SourceCount& count) {
    std::optional<std::int64_t> target;
    if (p.geonameid > 0 && m_known.contains(p.geonameid)) {
        target = p.geonameid; // GeoNames places use their geonameid as row id
    } else {
        target = find_by_name(p, radius_km);
    }
    if (target) {
        merge_into(*target, p);
        add_names(*target, names, p.source, true, count);
        ++count.merged;
        return *target;
    }
    std::int64_t id = p.geonameid > 0 ? p.geonameid : m_next_local_id++;
    insert_place(p, id);
    add_names(id, names, p.source, false, count);
    ++count.places;
    return id;
}

void Builder::read_country_info(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    LineReader in(file);
    auto stmt = m_db.prepare("INSERT OR REPLACE INTO countries (iso2, iso3, name, geonameid,"
                             " continent, capital, population, neighbours, languages)"
                             " VALUES (?,?,?,?,?,?,?,?,?)");
    std::string line;
    while (in.next(line)) {
        if (line.empty() || line[0] == '#')
            continue;
        ++count.rows;
        const auto f = split(line, '\t');
        std::int64_t gn = 0;
        std::int64_t pop = 0;
        if (f.size() < 18 || f[0].size() != 2 || !to_number(f[16], gn)) {
            problem(in.name(), in.line_number(),
                    "expected a countryInfo row (19 columns, ISO code, geonameid in column 17)");
            continue;
        }
        to_number(f[7], pop);
        stmt.bind(1, f[0]).bind(2, f[1]).bind(3, f[4]).bind(4, gn).bind(5, f[8]).bind(6, f[5]);
        stmt.bind(7, pop).bind(8, f[17]).bind(9, f[15]);
        stmt.run();
        m_country_gn[std::string(f[0])] = gn;
    }
}

void Builder::read_admin_codes(const fs::path& file, AdminLevel level) {
    SourceCount& count = source(file.filename().string());
    LineReader in(file);
    auto stmt = m_db.prepare(std::string("INSERT OR REPLACE INTO ") + std::string(table_of(level)) +
                             " (code, country, name, ascii_name, geonameid) VALUES (?,?,?,?,?)");
    std::string line;
    while (in.next(line)) {
        if (line.empty() || line[0] == '#')
            continue;
        ++count.rows;
        const auto f = split(line, '\t');
        std::int64_t gn = 0;
        if (f.size() != 4 || f[0].size() < 4 || f[0][2] != '.' || !to_number(f[3], gn)) {
            problem(in.name(), in.line_number(),
                    "expected 4 columns: code, name, ascii name, "
                    "geonameid");
            continue;
        }
        stmt.bind(1, f[0]).bind(2, f[0].substr(0, 2)).bind(3, f[1]).bind(4, f[2]).bind(5, gn);
        stmt.run();
        if (level == AdminLevel::admin1) {
            m_admin1_by_gn[gn] = std::string(f[0].substr(3));
        }
    }
}

void Builder::read_geonames_dump(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    LineReader in(file);
    const std::string src = "geonames:" + file.filename().string();
    std::string line;
    GeonameRecord r;
    std::vector<NameRow> names;
    const auto started = std::chrono::steady_clock::now();
    while (in.next(line)) {
        if (line.empty() || line[0] == '#')
            continue;
        ++count.rows;
        if (count.rows % 1000000 == 0) {
            const double s =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            progress(file.filename().string() + ": " + with_commas(count.rows) + " rows, " +
                     with_commas(static_cast<std::uint64_t>(static_cast<double>(count.rows) / s)) +
                     " rows/s");
        }
        if (auto error = parse_geoname_line(line, r)) {
            problem(in.name(), in.line_number(), *error);
            continue;
        }
        names.clear();
        names.push_back({std::string(r.name), "", NameKind::name});
        if (!r.asciiname.empty() && r.asciiname != r.name) {
            names.push_back({std::string(r.asciiname), "", NameKind::ascii});
        }
        if (!m_have_alternate_file && !r.alternatenames.empty()) {
            for (std::string_view alt : split(r.alternatenames, ',')) {
                if (!alt.empty()) {
                    names.push_back({std::string(alt), "", NameKind::alternate});
                }
            }
        }
        if (m_known.contains(r.geonameid)) { // the same place in another dump
            PlaceRow p;
            p.population = r.population;
            p.admin1 = std::string(r.admin1);
            p.source = src;
            merge_into(r.geonameid, p);
            add_names(r.geonameid, names, src, true, count);
            ++count.merged;
            continue;
        }
        PlaceRow p;
        p.geonameid = r.geonameid;
        p.name = std::string(r.name);
        p.ascii = std::string(r.asciiname);
        p.feature_class = r.feature_class;
        p.feature_code = std::string(r.feature_code);
        p.country = std::string(r.country);
        p.admin1 = std::string(r.admin1);
        p.admin2 = std::string(r.admin2);
        p.population = r.population;
        p.position = {r.lat, r.lon};
        p.source = src;
        insert_place(p, r.geonameid);
        add_names(r.geonameid, names, src, false, count);
        ++count.places;
    }
}

void Builder::read_alternate_names(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    LineReader in(file);
    const std::string src = "geonames:" + file.filename().string();
    std::string line;
    std::vector<NameRow> one(1);
    static const std::set<std::string_view> skipped = {
        "link", "wkdt", "post", "iata", "icao", "faac", "unlc", "fr_1793", "tcid", "phon", "piny"};
    const auto started = std::chrono::steady_clock::now();
    while (in.next(line)) {
        if (line.empty() || line[0] == '#')
            continue;
        ++count.rows;
        if (count.rows % 1000000 == 0) {
            const double s =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
            progress(file.filename().string() + ": " + with_commas(count.rows) + " rows, " +
                     with_commas(static_cast<std::uint64_t>(static_cast<double>(count.rows) / s)) +
                     " rows/s");
        }
        const auto f = split(line, '\t');
        std::int64_t gn = 0;
        if (f.size() < 8 || !to_number(f[1], gn)) {
            problem(in.name(), in.line_number(),
                    "expected an alternateNames row (at least 8 columns, geonameid in column 2)");
            continue;
        }
        std::size_t invalid = 0;
        decode_utf8(f[3], &invalid);
        if (invalid > 0) {
            problem(in.name(), in.line_number(), "alternate name: broken UTF-8");
            continue;
        }
        if (!m_known.contains(gn) || skipped.contains(f[2])) {
            continue; // a place outside the imported dumps, or a link/code, not a name
        }
        NameRow& n = one[0];
        n.name = std::string(f[3]);
        n.lang = f[2] == "abbr" ? "" : std::string(f[2]);
        n.kind = f[2] == "abbr" ? NameKind::abbreviation : NameKind::alternate;
        n.preferred = f[4] == "1";
        n.short_name = f[5] == "1";
        n.colloquial = f[6] == "1";
        n.historic = f[7] == "1";
        add_names(gn, one, src, false, count);
    }
}

void Builder::read_wof(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    const std::string src = "wof:" + file.filename().string();
    // Pass 1: WOF region ids -> GeoNames admin-1 codes, for the localities' admin1.
    std::unordered_map<std::int64_t, std::string> region_admin1;
    std::string line;
    {
        LineReader in(file);
        in.next(line); // header
        while (in.next(line)) {
            const auto f = split(line, '\t');
            std::int64_t wof = 0;
            std::int64_t gn = 0;
            if (f.size() >= 11 && f[1] == "region" && to_number(f[0], wof) &&
                to_number(f[10], gn)) {
                if (const auto it = m_admin1_by_gn.find(gn); it != m_admin1_by_gn.end()) {
                    region_admin1[wof] = it->second;
                }
            }
        }
    }
    LineReader in(file);
    if (!in.next(line) || !line.starts_with("wof_id\tplacetype")) {
        throw InputError(in.name(), 1, 0, {},
                         "expected the WOF places header (wof_id, placetype,"
                         " ...)");
    }
    std::vector<NameRow> names;
    while (in.next(line)) {
        ++count.rows;
        const auto f = split(line, '\t');
        if (f.size() != 16) {
            problem(in.name(), in.line_number(),
                    "expected 16 columns, found " + std::to_string(f.size()));
            continue;
        }
        PlaceRow p;
        std::int64_t region = 0;
        if (!to_number(f[0], p.wof_id) || !to_number(f[4], p.position.lat) ||
            !to_number(f[5], p.position.lon) || !p.position.is_valid()) {
            problem(in.name(), in.line_number(), "wof_id, lat or lon is not a valid number");
            continue;
        }
        if (f[7] == "1" || f[6] == "0") {
            continue; // deprecated or explicitly not current
        }
        const std::string_view type = f[1];
        const detail::WofPlacetype* feature = detail::wof_placetype(type);
        if (feature == nullptr)
            continue;
        p.feature_class = feature->feature_class;
        p.feature_code = std::string(feature->feature_code);
        to_number(f[10], p.geonameid);
        to_number(f[12], p.population);
        p.name = std::string(f[2]);
        p.country = std::string(f[3]);
        p.source = src;
        if (to_number(f[9], region)) {
            if (const auto it = region_admin1.find(region); it != region_admin1.end()) {
                p.admin1 = it->second;
            }
        }
        if (type == "region") {
            if (const auto it = m_admin1_by_gn.find(p.geonameid); it != m_admin1_by_gn.end()) {
                p.admin1 = it->second;
            }
        }
        names.clear();
        names.push_back({p.name, "", NameKind::name});
        for (std::string_view n : split(f[13], '|'))
            if (!n.empty())
                names.push_back({std::string(n), "ar", NameKind::alternate});
        for (std::string_view n : split(f[14], '|'))
            if (!n.empty())
                names.push_back({std::string(n), "en", NameKind::alternate});
        for (std::string_view n : split(f[15], '|'))
            if (!n.empty())
                names.push_back({std::string(n), "", NameKind::alternate});
        merge_or_insert(p, names, type == "region" ? 50.0 : 5.0, count);
    }
}

void Builder::add_country_places(const fs::path& csc_countries) {
    SourceCount& count = source(csc_countries.filename().string());
    LineReader in(csc_countries);
    const auto json = nlohmann::json::parse(in.read_all(), nullptr, false);
    if (!json.is_array()) {
        throw InputError(in.name(), "not a JSON array of countries");
    }
    auto countries = m_db.prepare("SELECT iso2, name, geonameid, population FROM countries");
    std::unordered_map<std::string, LatLon> coords;
    for (const auto& c : json) {
        LatLon ll;
        try {
            ll = {std::stod(c.value("latitude", "nan")), std::stod(c.value("longitude", "nan"))};
        } catch (const std::exception&) {
            continue;
        }
        if (ll.is_valid())
            coords[c.value("isoCode", "")] = ll;
    }
    while (countries.step()) {
        ++count.rows;
        const std::string iso(countries.column_text(0));
        PlaceRow p;
        p.geonameid = countries.column_int64(2);
        p.name = std::string(countries.column_text(1));
        p.feature_class = 'A';
        p.feature_code = "PCLI";
        p.country = iso;
        p.population = countries.column_int64(3);
        p.source = "geonames:countryInfo";
        const auto it = coords.find(iso);
        if (!m_known.contains(p.geonameid)) {
            if (it == coords.end()) {
                problem(in.name(), 0, "no coordinates for country " + iso + "; not added");
                continue;
            }
            p.position = it->second;
        }
        merge_or_insert(p, {{p.name, "en", NameKind::name}}, 0.0, count);
    }
}

void Builder::add_admin1_places(const fs::path& csc_states) {
    SourceCount& count = source(csc_states.filename().string());
    LineReader in(csc_states);
    const auto json = nlohmann::json::parse(in.read_all(), nullptr, false);
    if (!json.is_array()) {
        throw InputError(in.name(), "not a JSON array of states");
    }
    // (country, skeleton of name) -> coordinates and ISO 3166-2 subdivision code
    struct State {
        LatLon position;
        std::string iso;
    };
    std::unordered_map<std::string, State> coords;
    const auto unit_free = [](std::string_view name) {
        return strip_unit_word(normalize_name(name));
    };
    const auto key = [&](std::string_view country, std::string_view name) {
        return std::string(country) + ":" + skeleton_key(unit_free(name));
    };
    std::unordered_map<std::string, std::vector<std::pair<std::string, std::string>>> iso_names;
    for (const auto& s : json) {
        LatLon ll;
        try {
            ll = {std::stod(s.value("latitude", "nan")), std::stod(s.value("longitude", "nan"))};
        } catch (const std::exception&) {
            continue;
        }
        if (ll.is_valid()) {
            coords.emplace(key(s.value("countryCode", ""), s.value("name", "")),
                           State{ll, s.value("isoCode", "")});
        }
        if (!s.value("isoCode", "").empty()) {
            iso_names[s.value("countryCode", "")].emplace_back(
                strip_articles(unit_free(s.value("name", ""))), s.value("isoCode", ""));
        }
    }
    // ISO 3166-2 codes need a closer match than coordinates do ("Jufra" and "Jafara" share
    // a skeleton): the most similar name of the country, and similar enough.
    const auto iso_of = [&](const std::string& country, std::string_view name,
                            std::string_view ascii) -> std::pair<std::string, double> {
        const auto it = iso_names.find(country);
        if (it == iso_names.end())
            return {};
        double best = 0.6;
        std::string code;
        for (std::string_view n : {name, ascii}) {
            const std::string mine = strip_articles(unit_free(n));
            for (const auto& [theirs, iso] : it->second) {
                if (const double sim = name_similarity(mine, theirs); sim > best) {
                    best = sim;
                    code = iso;
                }
            }
        }
        return {code, best};
    };
    // ISO code -> (admin-1 code, similarity): each ISO code goes to its most similar unit
    std::unordered_map<std::string, std::pair<std::string, double>> iso_owner;
    auto admin = m_db.prepare("SELECT code, country, name, ascii_name, geonameid FROM admin1");
    auto set_iso = m_db.prepare("UPDATE admin1 SET iso_code = ?1 WHERE code = ?2");
    while (admin.step()) {
        ++count.rows;
        const std::int64_t gn = admin.column_int64(4);
        const std::string country(admin.column_text(1));
        if (const auto [iso, sim] = iso_of(country, admin.column_text(2), admin.column_text(3));
            !iso.empty()) {
            std::string owner_key = country;
            owner_key.append("-").append(iso);
            auto& owner = iso_owner[owner_key];
            if (sim > owner.second)
                owner = {std::string(admin.column_text(0)), sim};
        }
        auto it = coords.find(key(country, admin.column_text(2)));
        if (it == coords.end())
            it = coords.find(key(country, admin.column_text(3)));
        if (it == coords.end()) {
            continue;
        }
        if (m_known.contains(gn)) {
            continue;
        }
        PlaceRow p;
        p.geonameid = gn;
        p.name = std::string(admin.column_text(2));
        p.ascii = std::string(admin.column_text(3));
        p.feature_class = 'A';
        p.feature_code = "ADM1";
        p.country = country;
        p.admin1 = std::string(admin.column_text(0).substr(3));
        p.position = it->second.position;
        p.source = "geonames:admin1+csc";
        std::vector<NameRow> names = {{p.name, "", NameKind::name}};
        if (p.ascii != p.name)
            names.push_back({p.ascii, "", NameKind::ascii});
        merge_or_insert(p, names, 0.0, count);
    }
    for (const auto& [iso, owner] : iso_owner)
        set_iso.bind(1, iso).bind(2, owner.first).run();
}

void Builder::read_world_countries(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    LineReader in(file);
    const auto json = nlohmann::json::parse(in.read_all(), nullptr, false);
    if (!json.is_array()) {
        throw InputError(in.name(), "not a JSON array of countries");
    }
    for (const auto& c : json) {
        ++count.rows;
        const std::string iso = c.value("cca2", "");
        const auto gn = m_country_gn.find(iso);
        if (gn == m_country_gn.end() || !m_known.contains(gn->second)) {
            continue;
        }
        std::vector<NameRow> names;
        const auto add = [&](const nlohmann::json& v, const std::string& lang, NameKind kind) {
            if (v.is_string() && !v.get<std::string>().empty()) {
                names.push_back({v.get<std::string>(), lang, kind});
            }
        };
        if (c.contains("name")) {
            add(c["name"].value("common", nlohmann::json()), "en", NameKind::alternate);
            add(c["name"].value("official", nlohmann::json()), "en", NameKind::alternate);
        }
        for (const auto& alt : c.value("altSpellings", nlohmann::json::array())) {
            const std::string a = alt.is_string() ? alt.get<std::string>() : "";
            const bool abbreviation = a.size() <= 5 && std::all_of(a.begin(), a.end(), [](char ch) {
                                          return (ch >= 'A' && ch <= 'Z') || ch == '.';
                                      });
            add(alt, "", abbreviation ? NameKind::abbreviation : NameKind::alternate);
        }
        add(c.value("cca3", nlohmann::json()), "", NameKind::abbreviation);
        if (c.contains("demonyms") && c["demonyms"].contains("eng")) {
            add(c["demonyms"]["eng"].value("m", nlohmann::json()), "en", NameKind::demonym);
            add(c["demonyms"]["eng"].value("f", nlohmann::json()), "en", NameKind::demonym);
        }
        if (c.contains("translations") && c["translations"].contains("ara")) {
            add(c["translations"]["ara"].value("common", nlohmann::json()), "ar",
                NameKind::alternate);
            add(c["translations"]["ara"].value("official", nlohmann::json()), "ar",
                NameKind::alternate);
        }
        add_names(gn->second, names, "world-countries", true, count);
        ++count.merged;
    }
}

/// A facility's names with its kind words ("Sharara oilfield", "Es Sider oil terminal",
/// "al-Watiya air base"), made from each bare name: the geoparser looks the name with the
/// words after it up as one ("the Sharara oilfield" is the field, a bare "Brega" the town).
void add_site_word_forms(const PlaceRow& p, std::vector<NameRow>& names) {
    const auto words = detail::site_words_for(p.feature_class, p.feature_code);
    if (words.empty()) {
        return;
    }
    std::vector<NameRow> forms;
    for (const NameRow& n : names) {
        if (n.kind == NameKind::demonym || n.kind == NameKind::abbreviation) {
            continue;
        }
        for (std::string& f : detail::site_word_forms(n.name, words)) {
            forms.push_back({std::move(f), "en", NameKind::alternate});
        }
    }
    names.insert(names.end(), std::make_move_iterator(forms.begin()),
                 std::make_move_iterator(forms.end()));
}

void Builder::read_supplement(const fs::path& file, const std::string& source_name,
                              double merge_km) {
    SourceCount& count = source(file.filename().string());
    LineReader in(file);
    std::string line;
    // Columns: geonameid, name, alternate names (|), feature class, feature code, country,
    // admin1, lat, lon, population, source of the coordinates.
    while (in.next(line)) {
        if (line.empty() || line[0] == '#')
            continue;
        ++count.rows;
        const auto f = split(line, '\t');
        PlaceRow p;
        if (f.size() != 11 || f[1].empty() || f[3].size() != 1 || f[10].empty() ||
            !to_number(f[7], p.position.lat) || !to_number(f[8], p.position.lon) ||
            !p.position.is_valid()) {
            problem(in.name(), in.line_number(),
                    "expected 11 columns with a name, a one-letter feature class, valid lat/lon "
                    "and a source for the coordinates");
            continue;
        }
        to_number(f[0], p.geonameid);
        to_number(f[9], p.population);
        p.name = std::string(f[1]);
        p.feature_class = f[3][0];
        p.feature_code = std::string(f[4]);
        p.country = std::string(f[5]);
        p.admin1 = std::string(f[6]);
        p.source = source_name;
        std::vector<NameRow> names = {{p.name, "en", NameKind::name}};
        for (std::string_view alt : split(f[2], '|')) {
            if (alt.empty())
                continue;
            const bool abbreviation =
                alt.size() <= 5 && std::all_of(alt.begin(), alt.end(), [](char ch) {
                    return (ch >= 'A' && ch <= 'Z') || ch == '.';
                });
            if (alt.starts_with("demonym:")) {
                names.push_back({std::string(alt.substr(8)), "en", NameKind::demonym});
            } else if (alt.starts_with("short:")) {
                // a site's bare name that is also a town's ("Brega"): weak alone, it names
                // the site with a kind word after it ("Brega terminal")
                names.push_back({std::string(alt.substr(6)), "en", NameKind::short_form});
            } else {
                names.push_back({std::string(alt), "en",
                                 abbreviation ? NameKind::abbreviation : NameKind::alternate});
            }
        }
        add_site_word_forms(p, names);
        if (f[10].starts_with("merge only")) {
            // adds names to a record another source supplies; never creates one
            if (p.geonameid > 0 && m_known.contains(p.geonameid)) {
                add_names(p.geonameid, names, source_name, true, count);
                ++count.merged;
            }
            continue;
        }
        // A sea or region a source file has (the Natural Earth areas) keeps the source's
        // point and takes the supplement's names.
        const bool area = (p.feature_class == 'H' || p.feature_class == 'L') &&
                          p.feature_code != "CONT" && p.geonameid == 0;
        if (const auto same = area ? find_area(p.name, p.feature_class, p.position,
                                               area_merge_km(p.feature_class, p.feature_code))
                                   : std::nullopt) {
            if (m_rough_points.contains(*same)) {
                // a polygon centroid is a better point than a mean of label points
                m_move_place.bind(1, *same).bind(2, p.position.lat).bind(3, p.position.lon);
                m_move_place.run();
            }
            merge_into(*same, p);
            add_names(*same, names, source_name, true, count);
            ++count.merged;
            continue;
        }
        merge_or_insert(p, names, merge_km, count);
    }
}

void Builder::read_country_points(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    LineReader in(file);
    // Only points that did not come from a GeoNames place dump are replaced.
    auto update = m_db.prepare(
        "UPDATE places SET lat = ?2, lon = ?3, geom = MakePoint(?3, ?2, 4326)"
        " WHERE id = ?1 AND feature_code LIKE 'PCL%' AND source NOT LIKE 'geonames:%.txt%'");
    std::string line;
    while (in.next(line)) {
        if (line.empty() || line[0] == '#')
            continue;
        ++count.rows;
        const auto f = split(line, ',');
        std::int64_t gn = 0;
        LatLon ll;
        if (f.size() < 5 || !to_number(f[1], gn) || !to_number(f[2], ll.lat) ||
            !to_number(f[3], ll.lon) || !ll.is_valid() || f[4].empty()) {
            problem(in.name(), in.line_number(),
                    "expected iso2,geonameid,lat,lon,source with valid coordinates");
            continue;
        }
        update.bind(1, gn).bind(2, ll.lat).bind(3, ll.lon);
        update.run();
        count.merged += static_cast<std::uint64_t>(sqlite3_changes(m_db.handle()));
    }
}

void Builder::read_word_list(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    LineReader in(file);
    auto stmt = m_db.prepare("INSERT OR IGNORE INTO common_words (word) VALUES (?)");
    std::string line;
    while (in.next(line)) {
        ++count.rows;
        // Only lowercase words: "may", "mission". Capitalised entries are proper nouns.
        if (line.size() >= 2 &&
            std::all_of(line.begin(), line.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
            stmt.bind(1, line);
            stmt.run();
            ++count.names;
        }
    }
}

void Builder::finish() {
    progress("building indexes");
    m_db.exec(detail::kGazetteerIndexes);
    if (m_db.query_int("SELECT CreateSpatialIndex('places', 'geom')").value_or(0) != 1) {
        throw DatabaseError(0, "SpatiaLite CreateSpatialIndex failed for places.geom");
    }
    auto meta = m_db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
    const std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    std::string sources;
    for (const auto& s : m_report.sources) {
        sources += (sources.empty() ? "" : ",") + s.source;
    }
    meta.bind(1, "schema_version").bind(2, std::to_string(detail::kGazetteerSchemaVersion)).run();
    meta.bind(1, "built_at").bind(2, stamp).run();
    meta.bind(1, "sources").bind(2, sources).run();
    m_db.exec("COMMIT");
    m_db.exec("PRAGMA analysis_limit = 1000; ANALYZE"); // sampled: seconds, not minutes
}

/// The GeoNames place dumps to import: every dump in the user's directory (allCountries,
/// citiesN or country files), else the embedded cities500 and cities15000 files.
std::vector<fs::path> Builder::place_dumps(const fs::path& geo_dir) const {
    std::vector<fs::path> place_files;
    if (!m_opt.geonames_dir) {
        const auto need = [&](const std::regex& re, const char* what) {
            fs::path p = find_file(geo_dir, re);
            if (p.empty()) {
                throw InputError(geo_dir.string(), std::string("no ") + what + " found");
            }
            return p;
        };
        place_files.push_back(need(std::regex(R"(cities500-.*\.txt\.gz)"), "cities500 dump"));
        place_files.push_back(need(std::regex(R"(cities15000-.*\.txt\.gz)"), "cities15000 dump"));
        return place_files;
    }
    std::error_code ec;
    if (!fs::is_directory(geo_dir, ec)) {
        throw InputError(geo_dir.string(), "not a directory");
    }
    const std::regex dump(R"((allCountries|cities\d+|[A-Z]{2})\.txt(\.gz)?)");
    bool zipped = false;
    for (const auto& entry : fs::directory_iterator(geo_dir)) {
        const std::string name = entry.path().filename().string();
        if (entry.is_regular_file() && std::regex_match(name, dump)) {
            place_files.push_back(entry.path());
        }
        zipped = zipped || name.ends_with(".zip");
    }
    std::sort(place_files.begin(), place_files.end());
    if (place_files.empty()) {
        throw InputError(geo_dir.string(),
                         std::string("no GeoNames dumps found (expected allCountries.txt, "
                                     "cities500.txt or a country file such as LY.txt") +
                             (zipped ? "; unzip the downloaded .zip files first)" : ")"));
    }
    return place_files;
}

/// The small GeoNames tables (countries, admin-1 and admin-2 codes): the user's dumps may
/// lack them; the embedded ones fill in.
void Builder::read_code_tables(const fs::path& geo_dir) {
    const auto table_file = [&](const std::regex& re) {
        fs::path p = find_file(geo_dir, re);
        return p.empty() ? find_file(m_opt.data_dir / "geonames", re) : p;
    };
    if (fs::path p = table_file(std::regex(R"(countryInfo.*\.(txt|tsv)(\.gz)?)")); !p.empty())
        read_country_info(p);
    if (fs::path p = table_file(std::regex(R"(admin1CodesASCII.*\.txt(\.gz)?)")); !p.empty())
        read_admin_codes(p, AdminLevel::admin1);
    if (fs::path p = table_file(std::regex(R"(admin2Codes.*\.txt(\.gz)?)")); !p.empty())
        read_admin_codes(p, AdminLevel::admin2);
}

/// The place dumps, then the user's alternate names file if there is one (which then
/// replaces the dumps' own alternate-name column), then the name index the later sources
/// merge by.
void Builder::read_geonames(const fs::path& geo_dir, const std::vector<fs::path>& place_files) {
    fs::path alternates;
    if (m_opt.geonames_dir) {
        alternates = find_file(geo_dir, std::regex(R"(alternateNames(V2)?\.txt(\.gz)?)"));
        m_have_alternate_file = !alternates.empty();
    }
    for (const fs::path& f : place_files) {
        progress("reading " + f.string());
        read_geonames_dump(f);
    }
    if (!alternates.empty()) {
        progress("reading " + alternates.string());
        read_alternate_names(alternates);
    }
    progress("indexing names for merging");
    m_db.exec("CREATE INDEX IF NOT EXISTS names_norm ON names(norm)");
    m_find_by_norm =
        m_db.prepare("SELECT p.id, p.lat, p.lon, p.feature_class, p.feature_code FROM names n"
                     " JOIN places p ON p.id = n.place_id WHERE n.norm = ?1 AND p.country = ?2");
}

/// The embedded Who's On First admin files (data/wof/wof-admin-*), in name order.
void Builder::read_wof_files() {
    const fs::path wof_dir = m_opt.data_dir / "wof";
    std::error_code ec;
    if (!fs::is_directory(wof_dir, ec)) {
        return;
    }
    std::vector<fs::path> wof;
    for (const auto& e : fs::directory_iterator(wof_dir)) {
        if (e.path().filename().string().starts_with("wof-admin-"))
            wof.push_back(e.path());
    }
    std::sort(wof.begin(), wof.end());
    for (const fs::path& f : wof) {
        progress("reading " + f.string());
        read_wof(f);
    }
}

/// The embedded reference files (data/reference): country and state coordinates and ISO
/// codes, country names, abbreviations and demonyms.
void Builder::read_reference_files() {
    const fs::path ref = m_opt.data_dir / "reference";
    if (fs::path p = find_file(ref, std::regex(R"(country-state-city-.*-countries\.json(\.gz)?)"));
        !p.empty()) {
        add_country_places(p);
    }
    if (fs::path p = find_file(ref, std::regex(R"(country-state-city-.*-states\.json(\.gz)?)"));
        !p.empty()) {
        add_admin1_places(p);
    }
    if (fs::path p = find_file(ref, std::regex(R"(world-countries-.*\.json(\.gz)?)")); !p.empty()) {
        read_world_countries(p);
    }
}

/// The .tsv files of a directory, in name order.
std::vector<fs::path> tsv_files_in(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ".tsv")
            files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

/// The embedded supplement (data/supplement): curated places in .tsv files, then the
/// country points that replace imported ones.
void Builder::read_supplement_files() {
    const fs::path supplement = m_opt.data_dir / "supplement";
    std::error_code ec;
    if (!fs::is_directory(supplement, ec)) {
        return;
    }
    for (const fs::path& f : tsv_files_in(supplement))
        read_supplement(f);
    if (fs::is_regular_file(supplement / "country-points.csv", ec)) {
        read_country_points(supplement / "country-points.csv");
    }
}

/// OpenStreetMap's places (data/osm/*.tsv, in the supplement's columns; ODbL, kept apart and
/// left out with GazetteerBuildOptions::openstreetmap false): a place of the same name within
/// 10 km is the same place and takes the names (OSM's points and GeoNames' differ by a few km).
void Builder::read_osm_files() {
    const fs::path dir = m_opt.data_dir / "osm";
    std::error_code ec;
    if (!m_opt.openstreetmap || !fs::is_directory(dir, ec))
        return;
    for (const fs::path& f : tsv_files_in(dir))
        read_supplement(f, "osm", 10.0);
}

/// The English word lists; without any, a problem says what is lost.
void Builder::read_word_lists() {
    std::error_code ec;
    bool any_words = false;
    for (const fs::path& list : m_opt.word_lists) {
        if (fs::is_regular_file(list, ec)) {
            read_word_list(list);
            any_words = true;
        }
    }
    if (!any_words) {
        problem("word list", 0,
                "no English word list; ordinary words that are also place names (May, Mission) "
                "will not be down-weighted (install wamerican and wbritish)");
    }
}

// ---- The area sources: Natural Earth admin-1 units, Census counties, Natural Earth
// regions, seas and territories (data/naturalearth, data/census), then the names made by
// rule for every admin-1 unit: its unit words and, for US states and Canadian provinces,
// the news abbreviations and postal codes.

/// A GeoNames admin-1 unit of one country, with the keys its names match by.
struct Admin1Entry {
    std::string code; // "US.KY"
    std::int64_t geonameid = 0;
    std::string iso;
    std::vector<std::string> keys;
};

namespace {

/// A unit's name as a matching key: normalised, without its unit word, generic prefix
/// ("Sha`biyat", "Muhafazat") or Arabic article: "Sha`biyat Murzuq" and "Murzuq District"
/// give "murzuq".
std::string unit_key(std::string_view name) {
    std::string n = strip_unit_word(normalize_name(name));
    for (std::string_view prefix : {"sha biyat ", "shabiyat ", "muhafazat ", "wilayat ", "wilaya ",
                                    "provincia de ", "departamento de "}) {
        if (n.size() > prefix.size() && n.starts_with(prefix)) {
            n.erase(0, prefix.size());
            break;
        }
    }
    return strip_articles(n);
}

NameRow area_name(std::string_view name, NameKind kind) {
    return {std::string(name), detail::has_arabic(name) ? "ar" : "", kind};
}

/// An alternate name as the kind it is: a two-letter code ("KY", "Ky.") a postal code, a
/// short all-capital or dotted form ("Wash.", "N.Y.") an abbreviation.
NameRow alternate_name(std::string_view name) {
    if (detail::postal_only(name))
        return area_name(name, NameKind::postal_code);
    const bool abbreviation =
        name.size() <= 6 &&
        (name.ends_with('.') || std::all_of(name.begin(), name.end(), [](char c) {
             return (c >= 'A' && c <= 'Z') || c == '.';
         }));
    return area_name(name, abbreviation ? NameKind::abbreviation : NameKind::alternate);
}

} // namespace

namespace {

/// A Natural Earth admin-1 row as a unit to merge: its place, type, ISO code, names (the
/// main name first) and their matching keys (one per Latin or Arabic alternate, in order).
struct NeUnit {
    PlaceRow place;
    std::string type, iso;
    std::vector<NameRow> names;
    std::vector<std::string> keys;
};

NeUnit ne_unit(const detail::AreaRow& r, const std::string& src) {
    NeUnit u;
    u.place.name = std::string(r.name);
    u.place.feature_class = 'A';
    u.place.feature_code = "ADM1";
    u.place.country = std::string(r.country);
    u.place.position = {r.lat, r.lon};
    u.place.source = src;
    u.type = std::string(r.feature_type);
    u.iso = std::string(r.admin_code);
    u.names.push_back(area_name(r.name, NameKind::name));
    u.keys.push_back(unit_key(r.name));
    for (std::string_view alt : split(r.alt_names, '|')) {
        if (!alt.empty()) {
            u.names.push_back(alternate_name(alt));
            u.keys.push_back(unit_key(alt));
        }
    }
    if (!r.name_ar.empty())
        u.names.push_back(area_name(r.name_ar, NameKind::alternate));
    return u;
}

/// Which GeoNames unit (index into `entries`, or -1) each Natural Earth unit of a country
/// is: by main name first, then by an ISO code no other row has (NE gives SD-DS to two
/// units; Libya's codes are of the legacy layout), then by an alternate name. A GeoNames
/// unit takes one row at most.
std::vector<int> match_units(const std::vector<NeUnit>& units,
                             const std::vector<Admin1Entry>& entries, std::string_view country) {
    std::map<std::string, int> iso_uses;
    for (const NeUnit& u : units)
        ++iso_uses[u.iso];
    std::vector<int> match(units.size(), -1);
    std::vector<bool> claimed(entries.size(), false);
    const auto claim = [&](std::size_t ui, const auto& fits) {
        for (std::size_t ei = 0; ei < entries.size() && match[ui] < 0; ++ei) {
            if (!claimed[ei] && fits(entries[ei])) {
                match[ui] = static_cast<int>(ei);
                claimed[ei] = true;
            }
        }
    };
    const auto has_key = [](const Admin1Entry& e, const std::string& k) {
        return !k.empty() && std::find(e.keys.begin(), e.keys.end(), k) != e.keys.end();
    };
    for (std::size_t ui = 0; ui < units.size(); ++ui)
        claim(ui, [&](const Admin1Entry& e) { return has_key(e, units[ui].keys[0]); });
    for (std::size_t ui = 0; ui < units.size(); ++ui)
        if (match[ui] < 0 && country != "LY" && !units[ui].iso.empty() &&
            iso_uses[units[ui].iso] == 1)
            claim(ui, [&](const Admin1Entry& e) { return e.iso == units[ui].iso; });
    for (std::size_t ui = 0; ui < units.size(); ++ui)
        for (std::size_t k = 1; k < units[ui].keys.size() && match[ui] < 0; ++k)
            claim(ui, [&](const Admin1Entry& e) { return has_key(e, units[ui].keys[k]); });
    return match;
}

/// The names a unit takes: not an alternate that is another unit's name, and not a
/// romanisation variant of a name the unit has ("Al Baidha" of "Al Bayda"): its skeleton
/// finds it already, and as a name it would match as strongly as the town it shares that
/// spelling with. The main name is an alternate when the unit merges into GeoNames'.
std::vector<NameRow> names_to_take(const NeUnit& u, const Admin1Entry* entry,
                                   const std::set<std::string>& unit_names) {
    std::set<std::string> own(u.keys.begin(), u.keys.begin() + 1);
    if (entry)
        own.insert(entry->keys.begin(), entry->keys.end());
    std::set<std::string> spellings;
    for (const std::string& k : own)
        spellings.insert(skeleton_key(k));
    std::vector<NameRow> names;
    for (std::size_t k = 0; k < u.names.size(); ++k) {
        const std::string key = k < u.keys.size() ? u.keys[k] : std::string();
        if (k > 0 && !key.empty() && unit_names.contains(key) && !own.contains(key))
            continue;
        if (k > 0 && !key.empty() && u.names[k].kind == NameKind::alternate &&
            u.names[k].lang.empty() && !spellings.insert(skeleton_key(key)).second)
            continue;
        names.push_back(u.names[k]);
        if (k == 0 && entry)
            names.back().kind = NameKind::alternate;
    }
    return names;
}

} // namespace

/// Reads an area TSV: checks the header, parses each row (a malformed one is a problem
/// naming file, line and field, and is skipped) and calls f(row, file name, line number).
template <typename F>
void Builder::for_each_area_row(const fs::path& file, SourceCount& count, F&& f) {
    LineReader in(file);
    std::string line;
    if (!in.next(line) || !line.starts_with(detail::kAreaHeader)) {
        throw InputError(in.name(), 1, 0, {},
                         "expected the area header (id, name, alt_names, name_ar, kind, ...)");
    }
    detail::AreaRow row;
    while (in.next(line)) {
        if (line.empty())
            continue;
        ++count.rows;
        if (auto error = detail::parse_area_line(line, row)) {
            problem(in.name(), in.line_number(), *error);
            continue;
        }
        f(row, in.name(), in.line_number());
    }
}

std::vector<Admin1Entry> Builder::admin1_entries(std::string_view country) {
    auto stmt = m_db.prepare("SELECT code, coalesce(geonameid, 0), coalesce(iso_code, ''), name,"
                             " ascii_name FROM admin1 WHERE country = ?1");
    stmt.bind(1, country);
    std::vector<Admin1Entry> out;
    while (stmt.step()) {
        Admin1Entry e{std::string(stmt.column_text(0)),
                      stmt.column_int64(1),
                      std::string(stmt.column_text(2)),
                      {unit_key(stmt.column_text(3)), unit_key(stmt.column_text(4))}};
        out.push_back(std::move(e));
    }
    return out;
}

/// Natural Earth admin-1 units: merged into the GeoNames unit of the same name (or, when
/// the name differs, of the same ISO 3166-2 code), never a twin of it; units GeoNames lacks
/// become places. Libya's rows are Natural Earth's legacy layout: they only add names to
/// the GeoNames districts.
void Builder::read_ne_admin1(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    const std::string src = "naturalearth:" + file.filename().string();
    std::map<std::string, std::vector<NeUnit>> by_country;
    for_each_area_row(file, count,
                      [&](const detail::AreaRow& r, const std::string&, std::uint64_t) {
                          NeUnit u = ne_unit(r, src);
                          by_country[u.place.country].push_back(std::move(u));
                      });
    for (auto& [country, units] : by_country) {
        const std::vector<Admin1Entry> entries = admin1_entries(country);
        const std::vector<int> match = match_units(units, entries, country);
        // The main names of the country's units: an alternate naming another unit (NE's
        // Central Darfur lists "West Darfur") is not taken.
        std::set<std::string> unit_names;
        for (const NeUnit& u : units)
            unit_names.insert(u.keys[0]);
        for (const Admin1Entry& e : entries)
            unit_names.insert(e.keys.begin(), e.keys.end());
        for (std::size_t ui = 0; ui < units.size(); ++ui) {
            NeUnit& u = units[ui];
            const Admin1Entry* entry =
                match[ui] >= 0 ? &entries[static_cast<std::size_t>(match[ui])] : nullptr;
            if (entry == nullptr && country == "LY") {
                continue; // the legacy layout: names only, never a second set of units
            }
            std::vector<NameRow> names = names_to_take(u, entry, unit_names);
            drop_ordinary_words(names);
            std::optional<std::int64_t> id;
            if (entry) {
                u.place.geonameid = entry->geonameid;
                u.place.admin1 = entry->code.substr(3);
            } else {
                // Not a GeoNames admin-1 unit: often a unit of another level (the UK's
                // counties, France's departments), so a division of unknown level; one of
                // the same name close by (a GeoNames ADM2) takes its names.
                u.place.feature_code = "ADMD";
                id = find_area(u.place.name, 'A', u.place.position, 50.0);
                if (id) {
                    add_names(*id, names, src, true, count);
                    ++count.merged;
                }
            }
            if (!id)
                id = merge_or_insert(u.place, names, 0.0, count);
            if (entry)
                take_label_point(*id, u.place.position);
            m_unit_type.emplace(*id, u.type);
        }
    }
}

/// A GeoNames admin-1 unit whose point came from the country-state-city list and lies on a
/// town of 10,000 people or more takes Natural Earth's label point: that list often gives a
/// state the point of its capital or largest city (New York at New York City, 300 km from
/// the state's middle), where the label point lies well inside the unit. A point from a
/// GeoNames dump is kept, and so is one that is no town's (Hawaii's) or that the label point
/// lies more than 500 km from (a unit matched by a name it shares).
void Builder::take_label_point(std::int64_t place, const LatLon& label) {
    const auto cell = [](double lat, double lon) {
        return static_cast<std::int64_t>(std::floor((lat + 90.0) / 0.05)) * 100000 +
               static_cast<std::int64_t>(std::floor((lon + 180.0) / 0.05));
    };
    if (!m_have_town_cells) {
        m_have_town_cells = true;
        auto towns = m_db.prepare(
            "SELECT lat, lon FROM places WHERE feature_class = 'P' AND population >= 10000");
        while (towns.step())
            m_town_cells.insert(cell(towns.column_double(0), towns.column_double(1)));
    }
    auto stmt = m_db.prepare("SELECT source, lat, lon FROM places WHERE id = ?1");
    stmt.bind(1, place);
    if (!stmt.step() || !stmt.column_text(0).starts_with("geonames:admin1+csc"))
        return;
    const LatLon here{stmt.column_double(1), stmt.column_double(2)};
    bool on_town = false;
    for (int dr = -1; dr <= 1 && !on_town; ++dr) {
        for (int dc = -1; dc <= 1 && !on_town; ++dc)
            on_town = m_town_cells.contains(cell(here.lat + dr * 0.05, here.lon + dc * 0.05));
    }
    if (!on_town || distance_km(label, here) > 500.0)
        return;
    m_move_place.bind(1, place).bind(2, label.lat).bind(3, label.lon).run();
}

/// US Census counties: one A.ADM2 place each, with the GeoNames admin-2 geonameid where
/// there is one; "Laurel County" is the name and the bare "Laurel" a short form (weak).
void Builder::read_census_counties(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    const std::string src = "census:" + file.filename().string();
    auto admin2 = m_db.prepare("SELECT geonameid FROM admin2 WHERE code = ?1");
    for_each_area_row(
        file, count, [&](const detail::AreaRow& r, const std::string& name, std::uint64_t line) {
            if (r.country != "US" || r.admin_code.size() != 5 || r.source_id.size() != 5) {
                problem(name, line,
                        "country_code/admin_code/source_id: expected US, US-XX and a 5-digit FIPS "
                        "code");
                return;
            }
            PlaceRow p;
            p.name = std::string(r.name);
            p.feature_class = 'A';
            p.feature_code = "ADM2";
            p.country = "US";
            p.admin1 = std::string(r.admin_code.substr(3));
            p.admin2 = std::string(r.source_id.substr(2));
            p.position = {r.lat, r.lon};
            p.source = src;
            admin2.bind(1, "US." + p.admin1 + "." + p.admin2);
            if (admin2.step())
                p.geonameid = admin2.column_int64(0);
            admin2.reset();
            std::vector<NameRow> names = {area_name(r.name, NameKind::name)};
            const auto add_other = [&](std::string_view alt) {
                if (alt.empty())
                    return;
                // the name without its unit word, in English or Arabic: a short form
                const bool bare = detail::has_arabic(alt) ||
                                  (r.name.size() > alt.size() && r.name.starts_with(alt) &&
                                   r.name[alt.size()] == ' ');
                names.push_back(area_name(alt, bare ? NameKind::short_form : NameKind::alternate));
            };
            for (std::string_view alt : split(r.alt_names, '|'))
                add_other(alt);
            add_other(r.name_ar);
            const std::int64_t id = merge_or_insert(p, names, 0.0, count);
            m_unit_type.emplace(id, std::string(r.feature_type));
        });
}

/// A place of another source that is the same area: same name, a compatible class (a sea
/// only a water body; a region, territory or landform an admin unit, area or landform),
/// within `radius_km`.
std::optional<std::int64_t> Builder::find_area(std::string_view name, char feature_class,
                                               const LatLon& position, double radius_km) {
    if (!m_have_find_area) {
        m_have_find_area = true;
        m_find_area = m_db.prepare("SELECT p.id, p.lat, p.lon, p.feature_class FROM names n"
                                   " JOIN places p ON p.id = n.place_id WHERE n.norm = ?1"
                                   " AND n.kind IN ('name', 'ascii', 'alternate')"
                                   " AND p.feature_class IN ('A', 'H', 'L', 'T')");
    }
    m_find_area.bind(1, normalize_name(name));
    std::optional<std::int64_t> best;
    double best_km = radius_km;
    while (m_find_area.step()) {
        const std::string_view fclass = m_find_area.column_text(3);
        const bool water = feature_class == 'H';
        if (fclass.empty() || (fclass[0] == 'H') != water) {
            continue;
        }
        const double km =
            distance_km(position, {m_find_area.column_double(1), m_find_area.column_double(2)});
        if (km <= best_km) {
            best = m_find_area.column_int64(0);
            best_km = km;
        }
    }
    m_find_area.reset();
    return best;
}

/// Natural Earth regions, seas and territories, as the GeoNames features they are; one
/// that another source already has (England, Alaska, a GeoNames "West Bank") adds its
/// names to it.
void Builder::read_ne_areas(const fs::path& file) {
    SourceCount& count = source(file.filename().string());
    const std::string src = "naturalearth:" + file.filename().string();
    for_each_area_row(
        file, count, [&](const detail::AreaRow& r, const std::string&, std::uint64_t) {
            const auto feature = detail::area_feature(r.kind, r.feature_type);
            if (!feature) {
                return; // continents: the GeoNames continent records of the supplement
            }
            PlaceRow p;
            p.name = std::string(r.name);
            p.feature_class = feature->feature_class;
            p.feature_code = std::string(feature->feature_code);
            p.country = std::string(r.country);
            p.position = {r.lat, r.lon};
            p.source = src;
            std::vector<NameRow> names = {area_name(r.name, NameKind::name)};
            for (std::string_view alt : split(r.alt_names, '|'))
                if (!alt.empty())
                    names.push_back(alternate_name(alt));
            if (!r.name_ar.empty())
                names.push_back(area_name(r.name_ar, NameKind::alternate));
            drop_ordinary_words(names);
            const double radius = area_merge_km(p.feature_class, p.feature_code);
            if (const auto same = find_area(p.name, p.feature_class, p.position, radius)) {
                if (p.feature_code == "OCN")
                    m_rough_points.insert(*same); // the point of one half of the ocean
                names.front().kind = NameKind::alternate;
                merge_into(*same, p);
                add_names(*same, names, src, true, count);
                ++count.merged;
                return;
            }
            std::int64_t id = m_next_local_id++;
            insert_place(p, id);
            add_names(id, names, src, false, count);
            ++count.places;
            if (r.coord_method == "admin1_mean")
                m_rough_points.insert(id);
        });
}

/// Leaves out alternate names that are one ordinary English word ("Capital" of Kuwait's
/// Al Asimah): a source's alternate is not worth a word of every text.
void Builder::drop_ordinary_words(std::vector<NameRow>& names) {
    if (!m_have_common_word) {
        m_have_common_word = true;
        m_common_word = m_db.prepare("SELECT 1 FROM common_words WHERE word = ?1");
    }
    std::erase_if(names, [&](const NameRow& n) {
        if (n.kind != NameKind::alternate || n.name.find(' ') != std::string::npos)
            return false;
        m_common_word.bind(1, normalize_name(n.name));
        const bool common = m_common_word.step();
        m_common_word.reset();
        return common;
    });
}

/// Every admin-1 unit is also found with the unit words of its type in its country
/// ("Murzuq District", "Sha`biyat Murzuq", "شعبية مرزق"), made by rule from its names.
void Builder::add_unit_words() {
    SourceCount& count = source("unit words");
    auto units = m_db.prepare("SELECT id, country, feature_code FROM places"
                              " WHERE feature_class = 'A' AND feature_code IN ('ADM1', 'ADMD')");
    auto names_of = m_db.prepare("SELECT name FROM names WHERE place_id = ?1"
                                 " AND kind IN ('name', 'ascii', 'alternate')");
    std::vector<std::pair<std::int64_t, std::string>> todo;
    while (units.step()) {
        // a division of unknown level only when it is an admin unit of a source file
        if (units.column_text(2) == "ADM1" || m_unit_type.contains(units.column_int64(0)))
            todo.emplace_back(units.column_int64(0), std::string(units.column_text(1)));
    }
    std::vector<NameRow> forms;
    for (const auto& [id, country] : todo) {
        ++count.rows;
        const auto type = m_unit_type.find(id);
        const detail::UnitWords words =
            detail::unit_words_for(country, type == m_unit_type.end() ? "" : type->second);
        forms.clear();
        names_of.bind(1, id);
        while (names_of.step()) {
            for (std::string& f : detail::unit_word_forms(names_of.column_text(0), words))
                forms.push_back(area_name(f, NameKind::alternate));
        }
        names_of.reset();
        if (!forms.empty()) {
            add_names(id, forms, "unit words", true, count);
            ++count.merged;
        }
    }
}

/// The adjective of a province, region or territory whose name ends in "-ia" ("South
/// Ossetia", "Transnistria", "Bavaria"): "-ian", as a demonym. Only for the place's main name,
/// and only where no place has that word as a name already ("Georgian" is the country's) and
/// it is no ordinary English word.
void Builder::add_region_demonyms() {
    SourceCount& count = source("region demonyms");
    auto units = m_db.prepare("SELECT id, name FROM places WHERE (feature_class = 'A' AND"
                              " feature_code IN ('ADM1', 'TERR')) OR (feature_class = 'L' AND"
                              " feature_code = 'RGN')");
    auto taken = m_db.prepare("SELECT 1 FROM names WHERE norm = ?1 LIMIT 1");
    auto common = m_db.prepare("SELECT 1 FROM common_words WHERE word = ?1");
    std::vector<std::pair<std::int64_t, std::string>> todo;
    while (units.step()) {
        const std::string_view name = units.column_text(1);
        if (name.size() > 4 && name.ends_with("ia") &&
            std::all_of(name.begin(), name.end(),
                        [](char c) { return static_cast<unsigned char>(c) < 0x80; }))
            todo.emplace_back(units.column_int64(0), std::string(name) + "n");
    }
    for (const auto& [id, adjective] : todo) {
        ++count.rows;
        const std::string norm = normalize_name(adjective);
        taken.bind(1, norm);
        common.bind(1, norm);
        const bool skip = taken.step() || common.step();
        taken.reset();
        common.reset();
        if (skip)
            continue;
        add_names(id, {{adjective, "en", NameKind::demonym}}, "region demonyms", true, count);
        ++count.merged;
    }
}

/// News-style abbreviations ("Ky.", "W.Va.", "Ont.") and postal codes ("KY") as names of
/// US states and Canadian provinces; a code, or an abbreviation that reads as one, only
/// after a town and a comma (NameKind::postal_code).
void Builder::add_state_abbreviations() {
    SourceCount& count = source("state abbreviations");
    auto unit = m_db.prepare("SELECT code, geonameid, name FROM admin1 WHERE country = ?1");
    for (const detail::StateAbbreviations& s : detail::state_abbreviations()) {
        ++count.rows;
        std::int64_t gn = 0;
        unit.bind(1, s.country);
        while (unit.step() && gn == 0) {
            if (normalize_name(unit.column_text(2)) == normalize_name(s.unit))
                gn = unit.column_int64(1);
        }
        unit.reset();
        if (gn == 0 || !m_known.contains(gn)) {
            continue; // a gazetteer built without this country
        }
        std::vector<NameRow> names = {{std::string(s.postal), "", NameKind::postal_code}};
        for (std::string_view a : s.news) {
            if (!a.empty())
                names.push_back(
                    {std::string(a), "en",
                     detail::postal_only(a) ? NameKind::postal_code : NameKind::abbreviation});
        }
        add_names(gn, names, "state abbreviations", true, count);
        ++count.merged;
    }
}

/// The embedded area files: data/naturalearth (admin-1 units; regions, seas and
/// territories) and data/census (US counties). Admin-1 units come after the GeoNames
/// admin-1 places and their ISO codes (read_reference_files), which they merge into.
void Builder::read_area_files() {
    const auto read = [&](const fs::path& dir, const char* pattern, auto method) {
        std::error_code ec;
        if (!fs::is_directory(dir, ec))
            return;
        if (fs::path p = find_file(dir, std::regex(pattern)); !p.empty()) {
            progress("reading " + p.string());
            (this->*method)(p);
        }
    };
    const fs::path ne = m_opt.data_dir / "naturalearth";
    read(ne, R"(natural-earth-.*admin1.*\.tsv(\.gz)?)", &Builder::read_ne_admin1);
    read(m_opt.data_dir / "census", R"(census-.*counties.*\.tsv(\.gz)?)",
         &Builder::read_census_counties);
    read(ne, R"(natural-earth-regions-.*\.tsv(\.gz)?)", &Builder::read_ne_areas);
}

void Builder::run() {
    const auto started = std::chrono::steady_clock::now();
    create_schema();
    const fs::path geo_dir = m_opt.geonames_dir ? *m_opt.geonames_dir : m_opt.data_dir / "geonames";
    const std::vector<fs::path> place_files = place_dumps(geo_dir);
    read_code_tables(geo_dir);
    read_geonames(geo_dir, place_files);
    read_wof_files();
    read_reference_files();
    read_word_lists(); // before the area files, which leave out ordinary words as names
    read_area_files();
    read_supplement_files();
    read_osm_files();
    add_unit_words();
    add_state_abbreviations();
    add_region_demonyms();
    m_find_by_norm = Statement();
    m_find_area = Statement();
    m_have_find_area = false;
    m_common_word = Statement();
    m_have_common_word = false;
    finish();
    m_report.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

} // namespace

GazetteerBuildReport build_gazetteer(const GazetteerBuildOptions& options) {
    if (options.out.empty()) {
        throw InputError("gazetteer build", 0, 0, "output file", "none given");
    }
    std::error_code ec;
    if (!options.geonames_dir && !fs::is_directory(options.data_dir / "geonames", ec)) {
        throw InputError(options.data_dir.string(), "embedded data directory not found");
    }
    const fs::path out = fs::absolute(options.out);
    if (out.has_parent_path()) {
        fs::create_directories(out.parent_path(), ec);
    }
    const fs::path temp = out.string() + ".tmp-" + std::to_string(::getpid());
    fs::remove(temp, ec);
    GazetteerBuildReport report;
    try {
        Database db = Database::open(temp, detail::OpenMode::create);
        {
            Builder builder(options, db); // owns prepared statements: finalise before close
            builder.run();
            report = std::move(builder.report());
        }
        db.close();
    } catch (...) {
        fs::remove(temp, ec);
        throw;
    }
    fs::rename(temp, out); // atomic on one file system: readers see old or new, never half
    // The hash indexes, built once now into the index file next to it (gazetteer.hpp), so
    // that every command after this one starts without building them.
    Gazetteer::open(out);
    return report;
}

} // namespace kharita
