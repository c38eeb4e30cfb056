// Output formats (JSON parses and holds what the search returned, CSV quoting
// per RFC 4180) and saved-query files.
#include <gtest/gtest.h>

#include <set>

#include <simdjson.h>

#include "query/query_builder.h"

#include "core/errors.h"
#include "query/format.h"
#include "query/saved_queries.h"
#include "tests/query/fixture.h"

namespace vigie::test {
namespace {

query::SearchResults sample_results() {
  static query::Index index = query::Index::from_database(memory_index(), "memory");
  query::SearchOptions o;
  o.query = "reduccion OR drogues";
  o.facets = {"lang", "kind"};
  return query::search(index, o);
}

TEST(JsonOutput, ParsesAndHoldsCountResultsAndFacets) {
  auto r = sample_results();
  ASSERT_EQ(r.count, 3u);  // 3 (es), 4 and 8 (fr)
  std::string out;
  query::append_results_json(out, r);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out).get(doc), simdjson::SUCCESS) << out;
  EXPECT_EQ(uint64_t(doc["count"]), 3u);
  simdjson::dom::array results = doc["results"];
  ASSERT_EQ(results.size(), 3u);
  std::set<std::string> seen;
  for (auto hit : results) {
    seen.insert(std::string(std::string_view(hit["id"])));
    for (const char* key : {"date", "lang", "kind", "source", "author", "title", "url", "snippet", "relevance",
                            "sentiment"})
      EXPECT_NE(hit[key].error(), simdjson::NO_SUCH_FIELD) << key;
  }
  EXPECT_EQ(seen, (std::set<std::string>{"3", "4", "8"}));
  EXPECT_EQ(uint64_t(doc["facets"]["lang"]["fr"]), 2u);
  EXPECT_EQ(uint64_t(doc["facets"]["lang"]["es"]), 1u);
  EXPECT_EQ(uint64_t(doc["facets"]["kind"]["news"]), 3u);
  // The title with a comma and quotes survives the round trip.
  bool found = false;
  for (auto hit : results)
    if (std::string_view(hit["id"]) == "3") {
      EXPECT_EQ(std::string_view(hit["title"]), "Reducción de daños, \"España\"");
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST(JsonLinesOutput, OneParseableObjectPerResult) {
  auto r = sample_results();
  std::string out;
  query::append_results_jsonl(out, r);
  simdjson::dom::parser parser;
  size_t lines = 0;
  for (size_t b = 0, e; b < out.size(); b = e + 1) {
    e = out.find('\n', b);
    ASSERT_NE(e, std::string::npos);
    simdjson::dom::element doc;
    EXPECT_EQ(parser.parse(out.substr(b, e - b)).get(doc), simdjson::SUCCESS);
    ++lines;
  }
  EXPECT_EQ(lines, r.hits.size());
}

TEST(CsvOutput, QuotesPerRfc4180) {
  EXPECT_EQ(query::csv_field("plain"), "plain");
  EXPECT_EQ(query::csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(query::csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(query::csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(query::csv_field(""), "");
}

TEST(CsvOutput, HeaderThenOneRowPerResult) {
  auto r = sample_results();
  std::string out;
  query::append_results_csv(out, r);
  size_t rows = 0;
  for (size_t p = 0; (p = out.find("\r\n", p)) != std::string::npos; p += 2) ++rows;
  EXPECT_EQ(rows, 1 + r.hits.size());
  EXPECT_EQ(out.rfind("rank,id,date,lang,kind,source,author,title,url,", 0), 0u);
  EXPECT_NE(out.find(",\"Reducción de daños, \"\"España\"\"\","), std::string::npos) << out;
}

TEST(TableOutput, ShowsCountTitlesAndFacets) {
  auto r = sample_results();
  std::string out;
  query::append_results_table(out, r, {});
  EXPECT_EQ(out.rfind("3 matches, showing 1-3\n", 0), 0u) << out;
  EXPECT_NE(out.find("Les drogues"), std::string::npos);
  EXPECT_NE(out.find("\nlang:\n"), std::string::npos);
  EXPECT_NE(out.find("*drogues*"), std::string::npos) << out;  // markers shown as *word*
}

TEST(SavedQueries, JsonFile) {
  auto q = query::parse_saved_queries(R"({
    "harm-reduction-es": {"query": "\"reducción de daños\"", "lang": "es", "description": "HR in Spanish",
                          "from": "2019-01-01", "owner": "ignored by search"},
    "cannabis": "cannabis OR marijuana"
  })", "test.json");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].name, "harm-reduction-es");
  EXPECT_EQ(q[0].query, "\"reducción de daños\"");
  EXPECT_EQ(q[0].lang, "es");
  EXPECT_EQ(q[0].from, "2019-01-01");
  EXPECT_EQ(q[1].query, "cannabis OR marijuana");
  EXPECT_EQ(query::find_saved_query(q, "cannabis", "test.json").query, "cannabis OR marijuana");
}

TEST(SavedQueries, LineFile) {
  auto q = query::parse_saved_queries("# analysts' queries\n\nheroin: heroin OR opioid*\n  naloxone :  naloxone lang:en \n",
                                      "q.txt");
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].name, "heroin");
  EXPECT_EQ(q[0].query, "heroin OR opioid*");
  EXPECT_EQ(q[1].name, "naloxone");
  EXPECT_EQ(q[1].query, "naloxone lang:en");
}

TEST(SavedQueries, Errors) {
  EXPECT_THROW(query::parse_saved_queries("{\"a\": {\"lang\": \"en\"}}", "x.json"), InputError);  // no query
  EXPECT_THROW(query::parse_saved_queries("{\"a\": 3}", "x.json"), InputError);
  EXPECT_THROW(query::parse_saved_queries("{\"a\": \"x\", \"a\": \"y\"}", "x.json"), InputError);  // duplicate
  EXPECT_THROW(query::parse_saved_queries("{\"a\": ", "x.json"), InputError);
  EXPECT_THROW(query::parse_saved_queries("no colon here\n", "x.txt"), InputError);
  auto q = query::parse_saved_queries("a: x\n", "x.txt");
  try {
    query::find_saved_query(q, "b", "x.txt");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("known: a"), std::string::npos);
  }
  EXPECT_THROW(query::load_saved_queries("/nonexistent/queries.json"), InputError);
}

TEST(SavedQueries, ExampleFileInTheRepositoryLoadsAndParses) {
  auto q = query::load_saved_queries(std::string(VIGIE_SOURCE_DIR) + "/corpora/queries/saved.json");
  EXPECT_GE(q.size(), 3u);
  query::QueryBuilder b;
  for (const auto& s : q) EXPECT_NO_THROW(b.build(s.query, s.lang, {"en", "es", "fr"})) << s.name;
}

TEST(TimeRange, DaysWeeksAndZones) {
  EXPECT_EQ(query::parse_day("2019-03-11"), 17966);  // 49 years * 365 + 12 leap days + 69
  EXPECT_FALSE(query::parse_day("2019-02-29"));
  EXPECT_FALSE(query::parse_day("2019-3-11"));
  auto w = query::week_range("2019-W11", {});
  EXPECT_EQ(w.begin, 1552262400);  // 2019-03-11T00:00:00Z
  EXPECT_EQ(w.end, 1552867199);    // 2019-03-17T23:59:59Z
  auto plus2 = query::week_range("2019-W11", query::Zone::parse("+02:00"));
  EXPECT_EQ(plus2.begin, 1552262400 - 7200);
  // Europe/Paris: UTC+1 on 2019-03-11, and daylight saving from 2019-03-31.
  auto paris = query::Zone::parse("Europe/Paris");
  EXPECT_EQ(paris.day_start(*query::parse_day("2019-03-11")), 1552262400 - 3600);
  EXPECT_EQ(paris.day_start(*query::parse_day("2019-04-01")), 1554076800 - 7200);
  EXPECT_THROW(query::Zone::parse("Mars/Olympus"), UsageError);
  EXPECT_THROW(query::week_range("2019-W54", {}), UsageError);
  EXPECT_EQ(query::parse_range_end("2019-W11", "--to"), 17966 + 6);
}

TEST(TimeRange, WholeDaysBecomeYearMonthAndDayTerms) {
  auto day = [](const char* s) { return *query::parse_day(s); };
  using V = std::vector<std::string>;
  EXPECT_EQ(query::day_terms(day("2018-12-30"), day("2019-03-02")),
            (V{"D20181230", "D20181231", "M201901", "M201902", "D20190301", "D20190302"}));
  EXPECT_EQ(query::day_terms(day("2017-12-31"), day("2019-01-01")), (V{"D20171231", "Y2018", "D20190101"}));
  EXPECT_EQ(query::day_terms(day("2019-03-11"), day("2019-03-11")), (V{"D20190311"}));
  EXPECT_EQ(query::day_terms(day("2020-02-01"), day("2020-02-29")), (V{"M202002"}));  // leap year
  EXPECT_TRUE(query::day_terms(day("2019-03-12"), day("2019-03-11")).empty());
  // Aligned ranges use the terms; a zone that is not UTC falls back to values.
  auto utc = query::time_query(query::week_range("2019-W11", {})).get_description();
  EXPECT_NE(utc.find("D20190317"), std::string::npos) << utc;
  auto paris = query::time_query(query::week_range("2019-W11", query::Zone::parse("Europe/Paris"))).get_description();
  EXPECT_NE(paris.find("VALUE_RANGE"), std::string::npos) << paris;
  // Open ends are closed with the index's bounds when known.
  query::TimeBounds b{1552262400 + 3600, 1552262400 + 86400 * 3};
  auto open = query::time_query({1552262400 + 86400, std::nullopt}, &b).get_description();
  EXPECT_NE(open.find("D20190312"), std::string::npos) << open;
  EXPECT_NE(open.find("D20190314"), std::string::npos) << open;
  EXPECT_EQ(open.find("D20190315"), std::string::npos) << open;
}

}  // namespace
}  // namespace vigie::test
