#pragma once
// Given names for the geoparser's person model: "Madison" after "James" is a person. The
// lists are data/names/given-names-en.txt and data/names/given-names-intl.txt, embedded into
// the library at build time.

#include <string_view>

namespace kharita::detail {

/// True when `normalized` (normalize_name() of a word) is a common English given name.
bool is_given_name(std::string_view normalized);

/// True when `normalized` is a given name of the wider list, names given both in France and
/// in the United States that the English list lacks, Arabic ones among them ("Mustafa",
/// "Fayez", "Khalifa", "Abdelhamid"). Rarer and more often a place's name than the English
/// ones: the geoparser weighs them against the gazetteer before it trusts them.
bool is_intl_given_name(std::string_view normalized);

} // namespace kharita::detail
