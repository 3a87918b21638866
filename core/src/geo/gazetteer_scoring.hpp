#pragma once
// The pieces of a gazetteer lookup's score that stand alone: the prior importance of a
// place, the base score of each kind of match, and the one-edit test of the fuzzy level.
// Internal to the geo layer (core/src/geo/gazetteer.cpp); declared here for the tests.

#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/place.hpp"

#include <string_view>

namespace kharita::detail {

/// Prior importance of a place in [0, 1] from its feature and population: countries and
/// continents first, then capitals and admin-1 units, then towns by size.
double place_importance(const Place& p);

/// The score of a match of this kind before spelling similarity and importance: 1 for the
/// main name or a demonym, down to 0.55 for a fuzzy match.
double match_base_score(MatchKind k) noexcept;

/// True when two skeletons are at most one edit apart (an insertion, a deletion, a
/// substitution or a swap of two neighbouring letters).
bool skeleton_edit_distance_at_most_one(std::string_view a, std::string_view b);

} // namespace kharita::detail
