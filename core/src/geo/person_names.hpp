#pragma once
// Given names for the geoparser's person model: "Madison" after "James" is a person. The
// list is data/names/given-names-en.txt, embedded into the library at build time.

#include <string_view>

namespace kharita::detail {

/// True when `normalized` (normalize_name() of a word) is a common English given name.
bool is_given_name(std::string_view normalized);

} // namespace kharita::detail
