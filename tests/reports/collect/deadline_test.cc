// Collecting a report's matches stops with TimeLimitError when its thread's
// deadline has passed, on both paths (the match spy over local shards and
// the MSet read for remote ones), and runs to the end without a deadline.
#include <gtest/gtest.h>

#include <chrono>

#include "query/deadline.h"
#include "query/index.h"
#include "reports/collect.h"
#include "tests/reports/collect/fixture.h"

namespace vigie::reports {
namespace {

using namespace test;

class CollectDeadline : public ::testing::TestWithParam<bool> {  // param: force the MSet (remote) path
 protected:
  void SetUp() override { index_ = std::make_unique<query::Index>(query::Index::from_database(memory_index(), "memory")); }
  Facts run() {
    CollectOptions o;
    o.force_mset = GetParam();
    return collect(*index_, Xapian::Query::MatchAll, o);
  }
  std::unique_ptr<query::Index> index_;
};

TEST_P(CollectDeadline, PassedDeadlineStops) {
  query::ScopedDeadline scope(query::ScopedDeadline::Clock::now() - std::chrono::seconds(1));
  EXPECT_THROW(run(), query::TimeLimitError);
}

TEST_P(CollectDeadline, NoDeadlineCollectsEveryMatch) {
  EXPECT_EQ(run().docs.size(), specs().size());
}

INSTANTIATE_TEST_SUITE_P(Paths, CollectDeadline, ::testing::Values(false, true));

}  // namespace
}  // namespace vigie::reports
