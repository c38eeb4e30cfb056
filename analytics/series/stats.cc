#include "analytics/series/stats.h"

#include <array>
#include <cmath>
#include <limits>

#include "core/errors.h"

namespace vigie::series {

double t_quantile_975(uint64_t df) {
  // t(0.975, df) for df = 1..30 (standard tables, 9 significant digits).
  static constexpr std::array<double, 31> kTable{
      0,           12.70620474, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851,
      2.364624252, 2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830, 2.160368656,
      2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040, 2.093024054, 2.085963447,
      2.079613845, 2.073873068, 2.068657610, 2.063898562, 2.059538553, 2.055529439, 2.051830516,
      2.048407142, 2.045229642, 2.042272456};
  if (df == 0) return std::numeric_limits<double>::infinity();
  if (df < kTable.size()) return kTable[df];
  // Cornish-Fisher expansion of t in powers of 1/df (Abramowitz & Stegun
  // 26.7.5); the fourth-order term keeps the error below 1e-6 for df > 30.
  const double z = kZ975, v = static_cast<double>(df);
  const double z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
  const double g1 = (z3 + z) / 4;
  const double g2 = (5 * z5 + 16 * z3 + 3 * z) / 96;
  const double g3 = (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / 384;
  const double g4 = (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / 92160;
  return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

void MeanAccumulator::merge(const MeanAccumulator& o) {
  if (o.n_ == 0) return;
  if (n_ == 0) {
    *this = o;
    return;
  }
  const double n = static_cast<double>(n_ + o.n_);
  const double d = o.mean_ - mean_;
  mean_ += d * static_cast<double>(o.n_) / n;
  m2_ += o.m2_ + d * d * static_cast<double>(n_) * static_cast<double>(o.n_) / n;
  n_ += o.n_;
}

MeanCi MeanAccumulator::ci95() const {
  MeanCi out;
  out.n = n_;
  if (n_ == 0) return out;
  out.mean = mean_;
  if (n_ < 2) return out;
  const double sd = std::sqrt(std::max(0.0, m2_ / static_cast<double>(n_ - 1)));
  const double half = t_quantile_975(n_ - 1) * sd / std::sqrt(static_cast<double>(n_));
  out.sd = sd;
  out.lo = mean_ - half;
  out.hi = mean_ + half;
  return out;
}

MeanCi mean_ci95(std::span<const double> xs) {
  MeanAccumulator acc;
  for (double x : xs) acc.add(x);
  return acc.ci95();
}

std::optional<ProportionCi> wilson_ci95(uint64_t k, uint64_t n) {
  if (k > n) throw UsageError("wilson_ci95: successes exceed trials");
  if (n == 0) return std::nullopt;
  const double z = kZ975, z2 = z * z;
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(k) / nn;
  const double denom = 1 + z2 / nn;
  const double centre = (p + z2 / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
  ProportionCi out{k, n, p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
  // Exact ends: rounding must not exclude the observed extreme.
  if (k == 0) out.lo = 0;
  if (k == n) out.hi = 1;
  return out;
}

void SentimentAccumulator::merge(const SentimentAccumulator& o) {
  acc_.merge(o.acc_);
  for (int i = 0; i < 3; ++i) counts_[i] += o.counts_[i];
}

SentimentSummary SentimentAccumulator::summary() const {
  return SentimentSummary{acc_.ci95(), counts_[0], counts_[1], counts_[2]};
}

}  // namespace vigie::series
