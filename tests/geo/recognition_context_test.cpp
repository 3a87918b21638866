// The recogniser's context model on short texts written for these tests: person contexts,
// organisations, "Town, ST" pairs, names with a unit word, and a local story's focus; and
// the long inputs of issue 15 (a list of 10,000 names, a run of 10,000 capitalised words, a
// 1 MB line). No sentence is taken from an evaluation corpus.

#include "support/default_gazetteer.hpp"

#include "geo/person_names.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace kharita;

namespace {

class RecognitionContextTest : public ::testing::Test {
protected:
    static std::vector<Toponym> parse(std::string_view text) {
        return kharita::testing::default_parser().parse(text);
    }
    /// The toponym whose text is `surface`, the `nth` one (from 0) if it recurs.
    static const Toponym* find(const std::vector<Toponym>& ts, std::string_view surface,
                               std::size_t nth = 0) {
        for (const Toponym& t : ts) {
            if (t.text == surface && nth-- == 0)
                return &t;
        }
        return nullptr;
    }
    /// True when `normalized` is a name of a US state in the gazetteer.
    static bool names_a_state(std::string_view normalized) {
        const Gazetteer& g = kharita::testing::default_gazetteer();
        LookupOptions o;
        o.fuzzy = false;
        o.transliteration = false;
        for (const Candidate& c : g.lookup_normalized(normalized, o)) {
            const Place& p = g.place(c.place);
            if (p.country == "US" && p.feature_code == "ADM1")
                return true;
        }
        return false;
    }
    static bool gazetteer_has(std::string_view normalized) {
        return kharita::testing::default_gazetteer().has_name(normalized);
    }
};

} // namespace

TEST(GivenNames, TheEmbeddedListKnowsCommonNamesAndNoPlaces) {
    EXPECT_TRUE(detail::is_given_name("madison"));
    EXPECT_TRUE(detail::is_given_name("patrick"));
    EXPECT_TRUE(detail::is_given_name("mary"));
    EXPECT_FALSE(detail::is_given_name("tripoli"));
    EXPECT_FALSE(detail::is_given_name("kentucky"));
    EXPECT_FALSE(detail::is_given_name(""));
}

TEST(GivenNames, TheWiderListKnowsArabicNames) {
    EXPECT_TRUE(detail::is_intl_given_name("mustafa"));
    EXPECT_TRUE(detail::is_intl_given_name("mustapha"));
    EXPECT_TRUE(detail::is_intl_given_name("fayez"));
    EXPECT_TRUE(detail::is_intl_given_name("khalifa"));
    EXPECT_TRUE(detail::is_intl_given_name("abdelhamid"));
    EXPECT_FALSE(detail::is_intl_given_name("tripoli"));
    EXPECT_FALSE(detail::is_intl_given_name("benghazi"));
    EXPECT_FALSE(detail::is_intl_given_name("madison")); // the English list's
    EXPECT_FALSE(detail::is_intl_given_name("time"));    // an ordinary word
}

// --- person contexts ---

TEST_F(RecognitionContextTest, AGivenNameMakesTheNextWordASurname) {
    const auto ts = parse("James Madison was the fourth president. Mary Anderson spoke.");
    EXPECT_EQ(find(ts, "Madison"), nullptr);
    EXPECT_EQ(find(ts, "James"), nullptr);
    EXPECT_EQ(find(ts, "Anderson"), nullptr);
    EXPECT_EQ(find(ts, "Mary"), nullptr);
}

TEST_F(RecognitionContextTest, ArabicGivenNamesMakePersonsNotPlaces) {
    const auto ts = parse("Mustafa Abdul Jalil spoke in Benghazi. Fayez al-Sarraj met Khalifa "
                          "Haftar in Abu Dhabi.");
    for (const char* word :
         {"Mustafa", "Abdul", "Jalil", "Fayez", "Sarraj", "al-Sarraj", "Khalifa", "Haftar"})
        EXPECT_EQ(find(ts, word), nullptr) << word;
    const Toponym* benghazi = find(ts, "Benghazi");
    ASSERT_NE(benghazi, nullptr);
    EXPECT_EQ(benghazi->country, "LY");
    const Toponym* abu_dhabi = find(ts, "Abu Dhabi");
    ASSERT_NE(abu_dhabi, nullptr);
    EXPECT_EQ(abu_dhabi->country, "AE");
    const auto jalil = parse("Mustafa Abdul Jalil, who quit as justice minister, spoke.");
    EXPECT_EQ(find(jalil, "Mustafa"), nullptr);
    // a surname is no title, and a given name the gazetteer has only with its article (a
    // large district of Cairo, El-Khalifah) is a given name before it, in a Libyan context too
    const auto unit = parse("A unit of Khalifa Haftar's Libyan National Army went to the farm.");
    EXPECT_EQ(find(unit, "Khalifa"), nullptr);
    EXPECT_NE(find(unit, "Libyan"), nullptr);
}

