#include "area_sources.hpp"
#include "tab_fields.hpp"

#include "kharita/text/normalize.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace kharita::detail {

namespace {

bool parse_double(std::string_view s, double& out) {
    if (s.empty()) {
        return false;
    }
    const auto* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end && std::isfinite(out);
}

/// Natural Earth kind/feature type -> GeoNames feature. Types are compared case-blind.
struct FeatureRule {
    std::string_view kind, type;
    AreaFeature feature;
};
constexpr std::array kFeatureRules = {
    FeatureRule{"sea", "sea", {'H', "SEA"}},
    FeatureRule{"sea", "ocean", {'H', "OCN"}},
    FeatureRule{"sea", "gulf", {'H', "GULF"}},
    FeatureRule{"sea", "bay", {'H', "BAY"}},
    FeatureRule{"sea", "strait", {'H', "STRT"}},
    FeatureRule{"sea", "sound", {'H', "SD"}},
    FeatureRule{"sea", "channel", {'H', "CHN"}},
    FeatureRule{"sea", "lagoon", {'H', "LGN"}},
    FeatureRule{"sea", "fjord", {'H', "FJD"}},
    FeatureRule{"sea", "river", {'H', "STM"}},
    FeatureRule{"sea", "reef", {'H', "RF"}},
    FeatureRule{"sea", "inlet", {'H', "INLT"}},
    FeatureRule{"region", "island", {'T', "ISL"}},
    FeatureRule{"region", "island group", {'T', "ISLS"}},
    FeatureRule{"region", "cape", {'T', "CAPE"}},
    FeatureRule{"region", "pen/cape", {'T', "PEN"}},
    FeatureRule{"region", "peninsula", {'T', "PEN"}},
    FeatureRule{"region", "isthmus", {'T', "ISTH"}},
    FeatureRule{"region", "range/mtn", {'T', "MTS"}},
    FeatureRule{"region", "foothills", {'T', "HLLS"}},
    FeatureRule{"region", "plateau", {'T', "PLAT"}},
    FeatureRule{"region", "desert", {'T', "DSRT"}},
    FeatureRule{"region", "plain", {'T', "PLN"}},
    FeatureRule{"region", "lowland", {'T', "LWLD"}},
    FeatureRule{"region", "delta", {'T', "DLTA"}},
    FeatureRule{"region", "basin", {'T', "BSNU"}},
    FeatureRule{"region", "valley", {'T', "VAL"}},
    FeatureRule{"region", "gorge", {'T', "GRGE"}},
    FeatureRule{"region", "depression", {'T', "DPR"}},
    FeatureRule{"region", "coast", {'L', "COST"}},
    FeatureRule{"region", "geoarea", {'L', "AREA"}},
    FeatureRule{"region", "tundra", {'L', "AREA"}},
    FeatureRule{"region", "pole", {'L', "AREA"}},
    FeatureRule{"region", "wetlands", {'H', "WTLD"}},
    FeatureRule{"region", "lake", {'H', "LK"}},
    FeatureRule{"region", "waterfall", {'H', "FLLS"}},
    FeatureRule{"region", "historical/cultural region (derived)", {'L', "RGN"}},
    // map subunits that are parts of a country (England, Zanzibar, Sicily)
    FeatureRule{"territory", "geo unit", {'A', "ADMD"}},
    FeatureRule{"territory", "geo subunit", {'A', "ADMD"}},
};

std::string lower(std::string_view s) {
    return ascii_lower(s);
}

/// Unit words by the unit's type where no country rule applies (NE type_en).
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kTypeWords = {{
    {"province", "Province"},
    {"state", "State"},
    {"region", "Region"},
    {"district", "District"},
    {"governorate", "Governorate"},
    {"governarate", "Governorate"}, // NE's spelling
    {"county", "County"},
    {"parish", "Parish"},
    {"municipality", "Municipality"},
    {"department", "Department"},
    {"prefecture", "Prefecture"},
    {"canton", "Canton"},
    {"voivodeship", "Voivodeship"},
}};

/// Countries whose admin-1 units have one established English and Arabic usage: the
/// official Arabic generic (shabiyah, muhafazah, wilayah, mintaqah), its transliteration,
/// and the English words news translates it with.
struct CountryWords {
    std::string_view countries; // ISO codes, space-separated
    UnitWords words;
};
const std::vector<CountryWords>& country_words() {
    static const std::vector<CountryWords> table = {
        {"LY", {{"District", "Municipality"}, {"Sha`biyat", "Shabiyat"}, {"شعبية"}}},
        {"EG IQ SY JO YE KW BH LB PS OM", {{"Governorate", "Province"}, {"Muhafazat"}, {"محافظة"}}},
        {"TN", {{"Governorate"}, {"Wilayat"}, {"ولاية"}}},
        {"DZ", {{"Province"}, {"Wilayat", "Wilaya"}, {"ولاية"}}},
        {"SD SS", {{"State"}, {"Wilayat"}, {"ولاية"}}},
        {"SA", {{"Province", "Region"}, {}, {"منطقة"}}},
        {"NG", {{"State"}, {}, {}}},
        // "Colorado State", "Ohio State" are universities far more often than the state
        {"US", {{}, {}, {}}},
        // Irish counties are "County Cavan", not "Cavan County"
        {"IE", {{}, {"County"}, {}}},
    };
    return table;
}

/// Words that already make a name a unit name, first or last: such a name is not a base.
bool is_generic_word(std::string_view w) {
    static constexpr std::array<std::string_view, 22> kGeneric = {
        "district",    "governorate", "province",   "region",      "state",    "municipality",
        "county",      "parish",      "department", "prefecture",  "shabiyat", "shabiyah",
        "muhafazat",   "muhafazah",   "wilayat",    "wilaya",      "wilayah",  "canton",
        "voivodeship", "oblast",      "provincia",  "departamento"};
    return std::find(kGeneric.begin(), kGeneric.end(), w) != kGeneric.end();
}

constexpr std::array<std::string_view, 9> kArabicGenerics = {
    "شعبية", "محافظة", "ولاية", "بلدية", "إدارة", "منطقة", "مقاطعة", "إقليم", "الولاية"};

} // namespace

