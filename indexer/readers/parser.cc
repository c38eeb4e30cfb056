// RecordParser: JSON (one value per line, or one whole document) -> Records
// and Rejects, following the rules of issue 2 (see docs/formats.md).
//
// One pass per JSON value with simdjson On Demand: each object is scanned
// once, field by field, into a Fields struct holding only what any format
// needs (plus presence bits of the keys that tell formats apart); the format
// is decided afterwards from those bits and the envelope the object sat in.
// Nothing is kept that points into simdjson's buffers: strings are copied
// into Fields (whose capacity is reused from value to value).
//
// A line whose JSON turns out to be broken anywhere is rejected whole: the
// records already taken from it are removed again (rule: one Reject for the
// line). Records of a page (array, API response) are checked one by one, so
// one bad record in a page of 100 loses only that record.
#include "indexer/readers/parser.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include "core/errors.h"
#include "core/time.h"

namespace vigie::indexer {

namespace sj = simdjson;
namespace od = simdjson::ondemand;

std::optional<Format> parse_format(std::string_view name) {
  if (name == "auto" || name == "automatic") return Format::automatic;
  if (name == "twitter-v1") return Format::twitter_v1;
  if (name == "twitter-v2") return Format::twitter_v2;
  if (name == "reddit") return Format::reddit;
  if (name == "newsapi") return Format::newsapi;
  if (name == "mediacloud") return Format::mediacloud;
  if (name == "jsonl") return Format::jsonl;
  return std::nullopt;
}

std::string_view format_name(Format f) {
  switch (f) {
    case Format::automatic: return "auto";
    case Format::twitter_v1: return "twitter-v1";
    case Format::twitter_v2: return "twitter-v2";
    case Format::reddit: return "reddit";
    case Format::newsapi: return "newsapi";
    case Format::mediacloud: return "mediacloud";
    case Format::jsonl: return "jsonl";
  }
  return "auto";
}

FieldMap FieldMap::parse(std::string_view spec) {
  static constexpr std::string_view kKeys[] = {"text", "title",  "date", "id",  "lang",
                                               "author", "source", "url", "kind"};
  FieldMap m;
  while (!spec.empty()) {
    size_t comma = spec.find(',');
    std::string_view item = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos || eq == 0 || eq + 1 == item.size())
      throw UsageError("--map: expected key=field, got '" + std::string(item) + "'");
    std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys))
      throw UsageError("--map: unknown key '" + std::string(key) +
                       "' (keys: text, title, date, id, lang, author, source, url, kind)");
    if (value.front() == '.' || value.back() == '.' || value.find("..") != std::string_view::npos)
      throw UsageError("--map: bad field path '" + std::string(value) + "'");
    m.fields[std::string(key)] = std::string(value);
  }
  return m;
}

namespace {

// ---------------------------------------------------------------------------
// What one scan of an object keeps.

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

const std::unordered_map<std::string_view, Key>& key_table() {
  static const std::unordered_map<std::string_view, Key> t = {
      {"full_text", k_full_text}, {"text", k_text}, {"body", k_body},
      {"selftext", k_selftext}, {"title", k_title}, {"content", k_content},
      {"description", k_description}, {"story_text", k_story_text},
      {"created_at", k_created_at}, {"created_utc", k_created_utc},
      {"publishedAt", k_published_at}, {"publish_date", k_publish_date}, {"date", k_date},
      {"id", k_id}, {"id_str", k_id_str}, {"name", k_name}, {"stories_id", k_stories_id},
      {"url", k_url}, {"permalink", k_permalink}, {"author", k_author},
      {"author_id", k_author_id}, {"screen_name", k_screen_name}, {"username", k_username},
      {"lang", k_lang}, {"language", k_language}, {"subreddit", k_subreddit},
      {"media_name", k_media_name}, {"kind", k_kind}, {"source", k_source},
      {"source-name", k_source_name}, {"retweet_count", k_retweet_count},
      {"favorite_count", k_favorite_count}, {"score", k_score}, {"truncated", k_truncated},
      {"user", k_user}, {"entities", k_entities}, {"public_metrics", k_public_metrics},
      {"retweeted_status", k_retweeted_status}, {"extended_tweet", k_extended_tweet},
      {"referenced_tweets", k_referenced_tweets}, {"data", k_data}, {"statuses", k_statuses},
      {"articles", k_articles}, {"children", k_children}, {"includes", k_includes},
      {"tweet_count", k_tweet_count}, {"place_type", k_place_type}, {"places", k_places},
      {"result", k_result}, {"member_count", k_member_count}, {"owner_id", k_owner_id},
      {"edit_history_tweet_ids", k_edit_history_tweet_ids},
      {"conversation_id", k_conversation_id}, {"subreddit_id", k_subreddit_id},
      {"link_id", k_link_id}, {"urlToImage", k_url_to_image}, {"meta", k_meta},
      {"search_metadata", k_search_metadata}, {"media_id", k_media_id},
      {"followers_count", k_followers_count},
  };
  return t;
}

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
  void clear() {
    seen = 0;
    nkeys = 0;
    for (Str* s : {&full_text, &text, &body, &selftext, &title, &content, &description,
                   &story_text, &ext_full_text})
      s->clear();
    for (DateVal* d : {&created_at, &created_utc, &published_at, &publish_date, &date}) d->clear();
    for (std::string* s : {&id, &id_str, &name, &stories_id, &url, &permalink, &author,
                           &author_id, &screen_name, &username, &lang, &language, &subreddit,
                           &media_name, &kind, &source, &user_screen_name, &declared_lang})
      s->clear();
    retweet_count = favorite_count = score = metrics_sum = 0;
    truncated = referenced_retweet = not_object = false;
    hashtag_count = 0;
    retweeted = data_obj = nullptr;
    item_ctx = Ctx::bare;
    start = nullptr;
    k = 0;
  }
  void add_hashtag(std::string_view h) {
    if (hashtag_count == hashtags.size()) hashtags.emplace_back();
    hashtags[hashtag_count++].assign(h);
  }
};

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

