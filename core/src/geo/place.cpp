#include "kharita/geo/place.hpp"

#include "detail/name_table.hpp"

namespace kharita {

namespace {

// The names of the place vocabulary, in the order of the enumerators (the values of
// GeoPrecision are stored as ranks and never change).
constexpr std::array<std::string_view, 6> kGeoPrecisionNames = {"site",   "district", "town",
                                                                "region", "country",  "continent"};
static_assert(kGeoPrecisionNames.size() == static_cast<std::size_t>(GeoPrecision::continent) + 1);

constexpr std::array<std::string_view, 3> kToponymKindNames = {"place", "demonym", "region"};
static_assert(kToponymKindNames.size() == static_cast<std::size_t>(ToponymKind::region) + 1);

} // namespace

std::string_view to_string(GeoPrecision p) noexcept {
    return detail::name_in(kGeoPrecisionNames, p);
}

std::optional<GeoPrecision> geo_precision_from(std::string_view name) noexcept {
    return detail::value_in<GeoPrecision>(kGeoPrecisionNames, name);
}

GeoPrecision precision_of(char feature_class, std::string_view code) noexcept {
    switch (feature_class) {
    case 'A':
        if (code.starts_with("PCL") || code == "TERR") {
            return GeoPrecision::country;
        }
        return GeoPrecision::region;
    case 'P':
        return code == "PPLX" ? GeoPrecision::district : GeoPrecision::town;
    case 'L':
        // an economic region ("European Union") spans countries as a continent does
        if (code == "CONT" || code == "RGNE") {
            return GeoPrecision::continent;
        }
        return code == "RGN" || code == "RGNH" || code == "RGNL" || code == "AREA" || code == "ZN"
                   ? GeoPrecision::region
                   : GeoPrecision::site;
    case 'H':
        if (code == "SEA" || code == "OCN" || code == "GULF" || code == "BAY") {
            return GeoPrecision::continent;
        }
        return GeoPrecision::site;
    case 'T':
        return code == "MTS" || code == "DSRT" || code == "PLAT" ? GeoPrecision::region
                                                                 : GeoPrecision::site;
    default:
        return GeoPrecision::site;
    }
}

GeoPrecision Place::precision() const noexcept {
    return precision_of(feature_class, feature_code);
}

std::string_view to_string(ToponymKind k) noexcept {
    return detail::name_in(kToponymKindNames, k);
}

std::optional<ToponymKind> toponym_kind_from(std::string_view name) noexcept {
    return detail::value_in<ToponymKind>(kToponymKindNames, name);
}

} // namespace kharita
