// The judgement of a policy with the shipped rules, per language and per
// mechanism: orientation of the object x evaluation, negation scope, modal
// demands, attribution to a quoted speaker, and sarcasm. The sentences are
// written for these tests; each row says which mechanism it exercises.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "core/errors.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::topics {
namespace {

const StanceClassifier& shipped() {
  static const auto c = [] {
    StanceOptions o;
    o.model_file = "none";
    return StanceClassifier::load(std::string(VIGIE_SOURCE_DIR) + "/corpora/stance", o);
  }();
  return *c;
}

const TopicTagger& tagger() {
  static const Taxonomy tax = Taxonomy::load(std::string(VIGIE_SOURCE_DIR) + "/corpora/taxonomy/drug-policy.json");
  static const TopicTagger t(tax);
  return t;
}

Stance classify(const std::string& text, const std::string& lang, StanceExplanation* why = nullptr) {
  text::Segmenter seg;
  text::StemmerSet stemmers;
  std::vector<text::Token> tokens;
  seg.tokenize(text, tokens, true);
  std::vector<TopicHit> hits;
  tagger().tag(text, tokens, lang, stemmers, hits);
  return shipped().classify(text, tokens, lang, hits, stemmers, why);
}

enum class Mechanism { orientation, evaluation, negation, modal, attribution, sarcasm, neutral };
const char* name(Mechanism m) {
  switch (m) {
    case Mechanism::orientation: return "orientation";
    case Mechanism::evaluation: return "evaluation";
    case Mechanism::negation: return "negation";
    case Mechanism::modal: return "modal";
    case Mechanism::attribution: return "attribution";
    case Mechanism::sarcasm: return "sarcasm";
    case Mechanism::neutral: return "neutral";
  }
  return "?";
}

struct Case {
  const char* lang;
  Mechanism mechanism;
  const char* text;
  StanceLabel expected;
};

std::ostream& operator<<(std::ostream& os, const Case& c) {
  return os << c.lang << " [" << name(c.mechanism) << "] " << c.text;
}

class JudgeCase : public ::testing::TestWithParam<Case> {};

TEST_P(JudgeCase, Label) {
  const Case& c = GetParam();
  StanceExplanation why;
  const Stance s = classify(c.text, c.lang, &why);
  EXPECT_EQ(stance_name(s.label), stance_name(c.expected)) << "evidence " << s.evidence << ", object '" << why.object
                                                           << "', decided by " << why.decided_by;
  // The explanation names the mechanism the row is about.
  switch (c.mechanism) {
    case Mechanism::negation: EXPECT_TRUE(why.negation); break;
    case Mechanism::attribution: EXPECT_TRUE(why.attribution); break;
    case Mechanism::sarcasm: EXPECT_TRUE(why.sarcasm); break;
    case Mechanism::orientation:
    case Mechanism::evaluation:
      EXPECT_FALSE(why.object.empty());
      EXPECT_NE(why.orientation, 0);
      EXPECT_FALSE(why.evaluations.empty());
      break;
    default: break;
  }
}

using M = Mechanism;
constexpr StanceLabel R = StanceLabel::reform, P = StanceLabel::prohibition, N = StanceLabel::none;

// The same measure judged both ways gives both sides: stance follows the
// judgement, not the topic.
INSTANTIATE_TEST_SUITE_P(
    Languages, JudgeCase,
    ::testing::Values(
        Case{"en", M::orientation, "Hanging people over a few grams of heroin is cruel and pointless.", R},
        Case{"en", M::orientation, "Hanging traffickers is the right call, it protects our children.", P},
        Case{"en", M::evaluation, "Decriminalising possession was a disaster for our town.", P},
        Case{"en", M::evaluation, "Needle exchanges save lives, plain and simple.", R},
        Case{"en", M::negation, "Honestly, decriminalisation is not a terrible idea.", R},
        Case{"en", M::modal, "Mandatory minimum sentences for users must stop.", R},
        Case{"en", M::modal, "Pill testing should be available at every festival, everywhere.", R},
        Case{"en", M::attribution, "The minister said the death penalty for traffickers is necessary, officials say.", N},
        Case{"en", M::sarcasm, "Oh great, another crackdown, I'm sure it will fix everything this time.", R},
        Case{"en", M::neutral, "Customs officers seized 300 kg of cocaine at the port on Tuesday.", N},
        Case{"fr", M::orientation, "Exécuter des gens pour du cannabis, c'est barbare.", R},
        Case{"fr", M::evaluation, "La dépénalisation serait une catastrophe pour nos quartiers.", P},
        Case{"fr", M::negation, "Les salles de consommation, ce n'est pas une mauvaise idée.", R},
        Case{"fr", M::modal, "Il faut généraliser la naloxone dans toutes les pharmacies.", R},
        Case{"fr", M::attribution, "Selon le préfet, la fermeté paie et la répression est efficace.", N},
        Case{"fr", M::sarcasm, "Bien sûr, la prison va guérir l'addiction, évidemment, c'est efficace.", R},
        Case{"es", M::orientation, "La pena de muerte por drogas es una barbaridad.", R},
        Case{"es", M::evaluation, "Legalizar la marihuana fue un fracaso total.", P},
        Case{"es", M::negation, "Despenalizar el consumo no sería tan mala idea.", R},
        Case{"es", M::attribution, "El ministro afirmó que la mano dura es necesaria.", N},
        Case{"es", M::sarcasm, "Claro, meter a los jóvenes en la cárcel acabará con las drogas, seguro.", R},
        Case{"ru", M::orientation, "Смертная казнь за наркотики — это варварство.", R},
        Case{"ru", M::evaluation, "Легализация марихуаны станет катастрофой для молодёжи.", P},
        Case{"ru", M::negation, "Заместительная терапия метадоном — вовсе не плохая идея, она спасает жизни.", R},
        Case{"ru", M::attribution, "Министр заявил, что ужесточение наказаний необходимо.", N},
        Case{"ar", M::orientation, "عقوبة الإعدام بسبب المخدرات عمل وحشي.", R},
        Case{"ar", M::evaluation, "تقنين الحشيش سيكون كارثة على شبابنا.", P},
        Case{"ar", M::attribution, "قال الوزير إن تشديد العقوبات ضروري.", N},
        Case{"zh", M::orientation, "因为贩毒就判死刑，太野蛮了。", R},
        Case{"zh", M::evaluation, "大麻合法化对年轻人来说是一场灾难。", P},
        Case{"zh", M::modal, "美沙酮治疗应该推广到每个城市。", R},
        Case{"zh", M::attribution, "警方表示，严打行动非常成功。", N}));

TEST(StanceJudge, RejectsAnUnknownClass) {
  try {
    StanceClassifier c({{"en", "legalize\treform\n"}}, {}, {{"en", "legalize\tliberal\nbarbaric\tawful\n"}});
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("judgement/en.tsv:2"), std::string::npos) << e.what();
  }
}

