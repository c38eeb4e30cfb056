// Hashes the sentiment models store, pinned: the hash-dev/hash-train split
// (which examples a shipped model learnt from), the hashed n-gram features
// (a model file's weight rows are indexed by them) and the lexicon digest
// in the analyzer version (stored in every index). All use FNV-1a with the
// legacy offset basis (core/hash.h kFnvLegacyOffset); if one of these tests
// fails, shipped models and existing indexes no longer match the code.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "analytics/sentiment/gold.h"
#include "analytics/sentiment/linear_model.h"
#include "analytics/sentiment/sentiment.h"

namespace vigie::sentiment {
namespace {

TEST(StoredHashes, HashDevSplitIsPinned) {
  // Expected: an independent FNV-1a (Python) with the legacy basis, % 10 == 0.
  std::vector<int> dev;
  for (int i = 0; i < 200; ++i)
    if (in_hash_dev("tweet " + std::to_string(i))) dev.push_back(i);
  EXPECT_EQ(dev, (std::vector<int>{0, 17, 26, 46, 59, 71, 82, 88, 95, 101, 114, 125, 130, 143, 152, 158, 167,
                                   170, 185, 192}));
}

const Scorer& shipped() {
  static auto s = Scorer::load(VIGIE_SOURCE_DIR "/corpora", "");
  return *s;
}

struct Pinned {
  const char* file;  // in corpora/sentiment/models/
  const char* lang;
  const char* text;  // words, bigrams and (words over 3 bytes) character n-grams
  const char* probs; // %.9g of the three class probabilities, as computed when pinned
};

class ModelFeatureHashes : public ::testing::TestWithParam<Pinned> {};

// A shipped model's probabilities for a text depend on every hashed feature
// of it: one bucket moved changes them far beyond rounding.
TEST_P(ModelFeatureHashes, ShippedModelScoresAsPinned) {
  const auto& p = GetParam();
  LinearModel m = LinearModel::load(VIGIE_SOURCE_DIR "/corpora/sentiment/models/" + std::string(p.file));
  Prediction pr = m.predict(p.text, shipped().lexicon_features(p.text, p.lang));
  char buf[96];
  std::snprintf(buf, sizeof buf, "%.9g %.9g %.9g", pr.probs[0], pr.probs[1], pr.probs[2]);
  EXPECT_EQ(std::string(buf), p.probs);
}

INSTANTIATE_TEST_SUITE_P(
    Shipped, ModelFeatureHashes,
    ::testing::Values(Pinned{"ar.model", "ar", "القنب الطبي قانوني الآن وهذا خبر رائع",
                             "0.247542953 0.322509459 0.429947588"},
                      Pinned{"fr.model", "fr", "La réduction des risques sauve des vies, enfin !",
                             "0.528187806 0.209007545 0.262804649"},
                      Pinned{"es.model", "es", "La legalización del cannabis fue un desastre total",
                             "0.524583889 0.351735257 0.123680854"},
                      Pinned{"ru.model", "ru", "Метадоновая терапия спасает жизни людей",
                             "0.0455613945 0.731302161 0.223136444"}));

TEST(StoredHashes, LexiconDigestInTheAnalyzerVersionIsPinned) {
  EXPECT_EQ(shipped().version(),
            "vigie-sentiment/2 data:c9199026db1ee200 ar:ar-linear de:de-linear es:es-linear fr:fr-linear "
            "hi:hi-linear it:it-linear pt:pt-linear ru:ru-linear zh:zh-linear");
}

}  // namespace
}  // namespace vigie::sentiment
