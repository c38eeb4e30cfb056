// Fuzz target: the date parsers. A parsed time must format and re-parse to
// itself (ISO round trip), and ISO weeks must be consistent.
#include <cstdint>
#include <string_view>

#include "core/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view s(reinterpret_cast<const char*>(data), size);
  using namespace vigie::time;
  for (auto t : {parse_iso8601(s), parse_twitter(s), parse_any(s)}) {
    if (!t) continue;
    auto again = parse_iso8601(format_datetime(*t));
    if (!again || *again != *t) __builtin_trap();
    auto w = iso_week_of_day(day_of(*t));
    auto monday = parse_iso_week(format_iso_week(w));
    if (!monday || day_of(*t) < *monday || day_of(*t) >= *monday + 7) __builtin_trap();
  }
  if (auto m = parse_iso_week(s)) {
    if (format_iso_week(iso_week_of_day(*m)) != std::string(s.substr(0, 5)) + "W" + std::string(s.substr(6)))
      __builtin_trap();
  }
  return 0;
}
