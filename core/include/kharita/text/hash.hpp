#pragma once
// The one string hash of Kharita: FNV-1a, 64 bit (short keys, good spread, no allocation).
// The gazetteer index keys names by it; the event store names articles by it (stored, so
// the function must never change).

#include <cstdint>
#include <string_view>

namespace kharita {

inline constexpr std::uint64_t kFnv1aOffsetBasis = 14695981039346656037ULL;

/// FNV-1a of `s`, continuing from `h`: chain calls to hash several pieces in order.
constexpr std::uint64_t fnv1a(std::string_view s, std::uint64_t h = kFnv1aOffsetBasis) noexcept {
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

} // namespace kharita
