#include "analytics/topics/stance_model.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

#include "core/errors.h"

namespace vigie::topics {

namespace {

constexpr uint32_t kDense = 4;  // reform evidence, prohibition evidence, on_topic, net evidence

uint64_t fnv(std::string_view s, uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool word_like(const text::Token& t) {
  return t.kind == text::TokenKind::word || t.kind == text::TokenKind::number ||
         t.kind == text::TokenKind::hashtag;
}

std::array<double, 3> softmax(std::array<double, 3> z) {
  double m = std::max({z[0], z[1], z[2]});
  double s = 0;
  for (double& v : z) s += (v = std::exp(v - m));
  for (double& v : z) v /= s;
  return z;
}

}  // namespace

// Calls f(row, value) for each active feature: hashed unigrams and bigrams
// (binary), then the dense cue features in rows buckets_..buckets_+3.
template <class F>
void LinearStanceModel::features(const std::vector<text::Token>& tokens, const CueFeatures& cues, F&& f) const {
  uint64_t prev = 0;
  bool have_prev = false;
  for (const auto& t : tokens) {
    if (!word_like(t)) continue;
    uint64_t h = fnv(t.norm);
    f(uint32_t(h % buckets_), 1.0);
    if (have_prev) f(uint32_t((prev * 0x9E3779B97F4A7C15ULL ^ h) % buckets_), 1.0);
    prev = h;
    have_prev = true;
  }
  f(buckets_ + 0, cues.reform);
  f(buckets_ + 1, cues.prohibition);
  f(buckets_ + 2, cues.on_topic ? 1.0 : 0.0);
  f(buckets_ + 3, cues.reform - cues.prohibition);
}

LinearStanceModel LinearStanceModel::train(const std::vector<StanceTrainExample>& examples,
                                           const StanceTrainOptions& o) {
  if (examples.empty()) throw UsageError("no training examples for the stance model");
  if (o.buckets < 16) throw UsageError("stance model: buckets must be at least 16");
  LinearStanceModel m;
  m.buckets_ = o.buckets;
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
  features(tokens, cues, [&](uint32_t r, double v) {
    for (int c = 0; c < 3; ++c) z[c] += w_[size_t(r) * 3 + c] * v;
  });
  return softmax(z);
}

void LinearStanceModel::save(const std::string& path) const {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw Error("cannot write stance model " + path);
  out << "vigie-stance-model 1\nbuckets " << buckets_ << "\nbias " << bias_[0] << " " << bias_[1] << " " << bias_[2]
      << "\n";
  out.precision(7);
  for (size_t r = 0; r < w_.size() / 3; ++r) {
    if (w_[r * 3] == 0 && w_[r * 3 + 1] == 0 && w_[r * 3 + 2] == 0) continue;
    out << r << " " << w_[r * 3] << " " << w_[r * 3 + 1] << " " << w_[r * 3 + 2] << "\n";
  }
  if (!out) throw Error("cannot write stance model " + path);
}

LinearStanceModel LinearStanceModel::load(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw UsageError("stance model not found: " + path);
  std::ifstream in(path);
  std::string line;
  LinearStanceModel m;
  auto bad = [&](int n, const std::string& why) { return Error(path + ":" + std::to_string(n) + ": " + why); };
  if (!std::getline(in, line) || line != "vigie-stance-model 1") throw bad(1, "not a vigie stance model");
  std::string word;
  if (!std::getline(in, line)) throw bad(2, "missing buckets");
  std::istringstream b(line);
  if (!(b >> word >> m.buckets_) || word != "buckets" || m.buckets_ < 16 || m.buckets_ > (1u << 26))
    throw bad(2, "bad buckets line");
  if (!std::getline(in, line)) throw bad(3, "missing bias");
  std::istringstream bi(line);
  if (!(bi >> word >> m.bias_[0] >> m.bias_[1] >> m.bias_[2]) || word != "bias") throw bad(3, "bad bias line");
  const size_t rows = size_t(m.buckets_) + kDense;
  m.w_.assign(rows * 3, 0.0f);
  int n = 3;
  while (std::getline(in, line)) {
    ++n;
    std::istringstream ls(line);
    size_t r;
    float a, c, d;
    if (!(ls >> r >> a >> c >> d) || r >= rows) throw bad(n, "bad weight line");
    m.w_[r * 3] = a;
    m.w_[r * 3 + 1] = c;
    m.w_[r * 3 + 2] = d;
  }
  return m;
}

}  // namespace vigie::topics
