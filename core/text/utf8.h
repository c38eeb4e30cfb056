// The one UTF-8 decoder of Vigie (no ICU). Every module that walks UTF-8
// by hand decodes here; ICU-based code in core/text uses utf8_internal.h.
//
// Sites differ in what they make of ill-formed bytes, and some of those
// differences are stored or learnt (the sentiment tokenizer's code points
// are model features, excerpts are written to rejects logs), so the
// decoder takes the policy as an argument instead of imposing one:
//   strict - Unicode's well-formed sequences only (no overlong forms, no
//            surrogates, nothing past U+10FFFF); anything else is
//            rejected. For text that is copied out (JSON, excerpts).
//   lax    - the lead byte says the length (C0..DF two, E0..EF three,
//            F0..FF four); a sequence cut short, a missing continuation
//            byte or a byte that starts nothing gives U+FFFD over one
//            byte; overlong forms and surrogates decode to their bits.
//            The sentiment tokenizer and its models.
//   bits   - no checks at all: C0..DF two, E0..EF three, F0..F7 four,
//            any other byte is its own value; continuation bytes are
//            taken as they come, and a sequence cut short by the end of
//            the text folds the bytes there are. The topic rules' CJK
//            matching and the script guess of `vigie score`.
//   strict_except_high_leads - strict, except that a byte F5..FF followed
//            by two continuation bytes passes as a three-byte sequence.
//            The excerpts of the indexer's rejects log.
//
// Thread safety: pure functions.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

namespace vigie::utf8 {

enum class Policy : unsigned char { strict, lax, bits, strict_except_high_leads };

struct Decoded {
  char32_t cp = 0;   // U+FFFD when rejected (strict, lax)
  size_t len = 0;    // bytes consumed; 0 when strict rejects the sequence
  bool whole = true; // bits: the lead byte's sequence was all there
};

namespace detail {

inline unsigned char byte(std::string_view s, size_t i) { return static_cast<unsigned char>(s[i]); }

inline Decoded strict(std::string_view s, size_t i, bool high_leads) {
  const unsigned char c = byte(s, i);
  if (c < 0x80) return {c, 1, true};
  const Decoded bad{0xFFFD, 0, false};
  size_t n;
  char32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else if (high_leads && c >= 0xF5) {
    n = 3;
    cp = c & 0x0F;
  } else {
    return bad;
  }
  if (i + n > s.size()) return bad;
  for (size_t k = 1; k < n; ++k) {
    if ((byte(s, i + k) & 0xC0) != 0x80) return bad;
    cp = (cp << 6) | (byte(s, i + k) & 0x3F);
  }
  if (n == 3 && c >= 0xF5) return {cp, n, true};
  if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
    return bad;
  return {cp, n, true};
}

inline Decoded lax(std::string_view s, size_t i) {
  const unsigned char b = byte(s, i);
  if (b < 0x80) return {b, 1, true};
  const Decoded bad{0xFFFD, 1, false};
  const size_t n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return bad;
  char32_t c = b & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (size_t k = 1; k < n; ++k) {
    const unsigned char cb = byte(s, i + k);
    if ((cb & 0xC0) != 0x80) return bad;
    c = (c << 6) | (cb & 0x3F);
  }
  return {c, n, true};
}

inline Decoded bits(std::string_view s, size_t i) {
  const unsigned char c = byte(s, i);
  const size_t lead = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  const size_t len = std::min(lead, s.size() - i);
  if (len == 1) return {c, 1, lead == 1};
  char32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(s, i + k) & 0x3F);
  return {cp, len, len == lead};
}

}  // namespace detail

// Decodes the code point that starts at s[i] (i < s.size()).
inline Decoded decode(std::string_view s, size_t i, Policy policy) {
  switch (policy) {
    case Policy::strict: return detail::strict(s, i, false);
    case Policy::lax: return detail::lax(s, i);
    case Policy::bits: return detail::bits(s, i);
    case Policy::strict_except_high_leads: return detail::strict(s, i, true);
  }
  return detail::strict(s, i, false);
}

// The length of the well-formed sequence at s[i], 0 when it is ill-formed.
inline size_t valid_length(std::string_view s, size_t i) { return decode(s, i, Policy::strict).len; }

// Appends the UTF-8 bytes of cp (by its bits: a surrogate is written as
// one, a value past U+10FFFF as four bytes of its low bits).
inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace vigie::utf8
