// The optional learned stance model: learns a separable toy task, survives
// save/load unchanged, rejects malformed files, and plugs into the
// classifier through StanceOptions::model_file.
#include <gtest/gtest.h>

#include <algorithm>
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
  StanceClassifier clf(std::map<std::string, std::string>{{"en", "legalize\treform\n"}}, so);
  EXPECT_NE(clf.version().find("+model-"), std::string::npos);
  text::StemmerSet stemmers;
  auto t = tok("this law omega");
  EXPECT_EQ(clf.classify("this law omega", t, "en", {}, stemmers).label, StanceLabel::prohibition);
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

}  // namespace
}  // namespace vigie::topics
