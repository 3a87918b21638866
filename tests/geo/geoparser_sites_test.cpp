// Facilities of the supplement (oil terminals and fields, air bases, airports, crossings,
// prisons) in short texts written for these tests, against the default gazetteer: a name with
// its kind words is the site, a bare town's name stays the town.

#include "support/default_gazetteer.hpp"

#include "kharita/geo/land_mask.hpp"

#include <gtest/gtest.h>

using namespace kharita;

namespace {

std::vector<Toponym> parse(std::string_view text) {
    return kharita::testing::default_parser().parse(text, {});
}

const Toponym* find(const std::vector<Toponym>& ts, std::string_view surface) {
    for (const Toponym& t : ts) {
        if (t.text == surface)
            return &t;
    }
    return nullptr;
}

/// The toponym of `surface` is a site of that feature in Libya.
void expect_site(const std::vector<Toponym>& ts, std::string_view surface,
                 std::string_view feature) {
    const Toponym* t = find(ts, surface);
    ASSERT_NE(t, nullptr) << surface;
    EXPECT_EQ(t->feature, feature) << surface;
    EXPECT_EQ(t->country, "LY") << surface;
    EXPECT_EQ(t->precision, GeoPrecision::site) << surface;
}

} // namespace

TEST(GeoparserSites, AFacilityWithItsKindWordsIsTheSite) {
    const auto ts = parse("Fighting closed the Es Sider oil terminal. Guards shut the Sharara "
                          "oilfield and the El Feel field. A drone struck al-Watiya air base.");
    // the span is the name as written (from its capitalised word, as for any "al-" name);
    // the kind word after it stays outside, a cue for the event's place
    expect_site(ts, "Es Sider", "S.TRMO");
    expect_site(ts, "Sharara", "L.OILF");
    expect_site(ts, "El Feel", "L.OILF");
    expect_site(ts, "Watiya", "S.AIRB");
}

TEST(GeoparserSites, FullNamesAndCrossingsAreSites) {
    const auto ts = parse("Flights at Mitiga International Airport resumed while the Ras Jedir "
                          "crossing with Tunisia stayed shut and detainees left Abu Salim prison.");
    expect_site(ts, "Mitiga International Airport", "S.AIRP");
    expect_site(ts, "Ras Jedir", "S.PSTB");
    expect_site(ts, "Abu Salim", "S.PRN");
}

TEST(GeoparserSites, ABareTownNameStaysTheTown) {
    // Brega is a town with a terminal: the bare name is the town, with its kind word the
    // terminal
    const auto ts = parse("Residents of Brega said tankers loaded at the Brega terminal.");
    ASSERT_EQ(ts.size(), 2u);
    EXPECT_EQ(ts[0].text, "Brega");
    EXPECT_EQ(ts[0].feature.front(), 'P');
    EXPECT_EQ(ts[0].precision, GeoPrecision::town);
    EXPECT_EQ(ts[1].text, "Brega");
    EXPECT_EQ(ts[1].feature, "S.TRMO");
    EXPECT_EQ(ts[1].precision, GeoPrecision::site);
}

TEST(GeoparserSites, KindWordsOfNoSiteLeaveTheName) {
    // no site is named "Misrata field": the town keeps the mention and its span
    const auto ts = parse("Farmers near Misrata field workers said the harvest was late.");
    const Toponym* town = find(ts, "Misrata");
    ASSERT_NE(town, nullptr);
    EXPECT_EQ(town->feature.front(), 'P');
}

TEST(GeoparserSites, ATownsOwnNameIsNoCountryBySpellingVariant) {
    // "Benina" is a place's name as written (a village in Algeria, Benghazi's airport): a
    // skeleton away from Benin does not make it the country
    const auto ts = parse("Officials met in Benina on Sunday.");
    const Toponym* b = find(ts, "Benina");
    if (b != nullptr) {
        EXPECT_NE(b->country, "BJ");
        EXPECT_NE(b->feature, "A.PCLI");
    }
}

TEST(GeoparserSites, LibyanNamesInALibyaTextStayInLibya) {
    // were read as Benin and as Al Kharjah in Egypt (spelling variants abroad, no support)
    const auto ts = parse("Flights at Benina were halted in Libya. Tankers loaded at Hariga and "
                          "Zueitina.");
    for (const char* name : {"Benina", "Hariga"}) {
        const Toponym* t = find(ts, name);
        ASSERT_NE(t, nullptr) << name;
        EXPECT_EQ(t->country, "LY") << name;
    }
}

TEST(GeoparserSites, ATownThatNamesItsDistrictIsItsTownNotMinor) {
    // "Kufra" names the oasis town (GeoNames' Al Jawf, a PPL) and the Al Kufrah district
    // around it: the town, kept without a locative cue like any district seat
    const auto ts = parse("Clashes hit Kufra, near the borders with Chad and Sudan.");
    const Toponym* k = find(ts, "Kufra");
    ASSERT_NE(k, nullptr);
    EXPECT_EQ(k->country, "LY");
    EXPECT_EQ(k->feature.front(), 'P');
}

TEST(GeoparserSites, APlaceOffACoastNamesTheWatersOffIt) {
    if (LandMask::builtin().empty())
        GTEST_SKIP() << "no land polygons at " << default_land_path();
    const auto ts = parse("A boat sank off the Libyan coast on Tuesday. Another capsized off "
                          "Zuwara and a third went down 100 nautical miles south of Lampedusa.");
    const Toponym* libyan = find(ts, "Libyan");
    const Toponym* zuwara = find(ts, "Zuwara");
    const Toponym* lampedusa = find(ts, "Lampedusa");
    ASSERT_TRUE(libyan && zuwara && lampedusa);
    for (const Toponym* t : {libyan, zuwara, lampedusa}) {
        ASSERT_TRUE(t->at_sea.has_value()) << t->text;
        EXPECT_FALSE(LandMask::builtin().on_land(t->at_sea->position)) << t->text;
        // the toponym still names the place: a geoparser's answer is the place named
        EXPECT_TRUE(LandMask::builtin().on_land(t->position) || t->text == "Lampedusa") << t->text;
        const Toponym site = event_site(*t);
        EXPECT_EQ(site.feature, "H.SEA");
        EXPECT_FALSE(site.place.has_value());
    }
    EXPECT_EQ(libyan->at_sea->precision, GeoPrecision::region);
    EXPECT_EQ(zuwara->at_sea->precision, GeoPrecision::town);
    EXPECT_LT(distance_km(zuwara->position, zuwara->at_sea->position), 40.0);
    EXPECT_NEAR(distance_km(lampedusa->position, lampedusa->at_sea->position), 185.2, 1.0);
    EXPECT_LT(lampedusa->at_sea->position.lat, lampedusa->position.lat);
    EXPECT_EQ(lampedusa->at_sea->name, "south of Lampedusa");
}

TEST(GeoparserSites, ADirectionOverLandOrAParticleOffIsNoSea) {
    const auto ts = parse("Clashes broke out 30 km west of Tripoli and south of Misrata. Police "
                          "sealed off Zawiya.");
    for (std::string_view name : {"Tripoli", "Misrata", "Zawiya"}) {
        const Toponym* t = find(ts, name);
        ASSERT_NE(t, nullptr) << name;
        EXPECT_FALSE(t->at_sea.has_value()) << name;
    }
}
