// Dates and times in UTC: parsing the formats feeds use, ISO weeks, days.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigie::time {

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int y, unsigned m, unsigned d);
struct Civil {
  int y;
  unsigned m, d;
};
Civil civil_from_days(int64_t days);

// The instants Vigie dates things with: years 1 to 9999, the years ISO 8601
// writes with four digits. Every source of a date keeps to it - the string
// parsers below, epoch numbers (from_epoch), snowflake ids - so a date read
// from any field is one that format_datetime can write and a query can name.
inline constexpr int64_t kMinTime = -62135596800;  // 0001-01-01T00:00:00Z
inline constexpr int64_t kMaxTime = 253402300799;  // 9999-12-31T23:59:59Z
inline bool in_range(int64_t seconds) { return seconds >= kMinTime && seconds <= kMaxTime; }

// Seconds since the epoch as a feed writes them (Reddit's created_utc,
// possibly with a fraction), floored to a whole second; nullopt for NaN,
// infinities and times outside kMinTime..kMaxTime.
std::optional<int64_t> from_epoch(double seconds);

// Parsers return nullopt when the text is not a valid date of that form,
// including impossible dates (2019-02-30, hour 25) and times that an offset
// moves outside kMinTime..kMaxTime.
// "Wed Oct 10 20:19:24 +0000 2018" (Twitter v1.1)
std::optional<int64_t> parse_twitter(std::string_view s);
// ISO 8601: "2019-03-11", "2019-03-11T10:00:00Z", "...000Z", "+01:00" offsets,
// and the Media Cloud form "2019-03-11 10:00:00" (UTC, optional fraction).
std::optional<int64_t> parse_iso8601(std::string_view s);
// Any of the above.
std::optional<int64_t> parse_any(std::string_view s);

// Twitter snowflake id -> UTC seconds (ids after 2010-11-04).
std::optional<int64_t> from_snowflake(uint64_t id);

// ISO 8601 week of a day: "2019-W11". Week starts Monday.
struct IsoWeek {
  int year;
  unsigned week;
};
IsoWeek iso_week_of_day(int64_t days);
std::string format_iso_week(IsoWeek w);
// "2019-W11" -> Monday of that week (days since epoch); nullopt if malformed.
std::optional<int64_t> parse_iso_week(std::string_view s);

std::string format_date(int64_t seconds);      // "2019-03-11"
std::string format_datetime(int64_t seconds);  // "2019-03-11T10:00:00Z"

inline int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
// Unix time has no leap seconds: every UTC day is this long.
inline constexpr int64_t kSecondsPerDay = 86400;
// UTC seconds of 00:00:00 on `day` (days since 1970-01-01), and back.
constexpr int64_t start_of_day(int64_t day) { return day * kSecondsPerDay; }
inline int64_t day_of(int64_t seconds) { return floor_div(seconds, kSecondsPerDay); }

}  // namespace vigie::time
