#include "query/time_range.h"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <cctype>
#include <cstdio>
#include <string>

#include "core/errors.h"
#include "core/schema.h"
#include "core/time.h"

namespace vigie::query {

struct Zone::Icu {
  std::unique_ptr<icu::TimeZone> tz;
};

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "+01:00", "-0530", "+2" -> seconds east of UTC.
std::optional<int32_t> parse_offset(std::string_view s) {
  if (s.empty() || (s[0] != '+' && s[0] != '-')) return std::nullopt;
  int sign = s[0] == '-' ? -1 : 1;
  s.remove_prefix(1);
  std::string_view hh, mm;
  if (auto colon = s.find(':'); colon != std::string_view::npos) {
    hh = s.substr(0, colon);
    mm = s.substr(colon + 1);
  } else if (s.size() == 4) {
    hh = s.substr(0, 2);
    mm = s.substr(2);
  } else {
    hh = s;
    mm = "0";
  }
  if (hh.size() > 2 || !all_digits(hh) || mm.size() > 2 || !all_digits(mm)) return std::nullopt;
  int h = to_int(hh), m = to_int(mm);
  if (h > 14 || m > 59) return std::nullopt;
  return sign * (h * 3600 + m * 60);
}

}  // namespace

Zone::Zone() : fixed_offset_(0) {}
Zone::~Zone() = default;
Zone::Zone(const Zone&) = default;
Zone& Zone::operator=(const Zone&) = default;

bool Zone::is_utc() const { return fixed_offset_ && *fixed_offset_ == 0; }

Zone Zone::parse(std::string_view spec) {
  Zone z;
  z.name_ = std::string(spec);
  if (spec == "UTC" || spec == "Z" || spec == "utc" || spec == "GMT") return z;
  std::string_view off = spec;
  if (off.substr(0, 3) == "UTC" || off.substr(0, 3) == "GMT") off.remove_prefix(3);
  if (auto o = parse_offset(off)) {
    z.fixed_offset_ = *o;
    return z;
  }
  auto id = icu::UnicodeString::fromUTF8(icu::StringPiece(spec.data(), static_cast<int32_t>(spec.size())));
  std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(id));
  icu::UnicodeString got;
  if (!tz || tz->getID(got) == icu::UnicodeString(u"Etc/Unknown")) {
    throw UsageError("unknown time zone '" + std::string(spec) +
                     "' (use UTC, an offset such as +01:00, or an IANA name such as Europe/Paris)");
  }
  auto icu = std::make_shared<Icu>();
  icu->tz = std::move(tz);
  z.icu_ = std::move(icu);
  z.fixed_offset_.reset();
  return z;
}

int64_t Zone::day_start(int64_t day) const {
  if (fixed_offset_) return time::start_of_day(day) - *fixed_offset_;
  // getOffset(local=true) interprets the date as local wall time, which is
  // what "local midnight" needs (ICU picks the earlier instant in a gap).
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  UDate local_ms = static_cast<UDate>(time::start_of_day(day)) * 1000.0;
  icu_->tz->getOffset(local_ms, true, raw, dst, status);
  if (U_FAILURE(status)) {
    throw Error("time zone " + name_ + ": cannot compute offset: " + u_errorName(status));
  }
  return time::start_of_day(day) - (static_cast<int64_t>(raw) + dst) / 1000;
}

int32_t Zone::offset_at(int64_t utc) const {
  if (fixed_offset_) return *fixed_offset_;
  UErrorCode status = U_ZERO_ERROR;
  int32_t raw = 0, dst = 0;
  icu_->tz->getOffset(static_cast<UDate>(utc) * 1000.0, false, raw, dst, status);
  if (U_FAILURE(status)) {
    throw Error("time zone " + name_ + ": cannot compute offset: " + u_errorName(status));
  }
  return (raw + dst) / 1000;
}

int64_t Zone::local_day(int64_t utc) const { return time::day_of(utc + offset_at(utc)); }

std::string Zone::format_time(int64_t utc) const {
  const int32_t off = offset_at(utc);
  const int64_t local = utc + off;
  const int64_t day = time::day_of(local);
  const auto c = time::civil_from_days(day);
  const int64_t s = local - time::start_of_day(day);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", c.y, c.m, c.d, static_cast<int>(s / 3600),
                static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  return std::string(buf) + (is_utc() ? "Z" : format_offset(off));
}

std::string format_offset(int32_t seconds) {
  const char sign = seconds < 0 ? '-' : '+';
  const int32_t a = seconds < 0 ? -seconds : seconds;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, a / 3600, a / 60 % 60);
  return buf;
}

