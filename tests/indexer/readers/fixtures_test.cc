// Each reader on the real API fixtures in <shared>/data/fixtures, with exact
// record and reject counts. The expected numbers come from
// tests/tools/count_records.py (Python's json module, written apart from
// the C++ readers); recompute them with
//   python3 tests/tools/count_records.py <shared>/data/fixtures/*/*
// A few field values are checked against the fixture text by hand.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "indexer/readers/parser.h"
#include "read_all.h"

namespace vigie::indexer {
namespace {

using testing::read_file;
using testing::shared_dir;

struct FixtureCase {
  const char* file;
  size_t records;
  size_t rejects;
};

std::ostream& operator<<(std::ostream& os, const FixtureCase& c) { return os << c.file; }

class FixtureCounts : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(FixtureCounts, MatchIndependentCount) {
  const auto& c = GetParam();
  std::string path = shared_dir() + "/data/fixtures/" + c.file;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no fixture " << path;
  auto r = read_file(path);
  EXPECT_EQ(r.records.size(), c.records);
  EXPECT_EQ(r.rejects.size() + r.oversized.size(), c.rejects);
  for (const auto& rec : r.records) {
    EXPECT_FALSE(rec.text.empty() && rec.title.empty()) << rec.origin.to_string();
    EXPECT_FALSE(rec.id.empty()) << rec.origin.to_string();
  }
}

// From: python3 tests/tools/count_records.py fixtures/*/*  (records, rejects)
INSTANTIATE_TEST_SUITE_P(
    Fixtures, FixtureCounts,
    ::testing::Values(
        FixtureCase{"newsapi/newsapi_shaped_by_language.json", 390, 0},
        FixtureCase{"newsapi/sample_articles.json", 120, 0},
        FixtureCase{"reddit/TestSubredditListings.test_hot__1.json", 102, 0},
        FixtureCase{"reddit/flat_comments_t1.ndjson", 102, 0},
        FixtureCase{"twitter-v1/testgeoapis__0.json", 0, 1},
        FixtureCase{"twitter-v1/testgeoapis__1.json", 0, 1},
        FixtureCase{"twitter-v1/testgeoapis__2.json", 0, 1},
        FixtureCase{"twitter-v1/testgetretweets__0.json", 15, 0},
        FixtureCase{"twitter-v1/testgetstatus__0.json", 1, 0},
        FixtureCase{"twitter-v1/testhometimeline__0.json", 19, 0},
        FixtureCase{"twitter-v1/testlisttimeline__0.json", 20, 0},
        FixtureCase{"twitter-v1/testlookupusers__0.json", 0, 1},
        FixtureCase{"twitter-v1/testlookupusers__1.json", 0, 1},
        FixtureCase{"twitter-v1/testusertimeline__0.json", 4, 0},
        FixtureCase{"twitter-v2/test_client_get_list_tweets__0.json", 97, 0},
        FixtureCase{"twitter-v2/test_client_get_quote_tweets__0.json", 9, 0},
        FixtureCase{"twitter-v2/test_client_get_recent_tweets_count__0.json", 0, 1},
        FixtureCase{"twitter-v2/test_client_get_tweet__0.json", 1, 0},
        FixtureCase{"twitter-v2/test_client_get_tweets__0.json", 2, 0},
        FixtureCase{"twitter-v2/test_client_get_user__0.json", 0, 1},
        FixtureCase{"twitter-v2/test_client_get_users_mentions__0.json", 10, 0},
        FixtureCase{"twitter-v2/test_client_get_users_tweets__0.json", 2, 0},
        FixtureCase{"twitter-v2/test_client_search_recent_tweets__0.json", 10, 0},
        FixtureCase{"twitter-v2/twarc-cashtags.jsonl", 1, 0},
        FixtureCase{"twitter-v2/twarc-cotweet.jsonl", 1, 0},
        FixtureCase{"twitter-v2/twarc-counts.jsonl", 0, 1},
        FixtureCase{"twitter-v2/twarc-lists.jsonl", 0, 2},
        FixtureCase{"twitter-v2/twarc-many_urls.jsonl", 1, 0},
        FixtureCase{"twitter-v2/twarc-media_tweet.jsonl", 1, 0},
        FixtureCase{"twitter-v2/twarc-mentions_tweet.jsonl", 1, 0},
        FixtureCase{"twitter-v2/twarc-quoted_edit.jsonl", 1, 0},
        FixtureCase{"twitter-v2/twarc-two_tweets.jsonl", 1, 0},
        FixtureCase{"twitter-v2/twarc-verified_type.jsonl", 1, 0}));

class FixtureValues : public ::testing::Test {
 protected:
  testing::ReadResult load(const std::string& rel) {
    std::string path = shared_dir() + "/data/fixtures/" + rel;
    if (!std::filesystem::exists(path)) return {};
    return read_file(path);
  }
};

// Values read off the fixture files with a text editor.
TEST_F(FixtureValues, TwitterV1Status) {
  auto r = load("twitter-v1/testgetstatus__0.json");
  if (r.records.empty()) GTEST_SKIP();
  const Record& t = r.records[0];
  EXPECT_EQ(t.id, "266367358078169089");
  EXPECT_EQ(t.kind, Kind::tweet);
  EXPECT_EQ(t.author, "Twitter");
  EXPECT_EQ(t.lang, "en");
  EXPECT_EQ(t.source, "twitter");
  // "Thu Nov 08 02:31:41 +0000 2012" = date -u -d "2012-11-08 02:31:41" +%s
  ASSERT_TRUE(t.time);
  EXPECT_EQ(*t.time, 1352341901);
  EXPECT_TRUE(t.is_retweet);
  EXPECT_EQ(t.origin.line, 1u);
  EXPECT_EQ(t.origin.record, 0u);
}

TEST_F(FixtureValues, TwitterV1RetweetUsesRetweetedText) {
  auto r = load("twitter-v1/testgetretweets__0.json");
  if (r.records.empty()) GTEST_SKIP();
  const Record& t = r.records[0];
  EXPECT_EQ(t.id, "486663181901627392");
  EXPECT_EQ(t.author, "aosuzhsbwusnshs");  // the retweeter
  EXPECT_TRUE(t.is_retweet);
  // own text "RT @twitter: RT @TwitterEng: ..."; retweeted_status text:
  EXPECT_EQ(t.text.rfind("RT @TwitterEng: Bolstering our infrastructure.", 0), 0u) << t.text;
  EXPECT_EQ(t.engagement, 211);  // retweet_count 211 + favorite_count 0
  EXPECT_EQ(t.origin.record, 1u);
  EXPECT_EQ(t.origin.line, 2u);  // the pretty-printed array's first element opens line 2
}

TEST_F(FixtureValues, TwitterV2AuthorFromIncludesAndUndLanguage) {
  auto r = load("twitter-v2/twarc-two_tweets.jsonl");
  if (r.records.empty()) GTEST_SKIP();
  const Record& t = r.records[0];
  EXPECT_EQ(t.author, "LachiVeronica");  // includes.users[id == author_id].username
  EXPECT_EQ(t.lang, "");                 // "und"
  EXPECT_TRUE(t.is_retweet);
  ASSERT_EQ(t.hashtags.size(), 1u);
  EXPECT_EQ(t.hashtags[0], "POIUYTREWQ");
  EXPECT_EQ(t.engagement, 1);  // 1 + 0 + 0 + 0
  ASSERT_TRUE(t.time);
  EXPECT_EQ(*t.time, 1621365896);  // 2021-05-18T19:24:56Z
}

TEST_F(FixtureValues, TwitterV2TimeFromSnowflakeWhenNoCreatedAt) {
  auto r = load("twitter-v2/test_client_get_tweets__0.json");
  if (r.records.empty()) GTEST_SKIP();
  ASSERT_TRUE(r.records[0].time);
  // (1293593516040269825 >> 22) + 1288834974657 = 1597251702686 ms
  EXPECT_EQ(*r.records[0].time, 1597251702);
}

TEST_F(FixtureValues, RedditListing) {
  auto r = load("reddit/TestSubredditListings.test_hot__1.json");
  if (r.records.empty()) GTEST_SKIP();
  const Record& p = r.records[0];
  EXPECT_EQ(p.kind, Kind::reddit);
  EXPECT_EQ(p.id, "t3_46c00m");
  EXPECT_EQ(p.author, "orangejulius");
  EXPECT_EQ(p.source, "r/AskReddit");
  EXPECT_EQ(p.title, "THE ASKREDDIT MOBILE DESIGN EXTRAVAGANZA CONTEST!");
  EXPECT_EQ(p.engagement, 1382);
  ASSERT_TRUE(p.time);
  EXPECT_EQ(*p.time, 1455755445);  // created_utc 1455755445.0
}

TEST_F(FixtureValues, NewsByLanguageUsesKeyAsLanguage) {
  auto r = load("newsapi/newsapi_shaped_by_language.json");
  if (r.records.empty()) GTEST_SKIP();
  size_t id_lang = 0;
  for (const auto& rec : r.records) {
    EXPECT_EQ(rec.kind, Kind::news);
    EXPECT_FALSE(rec.lang.empty()) << rec.origin.to_string();
    if (rec.lang == "id") ++id_lang;
  }
  EXPECT_EQ(id_lang, 9u);  // the "id" page (Indonesian) has 9 articles
  auto it = std::find_if(r.records.begin(), r.records.end(), [](const Record& x) {
    return x.url.rfind("https://infosemarangraya.pikiran-rakyat.com/", 0) == 0;
  });
  ASSERT_NE(it, r.records.end());
  EXPECT_EQ(it->lang, "id");
  EXPECT_EQ(it->source, "Pikiran-rakyat.com");
  EXPECT_EQ(it->id, it->url);
}

TEST_F(FixtureValues, NonPostReasons) {
  auto users = load("twitter-v1/testlookupusers__0.json");
  ASSERT_EQ(users.rejects.size(), 1u);
  EXPECT_EQ(users.rejects[0].reason, "no post in object: looks like a Twitter users lookup");
  auto counts = load("twitter-v2/twarc-counts.jsonl");
  ASSERT_EQ(counts.rejects.size(), 1u);
  EXPECT_EQ(counts.rejects[0].reason, "no post in object: looks like a Twitter tweet counts response");
}

}  // namespace
}  // namespace vigie::indexer

