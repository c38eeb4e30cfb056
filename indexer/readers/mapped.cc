#include "indexer/readers/mapped.h"

#include "indexer/readers/record_rules.h"

namespace vigie::indexer::detail {

namespace {

// A mapped value, read once into both views a slot may need: as text
// (strings as they are; numbers as their JSON text, for ids; a number where
// text is expected is still "not a string") and as a date.
sj::error_code read_value(od::value& v, od::json_type t, Str& value, bool& numeric, DateVal& date) {
  if (t == od::json_type::null) return sj::SUCCESS;
  value.present = true;
  if (t == od::json_type::string) {
    std::string_view sv;
    if (auto e = v.get_string().get(sv)) return e;
    value.is_string = true;
    value.v.assign(sv);
    date.type = DateVal::string;
    date.raw = value.v;
    return sj::SUCCESS;
  }
  std::string_view raw = trim_ws(v.raw_json_token());
  if (t == od::json_type::number) {
    numeric = true;
    value.v.assign(raw);
    date.type = DateVal::number;
    date.raw.assign(raw);
  } else {
    date.type = DateVal::other;
    date.raw.assign(raw.substr(0, 40));
  }
  return sj::SUCCESS;
}

}  // namespace

MappedReader::MappedReader(std::map<std::string, std::string> map) {
  for (auto& [k, path] : map) {
    Slot s;
    s.path = std::move(path);
    slots_.emplace_back(k, std::move(s));
  }
}

sj::error_code MappedReader::read(od::object o) {
  for (auto& [k, s] : slots_) {
    s.value.clear();
    s.numeric = false;
    s.date.clear();
  }
  std::string prefix;
  return walk(o, prefix, 0);
}

MappedReader::Slot* MappedReader::slot(std::string_view key) {
  for (auto& [k, s] : slots_)
    if (k == key) return &s;
  return nullptr;
}

sj::error_code MappedReader::walk(od::object o, std::string& prefix, int level) {
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
    // One input field may feed several record keys (id=link,url=link): the
    // value is read once and given to every slot whose path it is.
    Slot* first = nullptr;
    bool descend = false;
    for (auto& [k, s] : slots_) {
      if (s.path == prefix) {
        if (!first) {
          first = &s;
          if (auto e = read_value(v, t, s.value, s.numeric, s.date)) return e;
        } else {
          s.value = first->value;
          s.numeric = first->numeric;
          s.date = first->date;
        }
        continue;
      }
      if (t == od::json_type::object && s.path.size() > prefix.size() &&
          s.path.compare(0, prefix.size(), prefix) == 0 && s.path[prefix.size()] == '.')
        descend = true;
    }
    if (first) descend = false;
    if (descend && level < 16) {
      od::object sub;
      if (auto e = v.get_object().get(sub)) return e;
      if (auto e = walk(sub, prefix, level + 1)) return e;
    }
    prefix.resize(keep);
  }
  return sj::SUCCESS;
}

std::string MappedReader::get(std::string_view key) {
  Slot* s = slot(key);
  return s && (s->value.is_string || s->numeric) ? s->value.v : std::string();
}

bool MappedReader::build(size_t max_field_bytes, Record& r, std::string& reason) {
  Slot* text = slot("text");
  Slot* title = slot("title");
  for (Slot* s : {text, title}) {
    if (s && s->value.present && !s->value.is_string) {
      reason = "field '" + s->path + "' is not a string";
      return false;
    }
  }
  r.text = text && text->value.is_string ? text->value.v : std::string();
  r.title = title && title->value.is_string ? title->value.v : std::string();
  if (r.text.empty() && r.title.empty()) {
    reason = "no text";
    return false;
  }
  Slot* date = slot("date");
  if (date && !set_date(date->date, true, r, reason)) return false;
  r.kind = Kind::news;
  if (Slot* kind = slot("kind"); kind && kind->value.is_string && !kind->value.v.empty()) {
    auto kk = parse_kind(kind->value.v);
    if (!kk) {
      reason = "unknown kind '" + make_excerpt(kind->value.v.substr(0, 40)) + "'";
      return false;
    }
    r.kind = *kk;
  }
  if (field_too_large(r, max_field_bytes, reason)) return false;
  r.id = get("id");
  r.lang = lang_or_none(get("lang"));
  r.author = get("author");
  r.source = get("source");
  r.url = get("url");
  if (r.id.empty()) r.id = r.url;  // as the unmapped reader: one url, one document
  if (r.id.empty())
    r.id = stable_hash({kind_name(r.kind), r.title, r.text, date ? date->date.raw : ""});
  return true;
}

}  // namespace vigie::indexer::detail
