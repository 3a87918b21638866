// The area sources of the gazetteer build: admin-1 units, counties, regions, seas and
// territories from the Natural Earth and Census TSVs, the unit words made by rule and the
// state abbreviations (fixtures in tests/data/areas, a few rows each).
#include "area_sources.hpp"
#include "geo/geoparser_words.hpp"
#include "kharita/gazetteer_builder.hpp"
#include "kharita/geo/gazetteer.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

using namespace kharita;
namespace fs = std::filesystem;

namespace {

const fs::path kAreas = fs::path(KHARITA_TEST_DATA_DIR) / "areas";

/// One build of the fixtures for the whole suite.
class AreaSourcesTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir = new fs::path(fs::temp_directory_path() /
                           ("kharita-areas-" + std::to_string(::getpid())));
        fs::remove_all(*dir);
        fs::create_directories(*dir);
        GazetteerBuildOptions o;
        o.data_dir = kAreas / "data";
        o.geonames_dir = kAreas / "geonames";
        o.out = *dir / "gazetteer.sqlite";
        report = new GazetteerBuildReport(build_gazetteer(o));
        gazetteer = new Gazetteer(Gazetteer::open(o.out));
    }
    static void TearDownTestSuite() {
        delete gazetteer;
        delete report;
        fs::remove_all(*dir);
        delete dir;
    }

    /// The best candidate's place, or nullptr.
    static const Place* best(std::string_view name, const LookupOptions& o = {}) {
        const auto c = gazetteer->lookup(name, o);
        return c.empty() ? nullptr : &gazetteer->place(c.front().place);
    }
    /// True when a candidate found by this name as written (not a spelling variant) is the
    /// place of that feature code and country.
    static bool names_unit(std::string_view name, std::string_view code, std::string_view cc) {
        for (const Candidate& c : gazetteer->lookup(name)) {
            const Place& p = gazetteer->place(c.place);
            if (p.feature_code == code && p.country == cc &&
                (c.kind == MatchKind::exact || c.kind == MatchKind::alternate)) {
                return true;
            }
        }
        return false;
    }

    static fs::path* dir;
    static GazetteerBuildReport* report;
    static Gazetteer* gazetteer;
};

fs::path* AreaSourcesTest::dir = nullptr;
GazetteerBuildReport* AreaSourcesTest::report = nullptr;
Gazetteer* AreaSourcesTest::gazetteer = nullptr;

} // namespace

TEST_F(AreaSourcesTest, CountyIsFoundWithItsUnitWordAndItsBareNameIsWeak) {
    const Place* county = best("Laurel County");
    ASSERT_NE(county, nullptr);
    EXPECT_EQ(county->feature_code, "ADM2");
    EXPECT_EQ(county->country, "US");
    EXPECT_EQ(county->admin1, "KY");
    EXPECT_EQ(county->geonameid, 4297480); // the GeoNames admin-2 record's id
    // The bare name still finds the county, but below the town and never confidently.
    const auto bare = gazetteer->lookup("Laurel");
    ASSERT_FALSE(bare.empty());
    EXPECT_EQ(gazetteer->place(bare.front().place).feature_class, 'P');
    bool county_found = false;
    for (const Candidate& c : bare) {
        if (gazetteer->place(c.place).feature_code == "ADM2") {
            county_found = true;
            EXPECT_LT(c.score, 0.5);
        }
    }
    EXPECT_TRUE(county_found);
    // A short form alone does not make a word a place name for the recogniser.
    EXPECT_TRUE(gazetteer->has_name("laurel county"));
    EXPECT_TRUE(gazetteer->has_name("laurel")); // the town
    EXPECT_FALSE(gazetteer->has_name("ky"));    // a postal code only
    EXPECT_FALSE(gazetteer->has_name("adair")); // only a county's short form
    EXPECT_TRUE(gazetteer->has_name("adair county"));
}

TEST_F(AreaSourcesTest, UnitWordsFitTheUnitTypeInItsCountry) {
    // A Libyan shabiyah: district, municipality, Sha`biyat, شعبية; not a governorate.
    for (const char* name : {"Murzuq District", "Murzuq district", "Murzuq Municipality",
                             "Sha`biyat Murzuq", "Shabiyat Murzuq", "شعبية مرزق"}) {
        EXPECT_TRUE(names_unit(name, "ADM1", "LY")) << name;
    }
    EXPECT_FALSE(names_unit("Murzuq Governorate", "ADM1", "LY"));
    // An Iraqi muhafazah GeoNames lacks here: a division of its own, with its words.
    for (const char* name :
         {"Nineveh Governorate", "Ninawa Province", "Muhafazat Nineveh", "محافظة نينوى"}) {
        EXPECT_TRUE(names_unit(name, "ADMD", "IQ")) << name;
    }
    EXPECT_FALSE(names_unit("Nineveh District", "ADMD", "IQ"));
    // Not "Kentucky State": in US news that is a university.
    EXPECT_FALSE(names_unit("Kentucky State", "ADM1", "US"));
}

