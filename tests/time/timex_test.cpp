#include "kharita/time/timex.hpp"

#include <gtest/gtest.h>

using namespace kharita;

namespace {
std::vector<Timex> find(std::string_view text, std::string_view ref, TimexOptions o = {}) {
    return TemporalTagger().find(text, LocalTime::parse(ref), o);
}
} // namespace

TEST(CivilDay, RejectsImpossibleDates) {
    EXPECT_FALSE(CivilDay::make(2025, 2, 29));
    EXPECT_FALSE(CivilDay::make(2025, 13, 1));
    EXPECT_FALSE(CivilDay::make(2025, 4, 31));
    EXPECT_TRUE(CivilDay::make(2024, 2, 29));
    EXPECT_EQ(CivilDay::make(2025, 2, 26)->weekday(), 3u); // a Wednesday
}

TEST(LocalTime, ParsesIsoAndRejectsGarbage) {
    ASSERT_TRUE(LocalTime::parse("2025-06-14T12:00:00Z"));
    EXPECT_EQ(LocalTime::parse("2025-06-14T12:30")->minute_of_day, 750);
    EXPECT_FALSE(LocalTime::parse("yesterday"));
    EXPECT_FALSE(LocalTime::parse("2025-02-30"));
    EXPECT_FALSE(LocalTime::parse("2025-06-14T25:00"));
}

TEST(TemporalTagger, YearFromTheWeekday) {
    // 26 February fell on a Wednesday in 2025, not in 2024 or 2026
    const auto t = find("They agreed on Wednesday 26 February to meet.", "2025-06-14T12:00");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].first.iso(), "2025-02-26");
    EXPECT_EQ(t[0].value, "2025-02-26");
    EXPECT_EQ(t[0].precision, TimePrecision::day);
}

TEST(TemporalTagger, TheWeekendTheTenseTellsOf) {
    // told on Monday 28 July 2014 in the past: the Saturday and Sunday just gone
    const auto past =
        find("Dozens were killed at the weekend in fighting in the city.", "2014-07-28T12:00");
    ASSERT_EQ(past.size(), 1u);
    EXPECT_EQ(past[0].first.iso(), "2014-07-26");
    EXPECT_EQ(past[0].last.iso(), "2014-07-27");
    EXPECT_EQ(past[0].value, "2014-W30-WE");
    // in the future: the coming one
    const auto future =
        find("Delegates will meet over the weekend in the capital.", "2014-07-28T12:00");
    ASSERT_EQ(future.size(), 1u);
    EXPECT_EQ(future[0].first.iso(), "2014-08-02");
    EXPECT_EQ(future[0].value, "2014-W31-WE");
    // "the weekend" without a preposition of time is no date ("the weekend markets")
    EXPECT_TRUE(find("Traders said the weekend markets were quiet.", "2014-07-28T12:00").empty());
}

TEST(TemporalTagger, DayListsAndMonthsWithTense) {
    const auto t = find("A meeting on 17 and 18 December 2024 agreed that they will reconvene in "
                        "April.",
                        "2025-02-27");
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].first.iso(), "2024-12-17");
    EXPECT_EQ(t[0].last.iso(), "2024-12-18");
    EXPECT_EQ(t[1].value, "2025-04");
    EXPECT_EQ(t[1].precision, TimePrecision::month);
    EXPECT_EQ(t[1].direction, TimeDirection::future);
}

TEST(TemporalTagger, RelativeExpressions) {
    const char* ref = "2025-06-14T12:00";
    EXPECT_EQ(find("11 hours ago", ref).at(0).first.iso(), "2025-06-14");
    EXPECT_EQ(find("3 days ago", ref).at(0).first.iso(), "2025-06-11");
    EXPECT_EQ(find("It happened yesterday, 13 June.", ref).at(0).first.iso(), "2025-06-13");
    EXPECT_EQ(find("The talks ended on Thursday.", ref).at(0).first.iso(), "2025-06-12");
    EXPECT_EQ(find("earlier this month", ref).at(0).first.iso(), "2025-06-01");
    const auto since = find("fighting since August 2023", ref).at(0);
    EXPECT_EQ(since.first.iso(), "2023-08-01");
    EXPECT_TRUE(since.open_end);
}

