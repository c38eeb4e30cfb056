// Multilingual sentiment: a VADER-style lexicon-and-rules scorer
// for every language that has a lexicon in corpora/sentiment/, optionally
// replaced per language by a trained linear model (linear_model.h) where it
// was better on held-out dev data.
//
// Owns: the loaded lexicons, rules and models (immutable after load()).
// Data lives in <corpora>/sentiment/: lexicons/<lang>.tsv (valence),
// lexicons/emoji.tsv (emoji + emoticons, every language), rules/<lang>.tsv
// (negators, boosters, contrastive conjunctions, idioms, thresholds) and
// models/<lang>.model (trained, optional). See docs/sentiment.md.
//
// Thread safety: a Scorer is immutable after load(); every const method is
// safe to call from any number of threads at once (scratch buffers are
// thread_local inside the implementation).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/schema.h"
#include "core/text/segment.h"

namespace vigie::sentiment {

enum class Label : uint8_t { negative = 0, neutral = 1, positive = 2 };

// "negative" | "neutral" | "positive".
std::string_view label_name(Label label);
// Inverse of label_name; returns false for anything else.
bool parse_label(std::string_view name, Label& out);

struct Score {
  double compound = 0;    // [-1, 1]; VADER's normalised sum for the lexicon scorer,
                          // P(positive) - P(negative) for a trained model
  Label label = Label::neutral;
  uint32_t hits = 0;      // sentiment-bearing items found (0 = no evidence)
};

// Per-text lexicon statistics, the lexicon features of the trained model.
struct LexiconFeatures {
  double compound = 0;
  double pos_sum = 0, neg_sum = 0;  // sums of positive / negative item valences
  uint32_t n_pos = 0, n_neg = 0;    // items with positive / negative valence
  uint32_t n_negators = 0;          // negation words seen
  uint32_t n_items = 0;             // word/emoji items
  uint32_t n_exclaim = 0;           // '!' count
  double max_pos = 0, max_neg = 0;  // strongest positive / negative item (magnitudes)
  uint32_t n_question = 0;          // '?' count
};

// One item that moved the score, for --explain.
struct Contribution {
  uint32_t begin = 0, end = 0;  // byte offsets into the text
  std::string term;             // the matched lexicon key (folded)
  double base = 0;              // lexicon valence
  double final = 0;             // after the rules
  std::string rules;            // e.g. "booster(very) negated(not) caps but-after"
};

// One feature's part in a prediction, for explanations.
struct FeatureContribution {
  std::string name;           // "w:word", "b:two words", "c:<n-gram>", "lex:compound", "bias"...
  double value = 0;           // the feature's value in this text
  double contribution = 0;    // value * (weight of positive - weight of negative)
};

// Why the model scored a text as it did. The contributions of all features
// plus `rest` add up exactly to `margin`, the positive-minus-negative logit
// margin (class offsets included); P(positive) - P(negative), its softmax
// reading, is the compound once placed on the band (see Thresholds).
struct ModelExplanation {
  double logits[3] = {0, 0, 0};  // by Label, without the offsets
  double biases[3] = {0, 0, 0};  // class offsets chosen on dev
  double margin = 0;
  std::vector<FeatureContribution> features;  // the largest |contribution| first
  double rest = 0;  // the other features and the offsets
};

struct Explanation {
  Score score;
  std::string lang;       // the language whose resources were used ("und" = emoji only)
  std::string model;      // "lexicon" or the model's name
  double sum = 0;         // sum of item valences after the rules
  double punctuation = 0; // emphasis added by '!' and '?'
  std::vector<Contribution> items;
  // When a trained model decides the score (model != "lexicon"): its
  // features. The items above are then the lexicon's, which the model reads
  // only through its lex:* features.
  bool from_model = false;
  ModelExplanation model_features;
};

// The neutral band of a language: compound >= positive is positive,
// <= negative is negative. The lexicon scorer's band is the language's
// (rules/<lang>.tsv); a trained model's compounds are placed on the default
// band, +-0.05 (VADER's), so that the band gives back the model's label.
struct Thresholds {
  double positive = 0.05;
  double negative = -0.05;
};

struct SentenceScore {
  uint32_t begin = 0, end = 0;  // byte span of the sentence
  double compound = 0;
};

class Scorer {
 public:
  // Loads every language found under <corpora_dir>/sentiment. model_name:
  //   ""        - per language, the trained model marked default in its file
  //               when there is one, else the lexicon scorer;
  //   "lexicon" - the lexicon scorer for every language;
  //   a path to a model file, or a file name under sentiment/models/ - that
  //               model for its language, defaults for the others.
  // Throws Error when a file cannot be read or parsed (with file:line),
  // UsageError when model_name names no model.
  static std::shared_ptr<const Scorer> load(const std::string& corpora_dir,
                                            const std::string& model_name = "");

  ~Scorer();
  Scorer(const Scorer&) = delete;
  Scorer& operator=(const Scorer&) = delete;

  // Whole-text score. `tokens` from text::Segmenter over `text` are used for
  // space-delimited languages; empty tokens (or a CJK language) make the
  // scorer use its own tokenizer, which is what `vigie score` does. lang is
  // an ISO 639-1 code; a language without resources ("und", "nl"...) is
  // scored from emoji, emoticons and punctuation only.
  Score score(std::string_view text, const std::vector<text::Token>& tokens,
              std::string_view lang) const;
  Score score(std::string_view text, std::string_view lang) const;

  // One compound per sentence 0..sentence_count-1, by Token::sentence (a
  // sentence without tokens scores 0). out is resized to sentence_count.
  void score_sentences(std::string_view text, const std::vector<text::Token>& tokens,
                       size_t sentence_count, std::string_view lang,
                       std::vector<double>& out) const;
  // Own sentence splitting (. ! ? 。！？ and line breaks); out is cleared.
  void score_sentences(std::string_view text, std::string_view lang,
                       std::vector<SentenceScore>& out) const;

  // Both at once (one tokenization): the document score, and out as
  // score_sentences(text, lang, out) fills it. What `vigie score --json` uses.
  Score score_with_sentences(std::string_view text, std::string_view lang,
                             std::vector<SentenceScore>& out) const;

  // The lexicon scorer only, whatever model is the default.
  Score score_lexicon(std::string_view text, std::string_view lang) const;
  LexiconFeatures lexicon_features(std::string_view text, std::string_view lang) const;

  // Which items and rules moved the score (lexicon scorer; when a trained
  // model decides, its score is reported and the items are the lexicon's).
  Explanation explain(std::string_view text, std::string_view lang) const;

  // True when lang has its own lexicon.
  bool has_language(std::string_view lang) const;
  // The language's neutral band (the defaults for a language without rules),
  // and the label a compound gets in it: what every report and export uses.
  Thresholds thresholds(std::string_view lang) const;
  Label label_for(double compound, std::string_view lang) const;
  // thresholds() of every language with rules, then "und" (the others):
  // what the index stores under schema::meta::kSentimentBands.
  std::vector<schema::SentimentBandValue> bands() const;
  std::vector<std::string> languages() const;
  // "lexicon" or the model name used for lang by score().
  std::string model_for(std::string_view lang) const;

  // Identifies lexicons, rules and models (stored in the index metadata).
  std::string version() const;

  struct Impl;

 private:
  explicit Scorer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vigie::sentiment
