// The weekly briefing as plain data, and the trends series as plain data.
//
// BriefingData is filled by the report builder (app/ or a future
// reports/builder that reads the index through query/) and read by the
// renderers in reports/render.h; the renderers never touch the index, so
// they are tested on hand-made data, and the same data gives byte-identical
// HTML, Markdown, JSON and CSV.
//
// Conventions:
//  * Periods are labelled as in analytics/series/period.h ("2019-W11").
//  * Sentiment scores are compound scores in [-1, 1].
//  * Optional numbers are absent when there is nothing to compute (no
//    documents, one document for an interval, no denominator for a share);
//    renderers show "n/a" (HTML, Markdown), null (JSON) or "" (CSV).
//  * Maps are std::map so that every renderer iterates in sorted order.
//
// Thread safety: plain values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/series/spikes.h"
#include "analytics/series/stats.h"

namespace vigie::reports {

// Sentiment of a set of documents.
struct Sentiment {
  uint64_t n = 0;                    // documents with a sentiment score
  std::optional<double> mean;        // absent when n = 0
  std::optional<double> lo, hi;      // 95% CI, absent when n < 2
  std::optional<double> sd;          // sample standard deviation, absent when n < 2
  uint64_t positive = 0, neutral = 0, negative = 0;
};
// The t interval of a few scores can reach past the possible range (n = 2
// gives +/- 12.7 s); a mean of scores in [-1, 1] is in [-1, 1], so
// intervals are clipped to it. from_summary() and pool() do this.
void clamp_interval(Sentiment& s);
Sentiment from_summary(const series::SentimentSummary& s);

// One period of a trend (one row of `vigie trends`).
struct SeriesEntry {
  std::string period;  // "2019-W11"
  std::string start, end;  // its first and last day, ISO dates ("2019-03-11", "2019-03-17")
  std::string utc_offset;  // with a time zone: its offset at the start ("+13:00"); "" = UTC
  uint64_t count = 0;
  uint64_t unique = 0;          // stories among the matches (exact and edited copies joined)
  std::optional<double> share;  // count / all documents in the period (same filters)
  Sentiment sentiment;
  std::map<std::string, uint64_t> stance;  // reform | prohibition | none -> count
  bool spike = false;
  double score = 0;  // spike score (analytics/series/spikes.h)
};

// Runs analytics/series spike detection over the counts of `series` (in
// period order) and stores flags and scores in place. A briefing's 12-week
// series should be computed on a longer run (e.g. 24 periods) and trimmed
// afterwards, so that its first weeks have a baseline too.
void apply_spikes(std::vector<SeriesEntry>& series, const series::SpikeOptions& options = {});

// Output of `vigie trends`.
struct Trends {
  std::string query;   // as given, for the record
  std::string by;      // day | week | month
  std::vector<SeriesEntry> series;
};

struct Share {
  uint64_t k = 0, n = 0;  // matches, all documents
  std::optional<double> value, lo, hi;  // Wilson 95%; absent when n = 0
};
Share make_share(uint64_t k, uint64_t n);

struct EmergingTermEntry {
  std::string term;
  double score = 0;  // Dunning G2
  uint64_t count = 0;
  uint64_t baseline_count = 0;
};

struct Example {
  std::string why;  // "most engaged" | "most positive" | "most negative"
  std::string id;
  std::string title;    // may be empty (tweets)
  std::string excerpt;  // text excerpt, plain text (renderers escape it)
  std::string url;      // rendered as a link only when http(s)
  std::string date;     // "2019-03-12"
  std::string lang;
  std::string kind;
  std::string source;
  std::optional<double> sentiment;
  int64_t engagement = 0;
  std::string label;  // its stored sentiment label (positive | neutral | negative); "" = not scored
};

struct TopicSection {
  std::string id;
  std::string label;
  std::vector<SeriesEntry> series;  // 12 periods, oldest first; last = report week
  Share share_of_voice;             // this week: topic documents / all documents
  std::map<std::string, uint64_t> stance;  // this week
  bool spike = false;  // this week
  double score = 0;
  std::vector<EmergingTermEntry> emerging_terms;
  std::vector<Example> examples;  // 2-3
};

struct Mover {
  std::string id, label;   // topic
  uint64_t count = 0, previous = 0;
  double baseline = 0;     // mean weekly count over the previous 11 weeks
  double change = 0;       // count - previous
};

struct Headline {
  uint64_t volume = 0, previous_volume = 0;
  double baseline_volume = 0;  // mean of the 11 weeks before this one
  uint64_t unique = 0, previous_unique = 0;
  double baseline_unique = 0;
  Sentiment sentiment, previous_sentiment, baseline_sentiment;
  std::vector<Mover> movers;  // biggest movers, already ordered
  std::vector<SeriesEntry> series;  // all documents, 12 periods (headline chart)
};

// One row of a breakdown (by language, by kind).
struct BreakdownRow {
  std::string key;  // "en", "news"
  uint64_t count = 0;
  uint64_t previous = 0;
  std::optional<double> share;  // of this week's volume
  Sentiment sentiment;
  std::vector<uint64_t> weekly;  // 12 counts for a sparkline, oldest first
};

struct LanguageAccuracy {
  std::string dataset;
  std::optional<double> macro_f1, accuracy;
};

struct Method {
  uint64_t documents = 0;  // in the index
  uint64_t undated = 0;
  uint64_t rejected = 0;
  std::map<std::string, uint64_t> languages;  // documents per language
  std::map<std::string, std::string> versions;  // e.g. "taxonomy" -> "drug-policy 1.2"
  std::string accuracy_file;    // where accuracy was read from
  bool accuracy_available = false;
  std::string accuracy_note;    // why it is missing, or a caveat
  std::map<std::string, LanguageAccuracy> accuracy;  // per language
  std::vector<std::string> notes;  // extra method notes, shown after the standard text
  series::SpikeOptions spikes;     // the spike rule the report applied (method_text states it)
};

struct BriefingData {
  std::string title = "Vigie weekly briefing";
  std::string week;        // "2019-W11"
  std::string week_first;  // "2019-03-11"
  std::string week_last;   // "2019-03-17"
  int64_t generated_at = 0;  // UTC seconds (SOURCE_DATE_EPOCH or now)
  std::string scope;         // query / filters the briefing covers, "" = all
  std::string tz;            // the zone of its weeks and dates; "" = UTC
  std::string utc_offset;    // that zone's offset at the week's start ("+13:00"); "" = UTC
  bool empty_week = false;   // no documents in the week: short report
  Headline headline;
  std::vector<TopicSection> topics;
  std::vector<BreakdownRow> languages;
  std::vector<BreakdownRow> kinds;
  Method method;
};

// $SOURCE_DATE_EPOCH when set and valid (reproducible builds convention),
// else the current time. Throws UsageError when set but not an integer.
int64_t generation_time();

// Reads the accuracy file written by `vigie eval --write-accuracy`:
// {"en": {"dataset": "...", "macro_f1": 0.71, "accuracy": 0.74}, ...}, or
// results per dataset {"en": {"xlmt-en": {"macro_f1": ...}, ...}} (the XLM-T
// one is shown when present, else the first).
// A missing file is not an error: accuracy_available = false and the note
// says so; a malformed one is noted the same way (the briefing still gets
// written). Fills method.accuracy_file, accuracy_available, accuracy_note
// and accuracy.
void load_accuracy(const std::string& path, Method& method);

}  // namespace vigie::reports
