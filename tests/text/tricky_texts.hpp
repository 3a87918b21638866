#pragma once
// Texts that exercise the edges of tokenisation (hyphens and dashes, apostrophes, dotted
// abbreviations, digits, Arabic script, broken UTF-8, empty text), shared by the tests
// that pin each view of the lexer, and show(), which prints a token's bytes readably.

#include <array>
#include <cstdio>
#include <string>
#include <string_view>

namespace kharita::test {

inline constexpr std::array<std::string_view, 11> kTrickyTexts = {
    "",
    "  \t\n ",
    // hyphen, en dash, em dash, U+2010, U+2011, hyphens before digits and doubled
    "Libyan-Tunisian border, Ras Ajdir \xE2\x80\x93 Zuwara\xE2\x80\x94Sabratha \xE2\x80\x90 "
    "Zawiya\xE2\x80\x91Tripoli - al-Bayda -5 x--y 9-b end- -start x-\xC3\xA9 12\xE2\x80\x93"
    "13",
    // apostrophes: inner, curly, possessive, trailing, lone
    "Ra's Lanuf, Ra\xE2\x80\x99s Ajdir and Martyrs' Square; O'Neil's son, rock 'n' roll, "
    "Benghazi's 's s' it'sx Ra\xE2\x80\x99s, Sirte\xE2\x80\x99S. Ra's",
    // dotted abbreviations
    "The U.S. and U.K. said U.S.A. officials, U.S visited 1U.S. A.B.C.D. x U.S.\xC3\x89. "
    "U.S.\xC9. Mr. Smith",
    // digits
    "On 12 May 2025 at 5:30pm, 1234567890123456 people; 3D A1 2nd 07/06/2024 +10days "
    "\xD9\xA3\xD9\xA4 x",
    // Arabic script with a comma, a full stop, a mark and a tatweel
    "\xD8\xA7\xD8\xB4\xD8\xAA\xD8\xA8\xD8\xA7\xD9\x83\xD8\xA7\xD8\xAA \xD9\x81\xD9\x8A "
    "\xD8\xB7\xD8\xB1\xD8\xA7\xD8\xA8\xD9\x84\xD8\xB3\xD8\x8C \xD9\x84\xD9\x8A\xD8\xA8\xD9\x8A"
    "\xD8\xA7. \xD9\x85\xD9\x8F\xD8\xB5\xD8\xB1\xD8\xA7\xD8\xAA\xD8\xA9 \xD9\x80 "
    "\xD8\xA8\xD9\x86\xD8\xBA\xD8\xA7\xD8\xB2\xD9\x8A Tripoli",
    // broken UTF-8: a cut sequence, stray and impossible bytes, a surrogate, an overlong
    // slash, a literal U+FFFD, a sequence cut at the end
    "Tri\xC3poli \xE2"
    "12 May \xF0"
    "ab\xC3\xA9 x \xFF\xFE y \xEF\xBF\xBD z \xC0\xAF w \xED\xA0\x80 v \x80q\xE2\x80"
    "5 abc\xE2\x80",
    // case, non-breaking space, quotes, brackets, bullets, line breaks
    "caf\xC3\xA9 Z\xC3\xBCrich \xC3\x89TAT \xC7\x85"
    "emal NATO x\xC2\xA0y \xE2\x80\x9CTripoli"
    "\xE2\x80\x9D (Benghazi) [Sirte] \xE2\x80\xA2 Derna\nTobruk\r\nal-Bayda | Sabha: \"Ghat\" "
    "\xE2\x88\x99 8:23 AM \xC2\xB7 Jul 9",
    // sentences
    "Mr. Smith met J. Doe. U.S. officials said! \"Yes.\" Then \xC3\x89tat? ok.\nNew line. "
    "x.  Two spaces. end",
    // a trailing stop and space
    "It ended. ",
};

/// The bytes of s with control characters, backslashes and bytes that are not valid UTF-8
/// written as \xNN, so that a failing expectation prints readably.
inline std::string show(std::string_view s) {
    std::string out;
    std::size_t i = 0;
    const auto hex = [&](unsigned char c) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\x%02X", c);
        out += buf;
    };
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80                   ? 1
                          : (c >= 0xC2 && c <= 0xDF) ? 2
                          : (c & 0xF0) == 0xE0       ? 3
                          : (c >= 0xF0 && c <= 0xF4) ? 4
                                                     : 0;
        bool ok = len != 0 && i + len <= s.size();
        for (std::size_t k = 1; ok && k < len; ++k)
            ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok && len == 3) { // no overlong forms or surrogates
            const auto c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
        }
        if (c < 0x20 || c == '\\' || c == 0x7F || !ok) {
            hex(c);
            ++i;
            continue;
        }
        out += s.substr(i, len);
        i += len;
    }
    return out;
}

} // namespace kharita::test
