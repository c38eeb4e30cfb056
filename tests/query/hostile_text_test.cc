// Untrusted text on its way to a terminal, a spreadsheet or a web page, and
// parameters that would make a query unbounded: snippets escape HTML whenever
// they carry markers, listings and CSV never pass control characters through,
// numeric options and query parameters keep to their documented ranges, and a
// query cannot hold more terms than the limit.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/errors.h"
#include "core/text/normalize.h"
#include "query/format.h"
#include "query/limits.h"
#include "query/query_builder.h"
#include "query/snippet.h"
#include "tests/query/fixture.h"

namespace vigie::test {
namespace {

Xapian::Query parse(const std::string& q) {
  query::QueryBuilder b;
  return b.build(q, "en", {});
}

TEST(Snippet, TextIsHtmlEscapedWheneverMarkersAreAdded) {
  query::Highlighter h(parse("cannabis"));
  query::SnippetOptions o;
  const std::string text = "<script>alert('x')</script> & \"cannabis\" <img src=x onerror=y>";
  const std::string s = h.snippet(text, "en", o);
  EXPECT_EQ(s.find("<script"), std::string::npos) << s;
  EXPECT_EQ(s.find("<img"), std::string::npos) << s;
  EXPECT_NE(s.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;<b>cannabis</b>&quot;"),
            std::string::npos)
      << s;
  // Without markers the snippet is plain text, not escaped.
  o.start.clear();
  o.end.clear();
  EXPECT_EQ(h.snippet(text, "en", o), text);
}

TEST(Snippet, ControlCharactersNeverReachTheSnippet) {
  query::Highlighter h(parse("cannabis"));
  const std::string s = h.snippet("cannabis\x1b]0;owned\x07 now\x1b[2J\x00 done", "en", {});
  for (char c : s) EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 || c == 0x7F) << int(c) << " in " << s;
  EXPECT_NE(s.find("<b>cannabis</b>"), std::string::npos);
}

TEST(Snippet, WordsInsideCjkHashtagsAreHighlighted) {
  query::QueryBuilder b;
  query::Highlighter h(b.build("大麻", "zh", {}));
  EXPECT_EQ(h.snippet("支持 #大麻合法化# 的人", "zh", {}), "支持 <b>#大麻合法化</b># 的人");
}

TEST(Printable, EscapesControlsKeepsText) {
  EXPECT_EQ(text::printable("a\x1b[2Jb\x07\x7f", false), "a\\x1b[2Jb\\x07\\x7f");
  EXPECT_EQ(text::printable(std::string("nul\0x", 5), false), "nul\\x00x");
  EXPECT_EQ(text::printable("csi \xC2\x9B" "31m", false), "csi \\x9b31m");  // C1 CSI
  EXPECT_EQ(text::printable("bad \xFF byte", false), "bad \\xff byte");
  EXPECT_EQ(text::printable("line\nbreak\ttab", false), "line break tab");
  EXPECT_EQ(text::printable("line\nbreak\ttab", true), "line\nbreak\ttab");
  EXPECT_EQ(text::printable("réduction 大麻 🌿 \xEF\xBF\xBD", false), "réduction 大麻 🌿 \xEF\xBF\xBD");
}

query::SearchResults hostile_results() {
  query::SearchResults r;
  r.count = 1;
  query::Hit h;
  h.rank = 1;
  h.id = "1";
  h.date = "2019-03-11T10:00:00Z";
  h.lang = "en";
  h.kind = "tweet";
  h.author = "evil\x1b]0;pwned\x07";
  h.source = "src\x1b[2J";
  h.title = "title\x1b[31m red";
  h.url = "https://x.org/\x1b[5m";
  h.snippet = "a <b>cannabis</b> \x1b[2J &lt;b&gt; ok";
  r.hits.push_back(h);
  r.facets.push_back({"author", {{h.author, 1}}});
  return r;
}

bool has_raw_control(const std::string& s, bool allow_layout) {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (allow_layout && (c == '\r' || c == '\n')) continue;
    if (c == '\n') continue;  // the listing's own lines
    if (b < 0x20 || b == 0x7F) return true;
  }
  return false;
}

