// Events of the sample reports (data/samples/, written for the project) against their
// expected events (tests/data/samples/expected-events.tsv), and extractor behaviour on
// short texts.

#include "kharita/events/pipeline.hpp"
#include "support/default_gazetteer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace kharita;

namespace {

class EventsTest : public ::testing::Test {
protected:
    static std::vector<Event> events_of(const std::string& page,
                                        const std::optional<LocalTime>& retrieved) {
        return events_of_articles(split_articles(page, retrieved), retrieved);
    }
    static std::vector<Event> events_of_file(const std::filesystem::path& file,
                                             const std::optional<LocalTime>& retrieved) {
        Diagnostics problems;
        return events_of_articles(read_articles(file, retrieved, problems), retrieved);
    }
    static std::vector<Event> events_of_articles(std::vector<Article> articles,
                                                 const std::optional<LocalTime>& retrieved) {
        std::vector<Event> merged;
        for (auto& [e, n] : merged_events(parse_articles(kharita::testing::default_parser(),
                                                         std::move(articles), retrieved))) {
            merged.push_back(e);
        }
        return merged;
    }
};

} // namespace

TEST_F(EventsTest, SampleReportsYieldTheirExpectedEvents) {
    const std::filesystem::path samples =
        std::filesystem::path(KHARITA_TEST_DATA_DIR) / ".." / ".." / "data" / "samples";
    std::ifstream expected(std::filesystem::path(KHARITA_TEST_DATA_DIR) / "samples" /
                           "expected-events.tsv");
    ASSERT_TRUE(expected) << "expected-events.tsv missing";
    std::string line;
    int checked = 0;
    while (std::getline(expected, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        std::istringstream f(line);
        std::string file, type, place, date, dead;
        std::getline(f, file, '\t');
        std::getline(f, type, '\t');
        std::getline(f, place, '\t');
        std::getline(f, date, '\t');
        std::getline(f, dead, '\t');
        const auto events = events_of_file(samples / file, LocalTime::parse("2025-06-14T12:00"));
        bool found = false;
        for (const Event& e : events) {
            if (to_string(e.type) != type || !e.place || e.place->text != place)
                continue;
            found = true;
            EXPECT_EQ(e.date_start ? e.date_start->iso() : "-", date) << file << " " << type;
            EXPECT_EQ(e.fatalities ? std::to_string(*e.fatalities) : "-", dead)
                << file << " " << type;
        }
        EXPECT_TRUE(found) << file << ": no " << type << " event at " << place;
        ++checked;
    }
    EXPECT_GE(checked, 15);
}

TEST_F(EventsTest, MeetingHappenedWhereItWasHeldNotWhatItWasAbout) {
    const auto events = events_of("Officials held a meeting in Tunis on Monday about security on "
                                  "Libya's western border.",
                                  LocalTime::parse("2025-06-14"));
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.front().type, EventType::meeting);
    EXPECT_EQ(events.front().place->text, "Tunis");
    EXPECT_EQ(events.front().date_start->iso(), "2025-06-09");
}

TEST_F(EventsTest, PlannedEventsAndPreventedOnes) {
    const auto planned = events_of("The two delegations will meet in Zuwara in April.",
                                   LocalTime::parse("2025-02-20"));
    ASSERT_EQ(planned.size(), 1u);
    EXPECT_EQ(planned.front().status, EventStatus::planned);
    EXPECT_TRUE(events_of("The mission works to prevent clashes between armed groups in Tripoli.",
                          LocalTime::parse("2025-06-14"))
                    .empty());
}

TEST_F(EventsTest, ArticleWithoutDatesGivesUndatedEventsBeforePublication) {
    const auto events = events_of("Protesters gathered in Misrata to demand elections.",
                                  LocalTime::parse("2025-06-14"));
    ASSERT_EQ(events.size(), 1u);
    EXPECT_FALSE(events.front().date_start.has_value());
    EXPECT_EQ(events.front().date_end->iso(), "2025-06-14");
    EXPECT_EQ(events.front().time_precision, std::nullopt);
}

TEST_F(EventsTest, TextWithoutEventsGivesNone) {
    EXPECT_TRUE(events_of("", std::nullopt).empty());
    EXPECT_TRUE(
        events_of("The weather in Tripoli was mild and sunny.", LocalTime::parse("2025-06-14"))
            .empty());
}
