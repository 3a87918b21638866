// Event-to-place linking: the record reader and its bad lines, the model's text format, and
// the locator on invented sentences.

#include "kharita/events/event_location.hpp"

#include "kharita/base/error.hpp"
#include "support/default_gazetteer.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace kharita {
namespace {

std::vector<EventLocationRecord> read(const std::string& lines, Diagnostics& problems) {
    std::istringstream in(lines);
    std::vector<EventLocationRecord> out;
    read_event_location_lines(in, "in.jsonl", problems,
                              [&](EventLocationRecord&& r) { out.push_back(std::move(r)); });
    return out;
}

TEST(EventLocationReaderTest, OffsetsAreCodePointsTurnedIntoBytes) {
    Diagnostics problems;
    const auto r =
        read(R"({"id": 3, "text": "Un café à Sfax brûlé.", "event": {"start": 15, "end": 20},)"
             R"( "locations": [{"start": 10, "end": 14}]})",
             problems);
    ASSERT_TRUE(problems.empty());
    ASSERT_EQ(r.size(), 1U);
    EXPECT_EQ(r[0].id, "3");
    EXPECT_EQ(r[0].text.substr(r[0].event.start, r[0].event.end - r[0].event.start), "brûlé");
    ASSERT_EQ(r[0].locations.size(), 1U);
    EXPECT_EQ(r[0].locations[0].start, 12U); // two two-byte letters before it
    EXPECT_EQ(r[0].locations[0].cp_start, 10U);
}

std::string problem_of(const std::string& line) {
    Diagnostics problems;
    const auto r =
        read(line + "\n" +
                 R"({"id": "ok", "text": "Fighting in Zawiya.", "event": {"start": 0, "end": 8}})",
             problems);
    EXPECT_EQ(r.size(), 1U) << "the good line after the bad one is still read";
    EXPECT_EQ(problems.count(), 1U);
    return problems.empty() ? std::string() : problems.examples().front().to_string();
}

TEST(EventLocationReaderTest, EventPastTheText) {
    EXPECT_EQ(problem_of(R"({"id": 1, "text": "Shots fired.", "event": {"start": 6, "end": 90}})"),
              "in.jsonl:1: event.end 90 is past the text's 12 code points");
}

TEST(EventLocationReaderTest, InvertedEvent) {
    EXPECT_EQ(problem_of(R"({"id": 1, "text": "Shots fired.", "event": {"start": 8, "end": 6}})"),
              "in.jsonl:1: event.start 8 is after event.end 6");
}

TEST(EventLocationReaderTest, EmptyEvent) {
    EXPECT_EQ(problem_of(R"({"id": 1, "text": "Shots fired.", "event": {"start": 6, "end": 6}})"),
              "in.jsonl:1: event is empty (start = end = 6)");
}

TEST(EventLocationReaderTest, MissingFields) {
    EXPECT_EQ(problem_of(R"({"id": 1, "event": {"start": 0, "end": 5}})"),
              "in.jsonl:1: text: missing");
    EXPECT_EQ(problem_of(R"({"id": 1, "text": "Shots fired."})"), "in.jsonl:1: event: missing");
    EXPECT_EQ(problem_of(R"({"text": "Shots fired.", "event": {"start": 0, "end": 5}})"),
              "in.jsonl:1: id: missing");
    EXPECT_EQ(problem_of(R"({"id": 1, "text": "Shots fired.", "event": {"start": 0}})"),
              "in.jsonl:1: event.end: missing");
    EXPECT_EQ(problem_of(R"({"id": 1, "text": "Shots fired.", "event": {"start": -1, "end": 5}})"),
              "in.jsonl:1: event.start: not a code point offset: -1");
}

TEST(EventLocationReaderTest, NotJson) {
    EXPECT_EQ(problem_of("{\"id\": 1, \"text\": ").rfind("in.jsonl:1: not JSON", 0), 0U);
    EXPECT_EQ(problem_of("[1, 2]"), "in.jsonl:1: not a JSON object");
}

TEST(EventLocationReaderTest, BadGoldLocation) {
    EXPECT_EQ(problem_of(R"({"id": 1, "text": "Shots fired.", "event": {"start": 0, "end": 5},)"
                         R"( "locations": [{"start": 9, "end": 13}]})"),
              "in.jsonl:1: locations[0].end 13 is past the text's 12 code points");
}

TEST(EventLocatorModelTest, TextRoundTrip) {
    const EventLocator m =
        EventLocator::from_text("# a comment\nthreshold\t0.3\nthreshold_more\t0.8\n"
                                "list_ratio\t0.2\nb\t-1.5\np1=in\t2.25\n",
                                "model.txt");
    EXPECT_EQ(m.feature_count(), 2U);
    EXPECT_DOUBLE_EQ(m.threshold(), 0.3);
    EXPECT_DOUBLE_EQ(m.threshold_more(), 0.8);
    EXPECT_DOUBLE_EQ(m.list_ratio(), 0.2);
    EXPECT_EQ(m.to_text("header"), "# header\nthreshold\t0.3\nthreshold_more\t0.8\nlist_ratio\t0."
                                   "2\nb\t-1.5\np1=in\t2.25\n");
    // a model file from before the list ratio keeps every candidate to threshold_more
    EXPECT_DOUBLE_EQ(EventLocator::from_text("b\t1\n", "old.txt").list_ratio(), 1.0);
}

TEST(EventLocatorModelTest, ABadLineIsNamed) {
    try {
        EventLocator::from_text("b\t1\np1=in two\n", "model.txt");
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_EQ(e.line(), 2U);
        EXPECT_EQ(e.field(), "weight");
    }
}

// A two-weight model: "no place" wins unless "in" stands before a candidate.
TEST(EventLocatorTest, FeaturesOfAnUnknownName) {
    const EventLocator m = EventLocator::from_text("b\t-4\np1=in\t8\n", "model.txt");
    const std::string s = "Gunmen stormed a shop in Zarqonia on Tuesday, Merrow Police said.";
    const auto spans = m.locate(s, 0, s.size(), 7, 14, {});
    ASSERT_EQ(spans.size(), 1U);
    EXPECT_EQ(s.substr(spans[0].start, spans[0].end - spans[0].start), "Zarqonia");
    EXPECT_EQ(spans[0].toponym, nullptr);
    EXPECT_GT(spans[0].score, 0.9);
}

TEST(EventLocatorTest, NoCandidateOnTheEventWordOrOutsideTheSentence) {
    const EventLocator m = EventLocator::from_text("b\t4\n", "model.txt");
    const std::string s = "Zarqonia burned. Fighting in Merrow.";
    // the sentence is [17, 36): Zarqonia is outside it, Fighting is the event
    const auto spans = m.locate(s, 17, s.size(), 17, 25, {});
    ASSERT_EQ(spans.size(), 1U);
    EXPECT_EQ(s.substr(spans[0].start, spans[0].end - spans[0].start), "Merrow");
}

std::string span_text(const std::string& s, const LocationSpan& l) {
    return s.substr(l.start, l.end - l.start);
}

Toponym toponym_at(const std::string& s, std::string_view name) {
    Toponym t;
    t.start = s.find(name);
    t.end = t.start + name.size();
    t.text = std::string(name);
    return t;
}

// "Gaza Strip": the geoparser knows "Gaza" only; the whole run is a candidate beside its
// pieces, and spans kept never overlap even when every option passes the thresholds.
TEST(EventLocatorTest, AWholeRunOrItsPiecesNeverBoth) {
    const std::string s = "Airstrikes hit the Gaza Strip overnight.";
    const std::vector<Toponym> tops = {toponym_at(s, "Gaza")};
    const std::string thresholds = "threshold\t0.01\nthreshold_more\t0.01\n";
    const EventLocator whole =
        EventLocator::from_text(thresholds + "b\t1\nmerged=2\t3\n", "model.txt");
    auto spans = whole.locate(s, 0, s.size(), 0, 10, tops);
    ASSERT_EQ(spans.size(), 1U);
    EXPECT_EQ(span_text(s, spans[0]), "Gaza Strip");
    EXPECT_EQ(spans[0].toponym, &tops[0]);
    const EventLocator pieces =
        EventLocator::from_text(thresholds + "b\t1\nmerged=2\t-3\n", "model.txt");
    spans = pieces.locate(s, 0, s.size(), 0, 10, tops);
    ASSERT_EQ(spans.size(), 2U);
    EXPECT_EQ(span_text(s, spans[0]), "Gaza");
    EXPECT_EQ(span_text(s, spans[1]), "Strip");
}

// Training learns the extent from the gold spans: the whole run when the gold names it.
TEST(EventLocatorTest, TrainingLearnsTheWholeRun) {
    Diagnostics problems;
    const auto records =
        read(R"({"id": 1, "text": "Shelling hit Zarqa Province today.", "event": {"start": 0,)"
             R"( "end": 8}, "locations": [{"start": 13, "end": 27}]})"
             "\n"
             R"({"id": 2, "text": "Fighting hit Merrow Province today.", "event": {"start": 0,)"
             R"( "end": 8}, "locations": [{"start": 13, "end": 28}]})",
             problems);
    ASSERT_EQ(records.size(), 2U);
    const std::vector<std::vector<Toponym>> tops = {{toponym_at(records[0].text, "Zarqa")},
                                                    {toponym_at(records[1].text, "Merrow")}};
    LocatorTrainingOptions options;
    options.min_records = 1;
    options.bags = 2;
    const EventLocator m = EventLocator::train(records, tops, options);
    const std::string s = "Clashes hit Tarun Province today.";
    const std::vector<Toponym> t = {toponym_at(s, "Tarun")};
    const auto spans = m.locate(s, 0, s.size(), 0, 7, t);
    ASSERT_EQ(spans.size(), 1U);
    EXPECT_EQ(span_text(s, spans[0]), "Tarun Province");
    // the same options give the same weights (the seeds of the bags are fixed)
    EXPECT_EQ(EventLocator::train(records, tops, options).to_text(""), m.to_text(""));
}

// "Al-‘Eiss": a hyphen and an apostrophe inside a name keep it one candidate.
TEST(EventLocatorTest, HyphenAndApostropheInsideAName) {
    const EventLocator m = EventLocator::from_text("b\t-4\np1=in\t8\n", "model.txt");
    const std::string s = "Rebels shelled positions in Al-\u2018Eiss on Friday.";
    const auto spans = m.locate(s, 0, s.size(), 7, 14, {});
    ASSERT_EQ(spans.size(), 1U);
    EXPECT_EQ(span_text(s, spans[0]), "Al-\u2018Eiss");
}

// The word heading a name counts by its identity only when it says what kind of thing the
// name is ("Province"); a name's own words never do, so the weights hold no proper names.
TEST(EventLocatorTest, AKindWordHeadsANameButANameDoesNot) {
    const EventLocator m = EventLocator::from_text(
        "b\t-4\nhead=province\t8\nhead=zarqa\t8\nhead=merrow\t8\n", "model.txt");
    const std::string s = "Shelling hit Zarqa Province and Merrow today.";
    const auto spans = m.locate(s, 0, s.size(), 0, 8, {});
    ASSERT_EQ(spans.size(), 1U);
    EXPECT_EQ(span_text(s, spans[0]), "Zarqa Province");
}

// "Zarqa in Merrow Valley": the candidate next to this one and the words between.
TEST(EventLocatorTest, TheNeighbouringCandidateAndTheWordsBetween) {
    const EventLocator m = EventLocator::from_text("b\t-4\nnext=in cap\t8\n", "model.txt");
    const std::string s = "Fighting hit Zarqa in Merrow Valley.";
    const auto spans = m.locate(s, 0, s.size(), 0, 8, {});
    ASSERT_EQ(spans.size(), 1U);
    EXPECT_EQ(span_text(s, spans[0]), "Zarqa");
}

// "Zarqonia, Merrow and Qarvel": three places of one list share the probability; with a
// list ratio the members of the likeliest one's list pass a lower bar than other candidates.
TEST(EventLocatorTest, TheMembersOfAListAreKeptTogether) {
    const std::string s = "Fighting hit Zarqonia, Merrow and Qarvel near Tobrel.";
    // every candidate scores 1, "no place" 0: each place has about 0.22
    const std::string model = "threshold\t0.2\nthreshold_more\t0.5\nb\t1\n";
    const auto listed = EventLocator::from_text(model + "list_ratio\t0.5\n", "model.txt")
                            .locate(s, 0, s.size(), 0, 8, {});
    ASSERT_EQ(listed.size(), 3U);
    EXPECT_EQ(span_text(s, listed[0]), "Zarqonia");
    EXPECT_EQ(span_text(s, listed[1]), "Merrow");
    EXPECT_EQ(span_text(s, listed[2]), "Qarvel");
    const auto alone = EventLocator::from_text(model + "list_ratio\t1\n", "model.txt")
                           .locate(s, 0, s.size(), 0, 8, {});
    ASSERT_EQ(alone.size(), 1U);
    EXPECT_EQ(span_text(s, alone[0]), "Zarqonia");
}

// The list ratio a model is trained with is the one it locates with and writes.
TEST(EventLocatorTest, TrainingKeepsTheListRatio) {
    LocatorTrainingOptions o;
    o.list_ratio = 0.3;
    o.bags = 1;
    EXPECT_DOUBLE_EQ(EventLocator::train({}, {}, o).list_ratio(), 0.3);
}

// Thresholds chosen by an inner cross-validation reuse the weights trained once.
TEST(EventLocatorTest, WithThresholdsKeepsTheWeights) {
    const EventLocator m = EventLocator::from_text(
        "threshold\t0.4\nthreshold_more\t0.3\nlist_ratio\t1\nb\t1\np1=in\t2\n", "model.txt");
    const EventLocator t = m.with_thresholds(0.2, 0.05);
    EXPECT_EQ(t.feature_count(), 2U);
    EXPECT_DOUBLE_EQ(t.threshold(), 0.4);
    EXPECT_DOUBLE_EQ(t.threshold_more(), 0.2);
    EXPECT_DOUBLE_EQ(t.list_ratio(), 0.05);
    EXPECT_DOUBLE_EQ(m.threshold_more(), 0.3);
}

TEST(EventLocatorTest, EmptyModelLocatesNothing) {
    const std::string s = "Fighting in Merrow.";
    EXPECT_TRUE(EventLocator().locate(s, 0, s.size(), 0, 8, {}).empty());
}

TEST(EventLocatorBuiltinTest, TheTownWhereItHappenedNotWhereItWasSaid) {
    const Geoparser& parser = testing::default_parser();
    const std::string s =
        "Armed groups shelled a school in Gharyan on Sunday, the health ministry in Tripoli said.";
    const auto toponyms = parser.parse(s);
    const std::size_t ev = s.find("shelled");
    const Gazetteer* g = &testing::default_gazetteer();
    const auto spans = EventLocator::builtin().locate(s, 0, s.size(), ev, ev + 7, toponyms, g);
    ASSERT_FALSE(spans.empty());
    EXPECT_EQ(s.substr(spans[0].start, spans[0].end - spans[0].start), "Gharyan");
    ASSERT_NE(spans[0].toponym, nullptr);
    EXPECT_EQ(spans[0].toponym->country, "LY");
    const Toponym* gharyan = spans[0].toponym;
    const Toponym* tripoli = nullptr;
    for (const Toponym& t : toponyms)
        tripoli = t.text == "Tripoli" ? &t : tripoli;
    ASSERT_NE(tripoli, nullptr);
    const auto& model = EventLocator::builtin();
    const std::vector<LocationSpan> scored =
        model.place_probabilities(s, 0, s.size(), ev, ev + 7, toponyms, g);
    EXPECT_GT(EventLocator::probability_of(scored, *gharyan),
              EventLocator::probability_of(scored, *tripoli));
}

TEST(EventLocatorBuiltinTest, NoPlaceNamed) {
    const std::string s = "The talks on a ceasefire resumed after a week.";
    const std::size_t ev = s.find("resumed");
    EXPECT_TRUE(EventLocator::builtin()
                    .locate(s, 0, s.size(), ev, ev + 7, testing::default_parser().parse(s),
                            &testing::default_gazetteer())
                    .empty());
}

} // namespace
} // namespace kharita
