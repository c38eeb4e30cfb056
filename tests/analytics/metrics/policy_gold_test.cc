// Drug-policy gold metrics on tiny sets whose values were computed by hand.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analytics/metrics/policy_gold.h"
#include "core/errors.h"

namespace vigie::metrics {
namespace {

PolicyGoldItem item(std::string lang, std::string sentiment, std::vector<std::string> topics, std::string stance,
                    std::vector<std::string> phenomena = {}) {
  PolicyGoldItem g;
  g.lang = std::move(lang);
  g.text = "t";
  g.gold = {std::move(sentiment), std::move(topics), std::move(stance)};
  g.phenomena = std::move(phenomena);
  return g;
}

// Four items in two languages:
//   1 en gold reform/[a,b]/negative     predicted prohibition/[a]/negative   (wrong side)
//   2 en gold prohibition/[]/positive   predicted none/[c]/positive
//   3 en gold none/[b]/neutral          predicted none/[b]/negative
//   4 fr gold reform/[a]/positive       predicted reform/[a]/positive
// en topics: tp a(1) b(3) = 2, fn b(1) = 1, fp c(2) = 1 -> micro-F1 4/6
//   per topic: a F1 1, b F1 2/3, c F1 0 -> macro (1 + 2/3 + 0)/3 = 5/9
// en wrong side: 1 of 2 sided; fr: 0 of 1; all: 1 of 3
TEST(PolicyEvaluation, HandComputed) {
  PolicyEvaluation ev;
  ev.add(item("en", "negative", {"a", "b"}, "reform", {"negation"}), {"negative", {"a"}, "prohibition"});
  ev.add(item("en", "positive", {}, "prohibition", {"sarcasm", "negation"}), {"positive", {"c"}, "none"});
  ev.add(item("en", "neutral", {"b"}, "none"), {"negative", {"b"}, "none"});
  ev.add(item("fr", "positive", {"a"}, "reform"), {"positive", {"a"}, "reform"});
  const auto& en = ev.by_lang().at("en");
  EXPECT_EQ(en.items, 3u);
  EXPECT_NEAR(en.topics_micro_f1(), 4.0 / 6.0, 1e-9);
  EXPECT_NEAR(en.topics_macro_f1(), 5.0 / 9.0, 1e-9);
  EXPECT_NEAR(en.topics_exact_accuracy(), 1.0 / 3.0, 1e-9);
  EXPECT_EQ(en.sided, 2u);
  EXPECT_EQ(en.wrong_side, 1u);
  EXPECT_NEAR(ev.all().wrong_side_rate(), 1.0 / 3.0, 1e-9);
  EXPECT_EQ(ev.by_lang().at("fr").wrong_side, 0u);
  // sentiment en: rows gold neg [1 0 0], neu [1 0 0], pos [0 0 1]
  EXPECT_EQ(en.sentiment.at(1, 0), 1u);
  EXPECT_NEAR(en.sentiment.accuracy(), 2.0 / 3.0, 1e-9);
  // stance en: reform->prohibition, prohibition->none, none->none
  EXPECT_EQ(en.stance.at(0, 1), 1u);
  EXPECT_EQ(en.stance.at(1, 2), 1u);
  EXPECT_EQ(en.stance.at(2, 2), 1u);
  const auto& neg = en.phenomena.at("negation");
  EXPECT_EQ(neg.items, 2u);
  EXPECT_EQ(neg.sentiment_ok, 2u);
  EXPECT_EQ(neg.stance_ok, 0u);
  EXPECT_EQ(neg.topics_ok, 0u);
  EXPECT_EQ(ev.all().items, 4u);
  EXPECT_NE(ev.to_json().find("\"wrong_side_rate\":0.3333"), std::string::npos);
}

TEST(PolicyEvaluation, RejectsUnknownPredictedClass) {
  PolicyEvaluation ev;
  EXPECT_THROW(ev.add(item("en", "neutral", {}, "none"), {"happy", {}, "none"}), Error);
}

TEST(ReadPolicyGold, ReadsFieldsAndNamesTheBadLine) {
  auto dir = std::filesystem::temp_directory_path() / "vigie-policy-gold-test";
  std::filesystem::create_directories(dir);
  auto path = (dir / "g.jsonl").string();
  {
    std::ofstream f(path);
    f << R"({"id": "x-1", "lang": "es", "kind": "tweet", "text": "Hola \u00e9", "sentiment": "neutral", )"
      << R"("topics": ["trafficking", "nps"], "stance": "none", "phenomena": ["headline"], "note": 3})" << "\n\n"
      << R"({"id": "x-2", "text": "b", "sentiment": "glad", "topics": [], "stance": "none"})" << "\n";
  }
  try {
    read_policy_gold(path);
    FAIL() << "a bad sentiment must be rejected";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("g.jsonl:3"), std::string::npos) << e.what();
  }
  {
    std::ofstream f(path);
    f << R"({"id": "x-1", "lang": "es", "kind": "tweet", "text": "Hola \u00e9", "sentiment": "neutral", )"
      << R"("topics": ["trafficking", "nps"], "stance": "none", "phenomena": ["headline"], "note": 3})" << "\n";
  }
  auto items = read_policy_gold(path);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, "Hola \xC3\xA9");
  EXPECT_EQ(items[0].gold.topics, (std::vector<std::string>{"trafficking", "nps"}));
  EXPECT_EQ(items[0].phenomena, (std::vector<std::string>{"headline"}));
  EXPECT_THROW(read_policy_gold((dir / "missing.jsonl").string()), InputError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vigie::metrics
