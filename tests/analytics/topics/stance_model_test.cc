// The optional learned stance model: learns a separable toy task, survives
// save/load unchanged (format 2, and format 1 files still load), rejects
// malformed files, plugs into the classifier through StanceOptions::model_file
// for its own language only, and is found by the lookup order
// --stance-model > $VIGIE_STANCE_MODEL > <exe dir>/../models/stance-en.model
// > cues only.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <fstream>
#include <string>
#include <vector>

#include "analytics/topics/stance.h"
#include "analytics/topics/stance_model.h"
#include "core/errors.h"
#include "core/text/segment.h"

namespace vigie::topics {
namespace {

std::vector<text::Token> tok(const std::string& s) {
  text::Segmenter seg;
  std::vector<text::Token> out;
  seg.tokenize(s, out, true);
  return out;
}

std::vector<StanceTrainExample> toy() {
  // Word "alpha" means reform, "omega" prohibition, neither none; the other
  // words are shared noise.
  std::vector<StanceTrainExample> ex;
  const char* noise[] = {"the policy", "a vote", "this law", "our city"};
  for (int i = 0; i < 40; ++i) {
    std::string n = noise[i % 4];
    ex.push_back({tok("alpha " + n), {}, 1});
    ex.push_back({tok(n + " omega"), {}, 2});
    ex.push_back({tok(n + " today"), {}, 0});
  }
  return ex;
}

int argmax(const std::array<double, 3>& p) { return int(std::max_element(p.begin(), p.end()) - p.begin()); }

TEST(StanceModel, LearnsASeparableTask) {
  StanceTrainOptions o;
  o.epochs = 10;
  o.learning_rate = 0.5;
  o.l2 = 1e-6;
  o.buckets = 1 << 12;
  auto m = LinearStanceModel::train(toy(), o);
  EXPECT_EQ(argmax(m.predict(tok("alpha our city"), {})), 1);
  EXPECT_EQ(argmax(m.predict(tok("this law omega"), {})), 2);
  EXPECT_EQ(argmax(m.predict(tok("a vote today"), {})), 0);
  auto p = m.predict(tok("alpha"), {});
  EXPECT_NEAR(p[0] + p[1] + p[2], 1.0, 1e-9);
}

TEST(StanceModel, SaveLoadRoundTrip) {
  StanceTrainOptions o;
  o.buckets = 1 << 10;
  auto m = LinearStanceModel::train(toy(), o);
  auto path = (std::filesystem::temp_directory_path() / "vigie-stance-test.model").string();
  m.save(path);
  auto back = LinearStanceModel::load(path);
  for (const char* s : {"alpha the policy", "omega", "nothing here"}) {
    auto a = m.predict(tok(s), {1.0, 0.5, true});
    auto b = back.predict(tok(s), {1.0, 0.5, true});
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(a[c], b[c], 1e-5) << s;
  }
  // Plugged into the classifier: the model decides the label.
  StanceOptions so;
  so.model_file = path;
  so.model_gate = false;  // the toy texts have neither topic nor cue
  StanceClassifier clf(std::map<std::string, std::string>{{"en", "legalize\treform\n"}}, so);
  EXPECT_NE(clf.version().find("+model-"), std::string::npos);
  text::StemmerSet stemmers;
  auto t = tok("this law omega");
  EXPECT_EQ(clf.classify("this law omega", t, "en", {}, stemmers).label, StanceLabel::prohibition);
  // The lean is the more probable of reform and prohibition, whatever the label.
  for (const char* s : {"this law omega", "alpha the policy", "nothing here"}) {
    auto toks = tok(s);
    const Stance st = clf.classify(s, toks, "en", {}, stemmers);
    auto p = back.predict(toks, {0.0, 0.0, false});
    EXPECT_EQ(st.lean, p[1] >= p[2] ? StanceLabel::reform : StanceLabel::prohibition) << s;
  }
  auto alpha = tok("alpha the policy");
  EXPECT_EQ(clf.classify("alpha the policy", alpha, "en", {}, stemmers).lean, StanceLabel::reform);
  EXPECT_EQ(clf.classify("this law omega", t, "en", {}, stemmers).lean, StanceLabel::prohibition);
  std::filesystem::remove(path);
}

TEST(StanceModel, BadFiles) {
  EXPECT_THROW(LinearStanceModel::load("/nonexistent.model"), UsageError);
  auto path = (std::filesystem::temp_directory_path() / "vigie-stance-bad.model").string();
  for (const char* content : {"hello\n", "vigie-stance-model 1\nbuckets 3\nbias 0 0 0\n",
                              "vigie-stance-model 1\nbuckets 64\nbias 0 0 0\n9999 1 2 3\n"}) {
    std::ofstream(path) << content;
    EXPECT_THROW(LinearStanceModel::load(path), Error) << content;
  }
  std::filesystem::remove(path);
  EXPECT_THROW(LinearStanceModel::train({}), UsageError);
}

// A fresh temp directory per test, removed afterwards.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name) : path(std::filesystem::temp_directory_path() / name) {
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

TEST(StanceModel, NegationScopeSeparatesNegatedWords) {
  // "good" alone is reform, "not good" prohibition: only the negation-scope
  // features can tell them apart once bigrams and char n-grams are off.
  std::vector<StanceTrainExample> ex;
  for (int i = 0; i < 30; ++i) {
    ex.push_back({tok("this is good"), {}, 1});
    ex.push_back({tok("this is not good"), {}, 2});
  }
  StanceTrainOptions o;
  o.epochs = 20;
  o.learning_rate = 0.5;
  o.l2 = 0;
  o.buckets = 1 << 12;
  o.features.bigrams = false;
  o.features.char_max = 0;
  auto with = LinearStanceModel::train(ex, o);
  EXPECT_EQ(argmax(with.predict(tok("this is good"), {})), 1);
  EXPECT_EQ(argmax(with.predict(tok("this is not good"), {})), 2);
  o.features.negation = false;  // "not" alone then carries it too, but weakly: check the margin shrinks
  auto without = LinearStanceModel::train(ex, o);
  auto pw = with.predict(tok("this is not good"), {});
  auto pn = without.predict(tok("this is not good"), {});
  EXPECT_GT(pw[2], pn[2]);
}

TEST(StanceModel, CharacterNgramsGeneraliseAcrossSpellings) {
  // Trained on "legalize"/"ban" only; "legalise" shares most of its
  // character n-grams with "legalize" and none of its words.
  std::vector<StanceTrainExample> ex;
  for (int i = 0; i < 30; ++i) {
    ex.push_back({tok("legalize"), {}, 1});
    ex.push_back({tok("ban"), {}, 2});
    ex.push_back({tok("weather"), {}, 0});
  }
  StanceTrainOptions o;
  o.epochs = 10;
  o.learning_rate = 0.5;
  o.l2 = 0;
  o.buckets = 1 << 14;
  o.features.char_weight = 1.0;
  auto m = LinearStanceModel::train(ex, o);
  EXPECT_EQ(argmax(m.predict(tok("legalise"), {})), 1);
  o.features.char_max = 0;
  auto words_only = LinearStanceModel::train(ex, o);
  EXPECT_LT(words_only.predict(tok("legalise"), {})[1], m.predict(tok("legalise"), {})[1]);
}

TEST(StanceModel, FormatOneStillLoads) {
  // A format-1 model (words only): one weight row, computed by hand for the
  // word "alpha" would need the hash; use the bias alone instead.
  TempDir dir("vigie-stance-v1");
  auto path = (dir.path / "v1.model").string();
  std::ofstream(path) << "vigie-stance-model 1\nbuckets 64\nbias 0 3 0\n";
  auto m = LinearStanceModel::load(path);
  EXPECT_EQ(m.lang(), "*");
  EXPECT_TRUE(m.applies_to("fr"));
  EXPECT_EQ(argmax(m.predict(tok("anything at all"), {})), 1);
}

TEST(StanceModel, AppliesOnlyToItsLanguage) {
  TempDir dir("vigie-stance-lang");
  auto path = (dir.path / "en.model").string();
  std::ofstream(path) << "vigie-stance-model 2\nbuckets 64\nlang en\n"
                         "features bigrams 1 chars 3 5 negation 1 unit_norm 1 char_weight 0.25\nbias 0 0 5\n";
  StanceOptions so;
  so.model_file = path;
  so.model_gate = false;
  StanceClassifier clf(std::map<std::string, std::string>{{"en", "legalize\treform\n"}, {"fr", "légaliser\treform\n"}},
                       so);
  EXPECT_NE(clf.version().find("+model-en-"), std::string::npos);
  text::StemmerSet stemmers;
  auto en = tok("nothing here");
  EXPECT_EQ(clf.classify("nothing here", en, "en", {}, stemmers).label, StanceLabel::prohibition);  // the bias
  auto fr = tok("rien ici");
  EXPECT_EQ(clf.classify("rien ici", fr, "fr", {}, stemmers).label, StanceLabel::none);  // cues: none
}

TEST(StanceModel, GateAndCueOverride) {
  // Models that always lean prohibition (bias only): sure (p ~ 0.99) and unsure (p ~ 0.40).
  TempDir dir("vigie-stance-gate");
  const std::string head = "vigie-stance-model 2\nbuckets 64\nlang en\n"
                           "features bigrams 1 chars 3 5 negation 1 unit_norm 1 char_weight 0.25\n";
  auto sure = (dir.path / "sure.model").string(), unsure = (dir.path / "unsure.model").string();
  std::ofstream(sure) << head << "bias 0 0 5\n";
  std::ofstream(unsure) << head << "bias 0 0 0.3\n";
  const std::map<std::string, std::string> lex{{"en", "legalize\treform\t1\nfree the weed\treform\t3\n"}};
  text::StemmerSet stemmers;
  std::vector<TopicHit> on_topic(1);
  on_topic[0].id = "cannabis_regulation";
  auto label = [&](const StanceClassifier& c, const std::string& s, const std::vector<TopicHit>& hits) {
    auto t = tok(s);
    return c.classify(s, t, "en", hits, stemmers).label;
  };
  StanceOptions so;
  so.model_file = sure;
  so.cue_override = 1.5;
  so.off_topic_threshold = 2.5;
  so.gate_min_prob = 2;  // the gate alone
  StanceClassifier gated(lex, so);
  EXPECT_EQ(label(gated, "nothing here", {}), StanceLabel::none);  // not about drugs, no cue: model not asked
  EXPECT_EQ(label(gated, "we should legalize", {}), StanceLabel::none);  // a weak cue (1 < 2.5) off topic
  EXPECT_EQ(label(gated, "we should legalize", on_topic), StanceLabel::prohibition);  // on topic: the model
  EXPECT_EQ(label(gated, "free the weed", {}), StanceLabel::reform);  // 3 >= 2.5 passes, and 3 >= 1.5 overrides
  so.cue_override = 0;
  StanceClassifier model_alone(lex, so);
  EXPECT_EQ(label(model_alone, "free the weed", {}), StanceLabel::prohibition);
  // gate_min_prob: a gated text gets the model's side only when it is sure.
  so.gate_min_prob = 0.5;
  StanceClassifier sure_clf(lex, so);
  EXPECT_EQ(label(sure_clf, "nothing here", {}), StanceLabel::prohibition);
  so.model_file = unsure;
  StanceClassifier unsure_clf(lex, so);
  EXPECT_EQ(label(unsure_clf, "nothing here", {}), StanceLabel::none);
  EXPECT_EQ(label(unsure_clf, "nothing here", on_topic), StanceLabel::prohibition);  // not gated: argmax
}

TEST(StanceModelLookup, OptionThenEnvThenExeThenNone) {
  TempDir dir("vigie-stance-lookup");
  const auto exe = (dir.path / "app" / "vigie").string();  // need not exist
  const auto beside = dir.path / "models" / "stance-en.model";
  // Nothing anywhere: cues only.
  auto c = resolve_stance_model("", nullptr, exe);
  EXPECT_EQ(c.path, "");
  EXPECT_EQ(c.source, "none");
  EXPECT_EQ(resolve_stance_model("", nullptr, "").source, "none");
  // The exe-relative model once it exists.
  std::filesystem::create_directories(beside.parent_path());
  std::ofstream(beside) << "x";
  c = resolve_stance_model("", nullptr, exe);
  EXPECT_EQ(c.source, "exe");
  EXPECT_TRUE(std::filesystem::equivalent(c.path, beside));
  // An empty variable counts as unset; a set one wins over the exe.
  EXPECT_EQ(resolve_stance_model("", "", exe).source, "exe");
  c = resolve_stance_model("", "/env/model", exe);
  EXPECT_EQ(c.source, "env");
  EXPECT_EQ(c.path, "/env/model");
  // The option wins over both.
  c = resolve_stance_model("/opt/model", "/env/model", exe);
  EXPECT_EQ(c.source, "option");
  EXPECT_EQ(c.path, "/opt/model");
  // "none" at any level means cues only and stops the search.
  EXPECT_EQ(resolve_stance_model("none", "/env/model", exe).path, "");
  EXPECT_EQ(resolve_stance_model("", "none", exe).path, "");
  EXPECT_EQ(resolve_stance_model("", "none", exe).source, "none");
}

TEST(StanceModelLookup, LoadUsesTheResolvedDefaultWhenNoOptionIsGiven) {
  TempDir dir("vigie-stance-env");
  auto path = (dir.path / "m.model").string();
  StanceTrainOptions o;
  o.buckets = 1 << 10;
  LinearStanceModel::train(toy(), o).save(path);
  const std::string lexicons = std::string(VIGIE_SOURCE_DIR) + "/corpora/stance";
  // The application resolves $VIGIE_STANCE_MODEL once and passes the choice.
  StanceOptions from_env;
  from_env.default_model = resolve_stance_model("", path.c_str(), "");
  auto with_env = StanceClassifier::load(lexicons, from_env);
  StanceOptions cues_only = from_env;
  cues_only.model_file = "none";
  auto forced = StanceClassifier::load(lexicons, cues_only);
  StanceOptions env_none;
  env_none.default_model = resolve_stance_model("", "none", "");
  auto none = StanceClassifier::load(lexicons, env_none);
  EXPECT_EQ(with_env->model_file(), path);
  EXPECT_EQ(with_env->model_source(), "env");
  EXPECT_NE(with_env->version().find("+model-"), std::string::npos);
  EXPECT_EQ(forced->model_file(), "");
  EXPECT_EQ(forced->version().find("+model-"), std::string::npos);
  EXPECT_EQ(none->model_source(), "none");
  // The library itself reads no environment.
  ::setenv("VIGIE_STANCE_MODEL", path.c_str(), 1);
  auto ignored = StanceClassifier::load(lexicons);
  ::unsetenv("VIGIE_STANCE_MODEL");
  EXPECT_EQ(ignored->model_file(), "");
  // A named model that does not exist is a usage error, not a silent fallback.
  StanceOptions missing;
  missing.default_model = resolve_stance_model("", (dir.path / "missing.model").c_str(), "");
  EXPECT_THROW(StanceClassifier::load(lexicons, missing), UsageError);
}

TEST(StanceModel, CrossValidationSeesTheSignal) {
  StanceTrainOptions o;
  o.buckets = 1 << 12;
  o.learning_rate = 0.5;
  auto cv = LinearStanceModel::cross_validate(toy(), o, 4);
  ASSERT_EQ(cv.macro_f1.size(), 4u);
  EXPECT_GT(cv.mean, 0.9);  // the toy task is separable
  EXPECT_GT(cv.pro_con_accuracy, 0.9);
  EXPECT_THROW(LinearStanceModel::cross_validate(toy(), o, 1), UsageError);
}

}  // namespace
}  // namespace vigie::topics
