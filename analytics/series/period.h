// Calendar periods for trends: bucketing UTC times into days, weeks (ISO
// weeks by default, any week start on request) and months, labelling them,
// and listing every period of a range (empty ones included, so a chart has
// no holes).
//
// A period is a half-open range of days [first_day, end_day) counted from
// 1970-01-01 (see core/time.h), so bucketing a time is integer arithmetic
// and periods of any kind compare, sort and hash as two integers.
//
// Labels (stable, used in JSON and CSV):
//   day    "2019-03-11"
//   week   "2019-W11" when weeks start on Monday (ISO 8601 week-numbering
//          year, so 2018-12-31 is in "2019-W01"); otherwise the start date
//          of the week, "2019-03-10", because week numbers are only defined
//          for ISO weeks.
//   month  "2019-03"
//
// Thread safety: pure functions on values; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigie::series {

enum class Granularity : uint8_t { day, week, month };

// "day" | "week" | "month" -> Granularity; nullopt otherwise.
std::optional<Granularity> parse_granularity(std::string_view s);
std::string_view granularity_name(Granularity g);

struct PeriodSpec {
  Granularity by = Granularity::week;
  // First day of a week as an ISO weekday: 1 = Monday (ISO 8601, default)
  // ... 7 = Sunday. Ignored for days and months. Values outside 1..7 make
  // the functions below throw UsageError.
  unsigned week_start = 1;
};

struct Period {
  int64_t first_day = 0;  // days since 1970-01-01, inclusive
  int64_t end_day = 0;    // exclusive
  friend bool operator==(const Period&, const Period&) = default;
  friend auto operator<=>(const Period&, const Period&) = default;
};

// The period holding a UTC day or UTC time (seconds since the epoch).
Period period_of_day(int64_t day, const PeriodSpec& spec);
Period period_of(int64_t seconds, const PeriodSpec& spec);

// The period `n` periods after `p` (n may be negative).
Period shift(const Period& p, int64_t n, const PeriodSpec& spec);

std::string period_label(const Period& p, const PeriodSpec& spec);

// Inverse of period_label; also accepts a plain date "2019-03-11" for any
// granularity (the period holding that day) and, for Monday weeks, a lower
// case "2019-w11". Returns nullopt when the text names no period.
std::optional<Period> parse_period(std::string_view label, const PeriodSpec& spec);

// The most periods a series may have: 20,000 days is 54 years, and the same
// number of weeks or months more than any feed holds. One document with an
// absurd date (9999-12-31 beside 2019) would otherwise ask for millions of
// empty periods - gigabytes of memory and output.
inline constexpr uint64_t kMaxPeriods = 20000;

// Number of periods from the one holding `first` to the one holding `last`
// (both UTC seconds, inclusive); 0 when last < first.
uint64_t count_periods(int64_t first, int64_t last, const PeriodSpec& spec);

// Every period from the one holding `first` to the one holding `last`
// (both UTC seconds, inclusive), in order. Empty when last < first. Throws
// UsageError, naming the range, when there would be more than kMaxPeriods.
std::vector<Period> periods_between(int64_t first, int64_t last, const PeriodSpec& spec);

// The `count` periods ending with (and including) `last`, oldest first:
// the 12-week window of a briefing is trailing_periods(week, 12, spec).
// Throws UsageError when count > kMaxPeriods.
std::vector<Period> trailing_periods(const Period& last, size_t count, const PeriodSpec& spec);

// Maps times to positions in a contiguous, ordered list of periods, in O(1)
// for days and weeks and O(log n) for months. Holds a copy of the list.
class Bucketer {
 public:
  Bucketer(std::vector<Period> periods, const PeriodSpec& spec);
  // Index of the period holding `seconds`, nullopt when outside the list.
  std::optional<size_t> index_of(int64_t seconds) const;
  const std::vector<Period>& periods() const { return periods_; }

 private:
  std::vector<Period> periods_;
  PeriodSpec spec_;
};

}  // namespace vigie::series
