// Tests of core/time: the date formats of the feeds, impossible dates, ISO
// weeks around year boundaries, and Twitter snowflake ids. Expected epoch
// seconds were computed independently with Python's datetime (UTC) and
// spot-checked by hand (2019-03-11 is day 17966: 49 years * 365 + 12 leap
// days = 17897 days to 2019-01-01, plus 31 + 28 + 10).
#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <string>

#include "core/time.h"

namespace vigie::time {
namespace {

struct ParseCase {
  const char* name;
  std::string text;
  std::optional<int64_t> want;
};

std::ostream& operator<<(std::ostream& os, const ParseCase& c) { return os << c.name; }

class ParseIsoTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseIsoTest, Parses) {
  EXPECT_EQ(parse_iso8601(GetParam().text), GetParam().want);
  EXPECT_EQ(parse_any(GetParam().text), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Time, ParseIsoTest,
    ::testing::Values(
        ParseCase{"date_only", "2019-03-11", 1552262400}, ParseCase{"utc_z", "2019-03-11T10:00:00Z", 1552298400},
        ParseCase{"lower_z", "2019-03-11T10:00:00z", 1552298400},
        ParseCase{"millis_z", "2019-03-11T10:00:00.000Z", 1552298400},
        ParseCase{"micros_no_zone", "2019-03-11T10:00:00.123456", 1552298400},
        ParseCase{"no_seconds", "2019-03-11T10:00Z", 1552298400},
        ParseCase{"plus_one_hour", "2019-03-11T10:00:00+01:00", 1552294800},  // 09:00 UTC
        ParseCase{"plus_compact", "2019-03-11T10:00:00+0100", 1552294800},
        ParseCase{"plus_hours_only", "2019-03-11T10:00:00+01", 1552294800},
        ParseCase{"minus_five_thirty", "2019-03-11T10:00:00-05:30", 1552318200},  // 15:30 UTC
        ParseCase{"media_cloud", "2019-03-11 10:00:00", 1552298400},
        ParseCase{"media_cloud_fraction", "2019-03-11 10:00:00.654321", 1552298400},
        ParseCase{"leap_day_2020", "2020-02-29", 1582934400}, ParseCase{"leap_day_2000", "2000-02-29", 951782400},
        ParseCase{"last_second_1999", "1999-12-31T23:59:59Z", 946684799},
        ParseCase{"leap_second_clamped", "1999-12-31T23:59:60Z", 946684799},
        ParseCase{"no_leap_2019", "2019-02-29", std::nullopt},
        ParseCase{"no_leap_1900", "1900-02-29", std::nullopt},
        ParseCase{"feb_30", "2020-02-30", std::nullopt}, ParseCase{"april_31", "2019-04-31", std::nullopt},
        ParseCase{"month_13", "2019-13-01", std::nullopt}, ParseCase{"day_0", "2019-01-00", std::nullopt},
        ParseCase{"hour_25", "2019-03-11T25:00:00Z", std::nullopt},
        ParseCase{"minute_60", "2019-03-11T10:60:00Z", std::nullopt},
        ParseCase{"offset_hour_24", "2019-03-11T10:00:00+24:00", std::nullopt},
        ParseCase{"offset_dangling_colon", "2019-03-11T10:00:00+01:", std::nullopt},
        ParseCase{"offset_one_digit", "2019-03-11T10:00:00+1", std::nullopt},
        ParseCase{"trailing_garbage", "2019-03-11T10:00:00Zx", std::nullopt},
        ParseCase{"bad_separator", "2019/03/11", std::nullopt}, ParseCase{"short", "2019-3-11", std::nullopt},
        ParseCase{"empty_fraction", "2019-03-11T10:00:00.Z", std::nullopt},
        ParseCase{"empty", "", std::nullopt}, ParseCase{"words", "yesterday", std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

class ParseTwitterTest : public ::testing::TestWithParam<ParseCase> {};

TEST_P(ParseTwitterTest, Parses) {
  EXPECT_EQ(parse_twitter(GetParam().text), GetParam().want);
  EXPECT_EQ(parse_any(GetParam().text), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Time, ParseTwitterTest,
    ::testing::Values(ParseCase{"utc", "Wed Oct 10 20:19:24 +0000 2018", 1539202764},
                      ParseCase{"plus_one", "Wed Oct 10 20:19:24 +0100 2018", 1539199164},
                      ParseCase{"minus_one", "Wed Oct 10 18:19:24 -0100 2018", 1539199164},
                      ParseCase{"leap_day", "Sat Feb 29 00:00:00 +0000 2020", 1582934400},
                      ParseCase{"no_leap_day", "Fri Feb 29 00:00:00 +0000 2019", std::nullopt},
                      ParseCase{"hour_25", "Wed Oct 10 25:19:24 +0000 2018", std::nullopt},
                      ParseCase{"bad_month", "Wed Foo 10 20:19:24 +0000 2018", std::nullopt},
                      ParseCase{"lowercase_month", "Wed oct 10 20:19:24 +0000 2018", std::nullopt},
                      ParseCase{"missing_sign", "Wed Oct 10 20:19:24 00000 2018", std::nullopt},
                      ParseCase{"truncated", "Wed Oct 10 20:19:24 +0000", std::nullopt}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Time, CivilRoundTripOverFourCenturies) {
  // Independent check: walk day by day from 1600-01-01 with our own
  // calendar arithmetic and compare with both conversions.
  int y = 1600;
  unsigned m = 1, d = 1;
  const int64_t start = days_from_civil(1600, 1, 1);
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(2019, 3, 11), 17966);
  for (int64_t day = start; day < start + 146097 * 1 + 400; ++day) {
    ASSERT_EQ(days_from_civil(y, m, d), day);
    Civil c = civil_from_days(day);
    ASSERT_EQ(c.y, y);
    ASSERT_EQ(c.m, m);
    ASSERT_EQ(c.d, d);
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    const unsigned len[] = {31, leap ? 29u : 28u, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (++d > len[m - 1]) {
      d = 1;
      if (++m > 12) {
        m = 1;
        ++y;
      }
    }
  }
}

struct WeekCase {
  int y;
  unsigned m, d;
  std::string want;
};

std::ostream& operator<<(std::ostream& os, const WeekCase& c) { return os << c.y << "-" << c.m << "-" << c.d; }

class IsoWeekTest : public ::testing::TestWithParam<WeekCase> {};

TEST_P(IsoWeekTest, WeekOfDay) {
  const WeekCase& c = GetParam();
  const int64_t day = days_from_civil(c.y, c.m, c.d);
  const IsoWeek w = iso_week_of_day(day);
  EXPECT_EQ(format_iso_week(w), c.want);
  // Round trip: the week's Monday is within 6 days before the day and is a
  // Monday (1970-01-05, day 4, was a Monday).
  const auto monday = parse_iso_week(c.want);
  ASSERT_TRUE(monday.has_value());
  EXPECT_LE(*monday, day);
  EXPECT_GT(*monday, day - 7);
  EXPECT_EQ(floor_div(*monday - 4, 7) * 7, *monday - 4);
}

INSTANTIATE_TEST_SUITE_P(Time, IsoWeekTest,
                         ::testing::Values(WeekCase{2018, 12, 31, "2019-W01"},  // Monday of 2019's week 1
                                           WeekCase{2021, 1, 3, "2020-W53"},    // Sunday, still 2020
                                           WeekCase{2020, 12, 31, "2020-W53"}, WeekCase{2021, 1, 4, "2021-W01"},
                                           WeekCase{2019, 3, 11, "2019-W11"}, WeekCase{2016, 1, 1, "2015-W53"},
                                           WeekCase{2015, 12, 31, "2015-W53"}, WeekCase{2008, 12, 29, "2009-W01"},
                                           WeekCase{1970, 1, 1, "1970-W01"}, WeekCase{2026, 11, 28, "2026-W48"}));

struct IsoParseCase {
  std::string text;
  std::optional<int64_t> want;  // Monday, days since epoch
};

std::ostream& operator<<(std::ostream& os, const IsoParseCase& c) { return os << c.text; }

class ParseIsoWeekTest : public ::testing::TestWithParam<IsoParseCase> {};

TEST_P(ParseIsoWeekTest, Parses) { EXPECT_EQ(parse_iso_week(GetParam().text), GetParam().want); }

INSTANTIATE_TEST_SUITE_P(Time, ParseIsoWeekTest,
                         ::testing::Values(IsoParseCase{"2019-W11", 17966},  // 2019-03-11
                                           IsoParseCase{"2019-w11", 17966},
                                           IsoParseCase{"2020-W53", 18624},  // 2020-12-28
                                           IsoParseCase{"2019-W01", 17896},  // 2018-12-31
                                           IsoParseCase{"2015-W53", 16797},  // 2015-12-28
                                           IsoParseCase{"2021-W01", 18631},  // 2021-01-04
                                           IsoParseCase{"2019-W53", std::nullopt},  // 2019 has 52 weeks
                                           IsoParseCase{"2019-W00", std::nullopt},
                                           IsoParseCase{"2019-W54", std::nullopt},
                                           IsoParseCase{"2019-11", std::nullopt},
                                           IsoParseCase{"2019W11", std::nullopt}, IsoParseCase{"", std::nullopt}));

TEST(Time, EveryWeekRoundTripsForTwentyYears) {
  for (int64_t day = days_from_civil(2005, 1, 1); day < days_from_civil(2025, 1, 1); ++day) {
    const IsoWeek w = iso_week_of_day(day);
    const auto monday = parse_iso_week(format_iso_week(w));
    ASSERT_TRUE(monday.has_value()) << format_iso_week(w);
    ASSERT_EQ(*monday, 4 + floor_div(day - 4, 7) * 7)  // day 4 = 1970-01-05, a Monday
        << format_iso_week(w);
  }
}

TEST(Time, Snowflake) {
  // 1293593516040269825 >> 22 = 308416728029 ms after Twitter's epoch
  // 1288834974657 ms: 1597251702686 ms = 2020-08-12T17:01:42.686Z.
  auto t = from_snowflake(1293593516040269825ULL);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_datetime(*t), "2020-08-12T17:01:42Z");
  EXPECT_FALSE(from_snowflake(20).has_value());  // jack's first tweet: sequential id
  EXPECT_FALSE(from_snowflake(20'000'000'000ULL).has_value());  // July 2010, still sequential
  // The first days of snowflake ids: 1e15 >> 22 = 238418579 ms after the
  // epoch, i.e. 2010-11-06T19:56:33Z.
  auto early = from_snowflake(1'000'000'000'000'000ULL);
  ASSERT_TRUE(early.has_value());
  EXPECT_EQ(format_datetime(*early), "2010-11-06T19:56:33Z");
}

TEST(Time, Formats) {
  EXPECT_EQ(format_date(1552298400), "2019-03-11");
  EXPECT_EQ(format_datetime(1552298400), "2019-03-11T10:00:00Z");
  EXPECT_EQ(format_datetime(-1), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_date(-1), "1969-12-31");
  EXPECT_EQ(day_of(-1), -1);
  EXPECT_EQ(day_of(86399), 0);
  EXPECT_EQ(day_of(86400), 1);
}

// Every source of a date keeps to years 1..9999: an epoch number outside
// them is refused as an ISO string for year 0 or 10000 is, and nothing a
// parser accepts formats as a five-digit year.
TEST(Time, EpochNumbersKeepToTheYearsOfIsoStrings) {
  EXPECT_EQ(from_epoch(1552298400.0), 1552298400);
  EXPECT_EQ(from_epoch(1552298400.75), 1552298400);
  EXPECT_EQ(from_epoch(-0.5), -1);
  EXPECT_EQ(from_epoch(double(kMinTime)), kMinTime);
  EXPECT_EQ(from_epoch(double(kMaxTime) + 0.5), kMaxTime);
  EXPECT_EQ(format_datetime(kMinTime), "0001-01-01T00:00:00Z");
  EXPECT_EQ(format_datetime(kMaxTime), "9999-12-31T23:59:59Z");
  EXPECT_EQ(parse_iso8601("0001-01-01T00:00:00Z"), kMinTime);
  EXPECT_EQ(parse_iso8601("9999-12-31T23:59:59Z"), kMaxTime);
  for (double bad : {double(kMaxTime) + 1, double(kMinTime) - 1, 9.223372036854775807e18, -9.223372036854775808e18,
                     1e13, 1e300, -1e300, std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity(), std::numeric_limits<double>::quiet_NaN()})
    EXPECT_FALSE(from_epoch(bad).has_value()) << bad;
  EXPECT_FALSE(parse_iso8601("0000-12-31").has_value());
  EXPECT_FALSE(parse_iso8601("10000-01-01").has_value());
  // An offset must not carry a time past either end.
  EXPECT_FALSE(parse_iso8601("0001-01-01T00:30:00+01:00").has_value());
  EXPECT_FALSE(parse_iso8601("9999-12-31T23:30:00-01:00").has_value());
  EXPECT_FALSE(parse_twitter("Fri Dec 31 23:30:00 -0100 9999").has_value());
  EXPECT_FALSE(parse_iso_week("0000-W52").has_value());
  EXPECT_EQ(parse_iso_week("0001-W01"), kMinTime / 86400);  // 0001-01-01 was a Monday
}

}  // namespace
}  // namespace vigie::time
