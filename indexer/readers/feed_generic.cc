// Generic records: an object with a text field but none of the known
// feeds' signatures, read by the common field names.
#include "indexer/readers/feeds.h"
#include "indexer/readers/record_rules.h"

namespace vigie::indexer::detail {

bool build_generic(const Fields& f, Record& r, std::string& reason) {
  if (!type_check({{&f.full_text, "full_text"}, {&f.text, "text"}, {&f.body, "body"},
                   {&f.selftext, "selftext"}, {&f.title, "title"}, {&f.content, "content"},
                   {&f.description, "description"}, {&f.story_text, "story_text"}},
                  reason))
    return false;
  r.kind = Kind::news;
  r.title = f.title.nonempty() ? f.title.v : std::string();
  r.text = first_nonempty(
      {&f.full_text, &f.text, &f.body, &f.content, &f.selftext, &f.story_text, &f.description});
  if (r.text.empty() && r.title.empty()) {
    reason = "no text";
    return false;
  }
  const DateVal* d = &f.date;
  for (const DateVal* c : {&f.date, &f.created_at, &f.published_at, &f.publish_date, &f.created_utc})
    if (c->type != DateVal::absent) {
      d = c;
      break;
    }
  if (!set_date(*d, true, r, reason)) return false;
  r.lang = lang_or_none(!f.lang.empty() ? f.lang : f.language);
  r.author = f.author;
  r.source = !f.source.empty() ? f.source : f.source_text;
  r.url = f.url;
  r.id = !f.id.empty() ? f.id : f.url;
  if (r.id.empty()) r.id = stable_hash({"news", r.title, r.text, d->raw});
  return true;
}

}  // namespace vigie::indexer::detail
