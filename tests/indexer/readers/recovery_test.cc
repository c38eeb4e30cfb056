// Records read whole whatever the shape of the input: generic records that
// look like NewsAPI, --map keys feeding two fields, pages recovered record
// by record around a bad one, platform ids normalised, pzstd frames and
// CR-only line endings.
#include <gtest/gtest.h>
#include <zstd.h>

#include "core/errors.h"
#include "indexer/readers/input.h"
#include "indexer/readers/parser.h"
#include "read_all.h"

namespace vigie::indexer {
namespace {

using testing::read_file;
using testing::read_string;
using testing::write_temp;

ParseOptions mapped(std::string_view spec) {
  ParseOptions o;
  o.map = FieldMap::parse(spec);
  o.format = Format::jsonl;
  return o;
}

TEST(GenericRecords, SourceStringIsNotNewsApi) {
  auto r = read_string(
      R"({"text":"Cannabis legalization passes","date":"2019-03-11T10:00:00Z","source":"Le Monde","title":"Vote"})"
      "\n"
      R"({"text":"Referendum outcome","date":"2019-03-11T10:00:00Z","source":"Le Monde"})"
      "\n");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_TRUE(r.rejects.empty());
  for (const auto& rec : r.records) {
    EXPECT_FALSE(rec.text.empty());
    ASSERT_TRUE(rec.time);
    EXPECT_EQ(*rec.time, 1552298400);
    EXPECT_EQ(rec.source, "Le Monde");
  }
  EXPECT_EQ(r.records[0].text, "Cannabis legalization passes");
}

TEST(GenericRecords, NewsApiLookingRecordKeepsTextAndDate) {
  auto r = read_string(R"({"source":{"name":"AP"},"text":"Body under the generic name","date":"2019-03-11T10:00:00Z"})"
                       "\n");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].text, "Body under the generic name");
  ASSERT_TRUE(r.records[0].time);
  EXPECT_EQ(r.records[0].source, "AP");
}

TEST(GenericRecords, LookingLikeAFeedLosesNeitherTextNorDate) {
  auto r = read_string(
      R"({"text":"reddit-looking","subreddit":"s","date":"2019-03-11T10:00:00Z"})" "\n"
      R"({"id_str":"5","text":"tweet-looking","date":"2019-03-11T10:00:00Z"})" "\n"
      R"({"author_id":"9","text":"v2-looking","date":1552298400})" "\n"
      R"({"media_name":"M","text":"mediacloud-looking","date":"2019-03-11T10:00:00Z"})" "\n");
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_TRUE(r.rejects.empty());
  EXPECT_EQ(r.records[0].text, "reddit-looking");
  for (const auto& rec : r.records) {
    ASSERT_TRUE(rec.time) << rec.text;
    EXPECT_EQ(*rec.time, 1552298400) << rec.text;
  }
}

TEST(GenericRecords, FormatJsonlWithoutMapReadsGenericNames) {
  ParseOptions o;
  o.format = Format::jsonl;
  auto r = read_string(R"({"text":"t","id":"x1","date":"2019-03-11"})" "\n", o);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].id, "x1");
}

TEST(MappedFields, OneKeyFeedsTwoFields) {
  const std::string line =
      R"({"headline":"H","link":"http://x/1","who":"AP","m":{"b":"inner"}})" "\n";
  auto a = read_string(line, mapped("id=link,url=link,text=headline,title=headline,author=who,source=who"));
  ASSERT_EQ(a.records.size(), 1u);
  EXPECT_EQ(a.records[0].id, "http://x/1");
  EXPECT_EQ(a.records[0].url, "http://x/1");
  EXPECT_EQ(a.records[0].text, "H");
  EXPECT_EQ(a.records[0].title, "H");
  EXPECT_EQ(a.records[0].author, "AP");
  EXPECT_EQ(a.records[0].source, "AP");
  auto b = read_string(line, mapped("text=m.b,id=m.b"));
  ASSERT_EQ(b.records.size(), 1u);
  EXPECT_TRUE(b.rejects.empty());
  EXPECT_EQ(b.records[0].text, "inner");
  EXPECT_EQ(b.records[0].id, "inner");
}

TEST(MappedFields, UrlIsTheIdWhenNoIdIsMapped) {
  auto r = read_string(R"({"t":"one","link":"http://x/1"})" "\n", mapped("text=t,url=link"));
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].id, "http://x/1");
}

std::string tweet(int i) {
  return R"({"id_str":")" + std::to_string(i) + R"(","full_text":"tweet )" + std::to_string(i) + R"("})";
}

