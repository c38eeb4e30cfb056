// Fuzz target: the analyst query language. Any input must either build a
// Xapian::Query or throw vigie::UsageError with a message; nothing else may
// escape (no Xapian exception, no crash).
#include <cstdint>
#include <string>
#include <vector>

#include "core/errors.h"
#include "query/query_builder.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static vigie::query::QueryBuilder builder;
  static const std::vector<std::string> langs{"en", "fr", "es", "ru", "ar", "zh"};
  std::string q(reinterpret_cast<const char*>(data), size);
  try {
    auto query = builder.build(q, "", langs);
    (void)query.get_description();
  } catch (const vigie::UsageError& e) {
    if (std::string(e.what()).empty()) __builtin_trap();
  }
  try {
    (void)builder.build(q, "fr", langs);
  } catch (const vigie::UsageError&) {
  }
  return 0;
}
