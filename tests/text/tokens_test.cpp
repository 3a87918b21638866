// Pins the geoparser's view of a text (detail::tokenize) on the tricky texts: byte
// offsets, surface, normalised form, the gap before each token and its flags
// (U upper initial, C all caps, A Arabic, S sentence start, D digit, P possessive).

#include "kharita/text/tokens.hpp"

#include "text/tricky_texts.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace kharita;
using kharita::test::kTrickyTexts;
using kharita::test::show;

namespace {

using Lines = std::vector<std::string>;

std::string_view gap_name(detail::Gap g) {
    switch (g) {
    case detail::Gap::start:
        return "start";
    case detail::Gap::space:
        return "space";
    case detail::Gap::hyphen:
        return "hyphen";
    case detail::Gap::comma:
        return "comma";
    case detail::Gap::other:
        return "other";
    }
    return "?";
}

Lines geo_view(std::string_view text) {
    Lines out;
    for (const detail::Token& t : detail::tokenize(text)) {
        std::string flags;
        flags += t.upper_initial ? "U" : "";
        flags += t.all_caps ? "C" : "";
        flags += t.arabic ? "A" : "";
        flags += t.sentence_start ? "S" : "";
        flags += t.has_digit ? "D" : "";
        flags += t.possessive ? "P" : "";
        out.push_back(std::to_string(t.begin) + "-" + std::to_string(t.end) + " " +
                      show(text.substr(t.begin, t.end - t.begin)) + " [" + show(t.norm) + "] " +
                      std::string(gap_name(t.gap)) + (flags.empty() ? "" : " " + flags));
    }
    return out;
}

std::size_t invalid_bytes(std::string_view text) {
    std::size_t invalid = 0;
    detail::tokenize(text, &invalid);
    return invalid;
}

} // namespace

TEST(GeoTokens, EmptyText) {
    EXPECT_EQ(geo_view(kTrickyTexts[0]), Lines{});
    EXPECT_EQ(invalid_bytes(kTrickyTexts[0]), 0u);
}

TEST(GeoTokens, OnlySpaces) {
    EXPECT_EQ(geo_view(kTrickyTexts[1]), Lines{});
    EXPECT_EQ(invalid_bytes(kTrickyTexts[1]), 0u);
}

TEST(GeoTokens, HyphensAndDashes) {
    EXPECT_EQ(geo_view(kTrickyTexts[2]), (Lines{
                                             "0-6 Libyan [libyan] start US",
                                             "7-15 Tunisian [tunisian] hyphen U",
                                             "16-22 border [border] space",
                                             "24-27 Ras [ras] comma U",
                                             "28-33 Ajdir [ajdir] space U",
                                             "38-44 Zuwara [zuwara] hyphen U",
                                             "47-55 Sabratha [sabratha] hyphen U",
                                             "60-66 Zawiya [zawiya] hyphen U",
                                             "69-76 Tripoli [tripoli] hyphen U",
                                             "79-81 al [al] hyphen",
                                             "82-87 Bayda [bayda] hyphen U",
                                             "89-90 5 [5] hyphen D",
                                             "91-92 x [x] space",
                                             "94-95 y [y] hyphen",
                                             "96-97 9 [9] space D",
                                             "98-99 b [b] hyphen",
                                             "100-103 end [end] space",
                                             "106-111 start [start] hyphen",
                                             "112-113 x [x] space",
                                             "114-116 é [e] hyphen",
                                             "117-119 12 [12] space D",
                                             "122-124 13 [13] hyphen D",
                                         }));
    EXPECT_EQ(invalid_bytes(kTrickyTexts[2]), 0u);
}

TEST(GeoTokens, Apostrophes) {
    EXPECT_EQ(geo_view(kTrickyTexts[3]), (Lines{
                                             "0-2 Ra [ra] start USP",
                                             "5-10 Lanuf [lanuf] space U",
                                             "12-14 Ra [ra] comma UP",
                                             "19-24 Ajdir [ajdir] space U",
                                             "25-28 and [and] space",
                                             "29-36 Martyrs [martyrs] space U",
                                             "38-44 Square [square] space U",
                                             "46-52 O'Neil [oneil] other UP",
                                             "55-58 son [son] space",
                                             "60-64 rock [rock] comma",
                                             "66-67 n [n] space",
                                             "69-73 roll [roll] space",
                                             "75-83 Benghazi [benghazi] comma UP",
                                             "87-88 s [s] space",
                                             "89-90 s [s] space",
                                             "92-97 it'sx [itsx] space",
                                             "98-100 Ra [ra] space UP",
                                             "106-111 Sirte [sirte] comma UP",
                                             "117-119 Ra [ra] other USP",
                                         }));
    EXPECT_EQ(invalid_bytes(kTrickyTexts[3]), 0u);
}

