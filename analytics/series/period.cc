#include "analytics/series/period.h"

#include <algorithm>
#include <cstdio>

#include "core/errors.h"
#include "core/time.h"

namespace vigie::series {
namespace {

void check(const PeriodSpec& spec) {
  if (spec.by == Granularity::week && (spec.week_start < 1 || spec.week_start > 7))
    throw UsageError("week start must be an ISO weekday 1 (Monday) .. 7 (Sunday), got " +
                     std::to_string(spec.week_start));
}

// ISO weekday of a day: 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday).
unsigned iso_weekday(int64_t day) {
  return static_cast<unsigned>(day + 3 - time::floor_div(day + 3, 7) * 7) + 1;
}

int64_t first_of_month(int64_t day) {
  time::Civil c = time::civil_from_days(day);
  return time::days_from_civil(c.y, c.m, 1);
}

int64_t add_months(int64_t first_day, int64_t n) {
  time::Civil c = time::civil_from_days(first_day);
  int64_t m = static_cast<int64_t>(c.y) * 12 + (c.m - 1) + n;
  int y = static_cast<int>(time::floor_div(m, 12));
  unsigned mo = static_cast<unsigned>(m - int64_t(y) * 12) + 1;
  return time::days_from_civil(y, mo, 1);
}

std::optional<int64_t> parse_day(std::string_view s) {
  if (s.size() != 10) return std::nullopt;
  auto t = time::parse_iso8601(s);
  if (!t) return std::nullopt;
  return time::day_of(*t);
}

}  // namespace

std::optional<Granularity> parse_granularity(std::string_view s) {
  if (s == "day") return Granularity::day;
  if (s == "week") return Granularity::week;
  if (s == "month") return Granularity::month;
  return std::nullopt;
}

std::string_view granularity_name(Granularity g) {
  switch (g) {
    case Granularity::day: return "day";
    case Granularity::week: return "week";
    case Granularity::month: return "month";
  }
  return "?";
}

Period period_of_day(int64_t day, const PeriodSpec& spec) {
  check(spec);
  switch (spec.by) {
    case Granularity::day: return {day, day + 1};
    case Granularity::week: {
      int64_t first = day - int64_t((iso_weekday(day) + 7 - spec.week_start) % 7);
      return {first, first + 7};
    }
    case Granularity::month: {
      int64_t first = first_of_month(day);
      return {first, add_months(first, 1)};
    }
  }
  return {day, day + 1};
}

Period period_of(int64_t seconds, const PeriodSpec& spec) {
  return period_of_day(time::day_of(seconds), spec);
}

Period shift(const Period& p, int64_t n, const PeriodSpec& spec) {
  check(spec);
  switch (spec.by) {
    case Granularity::day: return {p.first_day + n, p.first_day + n + 1};
    case Granularity::week: return {p.first_day + 7 * n, p.first_day + 7 * n + 7};
    case Granularity::month: {
      int64_t first = add_months(p.first_day, n);
      return {first, add_months(first, 1)};
    }
  }
  return p;
}

std::string period_label(const Period& p, const PeriodSpec& spec) {
  check(spec);
  const int64_t seconds = time::start_of_day(p.first_day);
  switch (spec.by) {
    case Granularity::day: return time::format_date(seconds);
    case Granularity::week:
      if (spec.week_start == 1) return time::format_iso_week(time::iso_week_of_day(p.first_day));
      return time::format_date(seconds);
    case Granularity::month: return time::format_date(seconds).substr(0, 7);
  }
  return {};
}

std::optional<Period> parse_period(std::string_view label, const PeriodSpec& spec) {
  check(spec);
  if (auto day = parse_day(label)) return period_of_day(*day, spec);
  if (spec.by == Granularity::week && spec.week_start == 1) {
    if (auto monday = time::parse_iso_week(label)) return period_of_day(*monday, spec);
  }
  if (spec.by == Granularity::month && label.size() == 7 && label[4] == '-') {
    std::string first(label);
    first += "-01";
    if (auto day = parse_day(first)) return period_of_day(*day, spec);
  }
  return std::nullopt;
}

uint64_t count_periods(int64_t first, int64_t last, const PeriodSpec& spec) {
  if (last < first) return 0;
  const Period a = period_of(first, spec), b = period_of(last, spec);
  switch (spec.by) {
    case Granularity::day: return uint64_t(b.first_day - a.first_day) + 1;
    case Granularity::week: return uint64_t(b.first_day - a.first_day) / 7 + 1;
    case Granularity::month: {
      const time::Civil x = time::civil_from_days(a.first_day), y = time::civil_from_days(b.first_day);
      return uint64_t((int64_t(y.y) * 12 + y.m) - (int64_t(x.y) * 12 + x.m)) + 1;
    }
  }
  return 0;
}

std::vector<Period> periods_between(int64_t first, int64_t last, const PeriodSpec& spec) {
  std::vector<Period> out;
  if (last < first) return out;
  const uint64_t n = count_periods(first, last, spec);
  if (n > kMaxPeriods) {
    throw UsageError("a series from " + time::format_date(first) + " to " + time::format_date(last) + " by " +
                     std::string(granularity_name(spec.by)) + " would have " + std::to_string(n) +
                     " periods, more than " + std::to_string(kMaxPeriods) +
                     ": narrow it with --from/--to, or count by a longer period");
  }
  out.reserve(n);
  Period p = period_of(first, spec);
  const Period end = period_of(last, spec);
  while (p.first_day <= end.first_day) {
    out.push_back(p);
    p = shift(p, 1, spec);
  }
  return out;
}

std::vector<Period> trailing_periods(const Period& last, size_t count, const PeriodSpec& spec) {
  if (count > kMaxPeriods)
    throw UsageError("a series of " + std::to_string(count) + " periods is longer than " +
                     std::to_string(kMaxPeriods));
  std::vector<Period> out;
  out.reserve(count);
  for (size_t i = count; i-- > 0;) out.push_back(shift(last, -static_cast<int64_t>(i), spec));
  return out;
}

Bucketer::Bucketer(std::vector<Period> periods, const PeriodSpec& spec)
    : periods_(std::move(periods)), spec_(spec) {
  check(spec_);
}

std::optional<size_t> Bucketer::index_of(int64_t seconds) const {
  if (periods_.empty()) return std::nullopt;
  const int64_t day = time::day_of(seconds);
  if (day < periods_.front().first_day || day >= periods_.back().end_day) return std::nullopt;
  if (spec_.by == Granularity::month) {
    auto it = std::upper_bound(periods_.begin(), periods_.end(), day,
                               [](int64_t d, const Period& p) { return d < p.first_day; });
    return static_cast<size_t>(it - periods_.begin()) - 1;
  }
  const int64_t len = spec_.by == Granularity::day ? 1 : 7;
  return static_cast<size_t>((day - periods_.front().first_day) / len);
}

}  // namespace vigie::series
