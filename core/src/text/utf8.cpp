#include "kharita/text/utf8.hpp"

#include <algorithm>

namespace kharita::detail {

std::size_t announced_length(unsigned char lead) noexcept {
    if ((lead & 0xE0) == 0xC0)
        return 2;
    if ((lead & 0xF0) == 0xE0)
        return 3;
    if ((lead & 0xF8) == 0xF0)
        return 4;
    return 1;
}

CodePoint decode_at(std::string_view text, std::size_t at) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(at);
    if (lead < 0x80)
        return {lead, 1};
    const std::size_t len = announced_length(lead);
    constexpr CodePoint kInvalid{kReplacementCharacter, 1};
    if (len == 1 || at + len > text.size())
        return kInvalid;
    // the payload bits of the lead byte, and the smallest value a sequence this long may
    // carry (anything below is an overlong form)
    char32_t cp = lead & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    const char32_t min = len == 2 ? 0x80 : len == 3 ? 0x800 : 0x10000;
    for (std::size_t k = 1; k < len; ++k) {
        if ((byte(at + k) & 0xC0) != 0x80)
            return kInvalid;
        cp = (cp << 6) | (byte(at + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ||
        cp == kReplacementCharacter) {
        return kInvalid;
    }
    return {cp, len};
}

std::size_t CodePointCounter::at(std::size_t offset) noexcept {
    const std::size_t stop = std::min(offset, m_text.size());
    if (stop <= m_last) {
        // behind the last code point counted: walk again from the start
        m_byte = 0;
        m_last = 0;
        m_count = 0;
    }
    // (a stop between m_last and m_byte cuts the last code point, which counts)
    while (m_byte < stop) {
        m_last = m_byte;
        m_byte += decode_at(m_text, m_byte).size;
        ++m_count;
    }
    return m_count;
}

std::size_t code_point_offset(std::string_view text, std::size_t offset) {
    return CodePointCounter(text).at(offset);
}

} // namespace kharita::detail
