// Table-driven rule tests per language: negation, contrastive conjunctions,
// boosters, emoji, hashtags, caps, punctuation. Each case compares two
// hand-written texts or checks a label, so the expectations come from the
// rules' definitions, not from the scorer's output.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "analytics/sentiment/sentiment.h"
#include "core/errors.h"

namespace vigie::sentiment {
namespace {

const Scorer& lexicon_scorer() {
  static auto s = Scorer::load(VIGIE_SOURCE_DIR "/corpora", "lexicon");
  return *s;
}

double c(const char* text, const char* lang) { return lexicon_scorer().score(text, lang).compound; }

// VADER's normalisation: x / sqrt(x^2 + 15).
double norm(double x) { return x / std::sqrt(x * x + 15); }

TEST(SentimentExact, VaderArithmeticOnSingleWords) {
  // VADER lexicon: good 1.9; "very" booster +0.293; negation x -0.74.
  EXPECT_NEAR(c("good", "en"), norm(1.9), 1e-4);
  EXPECT_NEAR(c("very good", "en"), norm(1.9 + 0.293), 1e-4);
  EXPECT_NEAR(c("not good", "en"), norm(1.9 * -0.74), 1e-4);
  EXPECT_NEAR(c("good!", "en"), norm(1.9 + 0.292), 1e-4);
  EXPECT_NEAR(c("good!!!!!!", "en"), norm(1.9 + 4 * 0.292), 1e-4);  // at most 4 count
  // "but": before x0.5, after x1.5 (bad = -2.5).
  EXPECT_NEAR(c("good but bad", "en"), norm(1.9 * 0.5 - 2.5 * 1.5), 1e-4);
  EXPECT_EQ(c("the table is brown", "en"), 0.0);
}

enum class Rel { less, greater, opposite_sign, label_pos, label_neg, label_neu };

struct Case {
  const char* lang;
  const char* a;
  Rel rel;
  const char* b;  // second text (relations) or unused
};

void PrintTo(const Case& k, std::ostream* os) { *os << k.lang << ": \"" << k.a << "\" vs \"" << (k.b ? k.b : "") << "\""; }

class RuleTest : public ::testing::TestWithParam<Case> {};

TEST_P(RuleTest, Holds) {
  const Case& k = GetParam();
  const Scorer& s = lexicon_scorer();
  Score a = s.score(k.a, k.lang);
  switch (k.rel) {
    case Rel::label_pos: EXPECT_EQ(a.label, Label::positive) << a.compound; return;
    case Rel::label_neg: EXPECT_EQ(a.label, Label::negative) << a.compound; return;
    case Rel::label_neu: EXPECT_EQ(a.label, Label::neutral) << a.compound; return;
    default: break;
  }
  Score b = s.score(k.b, k.lang);
  switch (k.rel) {
    case Rel::less: EXPECT_LT(a.compound, b.compound); break;
    case Rel::greater: EXPECT_GT(a.compound, b.compound); break;
    case Rel::opposite_sign:
      EXPECT_NE(a.compound, 0.0);
      EXPECT_LT(a.compound * b.compound, 0.0) << a.compound << " " << b.compound;
      break;
    default: break;
  }
}

const Case kCases[] = {
    // English (VADER rules)
    {"en", "I love this", Rel::label_pos, nullptr},
    {"en", "I hate this", Rel::label_neg, nullptr},
    {"en", "It is happy", Rel::opposite_sign, "It isn't happy"},
    {"en", "It is good", Rel::opposite_sign, "It is never good"},
    {"en", "It is very good", Rel::greater, "It is good"},
    {"en", "It is slightly good", Rel::less, "It is good"},
    {"en", "It is GOOD, ok", Rel::greater, "It is good, ok"},
    {"en", "The plot was bad but the acting was great", Rel::label_pos, nullptr},
    {"en", "The acting was great but the plot was bad", Rel::label_neg, nullptr},
    {"en", "Lunch today :)", Rel::label_pos, nullptr},
    {"en", "Lunch today :(", Rel::label_neg, nullptr},
    {"en", "Lunch today 😍", Rel::label_pos, nullptr},
    {"en", "#NotHappy with the service", Rel::label_neg, nullptr},
    {"en", "good!!!", Rel::greater, "good"},
    {"en", "yeah right", Rel::label_neg, nullptr},
    // French
    {"fr", "Ce film est excellent", Rel::label_pos, nullptr},
    {"fr", "Ce film est horrible", Rel::label_neg, nullptr},
    {"fr", "Ce film est bon", Rel::opposite_sign, "Ce film n'est pas bon"},
    {"fr", "Ce film est très bon", Rel::greater, "Ce film est bon"},
    {"fr", "Le début est nul mais la fin est magnifique", Rel::label_pos, nullptr},
    {"fr", "Super soirée 😍", Rel::label_pos, nullptr},
    // Spanish
    {"es", "Es una película excelente", Rel::label_pos, nullptr},
    {"es", "Es bueno", Rel::opposite_sign, "No es bueno"},
    {"es", "Es muy bueno", Rel::greater, "Es bueno"},
    {"es", "El inicio es malo pero el final es maravilloso", Rel::label_pos, nullptr},
    // An emoji is outside the sentence's syntax: a negator does not flip it.
    {"es", "Este equipo no se cansa nunca 💙", Rel::label_pos, nullptr},
    {"en", "They never give up 😍", Rel::label_pos, nullptr},
    // Negative concord inside an idiom: "no hay nada mejor" is praise.
    {"es", "No hay nada mejor que un café por la mañana", Rel::label_pos, nullptr},
    // Russian
    {"ru", "Это хороший фильм", Rel::label_pos, nullptr},
    {"ru", "Это хороший фильм", Rel::opposite_sign, "Это не хороший фильм"},
    {"ru", "Это очень хороший фильм", Rel::greater, "Это хороший фильм"},
    {"ru", "Это ужасный фильм", Rel::label_neg, nullptr},
    // Arabic
    {"ar", "هذا جميل", Rel::label_pos, nullptr},
    {"ar", "هذا جميل", Rel::opposite_sign, "هذا ليس جميل"},
    {"ar", "هذا جميل جدا", Rel::label_pos, nullptr},
    // Chinese (dictionary longest match)
    {"zh", "这个酒店很好", Rel::label_pos, nullptr},
    {"zh", "这个酒店很差", Rel::label_neg, nullptr},
    {"zh", "这个酒店好", Rel::opposite_sign, "这个酒店不好"},
    {"zh", "这个酒店非常好", Rel::greater, "这个酒店好"},
    {"zh", "房间很干净，但是服务太差", Rel::label_neg, nullptr},
    // German, Italian, Portuguese
    {"de", "Das ist gut", Rel::opposite_sign, "Das ist nicht gut"},
    // the contrast ends the negator's scope: "teuer" stays negative
    {"de", "Nicht gut, aber teuer", Rel::label_neg, nullptr},
    {"de", "teuer", Rel::opposite_sign, "nicht teuer"},
    {"it", "È un bel film", Rel::label_pos, nullptr},
    {"pt", "O filme é bom", Rel::opposite_sign, "O filme não é bom"},
    // Hindi (Hinglish): the negator follows the word
    {"hi", "film accha hai", Rel::opposite_sign, "film accha nahi hai"},
    {"hi", "बहुत अच्छा", Rel::label_pos, nullptr},
    // Language without a lexicon: emoji and emoticons only
    {"und", "vakantie 😍", Rel::label_pos, nullptr},
    {"und", "vakantie :(", Rel::label_neg, nullptr},
    {"und", "vakantie", Rel::label_neu, nullptr},
};

INSTANTIATE_TEST_SUITE_P(PerLanguage, RuleTest, ::testing::ValuesIn(kCases));

TEST(SentimentSentences, OneScorePerSentence) {
  std::vector<SentenceScore> out;
  lexicon_scorer().score_sentences("I love it. I hate it!", "en", out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_GT(out[0].compound, 0);
  EXPECT_LT(out[1].compound, 0);
  EXPECT_EQ(out[0].begin, 0u);
  EXPECT_EQ(out[1].begin, 11u);
}

TEST(SentimentSentences, FromSegmenterTokens) {
  // Tokens as the Segmenter would produce them for "good. bad." (hand-built).
  std::string t = "good. bad.";
  std::vector<text::Token> toks(2);
  toks[0].begin = 0; toks[0].end = 4; toks[0].norm = "good"; toks[0].sentence = 0;
  toks[1].begin = 6; toks[1].end = 9; toks[1].norm = "bad"; toks[1].sentence = 1;
  std::vector<double> out;
  lexicon_scorer().score_sentences(t, toks, 2, "en", out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_NEAR(out[0], norm(1.9), 1e-4);
  EXPECT_NEAR(out[1], norm(-2.5), 1e-4);
  EXPECT_NEAR(lexicon_scorer().score(t, toks, "en").compound, norm(1.9 - 2.5), 1e-4);
}

TEST(SentimentExplain, NamesTheRules) {
  Explanation ex = lexicon_scorer().explain("not very good", "en");
  ASSERT_EQ(ex.items.size(), 1u);
  EXPECT_EQ(ex.items[0].term, "good");
  EXPECT_NE(ex.items[0].rules.find("booster(very)"), std::string::npos);
  EXPECT_NE(ex.items[0].rules.find("negated(not)"), std::string::npos);
}

TEST(SentimentLoad, VersionAndLanguages) {
  const Scorer& s = lexicon_scorer();
  for (const char* l : {"ar", "zh", "en", "fr", "ru", "es", "de", "it", "pt", "hi"}) EXPECT_TRUE(s.has_language(l)) << l;
  EXPECT_FALSE(s.has_language("und"));
  EXPECT_NE(s.version().find("vigie-sentiment/2"), std::string::npos);
  EXPECT_THROW(Scorer::load(VIGIE_SOURCE_DIR "/corpora", "no-such-model"), UsageError);
}

}  // namespace
}  // namespace vigie::sentiment
