// Media Cloud: stories (title, text or story_text, publish_date, media_name).
#include "indexer/readers/feeds.h"
#include "indexer/readers/record_rules.h"

namespace vigie::indexer::detail {

bool build_mediacloud(const Fields& f, Record& r, std::string& reason) {
  if (!type_check({{&f.title, "title"}, {&f.text, "text"}, {&f.story_text, "story_text"}}, reason))
    return false;
  r.kind = Kind::news;
  r.title = f.title.nonempty() ? f.title.v : std::string();
  r.text = first_nonempty({&f.text, &f.story_text});
  if (r.text.empty() && r.title.empty()) {
    reason = "no text";
    return false;
  }
  if (!set_feed_date(f.publish_date, false, f, r, reason)) return false;
  r.lang = !f.language.empty() ? f.language : f.declared_lang;
  r.source = f.media_name;
  r.url = f.url;
  r.id = !f.url.empty() ? f.url : f.stories_id;
  if (r.id.empty()) r.id = stable_hash({"news", r.title, r.text, f.publish_date.raw});
  return true;
}

}  // namespace vigie::indexer::detail
