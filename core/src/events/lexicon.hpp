#pragma once
// The event lexicon: which words report an event, of which type (ACLED's families, see
// docs/events.md), and which other words of the sentence some of them need to mean one
// ("bodies" found, a "crossing" at a border, oil ports "shut"). Private to the events layer.

#include "kharita/events/event_types.hpp"
#include "kharita/text/words.hpp"

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace kharita::detail {

struct TriggerEntry {
    std::string_view words; ///< space-separated lowercase words: "air strike"
    EventType type = EventType::strategic;
    std::string_view subtype; ///< "armed clash", "air strike", "visit"
    double strength = 0;      ///< how surely the words mean an event
    /// space-separated words, one of which the sentence must have; groups parted by " | "
    /// must each have one
    std::string_view needs;
    /// space-separated words none of which the sentence may have ("bodies" recovered from
    /// the sea after a shipwreck are no mass grave)
    std::string_view unless = {};
};

/// Every entry, in the order ties are broken (the first listed of equal length wins).
std::span<const TriggerEntry> trigger_lexicon();

/// A lexicon entry matched at a word, and how many words it spans.
struct TriggerMatch {
    const TriggerEntry* entry = nullptr;
    std::size_t length = 0;
};

/// The longest entry whose words start at word `k` of the sentence's words `w` and whose
/// needed words the sentence has; none when no entry fits.
TriggerMatch longest_trigger_at(const std::vector<Word>& w, std::size_t k);

} // namespace kharita::detail
