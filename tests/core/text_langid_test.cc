// Tests of core/text/langid: tag normalisation, CLD2 detection on
// hand-written sentences in the six UN languages (plus a few others), the
// declared-vs-detected rule, and accuracy floors on real short texts.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "core/text/langid.h"

namespace vigie::text {
namespace {

struct TagCase {
  std::string tag;
  std::string want;
};

std::ostream& operator<<(std::ostream& os, const TagCase& c) { return os << "'" << c.tag << "'"; }

class LangTagTest : public ::testing::TestWithParam<TagCase> {};

TEST_P(LangTagTest, Normalizes) { EXPECT_EQ(normalize_lang_tag(GetParam().tag), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(
    LangId, LangTagTest,
    ::testing::Values(TagCase{"en", "en"}, TagCase{"en-US", "en"}, TagCase{"EN", "en"}, TagCase{"eng", "en"},
                      TagCase{"zh-Hans", "zh"}, TagCase{"zh-cn", "zh"}, TagCase{"zh_TW", "zh"},
                      TagCase{"zh-Hant", "zh"}, TagCase{"pt-BR", "pt"}, TagCase{"fra", "fr"},
                      TagCase{"fre", "fr"}, TagCase{"deu", "de"}, TagCase{"ger", "de"}, TagCase{"ara", "ar"},
                      TagCase{"rus", "ru"}, TagCase{"spa", "es"}, TagCase{"zho", "zh"}, TagCase{"cmn", "zh"},
                      TagCase{"iw", "he"}, TagCase{"in", "id"}, TagCase{"ji", "yi"}, TagCase{" ar ", "ar"},
                      TagCase{"und", ""}, TagCase{"zxx", ""}, TagCase{"qme", ""}, TagCase{"qht", ""},
                      TagCase{"art", ""}, TagCase{"mul", ""}, TagCase{"", ""}, TagCase{"xx", ""},
                      TagCase{"e", ""}, TagCase{"english", ""}, TagCase{"12", ""}, TagCase{"-en", ""}),
    [](const auto& info) {
      std::string n;
      for (char c : info.param.tag) n += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
      return "tag_" + n + "_" + std::to_string(info.index);
    });

struct DetectCase {
  const char* name;
  std::string text;
  std::string want;
};

std::ostream& operator<<(std::ostream& os, const DetectCase& c) { return os << c.name; }

class DetectTest : public ::testing::TestWithParam<DetectCase> {};

TEST_P(DetectTest, Detects) { EXPECT_EQ(detect_language(GetParam().text), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(
    LangId, DetectTest,
    ::testing::Values(
        DetectCase{"english", "The government should decriminalise cannabis and treat addiction as a health problem.", "en"},
        DetectCase{"french", "Le gouvernement devrait d\xC3\xA9" "p\xC3\xA9naliser le cannabis et traiter l'addiction comme un probl\xC3\xA8me de sant\xC3\xA9.", "fr"},
        DetectCase{"spanish", "El gobierno deber\xC3\xAD" "a despenalizar el cannabis y tratar la adicci\xC3\xB3n como un problema de salud.", "es"},
        // Мы считаем, что наркотики разрушают жизни молодых людей.
        DetectCase{"russian", "\xD0\x9C\xD1\x8B \xD1\x81\xD1\x87\xD0\xB8\xD1\x82\xD0\xB0\xD0\xB5\xD0\xBC, \xD1\x87\xD1\x82\xD0\xBE "
                              "\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE\xD1\x82\xD0\xB8\xD0\xBA\xD0\xB8 "
                              "\xD1\x80\xD0\xB0\xD0\xB7\xD1\x80\xD1\x83\xD1\x88\xD0\xB0\xD1\x8E\xD1\x82 "
                              "\xD0\xB6\xD0\xB8\xD0\xB7\xD0\xBD\xD0\xB8 \xD0\xBC\xD0\xBE\xD0\xBB\xD0\xBE\xD0\xB4\xD1\x8B\xD1\x85 "
                              "\xD0\xBB\xD1\x8E\xD0\xB4\xD0\xB5\xD0\xB9.", "ru"},
        // الحكومة يجب أن تكافح تجارة المخدرات وتساعد المدمنين على العلاج.
        DetectCase{"arabic", "\xD8\xA7\xD9\x84\xD8\xAD\xD9\x83\xD9\x88\xD9\x85\xD8\xA9 \xD9\x8A\xD8\xAC\xD8\xA8 "
                             "\xD8\xA3\xD9\x86 \xD8\xAA\xD9\x83\xD8\xA7\xD9\x81\xD8\xAD \xD8\xAA\xD8\xAC\xD8\xA7\xD8\xB1\xD8\xA9 "
                             "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAE\xD8\xAF\xD8\xB1\xD8\xA7\xD8\xAA "
                             "\xD9\x88\xD8\xAA\xD8\xB3\xD8\xA7\xD8\xB9\xD8\xAF \xD8\xA7\xD9\x84\xD9\x85\xD8\xAF\xD9\x85\xD9\x86\xD9\x8A\xD9\x86 "
                             "\xD8\xB9\xD9\x84\xD9\x89 \xD8\xA7\xD9\x84\xD8\xB9\xD9\x84\xD8\xA7\xD8\xAC.", "ar"},
        // 政府应该打击毒品走私，帮助吸毒者戒毒。
        DetectCase{"chinese", "\xE6\x94\xBF\xE5\xBA\x9C\xE5\xBA\x94\xE8\xAF\xA5\xE6\x89\x93\xE5\x87\xBB\xE6\xAF\x92\xE5\x93\x81"
                              "\xE8\xB5\xB0\xE7\xA7\x81\xEF\xBC\x8C\xE5\xB8\xAE\xE5\x8A\xA9\xE5\x90\xB8\xE6\xAF\x92\xE8\x80\x85"
                              "\xE6\x88\x92\xE6\xAF\x92\xE3\x80\x82", "zh"},
        // 政府應該打擊毒品走私 (Traditional): zh-Hant maps to zh
        DetectCase{"chinese_traditional", "\xE6\x94\xBF\xE5\xBA\x9C\xE6\x87\x89\xE8\xA9\xB2\xE6\x89\x93\xE6\x93\x8A\xE6\xAF\x92"
                                          "\xE5\x93\x81\xE8\xB5\xB0\xE7\xA7\x81\xEF\xBC\x8C\xE5\xB9\xAB\xE5\x8A\xA9\xE5\x90\xB8"
                                          "\xE6\xAF\x92\xE8\x80\x85\xE6\x88\x92\xE6\xAF\x92\xE3\x80\x82", "zh"},
        DetectCase{"german", "Die Regierung sollte Cannabis entkriminalisieren und Sucht als Gesundheitsproblem behandeln.", "de"},
        DetectCase{"mentions_and_urls_ignored",
                   "@user @user @user Le cannabis th\xC3\xA9rapeutique devrait \xC3\xAAtre autoris\xC3\xA9 en France https://t.co/abcdef", "fr"},
        DetectCase{"too_short", "ok", "und"}, DetectCase{"digits_only", "12345 67890", "und"},
        DetectCase{"empty", "", "und"}, DetectCase{"emoji_only", "\xF0\x9F\x98\x82\xF0\x9F\x98\x82", "und"},
        DetectCase{"invalid_utf8", "\xFF\xFE\xFD", "und"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(LangId, ResolveDeclaredWinsDetectionFillsGaps) {
  const std::string fr = "Le gouvernement devrait d\xC3\xA9p\xC3\xA9naliser le cannabis et traiter l'addiction.";
  EXPECT_EQ(resolve_language("es-MX", fr), "es");  // a valid declared language wins
  EXPECT_EQ(resolve_language("", fr), "fr");
  EXPECT_EQ(resolve_language("und", fr), "fr");
  EXPECT_EQ(resolve_language("qme", fr), "fr");  // Twitter's "media only" is not a language
  EXPECT_EQ(resolve_language("", "ok"), "und");
}

// Accuracy on real short texts: at least the floor measured when this was
// written, minus a margin (docs/text.md has the exact numbers). A fall
// below means CLD2's linkage or our pre-processing changed.
struct AccuracyCase {
  const char* file;  // under VIGIE_SHARED_DIR/data
  const char* lang;
  double min_correct;  // fraction detected as lang
  double max_wrong;    // fraction detected as another language ("und" is not wrong)
};

std::ostream& operator<<(std::ostream& os, const AccuracyCase& c) { return os << c.lang; }

class AccuracyTest : public ::testing::TestWithParam<AccuracyCase> {};

TEST_P(AccuracyTest, OnRealTweets) {
  const std::string path = std::string(VIGIE_SHARED_DIR) + "/data/" + GetParam().file;
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "missing " << path;
  int n = 0, ok = 0, wrong = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const std::string got = detect_language(line);
    ++n;
    ok += got == GetParam().lang;
    wrong += got != GetParam().lang && got != "und";
  }
  ASSERT_GT(n, 100);
  EXPECT_GE(double(ok) / n, GetParam().min_correct) << ok << "/" << n;
  EXPECT_LE(double(wrong) / n, GetParam().max_wrong) << wrong << "/" << n;
}

// Measured (323 tweets each): ar 99.1%, en 100%, fr 93.2%, es 93.5%,
// de 85.2%, it 91.4%, pt 84.6% correct.
INSTANTIATE_TEST_SUITE_P(LangId, AccuracyTest,
                         ::testing::Values(AccuracyCase{"xlmt/arabic/val_text.txt", "ar", 0.95, 0.03},
                                           AccuracyCase{"xlmt/english/val_text.txt", "en", 0.97, 0.02},
                                           AccuracyCase{"xlmt/french/val_text.txt", "fr", 0.90, 0.05},
                                           AccuracyCase{"xlmt/spanish/val_text.txt", "es", 0.89, 0.05},
                                           AccuracyCase{"xlmt/german/val_text.txt", "de", 0.82, 0.08},
                                           AccuracyCase{"xlmt/italian/val_text.txt", "it", 0.88, 0.05},
                                           AccuracyCase{"xlmt/portuguese/val_text.txt", "pt", 0.80, 0.06}),
                         [](const auto& info) { return std::string(info.param.lang); });

// Chinese and Russian real texts come in JSON and TSV; both read with a
// minimal parser (first 500 records). Measured: zh 98.8%, ru 99.0% correct.
double share_detected(const std::vector<std::string>& texts, const std::string& lang) {
  int ok = 0;
  for (const auto& t : texts) ok += detect_language(t) == lang;
  return texts.empty() ? 0 : double(ok) / texts.size();
}

TEST(LangId, ChineseWeiboPosts) {
  const std::string path = std::string(VIGIE_SHARED_DIR) + "/data/smp2020-weibo/usual_eval_labeled.json";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "missing " << path;
  std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> texts;
  const std::string key = "\"content\": \"";
  for (size_t p = all.find(key); p != std::string::npos && texts.size() < 500; p = all.find(key, p)) {
    p += key.size();
    size_t q = all.find("\", \"label\"", p);
    if (q == std::string::npos) break;
    texts.push_back(all.substr(p, q - p));
  }
  ASSERT_GE(texts.size(), 500u);
  EXPECT_GE(share_detected(texts, "zh"), 0.95);
}

TEST(LangId, RussianNewsSentences) {
  const std::string path = std::string(VIGIE_SHARED_DIR) + "/data/rusentne/train_data.csv";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "missing " << path;
  std::vector<std::string> texts;
  std::string line;
  std::getline(in, line);  // header
  while (texts.size() < 500 && std::getline(in, line)) texts.push_back(line.substr(0, line.find('\t')));
  ASSERT_GE(texts.size(), 500u);
  EXPECT_GE(share_detected(texts, "ru"), 0.95);
}

}  // namespace
}  // namespace vigie::text
