#pragma once
// Region names and codes as analysts type them ("Libya", "LY", "Tripoli district",
// "LY-TB", "LY.77") resolved against the gazetteer's countries and admin-1 units.

#include "kharita/gazetteer.hpp"
#include "kharita/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kharita {

/// Resolves a country or admin-1 name or code. Throws InputError naming the text and
/// suggesting the closest known names when nothing matches.
RegionCode resolve_region(const Gazetteer& gazetteer, std::string_view text);

/// Up to `limit` known country and admin-1 names closest in spelling to `text`.
std::vector<std::string> suggest_regions(const Gazetteer& gazetteer, std::string_view text,
                                         std::size_t limit = 3);

} // namespace kharita
