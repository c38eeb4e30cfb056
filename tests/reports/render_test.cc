// Renderers: HTML structure and safety, JSON layout and validity, CSV shape,
// Markdown, empty week, determinism, writing the files.
#include "reports/render.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include <simdjson.h>
#include <unistd.h>

#include "core/errors.h"

#include "reports/briefing.h"
#include "reports/svg.h"
#include "tests/reports/sample.h"

namespace vigie::reports {
namespace {

using testing::sample_briefing;

size_t count_of(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

simdjson::dom::element parse_json(simdjson::dom::parser& parser, const std::string& text) {
  simdjson::dom::element root;
  auto err = parser.parse(text).get(root);
  EXPECT_FALSE(err) << simdjson::error_message(err);
  return root;
}

// A CSV parser (RFC 4180) for checking table shapes, independent of the writer.
std::vector<std::vector<std::string>> parse_csv(const std::string& s) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false, row_started = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
      row_started = true;
    } else if (c == ',') {
      rows.back().push_back(cell);
      cell.clear();
      row_started = true;
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      rows.back().push_back(cell);
      cell.clear();
      rows.emplace_back();
      row_started = false;
      ++i;
    } else {
      cell += c;
      row_started = true;
    }
  }
  EXPECT_FALSE(quoted) << "unterminated quote";
  if (row_started) rows.back().push_back(cell);
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

TEST(Html, HasChartsSparklinesBarsAndAccessibleTitles) {
  const BriefingData d = sample_briefing();
  const std::string h = render_html(d);
  // One volume chart for the headline and one per topic, each in a wide and
  // a compact (phone) variant.
  EXPECT_EQ(count_of(h, "<svg class=\"chart wide\""), 1 + d.topics.size());
  EXPECT_EQ(count_of(h, "<svg class=\"chart compact\""), 1 + d.topics.size());
  // Sparklines: one per topic row, language row and kind row.
  EXPECT_EQ(count_of(h, "<svg class=\"spark\""), d.topics.size() + d.languages.size() + d.kinds.size());
  EXPECT_EQ(count_of(h, "<svg class=\"bars\""), 1u);
  // Every SVG is an image with a title and a description.
  const size_t svgs = count_of(h, "<svg ");
  EXPECT_EQ(count_of(h, "role=\"img\""), svgs);
  EXPECT_EQ(count_of(h, "<desc id="), svgs);
  // The CI band and the sentiment line exist.
  EXPECT_GT(count_of(h, "<polygon points="), 0u);
  EXPECT_GT(count_of(h, "<polyline points="), 0u);
  EXPECT_NE(h.find("viewBox=\"0 0 640"), std::string::npos);
  EXPECT_NE(h.find("viewBox=\"0 0 360"), std::string::npos);
  // SVG element ids are unique in the page.
  std::regex id_re("id=\"([^\"]+)\"");
  std::set<std::string> ids;
  for (auto it = std::sregex_iterator(h.begin(), h.end(), id_re); it != std::sregex_iterator(); ++it)
    EXPECT_TRUE(ids.insert((*it)[1].str()).second) << "duplicate id " << (*it)[1].str();
  EXPECT_NE(h.find("<meta name=\"viewport\""), std::string::npos);
  EXPECT_NE(h.find("@media print"), std::string::npos);
  EXPECT_NE(h.find("max-width:960px"), std::string::npos);
}

TEST(Html, IsSelfContainedAndEscapesDocuments) {
  const std::string h = render_html(sample_briefing());
  EXPECT_EQ(h.find("<script"), std::string::npos);
  EXPECT_NE(h.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(h.find("Opioids &amp; fentanyl &lt;crisis&gt;"), std::string::npos);
  EXPECT_EQ(h.find("javascript:"), std::string::npos) << "a javascript: URL became a link";
  EXPECT_EQ(h.find("<link"), std::string::npos);
  EXPECT_EQ(h.find("@import"), std::string::npos);
  EXPECT_EQ(h.find("url("), std::string::npos);
  EXPECT_EQ(h.find("<img"), std::string::npos);
  // The only URLs are the example documents' own links.
  std::regex url_re("https?://[^\"<> ]+");
  std::set<std::string> allowed{"https://twitter.com/i/web/status/1105000000000000000?a=1&amp;b=2",
                                "https://www.reddit.com/r/opiates/comments/b1x/",
                                "https://example.org/zh?id=1"};
  for (auto it = std::sregex_iterator(h.begin(), h.end(), url_re); it != std::sregex_iterator(); ++it)
    EXPECT_TRUE(allowed.count(it->str())) << "unexpected URL " << it->str();
  EXPECT_EQ(count_of(h, "<a href=\"http"), 3u);
  // Invalid UTF-8 in a document became U+FFFD.
  EXPECT_NE(h.find("bad\xef\xbf\xbd byte"), std::string::npos);
}

TEST(Html, SpikesAreMarked) {
  const BriefingData d = sample_briefing();
  ASSERT_TRUE(d.topics[0].spike) << "the sample's planted surge must be a spike";
  ASSERT_FALSE(d.topics[1].spike);
  const std::string h = render_html(d);
  EXPECT_NE(h.find("fill=\"#e45756\" fill-opacity=\"0.85\"><title>2019-W11: 160 documents, spike"),
            std::string::npos);
  EXPECT_NE(h.find("<span class=\"badge spike\">spike</span>"), std::string::npos);
}

TEST(Render, ByteIdenticalAcrossRuns) {
  const BriefingData a = sample_briefing(), b = sample_briefing();
  EXPECT_EQ(render_html(a), render_html(b));
  EXPECT_EQ(render_markdown(a), render_markdown(b));
  EXPECT_EQ(render_json(a), render_json(b));
  EXPECT_EQ(render_csv(a), render_csv(b));
  // The generation time is the only clock in the output.
  BriefingData c = sample_briefing();
  c.generated_at += 60;
  EXPECT_NE(render_html(a), render_html(c));
  EXPECT_NE(render_html(a).find("2019-03-18T00:00:00Z"), std::string::npos);
}

TEST(Json, LayoutAndValues) {
  const BriefingData d = sample_briefing();
  const std::string text = render_json(d);
  simdjson::dom::parser parser;
  auto root = parse_json(parser, text);
  EXPECT_EQ(std::string_view(root["week"]), "2019-W11");
  EXPECT_EQ(std::string_view(root["generated_at"]), "2019-03-18T00:00:00Z");
  EXPECT_FALSE(bool(root["empty"]));
  simdjson::dom::array topics = root["topics"];
  ASSERT_EQ(topics.size(), 4u);
  auto op = topics.at(0);
  EXPECT_EQ(std::string_view(op["id"]), "opioids");
  EXPECT_EQ(std::string_view(op["label"]), "Opioids & fentanyl <crisis>");
  EXPECT_TRUE(bool(op["spike"]));
  simdjson::dom::array series = op["series"];
  ASSERT_EQ(series.size(), 12u);
  uint64_t total = 0;
  for (auto e : series) total += uint64_t(e["count"]);
  EXPECT_EQ(total, 40u + 42 + 38 + 45 + 41 + 39 + 44 + 40 + 43 + 42 + 41 + 160);
  auto last = series.at(11);
  EXPECT_EQ(std::string_view(last["period"]), "2019-W11");
  EXPECT_EQ(uint64_t(last["count"]), 160u);
  EXPECT_NEAR(double(last["share"]), 160.0 / 1400.0, 1e-4);
  EXPECT_TRUE(bool(last["spike"]));
  EXPECT_GT(double(last["score"]), 3.0);
  simdjson::dom::array ci = last["sentiment"]["ci95"];
  EXPECT_EQ(ci.size(), 2u);
  EXPECT_LT(double(ci.at(0)), double(last["sentiment"]["mean"]));
  EXPECT_EQ(uint64_t(last["stance"]["reform"]) + uint64_t(last["stance"]["prohibition"]) +
                uint64_t(last["stance"]["none"]),
            160u);
  simdjson::dom::array terms = op["emerging_terms"];
  ASSERT_EQ(terms.size(), 3u);
  EXPECT_EQ(std::string_view(terms.at(0)["term"]), "fentanyl");
  EXPECT_NEAR(double(terms.at(0)["score"]), 84.25, 1e-9);
  simdjson::dom::array examples = op["examples"];
  ASSERT_EQ(examples.size(), 3u);
  EXPECT_EQ(std::string_view(examples.at(0)["why"]), "most engaged");
  EXPECT_EQ(int64_t(examples.at(0)["engagement"]), 5400);
  // Wilson share of voice: 160 / 1400.
  auto sov = op["share_of_voice"];
  EXPECT_NEAR(double(sov["value"]), 0.1143, 1e-4);
  // Harm reduction has a week with 0 documents (no mean) and 1 document (no CI).
  auto hr = topics.at(2)["series"];
  EXPECT_TRUE(hr.at(1)["sentiment"]["mean"].is_null());
  EXPECT_TRUE(hr.at(5)["sentiment"]["ci95"].is_null());
  EXPECT_FALSE(hr.at(5)["sentiment"]["mean"].is_null());
  EXPECT_EQ(uint64_t(root["languages"]["en"]["count"]), 620u);
  EXPECT_EQ(uint64_t(root["kinds"]["news"]["count"]), 700u);
  auto method = root["method"];
  EXPECT_EQ(uint64_t(method["coverage"]["undated"]), 321u);
  EXPECT_EQ(uint64_t(method["coverage"]["rejected"]), 45u);
  EXPECT_EQ(std::string_view(method["versions"]["taxonomy"]), "drug-policy 2019.1");
  EXPECT_NEAR(double(method["accuracy"]["languages"]["en"]["macro_f1"]), 0.612, 1e-9);
  EXPECT_TRUE(method["accuracy"]["languages"]["fr"]["macro_f1"].is_null());
  EXPECT_GE(simdjson::dom::array(method["computation"]).size(), 5u);
}

TEST(Csv, TablesHaveConsistentColumns) {
  const BriefingData d = sample_briefing();
  auto files = render_csv(d);
  for (const char* name : {"headline.csv", "movers.csv", "topics.csv", "series.csv", "languages.csv",
                           "kinds.csv", "emerging_terms.csv", "examples.csv"}) {
    ASSERT_TRUE(files.count(name)) << name;
    auto rows = parse_csv(files[name]);
    ASSERT_FALSE(rows.empty()) << name;
    for (size_t i = 1; i < rows.size(); ++i)
      EXPECT_EQ(rows[i].size(), rows[0].size()) << name << " row " << i;
  }
  EXPECT_EQ(parse_csv(files["topics.csv"]).size(), 1 + d.topics.size());
  EXPECT_EQ(parse_csv(files["series.csv"]).size(), 1 + 12 * (1 + d.topics.size()));
  EXPECT_EQ(parse_csv(files["languages.csv"]).size(), 1 + d.languages.size());
  auto examples = parse_csv(files["examples.csv"]);
  ASSERT_EQ(examples.size(), 1u + 4);
  // Quotes and commas survive; formulas are neutralised.
  EXPECT_EQ(examples[1][5],
            "BREAKING: <script>alert('x')</script> overdose deaths & fentanyl seizures up \"sharply\" in Ohio");
  EXPECT_EQ(examples[2][10], "'=HYPERLINK(\"x\")");
  auto topics = parse_csv(files["topics.csv"]);
  EXPECT_EQ(topics[0][0], "week");
  EXPECT_EQ(topics[1][1], "opioids");
  EXPECT_EQ(topics[1][3], "160");
}

TEST(Markdown, SectionsAndEscaping) {
  const std::string m = render_markdown(sample_briefing());
  for (const char* h : {"# Vigie weekly briefing: 2019-W11", "## Headline", "## Topics",
                        "### Opioids & fentanyl \\<crisis\\> (spike)", "## Breakdowns", "## Method",
                        "### Measured accuracy"})
    EXPECT_NE(m.find(h), std::string::npos) << h;
  EXPECT_NE(m.find("Naloxone programme saves lives \\| Ville de Paris"), std::string::npos);
  EXPECT_EQ(m.find("](javascript:"), std::string::npos);
  EXPECT_NE(m.find("](https://www.reddit.com/r/opiates/comments/b1x/)"), std::string::npos);
  EXPECT_NE(m.find("▁"), std::string::npos);
}

TEST(EmptyWeek, ShortReportThatSaysSo) {
  BriefingData d;
  d.week = "2030-W01";
  d.week_first = "2029-12-31";
  d.week_last = "2030-01-06";
  d.generated_at = 0;
  d.empty_week = true;
  d.method.accuracy_note = "No accuracy file.";
  const std::string h = render_html(d);
  EXPECT_NE(h.find("No data for this week"), std::string::npos);
  EXPECT_EQ(h.find("<svg"), std::string::npos);
  EXPECT_LT(h.size(), render_html(sample_briefing()).size() / 3);
  EXPECT_NE(render_markdown(d).find("## No data for this week"), std::string::npos);
  simdjson::dom::parser parser;
  auto root = parse_json(parser, render_json(d));
  EXPECT_TRUE(bool(root["empty"]));
  EXPECT_EQ(simdjson::dom::array(root["topics"]).size(), 0u);
  for (const auto& [name, content] : render_csv(d)) EXPECT_FALSE(parse_csv(content).empty()) << name;
}

TEST(Trends, JsonLayoutMatchesTheIssue) {
  Trends t;
  t.query = "fentanyl";
  t.by = "week";
  t.series = testing::make_series({0, 1, 5, 7}, 0.1, {10, 10, 10, 10});
  simdjson::dom::parser parser;
  auto root = parse_json(parser, render_trends_json(t));
  simdjson::dom::array s = root["series"];
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(uint64_t(root["total"]), 13u);
  EXPECT_TRUE(s.at(0)["sentiment"]["mean"].is_null());
  EXPECT_TRUE(s.at(1)["sentiment"]["ci95"].is_null());
  EXPECT_EQ(simdjson::dom::array(s.at(2)["sentiment"]["ci95"]).size(), 2u);
  for (const char* k : {"period", "count", "unique", "share", "sentiment", "stance", "spike", "score"})
    EXPECT_FALSE(s.at(3)[k].error()) << k;
  for (const char* k : {"mean", "ci95", "positive", "neutral", "negative"})
    EXPECT_FALSE(s.at(3)["sentiment"][k].error()) << k;
  EXPECT_NEAR(double(s.at(3)["share"]), 0.7, 1e-12);
  auto rows = parse_csv(render_trends_csv(t));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0][0], "period");
  EXPECT_EQ(rows[0][1], "start");  // ISO dates of the period's first and last day
  EXPECT_EQ(rows[0][2], "end");
  EXPECT_EQ(rows[4][3], "7");
  EXPECT_EQ(rows[1][7], "");  // no mean for an empty week
}

