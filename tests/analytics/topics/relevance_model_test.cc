// The optional learned topic relevance model: learns a separable toy task,
// picks its threshold from out-of-fold probabilities as documented, survives
// save/load, rejects missing and malformed files, and plugs into the tagger
// (its language only, its threshold, not beside other rule topics unless
// asked, relevance = max of rules and model), found by the lookup order
// --relevance-model > $VIGIE_RELEVANCE_MODEL > <exe dir>/../models/relevance-en.model > none.
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "analytics/topics/relevance_model.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "core/errors.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::topics {
namespace {

namespace fs = std::filesystem;

std::vector<text::Token> tok(const std::string& s) {
  text::Segmenter seg;
  std::vector<text::Token> out;
  seg.tokenize(s, out, true);
  return out;
}

// "zork" marks the topic; the rest is noise shared by both classes.
std::vector<RelevanceExample> toy() {
  std::vector<RelevanceExample> ex;
  const char* noise[] = {"the plan will pass", "a vote today", "this law is old", "our city council met",
                         "people said so", "it rained again"};
  for (int i = 0; i < 60; ++i) {
    std::string n = noise[i % 6];
    RelevanceExample pos;
    pos.tokens = tok(i % 2 ? "zork " + n : n + " zork");
    pos.positive = true;
    ex.push_back(std::move(pos));
    RelevanceExample neg;
    neg.tokens = tok(n);
    ex.push_back(std::move(neg));
  }
  return ex;
}

RelevanceTrainOptions toy_options() {
  RelevanceTrainOptions o;
  o.epochs = 10;
  o.learning_rate = 0.5;
  o.l2 = 1e-6;
  o.buckets = 1 << 12;
  o.features.char_max = 0;  // words only: "zork" alone separates the classes
  return o;
}

// One name per process: ctest runs the cases of a suite as parallel
// processes, and a file one of them writes must not be read half-written by
// another.
std::string temp_path(const std::string& name) {
  return (fs::path(::testing::TempDir()) / (std::to_string(::getpid()) + "-" + name)).string();
}

TEST(RelevanceModel, LearnsASeparableTask) {
  auto m = LinearRelevanceModel::train(toy(), toy_options());
  EXPECT_GT(m.probability(tok("zork our city council met")), 0.9);
  EXPECT_LT(m.probability(tok("our city council met")), 0.1);
  EXPECT_EQ(m.topic(), "cannabis_regulation");
  EXPECT_EQ(m.lang(), "en");
  EXPECT_TRUE(m.applies_to("en"));
  EXPECT_FALSE(m.applies_to("fr"));
  // Out-of-fold negatives all sit far below 0.5, so the threshold is the floor.
  EXPECT_DOUBLE_EQ(m.threshold(), 0.5);
}

TEST(RelevanceModel, NeedsBothClassesAndSaneOptions) {
  auto only_pos = toy();
  std::erase_if(only_pos, [](const RelevanceExample& e) { return !e.positive; });
  EXPECT_THROW(LinearRelevanceModel::train(only_pos, toy_options()), UsageError);
  auto o = toy_options();
  o.buckets = 8;
  EXPECT_THROW(LinearRelevanceModel::train(toy(), o), UsageError);
  o = toy_options();
  o.topic = "two words";
  EXPECT_THROW(LinearRelevanceModel::train(toy(), o), UsageError);
}

// Negatives at 0.9, 0.6, 0.3, 0.1 (positives do not matter).
TEST(RelevanceModel, ThresholdLetsThroughAtMostTheAllowedNegatives) {
  std::vector<RelevanceExample> ex(6);
  ex[4].positive = ex[5].positive = true;
  const std::vector<double> p = {0.9, 0.6, 0.3, 0.1, 0.2, 0.95};
  // 25% of 4 negatives = 1 may pass: the one at 0.9; 0.6 must fail.
  double t = LinearRelevanceModel::choose_threshold(p, ex, 0.25, 0.05);
  EXPECT_GT(t, 0.6);
  EXPECT_LT(t, 0.6 + 1e-9);
  // None may pass: just above the highest negative.
  t = LinearRelevanceModel::choose_threshold(p, ex, 0.0, 0.05);
  EXPECT_GT(t, 0.9);
  EXPECT_LT(t, 0.9 + 1e-9);
  // Two may pass (just above 0.3), but never below the floor.
  t = LinearRelevanceModel::choose_threshold(p, ex, 0.5, 0.05);
  EXPECT_GT(t, 0.3);
  EXPECT_LT(t, 0.3 + 1e-9);
  EXPECT_DOUBLE_EQ(LinearRelevanceModel::choose_threshold(p, ex, 0.5, 0.7), 0.7);
  // All four may pass: the floor.
  EXPECT_DOUBLE_EQ(LinearRelevanceModel::choose_threshold(p, ex, 1.0 - 1e-12, 0.05), 0.05);
}

TEST(RelevanceModel, CrossValidationCountsRulesAndTheOtherTopicGate) {
  auto ex = toy();
  // Every positive has another rule topic and not the model's; one negative
  // has a rule topic.
  for (auto& e : ex) e.rules_any = e.positive;
  ex[1].rules_any = true;  // a negative
  const auto cv = LinearRelevanceModel::cross_validate(ex, toy_options(), 5);
  ASSERT_EQ(cv.probability.size(), ex.size());
  EXPECT_DOUBLE_EQ(cv.recall, 1.0);
  EXPECT_DOUBLE_EQ(cv.false_alarm, 0.0);
  // The gate keeps the model off texts with other topics: no positive is tagged.
  EXPECT_DOUBLE_EQ(cv.recall_with_rules, 0.0);
  EXPECT_DOUBLE_EQ(cv.false_alarm_with_rules, 1.0 / 60);
  const auto beside = LinearRelevanceModel::cross_validate(ex, toy_options(), 5, true);
  EXPECT_DOUBLE_EQ(beside.recall_with_rules, 1.0);
  // Unscored positives train but do not count.
  for (auto& e : ex) e.scored = !e.positive;
  EXPECT_DOUBLE_EQ(LinearRelevanceModel::cross_validate(ex, toy_options(), 5).recall, 0.0);
}

TEST(RelevanceModel, SaveLoadRoundTrip) {
  auto m = LinearRelevanceModel::train(toy(), toy_options());
  m.set_threshold(0.625);
  const std::string path = temp_path("relevance_roundtrip.model");
  m.save(path);
  const auto back = LinearRelevanceModel::load(path);
  EXPECT_EQ(back.topic(), m.topic());
  EXPECT_EQ(back.lang(), m.lang());
  EXPECT_EQ(back.buckets(), m.buckets());
  EXPECT_DOUBLE_EQ(back.threshold(), 0.625);
  EXPECT_EQ(back.feature_options().char_max, 0);
  for (const char* s : {"zork the plan will pass", "a vote today", "zork", "nothing at all here"})
    EXPECT_NEAR(back.probability(tok(s)), m.probability(tok(s)), 1e-6) << s;
}

TEST(RelevanceModel, MissingFileIsAUsageError) {
  EXPECT_THROW(LinearRelevanceModel::load(temp_path("no-such.model")), UsageError);
}

struct Malformed {
  const char* name;
  const char* text;
};

class RelevanceMalformed : public ::testing::TestWithParam<Malformed> {};

TEST_P(RelevanceMalformed, IsAnErrorNamingTheFile) {
  const std::string path = temp_path(std::string("bad_") + GetParam().name + ".model");
  std::ofstream(path) << GetParam().text;
  try {
    LinearRelevanceModel::load(path);
    FAIL() << "loaded a malformed model";
  } catch (const UsageError&) {
    FAIL() << "a malformed file is not a usage error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path + ":"), std::string::npos) << e.what();
  }
}

constexpr const char* kHead =
    "vigie-relevance-model 1\ntopic cannabis_regulation\nlang en\nbuckets 64\n"
    "features bigrams 1 chars 0 0 negation 1 unit_norm 1 char_weight 0.25\n";

const std::string kValid = std::string(kHead) + "threshold 0.5\nbias 0\n3 0.5\n";

INSTANTIATE_TEST_SUITE_P(
    Files, RelevanceMalformed,
    ::testing::Values(Malformed{"stance_header", "vigie-stance-model 2\n"}, Malformed{"empty", ""},
                      Malformed{"no_bias", "vigie-relevance-model 1\ntopic t\nlang en\nbuckets 64\n"
                                           "features bigrams 1 chars 0 0 negation 1 unit_norm 1 char_weight 0.25\n"
                                           "threshold 0.5\n"},
                      Malformed{"threshold_above_one",
                                "vigie-relevance-model 1\ntopic t\nlang en\nbuckets 64\n"
                                "features bigrams 1 chars 0 0 negation 1 unit_norm 1 char_weight 0.25\n"
                                "threshold 1.5\nbias 0\n"},
                      Malformed{"row_out_of_range",
                                "vigie-relevance-model 1\ntopic t\nlang en\nbuckets 64\n"
                                "features bigrams 1 chars 0 0 negation 1 unit_norm 1 char_weight 0.25\n"
                                "threshold 0.5\nbias 0\n64 0.1\n"},
                      Malformed{"bad_features", "vigie-relevance-model 1\ntopic t\nlang en\nbuckets 64\n"
                                                "features bigrams 1 chars 5 3 negation 1 unit_norm 1 char_weight 0.25\n"
                                                "threshold 0.5\nbias 0\n"},
                      Malformed{"trailing_junk", "vigie-relevance-model 1\ntopic t x\n"}),
    [](const ::testing::TestParamInfo<Malformed>& i) { return std::string(i.param.name); });

TEST(RelevanceModel, HandWrittenFileLoadsAndScores) {
  const std::string path = temp_path("hand.model");
  std::ofstream(path) << kValid;
  const auto m = LinearRelevanceModel::load(path);
  // No token hashes to row 3 for an empty text: sigmoid(bias 0) = 0.5.
  EXPECT_DOUBLE_EQ(m.probability({}), 0.5);
  EXPECT_DOUBLE_EQ(m.threshold(), 0.5);
}

// The tagger with the shipped taxonomy and the toy model ("zork" = about
// cannabis_regulation).
class TaggerWithModel : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    path_ = temp_path("tagger_relevance.model");
    auto m = LinearRelevanceModel::train(toy(), toy_options());
    m.set_threshold(0.3);
    m.save(path_);
  }
  static const Taxonomy& tax() {
    static const Taxonomy t = Taxonomy::load(std::string(VIGIE_SOURCE_DIR) + "/corpora/taxonomy/drug-policy.json");
    return t;
  }
  // Hit ids point into the tagger: keep it alive while reading them.
  static std::vector<TopicHit> tag(const TopicTagger& t, const std::string& text, const std::string& lang) {
    text::Segmenter seg;
    text::StemmerSet stemmers;
    std::vector<text::Token> tokens;
    seg.tokenize(text, tokens, true);
    std::vector<TopicHit> hits;
    t.tag(text, tokens, lang, stemmers, hits);
    return hits;
  }
  static const TopicHit* find(const std::vector<TopicHit>& hits, std::string_view id) {
    auto it = std::find_if(hits.begin(), hits.end(), [&](const TopicHit& h) { return h.id == id; });
    return it == hits.end() ? nullptr : &*it;
  }
  static TaggerOptions with_model() {
    TaggerOptions o;
    o.relevance_model = path_;
    return o;
  }
  static inline std::string path_;
};

