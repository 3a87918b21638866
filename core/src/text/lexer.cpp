#include "kharita/text/lexer.hpp"

#include "kharita/text/normalize.hpp"
#include "kharita/text/utf8.hpp"

#include <unicode/uchar.h>

namespace kharita::detail {

namespace {

bool is_ascii_letter(unsigned char c) noexcept {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_digit(unsigned char c) noexcept {
    return c >= '0' && c <= '9';
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

std::string Lexeme::lower(std::string_view text) const {
    return ascii_lower(surface(text));
}

bool Lexer::next(Lexeme& out) {
    bool space = false;
    bool line_break = false;
    for (; m_pos < m_text.size(); ++m_pos) {
        const char c = m_text[m_pos];
        if (c == '\n' || c == '\r') {
            line_break = true;
        } else if (c != ' ' && c != '\t') {
            break;
        }
        space = true;
    }
    if (m_pos >= m_text.size())
        return false;
    out = Lexeme{};
    out.begin = m_pos;
    out.space_before = space;
    out.line_break_before = line_break;
    const auto c = static_cast<unsigned char>(m_text[m_pos]);
    out.code_point = c;
    std::size_t end = m_pos + 1;
    if (is_ascii_letter(c)) {
        out.kind = LexemeKind::word;
        out.upper_initial = c <= 'Z';
        while (end < m_text.size() && is_ascii_letter(static_cast<unsigned char>(m_text[end])))
            ++end;
        out.letters = static_cast<std::uint32_t>(end - m_pos);
        for (std::size_t k = m_pos; k < end; ++k)
            out.uppers += m_text[k] <= 'Z' ? 1 : 0;
        out.end = end;
    } else if (is_ascii_digit(c)) {
        out.kind = LexemeKind::number;
        while (end < m_text.size() && is_ascii_digit(static_cast<unsigned char>(m_text[end])))
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
