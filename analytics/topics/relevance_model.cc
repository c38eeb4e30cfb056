#include "analytics/topics/relevance_model.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>
#include <random>
#include <sstream>

#include "core/errors.h"
#include "core/folds.h"

namespace vigie::topics {

namespace {

double sigmoid(double z) { return z >= 0 ? 1.0 / (1.0 + std::exp(-z)) : std::exp(z) / (1.0 + std::exp(z)); }

void check(const RelevanceTrainOptions& o) {
  const auto& f = o.features;
  if (o.buckets < 16 || o.buckets > (1u << 26)) throw UsageError("relevance model: 16 <= buckets <= 2^26");
  if (o.epochs < 1 || !(o.learning_rate > 0) || !(o.l2 >= 0))
    throw UsageError("relevance model: epochs >= 1, learning rate > 0, l2 >= 0");
  if (f.char_max > 0 && (f.char_min < 1 || f.char_min > f.char_max || f.char_max > 8))
    throw UsageError("relevance model: character n-grams need 1 <= min <= max <= 8");
  if (!(o.max_false_alarm >= 0 && o.max_false_alarm < 1) || !(o.min_threshold > 0 && o.min_threshold < 1))
    throw UsageError("relevance model: 0 <= max false alarm < 1, 0 < min threshold < 1");
  if (o.topic.empty() || o.topic.find_first_of(" \t\n") != std::string::npos)
    throw UsageError("relevance model: the topic id must be one word");
}

}  // namespace

LinearRelevanceModel LinearRelevanceModel::fit(const std::vector<RelevanceExample>& examples,
                                               const RelevanceTrainOptions& o) {
  size_t npos = 0;
  for (const auto& e : examples) npos += e.positive;
  if (npos == 0 || npos == examples.size())
    throw UsageError("relevance model: training needs positive and negative examples");
  LinearRelevanceModel m;
  m.buckets_ = o.buckets;
  m.fo_ = o.features;
  m.topic_ = o.topic;
  m.lang_ = o.lang.empty() ? "*" : o.lang;
  m.w_.assign(o.buckets, 0.0f);
  // Features once per example: the epochs reuse them.
  std::vector<std::vector<std::pair<uint32_t, float>>> x(examples.size());
  for (size_t i = 0; i < examples.size(); ++i)
    hashed_text_features(examples[i].tokens, m.fo_, m.buckets_,
                         [&](uint32_t r, double v) { x[i].emplace_back(r, float(v)); });
  double cw[2] = {1, 1};  // negative, positive
  if (o.balance_classes) {
    cw[1] = double(examples.size()) / (2.0 * double(npos));
    cw[0] = double(examples.size()) / (2.0 * double(examples.size() - npos));
  }
  std::vector<float> g2(o.buckets, 0.0f);  // AdaGrad accumulators
  double bias = 0, bias_g2 = 0;
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed);
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t idx : order) {
      double z = bias;
      for (auto [r, v] : x[idx]) z += m.w_[r] * v;
      const double grad = (sigmoid(z) - (examples[idx].positive ? 1.0 : 0.0)) * cw[examples[idx].positive];
      for (auto [r, v] : x[idx]) {
        const double g = grad * v + o.l2 * m.w_[r];
        g2[r] += float(g * g);
        m.w_[r] -= float(o.learning_rate * g / (std::sqrt(double(g2[r])) + 1e-8));
      }
      bias_g2 += grad * grad;
      bias -= o.learning_rate * grad / (std::sqrt(bias_g2) + 1e-8);
    }
  }
  m.bias_ = float(bias);
  m.threshold_ = o.min_threshold;
  return m;
}

LinearRelevanceModel LinearRelevanceModel::train(const std::vector<RelevanceExample>& examples,
                                                 const RelevanceTrainOptions& o) {
  check(o);
  LinearRelevanceModel m = fit(examples, o);
  if (o.threshold_folds >= 2 && size_t(o.threshold_folds) <= examples.size())
    m.threshold_ = cross_validate(examples, o, o.threshold_folds).threshold;
  return m;
}

