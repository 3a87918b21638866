#pragma once
// The candidates of event-to-place linking and their features (event_location.hpp says
// what they are). Shared by EventLocator::locate() and its training, so that both see
// exactly the same features. Private to the events layer.

#include "kharita/geo/geoparser.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::detail {

/// A span that may name the event's place, with the features the model scores it by.
struct LocationCandidate {
    std::size_t start = 0; ///< byte offsets in the text
    std::size_t end = 0;
    const Toponym* toponym = nullptr; ///< the geoparser's toponym it lies in, if any
    std::vector<std::string> features;
};

/// The candidates of the sentence [from, to) of `text` for the event at bytes [event_start,
/// event_end), sorted by start, never overlapping the event word, with their features.
std::vector<LocationCandidate> location_candidates(std::string_view text, std::size_t from,
                                                   std::size_t to, std::size_t event_start,
                                                   std::size_t event_end,
                                                   const std::vector<Toponym>& toponyms);

} // namespace kharita::detail
