// Model files' weight lines: parse_weight_row reads exactly "ROW V1 .. Vn".
#include <gtest/gtest.h>

#include <cmath>

#include "analytics/topics/linear_features.h"

namespace vigie::topics {
namespace {

TEST(ParseWeightRow, ReadsRowAndValues) {
  uint64_t row = 0;
  float v[3] = {0, 0, 0};
  ASSERT_TRUE(parse_weight_row("38 -0.3245801 0.06953825 8.5e-02", row, v, 3));
  EXPECT_EQ(row, 38u);
  EXPECT_FLOAT_EQ(v[0], -0.3245801f);
  EXPECT_FLOAT_EQ(v[1], 0.06953825f);
  EXPECT_FLOAT_EQ(v[2], 0.085f);
  ASSERT_TRUE(parse_weight_row("  7\t1 2 3 \r", row, v, 3));  // tabs, CRLF files
  EXPECT_EQ(row, 7u);
  EXPECT_FLOAT_EQ(v[2], 3.0f);
}

TEST(ParseWeightRow, RejectsMalformedLines) {
  uint64_t row = 0;
  float v[3];
  for (const char* bad : {"", "x 1 2 3", "1 2 3", "1 2 3 4 5", "1 2 3 x", "-1 2 3 4", "1 2,5 3 4", "12 3 4",
                          "1 nan 2 3", "1 inf 2 3", "1 1e99 2 3"})
    EXPECT_FALSE(parse_weight_row(bad, row, v, 3)) << '"' << bad << '"';
  EXPECT_FALSE(parse_weight_row("3 0.5x", row, v, 1));
  EXPECT_TRUE(parse_weight_row("3 0.5", row, v, 1));
}

}  // namespace
}  // namespace vigie::topics
