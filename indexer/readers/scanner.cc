#include "indexer/readers/scanner.h"

namespace vigie::indexer::detail {

namespace {

bool looks_like_lang_key(std::string_view k) {
  if (k.size() < 2 || k.size() > 7) return false;
  if (!(k[0] >= 'a' && k[0] <= 'z' && k[1] >= 'a' && k[1] <= 'z')) return false;
  return k.size() == 2 || (k.size() == 3 && k[2] >= 'a' && k[2] <= 'z') || k[2] == '-' ||
         k[2] == '_';
}

}  // namespace

void Scanner::reset() {
  next_k_ = 0;
  pool_used_ = 0;
  users_.clear();
  deferred_.clear();
}

Fields* Scanner::fresh() {
  if (pool_used_ == pool_.size()) pool_.push_back(std::make_unique<Fields>());
  Fields* f = pool_[pool_used_++].get();
  f->clear();
  return f;
}

sj::error_code Scanner::scan_object(od::object obj, Fields& f, int level) {
  const auto& table = key_table();
  for (auto field_r : obj) {
    od::field field;
    if (auto e = std::move(field_r).get(field)) return e;
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return e;
    od::value v = field.value();
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    ++f.nkeys;
    // A NewsAPI map {"en": {"status":"ok","articles":[...]}, "id": {...}}
    // (no known key of this shape ever holds an object).
    if (level == 0 && t == od::json_type::object && looks_like_lang_key(key)) {
      std::string lang(key);
      od::object sub;
      if (auto e = v.get_object().get(sub)) return e;
      if (auto e = scan_lang_page(sub, f, lang)) return e;
      continue;
    }
    auto it = table.find(key);
    Key id = it == table.end() ? k_unknown : it->second;
    if (id == k_unknown) continue;
    // Only NewsAPI's object form of "source" tells the feed; a plain string
    // is as likely a tweet's client or a generic record's outlet.
    if (t != od::json_type::null && (id != k_source || t == od::json_type::object)) f.mark(id);
    sj::error_code e = id < k_user ? scan_leaf(id, v, t, f) : scan_nested(id, v, t, f, level);
    if (e) return e;
  }
  return sj::SUCCESS;
}

// Keys before k_user in Key: strings, dates, ids, counts and flags.
sj::error_code Scanner::scan_leaf(Key id, od::value& v, od::json_type t, Fields& f) {
  switch (id) {
    case k_full_text: return read_str(v, t, f.full_text);
    case k_text: return read_str(v, t, f.text);
    case k_body: return read_str(v, t, f.body);
    case k_selftext: return read_str(v, t, f.selftext);
    case k_title: return read_str(v, t, f.title);
    case k_content: return read_str(v, t, f.content);
    case k_description: return read_str(v, t, f.description);
    case k_story_text: return read_str(v, t, f.story_text);
    case k_created_at: return read_date(v, t, f.created_at);
    case k_created_utc: return read_date(v, t, f.created_utc);
    case k_published_at: return read_date(v, t, f.published_at);
    case k_publish_date: return read_date(v, t, f.publish_date);
    case k_date: return read_date(v, t, f.date);
    case k_id: return read_scalar(v, t, f.id);
    case k_id_str: return read_scalar(v, t, f.id_str);
    case k_name: return read_scalar(v, t, f.name);
    case k_stories_id: return read_scalar(v, t, f.stories_id);
    case k_url: return read_scalar(v, t, f.url);
    case k_permalink: return read_scalar(v, t, f.permalink);
    case k_author: return read_scalar(v, t, f.author);
    case k_author_id: return read_scalar(v, t, f.author_id);
    case k_screen_name: return read_scalar(v, t, f.screen_name);
    case k_username: return read_scalar(v, t, f.username);
    case k_lang: return read_scalar(v, t, f.lang);
    case k_language: return read_scalar(v, t, f.language);
    case k_subreddit: return read_scalar(v, t, f.subreddit);
    case k_media_name: return read_scalar(v, t, f.media_name);
    case k_kind: return read_scalar(v, t, f.kind);
    case k_source_name: return read_scalar(v, t, f.source);
    case k_source:
      if (t == od::json_type::object) {
        od::object o;
        if (auto e = v.get_object().get(o)) return e;
        return scan_named(o, "name", f.source);
      }
      return read_scalar(v, t, f.source_text);
    case k_retweet_count: return read_count(v, t, f.retweet_count);
    case k_favorite_count: return read_count(v, t, f.favorite_count);
    case k_score: return read_count(v, t, f.score);
    case k_truncated:
      if (t == od::json_type::boolean) return v.get_bool().get(f.truncated);
      return sj::SUCCESS;
    default: return sj::SUCCESS;
  }
}

// Keys from k_user on: objects and arrays, and presence-only signals.
sj::error_code Scanner::scan_nested(Key id, od::value& v, od::json_type t, Fields& f, int level) {
  const bool object = t == od::json_type::object, array = t == od::json_type::array;
  od::object o;
  od::array a;
  switch (id) {
    case k_user:
    case k_entities:
    case k_public_metrics:
    case k_extended_tweet:
    case k_includes:
      if (!object) return sj::SUCCESS;
      if (auto e = v.get_object().get(o)) return e;
      if (id == k_user) return scan_named(o, "screen_name", f.user_screen_name);
      if (id == k_entities) return scan_entities(o, f);
      if (id == k_public_metrics) return scan_metrics(o, f.metrics_sum);
      if (id == k_extended_tweet) return scan_extended(o, f.ext_full_text);
      return scan_includes(o);
    case k_retweeted_status:
      if (!object || level >= 4) return sj::SUCCESS;
      if (auto e = v.get_object().get(o)) return e;
      f.retweeted = fresh();
      return scan_object(o, *f.retweeted, level + 1);
    case k_referenced_tweets:
      if (!array) return sj::SUCCESS;
      if (auto e = v.get_array().get(a)) return e;
      return scan_referenced(a, f.referenced_retweet);
    case k_data:
      // Envelopes nest only as APIs nest them: {"data":[...]} and
      // {"data":{...}} at the top, {"kind":"t3","data":{...}} in a Listing.
      if (array && level == 0) {
        if (auto e = v.get_array().get(a)) return e;
        return scan_items(a, f, Ctx::v2_page, "", level);
      }
      if (object && (level == 0 || f.item_ctx == Ctx::reddit_child)) {
        if (auto e = v.get_object().get(o)) return e;
        f.data_obj = fresh();
        f.data_obj->start = location(v);
        return scan_object(o, *f.data_obj, level + 1);
      }
      return sj::SUCCESS;
    case k_statuses:
    case k_articles:
    case k_children: {
      if (!array || (id == k_children ? level != 1 : level != 0)) return sj::SUCCESS;
      if (auto e = v.get_array().get(a)) return e;
      Ctx c = id == k_statuses ? Ctx::v1_page : id == k_articles ? Ctx::news_page : Ctx::reddit_child;
      return scan_items(a, f, c, "", level);
    }
    default: return sj::SUCCESS;  // presence only
  }
}

sj::error_code Scanner::scan_includes(od::object o) {
  return for_array_field(o, "users", [&](od::array a) {
    return for_each_object(a, [&](od::object uo) -> sj::error_code {
      std::string id, username;
      for (auto ur : uo) {
        od::field uf;
        if (auto e = std::move(ur).get(uf)) return e;
        std::string_view uk;
        if (auto e = uf.unescaped_key().get(uk)) return e;
        if (uk != "id" && uk != "username") continue;
        od::json_type ut;
        if (auto e = uf.value().type().get(ut)) return e;
        if (auto e = read_scalar(uf.value(), ut, uk == "id" ? id : username)) return e;
      }
      if (!id.empty()) users_.emplace_back(std::move(id), std::move(username));
      return sj::SUCCESS;
    });
  });
}

sj::error_code Scanner::scan_lang_page(od::object o, Fields& root, const std::string& lang) {
  return for_array_field(o, "articles", [&](od::array a) {
    root.mark(k_articles);
    return scan_items(a, root, Ctx::news_page, lang, 1);
  });
}

sj::error_code Scanner::scan_items(od::array a, Fields& owner, Ctx ctx, std::string_view lang,
                                   int level) {
  owner.item_ctx = ctx;
  sink_.begin_page();
  for (auto er : a) {
    od::value v;
    if (auto e = std::move(er).get(v)) return e;
    size_t mark = pool_used_;
    Fields* it = fresh();
    it->item_ctx = ctx;
    it->declared_lang.assign(lang);
    it->start = location(v);
    it->k = next_position();
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t == od::json_type::object) {
      od::object o;
      if (auto e = v.get_object().get(o)) return e;
      if (auto e = scan_object(o, *it, level + 1)) return e;
    } else {
      it->not_object = true;
    }
    if (ctx == Ctx::v2_page) {
      deferred_.push_back(it);
    } else {
      sink_.item(*it, ctx);
      pool_used_ = mark;
    }
  }
  if (ctx != Ctx::v2_page) sink_.end_page();
  return sj::SUCCESS;
}

}  // namespace vigie::indexer::detail