std::optional<std::string> parse_area_line(std::string_view line, AreaRow& out) {
    constexpr std::size_t kColumns = 15;
    std::array<std::string_view, kColumns> f{};
    const std::size_t count = detail::split_tabs(line, f);
    if (count != kColumns) {
        return "expected 15 tab-separated columns (id ... coord_method), found " +
               std::to_string(count);
    }
    std::size_t invalid = 0;
    decode_utf8(line, &invalid);
    if (invalid > 0) {
        return "broken UTF-8 (" + std::to_string(invalid) + " invalid byte sequence(s))";
    }
    if (f[1].empty()) {
        return "name: empty";
    }
    if (f[4].empty()) {
        return "kind: empty";
    }
    if (!parse_double(f[9], out.lat) || out.lat < -90 || out.lat > 90) {
        return "lat: \"" + std::string(f[9]) + "\" is not a number in [-90, 90]";
    }
    if (!parse_double(f[10], out.lon) || out.lon < -180 || out.lon > 180) {
        return "lon: \"" + std::string(f[10]) + "\" is not a number in [-180, 180]";
    }
    out.id = f[0];
    out.name = f[1];
    out.alt_names = f[2];
    out.name_ar = f[3];
    out.kind = f[4];
    out.feature_type = f[5];
    out.country = f[6];
    out.admin_code = f[7];
    out.parent = f[8];
    out.source_id = f[13];
    out.coord_method = f[14];
    return std::nullopt;
}

std::optional<AreaFeature> area_feature(std::string_view kind, std::string_view feature_type) {
    const std::string type = lower(feature_type);
    for (const FeatureRule& r : kFeatureRules) {
        if (r.kind == kind && r.type == type) {
            return r.feature;
        }
    }
    if (kind == "territory") {
        return AreaFeature{'A', "TERR"}; // disputed, breakaway, dependency, lease
    }
    if (kind == "region" && type != "continent") {
        return AreaFeature{'L', "RGN"};
    }
    return std::nullopt;
}

bool has_arabic(std::string_view s) {
    for (const char32_t c : decode_utf8(s)) {
        if ((c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F)) {
            return true;
        }
    }
    return false;
}

UnitWords unit_words_for(std::string_view country, std::string_view feature_type) {
    if (country.size() == 2) {
        for (const CountryWords& c : country_words()) {
            for (std::size_t i = 0; i + 2 <= c.countries.size(); i += 3) {
                if (c.countries.substr(i, 2) == country) {
                    return c.words;
                }
            }
        }
    }
    UnitWords out;
    std::string_view rest = feature_type;
    while (!rest.empty()) {
        const std::size_t bar = rest.find('|');
        const std::string type = lower(rest.substr(0, bar));
        rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
        for (const auto& [key, word] : kTypeWords) {
            if (key == type &&
                std::find(out.after.begin(), out.after.end(), word) == out.after.end()) {
                out.after.push_back(word);
            }
        }
    }
    return out;
}

