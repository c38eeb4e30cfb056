#include "analytics/topics/taxonomy.h"

#include "core/hash.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>
#include <utility>

#include "core/errors.h"
#include "core/text/normalize.h"
#include "core/text/utf8.h"

namespace vigie::topics {

namespace {

// A small JSON reader: the taxonomy is a few hundred kB at most, read once at
// start-up, so clarity and line numbers in errors matter more than speed (and
// vigie_topics stays free of a simdjson link dependency).
struct JsonField;

struct Json {
  enum class Type { null, boolean, number, string, array, object } type = Type::null;
  bool b = false;
  double num = 0;
  std::string str;
  std::vector<Json> items;        // array
  std::vector<JsonField> fields;  // object, in file order
  int line = 0;
};

// Not a std::pair: a pair of an incomplete Json cannot be a member of Json.
struct JsonField {
  std::string name;
  Json value;
};

class JsonReader {
 public:
  JsonReader(std::string_view text, std::string_view origin) : s_(text), origin_(origin) {}

  Json document() {
    skip_ws();
    Json v = value(0);
    skip_ws();
    if (pos_ != s_.size()) fail("unexpected text after the JSON value");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) const {
    throw Error(std::string(origin_) + ":" + std::to_string(line_) + ": invalid taxonomy: " + why);
  }

  void skip_ws() {
    while (pos_ < s_.size()) {
      char c = s_[pos_];
      if (c == '\n') {
        ++line_;
      } else if (c != ' ' && c != '\t' && c != '\r') {
        break;
      }
      ++pos_;
    }
  }

  void expect(char c) {
    skip_ws();
    if (pos_ >= s_.size() || s_[pos_] != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }

  Json value(int depth) {
    if (depth > 32) fail("nesting too deep");
    skip_ws();
    if (pos_ >= s_.size()) fail("unexpected end of file");
    Json v;
    v.line = line_;
    char c = s_[pos_];
    if (c == '{') {
      v.type = Json::Type::object;
      ++pos_;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == '}') {
        ++pos_;
        return v;
      }
      for (;;) {
        skip_ws();
        if (pos_ >= s_.size() || s_[pos_] != '"') fail("expected a field name");
        std::string key = string_lit();
        expect(':');
        v.fields.push_back({std::move(key), value(depth + 1)});
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        expect('}');
        return v;
      }
    }
    if (c == '[') {
      v.type = Json::Type::array;
      ++pos_;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ']') {
        ++pos_;
        return v;
      }
      for (;;) {
        v.items.push_back(value(depth + 1));
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ',') {
          ++pos_;
          continue;
        }
        expect(']');
        return v;
      }
    }
    if (c == '"') {
      v.type = Json::Type::string;
      v.str = string_lit();
      return v;
    }
    if (s_.substr(pos_, 4) == "true") {
      pos_ += 4;
      v.type = Json::Type::boolean;
      v.b = true;
      return v;
    }
    if (s_.substr(pos_, 5) == "false") {
      pos_ += 5;
      v.type = Json::Type::boolean;
      return v;
    }
    if (s_.substr(pos_, 4) == "null") {
      pos_ += 4;
      return v;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = pos_;
      while (pos_ < s_.size() && std::string_view("+-.eE0123456789").find(s_[pos_]) != std::string_view::npos) ++pos_;
      std::string num(s_.substr(start, pos_ - start));
      char* end = nullptr;
      v.num = std::strtod(num.c_str(), &end);
      if (end != num.c_str() + num.size()) fail("bad number '" + num + "'");
      v.type = Json::Type::number;
      return v;
    }
    fail(std::string("unexpected character '") + c + "'");
  }

