// A hand-made briefing for the renderer tests: 12 weeks ending 2019-W11,
// four topics (one with a planted surge in the last week), six languages,
// texts in several scripts and hostile strings (markup, a javascript: URL,
// CSV formula, invalid UTF-8) that the renderers must neutralise.
#pragma once

#include <string>
#include <vector>

#include "analytics/series/stats.h"
#include "reports/briefing.h"

namespace vigie::reports::testing {

inline const std::vector<std::string>& sample_weeks() {
  static const std::vector<std::string> w{"2018-W52", "2019-W01", "2019-W02", "2019-W03",
                                          "2019-W04", "2019-W05", "2019-W06", "2019-W07",
                                          "2019-W08", "2019-W09", "2019-W10", "2019-W11"};
  return w;
}

// A series with the given counts; sentiment from a deterministic spread of
// scores around `centre` so that intervals are real.
inline std::vector<SeriesEntry> make_series(const std::vector<uint64_t>& counts, double centre,
                                            const std::vector<uint64_t>& totals) {
  std::vector<SeriesEntry> out;
  for (size_t i = 0; i < counts.size(); ++i) {
    SeriesEntry e;
    e.period = sample_weeks()[i];
    e.count = counts[i];
    e.unique = counts[i] - counts[i] / 5;
    if (totals[i]) e.share = double(counts[i]) / double(totals[i]);
    series::SentimentAccumulator acc;
    for (uint64_t k = 0; k < counts[i]; ++k) {
      double x = centre + 0.6 * (double((k * 37 + i * 11) % 21) / 10.0 - 1.0);
      x = std::max(-1.0, std::min(1.0, x));
      acc.add(x, x > 0.05 ? series::SentimentAccumulator::Label::positive
                 : x < -0.05 ? series::SentimentAccumulator::Label::negative
                             : series::SentimentAccumulator::Label::neutral);
    }
    e.sentiment = from_summary(acc.summary());
    e.stance = {{"none", counts[i] / 2}, {"prohibition", counts[i] / 5},
                {"reform", counts[i] - counts[i] / 2 - counts[i] / 5}};
    out.push_back(std::move(e));
  }
  apply_spikes(out, series::SpikeOptions{.window = 12, .min_baseline = 4});
  return out;
}

inline BriefingData sample_briefing() {
  BriefingData d;
  d.week = "2019-W11";
  d.week_first = "2019-03-11";
  d.week_last = "2019-03-17";
  d.generated_at = 1552867200;  // 2019-03-18T00:00:00Z
  d.scope = "lang:ar OR lang:zh OR lang:en OR lang:fr OR lang:ru OR lang:es";
  const std::vector<uint64_t> totals{900, 950, 920, 980, 940, 1000, 960, 990, 1010, 970, 1000, 1400};
  Headline& h = d.headline;
  h.series = make_series(totals, 0.05, totals);
  h.volume = 1400;
  h.previous_volume = 1000;
  h.baseline_volume = 965.45;
  h.unique = h.series.back().unique;
  h.previous_unique = h.series[10].unique;
  h.baseline_unique = 772.4;
  h.sentiment = h.series.back().sentiment;
  h.previous_sentiment = h.series[10].sentiment;
  h.baseline_sentiment = h.series[9].sentiment;

  struct T {
    const char* id;
    const char* label;
    std::vector<uint64_t> counts;
    double centre;
  };
  const std::vector<T> topics{
      {"opioids", "Opioids & fentanyl <crisis>",
       {40, 42, 38, 45, 41, 39, 44, 40, 43, 42, 41, 160}, -0.35},
      {"cannabis", "Cannabis legalisation", {120, 118, 125, 130, 122, 128, 126, 131, 129, 133, 130, 136}, 0.2},
      {"harm-reduction", "Harm reduction", {20, 0, 25, 18, 22, 1, 19, 24, 0, 21, 23, 22}, 0.1},
      {"trafficking", "Trafficking", {60, 58, 62, 61, 59, 63, 60, 64, 62, 61, 63, 58}, -0.5},
  };
  for (const T& t : topics) {
    TopicSection s;
    s.id = t.id;
    s.label = t.label;
    s.series = make_series(t.counts, t.centre, totals);
    s.share_of_voice = make_share(t.counts.back(), totals.back());
    s.stance = s.series.back().stance;
    s.spike = s.series.back().spike;
    s.score = s.series.back().score;
    d.topics.push_back(std::move(s));
  }
  TopicSection& op = d.topics[0];
  op.emerging_terms = {{"fentanyl", 84.25, 95, 40}, {"carfentanil", 40.5, 20, 0}, {"\xd9\x85\xd8\xae\xd8\xaf\xd8\xb1\xd8\xa7\xd8\xaa", 12.0, 9, 2}};
  op.examples = {
      {"most engaged", "tweet:1105000000000000000", "",
       "BREAKING: <script>alert('x')</script> overdose deaths & fentanyl seizures up \"sharply\" in Ohio",
       "https://twitter.com/i/web/status/1105000000000000000?a=1&b=2", "2019-03-12", "en", "tweet",
       "Twitter Web Client", -0.62, 5400, ""},
      {"most positive", "news:abc", "Naloxone programme saves lives | Ville de Paris",
       "Le programme de naloxone a sauvé des vies, selon la mairie.", "javascript:alert(1)", "2019-03-13",
       "fr", "news", "=HYPERLINK(\"x\")", 0.71, 12, ""},
      {"most negative", "reddit:b1x", "",
       "\xd0\xa4\xd0\xb5\xd0\xbd\xd1\x82\xd0\xb0\xd0\xbd\xd0\xb8\xd0\xbb \xd1\x83\xd0\xb1\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xb5\xd1\x82 bad\xff byte",
       "https://www.reddit.com/r/opiates/comments/b1x/", "2019-03-14", "ru", "reddit", "r/opiates", -0.9, 88, ""},
  };
  d.topics[1].examples = {{"most engaged", "news:zh1", "\xe5\xa4\xa7\xe9\xba\xbb\xe5\x90\x88\xe6\xb3\x95\xe5\x8c\x96",
                           "\xe5\x8a\xa0\xe6\x8b\xbf\xe5\xa4\xa7\xe5\xa4\xa7\xe9\xba\xbb", "https://example.org/zh?id=1",
                           "2019-03-11", "zh", "news", "Xinhua", 0.1, 300, ""}};
  h.movers = {{"opioids", "Opioids & fentanyl <crisis>", 160, 41, 41.36, 119},
              {"trafficking", "Trafficking", 58, 63, 61.18, -5}};

  const std::vector<std::pair<std::string, uint64_t>> langs{
      {"en", 620}, {"es", 240}, {"fr", 180}, {"ar", 150}, {"ru", 120}, {"zh", 90}};
  for (const auto& [k, v] : langs) {
    BreakdownRow r;
    r.key = k;
    r.count = v;
    r.previous = v * 5 / 7;
    r.share = double(v) / 1400.0;
    r.sentiment = h.series.back().sentiment;
    for (size_t i = 0; i < 12; ++i) r.weekly.push_back(v * (60 + (i * 7) % 13) / 100);
    r.weekly.back() = v;
    d.languages.push_back(std::move(r));
  }
  for (const auto& [k, v] : std::vector<std::pair<std::string, uint64_t>>{{"news", 700}, {"reddit", 300}, {"tweet", 400}}) {
    BreakdownRow r;
    r.key = k;
    r.count = v;
    r.previous = v - 100;
    r.share = double(v) / 1400.0;
    r.weekly = std::vector<uint64_t>(12, v - 100);
    r.weekly.back() = v;
    d.kinds.push_back(std::move(r));
  }
  Method& m = d.method;
  m.documents = 123456;
  m.undated = 321;
  m.rejected = 45;
  m.languages = {{"ar", 15000}, {"en", 60000}, {"es", 20000}, {"fr", 14000}, {"ru", 9456}, {"zh", 5000}};
  m.versions = {{"analyzer", "1"}, {"sentiment", "vader-multi 0.3"}, {"taxonomy", "drug-policy 2019.1"}};
  m.accuracy_file = "eval/accuracy.json";
  m.accuracy_available = true;
  m.accuracy_note = "Measured by `vigie eval` on labelled data.";
  m.accuracy = {{"en", {"semeval-2017", 0.612, 0.645}}, {"fr", {"deft", std::nullopt, 0.58}}};
  return d;
}

}  // namespace vigie::reports::testing