TEST(Briefing, ApplySpikesUsesSeriesMath) {
  std::vector<SeriesEntry> s(13);
  for (size_t i = 0; i < 12; ++i) s[i].count = 10;
  s[12].count = 20;  // (20 - 10) / sqrt(0 + 10 + 1) = 3.015
  apply_spikes(s);
  EXPECT_TRUE(s[12].spike);
  EXPECT_NEAR(s[12].score, 10 / std::sqrt(11.0), 1e-12);
  EXPECT_FALSE(s[11].spike);
}

TEST(Briefing, SentimentIntervalsAreClippedToTheScale) {
  // {-0.9, 0.7}: mean -0.1, s = 1.1314, half width 12.706 * 0.8 = 10.16.
  series::SentimentAccumulator acc;
  acc.add(-0.9, series::SentimentAccumulator::Label::negative);
  acc.add(0.7, series::SentimentAccumulator::Label::positive);
  Sentiment s = from_summary(acc.summary());
  EXPECT_NEAR(*s.mean, -0.1, 1e-12);
  EXPECT_EQ(*s.lo, -1.0);
  EXPECT_EQ(*s.hi, 1.0);
}

TEST(Svg, BandStaysInTheSentimentPanelAndAxisTicksAreWhole) {
  std::vector<SeriesEntry> series(3);
  for (size_t i = 0; i < 3; ++i) {
    series[i].period = "2019-W0" + std::to_string(i + 1);
    series[i].count = 3;
    series[i].sentiment.n = 2;
    series[i].sentiment.mean = 0.1;
    series[i].sentiment.lo = -7.4;  // as a caller might pass, unclipped
    series[i].sentiment.hi = 7.2;
  }
  const std::string svg = svg::volume_sentiment_chart(series, "t");
  // The band polygon: every y below the volume panel and its labels (y > 182).
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, std::regex("<polygon points=\"([^\"]+)\"")));
  std::regex pt("([0-9.]+),([0-9.]+)");
  const std::string pts = m[1].str();
  for (auto it = std::sregex_iterator(pts.begin(), pts.end(), pt); it != std::sregex_iterator(); ++it)
    EXPECT_GT(std::stod((*it)[2].str()), 182.0) << pts;
  // Count axis for a maximum of 3: 0, 2, 4 (no "2" at the 2.5 mark).
  for (const char* tick : {">0</text>", ">2</text>", ">4</text>"})
    EXPECT_NE(svg.find(tick), std::string::npos) << tick;
}

