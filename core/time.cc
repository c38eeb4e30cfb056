#include "core/time.h"

#include <array>
#include <cmath>
#include <cstdio>

namespace vigie::time {
namespace {

bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static constexpr std::array<unsigned, 12> k{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : k[m - 1];
}

std::optional<int64_t> make_time(int y, int mo, int d, int h, int mi, int s, int64_t offset_s) {
  if (y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > int(days_in_month(y, mo)) || h > 23 ||
      mi > 59 || s > 60)
    return std::nullopt;
  if (s == 60) s = 59;  // leap second: clamp
  const int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset_s;
  if (!in_range(t)) return std::nullopt;  // 0001-01-01T00:30+01:00, 9999-12-31T23:30-01:00
  return t;
}

int month_from_abbrev(std::string_view m) {
  static constexpr std::array<std::string_view, 12> k{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (size_t i = 0; i < k.size(); ++i)
    if (m == k[i]) return int(i) + 1;
  return 0;
}

}  // namespace

int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

Civil civil_from_days(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Civil{static_cast<int>(y + (m <= 2)), m, d};
}

std::optional<int64_t> parse_twitter(std::string_view s) {
  // "Wed Oct 10 20:19:24 +0000 2018"
  if (s.size() != 30 || s[3] != ' ' || s[7] != ' ' || s[10] != ' ' || s[13] != ':' || s[16] != ':' ||
      s[19] != ' ' || s[25] != ' ')
    return std::nullopt;
  int mo = month_from_abbrev(s.substr(4, 3));
  int d, h, mi, sec, y, oh, om;
  if (!mo || !digits(s, 8, 2, d) || !digits(s, 11, 2, h) || !digits(s, 14, 2, mi) ||
      !digits(s, 17, 2, sec) || !digits(s, 21, 2, oh) || !digits(s, 23, 2, om) || !digits(s, 26, 4, y))
    return std::nullopt;
  if (s[20] != '+' && s[20] != '-') return std::nullopt;
  int64_t off = (oh * 3600 + om * 60) * (s[20] == '-' ? -1 : 1);
  return make_time(y, mo, d, h, mi, sec, off);
}

std::optional<int64_t> parse_iso8601(std::string_view s) {
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!digits(s, 0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  size_t p = 10;
  int64_t off = 0;
  if (p < s.size()) {
    if (s[p] != 'T' && s[p] != ' ') return std::nullopt;
    if (!digits(s, p + 1, 2, h) || p + 3 >= s.size() || s[p + 3] != ':' || !digits(s, p + 4, 2, mi))
      return std::nullopt;
    p += 6;
    if (p < s.size() && s[p] == ':') {
      if (!digits(s, p + 1, 2, sec)) return std::nullopt;
      p += 3;
    }
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      size_t q = p;
      while (p < s.size() && s[p] >= '0' && s[p] <= '9') ++p;
      if (p == q) return std::nullopt;
    }
    if (p < s.size()) {
      if (s[p] == 'Z' || s[p] == 'z') {
        ++p;
      } else if (s[p] == '+' || s[p] == '-') {
        int oh, om = 0;
        if (!digits(s, p + 1, 2, oh)) return std::nullopt;
        size_t q = p + 3;
        const bool colon = q < s.size() && s[q] == ':';
        if (colon) ++q;
        if (q < s.size() || colon) {  // "+01:" without minutes is malformed
          if (!digits(s, q, 2, om)) return std::nullopt;
          q += 2;
        }
        if (oh > 23 || om > 59) return std::nullopt;
        off = (oh * 3600 + om * 60) * (s[p] == '-' ? -1 : 1);
        p = q;
      }
    }
    if (p != s.size()) return std::nullopt;
  }
  return make_time(y, mo, d, h, mi, sec, off);
}

std::optional<int64_t> from_epoch(double seconds) {
  // Compared as doubles: the int64_t conversion of 1e300 or NaN is undefined.
  if (!(seconds >= double(kMinTime) && seconds < double(kMaxTime) + 1)) return std::nullopt;
  return static_cast<int64_t>(std::floor(seconds));
}

std::optional<int64_t> parse_any(std::string_view s) {
  if (auto t = parse_iso8601(s)) return t;
  return parse_twitter(s);
}

std::optional<int64_t> from_snowflake(uint64_t id) {
  constexpr uint64_t kTwepochMs = 1288834974657ULL;
  // Before 2010-11-04 ids were sequential; they had reached about 2.97e10
  // (the 20 billionth tweet was in July 2010). Such an id read as a
  // snowflake would give a time within 7 s of Twitter's epoch, so ids below
  // 3e10 are not dated rather than all dated 2010-11-04T01:42:5x.
  if (id < 30'000'000'000ULL) return std::nullopt;
  const auto t = static_cast<int64_t>(((id >> 22) + kTwepochMs) / 1000);  // at most year 2149
  if (!in_range(t)) return std::nullopt;
  return t;
}

IsoWeek iso_week_of_day(int64_t days) {
  // 1970-01-01 was a Thursday. weekday: 0 = Monday.
  int64_t wd = floor_div(days + 3, 7) * 7 - 3;  // Monday of this week
  int64_t thursday = wd + 3;
  Civil c = civil_from_days(thursday);
  int64_t jan1 = days_from_civil(c.y, 1, 1);
  return IsoWeek{c.y, static_cast<unsigned>((thursday - jan1) / 7 + 1)};
}

std::string format_iso_week(IsoWeek w) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02u", w.year, w.week);
  return buf;
}

std::optional<int64_t> parse_iso_week(std::string_view s) {
  int y, w;
  if (s.size() != 8 || !digits(s, 0, 4, y) || s[4] != '-' || (s[5] != 'W' && s[5] != 'w') ||
      !digits(s, 6, 2, w) || w < 1 || y < 1)
    return std::nullopt;
  // Monday of week 1 is the Monday on or before Jan 4.
  int64_t jan4 = days_from_civil(y, 1, 4);
  int64_t monday1 = floor_div(jan4 + 3, 7) * 7 - 3;
  int64_t monday = monday1 + 7 * (w - 1);
  if (iso_week_of_day(monday).year != y) return std::nullopt;  // week 53 in a 52-week year
  return monday;
}

std::string format_date(int64_t seconds) {
  Civil c = civil_from_days(day_of(seconds));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buf;
}

std::string format_datetime(int64_t seconds) {
  int64_t day = day_of(seconds);
  int64_t rem = seconds - start_of_day(day);
  Civil c = civil_from_days(day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", c.y, c.m, c.d, int(rem / 3600),
                int(rem / 60 % 60), int(rem % 60));
  return buf;
}

}  // namespace vigie::time
