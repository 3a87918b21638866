// The geoparser's closed-class word tables: sorted (so bisection finds every entry),
// free of place names, and the direction words with their combinations.

#include "geo/geoparser_words.hpp"

#include <gtest/gtest.h>

using namespace kharita::detail;

namespace {

template <std::size_t N, typename Is>
void expect_every_entry_found(const std::array<std::string_view, N>& words, Is is) {
    EXPECT_TRUE(sorted_unique(words));
    for (std::string_view w : words)
        EXPECT_TRUE(is(w)) << w;
}

} // namespace

TEST(GeoparserWords, EveryTableEntryIsFoundByItsLookup) {
    expect_every_entry_found(kConnectorWords, is_connector);
    expect_every_entry_found(kCalendarWords, is_calendar_word);
    expect_every_entry_found(kLocativeCues, is_locative_cue);
    expect_every_entry_found(kPersonTitles, is_person_title);
    expect_every_entry_found(kPlaceGenerics, is_place_generic);
    expect_every_entry_found(kContainmentNouns, is_containment_noun);
    expect_every_entry_found(kDeterminers, is_determiner);
}

TEST(GeoparserWords, PersonTitlesAreTitlesRolesAndKin) {
    for (std::string_view w : {"president", "mr", "gen", "striker", "spokesman", "host", "wife"})
        EXPECT_TRUE(is_person_title(w)) << w;
    // normalised words only: the tables hold lowercase forms
    for (std::string_view w : {"President", "tripoli", "libya", "", "presidents"})
        EXPECT_FALSE(is_person_title(w)) << w;
}

TEST(GeoparserWords, OtherListsAnswerForTheirWords) {
    EXPECT_TRUE(is_connector("of"));
    EXPECT_FALSE(is_connector("libya"));
    EXPECT_TRUE(is_calendar_word("may"));
    EXPECT_TRUE(is_calendar_word("sept"));
    EXPECT_TRUE(is_locative_cue("near"));
    EXPECT_FALSE(is_locative_cue("said"));
    EXPECT_TRUE(is_place_generic("ras"));
    EXPECT_TRUE(is_containment_noun("governorate"));
    EXPECT_TRUE(is_determiner("the"));
    EXPECT_FALSE(is_determiner("in"));
}

TEST(GeoparserWords, DirectionWords) {
    EXPECT_EQ(direction_of("southern"), Direction::south);
    EXPECT_EQ(direction_of("south"), Direction::south);
    EXPECT_EQ(direction_of("middle"), Direction::central);
    EXPECT_EQ(direction_of("northeastern"), Direction::ne);
    EXPECT_EQ(direction_of("southwest"), Direction::sw);
    EXPECT_EQ(direction_of("libya"), Direction::none);
    EXPECT_EQ(direction_of(""), Direction::none);
    for (const DirectionWord& d : kDirectionWords)
        EXPECT_EQ(direction_of(d.word), d.direction) << d.word;
}

TEST(GeoparserWords, TwoDirectionWordsMakeADiagonal) {
    EXPECT_EQ(combine_directions(Direction::north, Direction::east), Direction::ne);
    EXPECT_EQ(combine_directions(Direction::north, Direction::west), Direction::nw);
    EXPECT_EQ(combine_directions(Direction::south, Direction::east), Direction::se);
    EXPECT_EQ(combine_directions(Direction::south, Direction::west), Direction::sw);
    // "east north" and "north south" are no direction
    EXPECT_EQ(combine_directions(Direction::east, Direction::north), Direction::none);
    EXPECT_EQ(combine_directions(Direction::north, Direction::south), Direction::none);
    EXPECT_EQ(combine_directions(Direction::none, Direction::east), Direction::none);
}
