// The index schema: every term prefix and value slot Vigie writes, and how
// each value is encoded. The indexer writes through these names and the query
// layer reads through them; nothing else in the tree spells a prefix or a slot
// number. Changing anything here that alters what is on disk means bumping
// kSchemaVersion (stored in the database metadata, checked on open).
//
// Conventions follow Omega's: single capital letters for the well-known
// prefixes (Q unique id, S title, L language, A author, D/M/Y dates, K kind,
// Z stemmed term), X + capitals for Vigie's own. Boolean term values are
// normalised (NFKC, case folded) so they never start with a capital, which
// keeps prefix and value unambiguous without a ':' separator.
//
// Thread safety: constants and pure functions only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::schema {

// 2: near-duplicate band terms (XN) and signatures (slot 17) for edited
//    copies; an index of version 1 lacks them and must be rebuilt.
// 3: exact cluster terms (XC), so that a result's cluster size is counted
//    from the cluster's posting list, not from every match's kCluster value.
inline constexpr int kSchemaVersion = 3;

// ---- Term prefixes -------------------------------------------------------
namespace prefix {
inline constexpr std::string_view kId = "Q";          // boolean: "<kind>:<source id>", unique
inline constexpr std::string_view kTitle = "S";       // free text: title words
inline constexpr std::string_view kStem = "Z";        // stemmed form (Xapian convention)
inline constexpr std::string_view kLang = "L";        // boolean: ISO 639-1 code, or "und"
inline constexpr std::string_view kKind = "K";        // boolean: tweet | reddit | news
inline constexpr std::string_view kAuthor = "A";      // boolean: normalised author handle
inline constexpr std::string_view kDay = "D";         // boolean: YYYYMMDD (UTC)
inline constexpr std::string_view kMonth = "M";       // boolean: YYYYMM
inline constexpr std::string_view kYear = "Y";        // boolean: YYYY
// "XW" (ISO week) is retired: week:2019-W11 is the D/M terms of its 7 days.
inline constexpr std::string_view kSource = "XO";     // boolean: outlet, subreddit or client ("outlet")
inline constexpr std::string_view kHashtag = "XH";    // boolean: hashtag without '#', normalised
inline constexpr std::string_view kMention = "XM";    // boolean: @mention without '@', normalised
inline constexpr std::string_view kDomain = "XU";     // boolean: host of a URL in the text
inline constexpr std::string_view kTopic = "XT";      // boolean: taxonomy topic id
inline constexpr std::string_view kStance = "XP";     // boolean: reform | prohibition | none
inline constexpr std::string_view kSentiment = "XE";  // boolean: positive | neutral | negative
inline constexpr std::string_view kFlag = "XF";       // boolean: "undated", "retweet", "duplicate"
inline constexpr std::string_view kNearBand = "XN";   // boolean: near-duplicate LSH band: band + 8 hex digits
inline constexpr std::string_view kExactCluster = "XC";  // boolean: exact cluster key (slot kCluster), 16 hex digits
}  // namespace prefix

// ---- Value slots -----------------------------------------------------------
// Numbers are Xapian::sortable_serialise()d doubles so that range queries and
// sorting work on them; strings are stored raw (UTF-8).
enum Slot : unsigned {
  kTime = 0,         // sortable: UTC seconds since the epoch; absent when undated
  // 1: retired (was the ISO week; the week facet buckets kDayNumber). Do not reuse.
  kLangValue = 2,    // string: language code (facet)
  kKindValue = 3,    // string: kind (facet)
  kSourceValue = 4,  // string: outlet as written (facet, display)
  kAuthorValue = 5,  // string: author as written (facet, display)
  kEngagement = 6,   // sortable: retweets + likes/score (+ followers/1000 for tweets)
  kSentimentScore = 7,  // sortable: document compound sentiment in [-1, 1]
  kCluster = 8,      // string: 8-byte big-endian near-duplicate cluster id (collapse key)
  kSimhash = 9,      // string: 8-byte big-endian 64-bit SimHash of the shingles
  kTopics = 10,      // string: encode_topics() of the document's topics
  kSentences = 11,   // string: encode_sentences() per-sentence sentiment
  kStanceValue = 12,  // string: reform | prohibition | none
  kStanceScore = 13,  // sortable: confidence of the stance label
  kDayNumber = 14,   // sortable: days since 1970-01-01 (cheap day/week bucketing)
  kHashtags = 15,    // string: hashtags joined by '\n' (facet)
  // 16: retired (was the feed id, which the document data holds). Do not reuse.
  kNearSignature = 17,  // string: encode_near_signature() MinHash signature (analytics/dedup)
};

