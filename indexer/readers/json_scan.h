// simdjson On Demand primitives the readers share: read one value into a
// Fields member, and walk the nested shapes feeds use (entities.hashtags,
// public_metrics, referenced_tweets, "the array under key K", "each object
// of this array"). Values of other types are skipped; JSON errors are
// returned, never thrown. Stateless; thread-safe.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "indexer/readers/fields.h"

namespace vigie::indexer::detail {

namespace sj = simdjson;
namespace od = simdjson::ondemand;

// A string into s (null = absent, other types = present but not a string).
sj::error_code read_str(od::value& v, od::json_type t, Str& s);
// Strings as they are, numbers as their JSON text (ids); others ignored.
sj::error_code read_scalar(od::value& v, od::json_type t, std::string& out);
// A date: string, number (its JSON text) or another type (unparseable).
sj::error_code read_date(od::value& v, od::json_type t, DateVal& d);
// A count: integers, doubles (truncated) and numeric strings; others keep out.
sj::error_code read_count(od::value& v, od::json_type t, int64_t& out);

// Where v starts in the parsed buffer (nullptr if unknown).
const char* location(od::value& v);

// Reads one member (by exact name) of an object with read_scalar; skips the rest.
sj::error_code scan_named(od::object o, std::string_view want, std::string& out);
// extended_tweet.full_text.
sj::error_code scan_extended(od::object o, Str& out);
// Sum of public_metrics except impression_count.
sj::error_code scan_metrics(od::object o, int64_t& sum);
// Sets retweet when a referenced tweet has type "retweeted".
sj::error_code scan_referenced(od::array a, bool& retweet);
// entities.hashtags[].text (v1.1) or .tag (v2) into f.
sj::error_code scan_entities(od::object o, Fields& f);

// Calls fn(value, type) for each member of o whose key keep(key) accepts;
// the others are skipped unread. Stops at the first error.
template <class Keep, class Fn>
sj::error_code for_each_member(od::object o, Keep&& keep, Fn&& fn) {
  for (auto fr : o) {
    od::field fld;
    if (auto e = std::move(fr).get(fld)) return e;
    std::string_view key;
    if (auto e = fld.unescaped_key().get(key)) return e;
    if (!keep(key)) continue;
    od::json_type t;
    if (auto e = fld.value().type().get(t)) return e;
    if (auto e = fn(fld.value(), t)) return e;
  }
  return sj::SUCCESS;
}

// Calls fn(array) for each member named `name` whose value is an array.
template <class Fn>
sj::error_code for_array_field(od::object o, std::string_view name, Fn&& fn) {
  return for_each_member(
      o, [&](std::string_view key) { return key == name; },
      [&](od::value& v, od::json_type t) -> sj::error_code {
        if (t != od::json_type::array) return sj::SUCCESS;
        od::array a;
        if (auto e = v.get_array().get(a)) return e;
        return fn(a);
      });
}

// Calls fn(object) for each object element of a.
template <class Fn>
sj::error_code for_each_object(od::array a, Fn&& fn) {
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

}  // namespace vigie::indexer::detail
