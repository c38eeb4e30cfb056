// Every place that decodes UTF-8 by hand, on well-formed text and on each
// kind of ill-formed input: cut-short sequences, overlong forms, lone
// continuation bytes, surrogates, code points past U+10FFFF and bytes that
// start nothing. The outputs are pinned byte for byte because they are
// stored (excerpts, JSON) or feed trained models (the sentiment tokenizer's
// code points are model features), so one shared decoder must reproduce
// each site's handling of bad bytes exactly.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "analytics/score_text.h"
#include "analytics/sentiment/sentiment.h"
#include "analytics/sentiment/tokenize.h"
#include "analytics/topics/rules.h"
#include "core/json.h"
#include "indexer/readers/record_rules.h"
#include "reports/format.h"

namespace vigie {
namespace {

struct Case {
  const char* name;
  std::string bytes;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> c = {
      {"ascii", "abc"},
      {"latin", "caf\xC3\xA9 na\xC3\xAFve"},
      {"arabic", "\xD9\x85\xD8\xAE\xD8\xAF\xD8\xB1\xD8\xA7\xD8\xAA"},
      {"cyrillic", "\xD0\xB4\xD0\xB0"},
      {"han", "\xE4\xB8\xAD\xE6\x96\x87"},
      {"kana", "\xE3\x81\x82"},
      {"devanagari", "\xE0\xA4\xB9"},
      {"emoji", "\xF0\x9F\x98\x80!"},
      {"max_cp", "\xF4\x8F\xBF\xBF"},
      {"cut2_end", "a\xC3"},
      {"cut2_mid", "\xC3" "a"},
      {"cut3_end", "\xE4\xB8"},
      {"cut3_mid", "\xE4\xB8" "a"},
      {"cut4_end", "\xF0\x9F\x98"},
      {"cut4_mid", "\xF0\x9F\x98" "ab"},
      {"overlong2", "\xC0\xAF" "x"},
      {"overlong2_c1", "\xC1\xBF"},
      {"overlong3", "\xE0\x80\xAF"},
      {"overlong3_arabic", "\xE0\x98\x85"},
      {"overlong4", "\xF0\x80\x80\xAF"},
      {"overlong4_cyrillic", "\xF0\x80\x90\xB4"},
      {"lone_cont", "\x80"},
      {"lone_cont_mid", "a\xBF" "b"},
      {"cont_run", "\x80\x80\x80\x80"},
      {"surrogate_hi", "\xED\xA0\x80"},
      {"surrogate_lo", "\xED\xBF\xBF" "z"},
      {"past_max", "\xF4\x90\x80\x80"},
      {"lead_f5", "\xF5\x80\x80\x80"},
      {"lead_f8", "\xF8\x88\x80\x80\x80"},
      {"lead_ff", "\xFF" "a"},
      {"lead_fe", "\xFE\xFE"},
      {"controls", "a\x01\x7F\t\n"},
      {"mixed", "\xE4\xB8\xAD\xC3 \xD8\xA7\x80\xF0\x9F\x98\x80\xED\xA0\x80"},
  };
  return c;
}

// C-style escapes for anything outside printable ASCII, so expected values
// read as bytes.
std::string esc(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    }
  }
  return out;
}

// (code point, length) of each step of the sentiment tokenizer's decoder.
std::string sentiment_walk(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    size_t n = sentiment::detail::decode_utf8(s, i, cp);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%X/%zu ", static_cast<unsigned>(cp), n);
    out += buf;
    i += n;
  }
  return out;
}

struct Emoticons final : sentiment::detail::EmoticonSet {
  bool contains(std::string_view) const override { return false; }
};

// The sentiment tokenizer's items: byte spans and folded keys.
std::string sentiment_items(std::string_view s) {
  sentiment::detail::Items items;
  Emoticons emo;
  sentiment::detail::tokenize(s, 0, 0, emo, nullptr, items);
  std::string out;
  for (const auto& it : items.items) {
    out += std::to_string(it.begin) + "-" + std::to_string(it.end) + ":" + std::to_string(static_cast<int>(it.kind)) +
           ":" + esc(items.key(it)) + " ";
  }
  return out;
}

