// query/time_range: whole-day ranges in UTC, fixed offsets and IANA zones
// (daylight saving included), --from/--to/--week parsing, intersection, and
// the Xapian query a range becomes (day terms for whole UTC days, a value
// range otherwise). Expected instants are worked out by hand from the civil
// dates and the zones' published offsets.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/errors.h"
#include "query/time_range.h"

namespace vigie::query {
namespace {

constexpr int64_t kDay = 86400;
constexpr int64_t k20190311 = 1552262400;  // 2019-03-11T00:00:00Z

int64_t day(const char* s) { return *parse_day(s); }

struct OffsetCase {
  const char* spec;
  int64_t seconds_east;
};

class FixedOffset : public ::testing::TestWithParam<OffsetCase> {};

TEST_P(FixedOffset, LocalMidnightIsUtcMinusTheOffset) {
  const auto& c = GetParam();
  const Zone z = Zone::parse(c.spec);
  EXPECT_EQ(z.name(), c.spec);
  EXPECT_EQ(z.day_start(day("2019-03-11")), k20190311 - c.seconds_east) << c.spec;
  EXPECT_EQ(z.is_utc(), c.seconds_east == 0) << c.spec;
}

INSTANTIATE_TEST_SUITE_P(Forms, FixedOffset,
                         ::testing::Values(OffsetCase{"UTC", 0}, OffsetCase{"Z", 0}, OffsetCase{"GMT", 0},
                                           OffsetCase{"utc", 0}, OffsetCase{"+00:00", 0},
                                           OffsetCase{"+01:00", 3600}, OffsetCase{"-0530", -19800},
                                           OffsetCase{"UTC+2", 7200}, OffsetCase{"GMT-3", -10800},
                                           OffsetCase{"+14:00", 50400}, OffsetCase{"-12", -43200}));

class BadZone : public ::testing::TestWithParam<const char*> {};

TEST_P(BadZone, IsAUsageErrorThatNamesIt) {
  try {
    Zone::parse(GetParam());
    FAIL() << GetParam() << " was accepted";
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find(GetParam()), std::string::npos) << e.what();
  }
}

// Hours over 14, minutes over 59, three hour digits, no sign, unknown names.
INSTANTIATE_TEST_SUITE_P(Rejected, BadZone,
                         ::testing::Values("+15:00", "+01:60", "+123", "Mars/Olympus", "Europe/Pariss",
                                           "+1:x0"));

TEST(TimeZone, DaylightSavingMovesLocalMidnight) {
  const Zone paris = Zone::parse("Europe/Paris");
  EXPECT_FALSE(paris.is_utc());
  // 2019-03-31: clocks go forward at 02:00, so that day starts at UTC+1 and
  // the next at UTC+2; 2019-10-27 goes back at 03:00.
  EXPECT_EQ(paris.day_start(day("2019-03-31")), k20190311 + 20 * kDay - 3600);
  EXPECT_EQ(paris.day_start(day("2019-04-01")), k20190311 + 21 * kDay - 7200);
  EXPECT_EQ(paris.day_start(day("2019-10-27")), day("2019-10-27") * kDay - 7200);
  EXPECT_EQ(paris.day_start(day("2019-10-28")), day("2019-10-28") * kDay - 3600);
  // A DST day is 23 hours long in a day range.
  const TimeRange r = day_range(day("2019-03-31"), day("2019-03-31"), paris);
  EXPECT_EQ(*r.end - *r.begin + 1, 23 * 3600);
  // Half-hour zones without daylight saving.
  EXPECT_EQ(Zone::parse("Asia/Kolkata").day_start(day("2019-03-11")), k20190311 - 19800);
}

TEST(TimeZone, OffsetsLocalDaysAndPrintedTimes) {
  const Zone auckland = Zone::parse("Pacific/Auckland");
  // NZDT (+13) until 2019-04-07 03:00 local, then NZST (+12).
  const int64_t t = k20190311 - 3600 + 1800;  // 2019-03-10T23:30Z = 2019-03-11T12:30+13:00
  EXPECT_EQ(auckland.offset_at(t), 13 * 3600);
  EXPECT_EQ(auckland.local_day(t), day("2019-03-11"));
  EXPECT_EQ(auckland.format_time(t), "2019-03-11T12:30:00+13:00");
  const int64_t after = day("2019-04-08") * kDay + 11 * 3600 + 1800;
  EXPECT_EQ(auckland.offset_at(after), 12 * 3600);
  EXPECT_EQ(auckland.format_time(after), "2019-04-08T23:30:00+12:00");
  // Local midnight is the day's first second; a second before is the day before.
  EXPECT_EQ(auckland.local_day(auckland.day_start(day("2019-03-18"))), day("2019-03-18"));
  EXPECT_EQ(auckland.local_day(auckland.day_start(day("2019-03-18")) - 1), day("2019-03-17"));
  const Zone la = Zone::parse("America/Los_Angeles");
  EXPECT_EQ(la.format_time(k20190311 + 30 * 3600 + 1800), "2019-03-11T23:30:00-07:00");
  EXPECT_EQ(Zone::parse("-0530").format_time(k20190311), "2019-03-10T18:30:00-05:30");
  EXPECT_EQ(Zone().format_time(k20190311), "2019-03-11T00:00:00Z");
  EXPECT_EQ(format_offset(-19800), "-05:30");
  EXPECT_EQ(format_offset(0), "+00:00");
}

TEST(TimeZone, CopiesShareTheZone) {
  const Zone a = Zone::parse("America/New_York");
  Zone b;
  b = a;
  EXPECT_EQ(b.name(), "America/New_York");
  EXPECT_EQ(b.day_start(day("2019-07-04")), a.day_start(day("2019-07-04")));
  EXPECT_EQ(a.day_start(day("2019-07-04")), day("2019-07-04") * kDay + 4 * 3600);  // EDT, UTC-4
}

TEST(ParseDay, AcceptsOnlyRealCalendarDays) {
  EXPECT_EQ(parse_day("1970-01-01"), 0);
  EXPECT_EQ(parse_day("1969-12-31"), -1);
  EXPECT_EQ(parse_day("2020-02-29"), day("2020-02-28") + 1);  // leap year
  for (const char* bad : {"2019-02-29", "2100-02-29", "2019-04-31", "2019-13-01", "2019-00-10", "2019-01-00",
                          "2019-1-011", "2019/01/01", "20190101", "", "2019-01-01T00:00:00Z", "２０１９-01-01"})
    EXPECT_FALSE(parse_day(bad)) << bad;
}

TEST(DayRange, CoversWholeDaysWithOpenEnds) {
  const TimeRange r = day_range(day("2019-03-11"), day("2019-03-12"), {});
  EXPECT_EQ(r.begin, k20190311);
  EXPECT_EQ(r.end, k20190311 + 2 * kDay - 1);
  EXPECT_FALSE(r.unbounded());
  EXPECT_FALSE(r.empty());
  const TimeRange from = day_range(day("2019-03-11"), std::nullopt, {});
  EXPECT_EQ(from.begin, k20190311);
  EXPECT_FALSE(from.end);
  const TimeRange to = day_range(std::nullopt, day("2019-03-11"), {});
  EXPECT_FALSE(to.begin);
  EXPECT_EQ(to.end, k20190311 + kDay - 1);
  EXPECT_TRUE(day_range(std::nullopt, std::nullopt, {}).unbounded());
  EXPECT_TRUE(day_range(day("2019-03-12"), day("2019-03-11"), {}).empty());
  // Before the epoch.
  EXPECT_EQ(day_range(day("1969-12-31"), day("1969-12-31"), {}).begin, -kDay);
}

TEST(RangeOptions, DaysAndWeeks) {
  EXPECT_EQ(parse_range_start("2019-03-13", "--from"), day("2019-03-13"));
  EXPECT_EQ(parse_range_end("2019-03-13", "--to"), day("2019-03-13"));
  EXPECT_EQ(parse_range_start("2019-W11", "--from"), day("2019-03-11"));  // Monday
  EXPECT_EQ(parse_range_end("2019-W11", "--to"), day("2019-03-17"));      // Sunday
  EXPECT_EQ(parse_range_start("2020-W01", "--from"), day("2019-12-30"));  // ISO week-year
  EXPECT_FALSE(parse_range_start("", "--from"));
  try {
    parse_range_end("next week", "--to");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("--to: ", 0), 0u) << e.what();
  }
  EXPECT_THROW(parse_range_start("2019-02-30", "--from"), UsageError);
}

