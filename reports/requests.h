// Entry points of `vigie trends` and `vigie report` that take what an
// analyst asked (a query::Request plus the command's own settings) and give
// what the command prints, so the CLI and the HTTP server run the same code
// and emit the same bytes.
//
// Thread safety: functions use the Index they are given (one per thread);
// the Taxonomy a request points to is only read.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/series/emerging.h"
#include "analytics/series/spikes.h"
#include "analytics/topics/taxonomy.h"
#include "query/index.h"
#include "query/request.h"
#include "query/saved_queries.h"
#include "reports/collect.h"

namespace vigie::reports {

// ---- vigie trends -----------------------------------------------------------

struct TrendsRequest {
  // text, saved (resolve it first), topic, lang, kind, from, to, week, tz.
  query::Request request;
  std::string by = "week";           // day | week | month
  std::string week_start = "monday";  // monday .. sunday, mon .. sun or 1 .. 7
  series::SpikeOptions spikes;
  // A period label (e.g. 2019-W11): also list its emerging terms against the
  // spikes.window periods before it. "" = none.
  std::string emerging;
  series::EmergingOptions emerging_options;
  // The taxonomy request.topic is checked against; nullptr = not checked.
  const topics::Taxonomy* taxonomy = nullptr;
  std::string taxonomy_origin;  // its file, for messages
  // The languages' neutral bands (sentiment::Scorer::thresholds): labels of
  // topic aspect scores, for an index that does not store its own
  // (SentimentBands::stored wins). Required with a topic.
  SentimentBands bands;
};

struct TrendsOutput {
  TrendResult result;
  Trends trends;  // query label, granularity and series, as rendered
  std::vector<EmergingTermEntry> terms;  // when emerging was asked
  std::string emerging_label;            // "" when not asked
  size_t window = 0;                     // the baseline length used for emerging terms
  std::string tz;                        // the request's zone when it gave one
};

// Throws UsageError (bad granularity, week start, topic, query, range or
// emerging period) or IndexError.
TrendsOutput run_trends(query::Index& index, const TrendsRequest& request);

// What `vigie trends --json` prints: {"matches", "undated", "outside",
// ["emerging",] "query", "by", "total", "series"} and a newline.
std::string trends_json(const TrendsOutput& output);
// `vigie trends` on a terminal: one row per period, then the totals and the
// emerging terms.
std::string trends_table(const TrendsOutput& output);
unsigned parse_week_start(const std::string& s);

// ---- vigie trends --compare ----------------------------------------------------

// Two to four series side by side over the same periods. Each item is a
// query in the query language, "topic:ID" (the whole topic, with its aspect
// sentiment, as --topic) or "saved:NAME" (a saved query of `saved`). The
// other settings of `base` (lang, kind, from, to, tz, by, week start,
// spikes) apply to every series; base.request.text, topic and saved must
// be empty.
struct CompareRequest {
  TrendsRequest base;
  std::vector<std::string> items;
  std::vector<query::SavedQuery> saved;  // for saved:NAME items
  std::string saved_origin;              // their file, for messages
};

struct CompareOutput {
  std::vector<std::string> labels;   // the items as given
  std::vector<TrendsOutput> series;  // one per item, the same periods in each
  std::string by, tz;
};

// Throws UsageError (fewer than two or more than four items, an unknown
// topic or saved name, or what run_trends throws).
CompareOutput run_compare(query::Index& index, const CompareRequest& request);
// {"by", ["tz",] "items": [{"label", "query", "matches", "undated"}],
//  "series": [{"period", "start", "end", ["utc_offset",] "values": [{"count",
//  "share", "sentiment": {"n", "mean", "ci95"}}, ...one per item]}]}
std::string compare_json(const CompareOutput& output);
// period,start,end, then per item i (1-based) count_i, share_i,
// sentiment_n_i, sentiment_mean_i, sentiment_lo_i, sentiment_hi_i.
std::string compare_csv(const CompareOutput& output);
// A terminal table: one row per period, count/share/mean [ci95] per item.
std::string compare_table(const CompareOutput& output);

// ---- vigie report --------------------------------------------------------------

struct BriefingRequest {
  std::string week;             // ISO week, e.g. 2019-W11
  size_t weeks = 12;            // 2 .. 104 weeks per series, ending with `week`
  size_t examples = 3;          // example documents per topic, 0 .. 3
  const topics::Taxonomy* taxonomy = nullptr;  // required
  std::string taxonomy_file;    // its file, for messages
  // Topics to report: "" = every topic of the taxonomy; else a taxonomy JSON
  // text (its topics, in its order) or topic ids one per line ('#' comments).
  std::string topics_text;
  std::string topics_origin;
  std::vector<query::SavedQuery> saved;  // each one more section
  // Only documents in this language (ISO 639-1), as --lang in search and
  // trends; "" or "und" = all.
  std::string lang;
  // Weeks and dates in this zone (as --tz in search and trends); "" = UTC.
  std::string tz;
  std::string rejects_log;     // counted when the file exists ("" = none)
  std::string accuracy_file;   // `vigie eval --write-accuracy` output
  series::SpikeOptions spikes;
  series::EmergingOptions emerging;
  int64_t generated_at = 0;
  SentimentBands bands;  // required: see TrendsRequest::bands
};

// Checks the request and turns it into the briefing's options (sections
// composed against the index). Throws UsageError.
BriefingOptions briefing_options(query::Index& index, const BriefingRequest& request);

}  // namespace vigie::reports