std::string pretty_array(int n, int bad = 0) {
  std::string s = "[\n";
  for (int i = 1; i <= n; ++i) {
    std::string t = tweet(i);
    if (i == bad) t.insert(t.find("tweet "), "\\q");
    s += "  " + t + (i < n ? ",\n" : "\n");
  }
  return s + "]\n";
}

TEST(PageRecovery, OneBadRecordInAPrettyArray) {
  auto r = read_string(pretty_array(100, 40));
  EXPECT_EQ(r.records.size(), 99u);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].origin.line, 41u);  // line 1 is "["
  EXPECT_EQ(r.rejects[0].origin.record, 40u);
  EXPECT_EQ(r.rejects[0].reason, "invalid JSON (STRING_ERROR)");
}

TEST(PageRecovery, TruncatedPrettyArrayKeepsCompleteRecords) {
  std::string s = pretty_array(100);
  s.resize(s.find(tweet(61)) + 10);  // cut inside record 61
  auto r = read_string(s);
  EXPECT_EQ(r.records.size(), 60u);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].origin.record, 61u);
  EXPECT_EQ(r.rejects[0].reason, "invalid JSON (record cut short)");
}

TEST(PageRecovery, BrokenEnvelopeKeepsRecordsAndSaysSo) {
  auto r = read_string(R"({"statuses":[)" + tweet(1) + "," + tweet(2) + R"(],"search_metadata":{"x":tru}})" "\n");
  EXPECT_EQ(r.records.size(), 2u);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].origin.record, 0u);  // the value, not a record
}

TEST(PageRecovery, V2PageKeepsAuthorsFromIncludes) {
  auto r = read_string(R"({"data":[{"id":"1","text":"a","author_id":"9"},{"id":"2","text":"b\q","author_id":"9"}],)"
                       R"("includes":{"users":[{"id":"9","username":"nine"}]}})" "\n");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].author, "nine");
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].origin.record, 2u);
}

TEST(PlatformIds, RedditBareIdAndFullnameAreOneItem) {
  auto r = read_string(
      R"({"id":"abc123","body":"c","subreddit":"s","created_utc":1})" "\n"
      R"({"kind":"t1","data":{"id":"abc123","name":"t1_abc123","body":"c","subreddit":"s"}})" "\n"
      R"({"id":"xyz9","title":"A post","selftext":"","subreddit":"s","created_utc":1})" "\n"
      R"({"id":"t3_xyz9","title":"A post","subreddit":"s","created_utc":1})" "\n");
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_EQ(r.records[0].id, "t1_abc123");
  EXPECT_EQ(r.records[1].id, "t1_abc123");
  EXPECT_EQ(r.records[2].id, "t3_xyz9");
  EXPECT_EQ(r.records[3].id, "t3_xyz9");
}

TEST(Compression, SkippableFrameFirstAsPzstdWrites) {
  std::string text;
  for (int i = 1; i <= 30; ++i) text += tweet(i) + "\n";
  std::string frame(ZSTD_compressBound(text.size()), '\0');
  frame.resize(ZSTD_compress(frame.data(), frame.size(), text.data(), text.size(), 3));
  // pzstd: a skippable frame (magic 0x184D2A50, size 4, the next frame's size).
  std::string skip("\x50\x2a\x4d\x18\x04\x00\x00\x00", 8);
  uint32_t n = static_cast<uint32_t>(frame.size());
  for (int b = 0; b < 4; ++b) skip.push_back(static_cast<char>((n >> (8 * b)) & 0xff));
  auto r = read_file(write_temp("p.zst", skip + frame));
  EXPECT_EQ(r.records.size(), 30u);
  EXPECT_TRUE(r.rejects.empty());
}

TEST(Lines, CarriageReturnAloneEndsALine) {
  auto r = read_string("{\"text\":\"a\"}\r{\"text\":\"b\"}\r{\"text\":\"c\"}");
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_EQ(r.records[2].origin.line, 3u);
}

TEST(Lines, CarriageReturnAsJsonWhitespaceInLfFiles) {
  auto r = read_string("{\"text\":\"a\",\r\"id\":\"1\"}\n{\"text\":\"b\"}\n");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_TRUE(r.rejects.empty());
  EXPECT_EQ(r.records[0].id, "1");
}

TEST(Devices, AreRefusedWithAMessage) {
  try {
    InputSource::open("/dev/zero", InputOptions{});
    FAIL() << "/dev/zero was opened";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("device"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace vigie::indexer