TEST(TableOutput, NoControlCharacterFromAFeedReachesTheTerminal) {
  std::string out;
  query::TableOptions t;
  query::append_results_table(out, hostile_results(), t);
  EXPECT_FALSE(has_raw_control(out, false)) << out;
  EXPECT_NE(out.find("evil\\x1b]0;pwned\\x07"), std::string::npos) << out;
  // Markers become '*' and the escaped '<b>' of the text is shown as typed.
  EXPECT_NE(out.find("a *cannabis* \\x1b[2J <b> ok"), std::string::npos) << out;
  // On a terminal, bold is the only escape sequence in the listing.
  out.clear();
  t.bold = true;
  query::append_results_table(out, hostile_results(), t);
  std::string without_bold = out;
  for (const char* seq : {"\x1b[1m", "\x1b[0m"})
    for (size_t p; (p = without_bold.find(seq)) != std::string::npos;) without_bold.erase(p, 4);
  EXPECT_FALSE(has_raw_control(without_bold, false)) << out;
}

TEST(CsvOutput, NoControlCharacterFromAFeedReachesTheFile) {
  std::string out;
  query::append_results_csv(out, hostile_results());
  EXPECT_FALSE(has_raw_control(out, true)) << out;
  EXPECT_NE(out.find("evil\\x1b]0;pwned\\x07"), std::string::npos) << out;
  EXPECT_EQ(query::csv_field("a\nb"), "\"a\nb\"");  // layout inside quotes is kept
}

TEST(Limits, NumericParametersKeepToTheirRanges) {
  EXPECT_EQ(query::check_integer("limit", 0), 0);
  EXPECT_EQ(query::check_integer("limit", 100'000'000), 100'000'000);
  EXPECT_THROW(query::check_integer("limit", -1), UsageError);
  EXPECT_THROW(query::check_integer("offset", -1), UsageError);
  EXPECT_THROW(query::check_integer("snippet-length", -5), UsageError);
  EXPECT_THROW(query::check_integer("snippet-length", 0), UsageError);
  EXPECT_THROW(query::check_integer("remote-timeout", 0), UsageError);
  EXPECT_THROW(query::check_integer("weeks", 105), UsageError);
  EXPECT_THROW(query::check_integer("examples", 4), UsageError);
  EXPECT_THROW(query::check_number("spike-threshold", std::nan("")), UsageError);
  EXPECT_THROW(query::check_number("spike-ratio", -1), UsageError);
  EXPECT_THROW(query::check_number("emerging-min-g2", std::numeric_limits<double>::infinity()), UsageError);
  EXPECT_THROW(query::check_number("spike-window", 2.5), UsageError);
  try {
    query::check_integer("limit", -1);
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()).find("--limit: -1 is outside 0..100000000"), 0u) << e.what();
  }
  for (const auto& p : query::numeric_params()) {
    EXPECT_LE(p.min, p.max) << p.name;
    EXPECT_FALSE(p.help.empty()) << p.name;
  }
}

TEST(Limits, SearchRefusesOptionsOutsideTheirRanges) {
  query::Index index = query::Index::from_database(memory_index(), "memory");
  query::SearchOptions o;
  o.limit = static_cast<uint32_t>(-1);  // what "-1" becomes in an unsigned field
  EXPECT_THROW(query::search(index, o), UsageError);
  o = {};
  o.offset = static_cast<uint32_t>(-1);
  EXPECT_THROW(query::search(index, o), UsageError);
  o = {};
  o.snippet.max_bytes = static_cast<size_t>(-5);
  EXPECT_THROW(query::search(index, o), UsageError);
  o = {};
  EXPECT_NO_THROW(query::search(index, o));
}

TEST(Limits, QueryParametersKeepToTheirRanges) {
  for (const char* q : {"cannabis NEAR/-1 debate", "cannabis NEAR/0 debate", "cannabis ADJ/x debate",
                        "cannabis NEAR/99999999999 debate", "cannabis NEAR/1001 debate", "sentiment:nan..1",
                        "sentiment:-1..nan", "sentiment:inf..1"})
    EXPECT_THROW(parse(q), UsageError) << q;
  EXPECT_NO_THROW(parse("cannabis NEAR/1000 debate"));
  EXPECT_NO_THROW(parse("sentiment:-1..1"));
}

std::string or_query(size_t n) {
  std::string q;
  for (size_t i = 0; i < n; ++i) q += (i ? " OR w" : "w") + std::to_string(i);
  return q;
}

TEST(Limits, AQueryHoldsAtMostTheTermLimit) {
  EXPECT_NO_THROW(parse(or_query(query::kMaxQueryTerms)));
  try {
    parse(or_query(10'000));
    ADD_FAILURE() << "10000 terms accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("more than 1000 terms"), std::string::npos) << e.what();
  }
  // Words of phrases count too.
  std::string phrase = "\"";
  for (size_t i = 0; i <= query::kMaxQueryTerms; ++i) phrase += "w" + std::to_string(i) + " ";
  EXPECT_THROW(parse(phrase + "\""), UsageError);
}

}  // namespace
}  // namespace vigie::test
