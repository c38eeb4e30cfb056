#include "indexer/readers/json_scan.h"

#include <charconv>
#include <cmath>

#include "indexer/readers/record_rules.h"

namespace vigie::indexer::detail {

sj::error_code read_str(od::value& v, od::json_type t, Str& s) {
  if (t == od::json_type::null) return sj::SUCCESS;
  s.present = true;
  if (t != od::json_type::string) return sj::SUCCESS;
  std::string_view sv;
  if (auto e = v.get_string().get(sv)) return e;
  s.is_string = true;
  s.v.assign(sv);
  return sj::SUCCESS;
}

sj::error_code read_scalar(od::value& v, od::json_type t, std::string& out) {
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

sj::error_code read_date(od::value& v, od::json_type t, DateVal& d) {
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

sj::error_code read_count(od::value& v, od::json_type t, int64_t& out) {
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

const char* location(od::value& v) {
  const char* p = nullptr;
  if (v.current_location().get(p)) return nullptr;
  return p;
}

sj::error_code scan_named(od::object o, std::string_view want, std::string& out) {
  return for_each_member(
      o, [&](std::string_view key) { return key == want; },
      [&](od::value& v, od::json_type t) { return read_scalar(v, t, out); });
}

sj::error_code scan_extended(od::object o, Str& out) {
  return for_each_member(
      o, [](std::string_view key) { return key == "full_text"; },
      [&](od::value& v, od::json_type t) { return read_str(v, t, out); });
}

sj::error_code scan_metrics(od::object o, int64_t& sum) {
  // Views are not engagement: impression_count would swamp the sum.
  return for_each_member(
      o, [](std::string_view key) { return key != "impression_count"; },
      [&](od::value& v, od::json_type t) -> sj::error_code {
        int64_t x = 0;
        if (auto e = read_count(v, t, x)) return e;
        sum += x;
        return sj::SUCCESS;
      });
}

sj::error_code scan_referenced(od::array a, bool& retweet) {
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

sj::error_code scan_entities(od::object o, Fields& f) {
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

}  // namespace vigie::indexer::detail
