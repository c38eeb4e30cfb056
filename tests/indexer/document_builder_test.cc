#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analytics/analyzer.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/text/segment.h"
#include "core/text/stem.h"
#include "indexer/document_builder.h"

namespace vigie::indexer {
namespace {

Xapian::Document build(const std::string& id, const std::string& lang, const std::string& text,
                       text::Segmenter& seg, text::StemmerSet& stemmers) {
  Record r;
  r.id = id;
  r.kind = Kind::tweet;
  r.lang = lang;
  r.text = text;
  analytics::Analysis a;
  a.lang = lang;
  a.analysed_text = text;
  seg.tokenize(a.analysed_text, a.tokens, false);
  std::string id_term;
  return build_document(r, a, stemmers, id_term);
}

std::set<std::string> stem_terms(const Xapian::Document& doc) {
  std::set<std::string> out;
  const std::string z(schema::prefix::kStem);
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t)
    if ((*t).rfind(z, 0) == 0) out.insert(*t);
  return out;
}

std::set<std::string> expected_stems(const std::vector<std::string>& words, const std::string& lang) {
  Xapian::Stem stem(text::stemmer_name(lang));
  std::set<std::string> out;
  for (const auto& w : words) out.insert(std::string(schema::prefix::kStem) + stem(w));
  return out;
}

std::string join(const std::vector<std::string>& words) {
  std::string s;
  for (const auto& w : words) s += (s.empty() ? "" : " ") + w;
  return s;
}

// The same words in documents of alternating languages get each language's
// stems: stems are remembered per language, never across languages.
TEST(DocumentBuilder, StemsEachWordInItsDocumentsLanguage) {
  const std::vector<std::string> words = {"drogas", "policies", "running", "legalization", "nations"};
  ASSERT_NE(expected_stems(words, "en"), expected_stems(words, "es"));  // else the test proves nothing
  text::Segmenter seg;
  text::StemmerSet stemmers;
  for (int round = 0; round < 3; ++round) {
    for (const std::string lang : {"en", "es", "de"}) {
      const auto doc = build(lang + std::to_string(round), lang, join(words), seg, stemmers);
      EXPECT_EQ(stem_terms(doc), expected_stems(words, lang)) << lang << " round " << round;
    }
  }
}

// More distinct words than the stems remembered per language: the stems
// stay right once the memory of them is emptied and refilled.
TEST(DocumentBuilder, StemsStayRightPastTheRememberedWords) {
  std::vector<std::string> all;
  for (char a = 'a'; a <= 'z'; ++a)
    for (char b = 'a'; b <= 'z'; ++b)
      for (char c = 'a'; c <= 'z'; ++c) all.push_back(std::string{a, b, c} + "ings");
  ASSERT_GT(all.size(), 16384u);
  text::Segmenter seg;
  text::StemmerSet stemmers;
  const size_t per_doc = 2000;
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t i = 0; i < all.size(); i += per_doc) {
      const std::vector<std::string> words(all.begin() + i, all.begin() + std::min(all.size(), i + per_doc));
      const auto doc = build("d" + std::to_string(i), "en", join(words), seg, stemmers);
      ASSERT_EQ(stem_terms(doc), expected_stems(words, "en")) << "pass " << pass << " from word " << i;
    }
  }
}

}  // namespace
}  // namespace vigie::indexer
