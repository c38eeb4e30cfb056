// The query language on a small index with known answers: every field,
// operator, range, language feature, and the malformed-query messages.
// Expected ids come from reading the documents in fixture.h by hand.
#include <gtest/gtest.h>

#include <map>

#include "core/errors.h"
#include "core/text/stem.h"
#include "query/query_builder.h"
#include "query/stories.h"
#include "tests/query/fixture.h"

namespace vigie::test {
namespace {

using query::SearchOptions;

class QueryIndex : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { index_ = new query::Index(query::Index::from_database(memory_index(), "memory")); }
  static void TearDownTestSuite() {
    delete index_;
    index_ = nullptr;
  }
  static query::SearchResults run(const std::string& q, const std::string& lang = "",
                                  query::TimeRange range = {}, query::Zone zone = {}) {
    SearchOptions o;
    o.query = q;
    o.lang = lang;
    o.range = range;
    o.zone = zone;
    o.limit = 100;
    return query::search(*index_, o);
  }
  static query::Index* index_;
};
query::Index* QueryIndex::index_ = nullptr;

struct Case {
  const char* query;
  const char* lang;
  std::vector<std::string> expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << "'" << c.query << "' lang=" << c.lang; }

class QueryCases : public QueryIndex, public ::testing::WithParamInterface<Case> {};

TEST_P(QueryCases, FindsExactlyTheExpectedDocuments) {
  const Case& c = GetParam();
  auto r = run(c.query, c.lang);
  EXPECT_EQ(ids(r), c.expected) << "query: " << c.query << "\nparsed: " << r.parsed;
  EXPECT_EQ(r.count, c.expected.size());
}

INSTANTIATE_TEST_SUITE_P(
    Words, QueryCases,
    ::testing::Values(
        Case{"harm reduction", "", {"1"}},
        Case{"#HarmReduction", "", {"1", "10"}},  // #tag means hashtag:tag
        Case{"\"harmreduction\"", "", {"1", "10"}},  // hashtags are indexed as (unstemmed) words
        Case{"crisis 2019", "", {"10"}},
        Case{"saves", "", {"1"}},
        Case{"\"harm reduction\"", "", {"1"}},
        Case{"\"reduction harm\"", "", {}},
        Case{"cannabis", "", {"2", "5"}},
        Case{"CANNABIS", "", {"2", "5"}},
        Case{"cannabis OR opioid", "", {"2", "5", "10"}},
        Case{"cannabis NOT arrests", "", {"2"}},
        Case{"cannabis -arrests", "", {"2"}},
        Case{"cannabis +arrests", "", {"5"}},
        // Only negated items: everything else (Xapian alone would drop the '-').
        Case{"-kind:tweet", "", {"3", "4", "5", "8"}},
        Case{"-kind:tweet -lang:fr", "", {"3", "5"}},
        Case{"-cannabis -lang:en", "", {"3", "4", "6", "7", "8", "9"}},
        Case{"-sentiment:negative -flag:undated -lang:en", "", {"3", "6", "7", "9"}},
        Case{"-\"harm reduction\" kind:tweet -lang:en", "", {"6", "7", "9"}},
        Case{"-\"harm reduction\" -(lang:en OR lang:fr)", "", {"3", "6", "7", "9"}},
        Case{"cannabis XOR arrests", "", {"2"}},
        Case{"cannabis NEAR/3 debate", "", {"2"}},
        Case{"cannabis ADJ/1 legalization", "", {"2"}},
        Case{"legalization ADJ/1 cannabis", "", {}},
        Case{"canna*", "", {"2", "5"}},
        Case{"(cannabis OR drogues) lang:fr", "", {"4", "8"}},
        Case{"", "", {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"}},
        Case{"nothingmatchesthis", "", {}}));

INSTANTIATE_TEST_SUITE_P(
    Languages, QueryCases,
    ::testing::Values(
        // Accent- and case-insensitive for Latin scripts.
        Case{"reduccion", "", {"3"}},
        Case{"REDUCCIÓN", "", {"3"}},
        Case{"daños", "", {"3"}},
        Case{"danos", "", {"3"}},
        // "réduction" folds to "reduction": English and French documents.
        Case{"réduction", "", {"1", "4"}},
        // Stemming in the document's language: legalize/legalizing/legalization.
        Case{"legalize", "", {"2", "5"}},
        Case{"legalize", "en", {"2", "5"}},
        // French stems "politique" and "politiques" alike; English does not.
        // With --lang the query is French but searched everywhere: Spanish
        // "política" happens to share the stem "polit".
        Case{"politique", "fr", {"3", "4"}},
        Case{"politique", "en", {}},
        Case{"politique", "", {"4"}},
        // Russian: genitive "снижения" stems like nominative "Снижение".
        Case{"снижения", "", {"7"}},
        Case{"снижения", "ru", {"7"}},
        // Chinese without spaces is segmented like the indexed text.
        Case{"大麻合法化", "", {"6"}},
        Case{"合法化", "", {"6"}},
        Case{"大麻合法化", "zh", {"6"}},
        Case{"الضرر", "", {"9"}},
        Case{"drogues", "", {"4", "8"}}));

INSTANTIATE_TEST_SUITE_P(
    Fields, QueryCases,
    ::testing::Values(
        Case{"lang:es", "", {"3"}},
        Case{"lang:ES", "", {"3"}},
        Case{"lang:en kind:tweet", "", {"1", "2", "10"}},
        Case{"lang:en lang:es", "", {"1", "2", "3", "5", "10"}},  // same field: OR
        Case{"kind:news", "", {"3", "4", "8"}},
        Case{"kind:reddit", "", {"5"}},
        Case{"source:\"Le Monde\"", "", {"4", "8"}},
        Case{"source:\"le monde\"", "", {"4", "8"}},
        Case{"source:\"El País\"", "", {"3"}},
        Case{"author:alice", "", {"1", "10"}},
        Case{"author:@alice", "", {"1", "10"}},
        Case{"author:ALICE -opioid", "", {"1"}},
        Case{"hashtag:HarmReduction", "", {"1", "10"}},
        Case{"hashtag:#harmreduction", "", {"1", "10"}},
        Case{"hashtag:opioids", "", {"10"}},
        Case{"title:reducción", "", {"3"}},
        Case{"title:drogues", "", {"4"}},
        Case{"title:\"reduccion de danos\"", "", {"3"}},
        Case{"topic:harm-reduction", "", {"1", "3"}},
        Case{"topic:cannabis cannabis", "", {"2", "5"}},
        Case{"stance:reform", "", {"1"}},
        Case{"label:negative", "", {"2", "4"}},
        Case{"sentiment:negative", "", {"2", "4"}},
        Case{"week:2019-W11", "", {"1", "2", "5", "6", "7", "9"}},
        Case{"week:2019-w11", "", {"1", "2", "5", "6", "7", "9"}},
        Case{"flag:undated", "", {"8"}}));

INSTANTIATE_TEST_SUITE_P(
    Ranges, QueryCases,
    ::testing::Values(
        // Whole UTC days, both ends inclusive: the range is ISO week 2019-W11.
        Case{"date:2019-03-11..2019-03-17", "", {"1", "2", "5", "6", "7", "9"}},
        Case{"date:2019-W11..2019-W11", "", {"1", "2", "5", "6", "7", "9"}},
        Case{"date:2019-03-18..", "", {"3", "10"}},
        Case{"date:..2019-03-10", "", {"4"}},
        Case{"date:2019-03-17..2019-03-17", "", {"2"}},
        Case{"cannabis date:2019-03-11..2019-03-17", "", {"2", "5"}},
        Case{"sentiment:-1..-0.05", "", {"2", "4"}},
        Case{"sentiment:0.5..", "", {"1"}},
        Case{"sentiment:..0", "", {"2", "4", "10"}},
        Case{"sentiment:-0.05..0.05", "", {"10"}}));

TEST_F(QueryIndex, OnlyStemmedWordsNeedOneParsePerLanguage) {
  const std::string harm = run("harm").parsed;  // English among the languages its parse is filtered on
  EXPECT_NE(harm.find("FILTER ("), std::string::npos) << harm;
  EXPECT_NE(harm.find(" Len"), std::string::npos) << harm;
  EXPECT_EQ(run("\"harm reduction\"").parsed.find("FILTER"), std::string::npos);
  std::string p = run("lang:en 2019").parsed;  // one FILTER: the lang: field itself
  EXPECT_EQ(p.find("FILTER"), p.rfind("FILTER")) << p;
}

TEST_F(QueryIndex, WeekOptionEqualsTheDateRange) {
  auto week = run("", "", query::week_range("2019-W11", {}));
  auto range = run("date:2019-03-11..2019-03-17");
  EXPECT_EQ(ids(week), ids(range));
  EXPECT_EQ(ids(week), (std::vector<std::string>{"1", "2", "5", "6", "7", "9"}));
}

TEST_F(QueryIndex, TimeZoneMovesDayBoundaries) {
  // UTC-5: local week = 2019-03-11T05:00Z .. 2019-03-18T04:59:59Z, takes doc 3 (03-18 00:30Z).
  auto minus5 = run("", "", query::week_range("2019-W11", query::Zone::parse("-05:00")));
  EXPECT_EQ(ids(minus5), (std::vector<std::string>{"1", "2", "3", "5", "6", "7", "9"}));
  // Paris is UTC+1 in March 2019: 2019-03-10T23:00Z .. 2019-03-17T22:59:59Z.
  auto paris = query::Zone::parse("Europe/Paris");
  std::vector<std::string> expect{"1", "4", "5", "6", "7", "9"};
  EXPECT_EQ(ids(run("", "", query::week_range("2019-W11", paris))), expect);
  EXPECT_EQ(ids(run("date:2019-03-11..2019-03-17", "", {}, paris)), expect);
}

TEST_F(QueryIndex, FromToOptionsAreInclusiveWholeDays) {
  auto r = run("", "", query::day_range(query::parse_day("2019-03-17"), query::parse_day("2019-03-18"), {}));
  EXPECT_EQ(ids(r), (std::vector<std::string>{"2", "3"}));
  auto open_end = run("", "", query::day_range(query::parse_day("2019-03-18"), std::nullopt, {}));
  EXPECT_EQ(ids(open_end), (std::vector<std::string>{"3", "10"}));
}

TEST_F(QueryIndex, SortByDate) {
  SearchOptions o;
  o.query = "lang:en";
  o.sort = query::SortOrder::newest;
  auto r = query::search(*index_, o);
  EXPECT_EQ(ids(r, false), (std::vector<std::string>{"10", "2", "5", "1"}));
  o.sort = query::SortOrder::oldest;
  EXPECT_EQ(ids(query::search(*index_, o), false), (std::vector<std::string>{"1", "5", "2", "10"}));
}

TEST_F(QueryIndex, LimitAndOffsetPage) {
  SearchOptions o;
  o.sort = query::SortOrder::oldest;
  o.query = "flag:undated OR lang:en";
  o.limit = 2;
  o.offset = 1;
  auto r = query::search(*index_, o);
  EXPECT_EQ(r.count, 5u);  // the count ignores paging
  ASSERT_EQ(r.hits.size(), 2u);
  EXPECT_EQ(r.hits[0].rank, 2u);
}

// Ties in weight rank by index order (document i of fixture.h is docid i + 1),
// and every page is the matching slice of that order: a filter alone, where
// every match weighs 0, and a weighted query whose matches partly tie.
TEST_F(QueryIndex, EqualWeightsRankInIndexOrderOnEveryPage) {
  const std::vector<std::string> week{"1", "2", "5", "6", "7", "9"};
  EXPECT_EQ(ids(run("", "", query::week_range("2019-W11", {})), false), week);
  EXPECT_EQ(ids(run("week:2019-W11"), false), week);
  EXPECT_EQ(ids(run(""), false), ids(run("")));  // every document, in index order
  SearchOptions only;  // filters without a query: the language and time filters alone
  only.only_lang = "en";
  only.limit = 100;
  EXPECT_EQ(ids(query::search(*index_, only), false), (std::vector<std::string>{"1", "2", "5", "10"}));
  only.range = query::week_range("2019-W11", {});
  const auto en_week = query::search(*index_, only);
  EXPECT_EQ(ids(en_week, false), (std::vector<std::string>{"1", "2", "5"}));
  EXPECT_EQ(en_week.count, 3u);
  for (const auto& h : en_week.hits) EXPECT_EQ(h.weight, 0.0);
  for (const char* q : {"", "week:2019-W11", "kind:tweet OR kind:news", "drogues OR cannabis OR harm"}) {
    const auto all = run(q);
    ASSERT_FALSE(all.hits.empty()) << q;
    for (size_t i = 1; i < all.hits.size(); ++i) {
      const auto &a = all.hits[i - 1], &b = all.hits[i];
      EXPECT_TRUE(a.weight > b.weight || (a.weight == b.weight && a.docid < b.docid))
          << q << ": rank " << a.rank << " (docid " << a.docid << ", weight " << a.weight << ") before docid "
          << b.docid << " (weight " << b.weight << ")";
    }
    for (uint32_t offset = 0; offset < all.hits.size(); ++offset) {
      SearchOptions o;
      o.query = q;
      o.offset = offset;
      o.limit = 2;
      const auto page = query::search(*index_, o);
      EXPECT_EQ(page.count, all.count) << q;
      ASSERT_EQ(page.hits.size(), std::min<size_t>(2, all.hits.size() - offset)) << q << " offset " << offset;
      for (size_t i = 0; i < page.hits.size(); ++i) {
        EXPECT_EQ(page.hits[i].docid, all.hits[offset + i].docid) << q << " offset " << offset;
        EXPECT_EQ(page.hits[i].rank, offset + i + 1) << q;
      }
    }
  }
}

TEST_F(QueryIndex, CountOnlyIsExact) {
  SearchOptions o;
  o.query = "lang:en";
  o.count_only = true;
  auto r = query::search(*index_, o);
  EXPECT_EQ(r.count, 4u);
  EXPECT_TRUE(r.hits.empty());
}

TEST_F(QueryIndex, ResultFieldsComeFromTheDocument) {
  auto r = run("reduccion");
  ASSERT_EQ(r.hits.size(), 1u);
  const auto& h = r.hits[0];
  EXPECT_EQ(h.id, "3");
  EXPECT_EQ(h.kind, "news");
  EXPECT_EQ(h.lang, "es");
  EXPECT_EQ(h.source, "El País");
  EXPECT_EQ(h.title, "Reducción de daños, \"España\"");
  EXPECT_EQ(h.url, "https://example.org/3");
  EXPECT_EQ(h.date.substr(0, 10), "2019-03-18");
  ASSERT_TRUE(h.sentiment.has_value());
  EXPECT_NEAR(*h.sentiment, 0.2, 1e-9);
  EXPECT_EQ(h.label, "positive");
  EXPECT_EQ(h.percent, 100);
  EXPECT_GT(h.weight, 0);
  // The accented word of the text is highlighted for the folded query word.
  EXPECT_NE(h.snippet.find("<b>reducción</b>"), std::string::npos) << h.snippet;
}

TEST_F(QueryIndex, SnippetsHighlightStemsAndChinese) {
  auto r = run("legalize");
  for (const auto& h : r.hits) {
    if (h.id == "2") {
      EXPECT_NE(h.snippet.find("<b>legalization</b>"), std::string::npos) << h.snippet;
    }
    if (h.id == "5") {
      EXPECT_NE(h.snippet.find("<b>Legalizing</b>"), std::string::npos) << h.snippet;
    }
  }
  auto zh = run("大麻合法化");
  ASSERT_EQ(zh.hits.size(), 1u);
  EXPECT_NE(zh.hits[0].snippet.find("<b>大麻</b><b>合法化</b>"), std::string::npos) << zh.hits[0].snippet;
}

TEST_F(QueryIndex, FacetsAreExact) {
  SearchOptions o;
  o.facets = {"lang", "kind", "hashtag", "week", "sentiment", "topic", "stance", "source"};
  auto r = query::search(*index_, o);
  ASSERT_EQ(r.facets.size(), 8u);
  auto get = [&](const std::string& field) {
    std::map<std::string, uint64_t> m;
    for (const auto& f : r.facets)
      if (f.field == field)
        for (const auto& v : f.values) m[v.value] = v.count;
    return m;
  };
  using M = std::map<std::string, uint64_t>;
  EXPECT_EQ(get("lang"), (M{{"en", 4}, {"es", 1}, {"fr", 2}, {"zh", 1}, {"ru", 1}, {"ar", 1}}));
  EXPECT_EQ(get("kind"), (M{{"tweet", 6}, {"news", 3}, {"reddit", 1}}));
  EXPECT_EQ(get("hashtag"), (M{{"harmreduction", 2}, {"opioids", 1}}));
  EXPECT_EQ(get("week"), (M{{"2019-W10", 1}, {"2019-W11", 6}, {"2019-W12", 1}, {"2019-W14", 1}}));
  EXPECT_EQ(get("sentiment"), (M{{"positive", 3}, {"negative", 2}, {"neutral", 1}}));
  EXPECT_EQ(get("topic"), (M{{"harm-reduction", 2}, {"cannabis", 2}}));
  EXPECT_EQ(get("stance"), (M{{"reform", 1}}));
  EXPECT_EQ(get("source"), (M{{"twitter", 6}, {"Le Monde", 2}, {"El País", 1}, {"r/drugs", 1}}));
  // Most frequent first.
  EXPECT_EQ(r.facets[0].values[0].value, "en");
}

TEST_F(QueryIndex, FacetsFollowTheQueryAndAgreeWithFilteredCounts) {
  SearchOptions o;
  o.query = "date:2019-03-11..2019-03-17";
  o.facets = {"lang"};
  auto r = query::search(*index_, o);
  uint64_t sum = 0;
  for (const auto& v : r.facets[0].values) {
    // Independent count: the same query filtered by the value.
    auto filtered = run(o.query + " lang:" + v.value);
    EXPECT_EQ(v.count, filtered.count) << v.value;
    sum += v.count;
  }
  EXPECT_EQ(sum, r.count);
}

TEST_F(QueryIndex, FacetLimitKeepsTheMostFrequent) {
  SearchOptions o;
  o.facets = {"lang"};
  o.facet_limit = 2;
  auto r = query::search(*index_, o);
  ASSERT_EQ(r.facets[0].values.size(), 2u);
  EXPECT_EQ(r.facets[0].values[0].value, "en");
  EXPECT_EQ(r.facets[0].values[1].value, "fr");
}

TEST_F(QueryIndex, UnknownFacetIsAUsageError) {
  SearchOptions o;
  o.facets = {"colour"};
  EXPECT_THROW(query::search(*index_, o), UsageError);
}

TEST_F(QueryIndex, CollapseKeepsOneDocumentPerCluster) {
  SearchOptions o;
  o.collapse = true;
  o.limit = 100;
  auto r = query::search(*index_, o);
  // Clusters {1,2} and {6,7}: ten documents collapse to eight.
  EXPECT_EQ(r.count, 8u);
  EXPECT_EQ(r.hits.size(), 8u);
  int with_hidden = 0;
  for (const auto& h : r.hits) with_hidden += h.collapsed;
  EXPECT_EQ(with_hidden, 2);
  // Facets count documents before collapsing, whatever their kind.
  o.facets = {"kind", "sentiment"};
  auto f = query::search(*index_, o);
  std::map<std::string, uint64_t> kinds, labels;
  for (const auto& v : f.facets[0].values) kinds[v.value] = v.count;
  for (const auto& v : f.facets[1].values) labels[v.value] = v.count;
  EXPECT_EQ(kinds["tweet"], 6u);
  EXPECT_EQ(labels["positive"] + labels["negative"] + labels["neutral"], 6u);
  o.facets.clear();
  auto one = run("cannabis");  // 2 and 5 are not in the same cluster
  o.query = "cannabis";
  EXPECT_EQ(query::search(*index_, o).count, one.count);
}

TEST_F(QueryIndex, ClusterSizeCountsTheMatchingMembersOfTheCluster) {
  // Each exact cluster has its term, which the size of a shown cluster is
  // counted from: {1,2} is cluster 100, {6,7} cluster 200.
  EXPECT_EQ(index_->db().get_termfreq(schema::cluster_term(100)), 2u);
  EXPECT_EQ(index_->db().get_termfreq(schema::cluster_term(200)), 2u);
  auto size_of = [](const query::SearchResults& r, const std::string& id) {
    for (const auto& h : r.hits)
      if (h.id == id) return std::make_pair(h.cluster_id, h.cluster_size);
    return std::make_pair(std::string("absent"), uint64_t{0});
  };
  auto all = run("");
  EXPECT_EQ(size_of(all, "1"), std::make_pair(query::cluster_hex(100), uint64_t{2}));
  EXPECT_EQ(size_of(all, "7"), std::make_pair(query::cluster_hex(200), uint64_t{2}));
  EXPECT_EQ(size_of(all, "3"), std::make_pair(std::string(), uint64_t{1}));
  // Only matching members count: 2 is about cannabis, not harm reduction.
  EXPECT_EQ(size_of(run("harm"), "1"), std::make_pair(query::cluster_hex(100), uint64_t{1}));
  EXPECT_EQ(size_of(run("harm OR cannabis"), "2"), std::make_pair(query::cluster_hex(100), uint64_t{2}));
}

TEST_F(QueryIndex, StemmersThatParseAlikeShareOneFilteredParse) {
  // Several languages' stemmers leave "Harm" whole or stem it alike: each
  // distinct parse appears once, filtered on all its languages.
  auto r = run("harm");
  std::map<std::string, int> seen;
  for (auto t = r.query.get_terms_begin(); t != r.query.get_terms_end(); ++t)
    if ((*t)[0] == 'Z' || (*t)[0] == 'h') ++seen[*t];
  ASSERT_FALSE(seen.empty());
  for (const auto& [term, n] : seen) EXPECT_EQ(n, 1) << term << " in " << r.parsed;
  EXPECT_EQ(ids(r), (std::vector<std::string>{"1"}));
}

struct BadQuery {
  const char* query;
  const char* message;  // a part of the expected message
  size_t caret;         // column of '^' under the query
};

class MalformedQueries : public QueryIndex, public ::testing::WithParamInterface<BadQuery> {};

TEST_P(MalformedQueries, AreUsageErrorsPointingAtTheProblem) {
  const BadQuery& b = GetParam();
  try {
    run(b.query);
    FAIL() << "no error for " << b.query;
  } catch (const UsageError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find(b.message), std::string::npos) << m;
    if (b.caret != std::string::npos) {
      std::string caret_line = "\n  " + std::string(b.caret, ' ') + "^";
      EXPECT_NE(m.find(caret_line), std::string::npos) << m;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    Syntax, MalformedQueries,
    ::testing::Values(BadQuery{"\"harm reduction", "unterminated phrase", 0},
                      BadQuery{"(cannabis OR heroin", "'(' without a matching ')'", 0},
                      BadQuery{"cannabis)", "')' without a matching '('", 8},
                      BadQuery{"cannabis AND", "without a right-hand operand", 9},
                      BadQuery{"OR cannabis", "without a left-hand operand", 0},
                      BadQuery{"cannabis AND OR heroin", "without a left-hand operand", 13},
                      BadQuery{"lang: cannabis", "empty value for lang:", 0},
                      BadQuery{"réduction date:2019-03-11", "date: takes a range", 10},
                      BadQuery{"date:2019-13-01..", "expected a day", std::string::npos},
                      BadQuery{"date:2019-02-30..2019-03-01", "expected a day", std::string::npos},
                      BadQuery{"sentiment:bad..1", "not a number in [-1, 1]", std::string::npos},
                      BadQuery{"sentiment:-2..0", "not a number in [-1, 1]", std::string::npos},
                      BadQuery{"kind:blog", "unknown kind 'blog'; valid values: tweet, reddit, news", 0},
                      BadQuery{"week:2019-W60", "expected an ISO week", std::string::npos},
                      BadQuery{"week:March", "expected an ISO week", std::string::npos}));

TEST(QueryBuilder, IndexLanguageStemmerAgreesWithTheTextCore) {
  for (const char* code : {"ar", "ca", "da", "de", "en", "es", "eu", "fi", "fr", "ga", "hu", "hy", "id", "it", "lt",
                           "nb", "ne", "nl", "nn", "no", "pt", "ro", "ru", "sv", "ta", "tr", "zh", "ja", "ko", "he",
                           "hi", "cs", "sk", "th", "el", "sr", "pl", "uk", "fa", "ur", "vi", "und", "xx"})
    EXPECT_EQ(query::index_language_stemmer(code), text::stemmer_name(code)) << code;
}

TEST(QueryBuilder, RewriteFoldsWordsButNotOperatorsOrFields) {
  query::QueryBuilder b;
  EXPECT_EQ(b.rewrite("Réduction AND Daños NOT source:\"Le Monde\" lang:ES"),
            "reduction AND danos NOT source:\"Le Monde\" lang:ES");
  EXPECT_EQ(b.rewrite("title:Réduction \"Harm Reduction\" Canna*"), "title:reduction \"harm reduction\" canna*");
  EXPECT_EQ(b.rewrite("大麻合法化 -Heroin"), "\"大麻 合法化\" -heroin");
  EXPECT_EQ(b.rewrite("\"大麻合法化\""), "\"大麻 合法化\"");
  EXPECT_EQ(b.rewrite("cannabis NEAR/3 debate"), "cannabis NEAR/3 debate");
  EXPECT_EQ(b.rewrite("-kind:tweet -(a OR b)"), "NOT kind:tweet NOT (a OR b)");
  EXPECT_EQ(b.rewrite("x -kind:tweet"), "x -kind:tweet");
  EXPECT_EQ(b.rewrite("-Réduction"), "NOT reduction");
  EXPECT_EQ(b.rewrite("#HarmReduction @UNODC covid 19"), "hashtag:harmreduction mention:unodc covid \"19\"");
  // Query words are cut and classified by the indexer's segmenter.
  EXPECT_EQ(b.rewrite("Prop64 64abc covid-19 l'usage anti-drug"), "prop64 64abc \"covid 19\" \"l usage\" \"anti drug\"");
  EXPECT_EQ(b.rewrite("#大麻合法化# \"#大麻合法化\""), "hashtag:大麻合法化 \"大麻 合法化\"");
  EXPECT_EQ(b.rewrite("https://www.UNODC.org/Drugs \"@UNODC\""), "url:\"https://www.unodc.org/drugs\" mention:unodc");
  EXPECT_EQ(b.rewrite("-\"harm reduction\" +x"), "-\"harm reduction\" +x");
}

}  // namespace
}  // namespace vigie::test