TEST_F(RecognitionContextTest, AGivenNameThatIsAPlacesNameStaysThePlace) {
    // "Derna" and "Sabha" are given names in the wider list and Libyan towns: before a
    // capitalised word that is no surname they stay the towns
    const auto ts = parse("The Derna Mujahideen Shura Council withdrew. Fighters of the Sabha "
                          "Martyrs Brigade clashed with gunmen.");
    const Toponym* derna = find(ts, "Derna");
    ASSERT_NE(derna, nullptr);
    EXPECT_EQ(derna->country, "LY");
    const Toponym* sabha = find(ts, "Sabha");
    ASSERT_NE(sabha, nullptr);
    EXPECT_EQ(sabha->country, "LY");
}

TEST_F(RecognitionContextTest, AStatesOrACitysNameAsAGivenName) {
    const auto ts = parse("Virginia Bennett and Charlotte Bennett ran the shelter.");
    EXPECT_EQ(find(ts, "Virginia"), nullptr);
    EXPECT_EQ(find(ts, "Charlotte"), nullptr);
    // a plural common word after a city's name makes a team, not a person
    EXPECT_NE(find(parse("Fans of the Dallas Mavericks cheered."), "Dallas"), nullptr);
}

TEST_F(RecognitionContextTest, TheSameWordAfterALocativeCueIsAPlace) {
    const auto ts = parse("Lawmakers met in Madison, Wisconsin, on Tuesday.");
    const Toponym* t = find(ts, "Madison");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->country, "US");
}

TEST_F(RecognitionContextTest, AnIslandASinkingBoatWasOffIsAPlace) {
    // "off" a coast or an island is where a boat sank: the small island is the place
    const auto ts = parse("A boat caught fire and sank off Lampedusa on Thursday.");
    const Toponym* t = find(ts, "Lampedusa");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->country, "IT");
}

TEST_F(RecognitionContextTest, TheTownOfAPlaceIsAPlace) {
    // "the town of", "the oil town of", "the island of": a minor place needs a place's
    // context in a text that names no country; the settlement noun before "of" gives it
    for (const std::string_view text :
         {"Fighting broke out in the town of Brega on Monday.",
          "Helicopters struck a radar site near the oil town of Brega overnight."}) {
        const Toponym* t = find(parse(text), "Brega");
        ASSERT_NE(t, nullptr) << text;
        EXPECT_EQ(t->country, "LY");
    }
    // without the noun, "of" alone is no such context
    EXPECT_EQ(find(parse("Helicopters struck a radar site of Brega overnight."), "Brega"), nullptr);
}

TEST_F(RecognitionContextTest, TheCueBeforeAnArticleAndTheSiteAfterANameArePlaceContexts) {
    // "near al-Abyar": the cue stands before the article joined to the name
    const auto abyar = parse("Fighting went on in Tripoli. Bodies were found near al-Abyar.");
    const Toponym* a = find(abyar, "Abyar");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a->country, "LY");
    // "the Salloum crossing": the kind of a site after the name, in a text naming Egypt
    const auto salloum = parse("At the Salloum crossing with Egypt, workers waited for days.");
    const Toponym* s = find(salloum, "Salloum");
    ASSERT_NE(s, nullptr);
    EXPECT_EQ(s->country, "EG");
}

TEST_F(RecognitionContextTest, AnArabicGenericAndANameSpelledOtherwiseIsTheNamedCountrysPlace) {
    // "Abu Grein" is the gazetteer's Abu Qurayn, a Libyan village; "Grein" alone is a town
    // in Austria, and names of that skeleton elsewhere are larger. A text that names Libyan
    // cities by their own names reads the pair as the Libyan village.
    const auto ts =
        parse("Gunmen took the village of Abu Grein, on the road from Sirte to Misrata, at dawn.");
    const Toponym* t = find(ts, "Abu Grein");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->country, "LY");
    EXPECT_EQ(find(ts, "Grein"), nullptr);
    // a text naming no country where Arabic is spoken gives the variant no reading
    EXPECT_EQ(find(parse("Gunmen took the village of Abu Grein at dawn."), "Abu Grein"), nullptr);
}

