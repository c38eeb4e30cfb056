// Drug-policy sentiment rules on the shipped domain lexicons: evaluations of
// policies, negation, sarcasm, agency-style reporting.
#include "analytics/sentiment/domain.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/text/segment.h"

namespace vigie::sentiment {
namespace {

const DomainLexicon& shipped() {
  static auto d = DomainLexicon::load(std::string(VIGIE_SOURCE_DIR) + "/corpora/sentiment/domain");
  return *d;
}

DomainAnalysis analyse(const std::string& text, const std::string& lang) {
  text::Segmenter seg;
  std::vector<text::Token> tokens;
  seg.tokenize(text, tokens, true);
  return shipped().analyse(text, tokens, lang);
}

TEST(DomainSentiment, EvaluationsOfPoliciesCarryPolarity) {
  EXPECT_GT(analyse("Naloxone saves lives.", "en").evaluation, 0);
  EXPECT_GT(analyse("Los programas de naloxona salvan vidas.", "es").evaluation, 0);
  EXPECT_LT(analyse("Пожизненное за дозу — это варварство.", "ru").evaluation, 0);
  EXPECT_LT(analyse("这种做法太野蛮了。", "zh").evaluation, 0);
  EXPECT_LT(analyse("La prohibition est un échec total.", "fr").evaluation, 0);
  EXPECT_LT(analyse("هذا القانون كارثه على الشباب", "ar").evaluation, 0);
}

TEST(DomainSentiment, ArabicEntriesMatchWithAndWithoutTheirArticle) {
  // Tokens lose their attached article before matching, and so do the
  // entries' words: the entry "نعم القرار" is found in the text.
  EXPECT_GT(analyse("نعم القرار يا جماعة", "ar").evaluation, 0);
  EXPECT_GT(analyse("حكم المحكمة اليوم هو نعم القرار", "ar").evaluation, 0);
}

TEST(DomainSentiment, NegationFlipsAndIdiomsWin) {
  // "mala idea" alone is criticism; the negated idiom is praise.
  EXPECT_GT(analyse("Regular el cannabis no sería tan mala idea.", "es").evaluation, 0);
  EXPECT_GT(analyse("Decriminalising possession is not a terrible idea.", "en").evaluation, 0);
  // A negator before an evaluation flips it.
  auto a = analyse("Prison does not work for addiction.", "en");
  ASSERT_FALSE(a.hits.empty());
  EXPECT_LT(a.evaluation, 0);
}

TEST(DomainSentiment, SarcasmTurnsPraiseIntoCriticism) {
  auto a = analyse("Great success, another record seizure and prices unchanged 🙃", "en");
  EXPECT_TRUE(a.sarcasm);
  EXPECT_LT(a.evaluation, 0);
}

TEST(DomainSentiment, ASarcasmCueWithoutPraiseIsStillCriticism) {
  auto a = analyse("Ну конечно, запретили метадон, теперь все на героине.", "ru");
  ASSERT_TRUE(a.sarcasm);
  ASSERT_TRUE(a.hits.empty());
  // A near-neutral general score does not make it neutral.
  EXPECT_LT(DomainLexicon::adjust(0.005, a, 0.05, -0.05), -0.05);
  EXPECT_LT(DomainLexicon::adjust(-0.01, a, 0.05, -0.05), -0.05);
}

TEST(DomainSentiment, ChineseModalWordsAreNotAgencyCopy) {
  EXPECT_FALSE(analyse("止痛药宁可管严一点，绝对不能学他们。", "zh").factual);
  EXPECT_TRUE(analyse("广东一戒毒所引入VR心理矫治", "zh").factual);
}

TEST(DomainSentiment, AgencyReportingIsFactual) {
  EXPECT_TRUE(analyse("Police seize 300 kg of cocaine at the port on Tuesday", "en").factual);
  EXPECT_TRUE(analyse("La police a saisi 200 kg de cocaïne au port de Marseille", "fr").factual);
  EXPECT_FALSE(analyse("Police seize 300 kg of cocaine! Well done 👏", "en").factual);
  EXPECT_FALSE(analyse("I think the seizure will change nothing", "en").factual);
  // Factual texts are pulled inside the neutral band, keeping their direction.
  DomainAnalysis f;
  f.factual = true;
  const double c = DomainLexicon::adjust(-0.6, f, 0.05, -0.05);
  EXPECT_LT(c, 0);
  EXPECT_GT(c, -0.05);
}

TEST(DomainSentiment, AgencyCopyWithDatelineAndQuoteIsFactual) {
  // A dateline and a quoted official make four sentences: still reporting
  // with an agency's name, not without one.
  const std::string body =
      " Таможенники изъяли 12 кг героина в порту. Партия шла транзитом. В ведомстве сообщили, что задержаны двое.";
  EXPECT_TRUE(analyse("НОВОРОССИЙСК, 3 мая. /ТАСС/." + body, "ru").factual);
  EXPECT_FALSE(analyse("НОВОРОССИЙСК, 3 мая." + body + " Дальше будет больше.", "ru").factual);
  EXPECT_TRUE(analyse("新华社南宁5月3日电 边防民警查获海洛因12公斤。两名嫌疑人被抓获。警方表示，案件正在审理。", "zh").factual);
  EXPECT_TRUE(analyse("الدوحة (قنا) - ضبطت الجمارك 12 كيلوغراما من الهيروين في الميناء. وتم توقيف شخصين. وقال مسؤول إن التحقيق جار.",
                      "ar").factual);
}

TEST(DomainSentiment, DialectAndForumRegisterIsNotAgencyCopy) {
  EXPECT_FALSE(analyse("الشرطة قبضت على تاجر في الحارة عشان كده الناس خايفة", "ar").factual);
  EXPECT_FALSE(analyse("Имхо изъятия ничего не меняют", "ru").factual);
  EXPECT_TRUE(analyse("الشرطة تقبض على تاجر مخدرات في الإسكندرية", "ar").factual);
}

TEST(DomainSentiment, ReportedDeathsAreNewsNotTone) {
  // In a headline a death is the fact reported; in a comment it is the
  // author's grief or anger.
  auto news = analyse("Marseille : un adolescent tué par balle près d'un point de deal", "fr");
  EXPECT_TRUE(news.factual);
  EXPECT_TRUE(news.hits.empty());
  auto comment = analyse("Encore un gamin tué pour un point de deal. Je n'en peux plus!", "fr");
  EXPECT_FALSE(comment.factual);
  EXPECT_LT(comment.evaluation, 0);
  // "смертная казнь" names a punishment, not a death.
  EXPECT_TRUE(analyse("Депутат предложил ввести смертную казнь за сбыт наркотиков", "ru").hits.empty());
}

TEST(DomainSentiment, WhatFollowsAContrastWeighsMore) {
  auto a = analyse("I was skeptical of the site at first, but nobody dying inside is hard to argue with.", "en");
  EXPECT_GT(a.evaluation, 0);
  bool after = false;
  for (const auto& h : a.hits) after = after || h.rule.find("after-contrast") != std::string::npos;
  EXPECT_TRUE(after);
  EXPECT_GT(analyse("这个政策争议很大，但是真的救了很多人。", "zh").evaluation, 0);
}

TEST(DomainSentiment, AFallingHarmIsGoodNews) {
  EXPECT_GT(analyse("Since the programme started there are fewer deaths in the city, my neighbours say.", "en").evaluation, 0);
  EXPECT_GT(analyse("Depuis l'ouverture de la salle, moins de morts dans le quartier, on le voit tous.", "fr").evaluation, 0);
  // A harm that grows stays bad.
  EXPECT_LT(analyse("Since the programme started there are more deaths in the city, my neighbours say.", "en").evaluation, 0);
}

TEST(DomainSentiment, ARequestForInformationIsNeutral) {
  auto q = analyse("Does anyone know if the test strips also pick up xylazine?", "en");
  EXPECT_TRUE(q.inquiry);
  EXPECT_EQ(DomainLexicon::adjust(0.49, q, 0.05, -0.05), std::clamp(0.49 * 0.25, -0.025, 0.025));
  EXPECT_TRUE(analyse("Подскажите, метадон выдают каждый день или на неделю?", "ru").inquiry);
  // Without a question mark, or with an evaluation, it is not an inquiry.
  EXPECT_FALSE(analyse("Does anyone know how many lives naloxone saves lives every year.", "en").inquiry);
  EXPECT_FALSE(analyse("Does anyone know why this barbaric law still exists?", "en").inquiry);
}

TEST(DomainSentiment, EntriesAreCutAsTheTextIs) {
  // Inner apostrophes that are not elisions stay inside their word, in the
  // entries as in the text: "quelqu'un sait", "doesn't work".
  EXPECT_TRUE(analyse("Quelqu'un sait si le CSAPA de Lyon donne de la méthadone le week-end ?", "fr").inquiry);
  auto a = analyse("Prison doesn't work for addiction.", "en");
  ASSERT_FALSE(a.hits.empty());
  EXPECT_EQ(a.hits.front().phrase, "doesn't work");
  // Elisions are still cut ("n'importe quoi"), and a prefix entry still
  // matches longer words ("injusticia*": "injusticias").
  EXPECT_LT(analyse("Cette salle de shoot, c'est n'importe quoi.", "fr").evaluation, 0);
  EXPECT_LT(analyse("Tantas injusticias con la cárcel por un porro.", "es").evaluation, 0);
}

TEST(DomainSentiment, QuotedWordsAreTheSpeakers) {
  // A speaker's "nous" or "we" between quotation marks does not make agency
  // copy an opinion; the same words unquoted do.
  const std::string quote = "« Nous ne reculerons pas face aux trafiquants », a déclaré le ministre à Marseille.";
  EXPECT_TRUE(analyse(quote, "fr").factual);
  EXPECT_FALSE(analyse("Nous ne reculerons pas face aux trafiquants à Marseille.", "fr").factual);
  EXPECT_TRUE(analyse("\"We will not back down on cocaine traffickers,\" the minister said.", "en").factual);
  // Nor does a quoted evaluation make it the author's: the senator's
  // "historic mistake" is reported, not felt.
  EXPECT_TRUE(
      analyse("«La legalización del cannabis sería un error histórico», declaró el senador en la Cámara.", "es")
          .factual);
  // A single quoted word is a name or scare quotes, not a speaker's words.
  EXPECT_FALSE(analyse("Ils appellent ça «humain» alors que c'est une honte pour la prison.", "fr").factual);
}

TEST(DomainSentiment, EvaluationOutweighsTheGeneralScore) {
  DomainAnalysis a;
  a.hits.push_back({"saves lives", 0, 1, 2.8, "eval"});
  a.evaluation = 2.8;
  EXPECT_GT(DomainLexicon::adjust(-0.4, a, 0.44, -0.01), 0.44);
}

TEST(DomainSentiment, UnknownLanguageIsLeftAlone) {
  auto a = analyse("Naloxone saves lives.", "nl");
  EXPECT_TRUE(a.hits.empty());
  EXPECT_FALSE(a.factual);
  EXPECT_EQ(DomainLexicon::adjust(0.3, a, 0.05, -0.05), 0.3);
}

TEST(DomainSentiment, StanceToneDecidesOnlyANeutralScore) {
  // Inside the band the side's tone gives the label; outside it, or without
  // a tone, the score stands.
  EXPECT_GT(DomainLexicon::toned(0.01, 1, 0.05, -0.05), 0.05);
  EXPECT_LT(DomainLexicon::toned(0.01, -1, 0.05, -0.05), -0.05);
  EXPECT_EQ(DomainLexicon::toned(0.01, 0, 0.05, -0.05), 0.01);
  EXPECT_EQ(DomainLexicon::toned(0.4, -1, 0.05, -0.05), 0.4);
  EXPECT_EQ(DomainLexicon::toned(-0.3, 1, 0.05, -0.05), -0.3);
  // Only the languages whose file asks for it.
  EXPECT_TRUE(shipped().stance_tone("ar"));
  EXPECT_TRUE(shipped().stance_tone("ru"));
  EXPECT_TRUE(shipped().stance_tone("zh"));
  EXPECT_FALSE(shipped().stance_tone("nl"));
}

}  // namespace
}  // namespace vigie::sentiment
