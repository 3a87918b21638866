#pragma once
// Closed lists of lowercase words as sorted constexpr tables: checked sorted at compile time
// (static_assert(sorted_unique(list))) and searched by bisection. Private to core.

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>

namespace kharita::detail {

/// True when `words` is strictly increasing: sorted, no duplicates (so bisection works).
template <std::size_t N>
constexpr bool sorted_unique(const std::array<std::string_view, N>& words) {
    for (std::size_t i = 1; i < N; ++i) {
        if (!(words[i - 1] < words[i]))
            return false;
    }
    return true;
}

/// True when the lowercase word `w` is in the sorted table `words`.
template <std::size_t N>
constexpr bool in_words(const std::array<std::string_view, N>& words, std::string_view w) {
    return std::binary_search(words.begin(), words.end(), w);
}

} // namespace kharita::detail
