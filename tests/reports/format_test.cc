// Escaping and number formatting used by every renderer.
#include "reports/format.h"

#include <gtest/gtest.h>

namespace vigie::reports::fmt {
namespace {

TEST(Format, HtmlEscapesMarkupAndQuotes) {
  EXPECT_EQ(html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
  EXPECT_EQ(html("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(html("a\x01" "b"), "a b");
}

TEST(Format, InvalidUtf8IsReplaced) {
  EXPECT_EQ(valid_utf8("a\xff" "b"), "a\xef\xbf\xbd" "b");
  EXPECT_EQ(valid_utf8("\xc3"), "\xef\xbf\xbd");            // truncated sequence
  EXPECT_EQ(valid_utf8("\xed\xa0\x80"), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // surrogate
  EXPECT_EQ(valid_utf8("\xe4\xb8\xad"), "\xe4\xb8\xad");
}

TEST(Format, MarkdownEscapesTableAndEmphasis) {
  EXPECT_EQ(markdown("a|b *c* _d_ [e](f) #g\nh"), "a\\|b \\*c\\* \\_d\\_ \\[e\\](f) \\#g h");
}

TEST(Format, CsvQuotesPerRfc4180AndGuardsFormulas) {
  EXPECT_EQ(csv("plain"), "plain");
  EXPECT_EQ(csv("a,b"), "\"a,b\"");
  EXPECT_EQ(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_text("=SUM(A1)"), "'=SUM(A1)");
  EXPECT_EQ(csv_text("-1,2"), "\"'-1,2\"");
}

TEST(Format, FixedIsLocaleFreeAndNeverNegativeZero) {
  EXPECT_EQ(fixed(0.12345, 3), "0.123");
  EXPECT_EQ(fixed(-0.0001, 2), "0.00");
  EXPECT_EQ(fixed(-0.0, 1), "0.0");
  EXPECT_EQ(fixed(2.5, 0), "2");  // round half to even, as printf does
  EXPECT_EQ(signed_fixed(0.5, 2), "+0.50");
  EXPECT_EQ(signed_fixed(-0.5, 2), "-0.50");
  EXPECT_EQ(signed_fixed(0, 2), "0.00");
  EXPECT_EQ(fixed(1.0 / 0.0, 2), "");
  EXPECT_EQ(grouped(1234567), "1,234,567");
  EXPECT_EQ(grouped(999), "999");
  EXPECT_EQ(percent(0.1234), "12.3%");
}

TEST(Format, OnlyWebUrlsAreLinks) {
  EXPECT_TRUE(is_web_url("https://example.org/a"));
  EXPECT_TRUE(is_web_url("HTTP://example.org"));
  EXPECT_FALSE(is_web_url("javascript:alert(1)"));
  EXPECT_FALSE(is_web_url("data:text/html,<script>"));
  EXPECT_FALSE(is_web_url("https://"));
  EXPECT_FALSE(is_web_url("https://a b"));
  EXPECT_FALSE(is_web_url(""));
}

TEST(Format, ExcerptCutsAtWordsAndCodePoints) {
  EXPECT_EQ(excerpt("short text", 20), "short text");
  EXPECT_EQ(excerpt("  many   spaces\n\nhere ", 40), "many spaces here");
  EXPECT_EQ(excerpt("the quick brown fox jumps", 18), "the quick brown...");
  // Five CJK characters, cut to three: no broken UTF-8.
  EXPECT_EQ(excerpt("\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89\xe5\x9b\x9b\xe4\xba\x94", 3),
            "\xe4\xb8\x80\xe4\xba\x8c\xe4\xb8\x89...");
}

}  // namespace
}  // namespace vigie::reports::fmt
