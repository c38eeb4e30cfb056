// An optional learned stance model that users train on their own labelled
// data. None is shipped: the only labelled stance data we have, UKP, may not
// train a model the repository ships, so scripts/train-local-models trains
// one on the user's machine and StanceClassifier::load() picks it up (see
// resolve_stance_model() in stance.h). It is a multinomial logistic
// regression over hashed features of one language's text:
//   - the text features of linear_features.h (word unigrams and bigrams,
//     character 3- to 5-grams inside words, negation scope), shared with
//     the topic relevance model;
//   - the cue lexicons' evidence (reform, prohibition, net, on-topic),
// so it combines what the lexicons know with what the user's data teaches.
// The sparse part is scaled to unit L2 norm so long and short texts weigh
// alike.
//
// Owns: the weight matrix. Thread safety: immutable after train()/load();
// predict() is const and safe from any thread (it allocates nothing).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/topics/linear_features.h"
#include "core/text/segment.h"

namespace vigie::topics {

enum class StanceLabel;

// Cue evidence the classifier computed for the text (model inputs).
struct CueFeatures {
  double reform = 0;       // sum of reform cue weights after negation
  double prohibition = 0;  // same for prohibition
  bool on_topic = false;   // the text is about drugs: a drug-policy topic or a context word
};

// The text features (linear_features.h); the stance model adds the cue
// evidence to them.
using StanceFeatureOptions = TextFeatureOptions;

struct StanceTrainOptions {
  // Defaults chosen by 5-fold cross-validation on UKP marijuana train only
  // (benchmarks/results/topics.md); never on its val split.
  int epochs = 5;
  double learning_rate = 0.1;  // AdaGrad base rate
  double l2 = 1e-3;            // per-update weight decay (UKP-sized data overfits)
  uint32_t buckets = 1u << 20; // hashed feature space
  uint64_t seed = 1;           // example order shuffling and cross-validation folds
  bool balance_classes = true; // weight examples by inverse class frequency
  int average = 1;             // train this many models on different example orders and average them
  StanceFeatureOptions features;
  std::string lang = "en";     // language of the training texts; "*" = any
};

struct StanceTrainExample {
  std::vector<text::Token> tokens;
  CueFeatures cues;
  int label = 0;  // 0 none, 1 reform, 2 prohibition (StanceLabel order)
};

// Per-fold macro-F1 (3 classes) of k-fold cross-validation; folds are a
// shuffle of the examples seeded by StanceTrainOptions::seed (repeat with
// other seeds for a less noisy mean), each held out once.
struct CrossValidation {
  std::vector<double> macro_f1;  // one per fold
  double mean = 0;
  double pooled_macro_f1 = 0;   // macro-F1 of all held-out predictions together
  double pro_con_accuracy = 0;  // on reform/prohibition examples, argmax of those two classes
};

class LinearStanceModel {
 public:
  static LinearStanceModel train(const std::vector<StanceTrainExample>& examples, const StanceTrainOptions& o = {});
  // cue_override as StanceOptions::cue_override; gate_threshold > 0 gates
  // the model as StanceOptions::model_gate with that off_topic_threshold and
  // StanceOptions::gate_min_prob = gate_min_prob.
  static CrossValidation cross_validate(const std::vector<StanceTrainExample>& examples,
                                        const StanceTrainOptions& o, int folds, double cue_override = 0,
                                        double gate_threshold = 0, double gate_min_prob = 2);
  // Throws UsageError for a missing file, vigie::Error for a malformed one.
  // Reads format 1 (words and bigrams only, any language) and format 2.
  static LinearStanceModel load(const std::string& path);
  void save(const std::string& path) const;

  // Class probabilities in StanceLabel order (none, reform, prohibition).
  std::array<double, 3> predict(const std::vector<text::Token>& tokens, const CueFeatures& cues) const;
  // The label (StanceLabel order) from predict(), unless the cues' net
  // evidence reaches cue_override (> 0): then the cues' side wins.
  static int decide(const std::array<double, 3>& p, const CueFeatures& cues, double cue_override);
  // decide() for a text that failed the gate: reform or prohibition only
  // with a probability of at least min_prob, else none (0).
  static int decide_gated(const std::array<double, 3>& p, const CueFeatures& cues, double cue_override,
                          double min_prob) {
    int d = decide(p, cues, cue_override);
    return d != 0 && p[size_t(d)] >= min_prob ? d : 0;
  }
  // True when the model should run at all under StanceOptions::model_gate:
  // the text is about drugs or its net cue evidence reaches off_topic_threshold.
  static bool passes_gate(const CueFeatures& cues, double off_topic_threshold) {
    const double net = cues.reform - cues.prohibition;
    return cues.on_topic || net >= off_topic_threshold || -net >= off_topic_threshold;
  }

  uint32_t buckets() const { return buckets_; }
  // Language the model was trained for ("*" = any): other languages keep
  // the cue lexicons' label.
  const std::string& lang() const { return lang_; }
  bool applies_to(std::string_view lang) const { return lang_ == "*" || lang_ == lang; }

 private:
  template <class F>
  void features(const std::vector<text::Token>& tokens, const CueFeatures& cues, F&& f) const;
  uint32_t buckets_ = 0;
  StanceFeatureOptions fo_;
  std::string lang_ = "*";
  std::vector<float> w_;  // (buckets_ + kDense) x 3, row-major
  std::array<float, 3> bias_{};
};

}  // namespace vigie::topics