std::vector<std::string> unit_word_forms(std::string_view name, const UnitWords& words) {
    std::vector<std::string> out;
    if (name.empty()) {
        return out;
    }
    if (has_arabic(name)) {
        for (std::string_view g : kArabicGenerics) {
            if (name.starts_with(g)) {
                return out;
            }
        }
        for (std::string_view g : words.arabic_before) {
            out.push_back(std::string(g) + " " + std::string(name));
        }
        return out;
    }
    const std::string norm = normalize_name(name);
    std::vector<std::string_view> tokens;
    for (std::size_t start = 0; start < norm.size();) {
        const std::size_t sp = norm.find(' ', start);
        tokens.push_back(std::string_view(norm).substr(
            start, sp == std::string::npos ? std::string::npos : sp - start));
        start = sp == std::string::npos ? norm.size() : sp + 1;
    }
    if (tokens.empty() || tokens.size() > 4 || is_generic_word(tokens.front()) ||
        is_generic_word(tokens.back()) ||
        (tokens.size() >= 2 && is_generic_word(std::string(tokens[0]) + std::string(tokens[1])))) {
        return out;
    }
    for (std::string_view w : words.after) {
        out.push_back(std::string(name) + " " + std::string(w));
    }
    for (std::string_view w : words.before) {
        out.push_back(std::string(w) + " " + std::string(name));
    }
    return out;
}

namespace {

/// The kind words of each facility feature, as news writes them after the bare name. The
/// first word of each must be one the geoparser looks for after a name
/// (detail::is_site_word_start in core/src/geo/geoparser_words.hpp).
struct SiteWords {
    char feature_class;
    std::string_view feature_code;
    std::array<std::string_view, 8> words; // empty views end the list
};
constexpr std::array kSiteWords = {
    SiteWords{
        'S',
        "TRMO",
        {"terminal", "oil terminal", "export terminal", "oil export terminal", "port", "oil port"}},
    SiteWords{'S', "OILR", {"refinery", "oil refinery"}},
    SiteWords{'L', "OILF", {"field", "oilfield", "oil field"}},
    SiteWords{'L', "GASF", {"field", "gas field", "gasfield"}},
    SiteWords{'S', "AIRP", {"airport", "international airport", "airfield", "airstrip"}},
    SiteWords{'S',
              "AIRB",
              {"air base", "airbase", "base", "air force base", "airfield", "airport",
               "military airport"}},
    SiteWords{'S', "AIRF", {"airfield", "airstrip", "air base", "airbase", "airport"}},
    SiteWords{'L', "PRT", {"port", "seaport", "harbour", "harbor"}},
    SiteWords{'S',
              "PSTB",
              {"crossing", "border crossing", "border post", "border point", "crossing point",
               "border gate"}},
    SiteWords{'S', "PRN", {"prison", "jail", "detention centre", "detention center"}},
};

/// Every kind word's last word ("terminal", "base"): a name ending in one is a full name.
constexpr std::array<std::string_view, 21> kSiteHeads = {
    "airbase",  "airfield", "airport",  "airstrip", "base",   "center",   "centre",
    "crossing", "field",    "gasfield", "gate",     "harbor", "harbour",  "jail",
    "oilfield", "point",    "port",     "post",     "prison", "refinery", "terminal"};

} // namespace

std::vector<std::string_view> site_words_for(char feature_class, std::string_view feature_code) {
    std::vector<std::string_view> out;
    for (const SiteWords& s : kSiteWords) {
        if (s.feature_class == feature_class && s.feature_code == feature_code) {
            for (std::string_view w : s.words) {
                if (!w.empty()) {
                    out.push_back(w);
                }
            }
        }
    }
    return out;
}

bool ends_with_site_word(std::string_view normalized) {
    const std::size_t sp = normalized.rfind(' ');
    if (sp == std::string_view::npos) {
        return false; // a single word is a bare name ("Sharara"), never a full one
    }
    const std::string_view last = normalized.substr(sp + 1);
    return std::find(kSiteHeads.begin(), kSiteHeads.end(), last) != kSiteHeads.end();
}

std::vector<std::string> site_word_forms(std::string_view name,
                                         const std::vector<std::string_view>& words) {
    std::vector<std::string> out;
    if (name.empty() || has_arabic(name) || ends_with_site_word(normalize_name(name))) {
        return out;
    }
    for (std::string_view w : words) {
        out.push_back(std::string(name) + " " + std::string(w));
    }
    return out;
}

