// Building trend series and the derived parts of a briefing from
// per-document facts, so that wiring reports to the index is a loop over
// matches: the query layer hands each matching document's time, cluster,
// sentiment and stance to a SeriesBuilder, and fill_derived() computes the
// headline, movers, shares and flags from the series.
//
// Definitions (also in docs/report.md):
//  * unique = distinct non-zero cluster ids in the period, plus documents
//    without a cluster (0), each its own story;
//  * sentiment label: the document's stored label (set at indexing from
//    the compound and its language's neutral band); for a topic's aspect
//    score, the label that score gets in the document language's band
//    (SentimentBands), so that a label always follows from the number shown;
//  * share = count / total of the period, when totals were given;
//  * baseline = the periods before the report week in the series (11 of a
//    12-week window); baseline sentiment pools those weeks exactly (from
//    their n, mean and sd);
//  * movers = topics ordered by |count - previous| descending, then id;
//    topics with no change are not movers.
//
// Thread safety: a SeriesBuilder is not thread-safe; use one per thread and
// merge() them. fill_derived is a pure function of its argument.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "analytics/series/period.h"
#include "analytics/series/spikes.h"
#include "analytics/series/stats.h"
#include "core/schema.h"
#include "reports/briefing.h"

namespace vigie::reports {

// A language's neutral band: compound >= positive is positive, <= negative
// is negative. The values are those the index stores (the indexer's
// sentiment::Scorer::thresholds()), else the installed lexicon's, read by
// app/ and server/ (reports/ does not link the scorer) and handed over here.
struct SentimentBand {
  double positive = 0;
  double negative = 0;
};
struct SentimentBands {
  std::map<std::string, SentimentBand, std::less<>> by_lang;
  SentimentBand other;  // a language without its own rules (Scorer::thresholds("und"))
  bool empty() const { return by_lang.empty(); }
  const SentimentBand& of(std::string_view lang) const;
  // "positive" | "neutral" | "negative"
  std::string_view label(double compound, std::string_view lang) const;

  // From sentiment::Scorer::bands() or the index's stored bands.
  static SentimentBands from(const std::vector<schema::SentimentBandValue>& bands);
  // The bands an index's labels were given by (Index::metadata(), key
  // schema::meta::kSentimentBands); nothing for an index written before
  // they were stored, or whose shards disagree.
  static std::optional<SentimentBands> stored(const std::map<std::string, std::string>& metadata);
};

struct DocFacts {
  int64_t time = 0;                  // UTC seconds
  uint64_t cluster = 0;              // near-duplicate cluster id, 0 = unknown
  std::optional<double> sentiment;   // compound in [-1, 1]; absent = not scored
  std::string_view label;            // positive | neutral | negative | "" (derive)
  std::string_view stance;           // reform | prohibition | none | "" (not counted)
};

// The label a document counts under: DocFacts::label, which the collector
// sets for every scored document (stored label, or the aspect score's label
// in its language's band); a scored document without one counts as neutral.
series::SentimentAccumulator::Label sentiment_label(const DocFacts& doc);

class SeriesBuilder {
 public:
  // `periods` contiguous and ordered (series::periods_between or
  // trailing_periods with the same spec).
  SeriesBuilder(std::vector<series::Period> periods, const series::PeriodSpec& spec);

  // Adds one matching document. Returns false (and counts nothing) when its
  // time is outside the periods.
  bool add(const DocFacts& doc);
  // Documents per period under the same filters, the denominators of share.
  // Throws UsageError when the size differs from the number of periods.
  void set_totals(std::vector<uint64_t> totals);
  // Adds the counts of another builder over the same periods.
  void merge(const SeriesBuilder& other);

  // One entry per period, labelled, with spikes computed over the whole run.
  std::vector<SeriesEntry> build(const series::SpikeOptions& spikes = {}) const;

 private:
  struct Bucket {
    uint64_t count = 0;
    uint64_t unclustered = 0;
    std::unordered_set<uint64_t> clusters;
    series::SentimentAccumulator sentiment;
    std::map<std::string, uint64_t, std::less<>> stance;
  };
  series::PeriodSpec spec_;
  series::Bucketer bucketer_;
  std::vector<Bucket> buckets_;
  std::vector<uint64_t> totals_;
};

// Fills what follows from the series: headline numbers (from
// headline.series), empty_week, each topic's spike, score, stance and share
// of voice (when not already set), and the biggest movers (at most
// `max_movers`). Leaves fields the caller set explicitly alone where noted.
void fill_derived(BriefingData& data, size_t max_movers = 5);

// Pools the sentiment of several periods (exact mean and CI from each
// period's n, mean and sd).
Sentiment pool(const std::vector<const Sentiment*>& parts);

}  // namespace vigie::reports
