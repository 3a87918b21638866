#pragma once
// Names of an enum from one table: a constexpr array of names indexed by the enumerator, from
// which to_string() and the *_from() parser are both derived, so the two cannot disagree.
// Private to the time layer.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace kharita::detail {

/// The name of `value` in `names` ("unknown" for a value outside the table).
template <typename Enum, std::size_t N>
constexpr std::string_view name_in(const std::array<std::string_view, N>& names,
                                   Enum value) noexcept {
    const auto index = static_cast<std::size_t>(value);
    return index < N ? names[index] : std::string_view("unknown");
}

/// The enumerator `name` names in `names`, if any.
template <typename Enum, std::size_t N>
constexpr std::optional<Enum> value_in(const std::array<std::string_view, N>& names,
                                       std::string_view name) noexcept {
    for (std::size_t k = 0; k < N; ++k) {
        if (names[k] == name)
            return static_cast<Enum>(k);
    }
    return std::nullopt;
}

} // namespace kharita::detail