  uint32_t hex4() {
    if (pos_ + 4 > s_.size()) fail("truncated \\u escape");
    uint32_t cp = 0;
    for (int i = 0; i < 4; ++i) {
      char h = s_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9') cp |= uint32_t(h - '0');
      else if (h >= 'a' && h <= 'f') cp |= uint32_t(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') cp |= uint32_t(h - 'A' + 10);
      else fail("bad \\u escape");
    }
    return cp;
  }

  std::string string_lit() {
    ++pos_;  // opening quote
    std::string out;
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') return out;
      if (c == '\n') fail("newline inside a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
            pos_ += 2;
            uint32_t lo = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          utf8::append(out, cp);
          break;
        }
        default: fail(std::string("bad escape '\\") + e + "'");
      }
    }
    fail("unterminated string");
  }

  std::string_view s_;
  std::string_view origin_;
  size_t pos_ = 0;
  int line_ = 1;
};

class Builder {
 public:
  explicit Builder(std::string_view origin) : origin_(origin) {}

  [[noreturn]] void fail(const Json& at, const std::string& why) const {
    throw Error(std::string(origin_) + ":" + std::to_string(at.line) + ": invalid taxonomy: " + why);
  }

  // Field names starting with '_' are comments, allowed anywhere.
  static bool is_comment(const std::string& key) { return !key.empty() && key[0] == '_'; }

  const std::string& need_string(const Json& v, const std::string& what) const {
    if (v.type != Json::Type::string) fail(v, what + " must be a string");
    return v.str;
  }

  std::vector<std::string> string_list(const Json& v, const std::string& what) const {
    if (v.type != Json::Type::array) fail(v, what + " must be an array of strings");
    std::vector<std::string> out;
    for (const Json& item : v.items) {
      const std::string& s = need_string(item, what + " entries");
      if (s.find_first_not_of(" \t") == std::string::npos) fail(item, what + " has an empty entry");
      out.push_back(s);
    }
    return out;
  }

  static bool valid_lang(const std::string& l) {
    if (l.size() < 2 || l.size() > 3) return false;
    return std::all_of(l.begin(), l.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }

  static bool valid_id(const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
  }

  LangRules rules(const Json& v, const std::string& where) const {
    if (v.type != Json::Type::object) fail(v, where + " must be an object");
    LangRules r;
    for (const auto& [key, val] : v.fields) {
      if (is_comment(key)) continue;
      if (key == "terms") r.terms = string_list(val, where + ".terms");
      else if (key == "stems") r.stems = string_list(val, where + ".stems");
      else if (key == "slang") r.slang = string_list(val, where + ".slang");
      else if (key == "exclude") r.exclude = string_list(val, where + ".exclude");
      else if (key == "mentions") r.mentions = string_list(val, where + ".mentions");
      else if (key == "cues") r.cues = string_list(val, where + ".cues");
      else fail(val, where + ": unknown field '" + key + "' (expected terms, stems, slang, exclude, mentions, cues)");
    }
    return r;
  }

  Topic topic(const Json& v) const {
    if (v.type != Json::Type::object) fail(v, "each topic must be an object");
    Topic t;
    const Json* rules_json = nullptr;
    for (const auto& [key, val] : v.fields) {
      if (is_comment(key)) continue;
      if (key == "id") {
        t.id = need_string(val, "id");
        if (!valid_id(t.id)) fail(val, "topic id '" + t.id + "' must match [a-z0-9_]+");
      } else if (key == "group") {
        t.group = need_string(val, "group");
      } else if (key == "label") {
        if (val.type != Json::Type::object) fail(val, "label must be an object lang -> text");
        for (const auto& [lang, text] : val.fields) {
          if (is_comment(lang)) continue;
          if (!valid_lang(lang)) fail(text, "label: '" + lang + "' is not an ISO 639 code");
          t.labels[lang] = need_string(text, "label." + lang);
        }
      } else if (key == "needs_context") {
        if (val.type != Json::Type::boolean) fail(val, "needs_context must be true or false");
        t.needs_context = val.b;
      } else if (key == "rules") {
        rules_json = &val;
      } else {
        fail(val, "topic: unknown field '" + key + "' (expected id, group, label, needs_context, rules)");
      }
    }
    if (t.id.empty()) fail(v, "a topic has no id");
    if (t.labels.empty()) fail(v, "topic '" + t.id + "' has no label");
    if (rules_json == nullptr) fail(v, "topic '" + t.id + "' has no rules");
    if (rules_json->type != Json::Type::object) fail(*rules_json, "rules must be an object lang -> rules");
    for (const auto& [lang, val] : rules_json->fields) {
      if (is_comment(lang)) continue;
      if (!valid_lang(lang)) fail(val, "rules: '" + lang + "' is not an ISO 639 code");
      t.rules[lang] = rules(val, t.id + ".rules." + lang);
    }
    return t;
  }

 private:
  std::string_view origin_;
};

}  // namespace

