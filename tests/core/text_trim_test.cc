#include "core/text/trim.h"

#include <gtest/gtest.h>

namespace vigie::text {
namespace {

TEST(Trim, SpacesTabsAndCarriageReturnsByDefault) {
  EXPECT_EQ(trim(" \tcue\t0.5 \r"), "cue\t0.5");
  EXPECT_EQ(trim("word"), "word");
  EXPECT_EQ(trim(" \t\r "), "");
  EXPECT_EQ(trim(""), "");
}

TEST(Trim, OnlyTheEnds) {
  EXPECT_EQ(trim("  two words  "), "two words");
  EXPECT_EQ(trim("\nline\n"), "\nline\n");  // a newline is not in the default set
}

TEST(Trim, TheCallersSet) {
  EXPECT_EQ(trim(" \"positive\"\t", " \t\""), "positive");
  EXPECT_EQ(trim("\"\"", " \t\""), "");
  EXPECT_EQ(trim("\r x \r", " "), "\r x \r");
}

static_assert(trim("  x ") == "x");

}  // namespace
}  // namespace vigie::text
