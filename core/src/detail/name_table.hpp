#pragma once
// Names of an enum from one table: to_string() and the matching ..._from() read the same
// constexpr array, indexed by the enumerator's value, so each name is written once and the
// two cannot disagree. Shared by every layer that names enums (internal, in detail/).

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace kharita::detail {

/// The name of `value` in `names` ("unknown" for a value outside the table).
template <typename E, std::size_t N>
constexpr std::string_view name_in(const std::array<std::string_view, N>& names, E value) noexcept {
    const auto i = static_cast<std::size_t>(value);
    return i < N ? names[i] : std::string_view("unknown");
}

/// The enumerator whose name in `names` is `name`, if any.
template <typename E, std::size_t N>
constexpr std::optional<E> value_in(const std::array<std::string_view, N>& names,
                                    std::string_view name) noexcept {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == name)
            return static_cast<E>(i);
    }
    return std::nullopt;
}

} // namespace kharita::detail
