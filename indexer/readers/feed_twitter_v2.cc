// Twitter API v2: tweet objects of {"data":...,"includes":{"users":[...]}}.
#include "indexer/readers/feeds.h"
#include "indexer/readers/record_rules.h"

namespace vigie::indexer::detail {

bool build_twitter_v2(const Fields& f, const UserTable& users, Record& r, std::string& reason) {
  if (!type_check({{&f.text, "text"}}, reason)) return false;
  r.kind = Kind::tweet;
  if (!f.text.nonempty()) {
    reason = "no text";
    return false;
  }
  r.text = f.text.v;
  if (!set_feed_date(f.created_at, false, f, r, reason)) return false;
  r.id = f.id;
  if (!r.time) snowflake_time(r.id, r);
  if (!f.author_id.empty())
    for (const auto& [uid, uname] : users)
      if (uid == f.author_id) {
        r.author = uname;
        break;
      }
  r.lang = lang_or_none(f.lang);
  r.source = "twitter";
  r.url = tweet_url(r.author, r.id);
  take_hashtags(f, r);
  r.engagement = f.metrics_sum;
  r.is_retweet = f.referenced_retweet || r.text.rfind("RT @", 0) == 0;
  if (r.id.empty()) r.id = stable_hash({"tweet", r.title, r.text, f.created_at.raw});
  return true;
}

}  // namespace vigie::indexer::detail
