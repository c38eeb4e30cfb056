// SeriesBuilder and fill_derived on small inputs with hand-computed answers.
#include "reports/assemble.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/errors.h"
#include "core/time.h"

namespace vigie::reports {
namespace {

int64_t at(const char* iso) { return *time::parse_iso8601(iso); }

SeriesBuilder three_weeks() {
  series::PeriodSpec spec;
  auto last = series::parse_period("2019-W11", spec);
  return SeriesBuilder(series::trailing_periods(*last, 3, spec), spec);
}

TEST(SeriesBuilder, CountsUniqueSentimentStanceAndShare) {
  SeriesBuilder b = three_weeks();  // W09, W10, W11
  // W09: clusters 7, 7, 8 and one unclustered document -> 4 documents, 3 stories.
  // Labels come with the documents (their language's band, set by the collector).
  EXPECT_TRUE(b.add({at("2019-02-25T00:00:00Z"), 7, 0.5, "positive", "reform"}));
  EXPECT_TRUE(b.add({at("2019-02-26T10:00:00Z"), 7, 0.04, "neutral", "reform"}));
  EXPECT_TRUE(b.add({at("2019-02-27T10:00:00Z"), 8, -0.05, "negative", "prohibition"}));
  EXPECT_TRUE(b.add({at("2019-03-03T23:59:59Z"), 0, std::nullopt, "", ""}));  // unscored
  // W11: one document whose label overrides the score's sign.
  EXPECT_TRUE(b.add({at("2019-03-17T12:00:00Z"), 9, 0.2, "negative", "none"}));
  // Outside the window: not counted.
  EXPECT_FALSE(b.add({at("2019-03-18T00:00:00Z"), 1, 0.1, "", ""}));
  EXPECT_FALSE(b.add({at("2019-02-24T23:59:59Z"), 1, 0.1, "", ""}));
  b.set_totals({8, 0, 2});
  auto s = b.build();
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].period, "2019-W09");
  EXPECT_EQ(s[2].period, "2019-W11");
  EXPECT_EQ(s[0].count, 4u);
  EXPECT_EQ(s[0].unique, 3u);
  EXPECT_DOUBLE_EQ(*s[0].share, 0.5);
  EXPECT_FALSE(s[1].share);  // no denominator
  EXPECT_EQ(s[1].count, 0u);
  EXPECT_FALSE(s[1].sentiment.mean);
  EXPECT_DOUBLE_EQ(*s[2].share, 0.5);
  // W09 sentiment: scores {0.5, 0.04, -0.05}: mean 0.49 / 3.
  EXPECT_EQ(s[0].sentiment.n, 3u);
  EXPECT_NEAR(*s[0].sentiment.mean, 0.49 / 3, 1e-12);
  EXPECT_EQ(s[0].sentiment.positive, 1u);
  EXPECT_EQ(s[0].sentiment.neutral, 1u);
  EXPECT_EQ(s[0].sentiment.negative, 1u);
  EXPECT_EQ(s[2].sentiment.negative, 1u);
  EXPECT_EQ(s[2].sentiment.positive, 0u);
  EXPECT_EQ(s[0].stance.at("reform"), 2u);
  EXPECT_EQ(s[0].stance.at("prohibition"), 1u);
  EXPECT_EQ(s[0].stance.count("none"), 0u);
  // Counts add up to the documents added inside the window.
  EXPECT_EQ(s[0].count + s[1].count + s[2].count, 5u);
  EXPECT_THROW(b.set_totals({1, 2}), UsageError);
}

TEST(SeriesBuilder, MergeEqualsOneBuilder) {
  SeriesBuilder a = three_weeks(), b = three_weeks(), all = three_weeks();
  const DocFacts docs[] = {{at("2019-03-04T00:00:00Z"), 1, 0.3, "", "reform"},
                           {at("2019-03-05T00:00:00Z"), 1, -0.3, "", "none"},
                           {at("2019-03-06T00:00:00Z"), 2, 0.1, "", "none"},
                           {at("2019-03-12T00:00:00Z"), 0, 0.9, "", ""}};
  for (size_t i = 0; i < 4; ++i) {
    (i % 2 ? a : b).add(docs[i]);
    all.add(docs[i]);
  }
  a.merge(b);
  auto x = a.build(), y = all.build();
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(x[i].count, y[i].count);
    EXPECT_EQ(x[i].unique, y[i].unique);  // cluster 1 seen by both halves counts once
    EXPECT_EQ(x[i].stance, y[i].stance);
    EXPECT_EQ(x[i].sentiment.mean.has_value(), y[i].sentiment.mean.has_value());
    if (y[i].sentiment.mean) {
      EXPECT_NEAR(*x[i].sentiment.mean, *y[i].sentiment.mean, 1e-12);
    }
  }
  EXPECT_EQ(y[1].unique, 2u);
}

