// Evaluation metrics for classifiers and graded scores: accuracy,
// macro-F1, per-class precision/recall/F1, the confusion matrix, F1 over a
// subset of classes (RuSentNE's F1 over positive and negative) and Pearson r.
//
// Conventions (stated because papers differ): a class's precision is 0 when
// it is never predicted, its recall 0 when it never occurs in the gold; a
// class absent from both gold and predictions is left out of macro averages.
// Thread safety: plain values; a Confusion is not synchronised.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/json.h"

namespace vigie::metrics {

struct ClassScores {
  double precision = 0, recall = 0, f1 = 0;
  uint64_t support = 0;    // gold items of the class
  uint64_t predicted = 0;  // items predicted as the class
};

// One class's scores as a JSON object {precision, recall, f1 (4 decimals),
// support, predicted}: the form every `vigie eval --json` report uses.
void append_json(json::JsonWriter& w, const ClassScores& s);

class Confusion {
 public:
  explicit Confusion(size_t classes);
  // gold and predicted are class indices < classes(); throws std::out_of_range otherwise.
  void add(size_t gold, size_t predicted);
  size_t classes() const { return k_; }
  uint64_t total() const { return n_; }
  uint64_t at(size_t gold, size_t predicted) const { return m_[gold * k_ + predicted]; }
  double accuracy() const;
  ClassScores class_scores(size_t c) const;
  // Mean F1 over classes that occur in gold or predictions.
  double macro_f1() const;
  // Mean F1 over the listed classes, whatever their counts (RuSentNE: {neg, pos}).
  double macro_f1(const std::vector<size_t>& subset) const;

 private:
  size_t k_;
  uint64_t n_ = 0;
  std::vector<uint64_t> m_;
};

// {"<name>": append_json(class_scores(c)), ...} for every class c of `cm`,
// named by `names` (one per class): the "classes" member of eval reports.
void append_classes_json(json::JsonWriter& w, const Confusion& cm, const std::vector<std::string>& names);
// The matrix as rows of counts, [[gold 0 predicted 0, ...], ...].
void append_rows_json(json::JsonWriter& w, const Confusion& cm);

// Pearson correlation; 0 when fewer than 2 points or a variance is 0.
double pearson(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace vigie::metrics