// The language `vigie score` guesses from the script when CLD2 gives up.
std::string score_lang(std::string_view s) {
  static auto scorer = sentiment::Scorer::load(VIGIE_SOURCE_DIR "/corpora", "lexicon");
  analytics::ScoreSettings st;
  std::string out;
  std::vector<sentiment::SentenceScore> sentences;
  analytics::score_line(*scorer, st, s, out, sentences);
  return esc(out);
}

struct Golden {
  const char* name;
  const char* json;         // json::quote
  const char* excerpt;      // indexer::detail::make_excerpt (rejects log)
  const char* valid;        // reports::fmt::valid_utf8
  const char* report_cut;   // reports::fmt::excerpt(s, 2)
  bool cjk;                 // topics::contains_cjk
  const char* walk;         // sentiment::detail::decode_utf8
  const char* items;        // sentiment::detail::tokenize
  const char* score;        // analytics::score_line, language from the script
};

#include "utf8_callsites_golden.inc"

TEST(Utf8CallSites, EveryCaseIsPinned) {
  ASSERT_EQ(std::size(kGolden), cases().size());
  for (size_t k = 0; k < cases().size(); ++k) EXPECT_STREQ(kGolden[k].name, cases()[k].name);
}

TEST(Utf8CallSites, OutputsAreUnchanged) {
  for (size_t k = 0; k < cases().size() && k < std::size(kGolden); ++k) {
    const Case& c = cases()[k];
    const Golden& g = kGolden[k];
    SCOPED_TRACE(c.name);
    EXPECT_EQ(esc(json::quote(c.bytes)), g.json);
    EXPECT_EQ(esc(indexer::detail::make_excerpt(c.bytes)), g.excerpt);
    EXPECT_EQ(esc(reports::fmt::valid_utf8(c.bytes)), g.valid);
    EXPECT_EQ(esc(reports::fmt::excerpt(c.bytes, 2)), g.report_cut);
    EXPECT_EQ(topics::contains_cjk(c.bytes), g.cjk);
    EXPECT_EQ(sentiment_walk(c.bytes), g.walk);
    EXPECT_EQ(sentiment_items(c.bytes), g.items);
    EXPECT_EQ(score_lang(c.bytes), g.score);
  }
}

// Prints the table of the current outputs (to regenerate the .inc file
// after a deliberate change: VIGIE_PRINT_GOLDEN=1).
TEST(Utf8CallSites, PrintWhenAsked) {
  if (std::getenv("VIGIE_PRINT_GOLDEN") == nullptr) GTEST_SKIP();
  std::string t = "const Golden kGolden[] = {\n";
  auto q = [](const std::string& s) {
    std::string r = "\"";
    for (char c : s) {
      if (c == '\\' || c == '"') r.push_back('\\');
      r.push_back(c);
    }
    return r + "\"";
  };
  for (const Case& c : cases()) {
    t += "    {\"" + std::string(c.name) + "\",\n     " + q(esc(json::quote(c.bytes))) + ",\n     " +
         q(esc(indexer::detail::make_excerpt(c.bytes))) + ",\n     " + q(esc(reports::fmt::valid_utf8(c.bytes))) +
         ",\n     " + q(esc(reports::fmt::excerpt(c.bytes, 2))) + ",\n     " +
         (topics::contains_cjk(c.bytes) ? "true" : "false") + ",\n     " + q(sentiment_walk(c.bytes)) + ",\n     " +
         q(sentiment_items(c.bytes)) + ",\n     " + q(score_lang(c.bytes)) + "},\n";
  }
  t += "};\n";
  std::fputs(t.c_str(), stdout);
}

}  // namespace
}  // namespace vigie
