// Chart ids are derived from the chart's content (FNV-1a with the legacy
// offset basis, core/hash.h kFnvLegacyOffset) so that a report's bytes are
// the same for the same data. Pinned against an independent FNV-1a (Python).
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "reports/svg.h"

namespace vigie::reports {
namespace {

TEST(ChartId, SparklineIdIsPinned) {
  const std::vector<uint64_t> counts = {3, 1, 4};
  const std::string markup = svg::sparkline(counts, "heroin");
  EXPECT_NE(markup.find("id=\"s-1c8a6c3728-t\""), std::string::npos) << markup;
}

}  // namespace
}  // namespace vigie::reports
