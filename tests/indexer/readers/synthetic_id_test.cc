// Records without an id get a synthetic one, and indexes store it as the
// document's unique term: re-indexing the same file replaces documents only
// while these ids stay exactly as they are. The expected ids are FNV-1a 64
// with the legacy offset basis (core/hash.h kFnvLegacyOffset) over kind,
// title, text and the date as written, joined by 0x1f, computed by an
// independent implementation (Python) when the test was written.
#include <gtest/gtest.h>

#include "tests/indexer/readers/read_all.h"

namespace vigie::indexer {
namespace {

using testing::read_string;

TEST(SyntheticId, TweetWithoutIdKeepsItsStoredId) {
  auto r = read_string(
      R"({"created_at":"Mon Mar 11 00:00:00 +0000 2019","full_text":"Naloxone kits are free at every pharmacy.",)"
      R"("user":{"screen_name":"mini"}})"
      "\n");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].id, "6e141557f5d53c66");
}

TEST(SyntheticId, RedditWithoutIdKeepsItsStoredId) {
  auto r = read_string(R"({"author":"mini","body":"Methadone saved my life.","created_utc":1552402800,)"
                       R"("subreddit":"opiates"})"
                       "\n");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].id, "62cf70144d38b789");
}

TEST(SyntheticId, MappedRecordWithoutIdKeepsItsStoredId) {
  ParseOptions po;
  po.format = Format::jsonl;
  po.map = FieldMap::parse("text=body,title=headline,date=ts");
  auto r = read_string(R"({"headline":"UN drug commission adopts declaration",)"
                       R"("body":"Ministers adopted a declaration.","ts":"2019-03-14T08:00:00Z"})"
                       "\n",
                       po);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].id, "6d7f53039fcfbaee");
}

}  // namespace
}  // namespace vigie::indexer
