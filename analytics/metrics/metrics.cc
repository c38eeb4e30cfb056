#include "analytics/metrics/metrics.h"

#include <cmath>
#include <stdexcept>

namespace vigie::metrics {

Confusion::Confusion(size_t classes) : k_(classes), m_(classes * classes, 0) {}

void Confusion::add(size_t gold, size_t predicted) {
  if (gold >= k_ || predicted >= k_) throw std::out_of_range("Confusion::add: class index out of range");
  ++m_[gold * k_ + predicted];
  ++n_;
}

double Confusion::accuracy() const {
  if (n_ == 0) return 0;
  uint64_t ok = 0;
  for (size_t c = 0; c < k_; ++c) ok += at(c, c);
  return static_cast<double>(ok) / static_cast<double>(n_);
}

void append_json(json::JsonWriter& w, const ClassScores& s) {
  w.begin_object();
  w.key("precision").fixed(s.precision, 4);
  w.key("recall").fixed(s.recall, 4);
  w.key("f1").fixed(s.f1, 4);
  w.key("support").value(s.support);
  w.key("predicted").value(s.predicted);
  w.end_object();
}

void append_classes_json(json::JsonWriter& w, const Confusion& cm, const std::vector<std::string>& names) {
  w.begin_object();
  for (size_t c = 0; c < cm.classes(); ++c) {
    w.key(names.at(c));
    append_json(w, cm.class_scores(c));
  }
  w.end_object();
}

void append_rows_json(json::JsonWriter& w, const Confusion& cm) {
  w.begin_array();
  for (size_t a = 0; a < cm.classes(); ++a) {
    w.begin_array();
    for (size_t b = 0; b < cm.classes(); ++b) w.value(cm.at(a, b));
    w.end_array();
  }
  w.end_array();
}

ClassScores Confusion::class_scores(size_t c) const {
  ClassScores s;
  for (size_t j = 0; j < k_; ++j) {
    s.support += at(c, j);
    s.predicted += at(j, c);
  }
  uint64_t tp = at(c, c);
  s.precision = s.predicted ? static_cast<double>(tp) / static_cast<double>(s.predicted) : 0;
  s.recall = s.support ? static_cast<double>(tp) / static_cast<double>(s.support) : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

double Confusion::macro_f1() const {
  double sum = 0;
  size_t n = 0;
  for (size_t c = 0; c < k_; ++c) {
    ClassScores s = class_scores(c);
    if (s.support == 0 && s.predicted == 0) continue;
    sum += s.f1;
    ++n;
  }
  return n ? sum / static_cast<double>(n) : 0;
}

double Confusion::macro_f1(const std::vector<size_t>& subset) const {
  if (subset.empty()) return 0;
  double sum = 0;
  for (size_t c : subset) {
    if (c >= k_) throw std::out_of_range("Confusion::macro_f1: class index out of range");
    sum += class_scores(c).f1;
  }
  return sum / static_cast<double>(subset.size());
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  size_t n = std::min(x.size(), y.size());
  if (n < 2) return 0;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= static_cast<double>(n);
  my /= static_cast<double>(n);
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < n; ++i) {
    double dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return 0;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace vigie::metrics
