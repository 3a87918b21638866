#pragma once
// A gazetteer entry and the vocabulary shared by places, mentions and events: how precise
// a place is and what kind of mention names it.

#include "kharita/base/lat_lon.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kharita {

/// How precisely a place pins down where something happened, finest first.
enum class GeoPrecision : std::uint8_t {
    site,      ///< a building, square, crossing, camp: S, L.* small, R, T spots
    district,  ///< a named part of a town (GeoNames PPLX, WOF neighbourhood)
    town,      ///< a populated place (GeoNames P)
    region,    ///< admin-1/2 units, named regions ("southern Libya", a governorate)
    country,   ///< a country
    continent, ///< a continent, sea or other supra-national area
};

std::string_view to_string(GeoPrecision p) noexcept;
/// The precision named by to_string(GeoPrecision), if any.
std::optional<GeoPrecision> geo_precision_from(std::string_view name) noexcept;

/// What kind of mention a toponym is.
enum class ToponymKind : std::uint8_t {
    place,   ///< a place name ("Benghazi", "Abu Salim")
    demonym, ///< an adjective of nationality or origin ("Libyan", "Tunisian")
    region,  ///< a direction + place phrase ("southern Libya", "eastern Libya")
};

std::string_view to_string(ToponymKind k) noexcept;
/// The kind named by to_string(ToponymKind), if any.
std::optional<ToponymKind> toponym_kind_from(std::string_view name) noexcept;

/// Dense index of a place inside a loaded Gazetteer (not stable across rebuilds).
using PlaceId = std::uint32_t;

/// One gazetteer record. Copied by value.
struct Place {
    PlaceId id = 0;
    std::int64_t geonameid = 0; ///< 0 when the place has no GeoNames id
    std::string name;
    char feature_class = ' '; ///< GeoNames class: A, H, L, P, R, S, T, U, V
    std::string feature_code; ///< GeoNames code: PPLC, ADM1, PCLI, ...
    std::string country;      ///< ISO 3166-1 alpha-2, empty for continents and seas
    std::string admin1;       ///< GeoNames admin-1 code within the country ("77")
    std::int64_t population = 0;
    LatLon position;

    GeoPrecision precision() const noexcept;
};

/// Precision implied by a GeoNames feature class and code.
GeoPrecision precision_of(char feature_class, std::string_view feature_code) noexcept;

} // namespace kharita