TEST(StanceJudge, ExplanationJsonNamesObjectOrientationAndFlags) {
  StanceExplanation why;
  classify("Mandatory minimums for users are not humane.", "en", &why);
  std::string json;
  append_json(json, why);
  EXPECT_NE(json.find("\"orientation\":\"punitive\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"negation\":true"), std::string::npos) << json;
  EXPECT_NE(json.find("\"polarity\":\"condemns\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"decided_by\":\"combination\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"probabilities\":{\"reform\":"), std::string::npos) << json;
}

TEST(StanceJudge, WithoutJudgementRulesTheCuesDecideAsBefore) {
  const std::map<std::string, std::string> lexicon{{"en", "legalize\treform\t3\n"}};
  StanceClassifier c(lexicon);
  text::Segmenter seg;
  text::StemmerSet stemmers;
  std::vector<text::Token> tokens;
  const std::string t = "We should legalize cannabis.";
  seg.tokenize(t, tokens, true);
  EXPECT_EQ(c.classify(t, tokens, "en", {}, stemmers).label, StanceLabel::reform);
}

}  // namespace
}  // namespace vigie::topics

namespace vigie::topics {
namespace {

std::string combine_tsv(std::string_view skip = {}) {
  std::string t = "# weights\n";
  for (std::string_view n : StanceCombiner::kNames)
    if (n != skip) t += std::string(n) + (n == "reform" ? "\t2\t-2\t0\n" : n == "prohibition" ? "\t-2\t2\t0\n" : "\t0\t0\t0\n");
  return t;
}

TEST(StanceCombiner, WeighsTheJudgementIntoProbabilities) {
  const StanceCombiner c(combine_tsv());
  StanceJudgement j;
  j.reform = 1.5;
  const auto p = c.probabilities(j, 0, true);
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-9);
  EXPECT_GT(p[0], p[1]);
  EXPECT_GT(p[0], p[2]);
  StanceJudgement none;
  const auto q = c.probabilities(none, 0, false);
  EXPECT_NEAR(q[0], 1.0 / 3, 1e-9);  // every feature but the bias is 0, and the bias weighs nothing here
}

TEST(StanceCombiner, RejectsAMissingOrUnknownFeature) {
  EXPECT_THROW(StanceCombiner(combine_tsv("sarcasm")), Error);
  EXPECT_THROW(StanceCombiner(combine_tsv() + "irony\t1\t1\t1\n"), Error);
  EXPECT_THROW(StanceCombiner(combine_tsv() + "bias\t1\t1\t1\n"), Error);  // twice
  EXPECT_THROW(StanceCombiner("bias\t1\tx\t1\n"), Error);
}

TEST(StanceCombiner, ShippedCombinationDecidesAndExplains) {
  StanceExplanation why;
  const Stance s = classify("Needle exchanges save lives.", "en", &why);
  EXPECT_EQ(s.label, StanceLabel::reform);
  EXPECT_EQ(why.decided_by, "combination");
  EXPECT_NEAR(why.probabilities[0] + why.probabilities[1] + why.probabilities[2], 1.0, 1e-9);
  EXPECT_DOUBLE_EQ(s.score, why.probabilities[0]);
}

}  // namespace
}  // namespace vigie::topics