TEST(TemporalTagger, ThisWeekIsTheIsoWeekOfItsValue) {
    // 6 June 2020 is a Saturday of ISO week 23 (1-7 June)
    const char* ref = "2020-06-06T12:00";
    const auto past = find("Fighting went on this week near the town.", ref).at(0);
    EXPECT_EQ(past.value, "2020-W23");
    EXPECT_EQ(past.first.iso(), "2020-06-01");
    EXPECT_EQ(past.last.iso(), "2020-06-06");
    const auto earlier = find("earlier this week", "2020-06-07T12:00").at(0); // a Sunday
    EXPECT_EQ(earlier.first.iso(), "2020-06-01");
    EXPECT_EQ(earlier.last.iso(), "2020-06-07");
    const auto later = find("Talks will open later this week.", "2020-06-03T12:00").at(0);
    EXPECT_EQ(later.first.iso(), "2020-06-03");
    EXPECT_EQ(later.last.iso(), "2020-06-07");
}

TEST(TemporalTagger, HalfOfAMonthIsOneExpression) {
    const auto t = find("The vote was held in the second half of February 2020.", "2020-06-06");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].value, "2020-02");
    EXPECT_EQ(t[0].mod, TimexMod::end);
    EXPECT_EQ(t[0].first.iso(), "2020-02-16");
    EXPECT_EQ(t[0].last.iso(), "2020-02-29");
    const auto first = find("It closed in the first half of March.", "2020-06-06").at(0);
    EXPECT_EQ(first.mod, TimexMod::start);
    EXPECT_EQ(first.first.iso(), "2020-03-01");
    EXPECT_EQ(first.last.iso(), "2020-03-15");
    // a half of a year stays one
    EXPECT_EQ(find("in the second half of 2019", "2020-06-06").at(0).value, "2019-H2");
}

TEST(TemporalTagger, ForwardOptionTakesTheNextOccurrence) {
    TimexOptions forward;
    forward.forward = true;
    EXPECT_EQ(find("on January 1st", "2016-02-15", forward).at(0).first.iso(), "2017-01-01");
    EXPECT_EQ(find("on January 1st", "2016-02-15").at(0).first.iso(), "2016-01-01"); // nearest
}

TEST(TemporalTagger, TimesOffsetsAndCompositions) {
    // an end hour without am/pm stays in the evening of its start
    EXPECT_EQ(find("open 8pm - 11", "2016-10-01T08:00").at(0).end_minute_of_day, 23 * 60);
    // a time of the reference day, though already past, when nothing looks ahead
    EXPECT_EQ(find("at 6 in the morning", "2016-10-01T08:00").at(0).first.iso(), "2016-10-01");
    // "m" glued to a number is minutes
    EXPECT_EQ(find("posted 5m ago", "2025-06-14T12:00").at(0).first.iso(), "2025-06-14");
    // anchors and offsets
    EXPECT_EQ(find("2 days after next Friday", "2022-02-02T12:00").at(0).first.iso(), "2022-02-13");
    EXPECT_EQ(find("2023-12-29 -10days", "2023-12-01").at(0).first.iso(), "2023-12-19");
    // a year after the time, and a time before a bullet-separated date
    EXPECT_EQ(find("Thu Oct 26, 10:00 - 11:00 2023", "2017-01-01").at(0).first.iso(), "2023-10-26");
    EXPECT_EQ(find("8:23 AM \u2219 Jul 9", "2016-10-01T08:00").at(0).first.iso(), "2016-07-09");
    // a bare weekday with no tense: the nearer one (a Sunday reference: Monday is tomorrow)
    EXPECT_EQ(find("Monday", "2023-04-09T00:00").at(0).first.iso(), "2023-04-10");
}

