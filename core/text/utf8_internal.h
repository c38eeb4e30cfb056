// Internal to core/text: small UTF-8 helpers shared by the .cc files of the
// text library. Not part of the public API (it may include ICU headers, so
// nothing outside core/text/ includes it). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <unicode/utf8.h>

namespace vigie::text::detail {

inline bool is_ascii(std::string_view s) {
  // Eight bytes at a time: most tokens and many whole tweets are ASCII.
  size_t i = 0;
  const size_t n = s.size();
  const char* p = s.data();
  for (; i + 8 <= n; i += 8) {
    uint64_t w;
    __builtin_memcpy(&w, p + i, 8);
    if (w & 0x8080808080808080ULL) return false;
  }
  for (; i < n; ++i)
    if (static_cast<unsigned char>(p[i]) & 0x80) return false;
  return true;
}

inline char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }

// Decodes the code point at s[i] and advances i. Ill-formed sequences give
// U+FFFD and advance by the maximal ill-formed subpart (ICU's U8_NEXT rule),
// so the caller can never loop forever.
inline UChar32 next_cp(std::string_view s, size_t& i) {
  int32_t ii = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), ii, static_cast<int32_t>(s.size()), c);
  i = static_cast<size_t>(ii);
  return c < 0 ? 0xFFFD : c;
}

// The code point ending just before s[i] (i > 0); moves i back. U+FFFD for
// ill-formed bytes.
inline UChar32 prev_cp(std::string_view s, size_t& i) {
  int32_t ii = static_cast<int32_t>(i);
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, ii, c);
  i = static_cast<size_t>(ii);
  return c < 0 ? 0xFFFD : c;
}

inline void append_cp(std::string& out, UChar32 c) {
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), len, c);
  out.append(buf, static_cast<size_t>(len));
}

// Copies s to out with every ill-formed sequence replaced by U+FFFD.
inline void sanitize_utf8(std::string_view s, std::string& out) {
  out.clear();
  out.reserve(s.size() + 8);
  for (size_t i = 0; i < s.size();) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    append_cp(out, next_cp(s, i));
  }
}

}  // namespace vigie::text::detail
