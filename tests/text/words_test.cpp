// Pins the event extractor's view of a text (detail::lower_words) on the tricky texts:
// byte offsets and the lowercased word.

#include "kharita/text/words.hpp"

#include "text/tricky_texts.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace kharita;
using kharita::test::kTrickyTexts;
using kharita::test::show;

namespace {

using Lines = std::vector<std::string>;

Lines words_view(std::string_view text) {
    Lines out;
    for (const detail::Word& w : detail::lower_words(text, 0, text.size())) {
        out.push_back(std::to_string(w.start) + "-" + std::to_string(w.end) + " [" + show(w.lower) +
                      "]");
    }
    return out;
}

} // namespace

TEST(LowerWords, EmptyText) {
    EXPECT_EQ(words_view(kTrickyTexts[0]), Lines{});
}

TEST(LowerWords, OnlySpaces) {
    EXPECT_EQ(words_view(kTrickyTexts[1]), Lines{});
}

TEST(LowerWords, HyphensAndDashes) {
    EXPECT_EQ(words_view(kTrickyTexts[2]), (Lines{
                                               "0-15 [libyan-tunisian]",
                                               "16-22 [border]",
                                               "24-27 [ras]",
                                               "28-33 [ajdir]",
                                               "34-37 [–]",
                                               "38-55 [zuwara—sabratha]",
                                               "56-59 [‐]",
                                               "60-76 [zawiya‑tripoli]",
                                               "79-87 [al-bayda]",
                                               "89-90 [5]",
                                               "91-92 [x]",
                                               "94-95 [y]",
                                               "96-99 [9-b]",
                                               "100-103 [end]",
                                               "106-111 [start]",
                                               "112-113 [x]",
                                               "114-116 [é]",
                                               "117-124 [12–13]",
                                           }));
}

TEST(LowerWords, Apostrophes) {
    EXPECT_EQ(words_view(kTrickyTexts[3]),
              (Lines{
                  "0-2 [ra]",      "3-4 [s]",       "5-10 [lanuf]",      "12-18 [ra’s]",
                  "19-24 [ajdir]", "25-28 [and]",   "29-36 [martyrs]",   "38-44 [square]",
                  "46-47 [o]",     "48-52 [neil]",  "53-54 [s]",         "55-58 [son]",
                  "60-64 [rock]",  "66-67 [n]",     "69-73 [roll]",      "75-83 [benghazi]",
                  "84-85 [s]",     "87-88 [s]",     "89-90 [s]",         "92-94 [it]",
                  "95-97 [sx]",    "98-104 [ra’s]", "106-115 [sirte’s]", "117-119 [ra]",
                  "120-121 [s]",
              }));
}

TEST(LowerWords, DottedAbbreviations) {
    EXPECT_EQ(
        words_view(kTrickyTexts[4]),
        (Lines{
            "0-3 [the]",         "4-5 [u]",       "6-7 [s]",    "9-12 [and]",      "13-14 [u]",
            "15-16 [k]",         "18-22 [said]",  "23-24 [u]",  "25-26 [s]",       "27-28 [a]",
            "30-39 [officials]", "41-42 [u]",     "43-44 [s]",  "45-52 [visited]", "53-55 [1u]",
            "56-57 [s]",         "59-60 [a]",     "61-62 [b]",  "63-64 [c]",       "65-66 [d]",
            "68-69 [x]",         "70-71 [u]",     "72-73 [s]",  "74-76 [É]",       "78-79 [u]",
            "80-81 [s]",         "82-83 [\\xC9]", "85-87 [mr]", "89-94 [smith]",
        }));
}

