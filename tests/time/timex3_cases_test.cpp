// The TIMEX3 cases of tests/data/timex3-cases.jsonl (sentences written for Kharita, one per
// construction of the TimeML guidelines): the share right is printed, and the cases listed
// in kPinned, which pass today, must keep passing.

#include "kharita/eval/time_eval.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>

namespace kharita {
namespace {

const std::filesystem::path kCases =
    std::filesystem::path(KHARITA_TEST_DATA_DIR) / "timex3-cases.jsonl";

TimexScores score_cases() {
    std::vector<std::string> problems;
    const auto docs = read_timex_documents(kCases, problems);
    EXPECT_TRUE(problems.empty()) << problems.front();
    EXPECT_GE(docs.size(), 200U);
    return score_timexes(docs);
}

TEST(Timex3Cases, ReportsTheShareRight) {
    const TimexScores s = score_cases();
    std::printf("TIMEX3 cases: %zu / %zu right (type, value, mod, quant, freq and nothing "
                "spurious); value F1 %.3f, relaxed F1 %.3f, strict F1 %.3f\n",
                s.cases_right, s.documents, value_f1(s), prf(s.relaxed, s.found, s.gold).f1,
                prf(s.strict, s.found, s.gold).f1);
    for (const TimexError& e : s.errors) {
        std::printf("  %s %s \"%s\": expected %s, found %s\n", e.document.c_str(), e.kind.c_str(),
                    e.text.c_str(), e.expected.c_str(), e.found.c_str());
    }
    EXPECT_GT(s.cases_right, 0U);
}

// The cases right when they were pinned; a case leaves this list only with a reason.
const std::set<std::string> kPinned = {
#include "timex3_pinned.inc"
};

TEST(Timex3Cases, PinnedCasesStayRight) {
    const TimexScores s = score_cases();
    for (const std::string& id : kPinned) {
        EXPECT_TRUE(std::find(s.right_ids.begin(), s.right_ids.end(), id) != s.right_ids.end())
            << id << " no longer right";
    }
}

} // namespace
} // namespace kharita