TEST(Briefing, ShareUsesWilson) {
  Share s = make_share(8, 10);
  ASSERT_TRUE(s.value);
  EXPECT_NEAR(*s.lo, 0.4902, 1e-4);
  EXPECT_FALSE(make_share(0, 0).value);
}

TEST(Briefing, GenerationTimeHonoursSourceDateEpoch) {
  ::setenv("SOURCE_DATE_EPOCH", "1552867200", 1);
  EXPECT_EQ(generation_time(), 1552867200);
  ::setenv("SOURCE_DATE_EPOCH", "yesterday", 1);
  EXPECT_THROW(generation_time(), UsageError);
  ::unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_GT(generation_time(), 1700000000);
}

class TempDir {
 public:
  TempDir() {
    path_ = std::filesystem::temp_directory_path() /
            ("vigie-reports-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

std::string slurp(const std::filesystem::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(Briefing, LoadAccuracy) {
  TempDir tmp;
  Method m;
  load_accuracy((tmp.path() / "missing.json").string(), m);
  EXPECT_FALSE(m.accuracy_available);
  EXPECT_NE(m.accuracy_note.find("No accuracy file"), std::string::npos);
  {
    std::ofstream f(tmp.path() / "acc.json");
    f << R"({"en": {"dataset": "semeval", "macro_f1": 0.7, "accuracy": 0.75}, "fr": {"dataset": "deft", "accuracy": 0.6}, "xx": 3})";
  }
  load_accuracy((tmp.path() / "acc.json").string(), m);
  EXPECT_TRUE(m.accuracy_available);
  ASSERT_EQ(m.accuracy.size(), 2u);
  EXPECT_EQ(m.accuracy["en"].dataset, "semeval");
  EXPECT_DOUBLE_EQ(*m.accuracy["en"].macro_f1, 0.7);
  EXPECT_FALSE(m.accuracy["fr"].macro_f1);
  {
    std::ofstream f(tmp.path() / "bad.json");
    f << "{not json";
  }
  load_accuracy((tmp.path() / "bad.json").string(), m);
  EXPECT_FALSE(m.accuracy_available);
  EXPECT_TRUE(m.accuracy.empty());
}

TEST(Briefing, WriteBriefingWritesEveryFormat) {
  TempDir tmp;
  const BriefingData d = sample_briefing();
  auto files = write_briefing(d, (tmp.path() / "out").string());
  EXPECT_EQ(files.size(), 3 + render_csv(d).size());
  EXPECT_EQ(slurp(tmp.path() / "out" / "report.html"), render_html(d));
  EXPECT_EQ(slurp(tmp.path() / "out" / "report.json"), render_json(d));
  EXPECT_EQ(slurp(tmp.path() / "out" / "topics.csv"), render_csv(d)["topics.csv"]);
  // Optional: keep a sample for the screenshot check (scripts/check-report-render.sh).
  if (const char* keep = std::getenv("VIGIE_SAMPLE_REPORT_DIR")) write_briefing(d, keep);
}

}  // namespace
}  // namespace vigie::reports

namespace vigie::reports {
namespace {

// Random bytes (markup, quotes, controls, broken UTF-8) in every text field:
// JSON stays valid, HTML gains no tag from the data, CSV keeps its shape.
TEST(Render, HostileTextEverywhere) {
  std::mt19937_64 rng(2024);
  const std::string alphabet = "<>&\"'`|*_#[]()\\,;\r\n\t =+-@ab\xc3\xa9\xe4\xb8\xad\xff\xfe\x01";
  auto junk = [&] {
    std::string s;
    const size_t n = rng() % 40;
    for (size_t i = 0; i < n; ++i) s += alphabet[rng() % alphabet.size()];
    return s;
  };
  for (int round = 0; round < 50; ++round) {
    BriefingData d = sample_briefing();
    d.title = junk();
    d.scope = junk();
    d.week = junk();
    for (TopicSection& t : d.topics) {
      t.id = junk();
      t.label = junk();
      for (auto& e : t.emerging_terms) e.term = junk();
      for (auto& x : t.examples) {
        x.title = junk();
        x.excerpt = junk();
        x.url = "https://example.org/" + junk();
        x.lang = junk();
        x.source = junk();
      }
    }
    for (BreakdownRow& r : d.languages) r.key = junk();
    d.method.versions[junk()] = junk();
    d.method.notes.push_back(junk());
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    const std::string j = render_json(d);
    ASSERT_FALSE(parser.parse(j).get(root)) << j;
    const std::string h = render_html(d);
    // Tags in the output are the renderer's own: every '<' starts a known
    // element name, a closing tag or the doctype.
    std::regex tag("<(/?)([a-zA-Z0-9!]+)");
    const std::set<std::string> known{"!DOCTYPE", "html", "head", "meta", "title", "style", "body",
                                      "main", "header", "h1", "h2", "h3", "h4", "p", "section", "div",
                                      "span", "strong", "a", "ul", "ol", "li", "table", "thead",
                                      "tbody", "tr", "th", "td", "svg", "desc", "g", "rect", "text",
                                      "line", "path", "polygon", "polyline", "circle", "footer",
                                      "br", "bdi"};
    for (auto it = std::sregex_iterator(h.begin(), h.end(), tag); it != std::sregex_iterator(); ++it)
      ASSERT_TRUE(known.count((*it)[2].str())) << "unexpected tag " << it->str();
    for (const auto& [name, content] : render_csv(d)) {
      auto rows = parse_csv(content);
      for (size_t i = 1; i < rows.size(); ++i) ASSERT_EQ(rows[i].size(), rows[0].size()) << name;
    }
  }
}

}  // namespace
}  // namespace vigie::reports
