#include "kharita/geo/regions.hpp"

#include "kharita/base/error.hpp"
#include "kharita/geo/gazetteer.hpp"
#include "kharita/text/normalize.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

namespace kharita {

namespace {

bool is_code_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

bool is_country_code(std::string_view feature_code) {
    return feature_code.starts_with("PCL");
}

RegionCode country_region(const Gazetteer& g, const std::string& iso) {
    const auto id = g.country(iso);
    return {iso, "", (id ? g.place(*id).name : iso) + " (" + iso + ")"};
}

RegionCode admin_region(const Gazetteer& g, const std::string& country, const std::string& code) {
    return {country, code, g.admin1_name(country, code) + " (" + country + "." + code + ")"};
}

/// The text without leading and trailing white space.
std::string trimmed(std::string_view text) {
    std::string t(text);
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back())))
        t.pop_back();
    while (!t.empty() && std::isspace(static_cast<unsigned char>(t.front())))
        t.erase(0, 1);
    return t;
}

/// The two ways an admin-1 code is written after the country code: "LY-TB" (ISO 3166-2)
/// and "LY.77" (GeoNames).
enum class Admin1CodeForm : std::uint8_t { iso_3166_2, geonames };

std::optional<Admin1CodeForm> admin1_code_form(std::string_view t) {
    if (t.size() < 4 || t.size() > 8 || !std::all_of(t.begin(), t.begin() + 2, is_code_char) ||
        !std::all_of(t.begin() + 3, t.end(), is_code_char)) {
        return std::nullopt;
    }
    if (t[2] == '-')
        return Admin1CodeForm::iso_3166_2;
    if (t[2] == '.')
        return Admin1CodeForm::geonames;
    return std::nullopt;
}

/// A country code ("LY", "ly") or an admin-1 code ("LY-TB", "LY.77"), if the text is one the
/// gazetteer knows.
std::optional<RegionCode> region_from_code(const Gazetteer& g, const std::string& t) {
    if (t.size() == 2 && is_code_char(t[0]) && is_code_char(t[1]) && g.country(ascii_upper(t))) {
        return country_region(g, ascii_upper(t));
    }
    const std::optional<Admin1CodeForm> form = admin1_code_form(t);
    if (!form) {
        return std::nullopt;
    }
    const std::string code = ascii_upper(t);
    for (const AdminUnit& u : g.admin1_units()) {
        if ((form == Admin1CodeForm::iso_3166_2 && ascii_upper(u.iso_code) == code) ||
            (form == Admin1CodeForm::geonames && u.country == code.substr(0, 2) &&
             ascii_upper(u.code) == code.substr(3))) {
            return admin_region(g, u.country, u.code);
        }
    }
    return std::nullopt;
}

/// True for the ways a name can equal the text: the place's name, an alternate name or an
/// abbreviation or code (case and diacritics folded by normalize_name()). Demonyms,
/// article-free forms, transliteration skeletons and fuzzy spellings are near names, only
/// ever suggestions: a region filter that silently widened to them would match the wrong
/// part of the world ("Narnia" is no admin-1 unit anywhere).
bool is_exact_kind(MatchKind kind) {
    return kind == MatchKind::exact || kind == MatchKind::alternate ||
           kind == MatchKind::abbreviation;
}

/// An admin-1 name with its unit word ("Tripoli district"), else the best country or
/// admin-1 unit that has the text as a name, alternate name or code (a country outranks
/// its namesake unit).
std::optional<RegionCode> region_from_name(const Gazetteer& g, const std::string& t) {
    const std::string norm = strip_unit_word(normalize_name(t));
    for (const AdminUnit& u : g.admin1_units()) { // an admin-1 name as written
        if (normalize_name(u.name) == norm || normalize_name(u.ascii_name) == norm) {
            if (normalize_name(t) != norm)
                return admin_region(g, u.country, u.code);
        }
    }
    LookupOptions options;
    options.feature_classes = "A";
    options.limit = 50;
    options.penalise_common_words = false;
    options.transliteration = false;
    options.fuzzy = false;
    const Candidate* best = nullptr;
    const auto candidates = g.lookup(norm, options);
    for (const Candidate& c : candidates) {
        const Place& p = g.place(c.place);
        if (!is_exact_kind(c.kind) ||
            (!is_country_code(p.feature_code) && p.feature_code != "ADM1")) {
            continue;
        }
        if (best == nullptr || c.score > best->score)
            best = &c;
    }
    if (best == nullptr) {
        return std::nullopt;
    }
    const Place& p = g.place(best->place);
    if (is_country_code(p.feature_code))
        return country_region(g, p.country);
    return admin_region(g, p.country, p.admin1);
}

/// Why the text is no region, with the closest known names.
std::string unknown_region_message(const Gazetteer& g, const std::string& t) {
    const auto close = suggest_regions(g, t);
    std::string message = "unknown region \"" + t + "\" (not a country or admin-1 name or code)";
    if (!close.empty()) {
        message += "; did you mean ";
        for (std::size_t i = 0; i < close.size(); ++i) {
            message += (i == 0                  ? ""
                        : i + 1 == close.size() ? " or "
                                                : ", ") +
                       ("\"" + close[i] + "\"");
        }
        message += "?";
    }
    return message;
}

} // namespace

RegionCode resolve_region(const Gazetteer& g, std::string_view text) {
    const std::string t = trimmed(text);
    if (t.empty())
        throw InputError("region", "empty region name");
    if (std::optional<RegionCode> r = region_from_code(g, t))
        return *r;
    if (std::optional<RegionCode> r = region_from_name(g, t))
        return *r;
    throw InputError("region", unknown_region_message(g, t));
}

std::vector<std::string> suggest_regions(const Gazetteer& g, std::string_view text,
                                         std::size_t limit) {
    const std::string norm = strip_unit_word(normalize_name(text));
    std::vector<std::pair<double, std::string>> scored;
    const auto consider = [&](const std::string& name) {
        const double s = name_similarity(norm, strip_unit_word(normalize_name(name)));
        if (s >= 0.5)
            scored.emplace_back(s, name);
    };
    for (const AdminUnit& u : g.admin1_units())
        consider(u.name);
    for (PlaceId id = 0; id < g.size(); ++id) {
        const Place& p = g.place(id);
        if (p.feature_class == 'A' && is_country_code(p.feature_code))
            consider(p.name);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    std::vector<std::string> out;
    for (const auto& [score, name] : scored) {
        if (std::find(out.begin(), out.end(), name) == out.end())
            out.push_back(name);
        if (out.size() == limit)
            break;
    }
    return out;
}

} // namespace kharita