TEST_F(AreaSourcesTest, AdminUnitMergesIntoTheGeoNamesUnit) {
    const Place* murzuq = best("Murzuq");
    ASSERT_NE(murzuq, nullptr);
    EXPECT_EQ(murzuq->geonameid, 2214602);
    EXPECT_EQ(murzuq->admin1, "73");
    EXPECT_EQ(gazetteer->lookup("Murzuq").size(), 1u); // no twin from Natural Earth
}

TEST_F(AreaSourcesTest, AbbreviationsAndPostalCodes) {
    const auto wva = gazetteer->lookup("W.Va.");
    ASSERT_FALSE(wva.empty());
    EXPECT_EQ(gazetteer->place(wva.front().place).name, "West Virginia");
    EXPECT_EQ(wva.front().kind, MatchKind::abbreviation);
    // Two-letter codes, and abbreviations that read as one, only after "Town, ".
    for (const char* code : {"KY", "Ky.", "WV"}) {
        EXPECT_EQ(best(code), nullptr) << code;
        LookupOptions o;
        o.postal_codes = true;
        const auto c = gazetteer->lookup(code, o);
        ASSERT_FALSE(c.empty()) << code;
        EXPECT_EQ(c.front().kind, MatchKind::abbreviation) << code;
        EXPECT_EQ(gazetteer->place(c.front().place).feature_code, "ADM1") << code;
    }
}

TEST_F(AreaSourcesTest, RegionSeaAndTerritoryHaveTheirFeatureCodes) {
    const Place* sea = best("Mediterranean");
    ASSERT_NE(sea, nullptr);
    EXPECT_EQ(sea->feature_class, 'H');
    EXPECT_EQ(sea->feature_code, "SEA");
    const Place* darfur = best("Darfur");
    ASSERT_NE(darfur, nullptr);
    EXPECT_EQ(darfur->feature_class, 'L');
    EXPECT_EQ(darfur->feature_code, "RGN");
    EXPECT_EQ(darfur->country, "SD");
    EXPECT_EQ(gazetteer->regions_of("SD").size(), 1u);
    const Place* bank = best("West Bank");
    ASSERT_NE(bank, nullptr);
    EXPECT_EQ(bank->feature_class, 'A');
    EXPECT_EQ(bank->country, "PS");
}

TEST_F(AreaSourcesTest, AnOceanSplitInHalvesIsOnePlace) {
    std::size_t oceans = 0;
    for (const Candidate& c : gazetteer->lookup("Atlantic Ocean"))
        oceans += gazetteer->place(c.place).feature_code == "OCN" ? 1 : 0;
    EXPECT_EQ(oceans, 1u);
    const Place* south = best("South Atlantic Ocean");
    ASSERT_NE(south, nullptr);
    EXPECT_EQ(south->feature_code, "OCN");
}

TEST_F(AreaSourcesTest, BadRowsNameFileLineAndField) {
    std::vector<std::string> seen;
    for (const auto& p : report->problems.examples())
        seen.push_back(p.to_string());
    const auto has = [&](const std::string& a, const std::string& b) {
        return std::any_of(seen.begin(), seen.end(), [&](const std::string& s) {
            return s.find(a) != std::string::npos && s.find(b) != std::string::npos;
        });
    };
    EXPECT_TRUE(has("natural-earth-5-admin1-test.tsv:3", "expected 15 tab-separated columns"))
        << ::testing::PrintToString(seen);
    EXPECT_TRUE(has("natural-earth-regions-test.tsv:3", "lat: \"95.5\""))
        << ::testing::PrintToString(seen);
    EXPECT_EQ(best("Sahara"), nullptr); // the bad row is skipped
}

TEST(AreaRules, FeatureOfEachKind) {
    using detail::area_feature;
    EXPECT_EQ(area_feature("sea", "gulf")->feature_code, "GULF");
    EXPECT_EQ(area_feature("sea", "strait")->feature_code, "STRT");
    EXPECT_EQ(area_feature("region", "Desert")->feature_code, "DSRT");
    EXPECT_EQ(area_feature("territory", "Breakaway")->feature_code, "TERR");
    EXPECT_FALSE(area_feature("region", "Continent").has_value());
}

TEST(AreaRules, UnitWordFormsSkipNamesThatHaveOne) {
    const auto words = detail::unit_words_for("EG", "Governorate");
    EXPECT_EQ(detail::unit_word_forms("Aswan", words),
              (std::vector<std::string>{"Aswan Governorate", "Aswan Province", "Muhafazat Aswan"}));
    EXPECT_TRUE(detail::unit_word_forms("Muhafazat Aswan", words).empty());
    EXPECT_TRUE(detail::unit_word_forms("Red Sea Governorate", words).empty());
    EXPECT_EQ(detail::unit_word_forms("أسوان", words), (std::vector<std::string>{"محافظة أسوان"}));
    EXPECT_EQ(detail::unit_words_for("FR", "Department").after,
              (std::vector<std::string_view>{"Department"}));
}