namespace vigie::topics {
namespace {

// The layer says whether a text takes a side; the judgement's sign says
// which, so a layer leaning one way cannot put a judged text on the other.
TEST(StanceCombiner, SideComesFromTheJudgement) {
  StanceJudgement reform;
  reform.reform = 1;
  StanceJudgement prohibition;
  prohibition.prohibition = 1;
  const std::array<double, 3> leans_prohibition{0.2, 0.7, 0.1};
  EXPECT_EQ(StanceCombiner::decide(leans_prohibition, reform, 0), 0);
  EXPECT_EQ(StanceCombiner::decide(leans_prohibition, prohibition, 0), 1);
  EXPECT_EQ(StanceCombiner::decide(leans_prohibition, StanceJudgement{}, 0), 2);  // no judgement, no side
  EXPECT_EQ(StanceCombiner::decide({0.3, 0.1, 0.6}, reform, 0), 2);               // none most probable
  EXPECT_EQ(StanceCombiner::decide({0.45, 0.1, 0.45}, reform, 0), 2);             // a tie is none
  EXPECT_EQ(StanceCombiner::decide({0.5, 0.1, 0.4}, reform, 0.2), 2);             // within the margin
  EXPECT_EQ(StanceCombiner::decide({0.7, 0.1, 0.2}, reform, 0.2), 0);
}

// A bare demand approves the measure it governs, not another measure of the
// text: the demand here is for evacuations, so it does not praise the room.
TEST(StanceJudge, BareModalGovernsOnlyANearMeasure) {
  StanceExplanation why;
  classify("On nous répond « salle de consommation » depuis dix ans. Il faut évacuer et interpeller, point.", "fr",
           &why);
  for (const StanceEvaluation& v : why.evaluations) {
    // It demands the evacuation it governs, never the distant room.
    if (v.cue == "Il faut") {
      EXPECT_NE(v.object, "salle de consommation");
      EXPECT_LE(v.contribution, 0) << v.object;
    }
  }
  StanceExplanation near;
  classify("Il faut généraliser la naloxone dans toutes les pharmacies.", "fr", &near);
  ASSERT_FALSE(near.evaluations.empty());
  EXPECT_GT(near.judgement, 0);
}

// A topic stands for an unnamed measure only when it is one measure: praise
// in a text about controlled medicines may be praise of access or of a
// restriction, so it takes no side; praise in a text about the death
// penalty is praise of it.
TEST(StanceJudge, TopicStandsInOnlyForOneMeasure) {
  StanceExplanation why;
  const Stance s = classify("Opioid painkillers for cancer patients in hospices: finally, well done.", "en", &why);
  ASSERT_FALSE(why.evaluations.empty());
  for (const StanceEvaluation& v : why.evaluations) EXPECT_EQ(v.object, "") << v.cue;
  EXPECT_EQ(s.label, StanceLabel::none);
  StanceExplanation dp;
  classify("Executing people over a few grams? Barbaric.", "en", &dp);
  EXPECT_GT(dp.judgement, 0);
}

// Offenders are not measures: condemning lenient sentences for couriers is
// a demand for punishment, not a condemnation of punishment.
TEST(StanceJudge, OffendersAreNotMeasures) {
  EXPECT_EQ(classify("Мнение: мягкие приговоры закладчикам — прямая угроза нашим детям", "ru").label,
            StanceLabel::prohibition);
}

// Kinds of mistake the judgement used to make, each with new sentences in
// the style of each language:
// - sarcasm that praises nothing still mocks the measure it names (the
//   sarcasm cue condemns the nearest measure, else the one-measure topic);
// - the rejected side of a comparison ("instead of", "au lieu de",
//   "вместо", "比", "بدل") is not what the praise is about;
// - an argument about cannabis that names no measure judges its legal status.
INSTANTIATE_TEST_SUITE_P(
    KindsOfMistake, JudgeCase,
    ::testing::Values(
        Case{"en", M::sarcasm, "Another record crackdown on street dealers this week, and the corner is busy again by Friday 🙃", R},
        Case{"en", M::sarcasm, "Sure, hand out free pipes at the bus station, lovely plan, any day now the addicts will thank us 🙄", P},
        Case{"fr", M::sarcasm, "Encore une opération coup de poing dans le quartier, vingt interpellations, et le trafic repart le lendemain 🙃", R},
        Case{"es", M::sarcasm, "Claro, otra redada en el barrio y mañana el trapicheo sigue igual 🙄", R},
        Case{"ru", M::sarcasm, "Ну конечно, ещё один рейд по клубам, и наркотики сразу исчезнут 🙄", R},
        Case{"zh", M::sarcasm, "又一次严打，抓了一批小年轻，毒品问题这下肯定解决了呢🙃", R},
        Case{"en", M::orientation, "Sending users to treatment instead of prison saves lives.", R},
        Case{"fr", M::orientation, "Le soin au lieu de la prison, ça sauve des vies.", R},
        Case{"es", M::orientation, "Tratamiento en lugar de cárcel: eso sí funciona.", R},
        Case{"ru", M::orientation, "Лечение вместо тюрьмы действительно работает.", R},
        Case{"zh", M::orientation, "自愿戒毒比强制隔离戒毒有效得多。", R},
        Case{"ar", M::orientation, "العلاج بدل السجن هو الحل الصحيح.", R},
        Case{"en", M::evaluation, "Taxed and regulated systems are working well in Colorado.", R},
        // A measure in scare quotes is a name the author disputes: the
        // judgement is of the measure the sentence names plainly.
        Case{"ru", M::orientation, "Колония за дозу — бессмысленная и жестокая форма «лечения».", R},
        // "Against" names the opposite measure; the author judges that.
        Case{"en", M::orientation, "The senator voted against decriminalisation. A shameful day.", R},
        Case{"fr", M::orientation, "Ils ont voté contre la dépénalisation : une honte.", R},
        Case{"es", M::orientation, "El Congreso votó en contra de la despenalización. Qué vergüenza.", R},
        Case{"fr", M::negation, "Ne plus traiter les usagers comme des criminels, voilà une bonne idée.", R},
        // Fixed phrases whose negation is part of their meaning.
        Case{"zh", M::evaluation, "我国禁毒立场决不能动摇。", P},
        Case{"zh", M::evaluation, "一直关人对戒毒一点帮助都没有。", R},
        // Obstacles to a measure restrict it: condemning them is reform.
        Case{"en", M::orientation, "The red tape around methadone is absurd, people die waiting.", R},
        Case{"en", M::orientation, "Methadone waiting lists of six months are a disgrace.", R},
        Case{"es", M::orientation, "La escasez de naloxona en los hospitales es una vergüenza.", R},
        Case{"zh", M::orientation, "吗啡要层层审批，病人疼得受不了，太荒唐了。", R},
        // Only restricting words govern the measure after them ("banned
        // methadone"); the police or prison named beside a measure do not.
        Case{"en", M::orientation, "Prison or treatment: treatment works.", R},
        Case{"fr", M::orientation, "La police soutient la dépénalisation, enfin.", R},
        Case{"es", M::orientation, "Hasta la policía apoya la despenalización y eso es una buena noticia.", R},
        Case{"ru", M::orientation, "Запретили метадон — это жестоко.", R},
        // "X is not prevention" denies a name; it does not name the
        // opposite measure.
        Case{"ar", M::evaluation, "توزيع الإبر على المدمنين مش وقاية، ده تشجيع على التعاطي.", P},
        // An author endorsing a reported condemnation of a punishment.
        Case{"ru", M::attribution, "Эксперты ООН пишут, что тюрьма за употребление нарушает права человека. Хорошо, что это наконец сказали.", R},
        // Killings outside the law are condemned by being named so.
        Case{"en", M::neutral, "Thousands of extrajudicial killings in the name of the drug war, and at last the court steps in. A historic day.", R},
        Case{"fr", M::neutral, "Des exécutions sommaires de petits consommateurs, et enfin la justice s'en mêle. Bravo.", R},
        // Drug-enforcement agencies are enforcement; reining in and delays
        // restrict.
        Case{"en", M::orientation, "Huge respect to the NDLEA officers at the airport, keep it up!", P},
        Case{"en", M::orientation, "Good on the council for reining in the cannabis free-for-all downtown.", P},
        Case{"en", M::orientation, "The health minister's dithering on naloxone is getting people killed.", R},
        // "More" and "less" opening a clause demand the measure after them;
        // inside a clause they compare.
        Case{"en", M::modal, "Less prison, more treatment.", R},
        Case{"en", M::modal, "More prisons, less treatment, that is what works.", P},
        Case{"es", M::modal, "Menos cárcel para los usuarios y más tratamiento en los barrios.", R},
        Case{"es", M::modal, "Más policía en las calles, más penas para los camellos.", P},
        Case{"en", M::neutral, "Legalisation led to more arrests of young people in the city.", N},
        Case{"es", M::modal, "Ojalá los centros de tratamiento llegaran a todos los pueblos.", R},
        // A measure of several words is removed whole.
        Case{"ar", M::orientation, "ألغت الحكومة عقوبة السجن على التعاطي، نموذج يستاهل نتعلم منه.", R},
        // "Works better than" rejects the measure after it.
        Case{"fr", M::orientation, "Aider les paysans à changer de culture marche mieux que les fumigations.", R},
        Case{"en", M::orientation, "Funding treatment works better than prison.", R},
        // "Drogues" (drugs) is not the slur "drogués" once accents are folded.
        Case{"fr", M::neutral, "Drogues : le gouvernement présente son plan national pour 2025.", N},
        Case{"fr", M::orientation, "Prescrire de la morphine, c'est un parcours du combattant, c'est honteux.", R},
        // "不是" denies a name, like Arabic "مش"; the longer rule wins over
        // "不" inside the same Chinese word.
        Case{"zh", M::evaluation, "把戒毒人员的名字贴出来，这是羞辱，不是禁毒。", R},
        Case{"zh", M::evaluation, "美沙酮门诊真的救了我们一家。", R},
        Case{"zh", M::evaluation, "针具交换就是给吸毒的开绿灯。", P},
        // "Non à", "никакой" opening a clause demand against the measure.
        Case{"fr", M::modal, "Non à la prison pour les usagers de drogues.", R},
        Case{"ru", M::modal, "Никакой легализации, это путь к деградации.", P},
        // "Not against" is for; "more" inside a clause is no demand; fixed
        // phrases holding a cue word ("to this end") judge nothing.
        Case{"en", M::orientation, "I am against legalisation, but not against decriminalisation, which is a sensible step.", R},
        Case{"en", M::negation, "Smoking cannabis is no more dangerous than drinking alcohol, so legalise it.", R},
        Case{"en", M::evaluation, "If cannabis were legalised, more teenagers would use it, and that is a disaster.", P},
        Case{"en", M::evaluation, "To this end, the council opened a supervised consumption site, a smart move.", R}));

// A complaint of leniency is a side by itself, not a condemnation of the
// punishment it names.
TEST(StanceJudge, LeniencyComplaintsArePunitive) {
  for (const auto& [lang, text] : std::vector<std::pair<std::string, std::string>>{
           {"en", "Dealers who sell to kids get off far too lightly in our courts."},
           {"ru", "Приговоры за торговлю героином слишком мягкие."}}) {
    StanceExplanation why;
    EXPECT_EQ(stance_name(classify(text, lang, &why).label), stance_name(StanceLabel::prohibition)) << text;
  }
}

// A rejected measure is its opposite only in its own sentence: a
// condemnation in the next sentence still condemns it.
TEST(StanceJudge, RejectedSideOnlyWithinItsSentence) {
  StanceExplanation why;
  const Stance s = classify("Treatment instead of prison, every time. Prison is cruel and pointless for people who use drugs.",
                            "en", &why);
  EXPECT_EQ(s.label, StanceLabel::reform);
  ASSERT_FALSE(why.evaluations.empty());
  for (const StanceEvaluation& v : why.evaluations) {
    EXPECT_EQ(v.orientation, -1) << v.cue << " on " << v.object;
    EXPECT_GT(v.contribution, 0) << v.cue;
  }
}

// An outburst before any measure is named is about the problem, not the
// measure a later sentence demands: it must not put a demand for a
// health measure on the punitive side.
TEST(StanceJudge, OutburstBeforeAMeasureDoesNotJudgeIt) {
  for (const auto& [lang, text] : std::vector<std::pair<std::string, std::string>>{
           {"en", "Sick of burying friends who overdosed. Safe injection sites in every city, now."},
           {"es", "Harto de enterrar a amigos por sobredosis. Salas de consumo supervisado ya."}}) {
    StanceExplanation why;
    const Stance s = classify(text, lang, &why);
    EXPECT_NE(s.label, StanceLabel::prohibition) << text;
    for (const StanceEvaluation& v : why.evaluations) EXPECT_GE(v.contribution, 0) << text << ": " << v.cue;
  }
  // Nor does exasperation at dealers condemn the executions named next.
  StanceExplanation why;
  const Stance s = classify("We are all fed up with the dealers, it is disgusting. Singapore hangs couriers every year.",
                            "en", &why);
  EXPECT_NE(s.label, StanceLabel::reform);
  for (const StanceEvaluation& v : why.evaluations) EXPECT_EQ(v.contribution, 0) << v.cue << " on " << v.object;
}

// A removal ends the measure it governs, or the one named before when it
// stands alone ("Shut it down."); closing dens or finishing off traffickers
// ends the trade, so it never condemns enforcement through the topic or a
// distant measure.
TEST(StanceJudge, RemovingTheTradeIsNotRemovingEnforcement) {
  for (const auto& [lang, text] : std::vector<std::pair<std::string, std::string>>{
           {"es", "Hay que cerrar todos los narcopisos del barrio ya."},
           {"es", "Que cierren los puntos de venta de droga y metan a los camellos en la cárcel."},
           {"fr", "Il faut arrêter les dealers et fermer les points de deal."},
           {"fr", "Il faut en finir avec les trafiquants une bonne fois pour toutes."}}) {
    StanceExplanation why;
    const Stance s = classify(text, lang, &why);
    EXPECT_NE(s.label, StanceLabel::reform) << text;
    for (const StanceEvaluation& v : why.evaluations) EXPECT_LE(v.contribution, 0) << text << ": " << v.cue;
  }
  // The measure a removal governs, and the one an anaphoric removal closes.
  EXPECT_EQ(classify("Il faut abolir la peine de mort pour trafic de drogue.", "fr").label, StanceLabel::reform);
  StanceExplanation why;
  classify("La sala de consumo del barrio es un desastre. Que la cierren de una vez.", "es", &why);
  bool closes_room = false;
  for (const StanceEvaluation& v : why.evaluations)
    closes_room = closes_room || (v.cue == "cierren" && v.object == "sala de consumo" && v.contribution < 0);
  EXPECT_TRUE(closes_room);
}

// The judgement alone, with rules given here, so that a mechanism is
// tested apart from the shipped vocabulary.
StanceJudgement judge_with(const std::string& rules, const std::string& text, StanceExplanation* why = nullptr) {
  static text::StemmerSet stemmers;
  const StanceJudge judge({{"en", rules}});
  text::Segmenter seg;
  std::vector<text::Token> tokens;
  seg.tokenize(text, tokens, true);
  return judge.judge(text, tokens, "en", stemmers, {}, why);
}

// A decrease word turns the harm after it into a benefit ("reduce crime"),
// a negator with it keeps the harm ("would not reduce crime"); opening a
// clause it is a demand against the measure that follows.
TEST(StanceJudge, DecreaseTurnsAHarmAround) {
  const std::string rules = "legalisation\tliberal\narrests\tpunitive\ncrime\tbad\nnot\tnegator\nreduce\tdecrease\n"
                            "fewer\tdecrease\n";
  EXPECT_LT(judge_with(rules, "Legalisation would bring crime.").evidence(), 0);
  EXPECT_GT(judge_with(rules, "Legalisation would reduce crime.").evidence(), 0);
  EXPECT_LT(judge_with(rules, "Legalisation would not reduce crime.").evidence(), 0);
  EXPECT_GT(judge_with(rules, "Fewer arrests, legalisation now.").evidence(), 0);
  // A fall verb after a harm turns it around too, unless negated.
  const std::string falls = rules + "fell\tfall\ndisappear\tfall\nfinally\tgood\nfalling\tfall\n";
  EXPECT_GT(judge_with(falls, "After legalisation crime fell.").evidence(), 0);
  EXPECT_LT(judge_with(falls, "After legalisation crime did not disappear.").evidence(), 0);
  EXPECT_GT(judge_with(falls, "Legalisation, and finally falling prices.").evidence(), 0);  // praise is not a harm
  // With the shipped rules.
  for (const auto& [text, expected] : std::vector<std::pair<std::string, StanceLabel>>{
           {"Legalisation would reduce crime.", StanceLabel::reform},
           {"Legalisation would not reduce crime.", StanceLabel::prohibition},
           {"Fewer arrests, more clinics.", StanceLabel::reform}})
    EXPECT_EQ(stance_name(classify(text, "en").label), stance_name(expected)) << text;
}

// A drug named as such stands for its legal status only where its sentence
// names no measure: "jail for a little weed ruins lives" condemns the jail.
TEST(StanceJudge, SubstanceYieldsToANamedMeasure) {
  const std::string rules = "jail\tpunitive\nweed\tsubstance\t0.5\nruins\tbad\n";
  StanceExplanation why;
  EXPECT_GT(judge_with(rules, "Jail for a little weed ruins lives.", &why).evidence(), 0);
  EXPECT_EQ(why.object, "Jail");
  StanceExplanation alone;
  EXPECT_LT(judge_with(rules, "Weed ruins lives.", &alone).evidence(), 0);
  EXPECT_EQ(alone.object, "Weed");
  EXPECT_EQ(alone.orientation, 1);
}

// A #hashtag files the text under a measure; the measure its words name is
// the one they judge.
TEST(StanceJudge, HashtagYieldsToANamedMeasure) {
  const std::string rules = "recriminalising\trestrict\npossession\tliberal\ndecrim\tliberal\ndie\tbad\n";
  StanceExplanation why;
  const std::string text = "Recriminalising possession was a choice. Now people die alone #decrim";
  EXPECT_GT(judge_with(rules, text, &why).evidence(), 0);
  for (const StanceEvaluation& v : why.evaluations) EXPECT_NE(v.object, "#decrim") << v.cue;
  // A tag alone is still an object.
  EXPECT_LT(judge_with(rules, "People die #decrim").evidence(), 0);
}

// A legal drug named for comparison takes the judgements of a sentence that
// names no other drug or measure, and gives them no side; beside cannabis it
// yields ("cannabis harms the lungs more than tobacco" judges cannabis).
TEST(StanceJudge, ComparandJudgedOnNoSide) {
  const std::string rules = "alcohol\tcomparand\ncannabis\tsubstance\t0.5\nkills\tbad\nharms\tbad\n";
  StanceExplanation why;
  const StanceJudgement alone = judge_with(rules, "Alcohol kills thousands every year.", &why);
  EXPECT_EQ(alone.evidence(), 0);
  ASSERT_EQ(why.evaluations.size(), 1u);
  EXPECT_EQ(why.evaluations[0].object, "Alcohol");
  EXPECT_EQ(why.evaluations[0].contribution, 0);
  EXPECT_LT(judge_with(rules, "Cannabis harms the lungs more than alcohol does.").evidence(), 0);
  // Without the comparand the harm of alcohol bore on cannabis of the next sentence.
  EXPECT_EQ(judge_with(rules, "Cannabis is on the ballot. Alcohol kills thousands every year.").evidence(), 0);
}

// The reasons given for a demand judge what it is about, not the measure
// demanded: "should remain illegal because it damages the brain" is one
// demand for the ban, not a demand cancelled by a condemnation of the ban.
TEST(StanceJudge, ReasonsOfADemandDoNotJudgeTheDemandedMeasure) {
  const std::string rules = "remain illegal\tpunitive\nshould\tshould\ndamages\tbad\nbecause\tbecause\n";
  EXPECT_LT(judge_with(rules, "Cannabis should remain illegal because it damages the brain.").evidence(), 0);
  // Without a demand before it, the evaluation counts as usual.
  EXPECT_GT(judge_with(rules, "Making sure it can remain illegal damages young lives.").evidence(), 0);
}

// A text whose evaluations find no measure and no cue word takes no side,
// but leans by their tone: benefits toward change, harms against it.
TEST(StanceJudge, ToneOfUnpairedEvaluationsOnlyLeans) {
  StanceOptions o;
  o.model_file = "none";
  const StanceClassifier c({{"en", "legalize\treform\n"}}, o,
                           {{"en", "legalize\tliberal\ncalmer\tgood\nmiserable\tbad\n"}});
  text::Segmenter seg;
  text::StemmerSet stemmers;
  for (const auto& [text, lean] : std::vector<std::pair<std::string, StanceLabel>>{
           {"It makes people calmer.", StanceLabel::reform},
           {"It makes people miserable.", StanceLabel::prohibition},
           {"It makes people.", StanceLabel::none}}) {
    std::vector<text::Token> tokens;
    seg.tokenize(text, tokens, true);
    const Stance s = c.classify(text, tokens, "en", {}, stemmers);
    EXPECT_EQ(stance_name(s.label), "none") << text;
    EXPECT_EQ(stance_name(s.lean), stance_name(lean)) << text;
  }
}

// Arguments from consequences, rights and comparisons, as crowd-written
// arguments put them (the shipped English rules; sentences written here).
TEST(StanceJudge, EnglishArgumentsFromConsequences) {
  const StanceLabel R = StanceLabel::reform, P = StanceLabel::prohibition;
  for (const auto& [text, expected] : std::vector<std::pair<std::string, StanceLabel>>{
           {"Legal pot would mean more impaired drivers on the highway.", P},
           {"Cannabis harms the developing brain and should remain illegal.", P},
           {"Once weed shops open, teen use goes up.", P},
           {"Legalising marijuana would create jobs and bring in tax dollars.", R},
           {"The ban on cannabis is an infringement on personal freedom.", R},
           {"Weed is less dangerous than booze.", R},
           {"Sending someone to prison over a joint ruins their life.", R},
           {"States with legal cannabis saw no rise in youth use.", R}})
    EXPECT_EQ(stance_name(classify(text, "en").label), stance_name(expected)) << text;
}

// An evaluation bears on the measure of its own clause before one across a
// comma.
TEST(StanceJudge, EvaluationPrefersTheMeasureOfItsClause) {
  for (const auto& [lang, text] : std::vector<std::pair<std::string, std::string>>{
           {"ru", "Тюрьма за дозу бесполезна, лечение нужно расширять."},
           {"zh", "强制隔离的办法真的没用，社区戒毒应该多开。"}}) {
    StanceExplanation why;
    const Stance s = classify(text, lang, &why);
    EXPECT_EQ(s.label, StanceLabel::reform) << text;
    for (const StanceEvaluation& v : why.evaluations) EXPECT_GT(v.contribution, 0) << text << ": " << v.cue << " on " << v.object;
  }
}

// A barrier restricts the measure before it even with a modal between them:
// painkillers that "should not be handled as narcotics" are restricted.
TEST(StanceJudge, BarrierReachesPastAModal) {
  StanceExplanation why;
  EXPECT_EQ(classify("吗啡不该被当成毒品管。", "zh", &why).label, StanceLabel::reform);
  ASSERT_FALSE(why.evaluations.empty());
  EXPECT_EQ(why.evaluations.front().orientation, -1);
}

// A concession before "but" weighs half when a judgement follows it.
TEST(StanceJudge, ConcessionBeforeAContrastWeighsLess) {
  StanceExplanation why;
  const Stance s = classify("我支持打击毒贩，这点没问题。但是把抽了几口的年轻人关起来，太过头了。", "zh", &why);
  EXPECT_EQ(s.label, StanceLabel::reform);
  ASSERT_EQ(why.evaluations.size(), 2u);
  EXPECT_DOUBLE_EQ(why.evaluations[0].contribution, -0.5);
  EXPECT_DOUBLE_EQ(why.evaluations[1].contribution, 1.0);
  EXPECT_EQ(classify("Я не оправдываю наркотики, но сажать людей на годы за дозу — это ломать им жизнь.", "ru").label,
            StanceLabel::reform);
  // Without a judgement after it, "but" changes nothing.
  StanceExplanation alone;
  classify("Смертная казнь за наркотики — это варварство, но так решил суд.", "ru", &alone);
  ASSERT_FALSE(alone.evaluations.empty());
  EXPECT_DOUBLE_EQ(alone.evaluations.front().contribution, 1.0);
}

// A view the author held and gave up is not the author's, and what the
// author says now is no endorsement of it.
TEST(StanceJudge, AFormerViewIsNeitherTheAuthorsNorEndorsed) {
  StanceExplanation why;
  const Stance s = classify("Раньше думал, что метадон — это катастрофа. Теперь вижу: метадон спасает жизни.", "ru", &why);
  EXPECT_EQ(s.label, StanceLabel::reform);
  EXPECT_FALSE(why.attribution);
  for (const StanceEvaluation& v : why.evaluations) EXPECT_GE(v.contribution, 0) << v.cue;
}

// Sarcasm in a drug text that names no measure takes no side on legal
// status: it mocks whatever is being done, most often enforcement.
TEST(StanceJudge, SarcasmWithoutAMeasureIsNoJudgementOfLegalStatus) {
  StanceExplanation why;
  EXPECT_NE(classify("Ну конечно, наркотики теперь исчезнут навсегда, браво 🙃", "ru", &why).label,
            StanceLabel::prohibition);
  for (const StanceEvaluation& v : why.evaluations) EXPECT_EQ(v.contribution, 0) << v.cue << " on " << v.object;
}

// A harm that falls is good news: "reduces crime" praises the measure.
TEST(StanceJudge, ADecreaseTurnsAHarmIntoPraise) {
  StanceExplanation why;
  EXPECT_EQ(classify("برامج الميثادون تقلل الجريمة.", "ar", &why).label, StanceLabel::reform);
  ASSERT_EQ(why.evaluations.size(), 1u);
  EXPECT_GT(why.evaluations.front().contribution, 0);
}

// The measure named after "so-called" is the one judged, in quotation marks
// or not: the author disputes its name, not that it is the subject.
TEST(StanceJudge, ASoCalledMeasureIsTheOneJudged) {
  for (const auto& [lang, text] : std::vector<std::pair<std::string, std::string>>{
           {"ar", "برامج ما يسمى \"الحد من الضرر\" فاشلة، والواجب هو المنع."},
           {"ru", "Так называемое «снижение вреда» провалилось, а полиция работает."}}) {
    StanceExplanation why;
    EXPECT_EQ(classify(text, lang, &why).label, StanceLabel::prohibition) << text;
    ASSERT_FALSE(why.evaluations.empty()) << text;
    EXPECT_EQ(why.evaluations.front().orientation, 1) << text;
  }
}

// The tone of a text that takes a side: praise or a demand for a measure
// approves (+1), a condemnation does not (-1); no side, no tone.
TEST(StanceJudge, ToneFollowsTheAuthorsEvaluations) {
  EXPECT_EQ(classify("Налоксон должен быть в каждой аптечке.", "ru").tone, 1);
  EXPECT_EQ(classify("Тюрьма наркоманию не лечит.", "ru").tone, -1);
  EXPECT_EQ(classify("因为贩毒就判死刑，太野蛮了。", "zh").tone, -1);
  EXPECT_EQ(classify("Таможенники изъяли 12 кг героина в порту.", "ru").tone, 0);
}

// An evaluation word in scare quotes is someone else's word the author
// disputes: it judges nothing.
TEST(StanceJudge, ScareQuotedEvaluationJudgesNothing) {
  auto approves = [](const std::string& text, const std::string& lang, const std::string& cue) {
    StanceExplanation why;
    classify(text, lang, &why);
    for (const StanceEvaluation& v : why.evaluations)
      if (v.cue == cue && v.contribution > 0) return true;
    return false;
  };
  EXPECT_TRUE(approves("Pill testing tells kids which drugs are safe to take.", "en", "safe"));
  EXPECT_FALSE(approves("Pill testing tells kids which drugs are 'safe' to take.", "en", "safe"));
  EXPECT_FALSE(approves("Pill testing tells kids which drugs are \u201Csafe\u201D to take.", "en", "safe"));
}

}  // namespace
}  // namespace vigie::topics