TEST(Pool, EqualsTheWholeSample) {
  // {.1, .2, .3} and {.4, .5} pooled = {.1 .. .5}: mean 0.3, half width
  // 2.776 * 0.07071 = 0.19632.
  auto a = from_summary([] {
    series::SentimentAccumulator s;
    for (double x : {0.1, 0.2, 0.3}) s.add(x, series::SentimentAccumulator::Label::positive);
    return s.summary();
  }());
  auto b = from_summary([] {
    series::SentimentAccumulator s;
    for (double x : {0.4, 0.5}) s.add(x, series::SentimentAccumulator::Label::negative);
    return s.summary();
  }());
  Sentiment p = pool({&a, &b});
  EXPECT_EQ(p.n, 5u);
  EXPECT_NEAR(*p.mean, 0.3, 1e-12);
  EXPECT_NEAR(*p.hi, 0.3 + 0.19632, 1e-4);
  EXPECT_EQ(p.positive, 3u);
  EXPECT_EQ(p.negative, 2u);
  Sentiment empty;
  EXPECT_FALSE(pool({&empty}).mean);
}

SeriesEntry entry(const char* period, uint64_t count) {
  SeriesEntry e;
  e.period = period;
  e.count = count;
  e.unique = count / 2;
  return e;
}

TEST(FillDerived, HeadlineMoversAndShares) {
  BriefingData d;
  d.headline.series = {entry("2019-W09", 10), entry("2019-W10", 20), entry("2019-W11", 30)};
  auto topic = [](const char* id, uint64_t prev, uint64_t now) {
    TopicSection t;
    t.id = id;
    t.label = std::string("Topic ") + id;
    t.series = {entry("2019-W09", 1), entry("2019-W10", prev), entry("2019-W11", now)};
    t.series.back().stance = {{"reform", now}};
    return t;
  };
  d.topics = {topic("a", 5, 10), topic("b", 12, 5), topic("c", 4, 4), topic("d", 1, 8)};
  fill_derived(d, 5);
  const Headline& h = d.headline;
  EXPECT_EQ(h.volume, 30u);
  EXPECT_EQ(h.previous_volume, 20u);
  EXPECT_DOUBLE_EQ(h.baseline_volume, 15.0);
  EXPECT_EQ(h.unique, 15u);
  EXPECT_DOUBLE_EQ(h.baseline_unique, 7.5);
  EXPECT_FALSE(d.empty_week);
  // |change|: a 5, b 7, c 0 (not a mover), d 7; ties by id.
  ASSERT_EQ(h.movers.size(), 3u);
  EXPECT_EQ(h.movers[0].id, "b");
  EXPECT_EQ(h.movers[1].id, "d");
  EXPECT_EQ(h.movers[2].id, "a");
  EXPECT_DOUBLE_EQ(h.movers[0].change, -7);
  EXPECT_DOUBLE_EQ(h.movers[0].baseline, 6.5);
  // Share of voice: 10 of 30, Wilson.
  const Share& s = d.topics[0].share_of_voice;
  EXPECT_EQ(s.k, 10u);
  EXPECT_EQ(s.n, 30u);
  EXPECT_NEAR(*s.value, 1.0 / 3, 1e-12);
  EXPECT_EQ(d.topics[0].stance.at("reform"), 10u);
  fill_derived(d, 1);
  EXPECT_EQ(d.headline.movers.size(), 1u);
}

TEST(FillDerived, EmptyWeek) {
  BriefingData d;
  d.headline.series = {entry("2019-W10", 20), entry("2019-W11", 0)};
  fill_derived(d);
  EXPECT_TRUE(d.empty_week);
  BriefingData none;
  fill_derived(none);
  EXPECT_TRUE(none.empty_week);
}

}  // namespace
}  // namespace vigie::reports
