// The names of event types and statuses: one table each, read back by *_from.

#include "kharita/events/event_types.hpp"

#include <gtest/gtest.h>

namespace kharita {
namespace {

TEST(EventTypesTest, EveryTypeNameReadsBackAsItsType) {
    for (std::size_t k = 0; k < kEventTypeCount; ++k) {
        const auto t = static_cast<EventType>(k);
        EXPECT_EQ(event_type_from(to_string(t)), t) << to_string(t);
    }
}

TEST(EventTypesTest, NamesAreTheStoredOnes) {
    // printed by `kharita parse --json` and stored in the event store: never rename
    EXPECT_EQ(to_string(EventType::meeting), "meeting");
    EXPECT_EQ(to_string(EventType::mass_grave), "mass_grave");
    EXPECT_EQ(to_string(EventType::strategic), "strategic");
    EXPECT_EQ(to_string(EventStatus::occurred), "occurred");
    EXPECT_EQ(to_string(EventStatus::ongoing), "ongoing");
}

TEST(EventTypesTest, EveryStatusNameReadsBackAsItsStatus) {
    for (std::size_t k = 0; k < kEventStatusCount; ++k) {
        const auto s = static_cast<EventStatus>(k);
        EXPECT_EQ(event_status_from(to_string(s)), s) << to_string(s);
    }
}

TEST(EventTypesTest, UnknownNamesAndValuesAreRefused) {
    EXPECT_EQ(event_type_from("picnic"), std::nullopt);
    EXPECT_EQ(event_type_from(""), std::nullopt);
    EXPECT_EQ(event_type_from("Meeting"), std::nullopt);
    EXPECT_EQ(event_status_from("happened"), std::nullopt);
    EXPECT_EQ(to_string(static_cast<EventType>(200)), "unknown");
    EXPECT_EQ(to_string(static_cast<EventStatus>(200)), "unknown");
}

} // namespace
} // namespace kharita
