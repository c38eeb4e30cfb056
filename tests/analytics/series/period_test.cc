// Period bucketing and labels. Expected labels are calendar facts (ISO 8601
// week-numbering years), not outputs of the code under test.
#include "analytics/series/period.h"

#include <gtest/gtest.h>

#include "core/errors.h"
#include "core/time.h"

namespace vigie::series {
namespace {

int64_t at(const char* iso) { return *time::parse_iso8601(iso); }

struct WeekCase {
  const char* time;
  const char* label;
};

class IsoWeekLabel : public ::testing::TestWithParam<WeekCase> {};

TEST_P(IsoWeekLabel, BucketsIntoTheIsoWeek) {
  PeriodSpec spec;  // Monday weeks
  Period p = period_of(at(GetParam().time), spec);
  EXPECT_EQ(period_label(p, spec), GetParam().label);
  EXPECT_EQ(p.end_day - p.first_day, 7);
  // The round trip through the label gives the same period.
  auto back = parse_period(GetParam().label, spec);
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, p);
}

INSTANTIATE_TEST_SUITE_P(
    YearBoundaries, IsoWeekLabel,
    ::testing::Values(WeekCase{"2019-03-11T00:00:00Z", "2019-W11"},  // Monday
                      WeekCase{"2019-03-17T23:59:59Z", "2019-W11"},  // Sunday night
                      WeekCase{"2019-03-18T00:00:00Z", "2019-W12"},
                      WeekCase{"2018-12-31T12:00:00Z", "2019-W01"},  // Monday in 2018
                      WeekCase{"2019-12-30T00:00:00Z", "2020-W01"},
                      WeekCase{"2020-12-31T00:00:00Z", "2020-W53"},  // 53-week year
                      WeekCase{"2021-01-03T23:00:00Z", "2020-W53"},
                      WeekCase{"2021-01-04T00:00:00Z", "2021-W01"},
                      WeekCase{"2016-01-03T00:00:00Z", "2015-W53"},
                      WeekCase{"2010-01-01T00:00:00Z", "2009-W53"},
                      WeekCase{"1969-12-31T23:00:00Z", "1970-W01"}));  // negative seconds

TEST(Period, SundayWeeksAreLabelledByTheirStartDate) {
  PeriodSpec spec{Granularity::week, 7};
  // 2019-03-10 was a Sunday.
  EXPECT_EQ(period_label(period_of(at("2019-03-13T10:00:00Z"), spec), spec), "2019-03-10");
  EXPECT_EQ(period_label(period_of(at("2019-03-16T23:59:59Z"), spec), spec), "2019-03-10");
  EXPECT_EQ(period_label(period_of(at("2019-03-17T00:00:00Z"), spec), spec), "2019-03-17");
  auto p = parse_period("2019-03-12", spec);
  ASSERT_TRUE(p);
  EXPECT_EQ(period_label(*p, spec), "2019-03-10");
}

TEST(Period, Months) {
  PeriodSpec spec{Granularity::month};
  Period feb = period_of(at("2020-02-10T00:00:00Z"), spec);
  EXPECT_EQ(period_label(feb, spec), "2020-02");
  EXPECT_EQ(feb.end_day - feb.first_day, 29);  // leap year
  EXPECT_EQ(period_label(period_of(at("2019-12-31T23:59:59Z"), spec), spec), "2019-12");
  EXPECT_EQ(period_label(shift(feb, 11, spec), spec), "2021-01");
  EXPECT_EQ(period_label(shift(feb, -2, spec), spec), "2019-12");
  auto p = parse_period("2019-03", spec);
  ASSERT_TRUE(p);
  EXPECT_EQ(period_label(*p, spec), "2019-03");
  EXPECT_FALSE(parse_period("2019-13", spec));
}

TEST(Period, Days) {
  PeriodSpec spec{Granularity::day};
  EXPECT_EQ(period_label(period_of(at("2019-03-11T23:59:59Z"), spec), spec), "2019-03-11");
  EXPECT_FALSE(parse_period("2019-02-30", spec));
}

TEST(Period, ListingIncludesEmptyPeriodsAcrossTheYearEnd) {
  PeriodSpec spec;
  auto ps = periods_between(at("2018-12-20T00:00:00Z"), at("2019-01-10T00:00:00Z"), spec);
  std::vector<std::string> labels;
  for (const Period& p : ps) labels.push_back(period_label(p, spec));
  EXPECT_EQ(labels, (std::vector<std::string>{"2018-W51", "2018-W52", "2019-W01", "2019-W02"}));
  EXPECT_TRUE(periods_between(10, 5, spec).empty());
}

TEST(Period, TrailingWindowEndsWithTheGivenPeriod) {
  PeriodSpec spec;
  auto last = parse_period("2019-W02", spec);
  ASSERT_TRUE(last);
  auto ps = trailing_periods(*last, 4, spec);
  ASSERT_EQ(ps.size(), 4u);
  EXPECT_EQ(period_label(ps.front(), spec), "2018-W51");
  EXPECT_EQ(period_label(ps.back(), spec), "2019-W02");
}

TEST(Period, IsoWeekLabelsRejectWeeksThatDoNotExist) {
  PeriodSpec spec;
  EXPECT_FALSE(parse_period("2019-W53", spec));  // 2019 has 52 weeks
  EXPECT_TRUE(parse_period("2020-W53", spec));
  EXPECT_TRUE(parse_period("2019-w11", spec));
  EXPECT_FALSE(parse_period("2019-W00", spec));
  EXPECT_FALSE(parse_period("week 11", spec));
}

TEST(Period, BucketerFindsTheIndex) {
  for (Granularity g : {Granularity::day, Granularity::week, Granularity::month}) {
    PeriodSpec spec{g};
    auto ps = periods_between(at("2019-01-01T00:00:00Z"), at("2019-06-30T00:00:00Z"), spec);
    Bucketer b(ps, spec);
    for (size_t i = 0; i < ps.size(); ++i) {
      EXPECT_EQ(b.index_of(ps[i].first_day * 86400), i);
      EXPECT_EQ(b.index_of(ps[i].end_day * 86400 - 1), i);
    }
    EXPECT_FALSE(b.index_of(ps.front().first_day * 86400 - 1));
    EXPECT_FALSE(b.index_of(ps.back().end_day * 86400));
  }
}

TEST(Period, InvalidWeekStartIsAUsageError) {
  EXPECT_THROW(period_of(0, PeriodSpec{Granularity::week, 0}), UsageError);
  EXPECT_THROW(period_of(0, PeriodSpec{Granularity::week, 8}), UsageError);
  EXPECT_EQ(parse_granularity("week"), Granularity::week);
  EXPECT_FALSE(parse_granularity("year"));
}

// One absurd date beside real ones must not ask for millions of periods:
// the count is computed without building them, and a series longer than
// kMaxPeriods is a usage error that names the range.
TEST(Period, SeriesAreBoundedInLength) {
  const PeriodSpec day{Granularity::day, 1}, week{Granularity::week, 1}, month{Granularity::month, 1};
  const int64_t a = at("2019-03-11T10:00:00Z"), b = at("9999-12-31T23:59:59Z");
  EXPECT_EQ(count_periods(a, a, day), 1u);
  EXPECT_EQ(count_periods(a, at("2019-03-17T23:00:00Z"), day), 7u);
  EXPECT_EQ(count_periods(a, at("2019-03-18T00:00:00Z"), week), 2u);
  EXPECT_EQ(count_periods(a, at("2020-03-01T00:00:00Z"), month), 13u);
  EXPECT_EQ(count_periods(b, a, day), 0u);
  EXPECT_EQ(count_periods(a, b, month), uint64_t((9999 - 2019) * 12 + 10));
  for (const PeriodSpec& s : {day, week, month}) {
    EXPECT_EQ(periods_between(a, at("2019-06-30T00:00:00Z"), s).size(), count_periods(a, at("2019-06-30T00:00:00Z"), s));
    try {
      periods_between(a, b, s);
      ADD_FAILURE() << "no error for 2019 .. 9999 by " << granularity_name(s.by);
    } catch (const UsageError& e) {
      EXPECT_NE(std::string(e.what()).find("9999-12-31"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(periods_between(a, a + int64_t(kMaxPeriods - 1) * 86400, day).size(), kMaxPeriods);
  EXPECT_THROW(periods_between(a, a + int64_t(kMaxPeriods) * 86400, day), UsageError);
  EXPECT_THROW(trailing_periods(period_of(a, week), kMaxPeriods + 1, week), UsageError);
}

}  // namespace
}  // namespace vigie::series
