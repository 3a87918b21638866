#pragma once
// UTF-8 at the byte level: the code point at a byte offset, and byte offsets turned into
// code point offsets (what Kharita reports to JSON readers, who count code points). Invalid
// UTF-8 is never an error here: each byte that starts no valid sequence reads as one U+FFFD.
// Private to core.

#include <cstddef>
#include <string_view>

namespace kharita::detail {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

/// One code point of a text and the bytes it takes.
struct CodePoint {
    char32_t value = 0;
    std::size_t size = 1;
    /// False for a byte that starts no valid sequence (read as U+FFFD of one byte).
    bool valid() const noexcept { return value != kReplacementCharacter; }
};

/// The code point starting at byte `at` (< text.size()). A byte that starts no valid
/// sequence (cut, overlong, a surrogate, a stray continuation byte) reads as U+FFFD of one
/// byte; so does each byte of a literal U+FFFD, which stands for such bytes anyway.
CodePoint decode_at(std::string_view text, std::size_t at) noexcept;

/// The length in bytes that a sequence's first byte announces: 2, 3 or 4 for lead bytes,
/// 1 for ASCII and for bytes that lead nothing (continuation bytes, 0xF8-0xFF).
std::size_t announced_length(unsigned char lead) noexcept;

/// Number of code points before byte `offset`, as CodePointCounter::at() counts them (an
/// invalid byte counts as one). One offset: many offsets of a text go through a counter.
std::size_t code_point_offset(std::string_view text, std::size_t offset);

/// Code point offsets of one text for byte offsets asked in increasing order: each call
/// walks on from the previous one, so converting every offset of a text costs one pass
/// (asking for a smaller offset than before starts again from the beginning).
class CodePointCounter {
public:
    explicit CodePointCounter(std::string_view text) noexcept : m_text(text) {}

    /// Code points that start before byte `offset`: an offset inside a sequence counts the
    /// code point it cuts, an invalid byte counts as one, offsets past the end count all.
    std::size_t at(std::size_t offset) noexcept;

private:
    std::string_view m_text;
    std::size_t m_byte = 0;  // where the walk stands: the start of a code point, or the end
    std::size_t m_last = 0;  // the start of the last code point counted
    std::size_t m_count = 0; // code points before m_byte
};

} // namespace kharita::detail
