// Which words put a place at sea (core/src/geo/sea_phrases.hpp), on sentences written for
// these tests: the mention is given by its words, as the geoparser finds it.

#include "geo/sea_phrases.hpp"

#include "kharita/text/tokens.hpp"

#include <gtest/gtest.h>

#include <string_view>

using namespace kharita;

namespace {

/// The sea phrase around the mention `name` (its first occurrence, one or more words) in
/// `text`.
std::optional<detail::SeaPhrase> phrase(std::string_view text, std::string_view name,
                                        bool demonym = false) {
    const auto tokens = detail::tokenize(text);
    const auto at = text.find(name);
    std::size_t first = tokens.size(), last = 0;
    for (std::size_t k = 0; k < tokens.size(); ++k) {
        if (tokens[k].begin >= at && tokens[k].end <= at + name.size()) {
            first = std::min(first, k);
            last = k;
        }
    }
    EXPECT_LT(first, tokens.size()) << name;
    return detail::sea_phrase(tokens, first, last, demonym);
}

} // namespace

TEST(SeaPhrases, OffAPlaceOrItsCoastIsAtSea) {
    for (const auto& [text, name] :
         std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"A boat capsized off Zuwara on Tuesday.", "Zuwara"},
             {"The bodies were found off the coast of Libya.", "Libya"},
             {"The boat sank in waters off eastern Libya.", "eastern Libya"},
             {"A dinghy was seen off Libya's coast.", "Libya"}}) {
        const auto s = phrase(text, name);
        ASSERT_TRUE(s.has_value()) << text;
        EXPECT_FALSE(s->bearing.has_value()) << text;
        EXPECT_DOUBLE_EQ(s->beyond_km, detail::kOffshoreKm) << text;
        EXPECT_EQ(s->words, "off") << text;
    }
}

TEST(SeaPhrases, ADemonymIsAtSeaOnlyBeforeACoastNoun) {
    EXPECT_TRUE(phrase("It sank off the Libyan coast.", "Libyan", true).has_value());
    EXPECT_TRUE(phrase("Patrols in Libyan waters stopped it.", "Libyan", true).has_value());
    // the adjective of an island named next, not the waters of a country
    EXPECT_FALSE(phrase("It sank off the Italian island of Lampedusa.", "Italian", true));
}

TEST(SeaPhrases, AWrittenDistanceAndDirectionAreKept) {
    const auto s = phrase("It went down about 100 nautical miles south of Lampedusa.", "Lampedusa");
    ASSERT_TRUE(s.has_value());
    ASSERT_TRUE(s->bearing.has_value());
    EXPECT_DOUBLE_EQ(*s->bearing, 180.0);
    EXPECT_NEAR(s->beyond_km, 185.2, 1e-9);
    EXPECT_TRUE(s->from_place);
    EXPECT_EQ(s->words, "south of");
    // "off the coast": the distance counts from the shore
    const auto off =
        phrase("They were picked up 70 nautical miles off the Libyan coast.", "Libyan", true);
    ASSERT_TRUE(off.has_value());
    EXPECT_NEAR(off->beyond_km, 129.64, 1e-9);
    EXPECT_FALSE(off->from_place);
    const auto km = phrase("Clashes were reported 30 km west of Tripoli.", "Tripoli");
    ASSERT_TRUE(km.has_value());
    EXPECT_DOUBLE_EQ(km->beyond_km, 30.0);
}

TEST(SeaPhrases, AParticleOffOrAPartOfACountryIsNoSea) {
    EXPECT_FALSE(phrase("Police sealed off Zawiya overnight.", "Zawiya"));
    EXPECT_FALSE(phrase("Gunmen cut off Zawiya from the coast road.", "Zawiya"));
    EXPECT_FALSE(phrase("Millions live in the northwest of Syria.", "Syria"));
    EXPECT_FALSE(phrase("Fighting raged in Tripoli.", "Tripoli"));
    EXPECT_FALSE(phrase("Zawiya lies west of Tripoli.", "Zawiya"));
}
