// Geoparser behaviour on short texts written for these tests, against the default
// gazetteer. Each case names the mechanism it checks; none is keyed to a corpus sentence.

#include "support/default_gazetteer.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace kharita;

namespace {

class GeoparserTest : public ::testing::Test {
protected:
    static std::vector<Toponym> parse(std::string_view text, const ParseContext& c = {}) {
        return kharita::testing::default_parser().parse(text, c);
    }
    static const Toponym* find(const std::vector<Toponym>& ts, std::string_view surface) {
        for (const Toponym& t : ts) {
            if (t.text == surface)
                return &t;
        }
        return nullptr;
    }
};

} // namespace

TEST_F(GeoparserTest, EmptyTextGivesNothing) {
    EXPECT_TRUE(parse("").empty());
    EXPECT_TRUE(parse("   \n\t ").empty());
}

TEST_F(GeoparserTest, TextWithoutPlacesGivesNothing) {
    EXPECT_TRUE(
        parse("The committee said it would meet again next week to review the budget.").empty());
}

TEST_F(GeoparserTest, FindsSpansInCodePoints) {
    const std::string text = "Clashes erupted in Zāwiya and near Tripoli on Friday.";
    const auto ts = parse(text);
    const Toponym* z = find(ts, "Zāwiya");
    ASSERT_NE(z, nullptr);
    EXPECT_EQ(z->cp_start, 19u);
    EXPECT_EQ(z->cp_end, 25u); // ā is one code point, two bytes
    EXPECT_EQ(z->end - z->start, 7u);
    EXPECT_EQ(z->country, "LY");
    ASSERT_NE(find(ts, "Tripoli"), nullptr);
    EXPECT_EQ(find(ts, "Tripoli")->country, "LY");
}

TEST_F(GeoparserTest, TripoliFollowsTheDocumentsCountry) {
    const auto libya = parse("Militias fought in Tripoli, the Libyan capital, while talks went on "
                             "in Misrata.");
    ASSERT_NE(find(libya, "Tripoli"), nullptr);
    EXPECT_EQ(find(libya, "Tripoli")->country, "LY");
    const auto lebanon = parse("Protesters gathered in Tripoli, in northern Lebanon, before "
                               "marching towards Beirut and Byblos.");
    ASSERT_NE(find(lebanon, "Tripoli"), nullptr);
    EXPECT_EQ(find(lebanon, "Tripoli")->country, "LB");
}

TEST_F(GeoparserTest, ResolvesTransliterationVariantsInALibyanList) {
    const auto ts = parse("Councils from Zwara, Regdaleen, Sorman and Yefren met in Libya.");
    for (const char* name : {"Zwara", "Regdaleen", "Sorman", "Yefren"}) {
        const Toponym* t = find(ts, name);
        ASSERT_NE(t, nullptr) << name;
        EXPECT_EQ(t->country, "LY") << name;
    }
}

TEST_F(GeoparserTest, OrdinaryWordsAndPersonsAreNotPlaces) {
    const auto ts = parse("In May the United Nations Support Mission in Libya said its Council "
                          "would meet. President Vladimir Putin spoke to reporters.");
    EXPECT_EQ(find(ts, "May"), nullptr);
    EXPECT_EQ(find(ts, "Mission"), nullptr);
    EXPECT_EQ(find(ts, "Council"), nullptr);
    EXPECT_EQ(find(ts, "Vladimir"), nullptr);
    EXPECT_NE(find(ts, "Libya"), nullptr);
}

TEST_F(GeoparserTest, DemonymsAndRegionPhrases) {
    const auto ts = parse("Tunisian officials visited southern Libya and the Libyan-Tunisian "
                          "border.");
    const Toponym* demonym = find(ts, "Tunisian");
    ASSERT_NE(demonym, nullptr);
    EXPECT_EQ(demonym->kind, ToponymKind::demonym);
    EXPECT_EQ(demonym->country, "TN");
    const Toponym* south = find(ts, "southern Libya");
    ASSERT_NE(south, nullptr);
    EXPECT_EQ(south->kind, ToponymKind::region);
    EXPECT_LT(south->position.lat, 28.0); // south of the country's point
    const Toponym* border = find(ts, "Libyan-Tunisian border");
    ASSERT_NE(border, nullptr);
    EXPECT_EQ(border->precision, GeoPrecision::region);
    EXPECT_NEAR(border->position.lon, 11.0, 2.0); // between the two countries' west and east
}

