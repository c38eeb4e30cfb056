// Display width: CJK wide, combining marks zero, Arabic and Cyrillic one
// column per letter.
#include <gtest/gtest.h>

#include "core/text/width.h"

namespace vigie::text {
namespace {

TEST(DisplayWidth, CountsTerminalColumns) {
  EXPECT_EQ(display_width(""), 0u);
  EXPECT_EQ(display_width("cannabis"), 8u);
  EXPECT_EQ(display_width("大麻合法化"), 10u);       // wide
  EXPECT_EQ(display_width("ＡＢ"), 4u);              // fullwidth
  EXPECT_EQ(display_width("наркотики"), 9u);
  EXPECT_EQ(display_width("المخدرات"), 8u);         // right to left, one column a letter
  EXPECT_EQ(display_width("e\xCC\x81te\xCC\x81"), 3u);  // e + combining acute: one column
  EXPECT_EQ(display_width("a\xFF" "b"), 3u);           // an invalid byte takes a column
}

TEST(DisplayWidth, PadsByColumnsNotBytes) {
  EXPECT_EQ(pad_to_width("大麻", 6), "大麻  ");
  EXPECT_EQ(pad_to_width("drug", 6), "drug  ");
  EXPECT_EQ(pad_left_to_width("大麻", 6), "  大麻");
  EXPECT_EQ(pad_to_width("大麻合法化", 4), "大麻合法化");
  EXPECT_EQ(display_width(pad_to_width("réduction", 12)), 12u);
}

}  // namespace
}  // namespace vigie::text
