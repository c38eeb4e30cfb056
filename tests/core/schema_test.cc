// The schema's encodings round-trip and its terms obey Xapian's limits.
#include <gtest/gtest.h>

#include <set>

#include "core/schema.h"

namespace vigie::schema {
namespace {

TEST(Schema, IdTermHasKindAndId) {
  EXPECT_EQ(id_term("tweet", "1234"), "Qtweet:1234");
  EXPECT_EQ(id_term("news", "https://x.example/a"), "Qnews:https://x.example/a");
}

TEST(Schema, OverlongIdIsHashedUnderTheTermLimit) {
  std::string long_id(1000, 'a');
  std::string t = id_term("news", long_id);
  EXPECT_LE(t.size(), 245u);
  EXPECT_EQ(t.rfind("Qnews:#", 0), 0u);
  EXPECT_EQ(t, id_term("news", long_id));                  // stable
  EXPECT_NE(t, id_term("news", std::string(1000, 'b')));  // and distinct
}

TEST(Schema, BooleanTermFoldsCase) {
  EXPECT_EQ(boolean_term(prefix::kLang, "EN"), "Len");
  EXPECT_EQ(boolean_term(prefix::kSource, "Le Monde"), "XOle monde");
}

TEST(Schema, BooleanTermIsCutAtACodePointBoundary) {
  std::string value;
  for (int i = 0; i < 200; ++i) value += "é";  // 2 bytes each
  std::string t = boolean_term(prefix::kSource, value);
  EXPECT_LE(t.size(), 245u);
  EXPECT_EQ((t.size() - prefix::kSource.size()) % 2, 0u);
}

TEST(Schema, PrefixesAreDistinct) {
  std::set<std::string_view> all{prefix::kId,     prefix::kTitle,   prefix::kStem,     prefix::kLang,
                                 prefix::kKind,   prefix::kAuthor,  prefix::kDay,      prefix::kMonth,
                                 prefix::kYear,   prefix::kSource,   prefix::kHashtag,
                                 prefix::kMention, prefix::kDomain, prefix::kTopic,    prefix::kStance,
                                 prefix::kSentiment, prefix::kFlag};
  EXPECT_EQ(all.size(), 17u);
}

TEST(Schema, TopicsRoundTrip) {
  std::vector<TopicValue> in{{"harm_reduction", 0.75, 0.5}, {"overdose", 1.0, std::nullopt}};
  auto out = decode_topics(encode_topics(in));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].id, "harm_reduction");
  EXPECT_DOUBLE_EQ(out[0].relevance, 0.75);
  ASSERT_TRUE(out[0].sentiment.has_value());
  EXPECT_DOUBLE_EQ(*out[0].sentiment, 0.5);
  EXPECT_EQ(out[1].id, "overdose");
  EXPECT_FALSE(out[1].sentiment.has_value());
  EXPECT_TRUE(decode_topics("").empty());
}

TEST(Schema, SentimentBandsRoundTrip) {
  std::vector<SentimentBandValue> in{{"ar", 0.28, -0.24}, {"en", 0.05, -0.05}, {"und", 0.1 + 0.2, -1e-3}};
  const std::string enc = encode_sentiment_bands(in);
  EXPECT_EQ(enc.substr(0, 18), "ar:0.28:-0.24;en:0");
  auto out = decode_sentiment_bands(enc);
  ASSERT_EQ(out.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(out[i].lang, in[i].lang);
    EXPECT_EQ(out[i].positive, in[i].positive);  // exact: shortest round-trip decimals
    EXPECT_EQ(out[i].negative, in[i].negative);
  }
  // Shards that disagree read "mixed: A | B"; a malformed entry spoils all.
  EXPECT_TRUE(decode_sentiment_bands("mixed: " + enc + " | " + enc).empty());
  EXPECT_TRUE(decode_sentiment_bands("ar:0.28").empty());
  EXPECT_TRUE(decode_sentiment_bands("ar:x:-0.2").empty());
  EXPECT_TRUE(decode_sentiment_bands("").empty());
}

TEST(Schema, SentencesRoundTrip) {
  std::vector<SentenceValue> in{{0, 10, -0.25}, {11, 40, 0.5}};
  auto out = decode_sentences(encode_sentences(in));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[1].begin, 11u);
  EXPECT_EQ(out[1].end, 40u);
  EXPECT_DOUBLE_EQ(out[0].compound, -0.25);
}

TEST(Schema, U64IsBigEndianSoSortOrderIsNumeric) {
  EXPECT_EQ(decode_u64(encode_u64(0x0123456789abcdefULL)), 0x0123456789abcdefULL);
  EXPECT_LT(encode_u64(255), encode_u64(256));
  EXPECT_EQ(encode_u64(1).size(), 8u);
}

}  // namespace
}  // namespace vigie::schema
