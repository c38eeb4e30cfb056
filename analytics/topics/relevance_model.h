// An optional learned topic relevance model: "is this text about topic T?"
// for texts the taxonomy's rules miss because they never name the subject
// ("Further liberalizing the law will only make matters worse." in a debate
// about cannabis). Like the stance model, none is shipped: the data that
// teaches it (UKP's cannabis arguments, CC BY-NC) may not train a model the
// repository ships, so scripts/train-local-models trains one on the user's
// machine and TopicTagger::load() picks it up (resolve_relevance_model() in
// tagger.h).
//
// It is a binary logistic regression over the hashed text features of
// linear_features.h (the stance model's), for one topic and one language,
// with a decision threshold chosen by cross-validation on the training data
// and stored in the model file.
//
// Owns: the weight vector. Thread safety: immutable after train()/load();
// probability() is const and safe from any thread (it allocates nothing).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/topics/linear_features.h"
#include "core/text/segment.h"

namespace vigie::topics {

struct RelevanceTrainOptions {
  int epochs = 5;
  double learning_rate = 0.1;   // AdaGrad base rate
  double l2 = 1e-4;             // per-update weight decay
  uint32_t buckets = 1u << 18;  // hashed feature space
  uint64_t seed = 1;            // example order shuffling and cross-validation folds
  bool balance_classes = true;  // weight examples by inverse class frequency
  TextFeatureOptions features;
  std::string topic = "cannabis_regulation";  // taxonomy id the model adds
  std::string lang = "en";                    // language of the training texts; "*" = any
  // Decision threshold: the lowest probability at which at most this share
  // of the negative training examples pass, measured on out-of-fold
  // predictions of threshold_folds-fold cross-validation (so the threshold
  // sees texts the model did not learn), but never below min_threshold.
  double max_false_alarm = 0.005;
  int threshold_folds = 5;
  double min_threshold = 0.5;
};

struct RelevanceExample {
  std::vector<text::Token> tokens;
  bool positive = false;
  // Counted by cross_validate()'s recall (false: a positive that only
  // trains, e.g. a sentence that is on topic but not of the kind measured).
  bool scored = true;
  // What the taxonomy's rules found in the text (for cross_validate()'s
  // figures of rules and model together; training ignores them).
  bool rules_topic = false;  // the model's topic
  bool rules_any = false;    // any topic
};

// Out-of-fold results of k-fold cross-validation (folds: a shuffle of the
// examples seeded by RelevanceTrainOptions::seed).
struct RelevanceCV {
  std::vector<double> probability;  // per example, from the model that did not see it
  double threshold = 0;             // choose_threshold() of those probabilities
  double recall = 0;                // scored positives at or above threshold
  double false_alarm = 0;           // negatives at or above threshold
  // The tagger's view: the topic found by the rules or by the model.
  double recall_with_rules = 0;       // scored positives tagged with the topic
  double false_alarm_with_rules = 0;  // negatives tagged with any topic
};

class LinearRelevanceModel {
 public:
  // Trains the weights, then sets the threshold by o.threshold_folds-fold
  // cross-validation (o.threshold_folds < 2: min_threshold). Throws
  // UsageError without a positive and a negative example or with bad options.
  static LinearRelevanceModel train(const std::vector<RelevanceExample>& examples, const RelevanceTrainOptions& o = {});
  // beside_other_topics as TaggerOptions::relevance_beside_other_topics,
  // for the figures with the rules.
  static RelevanceCV cross_validate(const std::vector<RelevanceExample>& examples, const RelevanceTrainOptions& o,
                                    int folds, bool beside_other_topics = false);
  // The lowest threshold t >= min_threshold such that at most
  // floor(max_false_alarm * negatives) negatives have probability >= t.
  static double choose_threshold(const std::vector<double>& probability, const std::vector<RelevanceExample>& examples,
                                 double max_false_alarm, double min_threshold);

  // Throws UsageError for a missing file, vigie::Error (path:line: reason)
  // for a malformed one.
  static LinearRelevanceModel load(const std::string& path);
  void save(const std::string& path) const;

  // P(text is about topic()) in (0, 1).
  double probability(const std::vector<text::Token>& tokens) const;

  const std::string& topic() const { return topic_; }
  const std::string& lang() const { return lang_; }
  bool applies_to(std::string_view lang) const { return lang_ == "*" || lang_ == lang; }
  double threshold() const { return threshold_; }
  void set_threshold(double t) { threshold_ = t; }
  uint32_t buckets() const { return buckets_; }
  const TextFeatureOptions& feature_options() const { return fo_; }

 private:
  static LinearRelevanceModel fit(const std::vector<RelevanceExample>& examples, const RelevanceTrainOptions& o);
  uint32_t buckets_ = 0;
  TextFeatureOptions fo_;
  std::string topic_;
  std::string lang_ = "*";
  double threshold_ = 0.5;
  std::vector<float> w_;
  float bias_ = 0;
};

}  // namespace vigie::topics