std::optional<int64_t> parse_day(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  int yy = to_int(y);
  unsigned mm = to_int(m), dd = to_int(d);
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return std::nullopt;
  int64_t days = time::days_from_civil(yy, mm, dd);
  auto back = time::civil_from_days(days);
  if (back.y != yy || back.m != mm || back.d != dd) return std::nullopt;  // 2019-02-30
  return days;
}

TimeRange day_range(std::optional<int64_t> first_day, std::optional<int64_t> last_day,
                    const Zone& zone) {
  TimeRange r;
  if (first_day) r.begin = zone.day_start(*first_day);
  if (last_day) r.end = zone.day_start(*last_day + 1) - 1;
  return r;
}

namespace {
std::optional<int64_t> parse_day_or_week(std::string_view s, std::string_view what, bool end) {
  if (s.empty()) return std::nullopt;
  if (auto d = parse_day(s)) return d;
  if (auto monday = time::parse_iso_week(s)) return end ? *monday + 6 : *monday;
  throw UsageError(std::string(what) + ": expected a day YYYY-MM-DD or an ISO week YYYY-Www, got '" +
                   std::string(s) + "'");
}
}  // namespace

std::optional<int64_t> parse_range_start(std::string_view s, std::string_view what) {
  return parse_day_or_week(s, what, false);
}
std::optional<int64_t> parse_range_end(std::string_view s, std::string_view what) {
  return parse_day_or_week(s, what, true);
}

TimeRange week_range(std::string_view week, const Zone& zone) {
  auto monday = time::parse_iso_week(week);
  if (!monday) {
    throw UsageError("--week: expected an ISO week such as 2019-W11, got '" + std::string(week) + "'");
  }
  return day_range(*monday, *monday + 6, zone);
}

TimeRange intersect(const TimeRange& a, const TimeRange& b) {
  TimeRange r = a;
  if (b.begin && (!r.begin || *b.begin > *r.begin)) r.begin = b.begin;
  if (b.end && (!r.end || *b.end < *r.end)) r.end = b.end;
  return r;
}

std::vector<std::string> day_terms(int64_t first_day, int64_t last_day) {
  std::vector<std::string> terms;
  char buf[16];
  int64_t d = first_day;
  while (d <= last_day) {
    const auto c = time::civil_from_days(d);
    const int64_t next_year = time::days_from_civil(c.y + 1, 1, 1);
    const int64_t next_month = c.m == 12 ? next_year : time::days_from_civil(c.y, c.m + 1, 1);
    if (c.m == 1 && c.d == 1 && next_year - 1 <= last_day) {
      std::snprintf(buf, sizeof buf, "%04d", c.y);
      terms.push_back(std::string(schema::prefix::kYear) + buf);
      d = next_year;
    } else if (c.d == 1 && next_month - 1 <= last_day) {
      std::snprintf(buf, sizeof buf, "%04d%02u", c.y, c.m);
      terms.push_back(std::string(schema::prefix::kMonth) + buf);
      d = next_month;
    } else {
      std::snprintf(buf, sizeof buf, "%04d%02u%02u", c.y, c.m, c.d);
      terms.push_back(std::string(schema::prefix::kDay) + buf);
      ++d;
    }
  }
  return terms;
}

Xapian::Query time_query(const TimeRange& r, const TimeBounds* bounds) {
  using Q = Xapian::Query;
  if (r.empty()) return Q::MatchNothing;
  if (r.unbounded()) return Q::MatchAll;
  std::optional<int64_t> b = r.begin, e = r.end;
  if (bounds) {
    if (!b) b = time::start_of_day(time::day_of(bounds->first));
    if (!e) e = time::start_of_day(time::day_of(bounds->last) + 1) - 1;
  }
  if (b && e && *b > *e) return Q::MatchNothing;
  if (b && e && time::start_of_day(time::day_of(*b)) == *b && time::start_of_day(time::day_of(*e + 1)) == *e + 1) {
    // Whole UTC days. The term count stays small (years, then months, then
    // days at the edges); cap it anyway for absurd spans.
    const int64_t first = time::day_of(*b), last = time::day_of(*e + 1) - 1;
    if (last - first < 366 * 200) {
      auto terms = day_terms(first, last);
      // A filter: the date terms must not add to the BM25 weight.
      return Q(Q::OP_SCALE_WEIGHT, Q(Q::OP_OR, terms.begin(), terms.end()), 0.0);
    }
  }
  if (b && e) {
    return Q(Q::OP_VALUE_RANGE, schema::kTime, Xapian::sortable_serialise(double(*b)),
             Xapian::sortable_serialise(double(*e)));
  }
  if (b) return Q(Q::OP_VALUE_GE, schema::kTime, Xapian::sortable_serialise(double(*b)));
  return Q(Q::OP_VALUE_LE, schema::kTime, Xapian::sortable_serialise(double(*e)));
}

}  // namespace vigie::query