TEST_F(TaggerWithModel, AddsTheTopicToTextsTheRulesMiss) {
  const TopicTagger t(tax(), with_model());
  const std::string text = "The zork plan will pass. People said so.";
  ASSERT_GE(LinearRelevanceModel::load(path_).probability(tok(text)), 0.3) << "the toy model must pass this text";
  const auto hits = tag(t, text, "en");
  const TopicHit* h = find(hits, "cannabis_regulation");
  ASSERT_NE(h, nullptr);
  ASSERT_EQ(hits.size(), 1u);
  const double p = LinearRelevanceModel::load(path_).probability(tok(text));
  EXPECT_DOUBLE_EQ(h->relevance, p);
  EXPECT_EQ(h->sentences, (std::vector<uint32_t>{0, 1}));  // the whole text
  const TopicTagger rules_only(tax());
  EXPECT_TRUE(tag(rules_only, text, "en").empty()) << "no model, no topic";
  EXPECT_TRUE(tag(t, "The plan will pass. People said so.", "en").empty());
}

TEST_F(TaggerWithModel, OnlyForTheModelsLanguage) {
  const TopicTagger t(tax(), with_model());
  EXPECT_TRUE(tag(t, "The zork plan will pass.", "fr").empty());
  EXPECT_TRUE(tag(t, "The zork plan will pass.", "und").empty());
}

