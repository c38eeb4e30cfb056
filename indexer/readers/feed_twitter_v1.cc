// Twitter API v1.1: tweet objects (full_text, extended_tweet, retweeted_status).
#include <charconv>

#include "core/time.h"
#include "indexer/readers/feeds.h"
#include "indexer/readers/record_rules.h"

namespace vigie::indexer::detail {

std::string tweet_url(const std::string& user, const std::string& id) {
  if (user.empty() || id.empty()) return {};
  return "https://twitter.com/" + user + "/status/" + id;
}

void snowflake_time(const std::string& id, Record& r) {
  uint64_t x = 0;
  auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), x);
  if (ec == std::errc() && p == id.data() + id.size())
    if (auto t = time::from_snowflake(x)) r.time = *t;
}

void take_hashtags(const Fields& f, Record& r) {
  r.hashtags.assign(f.hashtags.begin(), f.hashtags.begin() + static_cast<ptrdiff_t>(f.hashtag_count));
}

bool build_twitter_v1(const Fields& f, Record& r, std::string& reason) {
  if (!type_check({{&f.full_text, "full_text"}, {&f.text, "text"}}, reason)) return false;
  r.kind = Kind::tweet;
  std::string text = first_nonempty({&f.ext_full_text, &f.full_text, &f.text});
  if (text.rfind("RT @", 0) == 0) r.is_retweet = true;
  if (f.retweeted) {
    const Fields& rs = *f.retweeted;
    const std::string& rt = first_nonempty({&rs.ext_full_text, &rs.full_text, &rs.text});
    if (!rt.empty()) {
      text = rt;
      r.is_retweet = true;
    }
  }
  if (text.empty()) {
    reason = "no text";
    return false;
  }
  r.text = std::move(text);
  if (!set_feed_date(f.created_at, false, f, r, reason)) return false;
  r.id = !f.id_str.empty() ? f.id_str : f.id;
  if (!r.time) snowflake_time(r.id, r);
  r.author = f.user_screen_name;
  r.lang = lang_or_none(f.lang);
  r.source = "twitter";
  r.url = tweet_url(r.author, r.id);
  take_hashtags(f, r);
  r.engagement = f.retweet_count + f.favorite_count;
  if (r.id.empty()) r.id = stable_hash({"tweet", r.title, r.text, f.created_at.raw});
  return true;
}

}  // namespace vigie::indexer::detail