TEST(GeoTokens, DottedAbbreviations) {
    EXPECT_EQ(geo_view(kTrickyTexts[4]), (Lines{
                                             "0-3 The [the] start US",
                                             "4-8 U.S. [us] space UC",
                                             "9-12 and [and] space",
                                             "13-17 U.K. [uk] space UC",
                                             "18-22 said [said] space",
                                             "23-29 U.S.A. [usa] space UC",
                                             "30-39 officials [officials] space",
                                             "41-42 U [u] comma U",
                                             "43-44 S [s] other US",
                                             "45-52 visited [visited] space",
                                             "53-58 1U.S. [1us] space CD",
                                             "59-67 A.B.C.D. [abcd] space UC",
                                             "68-69 x [x] space",
                                             "70-74 U.S. [us] space UC",
                                             "74-76 É [e] space U",
                                             "78-84 U.S.\\xC9. [us] other UCS",
                                             "85-87 Mr [mr] space U",
                                             "89-94 Smith [smith] other US",
                                         }));
    EXPECT_EQ(invalid_bytes(kTrickyTexts[4]), 0u);
}

TEST(GeoTokens, Digits) {
    EXPECT_EQ(geo_view(kTrickyTexts[5]), (Lines{
                                             "0-2 On [on] start US",
                                             "3-5 12 [12] space D",
                                             "6-9 May [may] space U",
                                             "10-14 2025 [2025] space D",
                                             "15-17 at [at] space",
                                             "18-19 5 [5] space D",
                                             "20-24 30pm [30pm] other D",
                                             "26-42 1234567890123456 [1234567890123456] comma D",
                                             "43-49 people [people] space",
                                             "51-53 3D [3d] other D",
                                             "54-56 A1 [a1] space UD",
                                             "57-60 2nd [2nd] space D",
                                             "61-63 07 [07] space D",
                                             "64-66 06 [06] other D",
                                             "67-71 2024 [2024] other D",
                                             "73-79 10days [10days] other D",
                                             "80-84 ٣٤ [٣٤] space A",
                                             "85-86 x [x] space",
                                         }));
    EXPECT_EQ(invalid_bytes(kTrickyTexts[5]), 0u);
}

TEST(GeoTokens, ArabicScript) {
    EXPECT_EQ(geo_view(kTrickyTexts[6]), (Lines{
                                             "0-16 اشتباكات [اشتباكات] start AS",
                                             "17-21 في [في] space A",
                                             "22-34 طرابلس [طرابلس] space A",
                                             "37-47 ليبيا [ليبيا] other A",
                                             "49-63 مُصراتة [مصراته] other AS",
                                             "64-66 ـ [] space A",
                                             "67-79 بنغازي [بنغازي] space A",
                                             "80-87 Tripoli [tripoli] space U",
                                         }));
    EXPECT_EQ(invalid_bytes(kTrickyTexts[6]), 0u);
}

TEST(GeoTokens, BrokenUtf8) {
    EXPECT_EQ(geo_view(kTrickyTexts[7]), (Lines{
                                             "0-3 Tri [tri] start US",
                                             "4-8 poli [poli] other",
                                             "10-12 12 [12] other D",
                                             "13-16 May [may] space U",
                                             "18-22 abé [abe] other",
                                             "23-24 x [x] space",
                                             "28-29 y [y] other",
                                             "34-35 z [z] other",
                                             "39-40 w [w] other",
                                             "45-46 v [v] other",
                                             "48-49 q [q] other",
                                             "51-52 5 [5] other D",
                                             "53-56 abc [abc] space",
                                         }));
    EXPECT_EQ(invalid_bytes(kTrickyTexts[7]), 18u);
}

