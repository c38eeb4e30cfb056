// Train-then-score round trip on a small generated set, and the model file
// format (save/load keeps predictions; a truncated file is refused).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "analytics/sentiment/gold.h"
#include "analytics/sentiment/linear_model.h"
#include "core/errors.h"

namespace vigie::sentiment {
namespace {

// Invented words with no lexicon entry: only training can teach them.
std::vector<Example> make_set(size_t n, uint64_t seed) {
  const char* pos[] = {"zorple", "frimbly", "quaxing"};
  const char* neg[] = {"blickish", "grondy", "snarfed"};
  const char* filler[] = {"table", "walk", "yesterday", "city", "paper", "window", "river"};
  std::mt19937_64 rng(seed);
  std::vector<Example> xs;
  for (size_t i = 0; i < n; ++i) {
    int cls = static_cast<int>(rng() % 3);
    std::string t;
    for (int k = 0; k < 4; ++k) t += std::string(filler[rng() % 7]) + " ";
    if (cls == 0) t += neg[rng() % 3];
    if (cls == 2) t += pos[rng() % 3];
    t += " " + std::string(filler[rng() % 7]);
    Example e;
    e.text = t;
    e.label = static_cast<Label>(cls);
    xs.push_back(std::move(e));
  }
  return xs;
}

TEST(LinearModel, LearnsInventedWordsAndRoundTrips) {
  auto lex = Scorer::load(VIGIE_SOURCE_DIR "/corpora", "lexicon");
  auto train = make_set(600, 1), dev = make_set(150, 2), test = make_set(200, 3);
  TrainOptions o;
  o.hash_bits = 14;
  o.epochs = 8;
  LinearModel m = LinearModel::train(train, dev, "en", o, lex.get(), nullptr);
  size_t ok = 0;
  for (const auto& e : test) ok += m.predict(e.text, lex->lexicon_features(e.text, "en")).label == e.label;
  EXPECT_GT(static_cast<double>(ok) / test.size(), 0.95);
  EXPECT_GT(m.dev_macro_f1(), 0.95);

  auto path = std::filesystem::temp_directory_path() / "vigie-sentiment-test.model";
  m.set_name("test-model");
  m.set_trained_on("generated");
  m.save(path.string());
  LinearModel back = LinearModel::load(path.string());
  EXPECT_EQ(back.name(), "test-model");
  EXPECT_EQ(back.lang(), "en");
  EXPECT_EQ(back.trained_on(), "generated");
  for (const auto& e : test) {
    auto f = lex->lexicon_features(e.text, "en");
    auto a = m.predict(e.text, f), b = back.predict(e.text, f);
    EXPECT_EQ(a.label, b.label);
    EXPECT_NEAR(a.probs[2], b.probs[2], 1e-6);
  }
  // The scorer uses a model given by path for its language.
  auto with_model = Scorer::load(VIGIE_SOURCE_DIR "/corpora", path.string());
  EXPECT_EQ(with_model->model_for("en"), "test-model");
  EXPECT_EQ(with_model->score("table walk zorple city", "en").label, Label::positive);
  EXPECT_EQ(with_model->score("table walk grondy city", "en").label, Label::negative);

  // Truncated file: refused.
  std::filesystem::resize_file(path, std::filesystem::file_size(path) / 2);
  EXPECT_THROW(LinearModel::load(path.string()), Error);
  std::filesystem::remove(path);
}

TEST(Gold, ReadsFormatsWithTheirLabelMaps) {
  auto dir = std::filesystem::temp_directory_path() / "vigie-gold-test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "a.tsv") << "1\tgreat\n0\tawful\n";
    std::ofstream(dir / "b.tsv") << "id1\tnice one\tP\nid2\tmeh\tNEU\nid3\tbad\tN\nid4\tno label\tX\n";
    std::ofstream(dir / "c.jsonl") << "{\"text\": \"ok \\u00e9\", \"label\": \"POS\", \"split\": \"train\"}\n"
                                      "{\"text\": \"x\", \"label\": \"OBJ\", \"split\": \"validation\"}\n";
    std::ofstream(dir / "d.tsv") << "text\t5, 8\ntext2\t1\ntext3\t5, 6\ntext4\t7\n";
  }
  GoldSet a = read_gold((dir / "a.tsv").string(), "tsv");
  ASSERT_EQ(a.items.size(), 2u);
  EXPECT_EQ(a.items[0].label, Label::positive);
  EXPECT_EQ(a.items[1].label, Label::negative);
  GoldSet b = read_gold((dir / "b.tsv").string(), "tsv");
  ASSERT_EQ(b.items.size(), 3u);
  EXPECT_EQ(b.skipped, 1u);
  EXPECT_EQ(b.items[1].label, Label::neutral);
  EXPECT_EQ(b.items[2].text, "bad");
  GoldSet c = read_gold((dir / "c.jsonl").string(), "jsonl", "train");
  ASSERT_EQ(c.items.size(), 1u);
  EXPECT_EQ(c.items[0].text, "ok \xC3\xA9");
  GoldSet d = read_gold((dir / "d.tsv").string(), "xed");
  ASSERT_EQ(d.items.size(), 2u);  // mixed (5,6) and surprise-only (7) skipped
  EXPECT_EQ(d.items[0].label, Label::positive);
  EXPECT_EQ(d.items[1].label, Label::negative);
  EXPECT_EQ(d.skipped, 2u);
  EXPECT_THROW(read_gold((dir / "a.tsv").string(), "nope"), UsageError);
  EXPECT_THROW(read_gold((dir / "missing.tsv").string(), "tsv"), InputError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace vigie::sentiment
