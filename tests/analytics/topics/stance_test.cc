// Stance cues with the shipped lexicons: reform and prohibition cues,
// negation ("we should not legalize" -> prohibition), shifters ("end the war
// on drugs" -> reform), containment, the topic gate, other languages, and
// lexicon loading errors.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "core/errors.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::topics {
namespace {

// The shipped cue lexicons alone (no judgement rules): "none" keeps a locally trained model
// ($VIGIE_STANCE_MODEL, or one beside the test binary) out of these tests.
const StanceClassifier& shipped() {
  static const auto c = [] {
    StanceOptions o;
    o.model_file = "none";
    o.judgement = false;  // the cue lexicons; stance_judge_test.cc tests the judgement
    return StanceClassifier::load(std::string(VIGIE_SOURCE_DIR) + "/corpora/stance", o);
  }();
  return *c;
}

const TopicTagger& tagger() {
  static const Taxonomy tax = Taxonomy::load(std::string(VIGIE_SOURCE_DIR) + "/corpora/taxonomy/drug-policy.json");
  static const TopicTagger t(tax);
  return t;
}

std::map<std::string, std::string> en(const std::string& tsv) { return {{"en", tsv}}; }

Stance classify(const StanceClassifier& c, const std::string& text, const std::string& lang) {
  text::Segmenter seg;
  text::StemmerSet stemmers;
  std::vector<text::Token> tokens;
  seg.tokenize(text, tokens, true);
  std::vector<TopicHit> hits;
  tagger().tag(text, tokens, lang, stemmers, hits);
  return c.classify(text, tokens, lang, hits, stemmers);
}

struct Case {
  const char* lang;
  const char* text;
  StanceLabel expected;
};

std::ostream& operator<<(std::ostream& os, const Case& c) { return os << c.lang << ": " << c.text; }

class StanceCase : public ::testing::TestWithParam<Case> {};

TEST_P(StanceCase, Label) {
  const Case& c = GetParam();
  Stance s = classify(shipped(), c.text, c.lang);
  EXPECT_EQ(stance_name(s.label), stance_name(c.expected)) << c << " (evidence " << s.evidence << ")";
}

using L = StanceLabel;
// clang-format off
const Case kCases[] = {
  {"en", "We should legalize cannabis.", L::reform},
  {"en", "We should not legalize cannabis.", L::prohibition},
  {"en", "I oppose the legalization of marijuana.", L::prohibition},
  {"en", "Marijuana is a gateway drug and it is addictive.", L::prohibition},
  {"en", "Marijuana is not a gateway drug.", L::reform},
  {"en", "There is no evidence that marijuana is a gateway drug.", L::reform},
  {"en", "End the war on drugs: treatment not prison for drug users.", L::reform},
  {"en", "Police must crack down on drug dealers with tougher sentences.", L::prohibition},
  {"en", "Keep it illegal: cannabis harms the developing brain.", L::prohibition},
  {"en", "Harm reduction works and saves lives of people who use drugs.", L::reform},
  {"en", "Legal cannabis would reduce crime and raise tax revenue.", L::reform},
  {"en", "The marijuana measure will be on the ballot in November.", L::none},
  {"en", "The weather was nice and we went hiking.", L::none},
  {"fr", "Il faut légaliser le cannabis.", L::reform},
  {"fr", "Il ne faut pas légaliser le cannabis, c'est dangereux.", L::prohibition},
  {"fr", "La dépénalisation de l'usage de drogues protège la santé publique.", L::reform},
  {"es", "Hay que legalizar la marihuana.", L::reform},
  {"es", "La marihuana es peligrosa y debe seguir prohibida.", L::prohibition},
  {"es", "Mano dura contra el narcotráfico y tolerancia cero.", L::prohibition},
  {"ru", "Нужно легализовать марихуану.", L::reform},
  {"ru", "Марихуана опасна, нужно ужесточить наказание за наркотики.", L::prohibition},
  {"ar", "يجب تقنين القنب الهندي للاستخدام الطبي.", L::reform},
  {"ar", "المخدرات آفة خطيرة ويجب تشديد العقوبات.", L::prohibition},
  {"zh", "应该推动大麻合法化。", L::reform},
  {"zh", "我们反对大麻合法化。", L::prohibition},
  {"zh", "必须严厉打击毒品犯罪。", L::prohibition},
};
// clang-format on

INSTANTIATE_TEST_SUITE_P(Shipped, StanceCase, ::testing::ValuesIn(kCases));

TEST(Stance, ScoreIsAConfidenceInRange) {
  Stance strong = classify(shipped(), "Legalize cannabis, regulate and tax it, end prohibition.", "en");
  Stance weak = classify(shipped(), "Legalize cannabis.", "en");
  EXPECT_EQ(strong.label, L::reform);
  EXPECT_GT(strong.evidence, weak.evidence);
  EXPECT_GT(strong.score, weak.score);
  EXPECT_LT(strong.score, 1.0);
  EXPECT_GT(weak.score, 0.0);
}

TEST(Stance, NegatorReachesOnlyTheNextCue) {
  // "not" flips "harmful" only; "legalize" stays reform.
  Stance s = classify(shipped(), "It is not harmful, so legalize it.", "en");
  EXPECT_EQ(s.label, L::reform);
  EXPECT_EQ(s.cues, 2);
  EXPECT_DOUBLE_EQ(s.evidence, 2.0);
}

// One long sentence of many cues and negators (a huge record without a full
// stop) adds up exactly as its parts: each negator flips only the cue after
// it, and the work stays linear in the matches (it once scanned every match
// for every cue).
TEST(Stance, LongSentenceOfCuesAddsUpAsItsParts) {
  const std::string unit = "it is not harmful and we legalize it and ";
  const Stance one = classify(shipped(), unit + "end", "en");
  std::string text;
  const int n = 20000;
  for (int i = 0; i < n; ++i) text += unit;
  const Stance many = classify(shipped(), text + "end", "en");
  EXPECT_EQ(many.cues, n * one.cues);
  EXPECT_DOUBLE_EQ(many.evidence, n * one.evidence);
  EXPECT_DOUBLE_EQ(one.evidence, 2.0);  // "not harmful" flipped to reform, "legalize" reform
}

TEST(Stance, LongerCueHidesTheCuesInside) {
  StanceClassifier c(en("war on drugs\tprohibition\t1\nfailed war on drugs\treform\t1\n"));
  Stance s = classify(c, "It was a failed war on drugs.", "en");
  EXPECT_EQ(s.cues, 1);
  EXPECT_DOUBLE_EQ(s.evidence, 1.0);
}

TEST(Stance, TopicGateUsesTheOffTopicThreshold) {
  StanceOptions o;
  o.threshold = 0.5;
  o.off_topic_threshold = 5;
  StanceClassifier c(en("approve\treform\t1\n"), o);
  EXPECT_EQ(classify(c, "We approve.", "en").label, L::none);                // no topic
  EXPECT_EQ(classify(c, "We approve cannabis.", "en").label, L::reform);     // cannabis_regulation
}

TEST(Stance, TextsNotAboutDrugsNeedStrongCues) {
  // No topic and no context word: one prohibition cue is not enough.
  EXPECT_EQ(classify(shipped(), "That road is dangerous at night.", "en").label, L::none);
  // A context word ("drugs") makes the same cue count.
  EXPECT_EQ(classify(shipped(), "Those drugs are dangerous.", "en").label, L::prohibition);
}

TEST(Stance, LeanGivesTheSideOfEvidenceTooWeakForALabel) {
  StanceOptions o;
  o.threshold = 0.5;
  o.off_topic_threshold = 5;
  StanceClassifier c(en("approve\treform\t1\nban\tprohibition\t1\n"), o);
  // No topic: one cue is below the off-topic threshold, so no label, but
  // the text still leans to the cue's side.
  Stance s = classify(c, "We approve.", "en");
  EXPECT_EQ(s.label, L::none);
  EXPECT_EQ(s.lean, L::reform);
  s = classify(c, "We ban.", "en");
  EXPECT_EQ(s.label, L::none);
  EXPECT_EQ(s.lean, L::prohibition);
  // Balanced or no evidence: no side.
  EXPECT_EQ(classify(c, "We approve and we ban.", "en").lean, L::none);
  EXPECT_EQ(classify(c, "The weather is fine.", "en").lean, L::none);
  // With a label, lean agrees with it.
  s = classify(c, "We approve cannabis.", "en");
  EXPECT_EQ(s.label, L::reform);
  EXPECT_EQ(s.lean, L::reform);
}

TEST(Stance, UnknownLanguageUsesTheFallbackLexicon) {
  EXPECT_EQ(classify(shipped(), "Legalize cannabis now", "de").label, L::reform);
}

TEST(Stance, VersionNamesLanguagesAndContent) {
  StanceClassifier a(en("legalize\treform\n"));
  StanceClassifier b(en("legalize\treform\t2\n"));
  EXPECT_EQ(a.version().rfind("stance-cues/en+", 0), 0u);
  EXPECT_NE(a.version(), b.version());
  EXPECT_NE(shipped().version().find("ar,en,es,fr,ru,zh"), std::string::npos) << shipped().version();
}

struct BadLexicon {
  const char* tsv;
  const char* message;
};

class StanceLexiconError : public ::testing::TestWithParam<BadLexicon> {};

TEST_P(StanceLexiconError, NamesTheLine) {
  try {
    StanceClassifier c(en(GetParam().tsv));
    FAIL() << "accepted " << GetParam().tsv;
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("en.tsv:2:"), std::string::npos) << what;
    EXPECT_NE(what.find(GetParam().message), std::string::npos) << what;
  }
}

INSTANTIATE_TEST_SUITE_P(Errors, StanceLexiconError,
                         ::testing::Values(BadLexicon{"# c\nlegalize\n", "expected"},
                                           BadLexicon{"# c\nlegalize\tpro\n", "class must be"},
                                           BadLexicon{"# c\nlegalize\treform\tx\n", "weight"},
                                           BadLexicon{"# c\nlegalize\treform\t-1\n", "weight"}));

TEST(Stance, MissingDirectoryIsAUsageError) {
  EXPECT_THROW(StanceClassifier::load("/nonexistent/stance"), UsageError);
}

}  // namespace
}  // namespace vigie::topics