std::vector<std::string> Topic::languages() const {
  std::vector<std::string> out;
  for (const auto& [lang, r] : rules) {
    if (!r.terms.empty() || !r.stems.empty() || !r.slang.empty() || !r.mentions.empty()) out.push_back(lang);
  }
  return out;  // std::map keeps them sorted
}

const std::string& Topic::label(std::string_view lang) const {
  if (auto it = labels.find(std::string(lang)); it != labels.end()) return it->second;
  if (auto it = labels.find("en"); it != labels.end()) return it->second;
  return id;
}

Taxonomy Taxonomy::load(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) throw UsageError("taxonomy file not found: " + path);
  if (!fs::is_regular_file(path, ec)) throw UsageError("taxonomy is not a regular file: " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error("cannot read taxonomy file " + path);
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) throw Error("cannot read taxonomy file " + path);
  return parse(buf.str(), path);
}

Taxonomy Taxonomy::parse(std::string_view json, std::string_view origin) {
  Json doc = JsonReader(json, origin).document();
  Builder b(origin);
  if (doc.type != Json::Type::object) b.fail(doc, "the file must hold one JSON object");
  Taxonomy tax;
  std::string version;
  const Json* topics = nullptr;
  for (const auto& [key, val] : doc.fields) {
    if (key == "version") version = b.need_string(val, "version");
    else if (key == "topics") topics = &val;
    else if (key == "context") {
      if (val.type != Json::Type::object) b.fail(val, "\"context\" must be an object lang -> rules");
      for (const auto& [lang, rules] : val.fields) {
        if (Builder::is_comment(lang)) continue;
        if (!Builder::valid_lang(lang)) b.fail(rules, "context: '" + lang + "' is not an ISO 639 code");
        tax.context_[lang] = b.rules(rules, "context." + lang);
      }
    }
    // Other top-level fields (name, source, licence...) are documentation.
  }
  if (version.empty()) b.fail(doc, "missing \"version\"");
  if (topics == nullptr) b.fail(doc, "missing \"topics\"");
  if (topics->type != Json::Type::array) b.fail(*topics, "\"topics\" must be an array");
  if (topics->items.empty()) b.fail(*topics, "\"topics\" is empty");
  bool any_needs_context = false;
  std::set<std::string> seen;
  for (const Json& t : topics->items) {
    Topic topic = b.topic(t);
    if (!seen.insert(topic.id).second) b.fail(t, "duplicate topic id '" + topic.id + "'");
    any_needs_context |= topic.needs_context;
    tax.topics_.push_back(std::move(topic));
  }
  if (any_needs_context && tax.context_.empty())
    b.fail(*topics, "some topics set needs_context but the file has no \"context\" rules");
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(json)));
  tax.version_ = version + "+" + hex;
  return tax;
}

