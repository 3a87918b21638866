#include "kharita/gazetteer_builder.hpp"

#include <gtest/gtest.h>

using namespace kharita;

namespace {
std::string row(const std::string& lat = "32.88743", const std::string& pop = "1150989",
                const std::string& name = "Tripoli") {
    return "2210247\t" + name + "\tTripoli\tTarabulus,Trablous\t" + lat +
           "\t13.18733\tP\tPPLC\tLY\t\t77\t\t\t\t" + pop + "\t\t17\tAfrica/Tripoli\t2023-01-01";
}
} // namespace

TEST(ParseGeonameLine, ReadsAllFields) {
    const std::string line = row();
    GeonameRecord r;
    ASSERT_FALSE(parse_geoname_line(line, r).has_value());
    EXPECT_EQ(r.geonameid, 2210247);
    EXPECT_EQ(r.name, "Tripoli");
    EXPECT_EQ(r.alternatenames, "Tarabulus,Trablous");
    EXPECT_DOUBLE_EQ(r.lat, 32.88743);
    EXPECT_EQ(r.feature_class, 'P');
    EXPECT_EQ(r.feature_code, "PPLC");
    EXPECT_EQ(r.country, "LY");
    EXPECT_EQ(r.admin1, "77");
    EXPECT_EQ(r.population, 1150989);
}

TEST(ParseGeonameLine, RejectsLatitudeOutOfRange) {
    GeonameRecord r;
    const auto error = parse_geoname_line(row("95"), r);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("latitude"), std::string::npos) << *error;
}

TEST(ParseGeonameLine, RejectsNonNumericPopulation) {
    GeonameRecord r;
    const auto error = parse_geoname_line(row("32.8", "many"), r);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("population"), std::string::npos) << *error;
}

TEST(ParseGeonameLine, RejectsWrongColumnCount) {
    GeonameRecord r;
    const auto error = parse_geoname_line("2210247\tTripoli\tTripoli", r);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("found 3"), std::string::npos) << *error;
}

TEST(ParseGeonameLine, RejectsBrokenUtf8) {
    GeonameRecord r;
    const auto error = parse_geoname_line(row("32.8", "1", "Trip\xffoli"), r);
    ASSERT_TRUE(error.has_value());
    EXPECT_NE(error->find("UTF-8"), std::string::npos) << *error;
}

TEST(ParseGeonameLine, AcceptsEmptyPopulation) {
    GeonameRecord r;
    EXPECT_FALSE(parse_geoname_line(row("32.8", ""), r).has_value());
    EXPECT_EQ(r.population, 0);
}
