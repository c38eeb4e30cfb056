#include "indexer/readers/record_rules.h"

#include <charconv>
#include <cmath>

#include "core/text/utf8.h"
#include "core/time.h"

namespace vigie::indexer::detail {

std::string_view trim_ws(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\n' || s.back() == '\r' || s.back() == '\t'))
    s.remove_suffix(1);
  return s;
}

namespace {

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

}  // namespace

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
    size_t n = utf8::decode(s, i, utf8::Policy::strict_except_high_leads).len;
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

bool set_date(const DateVal& d, bool numbers_are_epoch, Record& r, std::string& reason) {
  int64_t t = 0;
  switch (eval_date(d, numbers_are_epoch, t)) {
    case DateStatus::absent: return true;
    case DateStatus::ok: r.time = t; return true;
    case DateStatus::bad:
      reason = "unparseable date '" + make_excerpt(std::string_view(d.raw).substr(0, 40)) + "'";
      return false;
  }
  return true;
}

bool set_feed_date(const DateVal& own, bool own_numbers_are_epoch, const Fields& f, Record& r,
                   std::string& reason) {
  if (own.type != DateVal::absent) return set_date(own, own_numbers_are_epoch, r, reason);
  return set_date(f.date, true, r, reason);
}

bool type_check(std::initializer_list<std::pair<const Str*, const char*>> fields,
                std::string& reason) {
  for (auto& [s, name] : fields) {
    if (s->present && !s->is_string) {
      reason = std::string("field '") + name + "' is not a string";
      return false;
    }
  }
  return true;
}

const std::string& first_nonempty(std::initializer_list<const Str*> c) {
  static const std::string empty;
  for (const Str* s : c)
    if (s->nonempty()) return s->v;
  return empty;
}

bool field_too_large(const Record& r, size_t max_bytes, std::string& reason) {
  if (r.text.size() <= max_bytes && r.title.size() <= max_bytes) return false;
  reason = std::string(r.text.size() > max_bytes ? "text" : "title") + " larger than " +
           std::to_string(max_bytes) + " bytes";
  return true;
}

}  // namespace vigie::indexer::detail
