// Reddit: Pushshift comments and submissions, and the data of a Reddit API
// thing ({"kind":"t1"|"t3","data":{...}}, alone or in a Listing).
#include "indexer/readers/feeds.h"
#include "indexer/readers/record_rules.h"

namespace vigie::indexer::detail {

bool build_reddit(const Fields& f, Record& r, std::string& reason) {
  if (!type_check({{&f.body, "body"}, {&f.title, "title"}, {&f.selftext, "selftext"}}, reason))
    return false;
  r.kind = Kind::reddit;
  r.text = first_nonempty({&f.body, &f.selftext});
  r.title = f.title.nonempty() ? f.title.v : std::string();
  if (r.text.empty() && r.title.empty()) {
    reason = "no text";
    return false;
  }
  if (!set_date(f.created_utc, true, r, reason)) return false;
  r.id = !f.name.empty() ? f.name : f.id;
  r.author = f.author;
  r.source = f.subreddit.empty() ? "reddit" : "r/" + f.subreddit;
  r.url = !f.permalink.empty() ? "https://www.reddit.com" + f.permalink : f.url;
  r.engagement = f.score;
  if (r.id.empty()) r.id = stable_hash({"reddit", r.title, r.text, f.created_utc.raw});
  return true;
}

}  // namespace vigie::indexer::detail
