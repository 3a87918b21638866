// The stand-alone pieces of a gazetteer lookup's score (core/src/geo/gazetteer_scoring.hpp).

#include "geo/gazetteer_scoring.hpp"

#include <gtest/gtest.h>

using namespace kharita;
using kharita::detail::match_base_score;
using kharita::detail::place_importance;
using kharita::detail::skeleton_edit_distance_at_most_one;

namespace {

Place place(char feature_class, std::string feature_code, std::int64_t population) {
    Place p;
    p.feature_class = feature_class;
    p.feature_code = std::move(feature_code);
    p.population = population;
    return p;
}

} // namespace

TEST(GazetteerScoring, CountriesAndContinentsOutrankMostTowns) {
    const double country = place_importance(place('A', "PCLI", 7000000));
    const double continent = place_importance(place('L', "CONT", 0));
    const double city = place_importance(place('P', "PPL", 1000000));
    EXPECT_GE(country, 0.9);
    EXPECT_LE(country, 1.0);
    EXPECT_DOUBLE_EQ(continent, 1.0);
    EXPECT_LT(city, country); // only a town of ten million reaches a country
    EXPECT_GT(place_importance(place('A', "PCLI", 300000000)), country); // larger ranks higher
}

TEST(GazetteerScoring, AdministrativeUnitsHaveFixedRanks) {
    // a unit's population measures its area, not how often the news names it
    EXPECT_DOUBLE_EQ(place_importance(place('A', "ADM1", 10)), 0.72);
    EXPECT_DOUBLE_EQ(place_importance(place('A', "ADM1", 9000000)), 0.72);
    EXPECT_DOUBLE_EQ(place_importance(place('A', "ADM2", 0)), 0.5);
    EXPECT_DOUBLE_EQ(place_importance(place('A', "ADM3", 0)), 0.4);
}

TEST(GazetteerScoring, CapitalsAndSeatsHaveAFloor) {
    EXPECT_DOUBLE_EQ(place_importance(place('P', "PPLC", 0)), 0.85);
    EXPECT_DOUBLE_EQ(place_importance(place('P', "PPLA", 0)), 0.6);
    EXPECT_DOUBLE_EQ(place_importance(place('P', "PPL", 0)), 0.0);
    EXPECT_DOUBLE_EQ(place_importance(place('S', "BLDG", 0)), 0.3);
    EXPECT_DOUBLE_EQ(place_importance(place('H', "SEA", 0)), 0.9);
    // a town's size counts on a log scale: ten million people is the top
    EXPECT_DOUBLE_EQ(place_importance(place('P', "PPL", 9999999)), 1.0);
}

TEST(GazetteerScoring, BaseScoresFallFromExactToFuzzy) {
    EXPECT_DOUBLE_EQ(match_base_score(MatchKind::exact), 1.0);
    EXPECT_DOUBLE_EQ(match_base_score(MatchKind::demonym), 1.0);
    EXPECT_GT(match_base_score(MatchKind::alternate), match_base_score(MatchKind::abbreviation));
    EXPECT_DOUBLE_EQ(match_base_score(MatchKind::article), 0.88);
    EXPECT_GT(match_base_score(MatchKind::article), match_base_score(MatchKind::transliteration));
    EXPECT_GT(match_base_score(MatchKind::transliteration), match_base_score(MatchKind::fuzzy));
    EXPECT_DOUBLE_EQ(match_base_score(MatchKind::fuzzy), 0.55);
}

TEST(GazetteerScoring, OneEditBetweenSkeletons) {
    EXPECT_TRUE(skeleton_edit_distance_at_most_one("zwr", "zwr"));   // none
    EXPECT_TRUE(skeleton_edit_distance_at_most_one("zwr", "zwrh"));  // insertion
    EXPECT_TRUE(skeleton_edit_distance_at_most_one("zwrh", "zwr"));  // deletion
    EXPECT_TRUE(skeleton_edit_distance_at_most_one("zwrh", "zbrh")); // substitution
    EXPECT_TRUE(skeleton_edit_distance_at_most_one("zwrh", "wzrh")); // swap
    EXPECT_FALSE(skeleton_edit_distance_at_most_one("zwrh", "zbrt"));
    EXPECT_FALSE(skeleton_edit_distance_at_most_one("zw", "zwrh"));
    EXPECT_FALSE(skeleton_edit_distance_at_most_one("abcd", "badc"));
}
