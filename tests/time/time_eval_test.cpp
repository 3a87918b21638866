// Reading TimeML files and JSON Lines cases, and the TempEval-3 scores.

#include "kharita/eval/time_eval.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace kharita {
namespace {

namespace fs = std::filesystem;
const fs::path kTimeml = fs::path(KHARITA_TEST_DATA_DIR) / "timeml";

/// A file of `content` in a fresh temporary directory.
fs::path write_temp(const std::string& name, const std::string& content) {
    const fs::path dir =
        fs::temp_directory_path() /
        ("kharita_time_eval_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    std::ofstream(dir / name) << content;
    return dir / name;
}

const std::string kDct =
    "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-03-14\">x</TIMEX3></DCT>";

TEST(TimeEval, ReadsTimeMlFileWithOffsetsInCodePoints) {
    std::vector<std::string> problems;
    const auto docs = read_timex_documents(kTimeml / "harbour.tml", problems);
    ASSERT_TRUE(problems.empty()) << problems.front();
    ASSERT_EQ(docs.size(), 1U);
    const TimexDocument& d = docs[0];
    EXPECT_EQ(d.id, "harbour.tml");
    EXPECT_EQ(d.dct.day.iso(), "2013-03-14");
    ASSERT_EQ(d.gold.size(), 3U);
    EXPECT_EQ(d.gold[1].text, "three weeks");
    EXPECT_EQ(d.gold[1].type, "DURATION");
    EXPECT_EQ(d.gold[1].value, "P3W");
    EXPECT_NE(d.text.find("workers & drivers"), std::string::npos); // entity decoded
    EXPECT_EQ(d.text.substr(d.gold[0].start, d.gold[0].end - d.gold[0].start), "yesterday");
}

TEST(TimeEval, ReadsDirectoryOfTimeMlFilesInNameOrder) {
    std::vector<std::string> problems;
    const auto docs = read_timex_documents(kTimeml, problems);
    ASSERT_TRUE(problems.empty()) << problems.front();
    ASSERT_EQ(docs.size(), 2U);
    EXPECT_EQ(docs[0].id, "fair.tml");
    EXPECT_EQ(docs[1].gold.size(), 3U);
}

TEST(TimeEval, ScoresAsTempEval3) {
    std::vector<std::string> problems;
    const auto docs = read_timex_documents(kTimeml / "harbour.tml", problems);
    const TimexScores s = score_timexes(docs);
    EXPECT_EQ(s.gold, 3U);
    EXPECT_EQ(s.relaxed, 3U);
    EXPECT_EQ(s.value_right, 3U);
    EXPECT_DOUBLE_EQ(value_f1(s), prf(s.relaxed, s.found, s.gold).f1);
    const Prf p = prf(2, 4, 2);
    EXPECT_DOUBLE_EQ(p.p, 0.5);
    EXPECT_DOUBLE_EQ(p.r, 1.0);
}

TEST(TimeEval, NotWellFormedXmlNamesFileAndIsSkipped) {
    const fs::path f = write_temp("broken.tml", "<TimeML>" + kDct +
                                                    "<TEXT>On <TIMEX3 tid=\"t1\" type=\"DATE\" "
                                                    "value=\"2013-03-13\">Monday</TEXT></TimeML>");
    std::vector<std::string> problems;
    EXPECT_TRUE(read_timex_documents(f, problems).empty());
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].find("broken.tml"), std::string::npos);
    EXPECT_NE(problems[0].find("not well-formed XML"), std::string::npos);
}

TEST(TimeEval, Timex3WithoutValueNamesTheElement) {
    const fs::path f =
        write_temp("novalue.tml",
                   "<TimeML>" + kDct +
                       "<TEXT>On <TIMEX3 tid=\"t7\" type=\"DATE\">Monday</TIMEX3></TEXT></TimeML>");
    std::vector<std::string> problems;
    EXPECT_TRUE(read_timex_documents(f, problems).empty());
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].find("novalue.tml"), std::string::npos);
    EXPECT_NE(problems[0].find("TIMEX3 tid=t7: no value"), std::string::npos);
}

TEST(TimeEval, DctThatDoesNotParseNamesTheElement) {
    const fs::path f = write_temp(
        "baddct.tml", "<TimeML><DCT><TIMEX3 tid=\"t0\" value=\"March 2013\">x</TIMEX3></DCT>"
                      "<TEXT>Nothing.</TEXT></TimeML>");
    std::vector<std::string> problems;
    EXPECT_TRUE(read_timex_documents(f, problems).empty());
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].find("baddct.tml: element DCT"), std::string::npos);
}

TEST(TimeEval, OffsetsBeyondTheTextNameTheLine) {
    const fs::path f = write_temp(
        "cases.jsonl", "{\"id\":\"a\",\"dct\":\"2013-03-14\",\"text\":\"Today.\",\"expected\":[]}\n"
                       "{\"id\":\"b\",\"dct\":\"2013-03-14\",\"text\":\"Today.\",\"expected\":"
                       "[{\"text\":\"Today\",\"type\":\"DATE\",\"value\":\"2013-03-14\","
                       "\"start\":0,\"end\":40}]}\n");
    std::vector<std::string> problems;
    EXPECT_EQ(read_timex_documents(f, problems).size(), 1U); // the good line still read
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems[0].find("cases.jsonl:2"), std::string::npos);
    EXPECT_NE(problems[0].find("beyond the text"), std::string::npos);
}

TEST(TimeEval, GoodFileReadBesideABadOne) {
    const fs::path bad = write_temp("a_bad.tml", "<TimeML>");
    fs::copy_file(kTimeml / "fair.tml", bad.parent_path() / "b_fair.tml",
                  fs::copy_options::overwrite_existing);
    std::vector<std::string> problems;
    EXPECT_EQ(read_timex_documents(bad.parent_path(), problems).size(), 1U);
    EXPECT_EQ(problems.size(), 1U);
}

} // namespace
} // namespace kharita
