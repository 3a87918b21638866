// The stages of split_articles() and html_to_text() (core/src/document/article_stages.hpp).

#include "document/article_stages.hpp"

#include "kharita/document/article.hpp"

#include <gtest/gtest.h>

namespace kharita {
namespace {

using detail::AgeUnit;
using detail::RelativeAge;

CivilDay day(int y, unsigned m, unsigned d) {
    return *CivilDay::make(y, m, d);
}

TEST(RelativeAgeTest, TheAgesAggregatorsPrint) {
    const auto age = [](std::string_view s) {
        const auto a = detail::relative_age(s);
        return a ? std::make_pair(a->count, a->unit) : std::make_pair(-1L, AgeUnit::days);
    };
    EXPECT_EQ(age("11 hours ago"), std::make_pair(11L, AgeUnit::hours));
    EXPECT_EQ(age("3 hrs ago"), std::make_pair(3L, AgeUnit::hours));
    EXPECT_EQ(age("45 min ago"), std::make_pair(45L, AgeUnit::minutes));
    EXPECT_EQ(age("2 days ago"), std::make_pair(2L, AgeUnit::days));
    EXPECT_EQ(age("3 weeks ago"), std::make_pair(21L, AgeUnit::days));
    EXPECT_EQ(age("5 months ago"), std::make_pair(5L, AgeUnit::months));
    EXPECT_EQ(age("1 year ago"), std::make_pair(12L, AgeUnit::months));
    EXPECT_EQ(age("Yesterday"), std::make_pair(1L, AgeUnit::days));
    EXPECT_EQ(age("just now"), std::make_pair(0L, AgeUnit::hours));
    // not an age line
    EXPECT_FALSE(detail::relative_age("11 hours"));
    EXPECT_FALSE(detail::relative_age("hours ago"));
    EXPECT_FALSE(detail::relative_age("12345 days ago"));
    EXPECT_FALSE(detail::relative_age("2 fortnights ago"));
    EXPECT_FALSE(detail::relative_age(""));
}

TEST(RelativeAgeTest, CountedBackFromTheRetrievalTime) {
    const LocalTime noon{day(2025, 6, 14), 12 * 60};
    const LocalTime no_time{day(2025, 6, 14), -1};
    EXPECT_EQ(detail::day_of_age({2, AgeUnit::days}, noon), day(2025, 6, 12));
    EXPECT_EQ(detail::day_of_age({1, AgeUnit::months}, noon), day(2025, 5, 14));
    EXPECT_EQ(detail::day_of_age({11, AgeUnit::hours}, noon), day(2025, 6, 14));
    EXPECT_EQ(detail::day_of_age({13, AgeUnit::hours}, noon), day(2025, 6, 13));
    EXPECT_EQ(detail::day_of_age({37, AgeUnit::hours}, noon), day(2025, 6, 12));
    EXPECT_EQ(detail::day_of_age({600, AgeUnit::minutes}, noon), day(2025, 6, 14));
    // without a time of day, hours count from the middle of the day
    EXPECT_EQ(detail::day_of_age({11, AgeUnit::hours}, no_time), day(2025, 6, 14));
    EXPECT_EQ(detail::day_of_age({12, AgeUnit::hours}, no_time), day(2025, 6, 13));
    EXPECT_EQ(detail::day_of_age({36, AgeUnit::hours}, no_time), day(2025, 6, 12));
}

TEST(StatedPublicationDayTest, DatelinesHeaderFieldsAndPlaceAndDateLines) {
    const auto dateline = detail::stated_publication_day(
        "TRIPOLI, 14 May 2025 - Heavy clashes broke out in the capital on Monday night.");
    ASSERT_TRUE(dateline);
    EXPECT_EQ(dateline->day, day(2025, 5, 14));
    EXPECT_EQ(dateline->how, "dateline");
    const auto header = detail::stated_publication_day("Date: 2019-07-03");
    ASSERT_TRUE(header);
    EXPECT_EQ(header->day, day(2019, 7, 3));
    EXPECT_EQ(header->how, "date header line");
    const auto short_line = detail::stated_publication_day("Tripoli, 27 August 2022");
    ASSERT_TRUE(short_line);
    EXPECT_EQ(short_line->day, day(2022, 8, 27));
    EXPECT_EQ(short_line->how, "dateline");
}

TEST(StatedPublicationDayTest, NumericDatesReadDayFirstWhenBothCould) {
    EXPECT_EQ(detail::stated_publication_day("Date: 04/08/2014")->day, day(2014, 8, 4));
    EXPECT_EQ(detail::stated_publication_day("Tripoli, 27/08/2022")->day, day(2022, 8, 27));
    EXPECT_EQ(detail::stated_publication_day("Date: 08/27/2022")->day, day(2022, 8, 27));
}

TEST(StatedPublicationDayTest, SentencesAndVagueDatesStateNone) {
    EXPECT_FALSE(detail::stated_publication_day(
        "Talks were held in Tunis on 14 May 2025 between the two delegations."));
    EXPECT_FALSE(detail::stated_publication_day("TRIPOLI, May 2025 - Clashes broke out."));
    EXPECT_FALSE(detail::stated_publication_day("Tripoli, yesterday"));
    EXPECT_FALSE(detail::stated_publication_day(""));
}

TEST(HtmlStagesTest, CharacterReferences) {
    EXPECT_EQ(detail::decode_entity("amp"), "&");
    EXPECT_EQ(detail::decode_entity("nbsp"), " ");
    EXPECT_EQ(detail::decode_entity("#39"), "'");
    EXPECT_EQ(detail::decode_entity("#8217"), "\xE2\x80\x99");
    EXPECT_EQ(detail::decode_entity("#x2019"), "\xE2\x80\x99");
    EXPECT_EQ(detail::decode_entity("rsquo"), "\xE2\x80\x99");
    EXPECT_EQ(detail::decode_entity("eacute"), "\xC3\xA9");
    EXPECT_EQ(detail::decode_entity("bull"), "\xE2\x80\xA2");
    EXPECT_EQ(detail::decode_entity("middot"), "\xC2\xB7");
    EXPECT_EQ(detail::decode_entity("Ntilde"), "\xC3\x91");
    EXPECT_EQ(detail::decode_entity("bogus"), "");
    EXPECT_EQ(detail::decode_entity("#0"), "");
    EXPECT_EQ(detail::decode_entity("#x110000"), "");
    EXPECT_EQ(detail::decode_entity(""), "");
}

TEST(HtmlStagesTest, ElementsBecomeLineBreaksOrSpaces) {
    std::string out;
    const std::string_view p = "<P class=\"x\">text";
    EXPECT_EQ(detail::skip_element(p, 0, out), p.find("text"));
    EXPECT_EQ(out, "\n");
    out.clear();
    const std::string_view b = "</b> more";
    EXPECT_EQ(detail::skip_element(b, 0, out), 4U);
    EXPECT_EQ(out, " ");
    out.clear();
    const std::string_view script = "<script>if (a < b) x = '<p>';</script>after";
    EXPECT_EQ(detail::skip_element(script, 0, out), script.find("after"));
    EXPECT_EQ(out, " ");
    out.clear();
    EXPECT_EQ(detail::skip_element("<p never closes", 0, out), std::string_view::npos);
}

TEST(HtmlStagesTest, RunsOfSpacesCollapse) {
    EXPECT_EQ(detail::collapse_spaces("  a   b  \n   c  d   "), "a b\nc d");
    EXPECT_EQ(detail::collapse_spaces("\n \n x"), "\n\nx");
    EXPECT_EQ(detail::collapse_spaces(""), "");
}

TEST(HtmlStagesTest, HtmlToTextChainsThem) {
    EXPECT_EQ(
        html_to_text("<h1>Clashes &amp; talks</h1>\t<p>In  <b>Tripoli</b>&hellip;</p>"
                     "<p>An &unknown; entity & a bare ampersand"),
        "\nClashes & talks\n\nIn Tripoli \xE2\x80\xA6\n\nAn &unknown; entity & a bare ampersand");
}

TEST(SplitArticlesTest, TheLeadStatesItsDayAndListedArticlesCountBack) {
    const std::string page =
        "TRIPOLI, 14 May 2025 - Heavy clashes broke out in the capital on Monday night.\n"
        "Residents of several districts said the fighting lasted until the morning.\n"
        "Hashtags\n"
        "Libya Herald\n"
        "2 days ago\n"
        "- Libya Herald\n"
        "Talks resume in Geneva\n"
        "Delegations from both sides met again in Geneva to discuss the ceasefire terms.\n";
    const auto a = split_articles(page, LocalTime::parse("2025-06-14T12:00"));
    ASSERT_EQ(a.size(), 2U);
    EXPECT_EQ(a[0].published, day(2025, 5, 14));
    EXPECT_EQ(a[0].published_note, "dateline");
    EXPECT_EQ(a[0].text.find("Hashtags"), std::string::npos);
    EXPECT_EQ(a[1].title, "Talks resume in Geneva");
    EXPECT_EQ(a[1].source, "Libya Herald");
    EXPECT_EQ(a[1].published, day(2025, 6, 12));
    EXPECT_EQ(a[1].published_precision, TimePrecision::day);
    EXPECT_EQ(a[1].published_note, "relative age counted back from the retrieval time");
    EXPECT_EQ(page.substr(a[1].start, a[1].end - a[1].start),
              "Talks resume in Geneva\n"
              "Delegations from both sides met again in Geneva to discuss the ceasefire terms.");
}

TEST(SplitArticlesTest, AHeadlineAboveItsSourceAndAgeStartsTheStory) {
    // headline / source / age / story: the headline is the story's, not the end of the
    // navigation before it; a listed headline after its age stays an article of its own
    const std::string page = "Valley Herald | Home | Politics | Sign in\n"
                             "\n"
                             "Farmers march on the water ministry in the south\n"
                             "Staff reporter via Valley Herald\n"
                             "5 hours ago\n"
                             "\n"
                             "Hundreds of farmers marched on Monday to the ministry of water in "
                             "the southern capital.\n"
                             "\n"
                             "More on Valley Herald\n"
                             "\n"
                             "2 days ago\n"
                             "Bakers strike over flour prices in the north\n";
    const auto a = split_articles(page, LocalTime::parse("2023-09-20T12:00"));
    ASSERT_EQ(a.size(), 3U);
    EXPECT_EQ(a[0].text, "Valley Herald | Home | Politics | Sign in");
    EXPECT_EQ(a[1].title, "Farmers march on the water ministry in the south");
    EXPECT_NE(a[1].text.find("Hundreds of farmers marched"), std::string::npos);
    EXPECT_EQ(a[1].source, "Staff reporter via Valley Herald");
    EXPECT_EQ(a[1].published, day(2023, 9, 20));
    EXPECT_EQ(a[2].title, "Bakers strike over flour prices in the north");
}

TEST(SplitArticlesTest, AHeadlineGivenTwiceAndABylineDoNotEndTheStory) {
    // a page's <title>, its <h1> (the same words, long enough to pass for prose), a byline:
    // the story after them is the article's body
    const std::string page =
        html_to_text("<title>Farmers march on the ministry over water cuts in the south</title>"
                     "<p>Valley Herald</p><h1>Farmers march on the ministry over water cuts in "
                     "the south</h1><p>Staff reporter - Tuesday 19 September 2023</p>"
                     "<p>Hundreds of farmers marched on Monday to the ministry of water.</p>"
                     "<p>They asked for the wells to be reopened before the winter sowing.</p>");
    const auto a = split_articles(page, LocalTime::parse("2023-09-20T12:00"));
    ASSERT_EQ(a.size(), 1U);
    EXPECT_EQ(a[0].title, "Farmers march on the ministry over water cuts in the south");
    EXPECT_NE(a[0].text.find("Hundreds of farmers marched on Monday"), std::string::npos);
    EXPECT_NE(a[0].text.find("winter sowing."), std::string::npos);
    // the headline is not told twice
    EXPECT_EQ(a[0].text.find("Farmers march", 10), std::string::npos);
}

} // namespace
} // namespace kharita