// Document data: a compact JSON object with the fields a result shows
// (id, kind, lang, date, author, source, title, url, text). Kept as JSON so
// `xapian-delve -d` and `quest` show something readable.

// ---- Database metadata keys ----------------------------------------------
namespace meta {
inline constexpr std::string_view kSchemaVersion = "vigie.schema_version";
inline constexpr std::string_view kAnalyzerVersion = "vigie.analyzer_version";
inline constexpr std::string_view kSentimentModel = "vigie.sentiment_model";
inline constexpr std::string_view kTaxonomyVersion = "vigie.taxonomy_version";
inline constexpr std::string_view kShards = "vigie.shards";       // on each shard: "i/n"
inline constexpr std::string_view kCreated = "vigie.created";     // ISO time of first write
inline constexpr std::string_view kCheckpoint = "vigie.checkpoint";  // resume state
// "K/N" on an index written by `vigie index --partition K/N` (indexer/
// partition.h); absent = every record. Optional: older indexes read the same.
inline constexpr std::string_view kPartition = "vigie.partition";
// The neutral sentiment band of each language, as the indexer labelled
// documents with (encode_sentiment_bands). Readers label topic aspect scores
// with the same bands; an index without the key gets the lexicon's.
inline constexpr std::string_view kSentimentBands = "vigie.sentiment_bands";
}  // namespace meta

// ---- Encodings --------------------------------------------------------------
// The unique id term for a record: prefix Q + kind + ':' + id. Terms are
// limited to 245 bytes by Xapian; over-long ids are hashed.
std::string id_term(std::string_view kind, std::string_view source_id);

// Boolean term with a normalised value (NFKC, case fold, spaces kept).
// Values longer than the Xapian term limit are truncated at a UTF-8 boundary.
std::string boolean_term(std::string_view prefix, std::string_view value);

// Value slot for a topic list: "id:relevance:sentiment;..." with fixed 3
// decimals, parseable by decode_topics(). Sentiment is "" when unknown.
struct TopicValue {
  std::string id;
  double relevance = 0;
  std::optional<double> sentiment;
};
std::string encode_topics(const std::vector<TopicValue>& topics);
std::vector<TopicValue> decode_topics(std::string_view encoded);

// Metadata meta::kSentimentBands: "lang:positive:negative;..." in shortest
// round-trip decimals; "und" is the band of a language without its own.
// decode returns nothing when any entry is malformed (e.g. shards that
// disagree, which Index::metadata() reports as "mixed: ...").
struct SentimentBandValue {
  std::string lang;
  double positive = 0;
  double negative = 0;
};
std::string encode_sentiment_bands(const std::vector<SentimentBandValue>& bands);
std::vector<SentimentBandValue> decode_sentiment_bands(std::string_view encoded);

// Per-sentence sentiment: "begin:end:compound;..." (byte offsets into text).
struct SentenceValue {
  uint32_t begin = 0, end = 0;
  double compound = 0;
};
std::string encode_sentences(const std::vector<SentenceValue>& sentences);
std::vector<SentenceValue> decode_sentences(std::string_view encoded);

// Near-duplicates (analytics/dedup): the band term of a band key (its bits
// 32..35 as one hex digit, then bits 0..31 as 8), and the signature as
// 16-bit big-endian values (decode returns {} on a bad length).
std::string near_band_term(uint64_t band_key);
// The band key of a band term (near_band_term's inverse); nullopt for any
// other term.
std::optional<uint64_t> near_band_key(std::string_view term);
// The exact cluster term of a kCluster key (prefix XC, 16 lower-case hex digits).
std::string cluster_term(uint64_t key);
std::string encode_near_signature(const std::vector<uint16_t>& hashes);
std::vector<uint16_t> decode_near_signature(std::string_view encoded);

// 64-bit big-endian for kCluster / kSimhash (sort order = numeric order).
std::string encode_u64(uint64_t v);
uint64_t decode_u64(std::string_view s);

}  // namespace vigie::schema
