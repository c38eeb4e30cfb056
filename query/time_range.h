// Whole-day time ranges for analyst queries: `date:A..B` inside a query, and
// the --from/--to/--week options. A range covers whole days, both ends
// inclusive, in UTC or in an analyst's time zone (local midnight to local
// midnight). Open ends are allowed.
//
// Owns: Zone (UTC, a fixed offset or an IANA zone; ICU stays in the .cc) and
// the day/week arithmetic. Thread safety: Zone is immutable after
// construction; const member functions may be called from any thread.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace vigie::query {

// A time zone for day boundaries. Default-constructed = UTC.
class Zone {
 public:
  Zone();
  ~Zone();
  Zone(const Zone&);
  Zone& operator=(const Zone&);

  // "UTC", "Z", "+01:00", "-0530", "UTC+2", or an IANA name ("Europe/Paris").
  // Throws UsageError for anything else.
  static Zone parse(std::string_view spec);

  // UTC seconds of local midnight at the start of civil day `day` (days since
  // 1970-01-01 in local time). Uses the zone's offset in force at that time
  // (daylight saving included).
  int64_t day_start(int64_t day) const;

  // Seconds east of UTC in force at the UTC time `utc` (daylight saving
  // included).
  int32_t offset_at(int64_t utc) const;
  // The civil day (days since 1970-01-01) holding `utc` in this zone.
  int64_t local_day(int64_t utc) const;
  // "2019-03-11T09:30:00+13:00" (ISO 8601 with the zone's offset; "Z" in UTC).
  std::string format_time(int64_t utc) const;

  const std::string& name() const { return name_; }
  bool is_utc() const;

 private:
  std::string name_ = "UTC";
  std::optional<int32_t> fixed_offset_;  // seconds east of UTC; nullopt = ICU zone
  struct Icu;
  std::shared_ptr<const Icu> icu_;  // immutable, shared between copies
};

// Inclusive range of UTC seconds; a missing end is open.
struct TimeRange {
  std::optional<int64_t> begin;
  std::optional<int64_t> end;
  bool unbounded() const { return !begin && !end; }
  bool empty() const { return begin && end && *begin > *end; }
};

// An offset in seconds east of UTC as "+13:00" / "-07:00" ("+00:00" for 0).
std::string format_offset(int32_t seconds);

// "2019-03-11" -> days since 1970-01-01; nullopt when malformed or impossible.
std::optional<int64_t> parse_day(std::string_view s);

// Whole days first..last (either may be absent), in zone.
TimeRange day_range(std::optional<int64_t> first_day, std::optional<int64_t> last_day,
                    const Zone& zone);

// --from/--to style: a day "2019-03-11" or a week "2019-W11" (its Monday for
// a start, its Sunday for an end). Throws UsageError naming `what` otherwise.
std::optional<int64_t> parse_range_start(std::string_view s, std::string_view what);
std::optional<int64_t> parse_range_end(std::string_view s, std::string_view what);

// ISO week "2019-W11": Monday 00:00 to Sunday 23:59:59 in zone. Throws UsageError.
TimeRange week_range(std::string_view week, const Zone& zone);

// Intersection (the tighter bound on each side).
TimeRange intersect(const TimeRange& a, const TimeRange& b);

// First and last document times in an index (UTC seconds), used to close
// open ends so that they can be answered from terms.
struct TimeBounds {
  int64_t first = 0;
  int64_t last = 0;
};

// The documents dated inside r; MatchAll when unbounded, MatchNothing when
// empty. Undated documents never match a bounded range.
// A range of whole UTC days (the usual case: date:, --from/--to, --week
// without --tz) is answered from the indexer's day, month and year terms
// (D, M, Y: an OR of at most a few dozen posting lists, e.g. Y2018 OR M201901
// OR D20190201), which is much cheaper than scanning the kTime values of the
// whole index. Open ends are closed with `bounds` when given. Any other range
// is a value range on schema::kTime. Both forms match the same documents,
// because the indexer derives the terms and the value from the same time.
Xapian::Query time_query(const TimeRange& r, const TimeBounds* bounds = nullptr);

// The D/M/Y terms covering whole days first_day..last_day (days since the epoch).
std::vector<std::string> day_terms(int64_t first_day, int64_t last_day);

}  // namespace vigie::query
