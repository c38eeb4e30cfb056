#include "analytics/topics/stance_model.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

#include "core/errors.h"
#include "core/folds.h"

namespace vigie::topics {

namespace {

constexpr uint32_t kDense = 4;  // reform evidence, prohibition evidence, about drugs, net evidence

std::array<double, 3> softmax(std::array<double, 3> z) {
  double m = std::max({z[0], z[1], z[2]});
  double s = 0;
  for (double& v : z) s += (v = std::exp(v - m));
  for (double& v : z) v /= s;
  return z;
}

}  // namespace

// Calls f(row, value) for each active feature: the hashed text features
// (linear_features.h), then the dense cue features in rows
// buckets_..buckets_+3.
namespace {

// The kDense cue rows after the hashed text rows.
template <class F>
void cue_rows(const CueFeatures& cues, uint32_t buckets, F&& f) {
  f(buckets + 0, cues.reform);
  f(buckets + 1, cues.prohibition);
  f(buckets + 2, cues.on_topic ? 1.0 : 0.0);
  f(buckets + 3, cues.reform - cues.prohibition);
}

}  // namespace

template <class F>
void LinearStanceModel::features(const std::vector<text::Token>& tokens, const CueFeatures& cues, F&& f) const {
  hashed_text_features(tokens, fo_, buckets_, f);
  cue_rows(cues, buckets_, f);
}

LinearStanceModel LinearStanceModel::train(const std::vector<StanceTrainExample>& examples,
                                           const StanceTrainOptions& o) {
  if (o.average > 1) {
    // Bagging over example orders: the mean of the weights of models trained
    // with different shuffles is a steadier model than any one of them.
    StanceTrainOptions one = o;
    one.average = 1;
    LinearStanceModel sum = train(examples, one);
    for (int k = 1; k < o.average; ++k) {
      one.seed = o.seed + uint64_t(k) * 1000003;
      LinearStanceModel m = train(examples, one);
      for (size_t i = 0; i < sum.w_.size(); ++i) sum.w_[i] += m.w_[i];
      for (int c = 0; c < 3; ++c) sum.bias_[c] += m.bias_[c];
    }
    for (float& w : sum.w_) w /= float(o.average);
    for (float& b : sum.bias_) b /= float(o.average);
    return sum;
  }
  if (examples.empty()) throw UsageError("no training examples for the stance model");
  if (o.buckets < 16) throw UsageError("stance model: buckets must be at least 16");
  LinearStanceModel m;
  if (o.features.char_max > 0 && (o.features.char_min < 1 || o.features.char_min > o.features.char_max ||
                                   o.features.char_max > 8))
    throw UsageError("stance model: character n-grams need 1 <= min <= max <= 8");
  m.buckets_ = o.buckets;
  m.fo_ = o.features;
  m.lang_ = o.lang.empty() ? "*" : o.lang;
  const size_t rows = size_t(o.buckets) + kDense;
  m.w_.assign(rows * 3, 0.0f);
  std::vector<float> g2(rows * 3, 0.0f);  // AdaGrad accumulators
  std::array<double, 3> bias_g2{};
  std::array<double, 3> class_weight{1, 1, 1};
  if (o.balance_classes) {
    std::array<double, 3> n{};
    for (const auto& e : examples) n[size_t(e.label)] += 1;
    for (int c = 0; c < 3; ++c) class_weight[c] = n[c] > 0 ? double(examples.size()) / (3.0 * n[c]) : 0;
  }
  std::vector<size_t> order(examples.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(o.seed);
  std::vector<std::pair<uint32_t, double>> active;
  for (int epoch = 0; epoch < o.epochs; ++epoch) {
    std::shuffle(order.begin(), order.end(), rng);
    for (size_t idx : order) {
      const auto& e = examples[idx];
      active.clear();
      m.features(e.tokens, e.cues, [&](uint32_t r, double v) { active.emplace_back(r, v); });
      std::array<double, 3> z{m.bias_[0], m.bias_[1], m.bias_[2]};
      for (auto [r, v] : active)
        for (int c = 0; c < 3; ++c) z[c] += m.w_[r * 3 + c] * v;
      auto p = softmax(z);
      for (int c = 0; c < 3; ++c) {
        double grad = (p[c] - (c == e.label ? 1.0 : 0.0)) * class_weight[size_t(e.label)];
        for (auto [r, v] : active) {
          size_t k = r * 3 + c;
          double g = grad * v + o.l2 * m.w_[k];
          g2[k] += float(g * g);
          m.w_[k] -= float(o.learning_rate * g / (std::sqrt(double(g2[k])) + 1e-8));
        }
        bias_g2[c] += grad * grad;
        m.bias_[c] -= float(o.learning_rate * grad / (std::sqrt(bias_g2[c]) + 1e-8));
      }
    }
  }
  return m;
}

std::array<double, 3> LinearStanceModel::predict(const std::vector<text::Token>& tokens,
                                                 const CueFeatures& cues) const {
  std::array<double, 3> z{bias_[0], bias_[1], bias_[2]};
  thread_local std::vector<RowValue> rows;
  prefetched_text_features(tokens, fo_, buckets_, w_.data(), 3, rows);
  auto add = [&](uint32_t r, double v) {
    for (int c = 0; c < 3; ++c) z[c] += w_[size_t(r) * 3 + c] * v;
  };
  for (const auto& [r, v] : rows) add(r, v);
  cue_rows(cues, buckets_, add);  // as features() does, after the text's rows
  return softmax(z);
}

CrossValidation LinearStanceModel::cross_validate(const std::vector<StanceTrainExample>& examples,
                                                  const StanceTrainOptions& o, int folds, double cue_override,
                                                  double gate_threshold, double gate_min_prob) {
  if (folds < 2 || size_t(folds) > examples.size()) throw UsageError("cross-validation needs 2 <= folds <= examples");
  std::mt19937_64 rng(o.seed * 0x9E3779B97F4A7C15ULL + 7);
  const std::vector<int> fold_of = cv_folds(examples.size(), folds, rng);
  auto macro_f1 = [](const std::vector<std::pair<int, int>>& gold_pred) {
    double sum = 0;
    for (int c = 0; c < 3; ++c) {
      double tp = 0, fp = 0, fn = 0;
      for (auto [g, p] : gold_pred) {
        tp += g == c && p == c;
        fp += g != c && p == c;
        fn += g == c && p != c;
      }
      sum += tp > 0 ? 2 * tp / (2 * tp + fp + fn) : 0;
    }
    return sum / 3;
  };
  CrossValidation cv;
  std::vector<std::pair<int, int>> all;
  size_t pc_n = 0, pc_ok = 0;
  for (int f = 0; f < folds; ++f) {
    std::vector<StanceTrainExample> train;
    for (size_t i = 0; i < examples.size(); ++i)
      if (fold_of[i] != f) train.push_back(examples[i]);
    auto m = LinearStanceModel::train(train, o);
    std::vector<std::pair<int, int>> gp;
    for (size_t i = 0; i < examples.size(); ++i) {
      if (fold_of[i] != f) continue;
      auto p = m.predict(examples[i].tokens, examples[i].cues);
      const bool gated = gate_threshold > 0 && !passes_gate(examples[i].cues, gate_threshold);
      gp.emplace_back(examples[i].label, gated ? decide_gated(p, examples[i].cues, cue_override, gate_min_prob)
                                               : decide(p, examples[i].cues, cue_override));
      if (examples[i].label != 0) {
        ++pc_n;
        pc_ok += (p[1] >= p[2] ? 1 : 2) == examples[i].label;
      }
    }
    cv.macro_f1.push_back(macro_f1(gp));
    all.insert(all.end(), gp.begin(), gp.end());
  }
  cv.mean = std::accumulate(cv.macro_f1.begin(), cv.macro_f1.end(), 0.0) / folds;
  cv.pooled_macro_f1 = macro_f1(all);
  cv.pro_con_accuracy = pc_n ? double(pc_ok) / double(pc_n) : 0;
  return cv;
}

int LinearStanceModel::decide(const std::array<double, 3>& p, const CueFeatures& cues, double cue_override) {
  const double net = cues.reform - cues.prohibition;
  if (cue_override > 0 && net >= cue_override) return 1;
  if (cue_override > 0 && net <= -cue_override) return 2;
  return int(std::max_element(p.begin(), p.end()) - p.begin());
}

void LinearStanceModel::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error("cannot write stance model " + path);
  out << "vigie-stance-model 2\nbuckets " << buckets_ << "\nlang " << lang_ << "\n" << feature_line(fo_) << "\nbias " << bias_[0] << " " << bias_[1] << " " << bias_[2] << "\n";
  out.precision(7);
  for (size_t r = 0; r < w_.size() / 3; ++r) {
    if (w_[r * 3] == 0 && w_[r * 3 + 1] == 0 && w_[r * 3 + 2] == 0) continue;
    out << r << " " << w_[r * 3] << " " << w_[r * 3 + 1] << " " << w_[r * 3 + 2] << "\n";
  }
  if (!out) throw Error("cannot write stance model " + path);
}

LinearStanceModel LinearStanceModel::load(const std::string& path) {
  ModelFileReader in(path, "stance");
  LinearStanceModel m;
  const std::string header = in.next("header");
  int format = 0;
  if (header == "vigie-stance-model 1") {
    format = 1;  // words and bigrams, no normalisation, any language
    m.fo_ = StanceFeatureOptions{true, 0, 0, false, false, 1.0};
  } else if (header == "vigie-stance-model 2") {
    format = 2;
  } else {
    throw in.bad("not a vigie stance model");
  }
  std::string word;
  std::istringstream b(in.next("buckets"));
  if (!(b >> word >> m.buckets_) || word != "buckets" || m.buckets_ < 16 || m.buckets_ > (1u << 26))
    throw in.bad("bad buckets line");
  if (format == 2) {
    std::istringstream l(in.next("lang"));
    if (!(l >> word >> m.lang_) || word != "lang") throw in.bad("bad lang line");
    if (!parse_feature_line(in.next("features"), m.fo_)) throw in.bad("bad features line");
  }
  std::istringstream bi(in.next("bias"));
  if (!(bi >> word >> m.bias_[0] >> m.bias_[1] >> m.bias_[2]) || word != "bias") throw in.bad("bad bias line");
  const size_t rows = size_t(m.buckets_) + kDense;
  m.w_.assign(rows * 3, 0.0f);
  in.weight_rows(rows, 3, m.w_);
  return m;
}

}  // namespace vigie::topics
