// Text helpers shared by the report renderers: escaping for HTML, Markdown
// and CSV, locale-independent fixed number formatting, UTF-8 repair and
// excerpts. Everything here is deterministic (no locale, no clock).
//
// Thread safety: pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigie::reports::fmt {

// Invalid UTF-8 sequences replaced by U+FFFD, so every output is valid text.
std::string valid_utf8(std::string_view s);

// HTML text and attribute escaping (& < > " '), on valid UTF-8.
std::string html(std::string_view s);
// Markdown inline text: escapes the characters Markdown and tables give a
// meaning to (\ ` * _ [ ] < > | #) and turns newlines into spaces.
std::string markdown(std::string_view s);
// One CSV field (RFC 4180): quoted when it holds , " CR or LF or leading /
// trailing spaces. Text fields starting with = + - @ get a leading ' so a
// spreadsheet does not run them as formulas.
std::string csv(std::string_view s);
std::string csv_text(std::string_view s);  // csv() plus the formula guard

// Fixed decimals, "." separator whatever the locale, never "-0.00".
// Non-finite -> "".
std::string fixed(double v, int decimals);
// Optional: fixed() or `none` when absent.
std::string fixed_or(const std::optional<double>& v, int decimals, std::string_view none);
// Signed fixed: "+3", "-0.12", "0" for zero.
std::string signed_fixed(double v, int decimals);
// 12345 -> "12,345" (thin grouping for tables).
std::string grouped(uint64_t v);
// Percentage of a share in [0, 1]: 0.1234 -> "12.3%".
std::string percent(double share, int decimals = 1);

// True for http:// and https:// URLs: the only links a report renders
// (a javascript: URL in a feed must not become a live link).
bool is_web_url(std::string_view url);

// At most `max_chars` code points of s, cut at a space when one is near,
// with "..." appended when cut. Whitespace runs collapse to one space.
std::string excerpt(std::string_view s, size_t max_chars);

}  // namespace vigie::reports::fmt
