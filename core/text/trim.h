// Trimming the ends of a string view (table fields, header values). Bytes
// only: the characters to trim are ASCII.
//
// Thread safety: pure functions.
#pragma once

#include <string_view>

namespace vigie::text {

// s without the leading and trailing bytes found in `chars` (by default
// spaces, tabs and a carriage return left by CRLF line ends).
constexpr std::string_view trim(std::string_view s, std::string_view chars = " \t\r") {
  while (!s.empty() && chars.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && chars.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  return s;
}

}  // namespace vigie::text
