#include "kharita/geo/place.hpp"

namespace kharita {

std::string_view to_string(GeoPrecision p) noexcept {
    switch (p) {
    case GeoPrecision::site:
        return "site";
    case GeoPrecision::district:
        return "district";
    case GeoPrecision::town:
        return "town";
    case GeoPrecision::region:
        return "region";
    case GeoPrecision::country:
        return "country";
    case GeoPrecision::continent:
        return "continent";
    }
    return "unknown";
}

std::optional<GeoPrecision> geo_precision_from(std::string_view name) noexcept {
    for (int p = 0; p <= static_cast<int>(GeoPrecision::continent); ++p) {
        if (to_string(static_cast<GeoPrecision>(p)) == name)
            return static_cast<GeoPrecision>(p);
    }
    return std::nullopt;
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
        if (code == "CONT") {
            return GeoPrecision::continent;
        }
        return code == "RGN" || code == "AREA" || code == "ZN" ? GeoPrecision::region
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
    switch (k) {
    case ToponymKind::place:
        return "place";
    case ToponymKind::demonym:
        return "demonym";
    case ToponymKind::region:
        return "region";
    }
    return "unknown";
}

} // namespace kharita