TEST(TemporalTagger, NextAndLastWeekdayAreWorkingDays) {
    // 2025-06-14 is a Saturday: the last working day is Friday, the next is Monday
    EXPECT_EQ(find("the crossing reopens next weekday", "2025-06-14T12:00").at(0).first.iso(),
              "2025-06-16");
    EXPECT_EQ(find("it closed last weekday", "2025-06-14T12:00").at(0).first.iso(), "2025-06-13");
    EXPECT_EQ(find("it closed last weekday", "2025-06-12T12:00").at(0).first.iso(), "2025-06-11");
}

TEST(TemporalTagger, ImpossibleDatesAreNotFound) {
    EXPECT_TRUE(find("on 31 February 2025", "2025-06-14").empty());
    EXPECT_TRUE(find("on 2025-13-01", "2025-06-14").empty());
    EXPECT_TRUE(find("on 32 August", "2025-06-14").empty());
}

TEST(TemporalTagger, FarFutureDatesAreFoundAndMarkedFuture) {
    const auto t = find("a plan for 12 March 2091", "2025-06-14");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].direction, TimeDirection::future);
}

TEST(TemporalTagger, OrdinaryWordsAreNotDates) {
    EXPECT_TRUE(find("I may be here. May the force be with you.", "2025-06-14").empty());
    EXPECT_TRUE(find("nowhere and knowledge", "2025-06-14").empty());
    EXPECT_TRUE(find("The mountain may not move", "2025-06-14").empty());
}

TEST(TemporalTagger, WithoutReferenceOnlyExplicitDatesAreFound) {
    const auto t = TemporalTagger().find("yesterday and on 2025-02-26", std::nullopt);
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].first.iso(), "2025-02-26");
}

TEST(TemporalTagger, BrokenUtf8AndEmptyTextNeverThrow) {
    EXPECT_TRUE(find("", "2025-06-14").empty());
    EXPECT_NO_THROW(find("\xff\xfe 12 May \xc3", "2025-06-14"));
}

#include "kharita/base/error.hpp"
#include "kharita/document/article.hpp"

#include <filesystem>
#include <fstream>

TEST(SplitArticles, AggregatorPageGivesLeadAndRelatedArticles) {
    const std::string page =
        "Lead headline about a meeting\n"
        "The officials met in the capital on Tuesday to discuss the plan for the border.\n"
        "Hashtags\n\nComments\nRelated Articles\n\n"
        "Some Wire\n11 hours ago\n- Some Wire\nSecond headline here\n"
        "The second story tells of a protest in the main square that lasted all day long.\n\n"
        "Other Wire\n3 days ago\n- Other Wire\nThird headline\n"
        "A third story describes talks between two delegations that ended without a deal.\n";
    const auto a = split_articles(page, LocalTime::parse("2025-06-14T12:00"));
    ASSERT_EQ(a.size(), 3u);
    EXPECT_EQ(a[0].title, "Lead headline about a meeting");
    EXPECT_FALSE(a[0].published.has_value());
    EXPECT_EQ(a[0].text.find("Hashtags"), std::string::npos);
    EXPECT_EQ(a[1].source, "Some Wire");
    EXPECT_EQ(a[1].published->iso(), "2025-06-14");
    EXPECT_EQ(a[2].published->iso(), "2025-06-11");
    EXPECT_EQ(a[2].title, "Third headline");
}

TEST(SplitArticles, PageWithoutStructureIsOneArticleAndEmptyIsNone) {
    EXPECT_EQ(
        split_articles("Just one line of text that is a report about nothing much.", std::nullopt)
            .size(),
        1u);
    EXPECT_TRUE(split_articles("", std::nullopt).empty() ||
                split_articles("", std::nullopt).front().text.empty());
}

