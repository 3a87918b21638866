// The geo layer's enums and their one name table each: every enumerator's name reads back
// to the same enumerator, unknown names read as nothing, and stored values never move.

#include "kharita/geo/gazetteer.hpp"
#include "kharita/geo/place.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace kharita;

namespace {

template <typename E, typename From> void expect_round_trip(E last, From from) {
    for (int i = 0; i <= static_cast<int>(last); ++i) {
        const auto e = static_cast<E>(i);
        const std::string_view name = to_string(e);
        EXPECT_NE(name, "unknown") << i;
        const auto back = from(name);
        ASSERT_TRUE(back.has_value()) << name;
        EXPECT_EQ(*back, e) << name;
    }
    EXPECT_FALSE(from("").has_value());
    EXPECT_FALSE(from("no such name").has_value());
}

} // namespace

TEST(GeoVocabulary, GeoPrecisionNamesRoundTrip) {
    expect_round_trip(GeoPrecision::continent, geo_precision_from);
    EXPECT_EQ(to_string(GeoPrecision::district), "district");
    EXPECT_EQ(geo_precision_from("country"), GeoPrecision::country);
}

TEST(GeoVocabulary, GeoPrecisionValuesAreStoredRanksAndNeverMove) {
    EXPECT_EQ(static_cast<int>(GeoPrecision::site), 0);
    EXPECT_EQ(static_cast<int>(GeoPrecision::district), 1);
    EXPECT_EQ(static_cast<int>(GeoPrecision::town), 2);
    EXPECT_EQ(static_cast<int>(GeoPrecision::region), 3);
    EXPECT_EQ(static_cast<int>(GeoPrecision::country), 4);
    EXPECT_EQ(static_cast<int>(GeoPrecision::continent), 5);
}

TEST(GeoVocabulary, ToponymKindNamesRoundTrip) {
    expect_round_trip(ToponymKind::region, toponym_kind_from);
    EXPECT_EQ(to_string(ToponymKind::demonym), "demonym");
}

TEST(GeoVocabulary, MatchKindNamesRoundTrip) {
    expect_round_trip(MatchKind::fuzzy, match_kind_from);
    // the names a reader sees in a toponym's "why"
    EXPECT_EQ(to_string(MatchKind::alternate), "alternate name");
    EXPECT_EQ(to_string(MatchKind::article), "article variant");
}

TEST(GeoVocabulary, NameKindNamesAreTheGazetteerFilesKindColumn) {
    expect_round_trip(NameKind::abbreviation, name_kind_from);
    EXPECT_EQ(to_string(NameKind::name), "name");
    EXPECT_EQ(to_string(NameKind::ascii), "ascii");
    EXPECT_EQ(to_string(NameKind::alternate), "alternate");
    EXPECT_EQ(to_string(NameKind::demonym), "demonym");
    EXPECT_EQ(to_string(NameKind::abbreviation), "abbreviation");
}

TEST(GeoVocabulary, PrecisionFollowsTheGeoNamesFeature) {
    EXPECT_EQ(precision_of('A', "PCLI"), GeoPrecision::country);
    EXPECT_EQ(precision_of('A', "ADM1"), GeoPrecision::region);
    EXPECT_EQ(precision_of('P', "PPLX"), GeoPrecision::district);
    EXPECT_EQ(precision_of('P', "PPL"), GeoPrecision::town);
    EXPECT_EQ(precision_of('L', "CONT"), GeoPrecision::continent);
    // the European Union is no site: it spans countries as a continent does
    EXPECT_EQ(precision_of('L', "RGNE"), GeoPrecision::continent);
    EXPECT_EQ(precision_of('L', "RGNH"), GeoPrecision::region);
    EXPECT_EQ(precision_of('H', "SEA"), GeoPrecision::continent);
    EXPECT_EQ(precision_of('S', "BLDG"), GeoPrecision::site);
}