TEST_F(TaggerWithModel, ThresholdOverride) {
  auto o = with_model();
  const double p = LinearRelevanceModel::load(path_).probability(tok("The zork plan will pass."));
  ASSERT_LT(p, 1.0);
  o.relevance_threshold = std::nextafter(p, 2.0);  // just above: off
  const TopicTagger above(tax(), o);
  EXPECT_TRUE(tag(above, "The zork plan will pass.", "en").empty());
  o.relevance_threshold = p;  // at the threshold: on
  const TopicTagger at(tax(), o);
  EXPECT_NE(find(tag(at, "The zork plan will pass.", "en"), "cannabis_regulation"), nullptr);
}

TEST_F(TaggerWithModel, NotBesideOtherRuleTopicsUnlessAsked) {
  const std::string text = "Police arrested a drug trafficking ring smuggling cocaine zork.";
  const TopicTagger rules_only(tax());
  const auto rules = tag(rules_only, text, "en");
  ASSERT_NE(find(rules, "trafficking"), nullptr);
  ASSERT_EQ(find(rules, "cannabis_regulation"), nullptr);
  // A threshold the text passes, so only the gate can keep the topic off.
  auto o = with_model();
  o.relevance_threshold = LinearRelevanceModel::load(path_).probability(tok(text));
  const TopicTagger gated_tagger(tax(), o);
  const auto gated = tag(gated_tagger, text, "en");
  EXPECT_EQ(gated.size(), rules.size());
  EXPECT_EQ(find(gated, "cannabis_regulation"), nullptr);
  o.relevance_beside_other_topics = true;
  const TopicTagger beside_tagger(tax(), o);
  const auto beside = tag(beside_tagger, text, "en");
  ASSERT_NE(find(beside, "cannabis_regulation"), nullptr);
  ASSERT_NE(find(beside, "trafficking"), nullptr);
  // Hits stay in taxonomy order.
  const auto& topics = tax().topics();
  for (size_t i = 1; i < beside.size(); ++i) EXPECT_LT(beside[i - 1].topic, beside[i].topic);
  EXPECT_EQ(topics[find(beside, "cannabis_regulation")->topic].id, "cannabis_regulation");
}