TEST(SplitArticles, RelativeAgeWithoutRetrievalTimeStaysUnknown) {
    const auto a =
        split_articles("Lead\nText of the lead article goes on for a while here.\n"
                       "Wire\n2 days ago\n- Wire\nTitle\nBody of the related article goes on.\n",
                       std::nullopt);
    ASSERT_EQ(a.size(), 2u);
    EXPECT_FALSE(a[1].published.has_value());
    EXPECT_NE(a[1].published_note.find("no retrieval time"), std::string::npos);
}

TEST(HtmlToText, KeepsParagraphsDropsMarkupAndScripts) {
    const std::string text =
        html_to_text("<html><head><title>Clashes</title><script>var x = '<p>no</p>';</script>"
                     "<style>p { color: red }</style></head><body><h1>Clashes in Tripoli</h1>"
                     "<p>Fighting broke out in <b>Abu Salim</b> on Monday &amp; Tuesday.</p>"
                     "<p>Residents fled to Tajoura&#8217;s outskirts.</p></body></html>");
    EXPECT_NE(text.find("Clashes in Tripoli\n"), std::string::npos) << text;
    EXPECT_NE(text.find("Fighting broke out in Abu Salim on Monday & Tuesday."), std::string::npos)
        << text;
    EXPECT_NE(text.find("Tajoura\xE2\x80\x99s"), std::string::npos) << text;
    EXPECT_EQ(text.find("var x"), std::string::npos);
    EXPECT_EQ(text.find("color"), std::string::npos);
}

TEST(ReadArticles, JsonLinesWithABadLineKeepsTheOthers) {
    const auto path = std::filesystem::temp_directory_path() / "kharita-articles-test.jsonl";
    {
        std::ofstream out(path);
        out << R"({"title": "One", "text": "Talks in Tunis.", "published": "2025-02-26"})"
            << "\n";
        out << "{not json\n";
        out << R"({"title": "Two", "text": "A protest in Misrata.", "published": "2025-31-02"})"
            << "\n";
    }
    Diagnostics problems;
    const auto articles = read_articles(path, std::nullopt, problems);
    std::filesystem::remove(path);
    ASSERT_EQ(articles.size(), 2u);
    EXPECT_EQ(articles[0].published->iso(), "2025-02-26");
    EXPECT_FALSE(articles[1].published.has_value()); // an impossible date is not used
    EXPECT_EQ(problems.count(), 2u);
    EXPECT_EQ(problems.examples().front().line, 2u);
}

TEST(ReadArticles, MissingFileIsAnInputError) {
    Diagnostics problems;
    EXPECT_THROW(read_articles("/nonexistent/page.html", std::nullopt, problems), InputError);
}

TEST(TimeNames, OneTableEachBothWays) {
    for (const TimexType t :
         {TimexType::date, TimexType::time, TimexType::duration, TimexType::set}) {
        EXPECT_EQ(timex_type_from(to_string(t)), t);
    }
    EXPECT_EQ(to_string(TimexType::duration), "DURATION");
    EXPECT_EQ(to_string(TimexType::set), "SET");
    EXPECT_FALSE(timex_type_from("date"));
    for (int p = 0; p <= static_cast<int>(TimePrecision::decade); ++p) {
        const auto precision = static_cast<TimePrecision>(p);
        EXPECT_EQ(time_precision_from(to_string(precision)), precision);
    }
    EXPECT_EQ(to_string(TimePrecision::week), "week");
    EXPECT_FALSE(time_precision_from("fortnight"));
    for (const TimeDirection d :
         {TimeDirection::past, TimeDirection::present, TimeDirection::future}) {
        EXPECT_EQ(time_direction_from(to_string(d)), d);
    }
    EXPECT_EQ(to_string(TimeDirection::present), "present");
    EXPECT_EQ(to_string(static_cast<TimeDirection>(7)), "unknown");
}