TEST_F(RecognitionContextTest, ADatelineIsTheTownNotTheCountryOfTheSameNameInAnotherLanguage) {
    // Tunisia is "Tunis" in Arabic (an alternate name); a report filed from Tunis about
    // Tunisia still names the capital in its dateline
    const auto ts = parse("TUNIS, May 10 (Wire) - Tunisian police used tear gas on Monday "
                          "against hundreds of traders in Ben Guerdane protesting at the "
                          "closure of the crossing with Libya, Tunisia's interior ministry "
                          "said.");
    const Toponym* t = find(ts, "TUNIS");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->feature, "P.PPLC");
}

TEST_F(RecognitionContextTest, ASurnameSeenOnceIsAPersonLaterOn) {
    const auto ts = parse("John Moore, a county official, counted the damage. Moore said the "
                          "river rose fast.");
    EXPECT_EQ(find(ts, "Moore"), nullptr);
}

TEST_F(RecognitionContextTest, AGivenNameAfterATitleInsideARunStartsTheName) {
    // "Foreign Secretary William Hague": the title's run holds the name; "Hague" later is him
    const auto ts = parse("Foreign Secretary William Hague flew into Benghazi on Saturday. "
                          "Hague, travelling with two aides, met the council.");
    EXPECT_EQ(find(ts, "Hague"), nullptr);
    EXPECT_NE(find(ts, "Benghazi"), nullptr);
}

TEST_F(RecognitionContextTest, EveryItemOfAListAfterACueIsAPlace) {
    // the surname of a person named before, as the last item of a list that "in" opens
    const auto ts = parse("Legislator Chester Albany spoke first. Floods hit homes in Troy, "
                          "Schenectady and Albany on Monday.");
    const Toponym* albany = find(ts, "Albany");
    ASSERT_NE(albany, nullptr);
    EXPECT_EQ(albany->country, "US");
}

TEST_F(RecognitionContextTest, VerbsOfSayingMakeAPerson) {
    EXPECT_EQ(find(parse("Lincoln said he would run again."), "Lincoln"), nullptr);
    EXPECT_EQ(find(parse("The plan will fail, according to Patrick."), "Patrick"), nullptr);
    EXPECT_EQ(find(parse("Corbin urged drivers to stay home."), "Corbin"), nullptr);
    // "the mayor of X said": X is the place the mayor governs
    EXPECT_NE(find(parse("The mayor of Misrata said the road was open."), "Misrata"), nullptr);
    // a country or a capital as the speaker is a metonym, still a place
    EXPECT_NE(find(parse("Officials said Russia said it would reply."), "Russia"), nullptr);
}

TEST_F(RecognitionContextTest, ATitleWithAPeriodIntroducesAName) {
    const auto ts = parse("Mr. Nelson spoke to reporters. Sen. Henderson did not.");
    EXPECT_EQ(find(ts, "Nelson"), nullptr);
    EXPECT_EQ(find(ts, "Henderson"), nullptr);
    EXPECT_EQ(find(ts, "Sen"), nullptr); // the title is no Senegal
}

TEST_F(RecognitionContextTest, ATownStatePairStaysAPlaceInAPersonsText) {
    const auto ts = parse("Lincoln said he would run. Voters in Lincoln, Nebraska, cheered.");
    const Toponym* first = find(ts, "Lincoln");
    ASSERT_NE(first, nullptr);
    EXPECT_GT(first->start, 0u); // the speaker is no place, the town of the pair is
    EXPECT_EQ(first->country, "US");
    EXPECT_EQ(first->admin1_code, "NE");
}

TEST_F(RecognitionContextTest, RejectedSpansCarryTheirReason) {
    std::vector<RejectedSpan> rejected;
    kharita::testing::default_parser().parse("James Madison spoke.", {}, &rejected);
    const RejectedSpan* madison = nullptr;
    for (const RejectedSpan& r : rejected)
        if (r.text == "Madison")
            madison = &r;
    ASSERT_NE(madison, nullptr);
    EXPECT_EQ(madison->start, 6u);
    EXPECT_EQ(madison->why.rfind("person", 0), 0u) << madison->why;
}

// --- organisations ---

