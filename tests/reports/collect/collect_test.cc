// reports/collect on a small index with known answers: twelve ISO weeks
// 2019-W01..W12 of steady harm-reduction traffic (4 or 5 documents a week)
// with a planted surge of 20 in W11, two off-topic documents a week, one
// undated document, hand-chosen sentiment, stance and clusters in W9-W11.
// Documents go through the real document builder (indexer/), so the tests
// read the index layout the indexer writes. Expected values come from the
// document list below and hand arithmetic, never from the code under test.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "analytics/analyzer.h"
#include "core/errors.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/text/segment.h"
#include "core/text/stem.h"
#include "core/time.h"
#include "indexer/document_builder.h"
#include "query/index.h"
#include "query/searcher.h"
#include "reports/collect.h"
#include "reports/render.h"
#include "tests/reports/collect/fixture.h"

namespace vigie::reports {
namespace {

using namespace test;


class Collect : public ::testing::TestWithParam<bool> {  // param: force the MSet (remote) path
 protected:
  void SetUp() override { index_ = std::make_unique<query::Index>(query::Index::from_database(memory_index(), "memory")); }
  TrendResult run(const Xapian::Query& q, TrendOptions o = weekly()) {
    o.collect.force_mset = GetParam();
    return trends(*index_, q, o);
  }
  std::unique_ptr<query::Index> index_;
};

TEST_P(Collect, CountsPerWeekAndUndatedAddUpToTheMatchCount) {
  TrendResult r = run(topic_query());
  ASSERT_EQ(r.series.size(), 12u);
  uint64_t sum = 0;
  for (int w = 1; w <= 12; ++w) {
    EXPECT_EQ(r.series[w - 1].period, week_label(w));
    EXPECT_EQ(r.series[w - 1].count, static_cast<uint64_t>(topic_docs_in_week(w))) << week_label(w);
    sum += r.series[w - 1].count;
  }
  EXPECT_EQ(r.undated, 1u);
  EXPECT_EQ(r.outside, 0u);
  EXPECT_EQ(r.used_mset, GetParam());
  // The same count as `vigie search --count` for topic:harm_reduction.
  query::SearchOptions so;
  so.query = "topic:harm_reduction";
  so.count_only = true;
  const uint64_t searched = query::search(*index_, so).count;
  EXPECT_EQ(r.matches, searched);
  EXPECT_EQ(sum + r.undated, searched);
}

TEST_P(Collect, UniqueStoriesCountClustersOnce) {
  TrendResult r = run(topic_query());
  // W11: ten documents in five clusters of two, ten without a cluster.
  EXPECT_EQ(find(r.series, "2019-W11")->unique, 15u);
  EXPECT_EQ(find(r.series, "2019-W10")->unique, 4u);
}

TEST_P(Collect, ShareIsOfAllDocumentsInThePeriod) {
  TrendResult r = run(topic_query());
  // W11: 20 topic documents of 22; W10: 4 of 6; W09: 5 of 7.
  ASSERT_TRUE(find(r.series, "2019-W11")->share);
  EXPECT_DOUBLE_EQ(*find(r.series, "2019-W11")->share, 20.0 / 22.0);
  EXPECT_DOUBLE_EQ(*find(r.series, "2019-W10")->share, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(*find(r.series, "2019-W09")->share, 5.0 / 7.0);
  // Totals through the spy (a language filter every document passes) equal
  // the totals from the day terms (every document).
  TrendOptions en = weekly();
  en.denominator = filter_query("en", "news");
  TrendResult r_en = run(topic_query(), en);
  ASSERT_EQ(r_en.series.size(), r.series.size());
  for (size_t i = 0; i < r.series.size(); ++i) EXPECT_EQ(r_en.series[i].share, r.series[i].share) << i;
  // With a denominator that excludes everything, there is no share.
  TrendOptions o = weekly();
  o.denominator = Xapian::Query(schema::boolean_term(schema::prefix::kLang, "fr"));
  r = run(topic_query(), o);
  EXPECT_FALSE(find(r.series, "2019-W11")->share.has_value());
}

TEST_P(Collect, SentimentMeanCiAndLabelsFollowTheStoredLabel) {
  TrendResult r = run(topic_query());
  const SeriesEntry& e = *find(r.series, "2019-W10");
  // Scores 0.5 0.1 -0.3 0.7: mean 0.25; deviations .25 -.15 -.55 .45,
  // squares sum .59, s^2 = .59/3, s = 0.4434712; t(0.975, 3) = 3.182446;
  // half width = 3.182446 * 0.4434712 / 2 = 0.705662.
  ASSERT_TRUE(e.sentiment.mean && e.sentiment.lo && e.sentiment.hi);
  EXPECT_NEAR(*e.sentiment.mean, 0.25, 1e-12);
  EXPECT_NEAR(*e.sentiment.lo, 0.25 - 0.705662, 1e-5);
  EXPECT_NEAR(*e.sentiment.hi, 0.25 + 0.705662, 1e-5);
  EXPECT_EQ(e.sentiment.n, 4u);
  // The stored labels, not the thresholds: 0.1 is "neutral" here.
  EXPECT_EQ(e.sentiment.positive, 2u);
  EXPECT_EQ(e.sentiment.neutral, 1u);
  EXPECT_EQ(e.sentiment.negative, 1u);
}

TEST_P(Collect, StanceSplit) {
  TrendResult r = run(topic_query());
  const std::map<std::string, uint64_t> want{{"none", 1}, {"prohibition", 1}, {"reform", 2}};
  EXPECT_EQ(find(r.series, "2019-W10")->stance, want);
  EXPECT_EQ(find(r.series, "2019-W03")->stance, (std::map<std::string, uint64_t>{{"reform", 5}}));
}

TEST_P(Collect, TopicSeriesUsesAspectSentiment) {
  TrendOptions o = weekly();
  o.collect.topic = "harm_reduction";
  TrendResult r = run(topic_query(), o);
  const SeriesEntry& e = *find(r.series, "2019-W09");
  // Five documents with overall sentiment 0.4 and aspect sentiment -0.8.
  EXPECT_NEAR(*e.sentiment.mean, -0.8, 1e-9);
  EXPECT_EQ(e.sentiment.negative, 5u);
  // Without the topic option: the documents' own sentiment.
  r = run(topic_query());
  EXPECT_NEAR(*find(r.series, "2019-W09")->sentiment.mean, 0.4, 1e-9);
  EXPECT_EQ(find(r.series, "2019-W09")->sentiment.positive, 5u);
}

TEST_P(Collect, AspectLabelsFollowTheLanguagesBand) {
  // A language whose neutral band holds -0.8: the aspect scores are neutral.
  const SentimentBands wide{{{"en", {0.9, -0.9}}}, {0.05, -0.05}};
  TrendOptions o = weekly();
  o.collect.topic = "harm_reduction";
  o.collect.bands = &wide;
  const SeriesEntry& e = *find(run(topic_query(), o).series, "2019-W09");
  EXPECT_NEAR(*e.sentiment.mean, -0.8, 1e-9);
  EXPECT_EQ(e.sentiment.negative, 0u);
  EXPECT_EQ(e.sentiment.neutral, 5u);
  // A topic's trends without bands is a caller's error, not a silent default.
  o.collect.bands = nullptr;
  EXPECT_THROW(run(topic_query(), o), UsageError);
}

TEST_P(Collect, PlantedSurgeIsTheOnlySpike) {
  TrendResult r = run(topic_query());
  for (const auto& e : r.series) EXPECT_EQ(e.spike, e.period == "2019-W11") << e.period << " score " << e.score;
  // Hand check of the score: the baseline of W11 is W01..W10 (10 weeks, all
  // before it): counts 5 4 5 4 5 4 5 4 5 4, mean 4.5, sample variance
  // 10 * 0.25 / 9; score = (20 - 4.5) / sqrt(0.27778 + 4.5 + 1).
  EXPECT_NEAR(find(r.series, "2019-W11")->score, 15.5 / std::sqrt(2.5 / 9 + 4.5 + 1), 1e-9);
}

TEST_P(Collect, RangeOptionsListEmptyPeriodsAndMonths) {
  TrendOptions o = weekly();
  o.from = monday(1) * 86400 - 7 * 86400;  // one empty week before W01
  o.to = (monday(12) + 6) * 86400;
  TrendResult r = run(topic_query(), o);
  ASSERT_EQ(r.series.size(), 13u);
  EXPECT_EQ(r.series[0].period, "2018-W52");
  EXPECT_EQ(r.series[0].count, 0u);
  o = weekly();
  o.spec.by = series::Granularity::month;
  r = run(topic_query(), o);
  uint64_t sum = 0;
  for (const auto& e : r.series) sum += e.count;
  EXPECT_EQ(sum + r.undated, r.matches);
  EXPECT_EQ(r.series.front().period, "2018-12");
  EXPECT_EQ(r.series.back().period, "2019-03");
  // 2018-12: W01's Monday 12-31 only (one doc on day 0 of W01).
  EXPECT_EQ(r.series.front().count, 1u);
}

INSTANTIATE_TEST_SUITE_P(SpyAndMset, Collect, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "mset" : "spy"; });

TEST(CollectShards, TwoLocalShardsGiveTheSameSeriesAsOneDatabase) {
  const auto dir = std::filesystem::temp_directory_path() / ("vigie-collect-" + std::to_string(::getpid()));
  disk_index(dir);
  auto sharded = query::Index::open(dir.string());
  auto single = query::Index::from_database(memory_index(), "memory");
  TrendResult a = trends(sharded, topic_query(), weekly());
  TrendResult b = trends(single, topic_query(), weekly());
  ASSERT_EQ(a.series.size(), b.series.size());
  for (size_t i = 0; i < a.series.size(); ++i) {
    EXPECT_EQ(a.series[i].count, b.series[i].count);
    EXPECT_EQ(a.series[i].unique, b.series[i].unique);
    EXPECT_EQ(a.series[i].share, b.series[i].share);
    EXPECT_EQ(a.series[i].sentiment.positive, b.series[i].sentiment.positive);
    EXPECT_EQ(a.series[i].sentiment.neutral, b.series[i].sentiment.neutral);
    EXPECT_EQ(a.series[i].stance, b.series[i].stance);
  }
  EXPECT_FALSE(a.used_mset);
  std::filesystem::remove_all(dir);
}

TEST(CollectEmerging, SurgeWordsEmergeAndBaselineWordsDoNot) {
  auto index = query::Index::from_database(memory_index(), "memory");
  EmergingRequest req;
  req.period = series::Period{monday(11), monday(12)};
  req.baseline_first_day = monday(1);
  req.baseline_end_day = monday(11);
  auto terms = emerging_terms(index, topic_query(), req);
  // Twelve of the 20 W11 documents say "naloxone kits handed to visitors",
  // no baseline document does; "to" is too short to report.
  std::set<std::string> got;
  for (const auto& t : terms) {
    got.insert(t.term);
    EXPECT_EQ(t.count, 12u) << t.term;
    EXPECT_EQ(t.baseline_count, 0u) << t.term;
    EXPECT_GE(t.score, 10.83);
  }
  EXPECT_EQ(got, (std::set<std::string>{"handed", "kits", "naloxone", "visitors"}));
  ASSERT_EQ(terms.size(), 4u);
  // Equal statistics: ordered by term.
  EXPECT_EQ(terms[0].term, "handed");
  EXPECT_DOUBLE_EQ(terms[0].score, terms[3].score);
  // G2 by hand: words are counted once per document. The period has 12
  // surge documents with 9 reportable words (naloxone kits handed visitors
  // the harm reduction centre station) and 8 ordinary ones with 8 (the harm
  // reduction centre station opens its doors): c = 172; the baseline has 45
  // ordinary documents: d = 360. With a = 12, b = 0, N = 532:
  // G2 = 2 * (12 ln(12 / (12*172/532)) + 160 ln(160 / (172*520/532))
  //           + 360 ln(360 / (360*520/532))) = 27.6842.
  EXPECT_NEAR(terms[0].score, 27.6842, 1e-3);
  // The minimum count is a minimum number of documents in the period.
  req.options.min_count = 13;
  EXPECT_TRUE(emerging_terms(index, topic_query(), req).empty());
}

TEST(CollectExamples, MostEngagedPositiveNegativeAreDistinct) {
  auto index = query::Index::from_database(memory_index(), "memory");
  Xapian::Query w10(Xapian::Query::OP_FILTER, topic_query(), days_query(monday(10), monday(11)));
  auto ex = examples(index, w10);
  ASSERT_EQ(ex.size(), 3u);
  EXPECT_EQ(ex[0].why, "most engaged");
  EXPECT_EQ(ex[0].id, "w10-3");  // engagement 13, sentiment 0.7
  EXPECT_EQ(ex[1].why, "most positive");
  EXPECT_EQ(ex[1].id, "w10-0");  // 0.5: 0.7 is already taken
  EXPECT_EQ(ex[1].label, "positive");  // picked by its stored label
  EXPECT_EQ(ex[2].why, "most negative");
  EXPECT_EQ(ex[2].id, "w10-2");  // -0.3
  EXPECT_EQ(ex[2].url, "https://example.org/w10-2");
  EXPECT_EQ(ex[2].date, time::format_date(monday(10) * 86400 + 2 * 86400));
  ASSERT_TRUE(ex[2].sentiment);
  EXPECT_NEAR(*ex[2].sentiment, -0.3, 1e-9);
  // W03: five posts at +0.2 - no "most negative" among them.
  Xapian::Query w03(Xapian::Query::OP_FILTER, topic_query(), days_query(monday(3), monday(4)));
  ex = examples(index, w03);
  ASSERT_EQ(ex.size(), 2u);
  EXPECT_EQ(ex[0].why, "most engaged");
  EXPECT_EQ(ex[1].why, "most positive");
  EXPECT_NE(ex[0].id, ex[1].id);
  // Off-topic posts (0.0): most engaged only.
  Xapian::Query off(Xapian::Query::OP_AND_NOT, days_query(monday(3), monday(4)), topic_query());
  ex = examples(index, off);
  ASSERT_EQ(ex.size(), 1u);
  EXPECT_EQ(ex[0].why, "most engaged");
}

BriefingOptions briefing_options(const std::string& week) {
  BriefingOptions o;
  o.week = week;
  o.sections.push_back({"harm_reduction", "Harm reduction", topic_query(), true});
  o.generated_at = 1552867200;
  o.bands = en_bands();
  return o;
}

TEST(CollectBriefing, HeadlineTopicsBreakdownsAndMethod) {
  auto index = query::Index::from_database(memory_index(), "memory");
  BriefingData d = build_briefing(index, briefing_options("2019-W11"));
  EXPECT_EQ(d.week, "2019-W11");
  EXPECT_EQ(d.week_first, "2019-03-11");
  EXPECT_EQ(d.week_last, "2019-03-17");
  EXPECT_FALSE(d.empty_week);
  ASSERT_EQ(d.headline.series.size(), 12u);
  EXPECT_EQ(d.headline.series.front().period, "2018-W52");  // 12 weeks ending W11
  EXPECT_EQ(d.headline.volume, 22u);
  EXPECT_EQ(d.headline.previous_volume, 6u);
  EXPECT_EQ(d.headline.unique, 17u);  // 15 topic stories + 2 off-topic
  ASSERT_EQ(d.topics.size(), 1u);
  const TopicSection& t = d.topics[0];
  ASSERT_EQ(t.series.size(), 12u);
  EXPECT_EQ(t.series.back().count, 20u);
  EXPECT_TRUE(t.spike);
  EXPECT_EQ(t.share_of_voice.k, 20u);
  EXPECT_EQ(t.share_of_voice.n, 22u);
  // Topic sentiment in W09 is the aspect sentiment.
  EXPECT_NEAR(*find(t.series, "2019-W09")->sentiment.mean, -0.8, 1e-9);
  EXPECT_FALSE(t.emerging_terms.empty());
  EXPECT_EQ(t.emerging_terms.size(), 4u);
  EXPECT_FALSE(t.examples.empty());
  EXPECT_LE(t.examples.size(), 3u);
  ASSERT_EQ(d.languages.size(), 1u);
  EXPECT_EQ(d.languages[0].key, "en");
  EXPECT_EQ(d.languages[0].count, 22u);
  ASSERT_EQ(d.languages[0].weekly.size(), 12u);
  ASSERT_EQ(d.kinds.size(), 1u);
  EXPECT_EQ(d.kinds[0].key, "news");
  EXPECT_EQ(d.method.documents, specs().size());
  EXPECT_EQ(d.method.undated, 1u);
  EXPECT_EQ(d.method.languages.at("en"), specs().size());
  EXPECT_EQ(d.method.versions.at("taxonomy_version"), "drug-policy-test");
  ASSERT_FALSE(d.headline.movers.empty());
  EXPECT_EQ(d.headline.movers[0].id, "harm_reduction");
  EXPECT_DOUBLE_EQ(d.headline.movers[0].change, 16.0);  // 20 - 4
}

TEST(CollectBriefing, EmptyWeekGivesAShortReport) {
  auto index = query::Index::from_database(memory_index(), "memory");
  BriefingData d = build_briefing(index, briefing_options("2020-W20"));
  EXPECT_TRUE(d.empty_week);
  EXPECT_EQ(d.headline.volume, 0u);
  EXPECT_EQ(d.method.documents, specs().size());
  EXPECT_THROW(build_briefing(index, briefing_options("2019-03-11")), UsageError);
  EXPECT_THROW(build_briefing(index, briefing_options("week 11")), UsageError);
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(CollectBriefing, RenderedFilesAreByteIdentical) {
  const auto base = std::filesystem::temp_directory_path() / ("vigie-brief-" + std::to_string(::getpid()));
  std::vector<std::vector<std::string>> runs;
  for (int i = 0; i < 2; ++i) {
    // A fresh index each time: nothing may depend on docids or memory order.
    auto index = query::Index::from_database(memory_index(), "memory");
    runs.push_back(write_briefing(build_briefing(index, briefing_options("2019-W11")),
                                  (base / std::to_string(i)).string()));
  }
  ASSERT_EQ(runs[0].size(), runs[1].size());
  std::set<std::string> names;
  for (size_t k = 0; k < runs[0].size(); ++k) {
    const auto a = std::filesystem::path(runs[0][k]), b = std::filesystem::path(runs[1][k]);
    EXPECT_EQ(a.filename(), b.filename());
    names.insert(a.filename().string());
    EXPECT_EQ(slurp(a), slurp(b)) << a.filename();
  }
  for (const char* n : {"report.html", "report.md", "report.json"}) EXPECT_TRUE(names.count(n)) << n;
  EXPECT_TRUE(std::any_of(names.begin(), names.end(),
                          [](const std::string& n) { return n.size() > 4 && n.substr(n.size() - 4) == ".csv"; }));
  std::filesystem::remove_all(base);
}

}  // namespace
}  // namespace vigie::reports
