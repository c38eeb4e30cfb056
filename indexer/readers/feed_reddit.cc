// Reddit: Pushshift comments and submissions, and the data of a Reddit API
// thing ({"kind":"t1"|"t3","data":{...}}, alone or in a Listing).
#include "indexer/readers/feeds.h"
#include "indexer/readers/record_rules.h"

namespace vigie::indexer::detail {

namespace {

bool is_fullname(const std::string& id) {
  return id.size() > 3 && id[0] == 't' && id[1] >= '1' && id[1] <= '6' && id[2] == '_';
}

}  // namespace

// One item is one id whichever API it came from: Reddit's fullname (t1_
// comment, t3_ submission). Pushshift and some exports give the bare
// base-36 id; the type comes from the fields (a comment has a body).
std::string reddit_id(const Fields& f) {
  if (is_fullname(f.name)) return f.name;
  const std::string& id = !f.name.empty() ? f.name : f.id;
  if (id.empty() || is_fullname(id)) return id;
  if (f.body.present) return "t1_" + id;
  if (f.title.present || f.selftext.present) return "t3_" + id;
  return id;
}

bool build_reddit(const Fields& f, Record& r, std::string& reason) {
  if (!type_check({{&f.body, "body"}, {&f.title, "title"}, {&f.selftext, "selftext"}}, reason))
    return false;
  r.kind = Kind::reddit;
  // "text" is no Reddit field, but a record that looks like Reddit (it
  // has a subreddit) may still carry its body there.
  r.text = first_nonempty({&f.body, &f.selftext, &f.text});
  r.title = f.title.nonempty() ? f.title.v : std::string();
  if (r.text.empty() && r.title.empty()) {
    reason = "no text";
    return false;
  }
  if (!set_feed_date(f.created_utc, true, f, r, reason)) return false;
  r.id = reddit_id(f);
  r.author = f.author;
  r.source = f.subreddit.empty() ? "reddit" : "r/" + f.subreddit;
  r.url = !f.permalink.empty() ? "https://www.reddit.com" + f.permalink : f.url;
  r.engagement = f.score;
  if (r.id.empty()) r.id = stable_hash({"reddit", r.title, r.text, f.created_utc.raw});
  return true;
}

}  // namespace vigie::indexer::detail