TEST_F(RecognitionContextTest, OrganisationsAreNotPlaces) {
    const auto ts = parse("The Olympic Games will go on. The White House said aid was coming.");
    EXPECT_EQ(find(ts, "Olympic"), nullptr);
    EXPECT_EQ(find(ts, "White House"), nullptr);
}

TEST_F(RecognitionContextTest, AMinorPlaceAfterAnOrganisationWordAndOfIsPartOfItsName) {
    // Red Cross, North Carolina is no reading of the committee's name; a country stays
    const auto ts = parse("The offices of the International Committee of the Red Cross were "
                          "hit. The Central Bank of Libya said it would pay salaries.");
    EXPECT_EQ(find(ts, "Red Cross"), nullptr);
    EXPECT_NE(find(ts, "Libya"), nullptr);
}

TEST_F(RecognitionContextTest, ASquareOrAStreetNamedAfterAPlaceIsNotThePlace) {
    // Algeria Square is in Tripoli, Tripoli Street in Misrata; a square the gazetteer knows
    // by its whole name stays
    const auto ts = parse("Thousands rallied in Algeria Square on Friday. Shops on Tripoli "
                          "Street were closed. Crowds gathered in Martyrs Square.");
    EXPECT_EQ(find(ts, "Algeria"), nullptr);
    EXPECT_EQ(find(ts, "Tripoli"), nullptr);
    EXPECT_NE(find(ts, "Martyrs Square"), nullptr);
}

TEST_F(RecognitionContextTest, AStateInsideAnOrganisationNameStaysAToponym) {
    // GeoWebNews marks such places (Embedded_Non_Lit); the scorer counts them
    const auto ts = parse("He studied at the Kentucky University of the Arts.");
    EXPECT_NE(find(ts, "Kentucky"), nullptr);
}

TEST_F(RecognitionContextTest, NonPlaceReadingsForErrorAnalysis) {
    const Geoparser& p = kharita::testing::default_parser();
    const std::string text = "Mr. Nelson met the Democratic Party in May.";
    EXPECT_EQ(p.non_place_reading(text, 4, 10), "person");
    EXPECT_EQ(p.non_place_reading(text, 19, 29), "organisation");
    EXPECT_EQ(p.non_place_reading(text, 39, 42), "common word");
}

// --- Town, ST pairs ---

TEST_F(RecognitionContextTest, ATownStatePairResolvesTheTownInsideTheState) {
    const auto ts = parse("Flood waters reached Paris, Kentucky, on Tuesday.");
    const Toponym* paris = find(ts, "Paris");
    ASSERT_NE(paris, nullptr);
    EXPECT_EQ(paris->country, "US");
    EXPECT_EQ(paris->admin1_code, "KY");
    EXPECT_NE(paris->why.find("town, state pair"), std::string::npos) << paris->why;
}

TEST_F(RecognitionContextTest, APostalCodeCountsOnlyAfterTownComma) {
    const auto pair = parse("Crews worked in Corbin, KY, all night.");
    const Toponym* corbin = find(pair, "Corbin");
    ASSERT_NE(corbin, nullptr);
    EXPECT_EQ(corbin->admin1_code, "KY");
    // elsewhere a postal code is no state ("KY" may still be the Cayman Islands' code)
    const auto bare = parse("The KY team and the OR team met.");
    for (const char* code : {"KY", "OR"}) {
        const Toponym* t = find(bare, code);
        EXPECT_TRUE(t == nullptr || t->country != "US") << code;
    }
}

TEST_F(RecognitionContextTest, ANewsStyleAbbreviationAfterTownComma) {
    // "Ky." is a name of Kentucky once the gazetteer has the news-style abbreviations
    if (!names_a_state("ky"))
        GTEST_SKIP() << "the gazetteer has no state abbreviations";
    const auto ts = parse("Flood waters reached Paris, Ky., on Tuesday.");
    const Toponym* paris = find(ts, "Paris");
    ASSERT_NE(paris, nullptr);
    EXPECT_EQ(paris->admin1_code, "KY");
    EXPECT_NE(find(ts, "Ky."), nullptr);
}

// --- unit words ---

