#pragma once
// Which all-capitals tokens of a text are written as codes ("UAE", "US", "LBA") and which
// are ordinary words set in capitals (headlines, datelines, bulletins: "SECURITY BULLETIN -
// LIBYA", "SIRTE, 1 July -"). A code is looked up only among abbreviations and names
// written in capitals; a word in capitals is looked up as the word it is. Private to core.

#include "kharita/text/tokens.hpp"

#include <string_view>
#include <vector>

namespace kharita::detail {

/// The longest code in letters: ISO alpha-2 and alpha-3, IATA (3), ICAO (4), "NATO".
inline constexpr std::size_t kMaxCodeLetters = 4;

/// Per token: true when the token reads as a code. That is an all-capitals token of two to
/// four letters, no digits, that is neither on a line of capitals (a line whose every cased
/// word is in capitals: a headline or a heading) nor part of a dateline (the capitals that
/// open a line up to its first comma: "GAZA, 2 July -"). One pass over the tokens and the
/// bytes between them.
/// `acronym` marks the longer all-capitals tokens outside such lines ("NAFTA", "UNICEF"): an
/// organisation's or a treaty's acronym rather than a place's name set in capitals.
struct CodeTokens {
    std::vector<bool> code;
    std::vector<bool> acronym;
};
CodeTokens code_tokens(std::string_view text, const std::vector<Token>& tokens);

} // namespace kharita::detail