TEST(LowerWords, Digits) {
    EXPECT_EQ(words_view(kTrickyTexts[5]), (Lines{
                                               "0-2 [on]",
                                               "3-5 [12]",
                                               "6-9 [may]",
                                               "10-14 [2025]",
                                               "15-17 [at]",
                                               "18-19 [5]",
                                               "20-24 [30pm]",
                                               "26-42 [1234567890123456]",
                                               "43-49 [people]",
                                               "51-53 [3d]",
                                               "54-56 [a1]",
                                               "57-60 [2nd]",
                                               "61-63 [07]",
                                               "64-66 [06]",
                                               "67-71 [2024]",
                                               "73-79 [10days]",
                                               "80-84 [٣٤]",
                                               "85-86 [x]",
                                           }));
}

TEST(LowerWords, ArabicScript) {
    EXPECT_EQ(words_view(kTrickyTexts[6]), (Lines{
                                               "0-16 [اشتباكات]",
                                               "17-21 [في]",
                                               "22-36 [طرابلس،]",
                                               "37-47 [ليبيا]",
                                               "49-63 [مُصراتة]",
                                               "64-66 [ـ]",
                                               "67-79 [بنغازي]",
                                               "80-87 [tripoli]",
                                           }));
}

TEST(LowerWords, BrokenUtf8) {
    EXPECT_EQ(words_view(kTrickyTexts[7]), (Lines{
                                               "0-8 [tri\\xC3poli]",
                                               "9-12 [\\xE212]",
                                               "13-16 [may]",
                                               "17-22 [\\xF0abé]",
                                               "23-24 [x]",
                                               "25-27 [\\xFF\\xFE]",
                                               "28-29 [y]",
                                               "30-33 [�]",
                                               "34-35 [z]",
                                               "36-38 [\\xC0\\xAF]",
                                               "39-40 [w]",
                                               "41-44 [\\xED\\xA0\\x80]",
                                               "45-46 [v]",
                                               "47-52 [\\x80q\\xE2\\x805]",
                                               "53-58 [abc\\xE2\\x80]",
                                           }));
}

TEST(LowerWords, CaseQuotesAndLineBreaks) {
    EXPECT_EQ(words_view(kTrickyTexts[8]),
              (Lines{
                  "0-5 [café]",       "6-13 [zürich]",  "14-19 [État]",      "20-26 [ǅemal]",
                  "27-31 [nato]",     "32-36 [x y]",    "37-50 [“tripoli”]", "52-60 [benghazi]",
                  "63-68 [sirte]",    "70-73 [•]",      "74-79 [derna]",     "80-86 [tobruk]",
                  "88-96 [al-bayda]", "99-104 [sabha]", "107-111 [ghat]",    "113-116 [∙]",
                  "117-118 [8]",      "119-121 [23]",   "122-124 [am]",      "125-127 [·]",
                  "128-131 [jul]",    "132-133 [9]",
              }));
}

TEST(LowerWords, Sentences) {
    EXPECT_EQ(
        words_view(kTrickyTexts[9]),
        (Lines{
            "0-2 [mr]",     "4-9 [smith]",  "10-13 [met]",       "14-15 [j]",    "17-20 [doe]",
            "22-23 [u]",    "24-25 [s]",    "27-36 [officials]", "37-41 [said]", "44-47 [yes]",
            "50-54 [then]", "55-60 [État]", "62-64 [ok]",        "66-69 [new]",  "70-74 [line]",
            "76-77 [x]",    "80-83 [two]",  "84-90 [spaces]",    "92-95 [end]",
        }));
}

TEST(LowerWords, TrailingStop) {
    EXPECT_EQ(words_view(kTrickyTexts[10]), (Lines{
                                                "0-2 [it]",
                                                "3-8 [ended]",
                                            }));
}

TEST(LowerWords, StayInsideTheirRange) {
    const std::string_view text = "al-Bayda x-y, Tripoli";
    // the hyphen at the end of the range joins nothing beyond it
    const std::vector<detail::Word> w = detail::lower_words(text, 3, 12);
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[0].lower, "bayda");
    EXPECT_EQ(w[1].lower, "x-y");
    EXPECT_EQ(detail::lower_words(text, 0, 3).at(0).lower, "al");
    EXPECT_TRUE(detail::lower_words(text, 5, 5).empty());
}