TEST_F(RecognitionContextTest, AUnitWordAfterTheNamePrefersTheUnit) {
    const auto ts = parse("Shelling continued in Idlib province overnight.");
    // the span takes in the unit word that chose the unit
    const Toponym* t = find(ts, "Idlib province");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->feature.rfind("A.", 0), 0u) << t->feature;
    EXPECT_NE(t->why.find(" + unit 0.30"), std::string::npos) << t->why;
    const auto town = parse("Shelling continued in Idlib overnight.");
    ASSERT_NE(find(town, "Idlib"), nullptr);
    EXPECT_EQ(find(town, "Idlib")->feature.rfind("P.", 0), 0u);
    // a capitalised unit word opening an organisation's name stays out of the span
    const auto body = parse("The Kentucky Department of Education said so.");
    EXPECT_EQ(find(body, "Kentucky Department"), nullptr);
}

TEST_F(RecognitionContextTest, ANameWithItsUnitWordIsOneSpan) {
    if (!gazetteer_has("laurel county"))
        GTEST_SKIP() << "the gazetteer has no US counties";
    const auto ts = parse("Storms hit Laurel County on Monday.");
    EXPECT_NE(find(ts, "Laurel County"), nullptr);
    EXPECT_EQ(find(ts, "Laurel"), nullptr);
}

// --- focus ---

TEST_F(RecognitionContextTest, TheStoriesStateDecidesBetweenNamesakes) {
    const auto ts = parse("Officials across Kentucky prepared for the storm. Roads near "
                          "Lexington closed, and crews from Paris cleared debris.");
    const Toponym* paris = find(ts, "Paris");
    ASSERT_NE(paris, nullptr);
    EXPECT_EQ(paris->country, "US");
    EXPECT_EQ(paris->admin1_code, "KY");
    const auto libya = parse("Militias clashed in Tripoli as Libya's government met.");
    ASSERT_NE(find(libya, "Tripoli"), nullptr);
    EXPECT_EQ(find(libya, "Tripoli")->country, "LY");
}

// --- long inputs: bounded output, no crash (speed is measured in bench/) ---

TEST_F(RecognitionContextTest, TenThousandCommaSeparatedNames) {
    std::string text;
    for (int i = 0; i < 10000; ++i)
        text += i % 2 == 0 ? "Paris, Kentucky, " : "Lincoln, ";
    const auto ts = parse(text);
    EXPECT_LE(ts.size(), 15000u); // at most one toponym per name
    EXPECT_GT(ts.size(), 1000u);
}

TEST_F(RecognitionContextTest, TenThousandCapitalisedWords) {
    std::string text;
    const char* words[] = {"James", "Madison", "Moore", "Nelson", "Party", "Paris", "Mr"};
    for (int i = 0; i < 10000; ++i) {
        text += words[i % 7];
        text += ' ';
    }
    const auto started = std::chrono::steady_clock::now();
    const auto ts = parse(text);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    EXPECT_LE(ts.size(), 10000u);
    EXPECT_LT(seconds, 60.0); // only a quadratic stage would come near
}

TEST_F(RecognitionContextTest, OneMegabyteLine) {
    std::string text;
    const std::string chunk = "Mr. Nelson said crews from Paris, Ky., and the Olympic Games "
                              "helped in Idlib province, according to Patrick. ";
    while (text.size() < (1u << 20))
        text += chunk;
    const auto ts = parse(text);
    EXPECT_LE(ts.size(), 4 * (text.size() / chunk.size() + 1));
}

// --- countries named like ordinary words ---

TEST_F(RecognitionContextTest, ACountryNamedLikeAWordIsTheCountryEvenInAUsStory) {
    // "china" and "turkey" are English words, and the US has towns called China; written
    // with a capital, the names are the countries, also at a sentence's start
    const auto ts = parse("Farmers in Paris, Kentucky, say tariffs on exports to China hurt. "
                          "China buys most of their soybeans. Turkey buys the rest.");
    const Toponym* china = find(ts, "China");
    ASSERT_NE(china, nullptr);
    EXPECT_EQ(china->country, "CN");
    EXPECT_EQ(china->precision, GeoPrecision::country);
    const Toponym* opening = find(ts, "China", 1);
    ASSERT_NE(opening, nullptr);
    EXPECT_EQ(opening->country, "CN");
    const Toponym* turkey = find(ts, "Turkey");
    ASSERT_NE(turkey, nullptr);
    EXPECT_EQ(turkey->country, "TR");
    // an ordinary word that names no country still needs a place's context
    EXPECT_EQ(find(parse("Reading is what the children liked best."), "Reading"), nullptr);
}

