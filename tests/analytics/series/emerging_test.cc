// Emerging terms: G2 against an independent computation of the 2x2 table,
// filtering and deterministic order.
#include "analytics/series/emerging.h"

#include <gtest/gtest.h>

#include <vector>

#include "core/errors.h"

namespace vigie::series {
namespace {

TEST(G2, HandComputedTable) {
  // a=10 b=5 c=100 d=200: E = {5, 10, 95, 190};
  // G2 = 2 (10 ln 2 + 5 ln 0.5 + 90 ln(90/95) + 195 ln(195/190)) = 7.32981.
  EXPECT_NEAR(log_likelihood_g2(10, 5, 100, 200), 7.329811674, 1e-8);
  // A term seen 20 times in 1000 tokens and never in 1000: 27.92791.
  EXPECT_NEAR(log_likelihood_g2(20, 0, 1000, 1000), 27.92791086, 1e-7);
  // Same rate in both: no evidence.
  EXPECT_NEAR(log_likelihood_g2(10, 20, 100, 200), 0.0, 1e-12);
  EXPECT_EQ(log_likelihood_g2(0, 0, 0, 0), 0.0);
  EXPECT_THROW(log_likelihood_g2(5, 0, 4, 10), UsageError);
}

TEST(Emerging, OnlyOverRepresentedFrequentTermsInOrder) {
  std::vector<TermCount> period{{"fentanyl", 20}, {"the", 50}, {"rare", 2},
                                {"decline", 5},   {"bbb", 20}, {"aaa", 20}};
  std::vector<TermCount> baseline{{"the", 500}, {"decline", 200}, {"fentanyl", 0}};
  EmergingOptions o;
  o.min_count = 5;
  o.min_g2 = 3.84;
  auto out = emerging_terms(period, 1000, baseline, 10000, o);
  // "the": 50/1000 = 500/10000, not over-represented; "decline" is under;
  // "rare" is below min_count. The three 20-count terms tie: bytewise order.
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0].term, "aaa");
  EXPECT_EQ(out[1].term, "bbb");
  EXPECT_EQ(out[2].term, "fentanyl");
  EXPECT_NEAR(out[0].g2, log_likelihood_g2(20, 0, 1000, 10000), 1e-12);
  EXPECT_EQ(out[2].baseline_count, 0u);
  o.limit = 1;
  EXPECT_EQ(emerging_terms(period, 1000, baseline, 10000, o).size(), 1u);
}

TEST(Emerging, SortsByStatistic) {
  std::vector<TermCount> period{{"x", 10}, {"y", 40}};
  std::vector<TermCount> baseline{{"x", 1}, {"y", 1}};
  auto out = emerging_terms(period, 1000, baseline, 1000, {.min_count = 1, .min_g2 = 0});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].term, "y");
  EXPECT_GT(out[0].g2, out[1].g2);
}

TEST(Emerging, NoBaselineNoTerms) {
  std::vector<TermCount> period{{"x", 100}};
  EXPECT_TRUE(emerging_terms(period, 100, {}, 0).empty());
  EXPECT_TRUE(emerging_terms({}, 0, period, 100).empty());
}

}  // namespace
}  // namespace vigie::series
