#pragma once
// The sentences of a text as byte ranges. Private to core: the event extractor reads a
// report sentence by sentence.

#include <cstddef>
#include <string_view>
#include <vector>

namespace kharita::detail {

/// A range of bytes [begin, end) of a text.
struct TextSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
};

/// Sentences as byte ranges, in order and covering the text: a sentence ends at a line
/// break, or at . ! ? followed by a space and a capital, a quote or a non-ASCII character,
/// unless the word before the stop is a single capital ("U.S. officials", "J. Smith"); and a
/// run of more than 2,000 bytes without one ends at its next space.
std::vector<TextSpan> sentences(std::string_view text);

} // namespace kharita::detail
