// The documented range of every numeric parameter of the query commands
// (search, trends, report) and of the query language, in one table that
// --help, docs/search.md and the HTTP server share. A value outside its range
// is a usage error naming the parameter, never a silent wrap-around: "-1"
// read into an unsigned option would otherwise be 4294967295 results.
//
// Thread safety: constant data and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::query {

struct NumericParam {
  std::string_view name;  // option name without "--" (also the HTTP parameter)
  double min, max;        // inclusive
  bool integer;           // whole numbers only
  std::string_view help;  // what the range protects, for --help and docs
};

// Every bounded parameter, in the order docs/search.md lists them.
const std::vector<NumericParam>& numeric_params();

// The range of `name`; throws std::logic_error for a name not in the table
// (a programming error).
const NumericParam& numeric_param(std::string_view name);

// "min..max" as --help shows it, e.g. "0..100000000".
std::string range_text(std::string_view name);

// value when it lies in the range of `name`; otherwise throws UsageError
// "--limit: -1 is outside 0..100000000". check_number also refuses NaN and
// infinities.
int64_t check_integer(std::string_view name, int64_t value);
double check_number(std::string_view name, double value);

// Limits of the query language itself.
// Words, phrases' words and field terms a query may hold. Each term is a
// posting list the matcher walks for every search, exact counts included,
// so the cost of a query grows with its terms; a server's request limits
// rest on this bound.
inline constexpr size_t kMaxQueryTerms = 1000;
// Terms one wildcard expands to: the most frequent ones are kept.
inline constexpr unsigned kMaxWildcardTerms = 1000;
// NEAR/n and ADJ/n windows.
inline constexpr int64_t kMinNearWindow = 1, kMaxNearWindow = 1000;

}  // namespace vigie::query