RelevanceCV LinearRelevanceModel::cross_validate(const std::vector<RelevanceExample>& examples,
                                                 const RelevanceTrainOptions& o, int folds,
                                                 bool beside_other_topics) {
  check(o);
  if (folds < 2 || size_t(folds) > examples.size())
    throw UsageError("cross-validation needs 2 <= folds <= examples");
  std::mt19937_64 rng(o.seed * 0x9E3779B97F4A7C15ULL + 7);
  const std::vector<int> fold_of = cv_folds(examples.size(), folds, rng);
  RelevanceCV cv;
  cv.probability.assign(examples.size(), 0.0);
  std::vector<RelevanceExample> train;
  for (int f = 0; f < folds; ++f) {
    train.clear();
    for (size_t i = 0; i < examples.size(); ++i)
      if (fold_of[i] != f) train.push_back(examples[i]);
    const LinearRelevanceModel m = fit(train, o);
    for (size_t i = 0; i < examples.size(); ++i)
      if (fold_of[i] == f) cv.probability[i] = m.probability(examples[i].tokens);
  }
  cv.threshold = choose_threshold(cv.probability, examples, o.max_false_alarm, o.min_threshold);
  size_t pos = 0, hit = 0, hit_r = 0, neg = 0, fa = 0, fa_r = 0;
  for (size_t i = 0; i < examples.size(); ++i) {
    const bool on = cv.probability[i] >= cv.threshold;
    if (examples[i].positive) {
      if (!examples[i].scored) continue;
      ++pos;
      hit += on;
      hit_r += examples[i].rules_topic || (on && (beside_other_topics || !examples[i].rules_any));
    } else {
      ++neg;
      fa += on;
      fa_r += on || examples[i].rules_any;
    }
  }
  auto share = [](size_t a, size_t b) { return b ? double(a) / double(b) : 0.0; };
  cv.recall = share(hit, pos);
  cv.false_alarm = share(fa, neg);
  cv.recall_with_rules = share(hit_r, pos);
  cv.false_alarm_with_rules = share(fa_r, neg);
  return cv;
}

double LinearRelevanceModel::choose_threshold(const std::vector<double>& probability,
                                              const std::vector<RelevanceExample>& examples, double max_false_alarm,
                                              double min_threshold) {
  std::vector<double> neg;
  for (size_t i = 0; i < examples.size() && i < probability.size(); ++i)
    if (!examples[i].positive) neg.push_back(probability[i]);
  std::sort(neg.begin(), neg.end(), std::greater<>());
  const size_t allowed = size_t(std::floor(max_false_alarm * double(neg.size()) + 1e-9));
  if (allowed >= neg.size()) return min_threshold;
  // Just above the (allowed+1)-th highest negative: it and all below fail.
  const double t = std::nextafter(neg[allowed], 2.0);
  return std::max(t, min_threshold);
}

double LinearRelevanceModel::probability(const std::vector<text::Token>& tokens) const {
  double z = bias_;
  thread_local std::vector<RowValue> rows;
  prefetched_text_features(tokens, fo_, buckets_, w_.data(), 1, rows);
  for (const auto& [r, v] : rows) z += w_[r] * v;
  return sigmoid(z);
}

void LinearRelevanceModel::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error("cannot write relevance model " + path);
  out.precision(9);
  out << "vigie-relevance-model 1\ntopic " << topic_ << "\nlang " << lang_ << "\nbuckets " << buckets_ << "\n"
      << feature_line(fo_) << "\nthreshold " << threshold_ << "\nbias " << bias_ << "\n";
  out.precision(7);
  for (size_t r = 0; r < w_.size(); ++r)
    if (w_[r] != 0) out << r << " " << w_[r] << "\n";
  if (!out) throw Error("cannot write relevance model " + path);
}

LinearRelevanceModel LinearRelevanceModel::load(const std::string& path) {
  ModelFileReader in(path, "relevance");
  LinearRelevanceModel m;
  // "key value" with nothing after the value.
  auto field = [&](const char* key, auto& value) {
    std::istringstream s(in.next(key));
    std::string k, rest;
    if (!(s >> k >> value) || k != key || (s >> rest)) throw in.bad(std::string("bad ") + key + " line");
  };
  if (in.next("header") != "vigie-relevance-model 1") throw in.bad("not a vigie relevance model");
  field("topic", m.topic_);
  field("lang", m.lang_);
  field("buckets", m.buckets_);
  if (m.buckets_ < 16 || m.buckets_ > (1u << 26)) throw in.bad("bad buckets line");
  if (!parse_feature_line(in.next("features"), m.fo_)) throw in.bad("bad features line");
  field("threshold", m.threshold_);
  if (!(m.threshold_ > 0 && m.threshold_ <= 1)) throw in.bad("threshold must be in (0, 1]");
  field("bias", m.bias_);
  m.w_.assign(m.buckets_, 0.0f);
  in.weight_rows(m.buckets_, 1, m.w_);
  return m;
}

}  // namespace vigie::topics