TEST_F(GeoparserTest, ContainmentPicksTheDistrictInsideTheCity) {
    const auto ts = parse("Bodies were found in the Abu Salim district of Tripoli.");
    const Toponym* t = find(ts, "Abu Salim");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->precision, GeoPrecision::district);
    EXPECT_LT(distance_km(t->position, {32.85, 13.17}), 10.0);
}

TEST_F(GeoparserTest, BrokenUtf8IsASeparatorNotACrash) {
    const auto ts = parse("Fighting in Beng\xff\xfe"
                          "hazi and in Misrata\xc3.");
    EXPECT_NE(find(ts, "Misrata"), nullptr);
}

TEST_F(GeoparserTest, ArabicScriptPlaceNames) {
    const auto ts = parse("اشتباكات في طرابلس والزاوية");
    bool tripoli = false;
    for (const Toponym& t : ts)
        tripoli = tripoli || (t.geonameid == 2210247);
    EXPECT_TRUE(tripoli);
}

TEST_F(GeoparserTest, HugeSingleLineIsHandledInLinearTime) {
    std::string text;
    text.reserve(50u << 20);
    const std::string chunk = "the talks in Benghazi went on without result and ";
    while (text.size() < (50u << 20))
        text += chunk;
    const auto started = std::chrono::steady_clock::now();
    const auto ts = parse(text);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_EQ(ts.size(), (50u << 20) / chunk.size() + 1);
    // Not a timing test: a generous bound that only a quadratic algorithm would break.
    EXPECT_LT(seconds, 300.0);
}

TEST_F(GeoparserTest, ResolveGivenSpansKeepsEverySpan) {
    const std::string text = "From Benghazi to Nowhereville.";
    const auto ts = kharita::testing::default_parser().resolve(text, {{5, 13}, {17, 29}});
    ASSERT_EQ(ts.size(), 2u);
    EXPECT_EQ(ts[0].country, "LY");
    EXPECT_FALSE(ts[1].place.has_value());
}

TEST_F(GeoparserTest, DiagonalAndCentralPhrasesUseTheAdminCentroid) {
    const auto ts = parse("Fighting spread across north-eastern Libya and central Libya.");
    const Toponym* ne = find(ts, "north-eastern Libya");
    ASSERT_NE(ne, nullptr);
    EXPECT_EQ(ne->kind, ToponymKind::region);
    EXPECT_FALSE(ne->place.has_value()); // a part of the country, not a gazetteer place
    EXPECT_GT(ne->position.lat, 28.0);   // north and east of the country's point (28, 17)
    EXPECT_GT(ne->position.lon, 17.0);
    EXPECT_NE(ne->why.find("direction within Libya"), std::string::npos) << ne->why;
    const Toponym* central = find(ts, "central Libya");
    ASSERT_NE(central, nullptr);
    EXPECT_EQ(central->precision, GeoPrecision::region);
    // the middle of the land around the country's point, not of the coast where its admin-1
    // points crowd
    EXPECT_LT(central->position.lat, 30.0);
    EXPECT_GT(central->position.lon, 15.0);
    const Toponym* se = find(parse("Raids hit south-eastern Libya."), "south-eastern Libya");
    ASSERT_NE(se, nullptr);
    EXPECT_LT(se->position.lat, 28.0);
    EXPECT_GT(se->position.lon, 17.0);
}

TEST_F(GeoparserTest, CompassPhraseIsTheCountrysNamedRegionThatWay) {
    const auto ts = parse("Aid convoys reached western Libya.");
    const Toponym* west = find(ts, "western Libya");
    ASSERT_NE(west, nullptr);
    ASSERT_TRUE(west->place.has_value());
    EXPECT_NE(west->why.find("region of Libya"), std::string::npos) << west->why;
    EXPECT_LT(west->position.lon, 17.0);
}

TEST_F(GeoparserTest, AUnitNamedLikeItsTownIsTheTown) {
    // Surt district holds Bin Jawad, but so does the town of Sirte's surroundings: the name
    // is the town's
    const auto ts = parse("Forces pushed into Sirte this week. East of Sirte, the guard drove "
                          "the militants out of Bin Jawad at the end of May.");
    const Toponym* sirte = find(ts, "Sirte");
    ASSERT_NE(sirte, nullptr);
    EXPECT_EQ(sirte->precision, GeoPrecision::town) << sirte->name;
    // a unit word still asks for the unit
    const Toponym* district = find(parse("Flooding hit the Sirte district."), "Sirte district");
    ASSERT_NE(district, nullptr);
    EXPECT_EQ(district->precision, GeoPrecision::region) << district->name;
}