const char* error_name(sj::error_code e) {
  switch (e) {
    case sj::CAPACITY: return "CAPACITY";
    case sj::MEMALLOC: return "MEMALLOC";
    case sj::TAPE_ERROR: return "TAPE_ERROR";
    case sj::DEPTH_ERROR: return "DEPTH_ERROR";
    case sj::STRING_ERROR: return "STRING_ERROR";
    case sj::T_ATOM_ERROR: return "T_ATOM_ERROR";
    case sj::F_ATOM_ERROR: return "F_ATOM_ERROR";
    case sj::N_ATOM_ERROR: return "N_ATOM_ERROR";
    case sj::NUMBER_ERROR: return "NUMBER_ERROR";
    case sj::UTF8_ERROR: return "UTF8_ERROR";
    case sj::EMPTY: return "EMPTY";
    case sj::UNESCAPED_CHARS: return "UNESCAPED_CHARS";
    case sj::UNCLOSED_STRING: return "UNCLOSED_STRING";
    case sj::INCORRECT_TYPE: return "INCORRECT_TYPE";
    case sj::NUMBER_OUT_OF_RANGE: return "NUMBER_OUT_OF_RANGE";
    case sj::INCOMPLETE_ARRAY_OR_OBJECT: return "INCOMPLETE_ARRAY_OR_OBJECT";
    case sj::TRAILING_CONTENT: return "TRAILING_CONTENT";
    case sj::OUT_OF_BOUNDS: return "OUT_OF_BOUNDS";
    default: return "ERROR";
  }
}

// Length of the valid UTF-8 sequence at s[i], 0 if invalid or cut short.
size_t utf8_seq(std::string_view s, size_t i) {
  auto b = [&](size_t j) { return static_cast<unsigned char>(s[j]); };
  unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t j = 1; j < n; ++j)
    if ((b(i + j) & 0xC0) != 0x80) return 0;
  if (n == 3 && c == 0xE0 && b(i + 1) < 0xA0) return 0;  // overlong
  if (n == 3 && c == 0xED && b(i + 1) >= 0xA0) return 0;  // surrogate
  if (n == 4 && c == 0xF0 && b(i + 1) < 0x90) return 0;
  if (n == 4 && c == 0xF4 && b(i + 1) >= 0x90) return 0;
  return n;
}

// First ~120 bytes of a record as valid UTF-8 on one line: invalid bytes
// become '?', newlines and tabs are escaped, indentation after a newline of a
// pretty-printed document is dropped.
std::string make_excerpt(std::string_view s) {
  constexpr size_t kMax = 120;
  std::string out;
  out.reserve(kMax + 8);
  size_t i = 0;
  while (i < s.size() && out.size() < kMax) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\r') {
      out += c == '\n' ? "\\n" : "\\r";
      ++i;
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
      continue;
    }
    if (c == '\t') {
      out += "\\t";
      ++i;
      continue;
    }
    if (c < 0x20 || c == 0x7f) {
      out.push_back('?');
      ++i;
      continue;
    }
    size_t n = utf8_seq(s, i);
    if (n == 0) {
      out.push_back('?');
      ++i;
      continue;
    }
    out.append(s.substr(i, n));
    i += n;
  }
  return out;
}

// Deepest bracket nesting, ignoring brackets inside strings.
size_t max_nesting(std::string_view s) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

// 64-bit FNV-1a, as 16 hex digits: stable across runs and machines.
std::string stable_hash(std::initializer_list<std::string_view> parts) {
  uint64_t h = 1469598103934665603ULL;
  bool first = true;
  for (std::string_view p : parts) {
    if (!first) {
      h ^= 0x1f;
      h *= 1099511628211ULL;
    }
    first = false;
    for (unsigned char c : p) {
      h ^= c;
      h *= 1099511628211ULL;
    }
  }
  char buf[17];
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 15; i >= 0; --i) {
    buf[i] = kHex[h & 15];
    h >>= 4;
  }
  buf[16] = 0;
  return buf;
}

bool parse_epoch(std::string_view s, int64_t& out) {
  s = trim_ws(s);
  double d = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ec != std::errc() || p != s.data() + s.size()) return false;
  const auto t = time::from_epoch(d);  // years 1..9999, as for ISO strings
  if (!t) return false;
  out = *t;
  return true;
}

// Result of a date field: absent, parsed, or unparseable (-> reject).
enum class DateStatus { absent, ok, bad };
DateStatus eval_date(const DateVal& d, bool numbers_are_epoch, int64_t& out) {
  switch (d.type) {
    case DateVal::absent: return DateStatus::absent;
    case DateVal::string: {
      if (auto t = time::parse_any(d.raw)) {
        out = *t;
        return DateStatus::ok;
      }
      // Pushshift writes created_utc as a numeric string too.
      if (numbers_are_epoch && parse_epoch(d.raw, out)) return DateStatus::ok;
      return DateStatus::bad;
    }
    case DateVal::number:
      if (numbers_are_epoch && parse_epoch(d.raw, out)) return DateStatus::ok;
      return DateStatus::bad;
    case DateVal::other: return DateStatus::bad;
  }
  return DateStatus::bad;
}

std::string lang_or_none(const std::string& l) { return l == "und" ? std::string() : l; }

enum class Outcome { post, rejected, nonpost };

}  // namespace

// ---------------------------------------------------------------------------

struct RecordParser::Impl {
  explicit Impl(const ParseOptions& o) : opt(o), parser(sj::SIMDJSON_MAXSIZE_BYTES) {
    if (dom.allocate(1 << 16, opt.max_depth))
      throw Error("cannot allocate the JSON parser");
    mapped = opt.format == Format::jsonl ||
             (opt.format == Format::automatic && !opt.map.fields.empty());
    if (mapped) {
      map = opt.map.fields;
      if (map.empty())
        map = {{"text", "text"}, {"title", "title"}, {"date", "date"},   {"id", "id"},
               {"lang", "lang"}, {"author", "author"}, {"source", "source"}, {"url", "url"}};
    }
  }

  ParseOptions opt;
  od::parser parser;
  sj::dom::parser dom;  // validation only (see parse_unit)
  // Values bigger than this (whole documents) are not DOM-checked: the tape
  // would cost several times their size in memory.
  static constexpr size_t kDomCheckMax = 64u << 20;
  bool mapped = false;
  std::map<std::string, std::string> map;
  sj::padded_string scratch;

  // Per unit (one line or one whole document).
  std::vector<std::unique_ptr<Fields>> pool;
  size_t pool_used = 0;
  std::vector<std::pair<std::string, std::string>> users;  // includes.users id -> username
  const std::string* file = nullptr;
  uint64_t unit_line = 0;
  bool whole = false;
  const char* unit_begin = nullptr;
  const char* unit_end = nullptr;
  const char* count_pos = nullptr;  // newline counting for whole documents
  uint64_t count_line = 0;
  uint32_t next_k = 0;
  std::vector<Record>* records = nullptr;
  std::vector<Reject>* rejects = nullptr;
  // Page statistics for the "page with no post at all" rule.
  size_t page_posts = 0, page_nonposts = 0, page_reject_mark = 0;
  std::string page_nonpost_what;
  std::vector<Fields*> deferred;  // v2 page items waiting for includes.users

