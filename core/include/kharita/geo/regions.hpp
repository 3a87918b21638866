#pragma once
// Region names and codes as analysts type them ("Libya", "LY", "Tripoli district",
// "LY-TB", "LY.77") resolved against the gazetteer's countries and admin-1 units.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kharita {

class Gazetteer;

/// A region filter resolved to codes: a country, or one admin-1 unit of it.
struct RegionCode {
    std::string country;     ///< ISO alpha-2
    std::string admin1_code; ///< empty: the whole country
    std::string label;       ///< as the user will recognise it ("Tripoli (LY.77)")
};

/// Resolves a country or admin-1 name or code. Throws InputError naming the text and
/// suggesting the closest known names when nothing matches.
RegionCode resolve_region(const Gazetteer& gazetteer, std::string_view text);

/// Up to `limit` known country and admin-1 names closest in spelling to `text`.
std::vector<std::string> suggest_regions(const Gazetteer& gazetteer, std::string_view text,
                                         std::size_t limit = 3);

} // namespace kharita
