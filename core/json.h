// A minimal, fast JSON writer for Vigie's outputs (document data, --json
// results, stats, reports). Strings are escaped per RFC 8259; invalid UTF-8
// is replaced by U+FFFD so output is always valid JSON. Numbers are written
// with fixed formatting so that outputs are byte-identical across runs.
//
// Thread safety: a JsonWriter is a value type; use one per output.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::json {

// Appends s as a quoted JSON string.
void append_string(std::string& out, std::string_view s);
std::string quote(std::string_view s);

// Doubles: shortest round-trip form ("%.17g" trimmed); NaN/inf -> null.
void append_double(std::string& out, double v);
// Doubles with a fixed number of decimals (reports: stable, readable).
void append_fixed(std::string& out, double v, int decimals);

// A streaming writer that tracks commas. Example:
//   JsonWriter w; w.begin_object(); w.key("count"); w.value(3); w.end_object();
class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);
  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(int64_t v);
  JsonWriter& value(uint64_t v);
  JsonWriter& value(int v) { return value(static_cast<int64_t>(v)); }
  JsonWriter& value(unsigned v) { return value(static_cast<uint64_t>(v)); }
  JsonWriter& value(double v);
  JsonWriter& fixed(double v, int decimals);
  // fixed(), or null when v is empty (a mean of nothing, an unscored text).
  JsonWriter& fixed_or_null(const std::optional<double>& v, int decimals);
  // {"key": count, ...} in key order.
  JsonWriter& counts(const std::map<std::string, uint64_t>& m);
  JsonWriter& value(bool v);
  JsonWriter& null();
  JsonWriter& raw(std::string_view json);  // an already-encoded JSON value

 private:
  void comma();
  std::string& out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace vigie::json
