#pragma once
// Word tokens of a UTF-8 text with byte offsets, case and separator information: the
// geoparser's view of a text, built on the lexer (text/lexer.hpp). Private to core.

#include "kharita/text/utf8.hpp" // code_point_offset(), for the geoparser

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kharita::detail {

/// What separates a token from the one before it.
enum class Gap : std::uint8_t {
    start,  ///< first token of the text
    space,  ///< spaces or tabs only
    hyphen, ///< a hyphen or dash, possibly with spaces ("Libyan-Tunisian")
    comma,  ///< a comma (lists: "Sorman, Sabratha")
    other,  ///< anything else: sentence punctuation, newline, brackets, quotes
};

struct Token {
    std::size_t begin = 0; ///< byte offsets into the text
    std::size_t end = 0;
    std::string norm; ///< normalize_name() of the token; "U.S." -> "us"
    Gap gap = Gap::start;
    bool upper_initial = false;  ///< starts with an upper- or titlecase letter
    bool all_caps = false;       ///< two or more letters, all uppercase
    bool arabic = false;         ///< Arabic script (no case)
    bool sentence_start = false; ///< first word of a sentence, line or quotation
    bool has_digit = false;
    bool possessive = false; ///< an "'s" was split off the end
};

/// Splits text into word tokens. Apostrophes before a letter inside words stay ("O'Neil"), a
/// final "'s" is dropped and flagged ("Benghazi's", "Ra's Lanuf" too), dotted abbreviations
/// ("U.S.") are one token. Invalid UTF-8 bytes
/// are separators; `invalid_bytes` (if given) receives their count.
std::vector<Token> tokenize(std::string_view text, std::size_t* invalid_bytes = nullptr);

} // namespace kharita::detail
