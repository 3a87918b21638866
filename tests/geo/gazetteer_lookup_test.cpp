// Lookups against the default gazetteer built from data/ (the build makes it before tests).

#include "detail/sqlite.hpp"
#include "kharita/base/error.hpp"
#include "kharita/geo/regions.hpp"
#include "support/default_gazetteer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace kharita;

class DefaultGazetteer : public ::testing::Test {
protected:
    static const Gazetteer& g() { return kharita::testing::default_gazetteer(); }

    static const Place& first(std::string_view name, const LookupOptions& o = {}) {
        const auto c = g().lookup(name, o);
        if (c.empty()) {
            throw std::runtime_error("no candidates for " + std::string(name));
        }
        return g().place(c.front().place);
    }
};

struct Expectation {
    const char* query;
    std::int64_t geonameid; // 0: check the name instead
    const char* country;
    double lat, lon; // expected position, within 15 km
};

// Coordinates and ids are GeoNames' (and WOF's for the places GeoNames cities lack).
// One test over the whole table: each test process loads the gazetteer once (about 3 s).
const Expectation kIssueNames[] = {Expectation{"Zawiyah", 2218970, "LY", 32.7571, 12.7276},
                                   Expectation{"Az Zawiyah", 2218970, "LY", 32.7571, 12.7276},
                                   Expectation{"Zawia", 2218970, "LY", 32.7571, 12.7276},
                                   Expectation{"Albaidha", 89055, "LY", 32.7627, 21.7551},
                                   Expectation{"Al Bayda", 89055, "LY", 32.7627, 21.7551},
                                   Expectation{"Almarj", 88903, "LY", 32.4926, 20.8291},
                                   Expectation{"Al Marj", 88903, "LY", 32.4926, 20.8291},
                                   Expectation{"Yefren", 2208791, "LY", 32.0633, 12.5286},
                                   Expectation{"Yafran", 2208791, "LY", 32.0633, 12.5286},
                                   Expectation{"Zwara", 2208425, "LY", 32.9312, 12.0820},
                                   Expectation{"Zuwara", 2208425, "LY", 32.9312, 12.0820},
                                   Expectation{"Regdaleen", 2212882, "LY", 32.8872, 11.9873},
                                   Expectation{"Riqdalin", 2212882, "LY", 32.8872, 11.9873},
                                   Expectation{"Sorman", 2210560, "LY", 32.7567, 12.5716},
                                   Expectation{"Surman", 2210560, "LY", 32.7567, 12.5716},
                                   Expectation{"Tarhouna", 0, "LY", 32.4350, 13.6332},
                                   Expectation{"Tarhuna", 0, "LY", 32.4350, 13.6332},
                                   Expectation{"Jakharrah", 0, "LY", 29.2167, 21.5667},
                                   Expectation{"Jikharrah", 0, "LY", 29.25, 21.6},
                                   // the oasis town (GeoNames' Al Jawf), not the district
                                   Expectation{"Al-Kufra", 88962, "LY", 24.1989, 23.2909},
                                   Expectation{"Kufra", 88962, "LY", 24.1989, 23.2909},
                                   // the feminine ending written -a for GeoNames' -ah
                                   Expectation{"Al-Qubba", 88835, "LY", 32.7568, 22.2411},
                                   Expectation{"Abu Salim", 2220399, "LY", 32.85, 13.1667},
                                   Expectation{"Ras Jdir", 2213039, "LY", 33.1485, 11.5676},
                                   Expectation{"Ras Ajdir", 2213039, "LY", 33.1485, 11.5676},
                                   Expectation{"Benghazi", 88319, "LY", 32.1149, 20.0686},
                                   Expectation{"Banghazi", 88319, "LY", 32.1149, 20.0686},
                                   Expectation{"Tripoli", 2210247, "LY", 32.8874, 13.1873},
                                   Expectation{"Misurata", 2214846, "LY", 32.3754, 15.0925},
                                   Expectation{"Misrata", 2214846, "LY", 32.3754, 15.0925},
                                   Expectation{"الزاوية", 2218970, "LY", 32.7571, 12.7276},
                                   Expectation{"طرابلس", 2210247, "LY", 32.8874, 13.1873}};

TEST_F(DefaultGazetteer, EveryIssueVariantResolvesToTheRightPlaceFirst) {
    for (const Expectation& e : kIssueNames) {
        SCOPED_TRACE(e.query);
        const Place& p = first(e.query);
        EXPECT_EQ(p.country, e.country) << e.query << " -> " << p.name;
        EXPECT_LT(distance_km(p.position, {e.lat, e.lon}), 15.0)
            << e.query << " -> " << p.name << " at " << p.position.lat << "," << p.position.lon;
        if (e.geonameid != 0) {
            EXPECT_EQ(p.geonameid, e.geonameid) << e.query << " -> " << p.name;
        }
    }
}

TEST_F(DefaultGazetteer, TripoliWithCountryLebanonIsTheLebaneseCity) {
    LookupOptions o;
    o.countries = {"LB"};
    const Place& p = first("Tripoli", o);
    EXPECT_EQ(p.country, "LB");
    EXPECT_EQ(p.feature_class, 'P');
}

