// Spike detection: hand-computed scores, false-flag rate on simulated steady
// and slowly growing series, and planted surges.
#include "analytics/series/spikes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/errors.h"

namespace vigie::series {
namespace {

size_t flagged(const std::vector<SpikeResult>& r) {
  return static_cast<size_t>(std::count_if(r.begin(), r.end(), [](auto& x) { return x.spike; }));
}

// 104 weeks of Poisson counts with mean start + slope * week.
std::vector<uint64_t> simulate(uint64_t seed, double start, double slope, size_t weeks = 104) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> out;
  for (size_t w = 0; w < weeks; ++w) {
    std::poisson_distribution<uint64_t> d(start + slope * static_cast<double>(w));
    out.push_back(d(rng));
  }
  return out;
}

TEST(Spikes, HandComputedScore) {
  // Baseline {10,10,10,10}: m = 10, v = 0 -> score = (c - 10) / sqrt(11).
  std::vector<double> c{10, 10, 10, 10, 20};
  auto r = detect_spikes(c);
  EXPECT_NEAR(r[4].score, 10 / std::sqrt(11.0), 1e-12);  // 3.015 >= 3
  EXPECT_DOUBLE_EQ(r[4].baseline, 10.0);
  EXPECT_EQ(r[4].baseline_periods, 4u);
  EXPECT_TRUE(r[4].spike);
  c[4] = 19;  // 9 / sqrt(11) = 2.71 < 3
  EXPECT_FALSE(detect_spikes(c)[4].spike);
}

TEST(Spikes, VarianceOfTheBaselineWidensTheDenominator) {
  // Baseline {8, 12, 8, 12}: m = 10, v = 16/3 -> score(25) = 15 / sqrt(16/3 + 11).
  std::vector<double> c{8, 12, 8, 12, 25};
  EXPECT_NEAR(detect_spikes(c)[4].score, 15 / std::sqrt(16.0 / 3 + 11), 1e-12);
}

TEST(Spikes, StartOfSeriesIsNeverFlagged) {
  std::vector<double> c{0, 0, 0, 100, 100};
  auto r = detect_spikes(c);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_FALSE(r[i].spike) << i;
    EXPECT_EQ(r[i].score, 0.0);
  }
}

TEST(Spikes, MinimumCountAndRatio) {
  // Zero-heavy: 4 documents after nothing scores 4 / 1 = 4, but min_count is 5.
  std::vector<double> c(12, 0.0);
  c.push_back(4);
  EXPECT_FALSE(detect_spikes(c).back().spike);
  c.back() = 6;
  EXPECT_TRUE(detect_spikes(c).back().spike);
  // A huge steady series: +400 on 10000 is a high score but a ratio of 1.04.
  std::vector<double> big(12, 10000.0);
  big.push_back(10400);
  SpikeOptions o;
  auto r = detect_spikes(big, o);
  EXPECT_GT(r.back().score, o.threshold);
  EXPECT_FALSE(r.back().spike);
}

TEST(Spikes, SteadyPoissonSeriesRarelyCryWolf) {
  size_t total = 0, worst = 0;
  const size_t runs = 200;
  for (uint64_t seed = 1; seed <= runs; ++seed) {
    auto r = detect_spikes(simulate(seed, 50, 0));
    total += flagged(r);
    worst = std::max(worst, flagged(r));
  }
  EXPECT_LT(static_cast<double>(total) / runs, 0.2);
  EXPECT_LE(worst, 2u);
}

TEST(Spikes, SlowGrowthIsNotASpike) {
  // 50 -> about 150 per week over two years.
  size_t total = 0, worst = 0;
  const size_t runs = 200;
  for (uint64_t seed = 1; seed <= runs; ++seed) {
    auto r = detect_spikes(simulate(seed * 7919, 50, 1.0));
    total += flagged(r);
    worst = std::max(worst, flagged(r));
  }
  EXPECT_LT(static_cast<double>(total) / runs, 0.2);
  EXPECT_LE(worst, 2u);
}

TEST(Spikes, ZeroHeavySeriesRarelyCryWolf) {
  size_t total = 0;
  const size_t runs = 200;
  for (uint64_t seed = 1; seed <= runs; ++seed) total += flagged(detect_spikes(simulate(seed, 0.5, 0)));
  EXPECT_LT(static_cast<double>(total) / runs, 0.2);
}

TEST(Spikes, PlantedSurgeIsFlagged) {
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    auto c = simulate(seed, 50, 0);
    c[70] *= 3;
    auto r = detect_spikes(c);
    EXPECT_TRUE(r[70].spike) << "seed " << seed << " score " << r[70].score;
    EXPECT_LE(flagged(r), 3u) << "seed " << seed;
  }
}

TEST(Spikes, PlantedSurgeOnAGrowingSeries) {
  for (uint64_t seed = 1; seed <= 100; ++seed) {
    auto c = simulate(seed, 50, 1.0);
    c[90] *= 3;
    EXPECT_TRUE(detect_spikes(c)[90].spike) << "seed " << seed;
  }
}

TEST(Spikes, TwoWeekSurgeFlagsBothWeeks) {
  // The first surge week is left out of the second week's baseline.
  auto c = simulate(42, 50, 0);
  c[60] *= 3;
  c[61] *= 3;
  auto r = detect_spikes(c);
  EXPECT_TRUE(r[60].spike);
  EXPECT_TRUE(r[61].spike);
}

TEST(Spikes, InvalidOptions) {
  std::vector<double> c{1, 2, 3};
  EXPECT_THROW(detect_spikes(c, SpikeOptions{.window = 0}), UsageError);
  EXPECT_THROW(detect_spikes(c, SpikeOptions{.window = 3, .min_baseline = 4}), UsageError);
}

}  // namespace
}  // namespace vigie::series