TEST(TemporalTagger, TimexTypes) {
    const char* ref = "2025-06-14T12:00";
    EXPECT_EQ(find("They met on 12 May 2025.", ref).at(0).type, TimexType::date);
    EXPECT_EQ(find("The talks start at 5pm.", ref).at(0).type, TimexType::time);
    const auto duration = find("The ceasefire held for three days.", ref).at(0);
    EXPECT_EQ(duration.type, TimexType::duration);
    EXPECT_EQ(duration.value, "P3D");
}

namespace {

/// The first expression found, as "[text] first..last TYPE value".
std::string first_found(std::string_view text) {
    const auto t = find(text, "2025-06-14T12:00");
    if (t.empty())
        return "nothing";
    return "[" + t[0].text + "] " + t[0].first.iso() + ".." + t[0].last.iso() + " " +
           std::string(to_string(t[0].type)) + " " + t[0].value;
}

} // namespace

// The stages of an amount of time: its cue, its quantities, its direction, its anchor.
TEST(TemporalTagger, AmountsOfTime) {
    EXPECT_EQ(first_found("The ceasefire held for 90 minutes."),
              "[for 90 minutes] 2025-06-14..2025-06-14 DURATION PT90M");
    EXPECT_EQ(first_found("The ceasefire held for two months."),
              "[for two months] 2025-06-14..2025-08-14 DURATION P2M");
    EXPECT_EQ(first_found("The siege lasted for a week."),
              "[for a week] 2025-06-14..2025-06-21 DURATION P1W"); // in its stated unit
    EXPECT_EQ(first_found("It happened 2 hours, 30 minutes ago."),
              "[2 hours, 30 minutes ago] 2025-06-14..2025-06-14 TIME 2025-06-14T09:30");
    EXPECT_EQ(first_found("Expect rain in about 1.5 hours."),
              "[in about 1.5 hours] 2025-06-14..2025-06-14 TIME 2025-06-14T13:30");
    EXPECT_EQ(first_found("They returned a couple of days ago."),
              "[a couple of days ago] 2025-06-12..2025-06-12 DATE 2025-06-12");
    // a TIMEX3 length, with the range of its date reading
    EXPECT_EQ(first_found("Fighting over the past 3 days."),
              "[the past 3 days] 2025-06-11..2025-06-14 DURATION P3D");
    EXPECT_EQ(first_found("Fighting over past 3 days."),
              "[past 3 days] 2025-06-11..2025-06-14 DATE 2025-06-11");
    EXPECT_EQ(first_found("Aid arrives in the next 2 days."),
              "[next 2 days] 2025-06-16..2025-06-16 DATE 2025-06-16");
    EXPECT_EQ(first_found("+2d"), "[+2d] 2025-06-16..2025-06-16 DATE 2025-06-16");
    EXPECT_EQ(first_found("It fell -3 days"), "[-3 days] 2025-06-11..2025-06-11 DATE 2025-06-11");
    // no direction, no anchor: a TIMEX3 length, not a date (and nothing in chrono's reading)
    EXPECT_EQ(first_found("5 days"), "[5 days] 2025-06-14..2025-06-14 DURATION P5D");
    // counted from the day the anchor names
    EXPECT_EQ(first_found("It will be done 2 days after next Friday."),
              "[2 days after next Friday] 2025-06-22..2025-06-22 DATE 2025-06-22");
    EXPECT_EQ(first_found("Talks end a week before 12 May."),
              "[a week before 12 May.] 2025-05-05..2025-05-05 DATE 2025-05-05");
}