TEST_F(DefaultGazetteer, OrdinaryWordsAreNotConfidentPlaces) {
    for (const char* word : {"Mission", "Council", "May"}) {
        const auto c = g().lookup(word);
        if (!c.empty()) {
            EXPECT_LT(c.front().score, 0.5) << word;
            EXPECT_TRUE(c.front().common_word) << word;
        }
    }
    EXPECT_GT(g().lookup("Nalut").front().score, 0.5);
}

TEST_F(DefaultGazetteer, AnOrdinaryWordIsNoCountryBySpellingVariant) {
    // "wales" and "cork" are words; a country they resemble by skeleton is no likelier
    // than the places so named, and a country by its own name keeps its score
    for (const char* word : {"Wales", "Cork"}) {
        const auto c = g().lookup(word);
        ASSERT_FALSE(c.empty()) << word;
        EXPECT_NE(c.front().kind, MatchKind::transliteration) << word;
        EXPECT_NE(c.front().kind, MatchKind::fuzzy) << word;
    }
    EXPECT_GT(g().lookup("Turkey").front().score, 0.8);
}

TEST_F(DefaultGazetteer, EmptyOrPunctuationQueryGivesNoCandidates) {
    EXPECT_TRUE(g().lookup("").empty());
    EXPECT_TRUE(g().lookup(" ,.;-'’ ").empty());
}

TEST_F(DefaultGazetteer, ReportsWhyACandidateMatched) {
    EXPECT_EQ(g().lookup("Tripoli").front().kind, MatchKind::exact);
    EXPECT_EQ(g().lookup("Misurata").front().kind, MatchKind::alternate);
    EXPECT_EQ(g().lookup("Zwara").front().kind, MatchKind::transliteration);
    EXPECT_EQ(g().lookup("Libyan").front().kind, MatchKind::demonym);
}

TEST_F(DefaultGazetteer, FiltersByCountryClassAndBox) {
    LookupOptions o;
    o.feature_classes = "A";
    EXPECT_EQ(first("Benghazi", o).feature_class, 'A');
    LookupOptions box;
    box.bbox = BoundingBox{30, 30, 40, 40}; // around Lebanon
    EXPECT_EQ(first("Tripoli", box).country, "LB");
    LookupOptions nowhere;
    nowhere.countries = {"JP"};
    EXPECT_TRUE(g().lookup("Benghazi", nowhere).empty());
}

TEST_F(DefaultGazetteer, SameSkeletonDifferentTownsStayApart) {
    // Zliten and Zaltan share a consonant skeleton; the exact spelling must decide.
    EXPECT_NEAR(first("Zliten").position.lon, 14.57, 0.1);
    EXPECT_NEAR(first("Zaltan").position.lon, 11.87, 0.1);
}

TEST_F(DefaultGazetteer, FuzzyMatchFindsAOneLetterTypo) {
    const auto c = g().lookup("Ajdabyia");
    ASSERT_FALSE(c.empty());
    EXPECT_EQ(g().place(c.front().place).country, "LY");
}

TEST_F(DefaultGazetteer, HasCuratedSitesAndContinents) {
    EXPECT_EQ(first("Tripoli Zoo").feature_class, 'S');
    EXPECT_EQ(first("Africa").feature_code, "CONT");
    EXPECT_EQ(first("Tunisian").country, "TN");
}

TEST(Gazetteer, MissingFileIsAnInputErrorNamingIt) {
    try {
        Gazetteer::open("/nonexistent/gazetteer.sqlite");
        FAIL() << "no exception";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/gazetteer.sqlite"), std::string::npos);
    }
}

TEST(Gazetteer, AFileThatIsNoGazetteerIsAnInputErrorNamingIt) {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("kharita-not-a-gazetteer-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto text = dir / "notes.sqlite";
    std::ofstream(text) << "not a database at all\n";
    const auto empty = dir / "empty.sqlite";
    detail::Database::open(empty, detail::OpenMode::create).exec("CREATE TABLE t (x)");
    for (const auto& file : {text, empty}) {
        try {
            Gazetteer::open(file);
            ADD_FAILURE() << "opened " << file;
        } catch (const InputError& e) {
            EXPECT_EQ(e.source(), file.string());
            EXPECT_NE(std::string(e.what()).find("not a Kharita gazetteer"), std::string::npos)
                << e.what();
        }
    }
    std::filesystem::remove_all(dir);
}

TEST_F(DefaultGazetteer, UnknownRegionIsAnInputErrorNamingTheRegionNotAFlag) {
    for (const char* text : {"Qwertyland", "  "}) {
        try {
            resolve_region(g(), text);
            ADD_FAILURE() << "resolved " << text;
        } catch (const InputError& e) {
            EXPECT_EQ(e.source(), "region") << e.what();
            EXPECT_EQ(std::string(e.what()).find("--"), std::string::npos) << e.what();
        }
    }
}

TEST_F(DefaultGazetteer, RegionCodesInEitherFormAndAnyCase) {
    for (const char* text : {"LY-TB", "ly-tb", "LY.77", " ly.77 ", "Tripoli district"}) {
        const RegionCode r = resolve_region(g(), text);
        EXPECT_EQ(r.country, "LY") << text;
        EXPECT_EQ(r.admin1_code, "77") << text;
    }
    const RegionCode country = resolve_region(g(), "tn");
    EXPECT_EQ(country.country, "TN");
    EXPECT_TRUE(country.admin1_code.empty());
}
