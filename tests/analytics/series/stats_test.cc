// Confidence intervals with hand-computed answers.
#include "analytics/series/stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "core/errors.h"

namespace vigie::series {
namespace {

TEST(MeanCi, SmallSampleUsesStudentT) {
  // 1..5: mean 3, s^2 = 10/4 = 2.5, se = sqrt(2.5/5) = 0.70711,
  // t(0.975, 4) = 2.776 from a printed table -> half width 1.9632.
  std::vector<double> xs{1, 2, 3, 4, 5};
  MeanCi ci = mean_ci95(xs);
  EXPECT_EQ(ci.n, 5u);
  ASSERT_TRUE(ci.mean && ci.lo && ci.hi && ci.sd);
  EXPECT_DOUBLE_EQ(*ci.mean, 3.0);
  EXPECT_NEAR(*ci.sd, 1.58114, 1e-5);
  EXPECT_NEAR(*ci.lo, 3 - 1.9632, 1e-3);
  EXPECT_NEAR(*ci.hi, 3 + 1.9632, 1e-3);
}

TEST(MeanCi, TwoValues) {
  // {-0.5, 0.5}: mean 0, s = 0.70711, se = 0.5, t(1) = 12.706 -> +/- 6.353.
  std::vector<double> xs{-0.5, 0.5};
  MeanCi ci = mean_ci95(xs);
  ASSERT_TRUE(ci.lo && ci.hi);
  EXPECT_NEAR(*ci.mean, 0.0, 1e-12);
  EXPECT_NEAR(*ci.hi, 6.353, 1e-3);
  EXPECT_NEAR(*ci.lo, -6.353, 1e-3);
}

TEST(MeanCi, EmptyAndSingle) {
  MeanCi none = mean_ci95({});
  EXPECT_EQ(none.n, 0u);
  EXPECT_FALSE(none.mean);
  EXPECT_FALSE(none.lo);
  std::vector<double> one{0.4};
  MeanCi single = mean_ci95(one);
  ASSERT_TRUE(single.mean);
  EXPECT_DOUBLE_EQ(*single.mean, 0.4);
  EXPECT_FALSE(single.lo);
  EXPECT_FALSE(single.hi);
}

TEST(MeanCi, ConstantSampleHasZeroWidth) {
  std::vector<double> xs(7, 0.25);
  MeanCi ci = mean_ci95(xs);
  ASSERT_TRUE(ci.lo);
  EXPECT_NEAR(*ci.lo, 0.25, 1e-12);
  EXPECT_NEAR(*ci.hi, 0.25, 1e-12);
}

TEST(MeanCi, MergeEqualsOnePass) {
  std::vector<double> xs{0.1, -0.3, 0.7, 0.2, -0.9, 0.5, 0.0, 0.33};
  MeanAccumulator a, b, all;
  for (size_t i = 0; i < xs.size(); ++i) {
    (i < 3 ? a : b).add(xs[i]);
    all.add(xs[i]);
  }
  a.merge(b);
  MeanCi x = a.ci95(), y = all.ci95();
  EXPECT_EQ(x.n, y.n);
  EXPECT_NEAR(*x.mean, *y.mean, 1e-12);
  EXPECT_NEAR(*x.lo, *y.lo, 1e-12);
  MeanAccumulator empty;
  empty.merge(all);
  EXPECT_NEAR(*empty.ci95().hi, *y.hi, 1e-12);
}

struct TCase {
  uint64_t df;
  double t;  // printed t tables, 3 decimals
};
class TQuantile : public ::testing::TestWithParam<TCase> {};
TEST_P(TQuantile, MatchesTables) {
  EXPECT_NEAR(t_quantile_975(GetParam().df), GetParam().t, 6e-4);
}
INSTANTIATE_TEST_SUITE_P(Table, TQuantile,
                         ::testing::Values(TCase{1, 12.706}, TCase{2, 4.303}, TCase{10, 2.228},
                                           TCase{30, 2.042}, TCase{31, 2.040}, TCase{40, 2.021},
                                           TCase{60, 2.000}, TCase{120, 1.980},
                                           TCase{1000000, 1.960}));

TEST(TQuantile, DecreasesWithDegreesOfFreedom) {
  for (uint64_t df = 1; df < 400; ++df) EXPECT_GT(t_quantile_975(df), t_quantile_975(df + 1)) << df;
  EXPECT_TRUE(std::isinf(t_quantile_975(0)));
}

TEST(Wilson, HandComputed) {
  // 8/10: centre = (0.8 + 1.9208/10) / 1.38415 = 0.71674,
  // half = 1.96 * sqrt(0.016 + 0.0096037) / 1.38415 = 0.22658.
  auto w = wilson_ci95(8, 10);
  ASSERT_TRUE(w);
  EXPECT_DOUBLE_EQ(w->p, 0.8);
  EXPECT_NEAR(w->lo, 0.4902, 1e-4);
  EXPECT_NEAR(w->hi, 0.9433, 1e-4);
}

TEST(Wilson, Extremes) {
  // 0/10: upper = z^2/n / (1 + z^2/n) = 0.38415 / 1.38415 = 0.27753.
  auto zero = wilson_ci95(0, 10);
  ASSERT_TRUE(zero);
  EXPECT_EQ(zero->lo, 0.0);
  EXPECT_NEAR(zero->hi, 0.27753, 1e-5);
  auto all = wilson_ci95(10, 10);
  EXPECT_EQ(all->hi, 1.0);
  EXPECT_NEAR(all->lo, 1 - 0.27753, 1e-5);
  EXPECT_FALSE(wilson_ci95(0, 0));
  EXPECT_THROW(wilson_ci95(3, 2), UsageError);
}

TEST(Sentiment, CountsLabelsAndMeans) {
  SentimentAccumulator acc;
  using L = SentimentAccumulator::Label;
  acc.add(0.5, L::positive);
  acc.add(0.0, L::neutral);
  acc.add(-0.8, L::negative);
  acc.add(0.6, L::positive);
  SentimentSummary s = acc.summary();
  EXPECT_EQ(s.positive, 2u);
  EXPECT_EQ(s.neutral, 1u);
  EXPECT_EQ(s.negative, 1u);
  EXPECT_NEAR(*s.mean.mean, 0.075, 1e-12);
}

}  // namespace
}  // namespace vigie::series
