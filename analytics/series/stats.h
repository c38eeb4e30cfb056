// Small-sample statistics for trend reports: the mean of a period's
// sentiment scores with its 95% confidence interval, sentiment label
// counts, and Wilson intervals for shares (share of voice, stance shares).
//
// Conventions (also in docs/report.md):
//  * Mean CI: mean +/- t(0.975, n-1) * s / sqrt(n), s the sample standard
//    deviation (n-1 denominator). Student's t is used for every n (exact
//    table up to 30 degrees of freedom, a Cornish-Fisher expansion above,
//    which is within 1e-6 of the exact quantile), so the interval widens
//    honestly for small periods instead of switching to the normal 1.96.
//    n = 0: no mean. n = 1: a mean and no interval.
//  * Proportion CI: Wilson score interval with z = 1.959964, which stays
//    inside [0, 1] and behaves for 0 or n successes, unlike the Wald one.
//    n = 0: no proportion.
//
// Thread safety: MeanAccumulator is a plain value (one per thread); the
// free functions are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

namespace vigie::series {

inline constexpr double kZ975 = 1.959963984540054;

// Two-sided 95% quantile of Student's t with `df` degrees of freedom
// (t such that P(|T| <= t) = 0.95). df = 0 -> infinity.
double t_quantile_975(uint64_t df);

struct MeanCi {
  uint64_t n = 0;
  std::optional<double> mean;  // absent when n = 0
  std::optional<double> lo;    // absent when n < 2
  std::optional<double> hi;
  std::optional<double> sd;    // sample standard deviation, absent when n < 2
};

// Welford's streaming mean and variance: numerically stable, one pass,
// no storage, so a period's scores never need to be kept.
class MeanAccumulator {
 public:
  void add(double x) {
    ++n_;
    const double d = x - mean_;
    mean_ += d / static_cast<double>(n_);
    m2_ += d * (x - mean_);
  }
  // Combines two accumulators (Chan et al.), for per-thread partial sums.
  void merge(const MeanAccumulator& o);
  uint64_t count() const { return n_; }
  MeanCi ci95() const;

 private:
  uint64_t n_ = 0;
  double mean_ = 0;
  double m2_ = 0;
};

MeanCi mean_ci95(std::span<const double> xs);

struct ProportionCi {
  uint64_t k = 0, n = 0;
  double p = 0, lo = 0, hi = 0;
};
// Wilson 95% interval for k successes out of n; nullopt when n = 0.
// Throws UsageError when k > n.
std::optional<ProportionCi> wilson_ci95(uint64_t k, uint64_t n);

// Sentiment of one period: scores in [-1, 1] and their labels.
struct SentimentSummary {
  MeanCi mean;
  uint64_t positive = 0, neutral = 0, negative = 0;
};

class SentimentAccumulator {
 public:
  enum class Label : uint8_t { positive, neutral, negative };
  void add(double compound, Label label) {
    acc_.add(compound);
    ++counts_[static_cast<int>(label)];
  }
  void merge(const SentimentAccumulator& o);
  SentimentSummary summary() const;

 private:
  MeanAccumulator acc_;
  uint64_t counts_[3] = {0, 0, 0};
};

}  // namespace vigie::series