  Fields* fresh() {
    if (pool_used == pool.size()) pool.push_back(std::make_unique<Fields>());
    Fields* f = pool[pool_used++].get();
    f->clear();
    return f;
  }

  // ---- scanning -----------------------------------------------------------

  static sj::error_code read_str(od::value& v, od::json_type t, Str& s) {
    if (t == od::json_type::null) return sj::SUCCESS;
    s.present = true;
    if (t != od::json_type::string) return sj::SUCCESS;
    std::string_view sv;
    if (auto e = v.get_string().get(sv)) return e;
    s.is_string = true;
    s.v.assign(sv);
    return sj::SUCCESS;
  }

  // Strings as they are, numbers as their JSON text (ids); others ignored.
  static sj::error_code read_scalar(od::value& v, od::json_type t, std::string& out) {
    if (t == od::json_type::string) {
      std::string_view sv;
      if (auto e = v.get_string().get(sv)) return e;
      out.assign(sv);
    } else if (t == od::json_type::number) {
      std::string_view raw = v.raw_json_token();
      out.assign(trim_ws(raw));
    }
    return sj::SUCCESS;
  }

  static sj::error_code read_date(od::value& v, od::json_type t, DateVal& d) {
    switch (t) {
      case od::json_type::null: return sj::SUCCESS;
      case od::json_type::string: {
        std::string_view sv;
        if (auto e = v.get_string().get(sv)) return e;
        d.type = DateVal::string;
        d.raw.assign(sv);
        return sj::SUCCESS;
      }
      case od::json_type::number: {
        std::string_view raw = v.raw_json_token();
        d.type = DateVal::number;
        d.raw.assign(trim_ws(raw));
        return sj::SUCCESS;
      }
      default: {
        std::string_view raw = v.raw_json_token();
        d.type = DateVal::other;
        d.raw.assign(trim_ws(raw).substr(0, 40));
        return sj::SUCCESS;
      }
    }
  }

  static sj::error_code read_count(od::value& v, od::json_type t, int64_t& out) {
    if (t == od::json_type::number) {
      od::number_type nt;
      if (auto e = v.get_number_type().get(nt)) return e;
      if (nt == od::number_type::signed_integer) return v.get_int64().get(out);
      if (nt == od::number_type::unsigned_integer) {
        out = INT64_MAX;
        return sj::SUCCESS;
      }
      double d;
      if (auto e = v.get_double().get(d)) return e;
      out = std::isfinite(d) && std::abs(d) < 9e18 ? static_cast<int64_t>(d) : 0;
    } else if (t == od::json_type::string) {
      std::string_view sv;
      if (auto e = v.get_string().get(sv)) return e;
      int64_t x = 0;
      auto [p, ec] = std::from_chars(sv.data(), sv.data() + sv.size(), x);
      if (ec == std::errc() && p == sv.data() + sv.size()) out = x;
    }
    return sj::SUCCESS;
  }

  static bool looks_like_lang_key(std::string_view k) {
    if (k.size() < 2 || k.size() > 7) return false;
    if (!(k[0] >= 'a' && k[0] <= 'z' && k[1] >= 'a' && k[1] <= 'z')) return false;
    return k.size() == 2 || (k.size() == 3 && k[2] >= 'a' && k[2] <= 'z') || k[2] == '-' ||
           k[2] == '_';
  }

