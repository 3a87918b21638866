#include "kharita/text/tokens.hpp"

#include "kharita/text/normalize.hpp"

#include <unicode/uchar.h>

namespace kharita::detail {

namespace {

struct Cp {
    char32_t c;
    std::size_t begin; // byte offset
    std::size_t len;   // bytes
};

/// Decodes one code point at byte `i`; an invalid byte becomes U+FFFD of length 1.
Cp next_cp(std::string_view s, std::size_t i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        return {b0, i, 1};
    }
    const std::size_t len = (b0 & 0xE0) == 0xC0   ? 2
                            : (b0 & 0xF0) == 0xE0 ? 3
                            : (b0 & 0xF8) == 0xF0 ? 4
                                                  : 0;
    if (len == 0 || i + len > s.size()) {
        return {0xFFFD, i, 1};
    }
    const std::u32string cps = decode_utf8(s.substr(i, len));
    if (cps.size() != 1 || cps[0] == 0xFFFD) {
        return {0xFFFD, i, 1};
    }
    return {cps[0], i, len};
}

bool is_word_char(char32_t c) {
    if (c < 0x80) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    if (c == 0xFFFD) {
        return false;
    }
    const auto cat = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(c)));
    return u_isalnum(static_cast<UChar32>(c)) || cat == U_NON_SPACING_MARK ||
           cat == U_COMBINING_SPACING_MARK || c == 0x0640;
}

bool is_arabic(char32_t c) {
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F);
}

bool is_upper(char32_t c) {
    if (c < 0x80) {
        return c >= 'A' && c <= 'Z';
    }
    return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

bool is_letter(char32_t c) {
    return c < 0x80 ? ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
                    : u_isalpha(static_cast<UChar32>(c)) != 0;
}

} // namespace

std::vector<Token> tokenize(std::string_view text, std::size_t* invalid_bytes) {
    std::vector<Token> tokens;
    std::size_t invalid = 0;
    std::size_t i = 0;
    bool sentence_break = true; // start of text counts as a sentence start
    bool saw_hyphen = false;
    bool saw_comma = false;
    bool saw_other = false;
    while (i < text.size()) {
        Cp cp = next_cp(text, i);
        if (cp.c == 0xFFFD && cp.len == 1 && static_cast<unsigned char>(text[i]) >= 0x80) {
            ++invalid;
        }
        if (!is_word_char(cp.c)) {
            // separator: remember what kind
            const char32_t c = cp.c;
            if (c == '.' || c == '!' || c == '?' || c == '\n' || c == '\r' || c == 0x2022) {
                sentence_break = true;
                saw_other = true;
            } else if (c == ':' || c == ';' || c == '|') {
                saw_other = true;
            } else if (c == '-' || c == 0x2013 || c == 0x2014 || c == 0x2010 || c == 0x2011) {
                saw_hyphen = true;
            } else if (c == ',') {
                saw_comma = true;
            } else if (c == ' ' || c == '\t' || c == 0xA0 || is_apostrophe(c)) {
                // plain space; a trailing apostrophe ("Martyrs' Square") joins like one
            } else {
                saw_other = true;
                if (c == '"' || c == 0x201C || c == 0x201D || c == '(' || c == '[') {
                    sentence_break = sentence_break || c == '"' || c == 0x201C;
                }
            }
            i += cp.len;
            continue;
        }
        // A word: letters, digits, marks, inner apostrophes, dotted abbreviation letters.
        Token t;
        t.begin = cp.begin;
        std::size_t j = i;
        std::size_t letters = 0;
        std::size_t uppers = 0;
        bool first = true;
        std::string abbreviation; // letters of "U.S." style tokens
        bool dotted = false;
        while (j < text.size()) {
            Cp w = next_cp(text, j);
            if (is_word_char(w.c)) {
                if (first) {
                    t.upper_initial = is_upper(w.c);
                    t.arabic = is_arabic(w.c);
                    first = false;
                }
                if (is_letter(w.c)) {
                    ++letters;
                    uppers += is_upper(w.c) ? 1 : 0;
                }
                t.has_digit = t.has_digit || (w.c >= '0' && w.c <= '9');
                j += w.len;
                continue;
            }
            if (is_apostrophe(w.c) && j + w.len < text.size()) {
                const Cp after = next_cp(text, j + w.len);
                if (is_letter(after.c)) {
                    // "'s" at the end of a word is a possessive, not part of the name
                    const bool s_end = (after.c == 's' || after.c == 'S') &&
                                       (j + w.len + 1 >= text.size() ||
                                        !is_word_char(next_cp(text, j + w.len + 1).c));
                    if (s_end) {
                        t.possessive = true;
                        break;
                    }
                    j += w.len;
                    continue;
                }
            }
            // "U.S." / "U.K.": single capitals each followed by a period
            if (w.c == '.' && letters == 1 && uppers == 1 && j + 2 < text.size() &&
                (j - t.begin) <= 4) {
                const Cp after = next_cp(text, j + 1);
                if (is_upper(after.c) && j + 2 < text.size() &&
                    (j + 2 == text.size() || text[j + 2] == '.')) {
                    dotted = true;
                    // consume ".X" pairs
                    std::size_t k = j;
                    while (k + 2 < text.size() && text[k] == '.' &&
                           is_upper(static_cast<unsigned char>(text[k + 1])) &&
                           text[k + 2] == '.') {
                        k += 2;
                        ++letters;
                        ++uppers;
                    }
                    j = k + 1; // include the final period
                    break;
                }
            }
            break;
        }
        if (j == i) { // lone apostrophe or similar: skip one code point
            i += cp.len;
            continue;
        }
        t.end = t.possessive ? j : j;
        t.all_caps = letters >= 2 && uppers == letters;
        const std::string_view surface = text.substr(t.begin, t.end - t.begin);
        if (dotted) {
            for (char c : surface) {
                if (c != '.')
                    abbreviation += c;
            }
            t.norm = normalize_name(abbreviation);
        } else {
            t.norm = normalize_name(surface);
        }
        if (tokens.empty()) {
            t.gap = Gap::start;
        } else if (saw_other) {
            t.gap = Gap::other;
        } else if (saw_comma) {
            t.gap = Gap::comma;
        } else if (saw_hyphen) {
            t.gap = Gap::hyphen;
        } else {
            t.gap = Gap::space;
        }
        t.sentence_start = sentence_break;
        tokens.push_back(std::move(t));
        sentence_break = false;
        saw_hyphen = saw_comma = saw_other = false;
        i = j;
        if (tokens.back().possessive) {
            // skip the apostrophe and the s
            const Cp ap = next_cp(text, i);
            i += ap.len;
            if (i < text.size())
                i += 1;
        }
        // A period right after a word ends the sentence unless the word was an abbreviation.
        if (dotted) {
            continue;
        }
    }
    if (invalid_bytes != nullptr) {
        *invalid_bytes = invalid;
    }
    return tokens;
}

std::size_t code_point_offset(std::string_view text, std::size_t offset) {
    std::size_t count = 0;
    std::size_t i = 0;
    const std::size_t stop = std::min(offset, text.size());
    while (i < stop) {
        const Cp cp = next_cp(text, i);
        i += cp.len;
        ++count;
    }
    return count;
}

} // namespace kharita::detail