TEST(WeekRange, MondayToSundayInTheZone) {
  const TimeRange w = week_range("2019-W11", Zone::parse("-05:00"));
  EXPECT_EQ(w.begin, k20190311 + 5 * 3600);
  EXPECT_EQ(w.end, k20190311 + 7 * kDay + 5 * 3600 - 1);
  EXPECT_THROW(week_range("2019-11", {}), UsageError);
  EXPECT_THROW(week_range("2019-W00", {}), UsageError);
}

TEST(Intersect, TakesTheTighterBoundOnEachSide) {
  const TimeRange a{10, 100}, b{50, std::nullopt}, c{std::nullopt, 70};
  TimeRange r = intersect(a, b);
  EXPECT_EQ(r.begin, 50);
  EXPECT_EQ(r.end, 100);
  r = intersect(r, c);
  EXPECT_EQ(r.begin, 50);
  EXPECT_EQ(r.end, 70);
  EXPECT_TRUE(intersect(TimeRange{}, TimeRange{}).unbounded());
  EXPECT_TRUE(intersect(TimeRange{10, 20}, TimeRange{30, 40}).empty());
}

TEST(TimeQuery, EmptyUnboundedAndHalfOpenRanges) {
  EXPECT_EQ(time_query(TimeRange{}).get_description(), Xapian::Query(Xapian::Query::MatchAll).get_description());
  EXPECT_TRUE(time_query(TimeRange{20, 10}).empty());
  const std::string ge = time_query(TimeRange{k20190311, std::nullopt}).get_description();
  EXPECT_NE(ge.find("VALUE_GE"), std::string::npos) << ge;
  const std::string le = time_query(TimeRange{std::nullopt, k20190311}).get_description();
  EXPECT_NE(le.find("VALUE_LE"), std::string::npos) << le;
  // Not on day boundaries: a value range, never day terms.
  const std::string part = time_query(TimeRange{k20190311 + 60, k20190311 + kDay - 1}).get_description();
  EXPECT_NE(part.find("VALUE_RANGE"), std::string::npos) << part;
  EXPECT_EQ(part.find("D2019"), std::string::npos) << part;
  // Index bounds after the range's end leave nothing to match.
  const TimeBounds later{k20190311 + 10 * kDay, k20190311 + 20 * kDay};
  EXPECT_TRUE(time_query(TimeRange{std::nullopt, k20190311 - 1}, &later).empty());
}

TEST(DayTerms, AYearInTheMiddleIsOneTerm) {
  using V = std::vector<std::string>;
  EXPECT_EQ(day_terms(day("2018-01-01"), day("2019-12-31")), (V{"Y2018", "Y2019"}));
  EXPECT_EQ(day_terms(day("2019-11-30"), day("2020-01-31")), (V{"D20191130", "M201912", "M202001"}));
}

}  // namespace
}  // namespace vigie::query