TEST_F(TaggerWithModel, RelevanceIsTheLargerOfRulesAndModel) {
  const std::string text = "Canada legalized recreational marijuana zork.";
  const TopicHit* rules = nullptr;
  const TopicTagger rules_only(tax());
  const auto r = tag(rules_only, text, "en");
  rules = find(r, "cannabis_regulation");
  ASSERT_NE(rules, nullptr);
  const TopicTagger with(tax(), with_model());
  const auto m = tag(with, text, "en");
  const TopicHit* both = find(m, "cannabis_regulation");
  ASSERT_NE(both, nullptr);
  const double p = LinearRelevanceModel::load(path_).probability(tok(text));
  EXPECT_DOUBLE_EQ(both->relevance, std::max(rules->relevance, p));
  EXPECT_EQ(both->sentences, rules->sentences);
}

TEST_F(TaggerWithModel, VersionAndErrors) {
  const TopicTagger t(tax(), with_model());
  EXPECT_TRUE(t.relevance_version().starts_with("relevance-cannabis_regulation-en-")) << t.relevance_version();
  EXPECT_EQ(t.relevance_model_file(), path_);
  EXPECT_DOUBLE_EQ(t.relevance_threshold(), 0.3);
  EXPECT_EQ(TopicTagger(tax()).relevance_version(), "none");
  TaggerOptions missing;
  missing.relevance_model = temp_path("missing.model");
  EXPECT_THROW(TopicTagger(tax(), missing), UsageError);
  // A model for a topic the taxonomy lacks.
  auto o = toy_options();
  o.topic = "no_such_topic";
  const std::string other = temp_path("other_topic.model");
  LinearRelevanceModel::train(toy(), o).save(other);
  TaggerOptions bad;
  bad.relevance_model = other;
  EXPECT_THROW(TopicTagger(tax(), bad), Error);
}

TEST(RelevanceModelLookup, OptionThenEnvThenExeThenNone) {
  const fs::path root = fs::path(::testing::TempDir()) / "relevance_lookup";
  fs::create_directories(root / "bin");
  fs::create_directories(root / "models");
  const std::string exe = (root / "bin" / "vigie").string();
  fs::remove(root / "models" / "relevance-en.model");
  EXPECT_EQ(resolve_relevance_model("", nullptr, exe).source, "none");
  EXPECT_EQ(resolve_relevance_model("", nullptr, exe).path, "");
  std::ofstream((root / "models" / "relevance-en.model").string()) << kValid;
  auto c = resolve_relevance_model("", nullptr, exe);
  EXPECT_EQ(c.source, "exe");
  EXPECT_EQ(c.path, (root / "models" / "relevance-en.model").string());
  c = resolve_relevance_model("", "/x/env.model", exe);
  EXPECT_EQ(c.source, "env");
  EXPECT_EQ(c.path, "/x/env.model");
  c = resolve_relevance_model("/x/opt.model", "/x/env.model", exe);
  EXPECT_EQ(c.source, "option");
  EXPECT_EQ(c.path, "/x/opt.model");
  EXPECT_EQ(resolve_relevance_model("none", "/x/env.model", exe).path, "");
  EXPECT_EQ(resolve_relevance_model("", "none", exe).source, "none");
  EXPECT_EQ(resolve_relevance_model("", "", exe).source, "exe") << "an empty variable counts as unset";
}

}  // namespace
}  // namespace vigie::topics
