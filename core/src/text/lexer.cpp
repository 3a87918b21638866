#include "kharita/text/lexer.hpp"

#include "kharita/text/normalize.hpp"
#include "kharita/text/utf8.hpp"

#include <unicode/uchar.h>

#include <array>

namespace kharita::detail {

namespace {

// What each ASCII byte is, as bit flags: one table lookup per byte in the loops below.
constexpr std::uint8_t kLetter = 1;
constexpr std::uint8_t kUpper = 2;
constexpr std::uint8_t kDigit = 4;
constexpr std::uint8_t kSpace = 8;  // space, tab and the line breaks
constexpr std::uint8_t kBreak = 16; // \n, \r
constexpr std::array<std::uint8_t, 128> kAsciiClass = [] {
    std::array<std::uint8_t, 128> t{};
    for (int c = 'a'; c <= 'z'; ++c)
        t[static_cast<std::size_t>(c)] = kLetter;
    for (int c = 'A'; c <= 'Z'; ++c)
        t[static_cast<std::size_t>(c)] = kLetter | kUpper;
    for (int c = '0'; c <= '9'; ++c)
        t[static_cast<std::size_t>(c)] = kDigit;
    t[' '] = t['\t'] = kSpace;
    t['\n'] = t['\r'] = kSpace | kBreak;
    return t;
}();

/// The class flags of a byte (none beyond ASCII).
std::uint8_t ascii_class(char c) noexcept {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x80 ? kAsciiClass[u] : 0;
}

/// Letters, digits and marks beyond ASCII, and the tatweel that stretches Arabic words.
bool is_word_char(char32_t c) noexcept {
    const auto u = static_cast<UChar32>(c);
    const auto category = static_cast<UCharCategory>(u_charType(u));
    return u_isalnum(u) || category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK ||
           c == 0x0640;
}

bool is_arabic(char32_t c) noexcept {
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F);
}

/// One code point beyond ASCII at `out.begin`: a letter, punctuation or an invalid byte.
void read_non_ascii(std::string_view text, Lexeme& out) {
    const CodePoint cp = decode_at(text, out.begin);
    out.end = out.begin + cp.size;
    out.code_point = cp.value;
    if (!cp.valid()) {
        out.kind = LexemeKind::invalid;
    } else if (is_word_char(cp.value)) {
        out.kind = LexemeKind::letter;
        const bool letter = u_isalpha(static_cast<UChar32>(cp.value)) != 0;
        out.upper_initial = is_upper_case(cp.value);
        out.letters = letter ? 1 : 0;
        out.uppers = letter && out.upper_initial ? 1 : 0;
        out.arabic = is_arabic(cp.value);
    } else {
        out.kind = LexemeKind::punct;
        out.role = punct_role(cp.value);
    }
}

} // namespace

PunctRole punct_role(char32_t c) noexcept {
    switch (c) {
    case '-':
    case 0x2010:
    case 0x2011:
        return PunctRole::hyphen;
    case 0x2013:
    case 0x2014:
        return PunctRole::dash;
    case ',':
        return PunctRole::comma;
    case '.':
    case '!':
    case '?':
        return PunctRole::full_stop;
    case 0x2022:
        return PunctRole::bullet;
    case ':':
    case ';':
    case '|':
        return PunctRole::clause;
    case '"':
    case 0x201C:
        return PunctRole::open_quote;
    case 0x00A0:
        return PunctRole::space;
    default:
        return is_apostrophe(c) ? PunctRole::apostrophe : PunctRole::other;
    }
}

bool is_upper_case(char32_t c) noexcept {
    if (c < 0x80)
        return c >= 'A' && c <= 'Z';
    return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}

void Lexeme::append_lower(std::string_view text, std::string& out) const {
    const std::size_t from = out.size();
    out.append(surface(text));
    for (std::size_t k = from; k < out.size(); ++k) {
        if (out[k] >= 'A' && out[k] <= 'Z')
            out[k] = static_cast<char>(out[k] - 'A' + 'a');
    }
}

std::string Lexeme::lower(std::string_view text) const {
    std::string out;
    append_lower(text, out);
    return out;
}

bool Lexer::next(Lexeme& out) {
    std::uint8_t white = 0; // the flags of the white space skipped
    std::size_t pos = m_pos;
    for (; pos < m_text.size(); ++pos) {
        const std::uint8_t cls = ascii_class(m_text[pos]);
        if ((cls & kSpace) == 0)
            break;
        white |= cls;
    }
    m_pos = pos;
    if (pos >= m_text.size())
        return false;
    out = Lexeme{};
    out.begin = pos;
    out.space_before = (white & kSpace) != 0;
    out.line_break_before = (white & kBreak) != 0;
    const auto c = static_cast<unsigned char>(m_text[pos]);
    const std::uint8_t cls = ascii_class(m_text[pos]);
    out.code_point = c;
    std::size_t end = pos + 1;
    if ((cls & kLetter) != 0) {
        out.kind = LexemeKind::word;
        out.upper_initial = (cls & kUpper) != 0;
        std::uint32_t uppers = out.upper_initial ? 1 : 0;
        for (; end < m_text.size(); ++end) {
            const std::uint8_t next = ascii_class(m_text[end]);
            if ((next & kLetter) == 0)
                break;
            uppers += (next & kUpper) != 0 ? 1 : 0;
        }
        out.letters = static_cast<std::uint32_t>(end - pos);
        out.uppers = uppers;
        out.end = end;
    } else if ((cls & kDigit) != 0) {
        out.kind = LexemeKind::number;
        while (end < m_text.size() && (ascii_class(m_text[end]) & kDigit) != 0)
            ++end;
        out.end = end;
    } else if (c < 0x80) {
        out.kind = LexemeKind::punct;
        out.role = punct_role(c);
        out.end = end;
    } else {
        read_non_ascii(m_text, out);
    }
    m_pos = out.end;
    return true;
}

std::optional<Lexeme> Lexer::peek() const {
    Lexer ahead = *this;
    Lexeme out;
    if (!ahead.next(out))
        return std::nullopt;
    return out;
}

} // namespace kharita::detail
