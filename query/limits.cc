#include "query/limits.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/errors.h"

namespace vigie::query {

const std::vector<NumericParam>& numeric_params() {
  // Upper bounds are far above any real use and below what would exhaust
  // memory or time: an export of every match still fits under --limit.
  static const std::vector<NumericParam> kParams = {
      {"limit", 0, 100'000'000, true, "results returned"},
      {"offset", 0, 100'000'000, true, "results skipped"},
      {"facet-limit", 0, 1'000'000, true, "values kept per facet (0 = all)"},
      {"snippet-length", 1, 1'000'000, true, "bytes of text per snippet"},
      {"remote-timeout", 1, 3'600'000, true, "milliseconds to wait for a remote shard"},
      {"spike-threshold", 0, 1'000'000, false, "minimum spike score"},
      {"spike-window", 1, 20'000, true, "baseline periods (at most the periods of a series)"},
      {"spike-min-count", 0, 1e12, false, "minimum count of a spike"},
      {"spike-ratio", 0, 1'000'000, false, "minimum ratio of count to baseline mean"},
      {"emerging-min-count", 0, 1e12, true, "minimum documents with an emerging term"},
      {"emerging-min-g2", 0, 1e12, false, "minimum G2 of an emerging term"},
      {"emerging-limit", 0, 100'000, true, "emerging terms listed"},
      {"weeks", 2, 104, true, "weeks in a briefing's series (two years)"},
      {"examples", 0, 3, true, "example documents per topic"},
  };
  return kParams;
}

const NumericParam& numeric_param(std::string_view name) {
  for (const auto& p : numeric_params())
    if (p.name == name) return p;
  throw std::logic_error("no numeric parameter '" + std::string(name) + "'");
}

namespace {

std::string number_text(double v) {
  char buf[64];
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) std::snprintf(buf, sizeof buf, "%.0f", v);
  else std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

[[noreturn]] void out_of_range(const NumericParam& p, const std::string& value) {
  throw UsageError("--" + std::string(p.name) + ": " + value + " is outside " + number_text(p.min) + ".." +
                   number_text(p.max) + " (" + std::string(p.help) + ")");
}

}  // namespace

std::string range_text(std::string_view name) {
  const NumericParam& p = numeric_param(name);
  return number_text(p.min) + ".." + number_text(p.max);
}

int64_t check_integer(std::string_view name, int64_t value) {
  const NumericParam& p = numeric_param(name);
  if (double(value) < p.min || double(value) > p.max) out_of_range(p, std::to_string(value));
  return value;
}

double check_number(std::string_view name, double value) {
  const NumericParam& p = numeric_param(name);
  if (!(value >= p.min && value <= p.max)) out_of_range(p, number_text(value));
  if (p.integer && value != std::floor(value)) out_of_range(p, number_text(value));
  return value;
}

}  // namespace vigie::query
