// NewsAPI: articles of {"status":"ok","articles":[...]}, language-keyed maps
// of such responses, and bare articles.
#include "indexer/readers/feeds.h"
#include "indexer/readers/record_rules.h"

namespace vigie::indexer::detail {

namespace {

// NewsAPI's "content" is the article's start cut at ~200 chars, and
// usually begins with the description: keep the longer one when one
// contains the other, both otherwise.
std::string news_text(const std::string& description, const std::string& content) {
  if (content.empty()) return description;
  if (description.empty()) return content;
  // A description cut by the feed ends in an ellipsis the content lacks.
  std::string_view d(description);
  for (std::string_view tail : {std::string_view("\u2026"), std::string_view("...")})
    if (d.size() > tail.size() && d.substr(d.size() - tail.size()) == tail) {
      d.remove_suffix(tail.size());
      break;
    }
  while (!d.empty() && d.back() == ' ') d.remove_suffix(1);
  if (std::string_view(content).substr(0, d.size()) == d) return content;
  if (description.rfind(content, 0) == 0) return description;
  return description + "\n\n" + content;
}

}  // namespace

bool build_newsapi(const Fields& f, Record& r, std::string& reason) {
  if (!type_check({{&f.title, "title"}, {&f.description, "description"}, {&f.content, "content"}},
                  reason))
    return false;
  r.kind = Kind::news;
  r.title = f.title.nonempty() ? f.title.v : std::string();
  r.text = news_text(f.description.nonempty() ? f.description.v : std::string(),
                     f.content.nonempty() ? f.content.v : std::string());
  // A record may look like an article and still carry its body and date
  // under the generic names: never drop a field the record has.
  if (r.text.empty() && f.text.nonempty()) r.text = f.text.v;
  if (r.text.empty() && r.title.empty()) {
    reason = "no text";
    return false;
  }
  if (!set_feed_date(f.published_at, false, f, r, reason)) return false;
  const DateVal& date = f.published_at.type != DateVal::absent ? f.published_at : f.date;
  r.lang = !f.language.empty() ? f.language : f.declared_lang;
  r.source = !f.source.empty() ? f.source : f.source_text;
  r.author = f.author;
  r.url = f.url;
  r.id = f.url;
  if (r.id.empty()) r.id = stable_hash({"news", r.title, r.text, date.raw});
  return true;
}

}  // namespace vigie::indexer::detail