TEST_F(GeoparserTest, ACountryAfterATownOfItsOwnIsTheCountry) {
    // "Town, Country" is the town's country, not a list of two towns (a country's name may
    // mean its capital, and a list lends its towns closeness)
    const Toponym* tunisia =
        find(parse("Ministers met in Hammamet, Tunisia, on Monday."), "Tunisia");
    ASSERT_NE(tunisia, nullptr);
    EXPECT_EQ(tunisia->precision, GeoPrecision::country) << tunisia->name;
}

TEST_F(GeoparserTest, AVariantInAnArabicCountryTheTextNeverNamesIsNoReading) {
    // "Alshab" spells Sahab (Jordan) with its article glued on, "Elramla" Ramallah: in a
    // text on Libya that names neither country, no reading of them
    const auto ts = parse("A boat went down off Tripoli in Libya on Thursday, near the Alshab "
                          "port, and another near Elramla.");
    EXPECT_EQ(find(ts, "Alshab"), nullptr);
    EXPECT_EQ(find(ts, "Elramla"), nullptr);
    ASSERT_NE(find(ts, "Tripoli"), nullptr);
    EXPECT_EQ(find(ts, "Tripoli")->country, "LY");
}

TEST_F(GeoparserTest, AHallNamedAfterAPlaceIsNoPlace) {
    const auto ts = parse("In Sirte the militants fell back around the Ouagadougou conference "
                          "hall and the Benghazi Hall of the old fair.");
    EXPECT_EQ(find(ts, "Ouagadougou"), nullptr);
    EXPECT_EQ(find(ts, "Benghazi"), nullptr);
    EXPECT_NE(find(ts, "Sirte"), nullptr);
}

TEST_F(GeoparserTest, WhyListsTheTermsThatDecided) {
    const auto ts = parse("Bodies were found in the Abu Salim district of Tripoli.");
    const Toponym* t = find(ts, "Abu Salim");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->why.rfind("exact = lookup ", 0), 0u) << t->why;
    EXPECT_NE(t->why.find(" + contained 0.30"), std::string::npos) << t->why;
    EXPECT_GT(t->confidence, 0.0);
    EXPECT_LE(t->confidence, 1.0);
}

TEST_F(GeoparserTest, WordsInCapitalsResolveAsTheWordsTheyAre) {
    // A heading in capitals, then datelines: the names are words, not airport codes.
    const auto ts = parse("SECURITY BULLETIN - LIBYA\nDate: 2019-07-03\n\n"
                          "ZUWARA, 1 July - Boats left the port at night.\n\n"
                          "SIRTE, 2 July - Fighting resumed near the port.");
    const Toponym* libya = find(ts, "LIBYA");
    ASSERT_NE(libya, nullptr);
    EXPECT_EQ(libya->country, "LY");
    EXPECT_EQ(libya->feature.rfind("A.PCL", 0), 0u) << libya->feature; // the country
    const Toponym* zuwara = find(ts, "ZUWARA");
    ASSERT_NE(zuwara, nullptr);
    EXPECT_EQ(zuwara->geonameid, 2208425);
    const Toponym* sirte = find(ts, "SIRTE"); // five letters: code-sized before the fix
    ASSERT_NE(sirte, nullptr);
    EXPECT_EQ(sirte->country, "LY");
}

TEST_F(GeoparserTest, CodesResolveWhereTheyLookLikeCodes) {
    const auto ts = parse("Envoys of the UAE and the UK met officials of the US in Tripoli.");
    for (const auto& [code, country] : {std::pair{"UAE", "AE"}, {"UK", "GB"}, {"US", "US"}}) {
        const Toponym* t = find(ts, code);
        ASSERT_NE(t, nullptr) << code;
        EXPECT_EQ(t->country, country) << code;
    }
}

TEST_F(GeoparserTest, ACodeMatchesLetterForLetterNotBySkeleton) {
    // "GAZA" in running text is code-sized: it may name no place, but never one whose code
    // merely shares its consonants (Zarqa, Jordan), nor may "THE" name an airport.
    const auto ts = parse("Aid reached GAZA and THE convoy went on to Tripoli.");
    const Toponym* gaza = find(ts, "GAZA");
    if (gaza != nullptr) {
        EXPECT_EQ(gaza->country, "PS");
    }
    EXPECT_EQ(find(ts, "THE"), nullptr);
}
