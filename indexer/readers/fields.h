// What one scan of a JSON object keeps: the fields any feed needs, plus
// presence bits of the keys that tell feeds apart. Shared by the scanner
// (writes), format detection and the feed builders (read).
//
// Nothing here points into simdjson's buffers: strings are copied, and a
// Fields' capacity is reused from value to value (clear() keeps it).
// Plain data, not thread-safe; each RecordParser owns its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vigie::indexer::detail {

// A string-valued field. JSON null counts as absent (documented rule).
struct Str {
  bool present = false;    // key present with a non-null value
  bool is_string = false;  // ... and that value is a string
  std::string v;
  void clear() {
    present = is_string = false;
    v.clear();
  }
  bool nonempty() const { return is_string && !v.empty(); }
};

// A date-valued field: string, number, or something else (unparseable).
struct DateVal {
  enum Type : uint8_t { absent, string, number, other } type = absent;
  std::string raw;  // the string's content, or the number's JSON text
  void clear() {
    type = absent;
    raw.clear();
  }
};

enum Key : int {
  k_unknown = 0,
  // text fields
  k_full_text, k_text, k_body, k_selftext, k_title, k_content, k_description, k_story_text,
  // dates
  k_created_at, k_created_utc, k_published_at, k_publish_date, k_date,
  // ids and plain strings
  k_id, k_id_str, k_name, k_stories_id, k_url, k_permalink, k_author, k_author_id,
  k_screen_name, k_username, k_lang, k_language, k_subreddit, k_media_name, k_kind,
  k_source, k_source_name,
  // numbers and flags
  k_retweet_count, k_favorite_count, k_score, k_truncated,
  // nested
  k_user, k_entities, k_public_metrics, k_retweeted_status, k_extended_tweet,
  k_referenced_tweets, k_data, k_statuses, k_articles, k_children, k_includes,
  // presence only (format signals)
  k_tweet_count, k_place_type, k_places, k_result, k_member_count, k_owner_id,
  k_edit_history_tweet_ids, k_conversation_id, k_subreddit_id, k_link_id, k_url_to_image,
  k_meta, k_search_metadata, k_media_id, k_followers_count,
  k_count
};
static_assert(k_count <= 64);

// JSON key -> Key, for the keys any feed reads or detects by.
const std::unordered_map<std::string_view, Key>& key_table();

// Where a record object sat; decides its format when the file does not.
enum class Ctx : uint8_t { bare, v1_page, v2_page, news_page, reddit_child };

struct Fields {
  uint64_t seen = 0;  // bit per Key present (with a non-null value)
  uint32_t nkeys = 0;  // all keys, known or not
  Str full_text, text, body, selftext, title, content, description, story_text;
  Str ext_full_text;  // extended_tweet.full_text
  DateVal created_at, created_utc, published_at, publish_date, date;
  std::string id, id_str, name, stories_id, url, permalink, author, author_id, screen_name,
      username, lang, language, subreddit, media_name, kind, source, user_screen_name;
  // "source" as a plain string: a tweet's client, or a generic record's outlet
  // (NewsAPI's source is an object {"id","name"} and goes to `source`).
  std::string source_text;
  int64_t retweet_count = 0, favorite_count = 0, score = 0, metrics_sum = 0;
  bool truncated = false, referenced_retweet = false, not_object = false;
  std::vector<std::string> hashtags;
  size_t hashtag_count = 0;  // hashtags[0, hashtag_count) are valid (capacity reuse)
  Fields* retweeted = nullptr;
  Fields* data_obj = nullptr;
  // Page bookkeeping (root objects only).
  Ctx item_ctx = Ctx::bare;
  std::string declared_lang;  // language-keyed NewsAPI map
  const char* start = nullptr;
  uint32_t k = 0;

  bool has(Key key) const { return seen & (uint64_t{1} << key); }
  void mark(Key key) { seen |= uint64_t{1} << key; }
  void clear();
  void add_hashtag(std::string_view h) {
    if (hashtag_count == hashtags.size()) hashtags.emplace_back();
    hashtags[hashtag_count++].assign(h);
  }
};

// includes.users of a Twitter v2 page: (id, username) in page order.
using UserTable = std::vector<std::pair<std::string, std::string>>;

}  // namespace vigie::indexer::detail
