#pragma once
// Lowercase words of a UTF-8 text with byte offsets: the event extractor's view of a text,
// where triggers ("air strike"), numbers and actors are matched word by word. Private to
// core.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::detail {

struct Word {
    std::size_t start = 0, end = 0; ///< byte offsets into the text
    std::string lower;              ///< the word with ASCII letters lowercased
};

/// The words of text[from, to): runs of ASCII letters and digits and of non-ASCII bytes,
/// joined by inner hyphens before a letter ("al-Bayda", "town hall-style").
std::vector<Word> lower_words(std::string_view text, std::size_t from, std::size_t to);

} // namespace kharita::detail