// The stages after the longest match, each completing it with what follows.
TEST(TemporalTagger, WhatFollowsCompletesAMatch) {
    EXPECT_EQ(first_found("It starts 14:15 05/31/2024 sharp."),
              "[14:15 05/31/2024] 2024-05-31..2024-05-31 TIME 2024-05-31T14:15");
    EXPECT_EQ(first_found("8:23 AM \xE2\x88\x99 Jul 9"),
              "[8:23 AM \xE2\x88\x99 Jul 9] 2025-07-09..2025-07-09 TIME 2025-07-09T08:23");
    EXPECT_EQ(first_found("Sunday 12/7/2014 was cold."),
              "[Sunday 12/7/2014] 2014-12-07..2014-12-07 DATE 2014-12-07");
    EXPECT_EQ(first_found("next tuesday +10 days"),
              "[next tuesday +10 days] 2025-06-27..2025-06-27 DATE 2025-06-27");
    EXPECT_EQ(first_found("Monday to Friday"),
              "[Monday to Friday] 2025-06-16..2025-06-20 DATE 2025-06-16");
    EXPECT_EQ(first_found("10 August - 12 September 2013"),
              "[10 August - 12 September 2013] 2013-08-10..2013-09-12 DATE 2013-08-10");
    EXPECT_EQ(first_found("Thu Oct 26, 10:00 - 11:00:09 2023"),
              "[Thu Oct 26, 10:00 - 11:00:09 2023] 2023-10-26..2023-10-26 TIME 2023-10-26T10:00");
}

namespace kharita {

// chrono-node's reading: dates only, no TIMEX3 lengths or recurring times.
TEST(TemporalTagger, LengthsAndSetsOffLeaveDatesOnly) {
    TimexOptions o;
    o.lengths = false;
    const auto ref = LocalTime::parse("2025-06-14T12:00");
    const TemporalTagger tagger;
    EXPECT_TRUE(tagger.find("It took 5 days and the market opens every week.", ref, o).empty());
    const auto dated = tagger.find("It ended 5 days ago.", ref, o);
    ASSERT_EQ(dated.size(), 1U);
    EXPECT_EQ(dated[0].value, "2025-06-09");
}

// The mod beside the range: "early August" keeps its ten days and says START.
TEST(TemporalTagger, ModBesideTheRange) {
    const auto ref = LocalTime::parse("2013-03-14");
    const auto t = TemporalTagger{}.find("The mine flooded in early August.", ref);
    ASSERT_EQ(t.size(), 1U);
    EXPECT_EQ(t[0].value, "2012-08");
    EXPECT_EQ(t[0].mod, TimexMod::start);
    EXPECT_EQ(t[0].first.iso(), "2012-08-01");
    EXPECT_EQ(t[0].last.iso(), "2012-08-10");
    EXPECT_EQ(to_string(TimexMod::equal_or_less), "EQUAL_OR_LESS");
    EXPECT_EQ(timex_mod_from("APPROX"), TimexMod::approx);
}

} // namespace kharita

// Issue 12, item 2: what a text leaves open (a time of day, a weekday, a month with no year)
// is read in the narrative's time when the text tells of another time than its own.
TEST(TemporalTagger, NarrativeAnchorsTimesWeekdaysAndMonths) {
    const auto t = find("Last summer was the worst the town had known. On August 5, 2012, the "
                        "river rose above the bridge. At 8 PM, the mayor ordered the lower "
                        "streets cleared. On Tuesday the water reached the market. In "
                        "September, the council voted money for a new levee.",
                        "2013-03-15");
    ASSERT_EQ(t.size(), 5u);
    EXPECT_EQ(t[2].value, "2012-08-05T20:00"); // the narrative's day, not the document's
    EXPECT_EQ(t[3].value, "2012-08-07");       // the Tuesday nearest 5 August 2012
    EXPECT_EQ(t[4].value, "2012-09");          // the September nearest August 2012
    EXPECT_EQ(t[4].direction, TimeDirection::past);

    const auto y = find("The siege began in March 2009. In July, the town fell.", "2013-03-15");
    ASSERT_EQ(y.size(), 2u);
    EXPECT_EQ(y[1].value, "2009-07");
}