  sj::error_code scan_object(od::object obj, Fields& f, int level) {
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
      if (t != od::json_type::null) f.mark(id);
      sj::error_code e = sj::SUCCESS;
      switch (id) {
        case k_full_text: e = read_str(v, t, f.full_text); break;
        case k_text: e = read_str(v, t, f.text); break;
        case k_body: e = read_str(v, t, f.body); break;
        case k_selftext: e = read_str(v, t, f.selftext); break;
        case k_title: e = read_str(v, t, f.title); break;
        case k_content: e = read_str(v, t, f.content); break;
        case k_description: e = read_str(v, t, f.description); break;
        case k_story_text: e = read_str(v, t, f.story_text); break;
        case k_created_at: e = read_date(v, t, f.created_at); break;
        case k_created_utc: e = read_date(v, t, f.created_utc); break;
        case k_published_at: e = read_date(v, t, f.published_at); break;
        case k_publish_date: e = read_date(v, t, f.publish_date); break;
        case k_date: e = read_date(v, t, f.date); break;
        case k_id: e = read_scalar(v, t, f.id); break;
        case k_id_str: e = read_scalar(v, t, f.id_str); break;
        case k_name: e = read_scalar(v, t, f.name); break;
        case k_stories_id: e = read_scalar(v, t, f.stories_id); break;
        case k_url: e = read_scalar(v, t, f.url); break;
        case k_permalink: e = read_scalar(v, t, f.permalink); break;
        case k_author: e = read_scalar(v, t, f.author); break;
        case k_author_id: e = read_scalar(v, t, f.author_id); break;
        case k_screen_name: e = read_scalar(v, t, f.screen_name); break;
        case k_username: e = read_scalar(v, t, f.username); break;
        case k_lang: e = read_scalar(v, t, f.lang); break;
        case k_language: e = read_scalar(v, t, f.language); break;
        case k_subreddit: e = read_scalar(v, t, f.subreddit); break;
        case k_media_name: e = read_scalar(v, t, f.media_name); break;
        case k_kind: e = read_scalar(v, t, f.kind); break;
        case k_source_name: e = read_scalar(v, t, f.source); break;
        case k_source:
          if (t == od::json_type::object) {
            od::object o;
            if ((e = v.get_object().get(o))) return e;
            e = scan_named(o, "name", f.source);
          } else if (t == od::json_type::string) {
            std::string tmp;  // a tweet's client name: not the record's source
            e = read_scalar(v, t, tmp);
          }
          break;
        case k_retweet_count: e = read_count(v, t, f.retweet_count); break;
        case k_favorite_count: e = read_count(v, t, f.favorite_count); break;
        case k_score: e = read_count(v, t, f.score); break;
        case k_truncated:
          if (t == od::json_type::boolean) e = v.get_bool().get(f.truncated);
          break;
        case k_user:
          if (t == od::json_type::object) {
            od::object o;
            if ((e = v.get_object().get(o))) return e;
            e = scan_named(o, "screen_name", f.user_screen_name);
          }
          break;
        case k_entities:
          if (t == od::json_type::object) {
            od::object o;
            if ((e = v.get_object().get(o))) return e;
            e = scan_entities(o, f);
          }
          break;
        case k_public_metrics:
          if (t == od::json_type::object) {
            od::object o;
            if ((e = v.get_object().get(o))) return e;
            e = scan_metrics(o, f.metrics_sum);
          }
          break;
        case k_retweeted_status:
          if (t == od::json_type::object && level < 4) {
            od::object o;
            if ((e = v.get_object().get(o))) return e;
            f.retweeted = fresh();
            e = scan_object(o, *f.retweeted, level + 1);
          }
          break;
        case k_extended_tweet:
          if (t == od::json_type::object) {
            od::object o;
            if ((e = v.get_object().get(o))) return e;
            e = scan_extended(o, f.ext_full_text);
          }
          break;
        case k_referenced_tweets:
          if (t == od::json_type::array) {
            od::array a;
            if ((e = v.get_array().get(a))) return e;
            e = scan_referenced(a, f.referenced_retweet);
          }
          break;
        case k_data:
          // Envelopes nest only as APIs nest them: {"data":[...]} and
          // {"data":{...}} at the top, {"kind":"t3","data":{...}} in a Listing.
          if (t == od::json_type::array && level == 0) {
            od::array a;
            if ((e = v.get_array().get(a))) return e;
            e = scan_items(a, f, Ctx::v2_page, "", level);
          } else if (t == od::json_type::object &&
                     (level == 0 || f.item_ctx == Ctx::reddit_child)) {
            od::object o;
            if ((e = v.get_object().get(o))) return e;
            f.data_obj = fresh();
            f.data_obj->start = location(v);
            e = scan_object(o, *f.data_obj, level + 1);
          }
          break;
        case k_statuses:
        case k_articles:
        case k_children:
          if (t == od::json_type::array && (id == k_children ? level == 1 : level == 0)) {
            od::array a;
            if ((e = v.get_array().get(a))) return e;
            Ctx c = id == k_statuses ? Ctx::v1_page
                    : id == k_articles ? Ctx::news_page
                                       : Ctx::reddit_child;
            e = scan_items(a, f, c, "", level);
          }
          break;
        case k_includes:
          if (t == od::json_type::object) {
            od::object o;
            if ((e = v.get_object().get(o))) return e;
            e = scan_includes(o);
          }
          break;
        default: break;  // presence only
      }
      if (e) return e;
    }
    return sj::SUCCESS;
  }

  static const char* location(od::value& v) {
    const char* p = nullptr;
    if (v.current_location().get(p)) return nullptr;
    return p;
  }

  // Reads one string member (by exact name) of an object; skips the rest.
  static sj::error_code scan_named(od::object o, std::string_view want, std::string& out) {
    for (auto fr : o) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key;
      if (auto e = f.unescaped_key().get(key)) return e;
      if (key != want) continue;
      od::json_type t;
      if (auto e = f.value().type().get(t)) return e;
      if (auto e = read_scalar(f.value(), t, out)) return e;
    }
    return sj::SUCCESS;
  }

  static sj::error_code scan_extended(od::object o, Str& out) {
    for (auto fr : o) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key;
      if (auto e = f.unescaped_key().get(key)) return e;
      if (key != "full_text") continue;
      od::json_type t;
      if (auto e = f.value().type().get(t)) return e;
      if (auto e = read_str(f.value(), t, out)) return e;
    }
    return sj::SUCCESS;
  }

  static sj::error_code scan_metrics(od::object o, int64_t& sum) {
    for (auto fr : o) {
      od::field f;
      if (auto e = std::move(fr).get(f)) return e;
      std::string_view key;
      if (auto e = f.unescaped_key().get(key)) return e;
      // Views are not engagement: impression_count would swamp the sum.
      if (key == "impression_count") continue;
      od::json_type t;
      if (auto e = f.value().type().get(t)) return e;
      int64_t x = 0;
      if (auto e = read_count(f.value(), t, x)) return e;
      sum += x;
    }
    return sj::SUCCESS;
  }

  static sj::error_code scan_referenced(od::array a, bool& retweet) {
    for (auto er : a) {
      od::value v;
      if (auto e = std::move(er).get(v)) return e;
      od::json_type t;
      if (auto e = v.type().get(t)) return e;
      if (t != od::json_type::object) continue;
      od::object o;
      if (auto e = v.get_object().get(o)) return e;
      std::string type;
      if (auto e = scan_named(o, "type", type)) return e;
      if (type == "retweeted") retweet = true;
    }
    return sj::SUCCESS;
  }

  // The simdjson On Demand walks below share two shapes: "the array under
  // key K of this object" and "each object element of this array"; elements
  // and values of other types are skipped, errors are returned.
  template <class Fn>
  static sj::error_code for_array_field(od::object o, std::string_view name, Fn&& fn) {
    for (auto fr : o) {
      od::field fld;
      if (auto e = std::move(fr).get(fld)) return e;
      std::string_view key;
      if (auto e = fld.unescaped_key().get(key)) return e;
      if (key != name) continue;
      od::json_type t;
      if (auto e = fld.value().type().get(t)) return e;
      if (t != od::json_type::array) continue;
      od::array a;
      if (auto e = fld.value().get_array().get(a)) return e;
      if (auto e = fn(a)) return e;
    }
    return sj::SUCCESS;
  }

  template <class Fn>
  static sj::error_code for_each_object(od::array a, Fn&& fn) {
    for (auto er : a) {
      od::value v;
      if (auto e = std::move(er).get(v)) return e;
      od::json_type et;
      if (auto e = v.type().get(et)) return e;
      if (et != od::json_type::object) continue;
      od::object obj;
      if (auto e = v.get_object().get(obj)) return e;
      if (auto e = fn(obj)) return e;
    }
    return sj::SUCCESS;
  }

  static sj::error_code scan_entities(od::object o, Fields& f) {
    return for_array_field(o, "hashtags", [&](od::array a) {
      return for_each_object(a, [&](od::object ho) -> sj::error_code {
        // v1.1 says "text", v2 says "tag".
        for (auto hr : ho) {
          od::field hf;
          if (auto e = std::move(hr).get(hf)) return e;
          std::string_view hk;
          if (auto e = hf.unescaped_key().get(hk)) return e;
          if (hk != "text" && hk != "tag") continue;
          od::json_type ht;
          if (auto e = hf.value().type().get(ht)) return e;
          if (ht != od::json_type::string) continue;
          std::string_view tag;
          if (auto e = hf.value().get_string().get(tag)) return e;
          if (!tag.empty()) f.add_hashtag(tag);
        }
        return sj::SUCCESS;
      });
    });
  }

  sj::error_code scan_includes(od::object o) {
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
        if (!id.empty()) users.emplace_back(std::move(id), std::move(username));
        return sj::SUCCESS;
      });
    });
  }

  sj::error_code scan_lang_page(od::object o, Fields& root, const std::string& lang) {
    return for_array_field(o, "articles", [&](od::array a) {
      root.mark(k_articles);
      return scan_items(a, root, Ctx::news_page, lang, 1);
    });
  }

  // The elements of a page. Items are emitted as soon as they are scanned
  // (their Fields go back to the pool) except Twitter v2 items, whose
  // authors are in "includes", which usually comes after "data".
  sj::error_code scan_items(od::array a, Fields& owner, Ctx ctx, std::string_view lang, int level) {
    owner.item_ctx = ctx;
    begin_page();
    for (auto er : a) {
      od::value v;
      if (auto e = std::move(er).get(v)) return e;
      size_t mark = pool_used;
      Fields* it = fresh();
      it->item_ctx = ctx;
      it->declared_lang.assign(lang);
      it->start = location(v);
      it->k = ++next_k;
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
        deferred.push_back(it);
      } else {
        emit_item(*it, ctx);
        pool_used = mark;
      }
    }
    if (ctx != Ctx::v2_page) end_page();
    return sj::SUCCESS;
  }

  // ---- records ------------------------------------------------------------

  uint64_t line_of(const char* p) {
    if (!whole || !p || p < unit_begin || p > unit_end) return unit_line;
    if (p < count_pos) {  // not expected (items come in order), but stay correct
      count_pos = unit_begin;
      count_line = unit_line;
    }
    count_line += static_cast<uint64_t>(std::count(count_pos, p, '\n'));
    count_pos = p;
    return count_line;
  }

  Origin origin_of(const Fields& f) {
    return Origin{*file, line_of(f.start), f.k};
  }

  std::string excerpt_at(const char* p) {
    if (!p || p < unit_begin || p > unit_end) p = unit_begin;
    return make_excerpt(std::string_view(p, static_cast<size_t>(unit_end - p)));
  }

  void add_reject(Origin o, std::string reason, const char* at) {
    rejects->push_back(Reject{std::move(o), std::move(reason), excerpt_at(at)});
  }

  void begin_page() {
    page_posts = page_nonposts = 0;
    page_reject_mark = rejects->size();
    page_nonpost_what.clear();
  }

  // A page of only non-posts (a users lookup, a counts response...) is one
  // reject for the whole value, not one per element.
  void end_page() {
    if (page_posts == 0 && page_nonposts > 0) {
      rejects->resize(page_reject_mark);
      std::string what = page_nonpost_what;
      Origin o{*file, unit_line, 0};
      std::string reason = "no post in object";
      if (!what.empty()) reason += ": looks like a " + what;
      rejects->push_back(Reject{std::move(o), std::move(reason), excerpt_at(unit_begin)});
    }
  }

  void emit_item(Fields& f, Ctx ctx) {
    std::string reason, what;
    Record r;
    Outcome oc = build(f, ctx, r, reason, what);
    switch (oc) {
      case Outcome::post:
        ++page_posts;
        r.origin = origin_of(f);
        records->push_back(std::move(r));
        break;
      case Outcome::rejected:
        ++page_posts;
        add_reject(origin_of(f), std::move(reason), f.start);
        break;
      case Outcome::nonpost:
        ++page_nonposts;
        if (page_nonpost_what.empty()) page_nonpost_what = what;
        add_reject(origin_of(f), std::move(reason), f.start);
        break;
    }
  }

  // Non-post objects that APIs return next to posts.
  static bool nonpost_kind(const Fields& f, std::string& what) {
    bool tweet_text = f.text.present || f.full_text.present;
    if (f.has(k_tweet_count)) what = "Twitter tweet counts response";
    else if ((f.has(k_screen_name) || f.has(k_username)) && !tweet_text) what = "Twitter users lookup";
    else if ((f.has(k_place_type) || f.has(k_places) || f.has(k_result)) && !tweet_text)
      what = "Twitter places response";
    else if ((f.has(k_member_count) || f.has(k_owner_id)) && !tweet_text)
      what = "Twitter lists response";
    else return false;
    return true;
  }

  static bool any_text_key(const Fields& f) {
    return f.full_text.present || f.text.present || f.body.present || f.selftext.present ||
           f.title.present || f.content.present || f.description.present ||
           f.story_text.present;
  }

  Format detect(const Fields& f, Ctx ctx) const {
    if (opt.format != Format::automatic && opt.format != Format::jsonl) return opt.format;
    switch (ctx) {
      case Ctx::v1_page: return Format::twitter_v1;
      case Ctx::v2_page: return Format::twitter_v2;
      case Ctx::reddit_child: return Format::reddit;
      case Ctx::news_page:
        if (f.has(k_stories_id) || f.has(k_media_name) || f.has(k_publish_date) ||
            f.has(k_story_text))
          return Format::mediacloud;
        return Format::newsapi;
      case Ctx::bare: break;
    }
    if (f.has(k_subreddit) || f.has(k_subreddit_id) || f.has(k_created_utc) || f.has(k_link_id) ||
        (f.has(k_selftext) && !f.has(k_text)))
      return Format::reddit;
    if (f.has(k_user) || f.has(k_full_text) || f.has(k_retweeted_status) ||
        f.has(k_extended_tweet) || f.has(k_id_str) || f.has(k_favorite_count))
      return Format::twitter_v1;
    if (f.has(k_author_id) || f.has(k_edit_history_tweet_ids) || f.has(k_public_metrics) ||
        f.has(k_conversation_id) || f.has(k_referenced_tweets))
      return Format::twitter_v2;
    if (f.has(k_stories_id) || f.has(k_media_name) || f.has(k_publish_date) ||
        f.has(k_story_text) || f.has(k_media_id))
      return Format::mediacloud;
    if (f.has(k_published_at) || f.has(k_url_to_image) || f.has(k_source) ||
        f.has(k_source_name))
      return Format::newsapi;
    if (any_text_key(f)) return Format::jsonl;
    return Format::automatic;  // nothing we know
  }

  // Checks the text fields of a format: present but not a string -> reject.
  static bool type_check(std::initializer_list<std::pair<const Str*, const char*>> fields,
                         std::string& reason) {
    for (auto& [s, name] : fields) {
      if (s->present && !s->is_string) {
        reason = std::string("field '") + name + "' is not a string";
        return false;
      }
    }
    return true;
  }

  static bool set_date(const DateVal& d, bool epoch_numbers, Record& r, std::string& reason) {
    int64_t t = 0;
    switch (eval_date(d, epoch_numbers, t)) {
      case DateStatus::absent: return true;
      case DateStatus::ok: r.time = t; return true;
      case DateStatus::bad:
        reason = "unparseable date '" + make_excerpt(std::string_view(d.raw).substr(0, 40)) + "'";
        return false;
    }
    return true;
  }

  static const std::string& first_nonempty(std::initializer_list<const Str*> c) {
    static const std::string empty;
    for (const Str* s : c)
      if (s->nonempty()) return s->v;
    return empty;
  }

  Outcome build(Fields& f, Ctx ctx, Record& r, std::string& reason, std::string& what) {
    if (f.not_object) {
      reason = "not a JSON object";
      return Outcome::rejected;
    }
    if (ctx == Ctx::reddit_child) {
      // {"kind":"t1"|"t3","data":{...}}
      if ((f.kind == "t1" || f.kind == "t3") && f.data_obj) {
        Fields& d = *f.data_obj;
        d.k = f.k;
        bool ok = build_reddit(d, r, reason) && !field_too_large(r, reason);
        return ok ? Outcome::post : Outcome::rejected;
      }
      what = "Reddit " + (f.kind.empty() ? std::string("listing child") : f.kind + " object");
      reason = "no post in object: looks like a " + what;
      return Outcome::nonpost;
    }
    if (nonpost_kind(f, what)) {
      reason = "no post in object: looks like a " + what;
      return Outcome::nonpost;
    }
    bool ok = false;
    switch (detect(f, ctx)) {
      case Format::twitter_v1: ok = build_v1(f, r, reason); break;
      case Format::twitter_v2: ok = build_v2(f, r, reason); break;
      case Format::reddit: ok = build_reddit(f, r, reason); break;
      case Format::newsapi: ok = build_news(f, r, reason); break;
      case Format::mediacloud: ok = build_mediacloud(f, r, reason); break;
      case Format::jsonl: ok = build_generic(f, r, reason); break;
      case Format::automatic:
        reason = "no post in object";
        return Outcome::nonpost;
    }
    if (ok && field_too_large(r, reason)) return Outcome::rejected;
    return ok ? Outcome::post : Outcome::rejected;
  }

  // ParseOptions::max_field_bytes: a text or title longer than this is a
  // reject (the default equals the record limit, so it never fires alone).
  bool field_too_large(const Record& r, std::string& reason) const {
    if (r.text.size() <= opt.max_field_bytes && r.title.size() <= opt.max_field_bytes) return false;
    reason = std::string(r.text.size() > opt.max_field_bytes ? "text" : "title") + " larger than " +
             std::to_string(opt.max_field_bytes) + " bytes";
    return true;
  }

  static std::string tweet_url(const std::string& user, const std::string& id) {
    if (user.empty() || id.empty()) return {};
    return "https://twitter.com/" + user + "/status/" + id;
  }

  static void snowflake_time(const std::string& id, Record& r) {
    uint64_t x = 0;
    auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), x);
    if (ec == std::errc() && p == id.data() + id.size())
      if (auto t = time::from_snowflake(x)) r.time = *t;
  }

  static void take_hashtags(const Fields& f, Record& r) {
    r.hashtags.assign(f.hashtags.begin(), f.hashtags.begin() + static_cast<ptrdiff_t>(f.hashtag_count));
  }

  bool build_v1(Fields& f, Record& r, std::string& reason) {
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
    if (!set_date(f.created_at, false, r, reason)) return false;
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

  bool build_v2(Fields& f, Record& r, std::string& reason) {
    if (!type_check({{&f.text, "text"}}, reason)) return false;
    r.kind = Kind::tweet;
    if (!f.text.nonempty()) {
      reason = "no text";
      return false;
    }
    r.text = f.text.v;
    if (!set_date(f.created_at, false, r, reason)) return false;
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

  bool build_reddit(Fields& f, Record& r, std::string& reason) {
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

  // NewsAPI's "content" is the article's start cut at ~200 chars, and
  // usually begins with the description: keep the longer one when one
  // contains the other, both otherwise.
  static std::string news_text(const std::string& description, const std::string& content) {
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

  bool build_news(Fields& f, Record& r, std::string& reason) {
    if (!type_check({{&f.title, "title"}, {&f.description, "description"}, {&f.content, "content"}},
                    reason))
      return false;
    r.kind = Kind::news;
    r.title = f.title.nonempty() ? f.title.v : std::string();
    r.text = news_text(f.description.nonempty() ? f.description.v : std::string(),
                       f.content.nonempty() ? f.content.v : std::string());
    if (r.text.empty() && r.title.empty()) {
      reason = "no text";
      return false;
    }
    if (!set_date(f.published_at, false, r, reason)) return false;
    r.lang = !f.language.empty() ? f.language : f.declared_lang;
    r.source = f.source;
    r.author = f.author;
    r.url = f.url;
    r.id = f.url;
    if (r.id.empty()) r.id = stable_hash({"news", r.title, r.text, f.published_at.raw});
    return true;
  }

  bool build_mediacloud(Fields& f, Record& r, std::string& reason) {
    if (!type_check({{&f.title, "title"}, {&f.text, "text"}, {&f.story_text, "story_text"}},
                    reason))
      return false;
    r.kind = Kind::news;
    r.title = f.title.nonempty() ? f.title.v : std::string();
    r.text = first_nonempty({&f.text, &f.story_text});
    if (r.text.empty() && r.title.empty()) {
      reason = "no text";
      return false;
    }
    if (!set_date(f.publish_date, false, r, reason)) return false;
    r.lang = !f.language.empty() ? f.language : f.declared_lang;
    r.source = f.media_name;
    r.url = f.url;
    r.id = !f.url.empty() ? f.url : f.stories_id;
    if (r.id.empty()) r.id = stable_hash({"news", r.title, r.text, f.publish_date.raw});
    return true;
  }

  // An object with a text field but none of the known feeds' signatures.
  bool build_generic(Fields& f, Record& r, std::string& reason) {
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
    r.source = f.source;
    r.url = f.url;
    r.id = !f.id.empty() ? f.id : f.url;
    if (r.id.empty()) r.id = stable_hash({"news", r.title, r.text, d->raw});
    return true;
  }

  // ---- generic JSON Lines with a field map ----------------------------------

  struct Slot {
    std::string path;
    Str value;             // a number is present but not a string...
    bool numeric = false;  // ...and its JSON text is kept in value.v (ids)
    DateVal date;
    bool is_date = false;
  };
  std::vector<std::pair<std::string, Slot>> slots;  // key -> slot

  void prepare_slots() {
    if (!slots.empty()) {
      for (auto& [k, s] : slots) {
        s.value.clear();
        s.numeric = false;
        s.date.clear();
      }
      return;
    }
    for (const auto& [k, path] : map) {
      Slot s;
      s.path = path;
      s.is_date = k == "date";
      slots.emplace_back(k, std::move(s));
    }
  }

  Slot* slot(std::string_view key) {
    for (auto& [k, s] : slots)
      if (k == key) return &s;
    return nullptr;
  }

  sj::error_code walk_mapped(od::object o, std::string& prefix, int level) {
    for (auto fr : o) {
      od::field fld;
      if (auto e = std::move(fr).get(fld)) return e;
      std::string_view key;
      if (auto e = fld.unescaped_key().get(key)) return e;
      size_t keep = prefix.size();
      if (!prefix.empty()) prefix.push_back('.');
      prefix.append(key);
      od::value v = fld.value();
      od::json_type t;
      if (auto e = v.type().get(t)) return e;
      bool descend = false;
      for (auto& [k, s] : slots) {
        if (s.path == prefix) {
          sj::error_code e = s.is_date ? read_date(v, t, s.date) : read_mapped(v, t, s);
          if (e) return e;
          descend = false;
          break;
        }
        if (t == od::json_type::object && s.path.size() > prefix.size() &&
            s.path.compare(0, prefix.size(), prefix) == 0 && s.path[prefix.size()] == '.')
          descend = true;
      }
      if (descend && level < 16) {
        od::object sub;
        if (auto e = v.get_object().get(sub)) return e;
        if (auto e = walk_mapped(sub, prefix, level + 1)) return e;
      }
      prefix.resize(keep);
    }
    return sj::SUCCESS;
  }

  // Mapped scalars: strings as they are, numbers as their JSON text (for
  // ids; a number where text is expected is still "not a string").
  static sj::error_code read_mapped(od::value& v, od::json_type t, Slot& s) {
    if (t == od::json_type::number) {
      std::string_view raw = v.raw_json_token();
      s.value.present = true;
      s.numeric = true;
      s.value.v.assign(trim_ws(raw));
      return sj::SUCCESS;
    }
    return read_str(v, t, s.value);
  }

  void emit_mapped(const char* start, uint32_t k) {
    Origin o{*file, line_of(start), k};
    Record r;
    std::string reason;
    Slot* text = slot("text");
    Slot* title = slot("title");
    for (Slot* s : {text, title}) {
      if (s && s->value.present && !s->value.is_string) {
        add_reject(o, "field '" + s->path + "' is not a string", start);
        return;
      }
    }
    r.text = text && text->value.is_string ? text->value.v : std::string();
    r.title = title && title->value.is_string ? title->value.v : std::string();
    if (r.text.empty() && r.title.empty()) {
      add_reject(o, "no text", start);
      return;
    }
    Slot* date = slot("date");
    if (date && !set_date(date->date, true, r, reason)) {
      add_reject(o, reason, start);
      return;
    }
    r.kind = Kind::news;
    if (Slot* kind = slot("kind"); kind && kind->value.is_string && !kind->value.v.empty()) {
      auto kk = parse_kind(kind->value.v);
      if (!kk) {
        add_reject(o, "unknown kind '" + make_excerpt(kind->value.v.substr(0, 40)) + "'", start);
        return;
      }
      r.kind = *kk;
    }
    auto get = [&](std::string_view key) -> std::string {
      Slot* s = slot(key);
      return s && (s->value.is_string || s->numeric) ? s->value.v : std::string();
    };
    if (field_too_large(r, reason)) {
      add_reject(o, reason, start);
      return;
    }
    r.id = get("id");
    r.lang = lang_or_none(get("lang"));
    r.author = get("author");
    r.source = get("source");
    r.url = get("url");
    if (r.id.empty())
      r.id = stable_hash({kind_name(r.kind), r.title, r.text, date ? date->date.raw : ""});
    r.origin = std::move(o);
    records->push_back(std::move(r));
  }

  sj::error_code mapped_object(od::value v, const char* start, uint32_t k) {
    od::json_type t;
    if (auto e = v.type().get(t)) return e;
    if (t != od::json_type::object) {
      add_reject(Origin{*file, line_of(start), k}, "not a JSON object", start);
      return sj::SUCCESS;
    }
    od::object o;
    if (auto e = v.get_object().get(o)) return e;
    prepare_slots();
    std::string prefix;
    if (auto e = walk_mapped(o, prefix, 0)) return e;
    emit_mapped(start, k);
    return sj::SUCCESS;
  }

  // ---- units ----------------------------------------------------------------

  // After the root value: anything but the end of input is an error.
  static sj::error_code at_end(od::document& doc) {
    const char* p = nullptr;
    sj::error_code e = doc.current_location().get(p);
    if (e == sj::OUT_OF_BOUNDS) return sj::SUCCESS;
    return e ? e : sj::TRAILING_CONTENT;
  }

  sj::error_code walk(od::document& doc) {
    od::json_type t;
    if (auto e = doc.type().get(t)) return e;
    if (mapped) {
      if (t == od::json_type::array) {
        od::array a;
        if (auto e = doc.get_array().get(a)) return e;
        for (auto er : a) {
          od::value v;
          if (auto e = std::move(er).get(v)) return e;
          const char* p = location(v);
          if (auto e = mapped_object(v, p, ++next_k)) return e;
        }
      } else if (t == od::json_type::object) {
        od::value v;
        if (auto e = doc.get_value().get(v)) return e;
        if (auto e = mapped_object(v, unit_begin, 0)) return e;
      } else {
        add_reject(Origin{*file, unit_line, 0}, "not a JSON object", unit_begin);
      }
      return at_end(doc);
    }
    Fields* root = fresh();
    root->start = unit_begin;
    if (t == od::json_type::array) {
      od::array a;
      if (auto e = doc.get_array().get(a)) return e;
      if (auto e = scan_items(a, *root, Ctx::bare, "", 0)) return e;
      if (auto e = at_end(doc)) return e;
      return sj::SUCCESS;
    }
    if (t != od::json_type::object) {
      // A scalar: consume it so that its syntax is checked too.
      std::string_view raw;
      if (auto e = doc.raw_json_token().get(raw)) return e;
      add_reject(Origin{*file, unit_line, 0}, "not a JSON object", unit_begin);
      return sj::SUCCESS;
    }
    od::object o;
    if (auto e = doc.get_object().get(o)) return e;
    if (auto e = scan_object(o, *root, 0)) return e;
    if (auto e = at_end(doc)) return e;
    emit_root(*root);
    return sj::SUCCESS;
  }

  void emit_root(Fields& root) {
    if (!deferred.empty() || root.item_ctx == Ctx::v2_page) {
      begin_page();
      for (Fields* it : deferred) emit_item(*it, Ctx::v2_page);
      end_page();
      return;
    }
    if (root.has(k_statuses) || root.has(k_articles) || root.has(k_children)) return;  // emitted
    if (root.data_obj) {
      Fields& d = *root.data_obj;
      if (d.has(k_children)) return;  // a Listing: emitted as its children were scanned
      d.k = 0;
      std::string reason, what;
      Record r;
      Outcome oc;
      if (!root.kind.empty()) {
        // {"kind":"t3","data":{...}}: one Reddit thing.
        root.k = 0;
        oc = build(root, Ctx::reddit_child, r, reason, what);
      } else {
        oc = build(d, Ctx::v2_page, r, reason, what);
      }
      emit_single(oc, r, reason);
      return;
    }
    if (root.has(k_meta) && root.nkeys == 1) return;  // an empty v2 response: {"meta":{...}}
    std::string reason, what;
    Record r;
    Outcome oc = build(root, Ctx::bare, r, reason, what);
    emit_single(oc, r, reason);
  }

  void emit_single(Outcome oc, Record& r, std::string& reason) {
    Origin o{*file, unit_line, 0};
    if (oc == Outcome::post) {
      r.origin = std::move(o);
      records->push_back(std::move(r));
    } else {
      add_reject(std::move(o), std::move(reason), unit_begin);
    }
  }

  void parse_unit(const char* p, size_t n, size_t capacity, uint64_t line, bool whole_doc,
                  std::vector<Record>& recs, std::vector<Reject>& rejs) {
    records = &recs;
    rejects = &rejs;
    unit_line = count_line = line;
    whole = whole_doc;
    unit_begin = count_pos = p;
    unit_end = p + n;
    next_k = 0;
    pool_used = 0;
    users.clear();
    deferred.clear();
    Origin line_origin{*file, line, 0};
    if (!whole_doc && n > opt.max_record_bytes) {
      add_reject(line_origin,
                 "record larger than " + std::to_string(opt.max_record_bytes >> 20) + " MiB", p);
      return;
    }
    if (!sj::validate_utf8(p, n)) {
      add_reject(line_origin, "invalid UTF-8", p);
      return;
    }
    // The DOM check below reports depth; above its size limit On Demand
    // would only notice depth on the paths it walks, so measure it here.
    if (n > kDomCheckMax && max_nesting(std::string_view(p, n)) > opt.max_depth) {
      add_reject(line_origin, "nesting too deep", p);
      return;
    }
    sj::padded_string_view view;
    if (capacity >= n + sj::SIMDJSON_PADDING) {
      view = sj::padded_string_view(p, n, capacity);
    } else {
      // The caller's string has no room for simdjson's padding: copy. From
      // here on positions (origins, excerpts) refer to the copy.
      scratch = sj::padded_string(p, n);
      view = sj::padded_string_view(scratch.data(), n, n + sj::SIMDJSON_PADDING);
      p = scratch.data();
      unit_begin = count_pos = p;
      unit_end = p + n;
    }
    size_t rec_mark = recs.size(), rej_mark = rejs.size();
    od::document doc;
    // On Demand checks only what the reader walks; the DOM parser checks the
    // whole value (a bad atom or escape in an ignored field, ",,", "[1 2]"),
    // so a line is accepted exactly when it is valid JSON. Measured on
    // make-corpus chunks: +5% (tweets) to +25% (news) parse time.
    sj::error_code e = sj::SUCCESS;
    if (n <= kDomCheckMax) {
      sj::dom::element ignored;
      e = dom.parse(view.data(), view.size(), false).get(ignored);
    }
    if (!e) e = parser.iterate(view).get(doc);
    if (!e) e = walk(doc);
    if (e) {
      recs.resize(rec_mark);
      rejs.resize(rej_mark);
      std::string reason = e == sj::DEPTH_ERROR ? std::string("nesting too deep")
                                                : std::string("invalid JSON (") + error_name(e) + ")";
      add_reject(line_origin, std::move(reason), p);
    }
  }

  void parse(const Chunk& chunk, std::vector<Record>& recs, std::vector<Reject>& rejs) {
    file = &chunk.file;
    const std::string& d = chunk.data;
    if (chunk.whole_document) {
      size_t b = 0;
      if (d.size() >= 3 && std::memcmp(d.data(), "\xEF\xBB\xBF", 3) == 0) b = 3;
      std::string_view body(d.data() + b, d.size() - b);
      if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
      parse_unit(d.data() + b, d.size() - b, d.capacity() - b, chunk.first_line, true, recs, rejs);
      return;
    }
    uint64_t line = chunk.first_line;
    size_t pos = 0;
    while (pos < d.size()) {
      const char* nl = static_cast<const char*>(std::memchr(d.data() + pos, '\n', d.size() - pos));
      size_t end = nl ? static_cast<size_t>(nl - d.data()) : d.size();
      size_t b = pos, e = end;
      if (line == 1 && e - b >= 3 && std::memcmp(d.data() + b, "\xEF\xBB\xBF", 3) == 0) b += 3;
      while (b < e && (d[b] == ' ' || d[b] == '\t')) ++b;
      while (e > b && (d[e - 1] == ' ' || d[e - 1] == '\t' || d[e - 1] == '\r')) --e;
      if (e > b) parse_unit(d.data() + b, e - b, d.capacity() - b, line, false, recs, rejs);
      ++line;
      pos = end + 1;
    }
  }
};

RecordParser::RecordParser(const ParseOptions& options) : impl_(std::make_unique<Impl>(options)) {}
RecordParser::~RecordParser() = default;

void RecordParser::parse(const Chunk& chunk, std::vector<Record>& records,
                         std::vector<Reject>& rejects) {
  impl_->parse(chunk, records, rejects);
}

}  // namespace vigie::indexer