const Topic* Taxonomy::find(std::string_view id) const {
  for (const Topic& t : topics_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

namespace {

bool has_cjk_bytes(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0xE3 && c <= 0xE9) return true;
  return false;
}

// Arabic attached articles (ال، وال، بال، فال، كال، لل), as the tagger removes them.
std::string_view strip_article(std::string_view w) {
  static const std::string_view kPrefixes[] = {"\xD9\x88\xD8\xA7\xD9\x84", "\xD8\xA8\xD8\xA7\xD9\x84",
                                               "\xD9\x81\xD8\xA7\xD9\x84", "\xD9\x83\xD8\xA7\xD9\x84",
                                               "\xD9\x84\xD9\x84", "\xD8\xA7\xD9\x84"};
  for (auto p : kPrefixes)
    if (w.size() > p.size() + 2 && w.substr(0, p.size()) == p) return w.substr(p.size());
  return w;
}

std::vector<std::string> rule_words(const std::string& entry) {
  std::string f = text::index_form(entry);
  std::vector<std::string> out;
  std::string cur;
  for (char c : f) {
    if (c == ' ' || c == '-' || c == '/' || c == '\'') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

}  // namespace

std::vector<RuleMatch> explain_rules(const Taxonomy& taxonomy, const Topic* topic, std::string_view text,
                                     const std::vector<text::Token>& tokens, std::string_view lang,
                                     text::StemmerSet& stemmers, std::string_view fallback_lang) {
  const auto& table = topic ? topic->rules : taxonomy.context();
  std::vector<std::pair<std::string, const LangRules*>> sets;
  auto own = table.find(std::string(lang));
  if (own != table.end()) sets.emplace_back(own->first, &own->second);
  // Latin names and hashtags in posts of other scripts, and languages
  // without rules, use the fallback's terms and stems.
  if (lang != fallback_lang) {
    auto fb = table.find(std::string(fallback_lang));
    if (fb != table.end() && (own == table.end() || lang == "ar" || lang == "ru" || lang == "zh" || lang == "ja"))
      sets.emplace_back(fb->first, &fb->second);
  }
  std::vector<const text::Token*> words;
  for (const auto& t : tokens)
    if (t.kind == text::TokenKind::word || t.kind == text::TokenKind::hashtag) words.push_back(&t);
  std::vector<RuleMatch> out;
  for (const auto& [rl, rules] : sets) {
    const bool fallback = rl != lang;
    const bool arabic = rl == "ar";
    auto scan = [&, &rule_lang = rl](const std::vector<std::string>& entries, const char* field, bool stem) {
      for (const auto& e : entries) {
        if (has_cjk_bytes(e)) {
          // Han characters are their own index form: search the text itself
          // so that offsets are the text's.
          const std::string& needle = e;
          for (size_t p = text.find(needle); p != std::string_view::npos; p = text.find(needle, p + 1))
            out.push_back({field, rule_lang, e, static_cast<uint32_t>(p), static_cast<uint32_t>(p + needle.size())});
          continue;
        }
        const auto rw = rule_words(e);
        if (rw.empty()) continue;
        for (size_t i = 0; i + rw.size() <= words.size(); ++i) {
          bool ok = true;
          for (size_t k = 0; k < rw.size() && ok; ++k) {
            std::string_view tok = words[i + k]->norm, r = rw[k];
            if (arabic) {
              tok = strip_article(tok);
              r = strip_article(r);
            }
            if (!r.empty() && r.back() == '*') ok = tok.substr(0, r.size() - 1) == r.substr(0, r.size() - 1);
            else if (stem) ok = stemmers.stem(rule_lang, std::string(tok)) == stemmers.stem(rule_lang, std::string(r));
            else ok = tok == r;
          }
          if (ok) out.push_back({field, rule_lang, e, words[i]->begin, words[i + rw.size() - 1]->end});
        }
      }
    };
    scan(rules->terms, topic ? "terms" : "context", false);
    scan(rules->stems, topic ? "stems" : "context", true);
    scan(rules->mentions, "mentions", false);
    scan(rules->cues, "cues", false);
    if (!fallback) {
      scan(rules->slang, "slang", false);
      scan(rules->exclude, "exclude", false);
    }
  }
  std::sort(out.begin(), out.end(), [](const RuleMatch& a, const RuleMatch& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  return out;
}

}  // namespace vigie::topics
