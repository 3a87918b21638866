#pragma once
// The temporal grammar's view of a text: ASCII words (lowercase), digit runs and single
// punctuation characters, each knowing whether a space came before it. Private to the time
// layer; TemporalTagger matches its patterns on these tokens.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::detail {

enum class TimeTokenKind : std::uint8_t { word, number, punct };

struct TimeToken {
    TimeTokenKind kind;
    std::size_t begin, end; ///< byte offsets into the text
    std::string text;       ///< lowercase for words, digits for numbers, the character for punct
    long value = 0;         ///< numbers
    bool space_before = false;
    bool capitalised = false;
};

/// Splits text into the tokens the temporal grammar reads. En and em dashes read as "-".
std::vector<TimeToken> time_tokens(std::string_view text);

} // namespace kharita::detail
