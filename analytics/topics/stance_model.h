// An optional learned stance model that users train on their own labelled
// data (none is shipped: the only labelled stance data we have, UKP, may not
// train a shipped model). It is a multinomial logistic regression over hashed
// word unigrams and bigrams plus the cue-lexicon evidence, so it combines
// what the lexicons know with what the user's data teaches.
//
// Owns: the weight matrix. Thread safety: immutable after train()/load();
// predict() is const and safe from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/segment.h"

namespace vigie::topics {

enum class StanceLabel;

// Cue evidence the classifier computed for the text (model inputs).
struct CueFeatures {
  double reform = 0;       // sum of reform cue weights after negation
  double prohibition = 0;  // same for prohibition
  bool on_topic = false;   // the text has a drug-policy topic
};

struct StanceTrainOptions {
  int epochs = 5;
  double learning_rate = 0.05;  // AdaGrad base rate
  double l2 = 1e-3;             // per-update weight decay (strong: UKP-sized data overfits)
  uint32_t buckets = 1u << 18;  // hashed feature space
  uint64_t seed = 1;            // example order shuffling
  bool balance_classes = true;  // weight examples by inverse class frequency
};

struct StanceTrainExample {
  std::vector<text::Token> tokens;
  CueFeatures cues;
  int label = 0;  // 0 none, 1 reform, 2 prohibition (StanceLabel order)
};

class LinearStanceModel {
 public:
  static LinearStanceModel train(const std::vector<StanceTrainExample>& examples, const StanceTrainOptions& o = {});
  // Throws UsageError for a missing file, vigie::Error for a malformed one.
  static LinearStanceModel load(const std::string& path);
  void save(const std::string& path) const;

  // Class probabilities in StanceLabel order (none, reform, prohibition).
  std::array<double, 3> predict(const std::vector<text::Token>& tokens, const CueFeatures& cues) const;

  uint32_t buckets() const { return buckets_; }

 private:
  template <class F>
  void features(const std::vector<text::Token>& tokens, const CueFeatures& cues, F&& f) const;
  uint32_t buckets_ = 0;
  std::vector<float> w_;  // (buckets_ + kDense) x 3, row-major
  std::array<float, 3> bias_{};
};

}  // namespace vigie::topics
