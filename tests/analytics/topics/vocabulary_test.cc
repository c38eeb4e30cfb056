// The shipped taxonomy on plain wordings of each language: inflected verbs
// ("despenalizar", "pendre", "ejecutar"), slang and drug names that make a
// text about drugs, texts with two topics, and general texts that share a
// word with a rule and must stay untagged.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::topics {
namespace {

std::vector<std::string> topics_of(const std::string& text, const std::string& lang) {
  static const Taxonomy tax = Taxonomy::load(std::string(VIGIE_SOURCE_DIR) + "/corpora/taxonomy/drug-policy.json");
  static const TopicTagger tagger(tax);
  text::Segmenter seg;
  text::StemmerSet stemmers;
  std::vector<text::Token> tokens;
  seg.tokenize(text, tokens, true);
  std::vector<TopicHit> hits;
  tagger.tag(text, tokens, lang, stemmers, hits);
  std::vector<std::string> out;
  for (const auto& h : hits) out.emplace_back(h.id);
  std::sort(out.begin(), out.end());
  return out;
}

struct Case {
  const char* lang;
  const char* text;
  std::vector<std::string> topics;  // sorted
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.lang << ": " << c.text; }

class Vocabulary : public ::testing::TestWithParam<Case> {};

TEST_P(Vocabulary, TopicsAsExpected) {
  const Case& c = GetParam();
  EXPECT_EQ(topics_of(c.text, c.lang), c.topics) << c.lang << ": " << c.text;
}

// clang-format off
const Case kCases[] = {
  // Decriminalising possession is decriminalization, not cannabis regulation.
  {"en", "Should we decriminalise possession? Maybe.", {"decriminalization"}},
  {"es", "Despenalizar el consumo sería razonable.", {"decriminalization"}},
  {"ru", "Декриминализировать употребление давно пора.", {"decriminalization"}},
  // Executions named by a verb.
  {"fr", "On pend encore des hommes pour de l'héroïne.", {"death_penalty"}},
  {"es", "Van a ejecutar a un hombre por traficar heroína.", {"death_penalty", "trafficking"}},
  {"en", "They hang people for a few grams of heroin there.", {"death_penalty"}},
  // A trafficker named in an execution story is the offence, not a story
  // about trafficking: 毒贩 is a mention, dropped beside the death penalty.
  {"zh", "又有毒贩被枪毙了。", {"death_penalty"}},
  {"zh", "警方抓获一名毒贩。", {"trafficking"}},
  // Two topics where both apply.
  {"en", "Fentanyl overdose deaths keep rising.", {"nps", "overdose"}},
  {"es", "Las muertes por sobredosis de fentanilo se duplican.", {"nps", "overdose"}},
  // Drug names and slang make a text about drugs for the gated topics.
  {"ar", "القبض على مروج شبو وبحوزته كمية كبيرة", {"nps", "trafficking"}},
  {"ru", "Курьеру с героином дали 10 лет колонии.", {"incarceration", "trafficking"}},
  {"zh", "强戒两年出来又复吸了。", {"incarceration", "treatment"}},
  // General texts that share a word with a rule stay untagged.
  {"es", "Pegamos carteles en la puerta del cole.", {}},
  {"en", "Schools reopen after the summer break.", {}},
  {"fr", "Les soins aux patients ont repris à l'hôpital.", {}},
  {"ru", "Добавьте соль и перец по вкусу.", {}},
  {"ar", "كيف حالك؟ هل وصلت الشحنة من الجمارك؟", {}},
  {"zh", "周末去溜冰场溜冰了。", {}},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Shipped, Vocabulary, ::testing::ValuesIn(kCases));

}  // namespace
}  // namespace vigie::topics
