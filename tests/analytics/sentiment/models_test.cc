// The shipped trained models (corpora/sentiment/models/): each loads, is its
// language's default, says what it learnt from, and labels clear sentences
// (hand-written for this test, in no training set) as a reader would.
// Also: feature set 2's tweet normalisation and biases by k-fold CV, on
// generated data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <string>

#include <zlib.h>

#include "analytics/sentiment/linear_model.h"
#include "analytics/sentiment/sentiment.h"
#include "core/errors.h"

namespace vigie::sentiment {
namespace {

const std::string kModels = VIGIE_SOURCE_DIR "/corpora/sentiment/models/";

const Scorer& shipped() {
  static auto s = Scorer::load(VIGIE_SOURCE_DIR "/corpora", "");
  return *s;
}

struct Shipped {
  const char* lang;
  const char* file;
  int features;
  const char* learnt_from;  // must occur in the header's trained_on
};

class ShippedModel : public ::testing::TestWithParam<Shipped> {};

TEST_P(ShippedModel, LoadsAndIsTheDefault) {
  const auto& p = GetParam();
  LinearModel m = LinearModel::load(kModels + p.file);
  EXPECT_EQ(m.lang(), p.lang);
  EXPECT_TRUE(m.is_default());
  EXPECT_EQ(m.feature_version(), p.features);
  EXPECT_NE(m.trained_on().find(p.learnt_from), std::string::npos) << m.trained_on();
  EXPECT_EQ(shipped().model_for(p.lang), m.name());
  EXPECT_NE(shipped().version().find(std::string(p.lang) + ":" + m.name()), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    All, ShippedModel,
    ::testing::Values(Shipped{"de", "de.model", 3, "XLM-T German train"},
                      Shipped{"it", "it.model", 3, "XLM-T Italian train"},
                      Shipped{"pt", "pt.model", 3, "XLM-T Portuguese train"},
                      Shipped{"es", "es.model", 3, "XLM-T Spanish train"},
                      Shipped{"fr", "fr.model", 2, "XLM-T French train"},
                      Shipped{"hi", "hi.model", 2, "XLM-T Hindi train"},
                      Shipped{"ru", "ru.model", 2, "RuSentNE"},
                      // Feature set 1 files still load and stay defaults.
                      Shipped{"ar", "ar.model", 1, "XLM-T Arabic train"},
                      Shipped{"zh", "zh.model", 1, "XED cn and zh"}),
    [](const auto& info) { return std::string(info.param.lang); });

TEST(ShippedModel, EnglishStaysWithTheLexicon) {
  // VADER's tweets: the lexicon beats every English model tried (docs).
  EXPECT_EQ(shipped().model_for("en"), "lexicon");
}

struct Sentence {
  const char* lang;
  const char* text;
  Label label;
};

class ShippedBehaviour : public ::testing::TestWithParam<Sentence> {};

TEST_P(ShippedBehaviour, LabelsClearSentences) {
  const auto& p = GetParam();
  Score s = shipped().score(p.text, p.lang);
  EXPECT_EQ(s.label, p.label) << p.lang << ": " << p.text << " -> " << s.compound;
  if (p.label == Label::positive) {
    EXPECT_GT(s.compound, 0);
  }
  if (p.label == Label::negative) {
    EXPECT_LT(s.compound, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(
    PerLanguage, ShippedBehaviour,
    ::testing::Values(
        Sentence{"de", "Ich liebe diesen Film, er ist wunderbar und großartig!", Label::positive},
        Sentence{"de", "Das war der schlimmste Tag, alles ist furchtbar und ich hasse es.", Label::negative},
        Sentence{"de", "Der Bundestag berät am Donnerstag über das neue Gesetz.", Label::neutral},
        Sentence{"it", "Che bella giornata, sono felicissimo e ti amo!", Label::positive},
        Sentence{"it", "Che schifo, è stato orribile e sono molto triste.", Label::negative},
        Sentence{"it", "Il treno parte alle otto dalla stazione centrale.", Label::neutral},
        Sentence{"pt", "Adorei o filme, foi maravilhoso e estou muito feliz!", Label::positive},
        Sentence{"pt", "Que horror, o serviço foi péssimo e estou muito triste.", Label::negative},
        Sentence{"pt", "O ônibus sai às oito horas da estação central.", Label::neutral},
        Sentence{"es", "Me encanta esta canción, es maravillosa y estoy muy feliz!", Label::positive},
        Sentence{"es", "Qué asco, fue horrible y estoy muy triste.", Label::negative},
        Sentence{"es", "El tren sale a las ocho de la estación central.", Label::neutral},
        Sentence{"fr", "J'adore ce film, il est magnifique et je suis très heureux !", Label::positive},
        Sentence{"fr", "C'est horrible, je déteste ce service, quelle honte.", Label::negative},
        Sentence{"fr", "Le train part à huit heures de la gare centrale.", Label::neutral},
        // XLM-T's Hindi tweets are romanised, code-mixed Hinglish.
        Sentence{"hi", "yeh film bahut acchi hai, mujhe bahut pasand aayi, shandaar!", Label::positive},
        Sentence{"hi", "bakwas film, bilkul bekar aur ghatiya, paisa barbaad", Label::negative},
        Sentence{"hi", "kal subah 8 baje train station jana hai", Label::neutral}));

// A trained model decides the label; its compound is placed on the band so
// that the band gives the label back, whatever the model's class biases
// (which can make a text with P(positive) < P(negative) positive).
TEST(ShippedModel, LabelFollowsTheCompoundInTheBand) {
  const Scorer& s = shipped();
  const char* texts[] = {
      "Excellent", "terrible", "ok", "the meeting is on Monday", "¿Y ahora qué?", "no sé", "pas mal du tout",
      "bof", "не знаю", "так себе", "لا بأس", "ممتاز جدا", "还行吧", "一般般", "nicht schlecht", "meh", "più o meno",
      "mais ou menos", "thik hai", "!!!", "?", "la ley entra en vigor mañana", "Закон вступает в силу завтра",
  };
  for (const std::string lang : {"ar", "de", "es", "fr", "hi", "it", "pt", "ru", "zh"}) {
    ASSERT_NE(s.model_for(lang), "lexicon") << lang;
    const Thresholds band = s.thresholds(lang);
    EXPECT_EQ(band.positive, 0.05) << lang;
    EXPECT_EQ(band.negative, -0.05) << lang;
    for (const char* text : texts) {
      const Score sc = s.score(text, lang);
      EXPECT_EQ(sc.label, s.label_for(sc.compound, lang)) << lang << ": " << text << " -> " << sc.compound;
      EXPECT_GE(sc.compound, -1.0);
      EXPECT_LE(sc.compound, 1.0);
    }
  }
  // The lexicon's band stays the language's own rules'.
  auto lex = Scorer::load(VIGIE_SOURCE_DIR "/corpora", "lexicon");
  EXPECT_NE(lex->thresholds("ar").positive, 0.05);
  EXPECT_EQ(lex->thresholds("ar").positive, lex->bands().front().positive);
  EXPECT_EQ(lex->bands().back().lang, "und");
}

TEST(LexiconFeatures, StrongestItemsAndQuestions) {
  auto lex = Scorer::load(VIGIE_SOURCE_DIR "/corpora", "lexicon");
  // VADER's lexicon: "good" 1.9, "nice" 1.8, "horrible" -2.5 (en.tsv).
  LexiconFeatures f = lex->lexicon_features("good and nice but horrible?", "en");
  EXPECT_EQ(f.n_pos, 2u);
  EXPECT_EQ(f.n_neg, 1u);
  EXPECT_EQ(f.n_question, 1u);
  // The strongest item of each side is one item's valence, not the sum.
  EXPECT_GT(f.max_pos, 0);
  EXPECT_LT(f.max_pos, f.pos_sum);
  EXPECT_NEAR(f.max_neg, -f.neg_sum, 1e-9);
  LexiconFeatures none = lex->lexicon_features("the table is brown", "en");
  EXPECT_EQ(none.max_pos, 0);
  EXPECT_EQ(none.max_neg, 0);
  EXPECT_EQ(none.n_question, 0u);
}

// ---- training options, on generated data (invented words, no lexicon) ----

std::vector<Example> make_set(size_t n, uint64_t seed, bool mention_means_positive) {
  const char* pos[] = {"zorple", "frimbly", "quaxing"};
  const char* neg[] = {"blickish", "grondy", "snarfed"};
  const char* filler[] = {"table", "walk", "yesterday", "city", "paper", "window", "river"};
  std::mt19937_64 rng(seed);
  std::vector<Example> xs;
  for (size_t i = 0; i < n; ++i) {
    int cls = static_cast<int>(rng() % 3);
    std::string t;
    for (int k = 0; k < 4; ++k) t += std::string(filler[rng() % 7]) + " ";
    if (mention_means_positive) {
      // Positive items address someone new each time: only a feature set
      // that folds every @mention into one feature can learn that.
      if (cls == 2) {
        t += "@";
        for (int k = 0; k < 7; ++k) t += static_cast<char>('a' + rng() % 26);
        t += " ";
      }
    } else {
      if (cls == 0) t += neg[rng() % 3];
      if (cls == 2) t += pos[rng() % 3];
    }
    t += " " + std::string(filler[rng() % 7]);
    xs.push_back({t, static_cast<Label>(cls), {}, true});
  }
  return xs;
}

double accuracy(const LinearModel& m, const Scorer& lex, const std::vector<Example>& xs) {
  size_t ok = 0;
  for (const auto& e : xs) ok += m.predict(e.text, lex.lexicon_features(e.text, "en")).label == e.label;
  return static_cast<double>(ok) / xs.size();
}

TEST(LinearModelOptions, FeatureSetTwoFoldsMentions) {
  auto lex = Scorer::load(VIGIE_SOURCE_DIR "/corpora", "lexicon");
  auto train = make_set(900, 11, true), dev = make_set(150, 12, true), test = make_set(300, 13, true);
  TrainOptions o;
  o.hash_bits = 16;
  o.epochs = 8;
  o.features = 2;
  LinearModel two = LinearModel::train(train, dev, "en", o, lex.get(), nullptr);
  o.features = 1;
  LinearModel one = LinearModel::train(train, dev, "en", o, lex.get(), nullptr);
  EXPECT_EQ(two.feature_version(), 2);
  EXPECT_EQ(one.feature_version(), 1);
  // Set 2 separates positive (a mention) from the rest; set 1 sees only
  // unseen names in the test set. Chance is 1/3; the rest split 2:1.
  EXPECT_GT(accuracy(two, *lex, test), 0.6);
  EXPECT_LT(accuracy(one, *lex, test), accuracy(two, *lex, test) - 0.1);
}

TEST(LinearModelOptions, RunsAndCrossValidatedBiasesLearnAndRoundTrip) {
  auto lex = Scorer::load(VIGIE_SOURCE_DIR "/corpora", "lexicon");
  auto train = make_set(600, 1, false), dev = make_set(150, 2, false), test = make_set(200, 3, false);
  TrainOptions o;
  o.hash_bits = 14;
  o.epochs = 6;
  o.runs = 3;
  o.bias_cv = 4;
  LinearModel m = LinearModel::train(train, dev, "en", o, lex.get(), nullptr);
  EXPECT_GT(accuracy(m, *lex, test), 0.95);
  EXPECT_GT(m.dev_macro_f1(), 0.95);  // dev is scored, not fitted, with bias_cv
  auto path = std::filesystem::temp_directory_path() / "vigie-sentiment-options-test.model";
  m.save(path.string());
  LinearModel back = LinearModel::load(path.string());
  EXPECT_EQ(back.feature_version(), o.features);
  for (const auto& e : test) {
    auto f = lex->lexicon_features(e.text, "en");
    EXPECT_EQ(m.predict(e.text, f).label, back.predict(e.text, f).label);
  }
  std::filesystem::remove(path);
  o.runs = 0;
  EXPECT_ANY_THROW(LinearModel::train(train, dev, "en", o, lex.get(), nullptr));
}

}  // namespace

// Model files store their weights deflated; files with raw weights (written
// before that) load to the same model, and a damaged file is an Error.
namespace {
std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}
void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
}  // namespace

TEST(ModelFile, RawAndDeflatedWeightsLoadTheSameModel) {
  const std::string deflated = read_bytes(kModels + "ru.model");
  const size_t line = deflated.find("\nweights_deflate ");
  ASSERT_NE(line, std::string::npos) << "shipped models store deflated weights";
  const size_t end = deflated.find('\n', line + 1);
  size_t n = 0, packed = 0;
  std::istringstream(deflated.substr(line + 17, end - line - 17)) >> n >> packed;
  ASSERT_EQ(deflated.size(), end + 1 + packed);
  std::string raw(n * sizeof(float), '\0');
  uLongf raw_size = static_cast<uLongf>(raw.size());
  ASSERT_EQ(uncompress(reinterpret_cast<Bytef*>(raw.data()), &raw_size,
                       reinterpret_cast<const Bytef*>(deflated.data() + end + 1), static_cast<uLong>(packed)),
            Z_OK);
  ASSERT_EQ(raw_size, raw.size());
  const auto dir = std::filesystem::temp_directory_path();
  const std::string raw_path = (dir / "vigie-ru-raw.model").string();
  write_bytes(raw_path, deflated.substr(0, line + 1) + "weights " + std::to_string(n) + "\n" + raw);

  LinearModel a = LinearModel::load(kModels + "ru.model");
  LinearModel b = LinearModel::load(raw_path);
  LexiconFeatures f;
  for (const char* text : {"Отличная новость, спасибо!", "Это ужасное решение.", "Заседание прошло в среду."}) {
    auto pa = a.predict(text, f), pb = b.predict(text, f);
    EXPECT_EQ(pa.label, pb.label) << text;
    for (int k = 0; k < 3; ++k) EXPECT_DOUBLE_EQ(pa.probs[k], pb.probs[k]) << text;
  }

  // Saving writes deflated weights again, smaller than the raw ones.
  const std::string resaved = (dir / "vigie-ru-resaved.model").string();
  b.save(resaved);
  EXPECT_EQ(read_bytes(resaved), deflated);

  // A cut or damaged weight block is an error, not a silently wrong model.
  const std::string bad = (dir / "vigie-ru-bad.model").string();
  write_bytes(bad, deflated.substr(0, deflated.size() - 100));
  EXPECT_THROW(LinearModel::load(bad), Error);
  std::string flipped = deflated;
  for (size_t i = end + 1; i < end + 200; ++i) flipped[i] = static_cast<char>(~flipped[i]);
  write_bytes(bad, flipped);
  EXPECT_THROW(LinearModel::load(bad), Error);
  for (const auto& p : {raw_path, resaved, bad}) std::filesystem::remove(p);
}

}  // namespace vigie::sentiment