TEST(TemporalTagger, NewsStyleKeepsTheDocumentTime) {
    // the told day is close to the document's: a weekday counts from the document's day
    const auto t =
        find("The talks opened on 10 March 2013. On Tuesday, the delegates left.", "2013-03-15");
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[1].value, "2013-03-12");
    // a time of day goes with the day just told of ("yesterday"), a month alone with the
    // document's year when no other time is told
    const auto y =
        find("Clashes broke out yesterday. At 8 pm, the army entered the town.", "2013-03-15");
    ASSERT_EQ(y.size(), 2u);
    EXPECT_EQ(y[1].value, "2013-03-14T20:00");
    EXPECT_EQ(find("The port reopened in February.", "2013-03-15").at(0).value, "2013-02");
}

TEST(TemporalTagger, NarrativeAnchorFadesWithDistance) {
    // a month named pages after the told date is read from the document's time again
    std::string text = "The siege began in March 2009.";
    for (int k = 0; k < 40; ++k)
        text += " The delegates met again and talked about the water supply of the town.";
    text += " In July, the town fell.";
    const auto t = find(text, "2013-03-15");
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[1].value, "2012-07");
}

TEST(TemporalTagger, AProjectionAheadSetsNoNarrativeDay) {
    // "within 18 months" looks ahead from the document's day; a weekday after it is still
    // counted from the document's day
    const auto t = find("Delegates recommended elections within 18 months, the mission said on "
                        "Thursday.",
                        "2020-09-11");
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[1].value, "2020-09-10");
    // "in four days of fighting" is a length of the fighting, not a day four days ahead
    const auto f = find("Sixteen people were killed in four days of fighting.", "2016-11-21");
    ASSERT_EQ(f.size(), 1u);
    EXPECT_EQ(f[0].type, TimexType::duration);
    EXPECT_EQ(f[0].value, "P4D");
    // "after 18 months in the post": the length of a stay, not a day 18 months ahead
    const auto stay = find("The envoy resigned after 18 months in the post.", "2024-04-16");
    ASSERT_EQ(stay.size(), 1u);
    EXPECT_EQ(stay[0].type, TimexType::duration);
    EXPECT_EQ(stay[0].value, "P18M");
    // "the worst fighting in two years": a superlative measures back over the length
    for (const char* text : {"It was the worst fighting in the city in two years.",
                             "Exports resumed for the first time in three months."}) {
        const auto back = find(text, "2025-07-24");
        ASSERT_EQ(back.size(), 1u) << text;
        EXPECT_EQ(back[0].type, TimexType::duration) << text;
    }
    // a day counted ahead alone is still a day
    EXPECT_EQ(find("The vote will be held in four days.", "2016-11-21").at(0).value, "2016-11-25");
    EXPECT_EQ(find("The vote will be held after four days.", "2016-11-21").at(0).value,
              "2016-11-25");
}

TEST(TemporalTagger, APlansWeekdayCountsFromTheReportsDayNotTheNarratives) {
    // the narrative told 19 January; the plans look ahead from the report's day (Sunday 16
    // February), and "Salame said" after the expression is the telling, not their tense
    const auto t = find("It was the first meeting since the summit on 19 January. The two "
                        "sides are due to meet again in Geneva on Tuesday, Salame said. "
                        "Ministers will meet in Brussels on Monday.",
                        "2020-02-16");
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[1].value, "2020-02-18");
    EXPECT_EQ(t[2].value, "2020-02-17");
    // told in the past, the weekday still follows the narrative's day
    const auto p =
        find("The siege began on 16 January. On Saturday, troops stormed the plant.", "2013-02-01");
    ASSERT_EQ(p.size(), 2u);
    EXPECT_EQ(p[1].value, "2013-01-19");
    // the modal governs the weekday; the participle before it ("sent") is no past tense
    // (2011-11-13 is a Sunday)
    const auto m =
        find("A committee sent from Tripoli will meet both sides on Tuesday.", "2011-11-13");
    ASSERT_EQ(m.size(), 1u);
    EXPECT_EQ(m[0].value, "2011-11-15");
    EXPECT_EQ(
        find("A committee sent from Tripoli met both sides on Tuesday.", "2011-11-13").at(0).value,
        "2011-11-08");
    // the future of a telling: "he said he would ask ... on Thursday" (read on Monday 25 June
    // 2018) is the coming Thursday; "would have" is what did not happen, in the past
    EXPECT_EQ(
        find("He said he would ask EU leaders for help at a summit on Thursday.", "2018-06-25")
            .at(0)
            .value,
        "2018-06-28");
    EXPECT_EQ(
        find("He said he would have gone to the summit on Thursday.", "2018-06-25").at(0).value,
        "2018-06-21");
}

