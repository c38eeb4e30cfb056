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
  // Zero-heavy: baseline {1, 0 x 11}: m = 1/12, v = 1/12; 4 documents score
  // (4 - 1/12) / sqrt(1/6 + 1) = 3.63, but min_count is 5.
  std::vector<double> c(12, 0.0);
  c[0] = 1;
  c.push_back(4);
  EXPECT_NEAR(detect_spikes(c).back().score, (4 - 1.0 / 12) / std::sqrt(1.0 / 6 + 1), 1e-9);
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

TEST(Spikes, LastingStepBecomesTheNewNormal) {
  // 20 a week, then 60 a week for good. Hand-computed: the step and the two
  // weeks after it are flagged (their baselines skip the flagged weeks); the
  // fourth week's baseline holds one 60 among eleven 20s: m = 23.33,
  // v = (11 * 3.33^2 + 36.67^2) / 11 = 133.3, score = 36.67 / 12.5 = 2.93.
  std::vector<double> c(20, 20.0);
  c.resize(40, 60.0);
  auto r = detect_spikes(c);
  EXPECT_EQ(flagged(r), 3u);
  EXPECT_TRUE(r[20].spike && r[21].spike && r[22].spike);
  EXPECT_NEAR(r[23].score, (60 - 280.0 / 12) / std::sqrt(1600.0 / 12 + 280.0 / 12 + 1), 1e-9);
  EXPECT_FALSE(r[23].spike);
  // Without the cap the step would be flagged for ever.
  SpikeOptions all;
  all.max_skipped = 1000;
  EXPECT_EQ(flagged(detect_spikes(c, all)), 20u);
}

TEST(Spikes, LeadingZerosAreNoDataByDefault) {
  // A window that starts before the data: ten empty weeks, then steady data.
  std::vector<uint64_t> c(10, 0);
  for (uint64_t x : simulate(3, 25, 0, 30)) c.push_back(x);
  auto r = detect_spikes(c);
  EXPECT_EQ(flagged(r), 0u);
  EXPECT_EQ(r[10].baseline_periods, 0u);
  EXPECT_EQ(r[14].baseline_periods, 4u);
  // Taken as real zeros, the first week of data is a surge from nothing.
  SpikeOptions zeros;
  zeros.ignore_leading_zeros = false;
  EXPECT_TRUE(detect_spikes(c, zeros)[10].spike);
}

TEST(Spikes, InvalidOptions) {
  std::vector<double> c{1, 2, 3};
  EXPECT_THROW(detect_spikes(c, SpikeOptions{.window = 0}), UsageError);
  EXPECT_THROW(detect_spikes(c, SpikeOptions{.window = 3, .min_baseline = 4}), UsageError);
}

// A topic silent for weeks in an index that has data all along: its zeros
// are a baseline, so the surge is a spike (without covered_from the leading
// zeros read as "no data yet" and the surge had no baseline).
TEST(Spikes, SurgeOutOfSilenceWhenTheDataCoversTheBaseline) {
  const std::vector<uint64_t> counts = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 14};
  EXPECT_FALSE(detect_spikes(std::span<const uint64_t>(counts)).back().spike);
  SpikeOptions o;
  o.covered_from = 0;
  const auto r = detect_spikes(std::span<const uint64_t>(counts), o);
  EXPECT_TRUE(r.back().spike);
  EXPECT_EQ(r.back().baseline_periods, 11u);
  EXPECT_FALSE(r[10].spike) << "4 documents is below min_count";
  // 0-1 documents a week, then 14.
  const std::vector<uint64_t> sparse = {0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 14};
  EXPECT_TRUE(detect_spikes(std::span<const uint64_t>(sparse), o).back().spike);
  // Before covered_from the zeros are still "no data yet".
  o.covered_from = 9;
  EXPECT_FALSE(detect_spikes(std::span<const uint64_t>(counts), o).back().spike);
}

}  // namespace
}  // namespace vigie::series
