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
    /// The option "the sentence names no place for the event" (no span), scored against the
    /// others from the features of the sentence and its event word.
    bool none = false;
    /// Candidates of one coordinated list ("A, B and C") share a number (their first
    /// member's index); -1 when the candidate is in no list.
    int list = -1;
};

/// The candidates of the sentence [from, to) of `text` for the event at bytes [event_start,
/// event_end), sorted by start, never overlapping the event word, with their features, then
/// the `none` option; empty when the sentence has no candidate. With a gazetteer, a
/// candidate also has its facts: a name it knows, ordinary English words.
std::vector<LocationCandidate> location_candidates(std::string_view text, std::size_t from,
                                                   std::size_t to, std::size_t event_start,
                                                   std::size_t event_end,
                                                   const std::vector<Toponym>& toponyms,
                                                   const Gazetteer* gazetteer);

} // namespace kharita::detail
