#pragma once
// Team aliases in a parse (ParseContext::aliases): found in the text by their words and
// put in place of whatever the geoparser read there.

#include "kharita/geo/geoparser.hpp"

#include <string_view>
#include <vector>

namespace kharita {

/// Adds a toponym for each place `aliases` name in `text` (whole words, case and
/// diacritics folded, the longest alias first where two start together), dropping the
/// toponyms it overlaps; `toponyms` stays sorted and without overlaps.
void apply_aliases(std::string_view text, const std::vector<PlaceNameAlias>& aliases,
                   std::vector<Toponym>& toponyms);

} // namespace kharita
