// The rejection rules of docs/formats.md, one tiny inline input per rule
// (table-driven). Expected counts and reasons come from the rules as
// written in docs/formats.md, not from running the parser.
#include <gtest/gtest.h>

#include <simdjson.h>

#include "core/errors.h"
#include "indexer/readers/parser.h"
#include "read_all.h"

namespace vigie::indexer {
namespace {

using testing::read_string;

struct RuleCase {
  const char* name;
  std::string input;
  size_t records;
  size_t rejects;
  const char* reason;  // of the first reject ("" = don't care)
  const char* origin;  // "line" or "line#k" of the first reject ("" = don't care)
};

std::ostream& operator<<(std::ostream& os, const RuleCase& c) { return os << c.name; }

class Rules : public ::testing::TestWithParam<RuleCase> {};

TEST_P(Rules, CountsReasonAndOrigin) {
  const auto& c = GetParam();
  auto r = read_string(c.input);
  EXPECT_EQ(r.records.size(), c.records);
  ASSERT_EQ(r.rejects.size(), c.rejects);
  if (c.rejects == 0) return;
  if (*c.reason) {
    EXPECT_EQ(r.rejects[0].reason, c.reason);
  }
  if (*c.origin) {
    std::string o = r.rejects[0].origin.to_string();
    EXPECT_EQ(o.substr(o.rfind(':') + 1), c.origin);
  }
  for (const auto& j : r.rejects) {
    EXPECT_LE(j.excerpt.size(), 130u);
    EXPECT_TRUE(simdjson::validate_utf8(j.excerpt)) << j.excerpt;
    EXPECT_EQ(j.excerpt.find('\n'), std::string::npos);
  }
}

const std::string kTweet =
    R"({"created_at":"Wed Oct 10 20:19:24 +0000 2018","id_str":"1","full_text":"hello","user":{"screen_name":"a"}})";

INSTANTIATE_TEST_SUITE_P(
    Issue2, Rules,
    ::testing::Values(
        RuleCase{"good_tweet", kTweet + "\n", 1, 0, "", ""},
        RuleCase{"invalid_json", "{\"full_text\" \"x\"}\n", 0, 1, "invalid JSON (TAPE_ERROR)", "1"},
        RuleCase{"truncated_json", "{\"full_text\": \"x\",\n", 0, 1, "invalid JSON (TAPE_ERROR)", "1"},
        // Malformed JSON inside fields the reader ignores still rejects the line.
        RuleCase{"bad_atom_in_ignored_field", R"({"subreddit":"r","body":"b","x":tru})" "\n", 0, 1, "", "1"},
        RuleCase{"double_comma_in_ignored_field", R"({"subreddit":"r","body":"b","x":[1,,2]})" "\n", 0, 1, "",
                 "1"},
        RuleCase{"bad_escape_in_ignored_field", R"({"subreddit":"r","body":"b","x":"\q"})" "\n", 0, 1, "", "1"},
        RuleCase{"statuses_page",
                 R"({"statuses":[{"id_str":"1","text":"a","user":{"screen_name":"u"}},{"id_str":"2","text":"b"}],"search_metadata":{}})"
                 "\n",
                 2, 0, "", ""},
        RuleCase{"reddit_listing",
                 R"({"kind":"Listing","data":{"children":[{"kind":"t1","data":{"body":"x","subreddit":"s"}},{"kind":"more","data":{}}]}})"
                 "\n",
                 1, 1, "no post in object: looks like a Reddit more object", "1#2"},
        RuleCase{"v2_stream_line",
                 R"({"data":{"id":"1394735776701816833","text":"hi","author_id":"9"},"includes":{"users":[{"id":"9","username":"u9"}]},"matching_rules":[{"id":"1"}]})"
                 "\n",
                 1, 0, "", ""},
        RuleCase{"not_json_html", "<html><body>502 Bad Gateway</body></html>\n", 0, 1, "", "1"},
        RuleCase{"invalid_utf8", "{\"text\":\"caf\xff\xfe\"}\n", 0, 1, "invalid UTF-8", "1"},
        RuleCase{"text_not_string",
                 R"({"created_at":"Wed Oct 10 20:19:24 +0000 2018","id_str":"1","full_text":12345,"user":{}})"
                 "\n",
                 0, 1, "field 'full_text' is not a string", "1"},
        RuleCase{"body_not_string", R"({"subreddit":"x","body":["a"],"created_utc":1})" "\n", 0, 1,
                 "field 'body' is not a string", "1"},
        RuleCase{"null_text_is_absent", R"({"subreddit":"x","body":null,"title":"t","created_utc":1})" "\n",
                 1, 0, "", ""},
        RuleCase{"no_text", R"({"id_str":"1","full_text":"","user":{}})" "\n", 0, 1, "no text", "1"},
        RuleCase{"news_title_only_is_valid",
                 R"({"source":{"name":"S"},"title":"T","description":"","content":"","publishedAt":"2019-03-11T10:00:00Z"})"
                 "\n",
                 1, 0, "", ""},
        RuleCase{"bad_date", R"({"id_str":"1","full_text":"x","created_at":"xyz"})" "\n", 0, 1,
                 "unparseable date 'xyz'", "1"},
        RuleCase{"impossible_date", R"({"publish_date":"2019-02-30 10:00:00","title":"t","media_name":"m"})" "\n",
                 0, 1, "unparseable date '2019-02-30 10:00:00'", "1"},
        RuleCase{"no_date_is_undated", R"({"publishedAt":null,"title":"t","source":{"name":"s"}})" "\n", 1, 0,
                 "", ""},
        RuleCase{"unknown_fields_ignored", R"({"subreddit":"x","body":"b","zzz":{"deep":[1,2,{"a":null}]}})" "\n",
                 1, 0, "", ""},
        RuleCase{"one_bad_in_page",
                 R"({"status":"ok","articles":[{"title":"a"},{"title":5},{"title":"c"}]})" "\n", 2, 1,
                 "field 'title' is not a string", "1#2"},
        RuleCase{"v2_page_bad_item",
                 R"({"data":[{"id":"1","text":"a"},{"id":"2","text":""},{"id":"3","text":"c"}],"includes":{"users":[]}})"
                 "\n",
                 2, 1, "no text", "1#2"},
        // A page cut after its last record keeps its records; the value is
        // reported once for the envelope's error.
        RuleCase{"broken_page_keeps_complete_records",
                 R"({"status":"ok","articles":[{"title":"a"},{"title":"b"})" "\n", 2, 1,
                 "invalid JSON (TAPE_ERROR)", "1"},
        RuleCase{"page_bad_record_rejected_alone",
                 R"({"status":"ok","articles":[{"title":"a"},{"title":"b\q"},{"title":"c"}]})" "\n", 2, 1,
                 "", "1#2"},
        RuleCase{"array_cut_inside_record",
                 R"([{"full_text":"a","id_str":"1"},{"full_text":"b","id_str":"2"},{"full_text":"c)" "\n", 2,
                 1, "invalid JSON (record cut short)", "1#3"},
        RuleCase{"users_lookup", R"([{"id":1,"screen_name":"a","description":"d"},{"id":2,"screen_name":"b"}])" "\n",
                 0, 1, "no post in object: looks like a Twitter users lookup", "1"},
        RuleCase{"counts", R"({"data":[{"start":"x","end":"y","tweet_count":3}],"meta":{}})" "\n", 0, 1,
                 "no post in object: looks like a Twitter tweet counts response", "1"},
        RuleCase{"unrecognised_object", R"({"foo":1,"bar":[2]})" "\n", 0, 1, "no post in object", "1"},
        RuleCase{"scalar_line", "42\n", 0, 1, "not a JSON object", "1"},
        RuleCase{"empty_v2_response", R"({"meta":{"result_count":0}})" "\n", 0, 0, "", ""},
        RuleCase{"meta_is_not_enough", R"({"uid":"1","message":"m","meta":{"site":"x"}})" "\n", 0, 1,
                 "no post in object", "1"},
        RuleCase{"empty_file", "", 0, 0, "", ""},
        RuleCase{"blank_lines_only", "\n  \n\t\n", 0, 0, "", ""},
        RuleCase{"trailing_garbage", R"({"subreddit":"x","body":"b"} {"a":1})" "\n", 0, 1, "", "1"},
        RuleCase{"deep_nesting", std::string(100000, '[') + std::string(100000, ']') + "\n", 0, 1,
                 "nesting too deep", "1"},
        RuleCase{"deep_objects",
                 [] {
                   std::string s = "{\"body\":\"x\",\"subreddit\":\"r\",\"a\":";
                   for (int i = 0; i < 5000; ++i) s += "{\"a\":";
                   s += "1";
                   for (int i = 0; i < 5001; ++i) s += "}";
                   return s + "\n";
                 }(),
                 0, 1, "nesting too deep", "1"},
        RuleCase{"line_numbers_skip_blanks", "\n\n" + kTweet + "\nnot json\n", 1, 1, "", "4"},
        RuleCase{"nan_is_not_json", R"({"subreddit":"x","body":"b","score":NaN})" "\n", 0, 1, "", "1"}));

TEST(RulesRandom, RandomBytesNeverCrash) {
  // Deterministic pseudo-random lines: every line is either a record or a
  // reject, never lost, never a crash.
  uint64_t x = 88172645463325252ULL;
  std::string data;
  size_t lines = 0;
  for (int l = 0; l < 300; ++l) {
    size_t n = 1 + (x % 200);
    for (size_t i = 0; i < n; ++i) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      char c = static_cast<char>(x & 0xff);
      if (c == '\n') c = '{';
      data.push_back(c);
    }
    data.push_back('\n');
    ++lines;
  }
  auto r = testing::read_string(data);
  EXPECT_LE(r.records.size() + r.rejects.size(), lines);
  EXPECT_GT(r.rejects.size(), 0u);
}