TEST(TemporalTagger, ADatelinesDashBeforeAWeekdayIsNoRange) {
    const auto t = find("Tripoli, 9 November 2013 - Thursday night's gun battles left two dead.",
                        "2013-11-09");
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t[0].value, "2013-11-09");
    EXPECT_EQ(t[1].value, "2013-11-07TNI");
    // weekdays still make a range
    const auto r = find("Talks ran Monday - Thursday.", "2013-11-09");
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].last.iso(), "2013-11-07");
}

TEST(TemporalTagger, ASecondRoundIsAnOrdinalNotALength) {
    EXPECT_TRUE(find("The delegations met for a second round of talks.", "2020-02-16").empty());
    // a second of time stays one
    const auto t = find("He paused for a second.", "2020-02-16");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].value, "PT1S");
}

TEST(TemporalTagger, TheVerbRightAfterTheExpressionSetsItsTense) {
    // "backed" is the clause's verb; "plan" further on speaks of the future of another thing
    const auto t = find("World powers meeting in Paris on Friday backed the plan to hold "
                        "elections.",
                        "2021-11-13");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].value, "2021-11-12");
    // a participle of planning is no past form: "scheduled for November" looks ahead
    EXPECT_EQ(find("Elections are scheduled for November.", "2013-03-14").at(0).value, "2013-11");
}

TEST(TemporalTagger, ALengthCountedFromAnEventIsADuration) {
    // "a week after the flood": the flood's day is not known here, so no date; TIMEX3 marks
    // the length alone
    const auto t = find("Residents protested a week after the flood.", "2023-09-19");
    ASSERT_EQ(t.size(), 1u);
    EXPECT_EQ(t[0].text, "a week");
    EXPECT_EQ(t[0].type, TimexType::duration);
    EXPECT_EQ(t[0].value, "P1W");
    // and from an event told by a name: "two weeks after Macron met Serraj"
    const auto named = find("The meeting came two weeks after Macron met Serraj.", "2019-05-22");
    ASSERT_EQ(named.size(), 1u);
    EXPECT_EQ(named[0].text, "two weeks");
    EXPECT_EQ(named[0].type, TimexType::duration);
    // counted from a day, it is that day
    EXPECT_EQ(find("The talks ended 3 days after Monday.", "2023-09-19").at(0).value, "2023-09-21");
    EXPECT_EQ(find("They left two days after.", "2023-09-19").at(0).value, "2023-09-21");
}

TEST(TemporalTagger, AnchoringAsTimeMlGivesIt) {
    // a relative date is counted from the reference, an anchored length ends there, an
    // explicit date has no anchor, and a time in a story about another day is counted from
    // that day
    const auto t = find("The talks ended yesterday after the past three years of fighting "
                        "that began on 5 March 2010.",
                        "2013-03-15");
    ASSERT_EQ(t.size(), 3u);
    EXPECT_EQ(t[0].anchor, "2013-03-15");
    EXPECT_EQ(t[1].type, TimexType::duration);
    EXPECT_EQ(t[1].value, "P3Y");
    EXPECT_EQ(t[1].end_point, "2013-03-15");
    EXPECT_EQ(t[1].begin_point, t[1].first.iso());
    EXPECT_TRUE(t[2].anchor.empty());
    const auto n =
        find("On August 5, 2012, the river rose. At 8 PM, the mayor spoke.", "2013-03-15");
    ASSERT_EQ(n.size(), 2u);
    EXPECT_EQ(n[1].anchor, "2012-08-05");
}