TEST_F(RecognitionContextTest, ACapitalIsNotMovedToANamesakeByTheCountryAStoryNames) {
    // a story that names the United States often still means Egypt's Cairo and Switzerland's
    // Geneva; a state named with the town, or the state's other places, still move it
    const auto ts = parse("The U.S. embassy said U.S. officials and the U.S. envoy met Libyan "
                          "leaders. Protesters in Cairo climbed the walls of the U.S. embassy, "
                          "and talks resumed in Geneva.");
    const Toponym* cairo = find(ts, "Cairo");
    ASSERT_NE(cairo, nullptr);
    EXPECT_EQ(cairo->country, "EG");
    const Toponym* geneva = find(ts, "Geneva");
    ASSERT_NE(geneva, nullptr);
    EXPECT_EQ(geneva->country, "CH");
    const auto local = parse("Storms hit Cairo, Ga., and Thomasville overnight.");
    const Toponym* town = find(local, "Cairo");
    ASSERT_NE(town, nullptr);
    EXPECT_EQ(town->country, "US");
}

// --- abbreviations, nationalities, codes and names before other words ---

TEST_F(RecognitionContextTest, ADottedStateAbbreviationStandsAlone) {
    const auto ts = parse("Voters in N.J. and S.C. went to the polls on Tuesday.");
    const Toponym* nj = find(ts, "N.J.");
    ASSERT_NE(nj, nullptr);
    EXPECT_EQ(nj->country, "US");
    EXPECT_EQ(nj->admin1_code, "NJ");
    EXPECT_NE(find(ts, "S.C."), nullptr);
    // a name the gazetteer writes with its comma is one span
    const Toponym* dc = find(parse("She flew to Washington, D.C., on Monday."), "Washington, D.C.");
    ASSERT_NE(dc, nullptr);
    EXPECT_EQ(dc->country, "US");
    // initials before a surname are a person's
    EXPECT_EQ(find(parse("The painter N.C. Wyeth lived there."), "N.C."), nullptr);
}

TEST_F(RecognitionContextTest, ANationalityThatIsAlsoAWordIsTheNationality) {
    const auto ts = parse("The French president met a Polish delegation on Monday.");
    const Toponym* french = find(ts, "French");
    ASSERT_NE(french, nullptr);
    EXPECT_EQ(french->kind, ToponymKind::demonym);
    EXPECT_EQ(french->country, "FR");
    EXPECT_NE(find(ts, "Polish"), nullptr);
}

TEST_F(RecognitionContextTest, ACountryBeforeAnotherCapitalisedWordIsNoGivenName) {
    EXPECT_NE(find(parse("Officials from Japan's Health Ministry visited."), "Japan"), nullptr);
    EXPECT_NE(find(parse("The claim came from Russia's Tass agency."), "Russia"), nullptr);
    EXPECT_NE(find(parse("The report was published by Ecowatch Canada last week."), "Canada"),
              nullptr);
    EXPECT_NE(find(parse("The delegation will arrive in Lagos April 4 for talks."), "Lagos"),
              nullptr);
    // a given name stays one before a surname
    EXPECT_EQ(find(parse("Lincoln Chafee ran for the nomination."), "Lincoln"), nullptr);
    // a minor place's name before a possessive and a word is still read as a name
    EXPECT_EQ(find(parse("An economist at Moody's Analytics said so."), "Moody"), nullptr);
}

TEST_F(RecognitionContextTest, AnAcronymIsNoTownAndAMixedCaseWordNoCode) {
    // "NAFTA" is also a town's name in capitals; "CHE" and "MAC" are country codes
    EXPECT_EQ(find(parse("Talks on NAFTA resumed in the spring."), "NAFTA"), nullptr);
    EXPECT_EQ(find(parse("Striker Che Adams was sent off."), "Che"), nullptr);
    EXPECT_EQ(find(parse("Open the Mac Finder and drag the file."), "Mac"), nullptr);
    // a country's code still reads as the country
    EXPECT_NE(find(parse("Exports from the UAE rose."), "UAE"), nullptr);
}

TEST_F(RecognitionContextTest, PartOfAHyphenatedNameIsNoPlace) {
    EXPECT_EQ(find(parse("The singer Tanesha Melbourne-Blake performed."), "Melbourne"), nullptr);
    // a place before a lower-case word, or a pair of places, stays
    EXPECT_NE(find(parse("Several Paris-based firms bid."), "Paris"), nullptr);
    EXPECT_NE(find(parse("The Cairo-Alexandria road was closed."), "Cairo"), nullptr);
}