TEST(RulesIds, RecordsWithoutIdGetAStableHash) {
  std::string line = R"({"title":"t","text":"some text","date":"2019-03-11"})" "\n";
  auto a = testing::read_string(line);
  auto b = testing::read_string(line);
  ASSERT_EQ(a.records.size(), 1u);
  ASSERT_EQ(b.records.size(), 1u);
  EXPECT_EQ(a.records[0].id, b.records[0].id);
  EXPECT_EQ(a.records[0].id.size(), 16u);
  EXPECT_EQ(a.records[0].kind, Kind::news);  // generic JSON defaults to news
  auto c = testing::read_string(R"({"title":"t","text":"other text","date":"2019-03-11"})" "\n");
  ASSERT_EQ(c.records.size(), 1u);
  EXPECT_NE(a.records[0].id, c.records[0].id);
}

TEST(RulesNews, DescriptionAndContentAreNotRepeated) {
  auto r = testing::read_string(
      R"({"source":{"name":"S"},"title":"T","description":"Police seized a ton\u2026","content":"Police seized a ton of cocaine in the port [+120 chars]"})" "\n"
      R"({"source":{"name":"S"},"title":"T","description":"Summary.","content":"Other text."})" "\n");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].text, "Police seized a ton of cocaine in the port [+120 chars]");
  EXPECT_EQ(r.records[1].text, "Summary.\n\nOther text.");
}