namespace vigie::indexer {
namespace {

// corpora/sample-generic with the map from its README; the expected numbers
// are corpora/sample-manifest.json's "generic" section (written by
// scripts/make-sample.py from its own bookkeeping).
TEST(SampleGeneric, MappedRecordsMatchManifest) {
  std::string path = std::string(VIGIE_SOURCE_DIR) + "/corpora/sample-generic/generic.jsonl.zst";
  if (!std::filesystem::exists(path)) GTEST_SKIP();
  ParseOptions po;
  po.format = Format::jsonl;
  po.map = FieldMap::parse(
      "text=message,title=headline,date=ts,id=uid,lang=lg,author=who,source=meta.site,url=link");
  auto r = read_file(path, po);
  EXPECT_EQ(r.records.size(), 20u);
  EXPECT_TRUE(r.rejects.empty());
  std::map<std::string, int> by_lang;
  for (const auto& rec : r.records) {
    ++by_lang[rec.lang];
    EXPECT_TRUE(rec.time) << rec.id;
    EXPECT_EQ(rec.kind, Kind::news);
    EXPECT_FALSE(rec.source.empty()) << rec.id;  // meta.site, a dotted path
  }
  std::map<std::string, int> want{{"ar", 3}, {"en", 4}, {"es", 3}, {"fr", 4}, {"ru", 3}, {"zh", 3}};
  EXPECT_EQ(by_lang, want);
  ASSERT_FALSE(r.records.empty());
  EXPECT_EQ(r.records[0].id, "g-0001");
  EXPECT_EQ(r.records[0].author, "rustbelt_reporter");
  EXPECT_EQ(r.records[0].source, "forum.recoverytalk.example");
}

}  // namespace
}  // namespace vigie::indexer

namespace vigie::indexer {
namespace {

// corpora/sample/: valid records and rejects as counted by
// scripts/make-sample.py (corpora/sample-manifest.json "files"), and
// recomputed by tests/tools/count_records.py.
class SampleCounts : public ::testing::TestWithParam<FixtureCase> {};

TEST_P(SampleCounts, MatchManifest) {
  const auto& c = GetParam();
  std::string path = std::string(VIGIE_SOURCE_DIR) + "/corpora/sample/" + c.file;
  if (!std::filesystem::exists(path)) GTEST_SKIP();
  auto r = read_file(path);
  EXPECT_EQ(r.records.size(), c.records);
  EXPECT_EQ(r.rejects.size() + r.oversized.size(), c.rejects);
}

INSTANTIATE_TEST_SUITE_P(Sample, SampleCounts,
                         ::testing::Values(FixtureCase{"twitter-v1.jsonl", 125, 2},
                                           FixtureCase{"twitter-v2.json", 100, 1},
                                           FixtureCase{"reddit.jsonl", 28, 1},
                                           FixtureCase{"news.json", 62, 1},
                                           FixtureCase{"mediacloud.jsonl.gz", 34, 1}));

}  // namespace
}  // namespace vigie::indexer