TEST(GeoTokens, CaseQuotesAndLineBreaks) {
    EXPECT_EQ(geo_view(kTrickyTexts[8]), (Lines{
                                             "0-5 café [cafe] start S",
                                             "6-13 Zürich [zurich] space U",
                                             "14-19 ÉTAT [etat] space UC",
                                             "20-26 ǅemal [dzemal] space U",
                                             "27-31 NATO [nato] space UC",
                                             "32-33 x [x] space",
                                             "35-36 y [y] space",
                                             "40-47 Tripoli [tripoli] other US",
                                             "52-60 Benghazi [benghazi] other U",
                                             "63-68 Sirte [sirte] other U",
                                             "74-79 Derna [derna] other US",
                                             "80-86 Tobruk [tobruk] other US",
                                             "88-90 al [al] other S",
                                             "91-96 Bayda [bayda] hyphen U",
                                             "99-104 Sabha [sabha] other U",
                                             "107-111 Ghat [ghat] other US",
                                             "117-118 8 [8] other SD",
                                             "119-121 23 [23] other D",
                                             "122-124 AM [am] space UC",
                                             "128-131 Jul [jul] other U",
                                             "132-133 9 [9] space D",
                                         }));
    EXPECT_EQ(invalid_bytes(kTrickyTexts[8]), 0u);
}

TEST(GeoTokens, Sentences) {
    EXPECT_EQ(geo_view(kTrickyTexts[9]), (Lines{
                                             "0-2 Mr [mr] start US",
                                             "4-9 Smith [smith] other US",
                                             "10-13 met [met] space",
                                             "14-15 J [j] space U",
                                             "17-20 Doe [doe] other US",
                                             "22-26 U.S. [us] other UCS",
                                             "27-36 officials [officials] space",
                                             "37-41 said [said] space",
                                             "44-47 Yes [yes] other US",
                                             "50-54 Then [then] other US",
                                             "55-60 État [etat] space U",
                                             "62-64 ok [ok] other S",
                                             "66-69 New [new] other US",
                                             "70-74 line [line] space",
                                             "76-77 x [x] other S",
                                             "80-83 Two [two] other US",
                                             "84-90 spaces [spaces] space",
                                             "92-95 end [end] other S",
                                         }));
    EXPECT_EQ(invalid_bytes(kTrickyTexts[9]), 0u);
}

TEST(GeoTokens, TrailingStop) {
    EXPECT_EQ(geo_view(kTrickyTexts[10]), (Lines{
                                              "0-2 It [it] start US",
                                              "3-8 ended [ended] space",
                                          }));
    EXPECT_EQ(invalid_bytes(kTrickyTexts[10]), 0u);
}

namespace {

/// code_point_offset() at every byte offset of a text and one past its end.
std::string offsets(std::string_view text) {
    std::string out;
    for (std::size_t b = 0; b <= text.size() + 1; ++b)
        out += (b == 0 ? "" : " ") + std::to_string(detail::code_point_offset(text, b));
    return out;
}

} // namespace

// An offset inside a sequence counts the code point it cuts; an invalid byte counts as one.
TEST(CodePointOffset, ArabicScript) {
    EXPECT_EQ(offsets(kTrickyTexts[6]),
              "0 1 1 2 2 3 3 4 4 5 5 6 6 7 7 8 8 9 10 10 11 11 12 13 13 14 14 15 15 16 16 17 17 18 "
              "18 19 19 20 21 21 22 22 23 23 24 24 25 25 26 27 28 28 29 29 30 30 31 31 32 32 33 33 "
              "34 34 35 36 36 37 38 38 39 39 40 40 41 41 42 42 43 43 44 45 46 47 48 49 50 51 51");
}

TEST(CodePointOffset, BrokenUtf8) {
    EXPECT_EQ(
        offsets(kTrickyTexts[7]),
        "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 21 22 23 24 25 26 27 28 29 30 31 "
        "32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47 48 49 50 51 52 53 54 55 56 57 57");
}

TEST(CodePointOffset, CaseQuotesAndLineBreaks) {
    EXPECT_EQ(
        offsets(kTrickyTexts[8]),
        "0 1 2 3 4 4 5 6 7 7 8 9 10 11 12 13 13 14 15 16 17 18 18 19 20 21 22 23 24 25 26 27 28 29 "
        "30 30 31 32 33 33 33 34 35 36 37 38 39 40 41 41 41 42 43 44 45 46 47 48 49 50 51 52 53 54 "
        "55 56 57 58 59 60 61 62 62 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79 80 81 82 "
        "83 84 85 86 87 88 89 90 91 92 93 94 95 96 97 98 99 100 101 102 103 103 103 104 105 106 "
        "107 108 109 110 111 112 113 113 114 115 116 117 118 119 119");
}

TEST(CodePointOffset, EmptyText) {
    EXPECT_EQ(offsets(""), "0 0");
}
