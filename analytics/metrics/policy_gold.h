// Evaluation of the three drug-policy outputs together (sentiment, topics,
// stance) on sets labelled like ../shared/data/drug-policy-gold: one JSON
// object per line with id, lang, kind, text, sentiment, topics, stance and
// phenomena (the set's README states the label rules).
//
// This file knows labels as strings only: the caller (vigie eval) runs the
// analyzers and hands predictions in, so the metrics stay reusable for any
// predictor, e.g. a script's output read back.
//
// Metrics, per language and over all items:
//  - sentiment and stance: accuracy, macro-F1 over the classes present in
//    gold or predictions, per-class P/R/F1, confusion (rows gold);
//  - wrong side: among items whose gold stance takes a side (reform or
//    prohibition), the share predicted as the opposite side;
//  - topics (multi-label): micro-F1 over (item, topic) pairs, macro-F1 over
//    the topics present in gold or predictions, exact-set accuracy,
//    per-topic P/R/F1;
//  - per phenomenon (negation, sarcasm, reported...): the items carrying it
//    and the accuracy of each task on them (topics: exact set).
//
// Thread safety: plain values; a PolicyEvaluation is not synchronised.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/metrics/metrics.h"

namespace vigie::metrics {

struct PolicyLabels {
  std::string sentiment;            // negative | neutral | positive
  std::vector<std::string> topics;  // taxonomy ids, any order
  std::string stance;               // reform | prohibition | none
};

struct PolicyGoldItem {
  std::string id;
  std::string lang;  // as in the file ("" when absent)
  std::string kind;
  std::string text;
  PolicyLabels gold;
  std::vector<std::string> phenomena;
};

// Reads one gold-jsonl file. Blank lines are skipped. Throws InputError when
// the file cannot be read, and vigie::Error naming file:line when a line is
// not a JSON object, has no text, or carries a sentiment or stance outside
// the classes above.
std::vector<PolicyGoldItem> read_policy_gold(const std::string& path);

// The classes in the order of confusion rows and columns.
const std::vector<std::string>& sentiment_classes();  // negative neutral positive
const std::vector<std::string>& stance_classes();     // reform prohibition none

struct TopicScores {
  uint64_t tp = 0, fp = 0, fn = 0;
  double precision() const;
  double recall() const;
  double f1() const;  // 2tp / (2tp + fp + fn); 0 when tp is 0
};

struct PhenomenonScores {
  uint64_t items = 0;
  uint64_t sentiment_ok = 0, stance_ok = 0, topics_ok = 0;
};

// Everything measured over one group of items (a language, or all).
struct PolicyScores {
  uint64_t items = 0;
  Confusion sentiment{3};  // indices of sentiment_classes()
  Confusion stance{3};     // indices of stance_classes()
  uint64_t sided = 0;      // gold reform or prohibition
  uint64_t wrong_side = 0; // ... predicted as the other side
  TopicScores topics;      // pooled over topics (micro)
  uint64_t topics_exact = 0;
  std::map<std::string, TopicScores> per_topic;
  std::map<std::string, PhenomenonScores> phenomena;

  double wrong_side_rate() const;  // wrong_side / sided; 0 when sided is 0
  double topics_micro_f1() const { return topics.f1(); }
  double topics_macro_f1() const;  // mean F1 of per_topic entries
  double topics_exact_accuracy() const;
};

class PolicyEvaluation {
 public:
  // Adds one item under its language (gold.lang, or lang when gold.lang is
  // empty). Throws vigie::Error when a predicted sentiment or stance is not
  // one of the classes.
  void add(const PolicyGoldItem& gold, const PolicyLabels& predicted, std::string_view lang = "");

  const std::map<std::string, PolicyScores>& by_lang() const { return by_lang_; }
  const PolicyScores& all() const { return all_; }

  // {"items", "languages": {lang: scores}, "all": scores}; each scores
  // object holds sentiment, stance, topics and phenomena as documented above.
  std::string to_json() const;
  // Summary table (one column per language and "all"), then per language the
  // confusion matrices and the phenomena.
  std::string to_text() const;

 private:
  std::map<std::string, PolicyScores> by_lang_;
  PolicyScores all_;
};

}  // namespace vigie::metrics