TEST_F(RecognitionContextTest, APossessiveEndsAPersonsName) {
    // "Hill's" ends the run: "Dave" is a given name and "Allen" a surname here and later
    const auto ts = parse("Critics praised Mark Hill's Dave Allen film. The film showed "
                          "Allen's childhood.");
    EXPECT_EQ(find(ts, "Allen"), nullptr);
    // a cue before a possessive name, or before a given name and its surname, is no place's
    EXPECT_EQ(find(parse("Aides to John Kelly spoke. Trump balked at Kelly's attempts."), "Kelly"),
              nullptr);
    EXPECT_EQ(find(parse("Reporters waited at Elizabeth Moran's office."), "Elizabeth"), nullptr);
}

TEST_F(RecognitionContextTest, ANameSetOffAfterARoleNounIsAPersons) {
    const auto ts = parse("A police spokesman, Israel Ramirez, said two men were held.");
    EXPECT_EQ(find(ts, "Israel"), nullptr);
    // a place after a role noun and a comma, with no second name, stays a place
    EXPECT_NE(find(parse("He was a spokesman, Israel said."), "Israel"), nullptr);
}

TEST_F(RecognitionContextTest, ADatelinesStateCodeIsTheStateNotACountrysCode) {
    // "TN" is also Tunisia's code; after a town with a namesake in Tennessee it is the state
    const auto ts = parse("PARIS, TN — A grand jury indicted a former clerk.");
    const Toponym* tn = find(ts, "TN");
    ASSERT_NE(tn, nullptr);
    EXPECT_EQ(tn->country, "US");
    const Toponym* paris = find(ts, "PARIS");
    ASSERT_NE(paris, nullptr);
    EXPECT_EQ(paris->admin1_code, "TN");
    // an abbreviation the gazetteer knows without its period keeps the period in the span
    const auto tenn = parse("LEBANON, Tenn. — Commissioners approved the budget.");
    const Toponym* state = find(tenn, "Tenn.");
    ASSERT_NE(state, nullptr);
    EXPECT_EQ(state->country, "US");
}

TEST_F(RecognitionContextTest, APrefixWrittenShortJoinsTheName) {
    const auto ts = parse("Programs in Willmar and St. Cloud, and schools in Mt. Juliet, grew.");
    const Toponym* cloud = find(ts, "St. Cloud");
    ASSERT_NE(cloud, nullptr);
    EXPECT_EQ(cloud->country, "US");
    // the gazetteer has only "Mount Juliet": the prefix is written out to find it
    const Toponym* juliet = find(ts, "Mt. Juliet");
    ASSERT_NE(juliet, nullptr);
    EXPECT_EQ(juliet->admin1_code, "TN");
    // a dateline in capitals
    const Toponym* paul = find(parse("ST. PAUL, Minn. — The council met."), "ST. PAUL");
    ASSERT_NE(paul, nullptr);
    EXPECT_EQ(paul->admin1_code, "MN");
}

TEST_F(RecognitionContextTest, ADashBetweenSpacesEndsAName) {
    // "Idaho City" is a town; across " — " the words are two clauses
    const auto ts = parse("MOSCOW, Idaho — City leaders voted on Monday.");
    EXPECT_EQ(find(ts, "Idaho — City"), nullptr);
    EXPECT_NE(find(ts, "Idaho"), nullptr);
}

TEST_F(RecognitionContextTest, AnOrdinaryWordEndingALongerNameIsNoPlace) {
    // "Centre" (a department of Haiti) ending a facility's name
    EXPECT_EQ(find(parse("He was held at the Tianjin Detention Centre for weeks."), "Centre"),
              nullptr);
    // after a cue opening the sentence the word is still a place
    EXPECT_NE(
        find(parse("Storms hit Hattiesburg, Miss. In Petal, a church lost its roof."), "Petal"),
        nullptr);
}

TEST_F(RecognitionContextTest, ACountryInThePossessiveAfterThatIsTheCountry) {
    // "turkey" and "china" are words; "that" before them here is a conjunction
    EXPECT_NE(find(parse("A tribunal ruled in 2016 that China's claims had no basis."), "China"),
              nullptr);
}

TEST_F(RecognitionContextTest, ARegionsAdjectiveIsADemonym) {
    const Toponym* t =
        find(parse("The South Ossetian side said the men crossed."), "South Ossetian");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->kind, ToponymKind::demonym);
}
