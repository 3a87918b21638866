// Pins the sentence splitter (detail::sentences) on the tricky texts: byte ranges and
// their text.

#include "kharita/text/sentences.hpp"

#include "text/tricky_texts.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace kharita;
using kharita::test::kTrickyTexts;
using kharita::test::show;

namespace {

using Lines = std::vector<std::string>;

Lines sentence_view(std::string_view text) {
    Lines out;
    for (const detail::TextSpan& s : detail::sentences(text)) {
        out.push_back(std::to_string(s.begin) + "-" + std::to_string(s.end) + " [" +
                      show(text.substr(s.begin, s.end - s.begin)) + "]");
    }
    return out;
}

} // namespace

TEST(Sentences, EmptyText) {
    EXPECT_EQ(sentence_view(kTrickyTexts[0]), Lines{});
}

TEST(Sentences, OnlySpaces) {
    EXPECT_EQ(sentence_view(kTrickyTexts[1]), (Lines{
                                                  "0-4 [  \\x09\\x0A]",
                                                  "4-5 [ ]",
                                              }));
}

TEST(Sentences, HyphensAndDashes) {
    EXPECT_EQ(sentence_view(kTrickyTexts[2]),
              (Lines{
                  "0-124 [Libyan-Tunisian border, Ras Ajdir – Zuwara—Sabratha ‐ Zawiya‑Tripoli - "
                  "al-Bayda -5 x--y 9-b end- -start x-é 12–13]",
              }));
}

TEST(Sentences, Apostrophes) {
    EXPECT_EQ(sentence_view(kTrickyTexts[3]),
              (Lines{
                  "0-116 [Ra's Lanuf, Ra’s Ajdir and Martyrs' Square; O'Neil's son, rock 'n' roll, "
                  "Benghazi's 's s' it'sx Ra’s, Sirte’S.]",
                  "116-121 [ Ra's]",
              }));
}

TEST(Sentences, DottedAbbreviations) {
    EXPECT_EQ(
        sentence_view(kTrickyTexts[4]),
        (Lines{
            "0-77 [The U.S. and U.K. said U.S.A. officials, U.S visited 1U.S. A.B.C.D. x U.S.É.]",
            "77-84 [ U.S.\\xC9.]",
            "84-88 [ Mr.]",
            "88-94 [ Smith]",
        }));
}

TEST(Sentences, Digits) {
    EXPECT_EQ(sentence_view(kTrickyTexts[5]),
              (Lines{
                  "0-86 [On 12 May 2025 at 5:30pm, 1234567890123456 people; 3D A1 2nd 07/06/2024 "
                  "+10days ٣٤ x]",
              }));
}

TEST(Sentences, ArabicScript) {
    EXPECT_EQ(sentence_view(kTrickyTexts[6]), (Lines{
                                                  "0-48 [اشتباكات في طرابلس، ليبيا.]",
                                                  "48-87 [ مُصراتة ـ بنغازي Tripoli]",
                                              }));
}

TEST(Sentences, BrokenUtf8) {
    EXPECT_EQ(sentence_view(kTrickyTexts[7]),
              (Lines{
                  "0-58 [Tri\\xC3poli \\xE212 May \\xF0abé x \\xFF\\xFE y � z \\xC0\\xAF w "
                  "\\xED\\xA0\\x80 v \\x80q\\xE2\\x805 abc\\xE2\\x80]",
              }));
}

TEST(Sentences, CaseQuotesAndLineBreaks) {
    EXPECT_EQ(
        sentence_view(kTrickyTexts[8]),
        (Lines{
            "0-80 [café Zürich ÉTAT ǅemal NATO x y “Tripoli” (Benghazi) [Sirte] • Derna\\x0A]",
            "80-88 [Tobruk\\x0D\\x0A]",
            "88-133 [al-Bayda | Sabha: \"Ghat\" ∙ 8:23 AM · Jul 9]",
        }));
}

TEST(Sentences, Sentences) {
    EXPECT_EQ(sentence_view(kTrickyTexts[9]), (Lines{
                                                  "0-3 [Mr.]",
                                                  "3-21 [ Smith met J. Doe.]",
                                                  "21-42 [ U.S. officials said!]",
                                                  "42-49 [ \"Yes.\"]",
                                                  "49-66 [ Then État? ok.\\x0A]",
                                                  "66-95 [New line. x.  Two spaces. end]",
                                              }));
}

TEST(Sentences, TrailingStop) {
    EXPECT_EQ(sentence_view(kTrickyTexts[10]), (Lines{
                                                   "0-10 [It ended. ]",
                                               }));
}

TEST(Sentences, QuotationsOpenAndCloseSentences) {
    EXPECT_EQ(sentence_view("It will launch a poll. 'The clashes are a warning,' she said. "
                            "\"We act now.\" Then talks resumed."),
              (Lines{
                  "0-22 [It will launch a poll.]",
                  "22-61 [ 'The clashes are a warning,' she said.]",
                  "61-75 [ \"We act now.\"]",
                  "75-95 [ Then talks resumed.]",
              }));
}

TEST(Sentences, ARunWithNoStopIsCutAtASpaceAfterTwoThousandBytes) {
    // a scraped table or an unpunctuated feed: 7,600 bytes of words and no stop
    std::string run;
    while (run.size() < 7600)
        run += "the delegates met officials in Benghazi on 3 July and said that ";
    const std::vector<detail::TextSpan> spans = detail::sentences(run);
    ASSERT_GE(spans.size(), 4U);
    std::size_t at = 0;
    for (const detail::TextSpan& s : spans) {
        EXPECT_EQ(s.begin, at);
        EXPECT_LE(s.end - s.begin, 2001U + 20U); // the cut falls at the first space past 2,000
        if (s.end < run.size()) {
            EXPECT_EQ(run[s.end - 1], ' ');
        }
        at = s.end;
    }
    EXPECT_EQ(at, run.size());
}
