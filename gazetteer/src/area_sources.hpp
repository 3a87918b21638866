#pragma once
// The area sources of the default gazetteer (data/naturalearth, data/census): the row
// format the three TSV files share, the GeoNames feature each kind of row imports as, the
// unit words an administrative unit is also named with, the kind words a facility is named
// with ("terminal", "air base"), and the news-style abbreviations of US states and Canadian
// provinces.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::detail {

/// One row of the Natural Earth / Census gazetteer TSVs (15 tab-separated columns: id, name,
/// alt_names, name_ar, kind, feature_type, country_code, admin_code, parent, lat, lon,
/// wikidata, source, source_id, coord_method). Views point into the parsed line.
struct AreaRow {
    std::string_view id, name, alt_names, name_ar, kind, feature_type, country, admin_code, parent,
        source_id, coord_method;
    double lat = 0, lon = 0;
};

/// The header line the files start with.
inline constexpr std::string_view kAreaHeader = "id\tname\talt_names\tname_ar\tkind\tfeature_type";

/// Parses one line. Returns an error naming the field on a malformed row (wrong column
/// count, empty name or kind, a coordinate that is not a number in range, broken UTF-8).
std::optional<std::string> parse_area_line(std::string_view line, AreaRow& out);

/// The GeoNames feature a row of the regions/seas/territories file imports as; nullopt for
/// rows that are not imported (continents, which the supplement has from GeoNames).
struct AreaFeature {
    char feature_class;
    std::string_view feature_code;
};
std::optional<AreaFeature> area_feature(std::string_view kind, std::string_view feature_type);

/// True when the text holds Arabic letters.
bool has_arabic(std::string_view s);

/// The words an administrative unit of a country is named with besides its bare name: unit
/// words after it ("X Governorate"), transliterated generics before it ("Muhafazat X") and
/// Arabic generics before it ("محافظة X"). `feature_type` is the source's type of the unit
/// (Natural Earth's "Province", "Municipality|Governarate"); the country decides where it
/// has an established usage (a Libyan shabiyah is a district and a municipality).
struct UnitWords {
    std::vector<std::string_view> after;
    std::vector<std::string_view> before;
    std::vector<std::string_view> arabic_before;
};
UnitWords unit_words_for(std::string_view country, std::string_view feature_type);

/// The unit-word forms of one bare name of a unit: "Murzuq" gives "Murzuq District",
/// "Murzuq Municipality", "Sha`biyat Murzuq", "Shabiyat Murzuq"; an Arabic name the Arabic
/// forms. A name that already carries a unit word or generic gives none.
std::vector<std::string> unit_word_forms(std::string_view name, const UnitWords& words);

/// The kind words a facility of a GeoNames feature is named with after its bare name in news
/// ("Es Sider oil terminal", "the Sharara oilfield", "al-Watiya air base", "Ras Jedir
/// crossing"): the site's unit words. Empty for a feature that is no facility.
std::vector<std::string_view> site_words_for(char feature_class, std::string_view feature_code);

/// True when the normalised name already ends with a site's kind word ("mitiga international
/// airport", "abu salim prison"): it is a full name, not a bare one to add kind words to.
bool ends_with_site_word(std::string_view normalized);

/// The kind-word forms of one bare name of a site: "Sharara" gives "Sharara field",
/// "Sharara oilfield", "Sharara oil field". A full name or an Arabic one gives none.
std::vector<std::string> site_word_forms(std::string_view name,
                                         const std::vector<std::string_view>& words);

/// A state's or province's news-style abbreviations (AP Stylebook state abbreviations,
/// Canadian Press province abbreviations) and its postal code (USPS, Canada Post).
struct StateAbbreviations {
    std::string_view country;
    std::string_view unit; ///< the unit's name as GeoNames admin1CodesASCII spells it
    std::string_view postal;
    std::string_view news[2];
};
const std::vector<StateAbbreviations>& state_abbreviations();

/// True when an abbreviation can only be read as a place after "Town, ": its letters alone
/// are a two-letter code ("KY", "Ky.", "La."), so as a word it is far more often something else.
bool postal_only(std::string_view abbreviation);

} // namespace kharita::detail
