// Metrics on a tiny gold set whose values were computed by hand.
#include <gtest/gtest.h>

#include <cmath>

#include "analytics/metrics/metrics.h"

namespace vigie::metrics {
namespace {

// gold/predicted over classes 0 neg, 1 neu, 2 pos:
//   (0,0) (0,0) (0,1) (1,1) (1,2) (2,2) (2,2) (2,2) (2,0) (1,1)
// confusion rows gold: neg [2 1 0], neu [0 2 1], pos [1 0 3]
//   neg: P 2/3, R 2/3, F1 2/3
//   neu: P 2/3, R 2/3, F1 2/3
//   pos: P 3/4, R 3/4, F1 3/4
//   accuracy 7/10; macro-F1 (2/3+2/3+3/4)/3 = 0.69444...; F1(pos,neg) = (2/3+3/4)/2 = 0.70833...
TEST(Confusion, HandComputedThreeClass) {
  Confusion cm(3);
  int pairs[][2] = {{0, 0}, {0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}, {2, 2}, {2, 2}, {2, 0}, {1, 1}};
  for (auto& p : pairs) cm.add(p[0], p[1]);
  EXPECT_EQ(cm.total(), 10u);
  EXPECT_EQ(cm.at(0, 1), 1u);
  EXPECT_EQ(cm.at(2, 0), 1u);
  EXPECT_DOUBLE_EQ(cm.accuracy(), 0.7);
  auto neg = cm.class_scores(0);
  EXPECT_NEAR(neg.precision, 2.0 / 3, 1e-12);
  EXPECT_NEAR(neg.recall, 2.0 / 3, 1e-12);
  EXPECT_EQ(neg.support, 3u);
  auto pos = cm.class_scores(2);
  EXPECT_NEAR(pos.f1, 0.75, 1e-12);
  EXPECT_EQ(pos.predicted, 4u);
  EXPECT_NEAR(cm.macro_f1(), (2.0 / 3 + 2.0 / 3 + 0.75) / 3, 1e-12);
  EXPECT_NEAR(cm.macro_f1({0, 2}), (2.0 / 3 + 0.75) / 2, 1e-12);
}

TEST(Confusion, AbsentClassLeftOutOfMacroAverage) {
  // Binary gold, never-predicted neutral: macro over neg and pos only.
  Confusion cm(3);
  cm.add(0, 0);
  cm.add(2, 2);
  cm.add(2, 0);
  // neg: P 1/2 R 1 F1 2/3; pos: P 1 R 1/2 F1 2/3
  EXPECT_NEAR(cm.macro_f1(), 2.0 / 3, 1e-12);
  // A class predicted but absent from gold counts (F1 0).
  cm.add(0, 1);
  // neg: P 1/2 R 1/2 F1 1/2; neu: F1 0; pos: 2/3
  EXPECT_NEAR(cm.macro_f1(), (0.5 + 0 + 2.0 / 3) / 3, 1e-12);
  EXPECT_THROW(cm.add(3, 0), std::out_of_range);
}

TEST(Pearson, KnownValues) {
  EXPECT_NEAR(pearson({1, 2, 3}, {2, 4, 6}), 1.0, 1e-12);
  EXPECT_NEAR(pearson({1, 2, 3}, {3, 2, 1}), -1.0, 1e-12);
  // x = 1,2,3,4 ; y = 1,3,2,4: cov 2.5/..., r = 0.8 (sxy 4, sxx 5, syy 5)
  EXPECT_NEAR(pearson({1, 2, 3, 4}, {1, 3, 2, 4}), 0.8, 1e-12);
  EXPECT_EQ(pearson({1, 1, 1}, {1, 2, 3}), 0.0);
  EXPECT_EQ(pearson({1}, {1}), 0.0);
}

}  // namespace
}  // namespace vigie::metrics
