#pragma once
// Places a report puts at sea: "sank off the Libyan coast", "off the coast of Libya", "in
// waters off eastern Libya", "about 100 nautical miles south of Lampedusa", "28 nautical miles
// off the island". Read from the words around a mention; where the point lies is worked out
// by the geoparser on the land polygons (kharita/geo/land_mask.hpp). Internal to the geo
// layer; declared here for the tests.

#include "geo/geoparser_words.hpp"
#include "kharita/text/tokens.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kharita::detail {

/// How far past the coast a place "off" a coast lies when the text gives no distance: about
/// 11 nautical miles, inside the 12-mile territorial sea ("off Khums" is near Khums; a
/// report that means the high seas says "in international waters" or gives the miles).
inline constexpr double kOffshoreKm = 20;

struct SeaPhrase {
    std::optional<double> bearing; ///< compass degrees when a direction is written
    double beyond_km = kOffshoreKm;
    bool distance_given = false; ///< "about 70 nautical miles off", "100 km north of"
    /// The distance counts from the place ("100 km north of X"), not from its coast ("70
    /// nautical miles off the coast").
    bool from_place = false;
    std::string words = "off"; ///< how the phrase places it: "off", "south of", "north-east of"
};

/// The sea phrase around the mention of tokens [first, last], if any:
/// - "off (the) X", "off the X coast|coastline|shore(s)", "off X's coast", "off the coast of
///   X", "in waters off X", "X waters" after "in" (X a place or a region phrase; a demonym
///   only before a coast noun: "off the Italian island of Lampedusa" is off Lampedusa);
/// - "N nautical miles|miles|km [direction] off|of X": the distance and the direction given
///   (a bare "south of X" is a sea phrase only when the caller finds sea that way).
/// Not after a verb that takes "off" as a particle ("sealed off", "cut off", "set off").
std::optional<SeaPhrase> sea_phrase(const std::vector<Token>& tokens, std::size_t first,
                                    std::size_t last, bool demonym);

/// The compass bearing of a direction; nothing for none and "central".
std::optional<double> bearing_of(Direction d);

} // namespace kharita::detail