const std::vector<StateAbbreviations>& state_abbreviations() {
    // AP Stylebook state abbreviations (used in datelines and "Town, State" text; the eight
    // states AP never abbreviates have none), three widely used older forms (Tex., Penn.,
    // Wisc.), USPS codes; Canadian Press province abbreviations and Canada Post codes.
    static const std::vector<StateAbbreviations> table = {
        {"US", "Alabama", "AL", {"Ala.", ""}},
        {"US", "Alaska", "AK", {"", ""}},
        {"US", "Arizona", "AZ", {"Ariz.", ""}},
        {"US", "Arkansas", "AR", {"Ark.", ""}},
        {"US", "California", "CA", {"Calif.", ""}},
        {"US", "Colorado", "CO", {"Colo.", ""}},
        {"US", "Connecticut", "CT", {"Conn.", ""}},
        {"US", "Delaware", "DE", {"Del.", ""}},
        {"US", "Washington, D.C.", "DC", {"D.C.", ""}},
        {"US", "Florida", "FL", {"Fla.", ""}},
        {"US", "Georgia", "GA", {"Ga.", ""}},
        {"US", "Hawaii", "HI", {"", ""}},
        {"US", "Idaho", "ID", {"", ""}},
        {"US", "Illinois", "IL", {"Ill.", ""}},
        {"US", "Indiana", "IN", {"Ind.", ""}},
        {"US", "Iowa", "IA", {"", ""}},
        {"US", "Kansas", "KS", {"Kan.", ""}},
        {"US", "Kentucky", "KY", {"Ky.", ""}},
        {"US", "Louisiana", "LA", {"La.", ""}},
        {"US", "Maine", "ME", {"", ""}},
        {"US", "Maryland", "MD", {"Md.", ""}},
        {"US", "Massachusetts", "MA", {"Mass.", ""}},
        {"US", "Michigan", "MI", {"Mich.", ""}},
        {"US", "Minnesota", "MN", {"Minn.", ""}},
        {"US", "Mississippi", "MS", {"Miss.", ""}},
        {"US", "Missouri", "MO", {"Mo.", ""}},
        {"US", "Montana", "MT", {"Mont.", ""}},
        {"US", "Nebraska", "NE", {"Neb.", ""}},
        {"US", "Nevada", "NV", {"Nev.", ""}},
        {"US", "New Hampshire", "NH", {"N.H.", ""}},
        {"US", "New Jersey", "NJ", {"N.J.", ""}},
        {"US", "New Mexico", "NM", {"N.M.", ""}},
        {"US", "New York", "NY", {"N.Y.", ""}},
        {"US", "North Carolina", "NC", {"N.C.", ""}},
        {"US", "North Dakota", "ND", {"N.D.", ""}},
        {"US", "Ohio", "OH", {"", ""}},
        {"US", "Oklahoma", "OK", {"Okla.", ""}},
        {"US", "Oregon", "OR", {"Ore.", ""}},
        {"US", "Pennsylvania", "PA", {"Pa.", "Penn."}},
        {"US", "Rhode Island", "RI", {"R.I.", ""}},
        {"US", "South Carolina", "SC", {"S.C.", ""}},
        {"US", "South Dakota", "SD", {"S.D.", ""}},
        {"US", "Tennessee", "TN", {"Tenn.", ""}},
        {"US", "Texas", "TX", {"", "Tex."}},
        {"US", "Utah", "UT", {"", ""}},
        {"US", "Vermont", "VT", {"Vt.", ""}},
        {"US", "Virginia", "VA", {"Va.", ""}},
        {"US", "Washington", "WA", {"Wash.", ""}},
        {"US", "West Virginia", "WV", {"W.Va.", ""}},
        {"US", "Wisconsin", "WI", {"Wis.", "Wisc."}},
        {"US", "Wyoming", "WY", {"Wyo.", ""}},
        {"CA", "Alberta", "AB", {"Alta.", ""}},
        {"CA", "British Columbia", "BC", {"B.C.", ""}},
        {"CA", "Manitoba", "MB", {"Man.", ""}},
        {"CA", "New Brunswick", "NB", {"N.B.", ""}},
        {"CA", "Newfoundland and Labrador", "NL", {"N.L.", "Nfld."}},
        {"CA", "Nova Scotia", "NS", {"N.S.", ""}},
        {"CA", "Ontario", "ON", {"Ont.", ""}},
        {"CA", "Prince Edward Island", "PE", {"P.E.I.", ""}},
        {"CA", "Quebec", "QC", {"Que.", ""}},
        {"CA", "Saskatchewan", "SK", {"Sask.", ""}},
        {"CA", "Northwest Territories", "NT", {"N.W.T.", ""}},
        {"CA", "Nunavut", "NU", {"", ""}},
        {"CA", "Yukon", "YT", {"", ""}},
    };
    return table;
}

bool postal_only(std::string_view abbreviation) {
    const std::string n = normalize_name(abbreviation);
    return n.size() <= 2 && n.find(' ') == std::string::npos;
}

} // namespace kharita::detail
