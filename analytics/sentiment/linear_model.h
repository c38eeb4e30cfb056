// The trained sentiment model: multinomial logistic regression
// (SGD, L2) over hashed word uni/bi-grams, character n-grams of words and
// the lexicon scorer's features. One model per language, stored as a small
// versioned file (text header + float32 weights), see docs/sentiment.md.
//
// Thread safety: a loaded LinearModel is immutable; predict() is const and
// safe from many threads. train() is single-threaded.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/sentiment/sentiment.h"

namespace vigie::sentiment {

struct Example {
  std::string text;
  Label label = Label::neutral;
  // Language of text when it is not the model's (a training set of another
  // language): its lexicon features then come from its own lexicon, so the
  // dense features mean the same across languages. Empty = the model's.
  std::string lang;
  // With TrainOptions::bias_cv, only these examples' out-of-fold predictions
  // choose the class biases (false for extra sets that lend weights but
  // whose label balance is not the target's, e.g. XED next to RuSentNE).
  bool for_biases = true;
};

struct TrainOptions {
  int hash_bits = 18;         // 2^bits hashed feature buckets
  int epochs = 12;            // SGD passes over the training set
  double learning_rate = 0.2; // initial step, decays as 1/(1 + 0.3 * epoch)
  double l2 = 1e-6;           // L2 penalty per update
  bool word_bigrams = true;
  int char_min = 2;           // character n-grams of " word " (0 = none)
  int char_max = 4;
  bool lexicon = true;        // add the lexicon scorer's features
  uint64_t seed = 42;         // shuffling
  double dev_fraction = 0.1;  // held out of train when no dev set is given
  // What the dev-chosen class biases maximise: 3-class macro-F1, or the mean
  // F1 of positive and negative (RuSentNE's metric).
  bool optimise_pos_neg = false;
  // Feature set version: 1 = n-grams and lexicon features (kept so its files load and
  // score the same); 2 = tweet normalisation (@mentions, URLs, elongated
  // letters), the lexicon label and item count as extra dense features;
  // 3 = set 2 + the strongest positive and negative item and '?'.
  int features = 3;
  // Independent SGD runs (seeds seed, seed+1, ...) whose weights are
  // averaged: with ~2k training tweets one run's val macro-F1 varies by
  // +-1.5 points with the shuffling seed; the average is steadier.
  int runs = 1;
  // > 1: choose the class biases on K-fold out-of-fold predictions over the
  // training examples instead of on dev (dev is then only reported).
  int bias_cv = 0;
};

struct Prediction {
  double probs[3] = {0, 1, 0};  // indexed by Label
  Label label = Label::neutral;
};

class LinearModel {
 public:
  // Throws Error when the file is missing, truncated or of another version.
  static LinearModel load(const std::string& path);
  void save(const std::string& path) const;

  // Trains on train; chooses the class biases (the neutral band) on dev
  // (or on a held-out dev_fraction of train when dev is empty) to maximise
  // macro-F1 over the labels present in dev. lexicon may be null (no
  // lexicon features). Progress lines go to log when not null.
  static LinearModel train(const std::vector<Example>& train, const std::vector<Example>& dev,
                           const std::string& lang, const TrainOptions& options, const Scorer* lexicon,
                           std::ostream* log);

  // text's class probabilities; f must come from Scorer::lexicon_features
  // for the same text and language (ignored when the model has none).
  Prediction predict(std::string_view text, const LexiconFeatures& f) const;
  // The same prediction taken apart: the top features by |contribution|.
  // Slower than predict() (names every feature); for --explain.
  ModelExplanation explain(std::string_view text, const LexiconFeatures& f, size_t top = 12) const;

  const std::string& lang() const { return lang_; }
  const std::string& name() const { return name_; }
  void set_name(std::string n) { name_ = std::move(n); }
  bool is_default() const { return default_; }
  void set_default(bool d) { default_ = d; }
  const std::string& trained_on() const { return trained_on_; }
  void set_trained_on(std::string s) { trained_on_ = std::move(s); }
  double dev_macro_f1() const { return dev_macro_f1_; }
  // False when no training example was neutral (polarity-only sets such as
  // reviews): the scorer then takes neutrality from the lexicon.
  bool knows_neutral() const { return knows_neutral_; }
  int feature_version() const { return features_; }

 private:
  template <class Visit>
  uint32_t buckets(std::string_view text, Visit&& visit) const;
  uint32_t dense(const LexiconFeatures* f, float* out) const;
  void features(std::string_view text, const LexiconFeatures* f, std::vector<uint32_t>& idx,
                std::vector<float>& val) const;
  void logits(const std::vector<uint32_t>& idx, const std::vector<float>& val, double out[3]) const;
  // The steps of train() and the state they share (linear_model.cc).
  class Trainer;

  std::string lang_;
  std::string name_;
  std::string trained_on_;
  bool default_ = false;
  int hash_bits_ = 18;
  bool bigrams_ = true;
  int char_min_ = 2, char_max_ = 4;
  bool lexicon_ = true;
  bool knows_neutral_ = true;
  int features_ = 1;            // TrainOptions::features; absent in old files = 1
  double bias_[3] = {0, 0, 0};  // decision offsets chosen on dev
  double dev_macro_f1_ = 0;
  std::vector<float> w_;        // (2^bits + dense(features_)) x 3
};

}  // namespace vigie::sentiment
