#include "geo/capitals.hpp"

#include <algorithm>
#include <cstring>

namespace kharita::detail {

namespace {

/// True when the token has a lowercase letter (ASCII is enough: English text; a word of
/// capitals with an accented capital has no ASCII lowercase either).
bool has_lowercase(std::string_view surface) {
    return std::any_of(surface.begin(), surface.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

/// Marks the tokens [first, last) of one line: all of them when the line has capitals and no
/// lowercase word, else the capitals that open it up to a comma (a dateline).
void mark_line(std::string_view text, const std::vector<Token>& tokens, std::size_t first,
               std::size_t last, std::vector<bool>& word_in_capitals) {
    bool lowercase = false;
    bool capitals = false;
    for (std::size_t k = first; k < last; ++k) {
        const Token& t = tokens[k];
        lowercase = lowercase || has_lowercase(text.substr(t.begin, t.end - t.begin));
        capitals = capitals || t.all_caps;
    }
    if (capitals && !lowercase) {
        std::fill(word_in_capitals.begin() + static_cast<std::ptrdiff_t>(first),
                  word_in_capitals.begin() + static_cast<std::ptrdiff_t>(last), true);
        return;
    }
    std::size_t k = first;
    while (k < last && tokens[k].all_caps && (k == first || tokens[k].gap == Gap::space))
        ++k;
    if (k > first && k < last && tokens[k].gap == Gap::comma) {
        std::fill(word_in_capitals.begin() + static_cast<std::ptrdiff_t>(first),
                  word_in_capitals.begin() + static_cast<std::ptrdiff_t>(k), true);
    }
}

} // namespace

namespace {

/// Per token: set in capitals as part of a line of capitals or of a dateline.
std::vector<bool> words_in_capitals(std::string_view text, const std::vector<Token>& tokens) {
    const std::size_t n = tokens.size();
    std::vector<bool> word_in_capitals(n, false);
    std::size_t line_start = 0;
    for (std::size_t i = 1; i <= n; ++i) {
        // a line ends where a line break lies between two tokens (each gap is read once)
        const bool line_end = i == n || std::memchr(text.data() + tokens[i - 1].end, '\n',
                                                    tokens[i].begin - tokens[i - 1].end) != nullptr;
        if (line_end) {
            mark_line(text, tokens, line_start, i, word_in_capitals);
            line_start = i;
        }
    }
    return word_in_capitals;
}

} // namespace

CodeTokens code_tokens(std::string_view text, const std::vector<Token>& tokens) {
    const std::size_t n = tokens.size();
    const std::vector<bool> word_in_capitals = words_in_capitals(text, tokens);
    CodeTokens out;
    out.code.assign(n, false);
    out.acronym.assign(n, false);
    for (std::size_t i = 0; i < n; ++i) {
        const Token& t = tokens[i];
        const bool capitals = t.all_caps && !t.has_digit && !t.arabic && !word_in_capitals[i];
        out.code[i] = capitals && t.norm.size() >= 2 && t.norm.size() <= kMaxCodeLetters;
        out.acronym[i] = capitals && t.norm.size() > kMaxCodeLetters;
    }
    return out;
}

} // namespace kharita::detail