TEST(AreaRules, SiteWordFormsFollowTheFeatureAndSkipFullNames) {
    const auto field = detail::site_words_for('L', "OILF");
    EXPECT_EQ(detail::site_word_forms("Sharara", field),
              (std::vector<std::string>{"Sharara field", "Sharara oilfield", "Sharara oil field"}));
    EXPECT_TRUE(detail::site_word_forms("Sharara Oil Field", field).empty());
    EXPECT_TRUE(detail::site_word_forms("حقل الشرارة", field).empty());
    EXPECT_TRUE(detail::site_words_for('P', "PPL").empty()); // a town has no kind words
    EXPECT_TRUE(detail::ends_with_site_word("mitiga international airport"));
    EXPECT_FALSE(detail::ends_with_site_word("port")); // one word is a bare name
    EXPECT_FALSE(detail::ends_with_site_word("es sider"));
}

TEST(AreaRules, EverySiteWordStartsWithAWordTheGeoparserLooksFor) {
    // the geoparser looks a name with its kind words up only after a word of its list
    for (const auto& [fc, code] : std::vector<std::pair<char, const char*>>{{'S', "TRMO"},
                                                                            {'S', "OILR"},
                                                                            {'L', "OILF"},
                                                                            {'L', "GASF"},
                                                                            {'S', "AIRP"},
                                                                            {'S', "AIRB"},
                                                                            {'S', "AIRF"},
                                                                            {'L', "PRT"},
                                                                            {'S', "PSTB"},
                                                                            {'S', "PRN"}}) {
        const auto words = detail::site_words_for(fc, code);
        EXPECT_FALSE(words.empty()) << code;
        for (std::string_view w : words) {
            EXPECT_TRUE(detail::is_site_word_start(w.substr(0, w.find(' ')))) << code << ": " << w;
        }
    }
}

TEST_F(AreaSourcesTest, ASiteIsFoundWithItsKindWordsAndATownsNameAloneIsWeak) {
    // "Brega" is a town's name too (short: in the supplement): with the kind word it is the
    // terminal, alone it is a weak short form that never makes a word a place by itself.
    const Place* terminal = best("Brega terminal");
    ASSERT_NE(terminal, nullptr);
    EXPECT_EQ(terminal->feature_code, "TRMO");
    EXPECT_EQ(terminal->precision(), GeoPrecision::site);
    EXPECT_TRUE(names_unit("Brega oil terminal", "TRMO", "LY"));
    EXPECT_TRUE(names_unit("Brega port", "TRMO", "LY"));
    EXPECT_FALSE(gazetteer->has_name("brega"));
    // a bare name no town has stays a full name of the site
    EXPECT_TRUE(gazetteer->has_name("es sider"));
    EXPECT_TRUE(names_unit("Sharara oilfield", "OILF", "LY"));
    EXPECT_TRUE(names_unit("Es Sider oil terminal", "TRMO", "LY"));
    EXPECT_TRUE(names_unit("Abu Salim prison", "PRN", "LY"));
    EXPECT_FALSE(gazetteer->has_name("abu salim")); // the district's name, not the prison's
}

TEST(AreaRules, PostalOnlyForTwoLetterForms) {
    EXPECT_TRUE(detail::postal_only("KY"));
    EXPECT_TRUE(detail::postal_only("Ky."));
    EXPECT_FALSE(detail::postal_only("W.Va."));
    EXPECT_FALSE(detail::postal_only("Calif."));
}

TEST_F(AreaSourcesTest, AStatesPointOnATownTakesTheLabelPoint) {
    // the fixture's state list puts West Virginia on the point of Laurel, a town of 26,000
    // (a capital's or a largest city's point, as that list often has): Natural Earth's label
    // point replaces it; Kentucky's point is no town's and stays
    const Place* wv = best("West Virginia");
    ASSERT_NE(wv, nullptr);
    EXPECT_NEAR(wv->position.lat, 38.6, 1e-6);
    EXPECT_NEAR(wv->position.lon, -80.6, 1e-6);
    const Place* ky = best("Kentucky");
    ASSERT_NE(ky, nullptr);
    EXPECT_NEAR(ky->position.lat, 37.8393, 1e-6);
}

TEST_F(AreaSourcesTest, AnIaRegionHasItsAdjectiveAsADemonym) {
    const auto c = gazetteer->lookup("West Virginian");
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(gazetteer->place(c.front().place).name, "West Virginia");
    EXPECT_EQ(c.front().kind, MatchKind::demonym);
}
