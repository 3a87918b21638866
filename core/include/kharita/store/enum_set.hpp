#pragma once
// Small typed sets of enum values (the event types and statuses a filter keeps). Names
// are read and written through each enum's own name table (events/event_types.hpp).

#include "kharita/events/event_types.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace kharita {

/// A set of the values of an enum numbered 0..N-1, as bits. Empty when default-constructed;
/// all() holds every value.
template <typename E, std::size_t N> class EnumSet {
    static_assert(N > 0 && N <= 32);

public:
    static constexpr std::size_t capacity = N;

    constexpr EnumSet() = default;
    constexpr EnumSet(std::initializer_list<E> values) {
        for (const E v : values)
            insert(v);
    }
    static constexpr EnumSet all() {
        EnumSet s;
        s.m_bits = N == 32 ? ~std::uint32_t{0} : (std::uint32_t{1} << N) - 1;
        return s;
    }

    constexpr bool contains(E v) const noexcept { return (m_bits & bit(v)) != 0; }
    constexpr void insert(E v) noexcept { m_bits |= bit(v); }
    constexpr void erase(E v) noexcept { m_bits &= ~bit(v); }
    constexpr void set(E v, bool member) noexcept {
        if (member)
            insert(v);
        else
            erase(v);
    }
    constexpr bool empty() const noexcept { return m_bits == 0; }
    constexpr bool full() const noexcept { return m_bits == all().m_bits; }
    constexpr std::size_t size() const noexcept {
        return static_cast<std::size_t>(std::popcount(m_bits));
    }
    constexpr bool operator==(const EnumSet&) const = default;

    /// The members, in the enum's order.
    std::vector<E> values() const {
        std::vector<E> out;
        for (std::size_t i = 0; i < N; ++i) {
            if (contains(static_cast<E>(i)))
                out.push_back(static_cast<E>(i));
        }
        return out;
    }

private:
    static constexpr std::uint32_t bit(E v) noexcept {
        return std::uint32_t{1} << static_cast<std::size_t>(v);
    }

    std::uint32_t m_bits = 0;
};

using EventTypeSet = EnumSet<EventType, kEventTypeCount>;
using EventStatusSet = EnumSet<EventStatus, kEventStatusCount>;

} // namespace kharita
