// Tests of core/text/normalize: case folding (NFKC_Casefold), Latin accent
// stripping, Arabic folding, index_form idempotence, UTF-8 validity and
// truncation. Expected values are written by hand from the Unicode rules
// (fullwidth -> ASCII by NFKC, ß -> ss by full case folding, ...).
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "core/text/normalize.h"

namespace vigie::text {
namespace {

struct Case {
  const char* name;
  std::string in;
  std::string want;
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.name; }

class FoldCaseTest : public ::testing::TestWithParam<Case> {};

TEST_P(FoldCaseTest, Folds) { EXPECT_EQ(fold_case(GetParam().in), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(
    Normalize, FoldCaseTest,
    ::testing::Values(Case{"ascii", "CanNaBis", "cannabis"},
                      Case{"ascii_punct_kept", "Hello, World!", "hello, world!"},
                      Case{"fullwidth", "\xEF\xBC\xA3\xEF\xBD\x81\xEF\xBD\x8E\xEF\xBD\x8E\xEF\xBD\x81\xEF\xBD\x82"
                                        "\xEF\xBD\x89\xEF\xBD\x93",  // Ｃａｎｎａｂｉｓ
                           "cannabis"},
                      Case{"sharp_s", "Stra\xC3\x9F" "e", "strasse"},          // Straße
                      Case{"capital_sharp_s", "STRA\xE1\xBA\x9E" "E", "strasse"},  // STRAẞE
                      Case{"accents_kept", "R\xC3\x89" "DUCTION", "r\xC3\xA9" "duction"},  // RÉDUCTION -> réduction
                      Case{"cyrillic", "\xD0\x9D\xD0\x90\xD0\xA0\xD0\x9A\xD0\x9E",           // НАРКО
                           "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE"},                      // нарко
                      Case{"greek_final_sigma", "\xCE\xA3\xCE\x9F\xCE\xA6\xCE\x9F\xCE\xA3",  // ΣΟΦΟΣ
                           "\xCF\x83\xCE\xBF\xCF\x86\xCE\xBF\xCF\x83"},                      // σοφοσ (fold, not lower)
                      Case{"ligature_fi", "\xEF\xAC\x81" "x", "fix"},                        // ﬁx
                      Case{"invalid_byte", "a\xFF" "b", "a\xEF\xBF\xBD" "b"},                // U+FFFD
                      Case{"truncated_sequence", "caf\xC3", "caf\xEF\xBF\xBD"},
                      Case{"empty", "", ""}),
    [](const auto& info) { return std::string(info.param.name); });

class FoldAccentsTest : public ::testing::TestWithParam<Case> {};

TEST_P(FoldAccentsTest, Strips) { EXPECT_EQ(fold_accents(GetParam().in), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(
    Normalize, FoldAccentsTest,
    ::testing::Values(Case{"french", "r\xC3\xA9" "duction l\xC3\xA9galisation", "reduction legalisation"},
                      Case{"spanish", "ni\xC3\xB1o coraz\xC3\xB3n", "nino corazon"},
                      Case{"german", "\xC3\xBC" "ber M\xC3\xA4" "dchen", "uber Madchen"},
                      Case{"vietnamese", "Vi\xE1\xBB\x87t", "Viet"},            // Việt
                      Case{"decomposed_input", "cafe\xCC\x81", "cafe"},          // e + U+0301
                      Case{"cyrillic_short_i_kept", "\xD0\xB9", "\xD0\xB9"},     // й
                      Case{"cyrillic_yo_folded", "\xD1\x91\xD0\xB6", "\xD0\xB5\xD0\xB6"},  // ёж -> еж
                      Case{"greek_tonos_kept", "\xCE\xAC", "\xCE\xAC"},          // ά
                      Case{"arabic_untouched", "\xD8\xA3\xD9\x8E", "\xD8\xA3\xD9\x8E"},  // أَ (fold_arabic's job)
                      Case{"stroke_letters_kept", "\xC3\xB8 \xC5\x82", "\xC3\xB8 \xC5\x82"},  // ø ł
                      Case{"ascii", "plain text", "plain text"}),
    [](const auto& info) { return std::string(info.param.name); });

class FoldArabicTest : public ::testing::TestWithParam<Case> {};

TEST_P(FoldArabicTest, Folds) { EXPECT_EQ(fold_arabic(GetParam().in), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(
    Normalize, FoldArabicTest,
    ::testing::Values(
        // مـخـدرات (with tatweel) -> مخدرات
        Case{"tatweel", "\xD9\x85\xD9\x80\xD8\xAE\xD9\x80\xD8\xAF\xD8\xB1\xD8\xA7\xD8\xAA",
             "\xD9\x85\xD8\xAE\xD8\xAF\xD8\xB1\xD8\xA7\xD8\xAA"},
        // مُخَدِّرَاتٌ (harakat, shadda, tanwin) -> مخدرات
        Case{"harakat", "\xD9\x85\xD9\x8F\xD8\xAE\xD9\x8E\xD8\xAF\xD9\x90\xD9\x91\xD8\xB1\xD9\x8E\xD8\xA7\xD8\xAA\xD9\x8C",
             "\xD9\x85\xD8\xAE\xD8\xAF\xD8\xB1\xD8\xA7\xD8\xAA"},
        // أ إ آ ٱ -> ا
        Case{"alef_forms", "\xD8\xA3 \xD8\xA5 \xD8\xA2 \xD9\xB1", "\xD8\xA7 \xD8\xA7 \xD8\xA7 \xD8\xA7"},
        // مدرسة -> مدرسه (teh marbuta -> heh)
        Case{"teh_marbuta", "\xD9\x85\xD8\xAF\xD8\xB1\xD8\xB3\xD8\xA9", "\xD9\x85\xD8\xAF\xD8\xB1\xD8\xB3\xD9\x87"},
        // على -> علي (alef maksura -> yeh)
        Case{"alef_maksura", "\xD8\xB9\xD9\x84\xD9\x89", "\xD8\xB9\xD9\x84\xD9\x8A"},
        // superscript alef in هٰذا -> هذا
        Case{"superscript_alef", "\xD9\x87\xD9\xB0\xD8\xB0\xD8\xA7", "\xD9\x87\xD8\xB0\xD8\xA7"},
        Case{"latin_untouched", "caf\xC3\xA9", "caf\xC3\xA9"},
        Case{"hamza_on_waw_kept", "\xD8\xA4", "\xD8\xA4"}),  // ؤ is not in the rule
    [](const auto& info) { return std::string(info.param.name); });

class IndexFormTest : public ::testing::TestWithParam<Case> {};

TEST_P(IndexFormTest, Composes) {
  const std::string got = index_form(GetParam().in);
  EXPECT_EQ(got, GetParam().want);
  EXPECT_EQ(index_form(got), got) << "not idempotent";
}

INSTANTIATE_TEST_SUITE_P(
    Normalize, IndexFormTest,
    ::testing::Values(Case{"legalisation_accented", "L\xC3\x89GALISATION", "legalisation"},
                      Case{"legalisation_plain", "legalisation", "legalisation"},
                      Case{"fullwidth_accented", "\xEF\xBC\xB2\xC3\xA9" "sum\xC3\xA9", "resume"},  // Ｒésumé
                      Case{"sharp_s", "Gro\xC3\x9F", "gross"},
                      Case{"arabic_full", "\xD8\xA7\xD9\x84\xD9\x85\xD9\x8F\xD8\xAE\xD9\x8E\xD8\xAF\xD9\x90\xD9\x91\xD8\xB1\xD9\x8E\xD8\xA9",
                           "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAE\xD8\xAF\xD8\xB1\xD9\x87"},  // المُخَدِّرَة -> المخدره
                      Case{"arabic_presentation_form", "\xEF\xBB\xBB", "\xD9\x84\xD8\xA7"},  // ﻻ -> لا
                      Case{"curly_apostrophe", "Don\xE2\x80\x99t", "don't"},
                      Case{"russian_yo", "\xD0\x81\xD0\x96", "\xD0\xB5\xD0\xB6"},  // ЁЖ -> еж
                      Case{"chinese_unchanged", "\xE5\xA4\xA7\xE9\xBA\xBB", "\xE5\xA4\xA7\xE9\xBA\xBB"},  // 大麻
                      Case{"fullwidth_digits", "\xEF\xBC\x92\xEF\xBC\x90\xEF\xBC\x92\xEF\xBC\x90", "2020"}),
    [](const auto& info) { return std::string(info.param.name); });

// Property check on real text: index_form must be a fixed point after one
// application, for every line of the multilingual tweet sets.
TEST(IndexForm, IdempotentOnRealTweets) {
  const std::string root = std::string(VIGIE_SHARED_DIR) + "/data/xlmt/";
  int lines = 0;
  for (const char* lang : {"arabic", "english", "french", "german", "hindi", "italian", "portuguese", "spanish"}) {
    std::ifstream in(root + lang + "/val_text.txt");
    std::string line;
    while (std::getline(in, line)) {
      const std::string once = index_form(line);
      ASSERT_EQ(index_form(once), once) << lang << ": " << line;
      ASSERT_TRUE(is_valid_utf8(once));
      ++lines;
    }
  }
  if (lines == 0) GTEST_SKIP() << "shared data not found under " << root;
}

struct Utf8Case {
  const char* name;
  std::string bytes;
  bool valid;
};

std::ostream& operator<<(std::ostream& os, const Utf8Case& c) { return os << c.name; }

class ValidUtf8Test : public ::testing::TestWithParam<Utf8Case> {};

TEST_P(ValidUtf8Test, Checks) { EXPECT_EQ(is_valid_utf8(GetParam().bytes), GetParam().valid); }

INSTANTIATE_TEST_SUITE_P(
    Normalize, ValidUtf8Test,
    ::testing::Values(Utf8Case{"ascii", "hello", true}, Utf8Case{"empty", "", true},
                      Utf8Case{"two_byte", "caf\xC3\xA9", true}, Utf8Case{"four_byte_emoji", "\xF0\x9F\x98\x82", true},
                      Utf8Case{"lone_continuation", "a\x80", false}, Utf8Case{"truncated", "\xE5\xA4", false},
                      Utf8Case{"overlong_slash", "\xC0\xAF", false}, Utf8Case{"surrogate", "\xED\xA0\x80", false},
                      Utf8Case{"above_max", "\xF4\x90\x80\x80", false}, Utf8Case{"ff_byte", "\xFF", false},
                      Utf8Case{"long_ascii_then_bad", std::string(40, 'a') + "\xC3", false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(TruncateUtf8, CutsAtCodePointBoundary) {
  const std::string s = "ab\xC3\xA9\xE5\xA4\xA7";  // a b é 大 : 2 + 2 + 3 bytes
  EXPECT_EQ(truncate_utf8(s, 100), s);
  EXPECT_EQ(truncate_utf8(s, 7), s);
  EXPECT_EQ(truncate_utf8(s, 6), "ab\xC3\xA9");  // 大 does not fit
  EXPECT_EQ(truncate_utf8(s, 5), "ab\xC3\xA9");
  EXPECT_EQ(truncate_utf8(s, 4), "ab\xC3\xA9");
  EXPECT_EQ(truncate_utf8(s, 3), "ab");  // é would be cut in half
  EXPECT_EQ(truncate_utf8(s, 2), "ab");
  EXPECT_EQ(truncate_utf8(s, 0), "");
}

}  // namespace
}  // namespace vigie::text