TEST(RulesLimits, MaxFieldBytes) {
  ParseOptions po;
  po.max_field_bytes = 10;
  auto r = testing::read_string(R"({"subreddit":"r","body":"short"})" "\n"
                                R"({"subreddit":"r","body":"much longer than ten bytes"})" "\n",
                                po);
  ASSERT_EQ(r.records.size(), 1u);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].reason, "text larger than 10 bytes");
  EXPECT_EQ(r.rejects[0].origin.line, 2u);
}

TEST(RulesFormats, ParseAndNameRoundTrip) {
  for (Format f : {Format::automatic, Format::twitter_v1, Format::twitter_v2, Format::reddit,
                   Format::newsapi, Format::mediacloud, Format::jsonl}) {
    auto back = parse_format(format_name(f));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, f);
  }
  EXPECT_FALSE(parse_format("twitter"));
}

TEST(FieldMapTest, ParsesAndRejects) {
  auto m = FieldMap::parse("text=body,date=meta.ts,id=uid");
  EXPECT_EQ(m.fields.at("text"), "body");
  EXPECT_EQ(m.fields.at("date"), "meta.ts");
  EXPECT_EQ(m.fields.at("id"), "uid");
  EXPECT_THROW(FieldMap::parse("colour=x"), UsageError);
  EXPECT_THROW(FieldMap::parse("text"), UsageError);
  EXPECT_THROW(FieldMap::parse("text=a..b"), UsageError);
}

TEST(FieldMapTest, MappedJsonLines) {
  ParseOptions po;
  po.format = Format::jsonl;
  po.map = FieldMap::parse("text=msg.body,date=ts,id=uid,lang=lg,kind=k,author=who.name");
  auto r = testing::read_string(
      R"({"uid":7,"ts":1552298400,"lg":"fr","k":"reddit","who":{"name":"z"},"msg":{"body":"bonjour"}})" "\n"
      R"({"uid":8,"ts":"2019-03-11T10:00:00Z","msg":{"body":"salut"}})" "\n"
      R"({"uid":9,"ts":"nope","msg":{"body":"x"}})" "\n"
      R"({"uid":10,"msg":{"body":42}})" "\n"
      R"({"uid":11,"msg":{"other":"x"}})" "\n"
      R"({"uid":12,"k":"blog","msg":{"body":"x"}})" "\n",
      po);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].id, "7");
  EXPECT_EQ(r.records[0].text, "bonjour");
  EXPECT_EQ(r.records[0].lang, "fr");
  EXPECT_EQ(r.records[0].author, "z");
  EXPECT_EQ(r.records[0].kind, Kind::reddit);
  ASSERT_TRUE(r.records[0].time);
  EXPECT_EQ(*r.records[0].time, 1552298400);
  EXPECT_EQ(r.records[1].kind, Kind::news);
  ASSERT_TRUE(r.records[1].time);
  EXPECT_EQ(*r.records[1].time, 1552298400);  // 2019-03-11T10:00:00Z
  ASSERT_EQ(r.rejects.size(), 4u);
  EXPECT_EQ(r.rejects[0].reason, "unparseable date 'nope'");
  EXPECT_EQ(r.rejects[1].reason, "field 'msg.body' is not a string");
  EXPECT_EQ(r.rejects[2].reason, "no text");
  EXPECT_EQ(r.rejects[3].reason, "unknown kind 'blog'");
}

TEST(RulesForced, ForcedFormatUsesItsFields) {
  ParseOptions po;
  po.format = Format::mediacloud;
  auto r = testing::read_string(
      R"({"title":"T","story_text":"body","publish_date":"2019-03-11 10:00:00","media_name":"M","stories_id":5})" "\n",
      po);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].text, "body");
  EXPECT_EQ(r.records[0].source, "M");
  EXPECT_EQ(r.records[0].id, "5");
  ASSERT_TRUE(r.records[0].time);
  EXPECT_EQ(*r.records[0].time, 1552298400);
}

}  // namespace
}  // namespace vigie::indexer
