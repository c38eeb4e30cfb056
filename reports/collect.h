// Reading the index for `vigie trends` and `vigie report`: every match of a
// query becomes a few per-document facts (time, near-duplicate cluster,
// sentiment and its label, stance, topics, language, kind), which feed
// reports::SeriesBuilder; period totals (the share-of-voice denominators),
// emerging terms and example documents come from small extra matches.
//
// How matches are read (docs/trends.md has the measurements):
//  * local index (one database, or a stub/directory of local shards): each
//    shard is matched on its own with a Xapian::MatchSpy subclass that reads
//    the value slots while the matcher runs - no MSet is built, nothing is
//    sorted. Sentiment labels are boolean terms (XE...), which a spy cannot
//    read cheaply: the spy keeps each match's docid, and afterwards each of
//    the three XE postlists is walked with skip_to over those docids (far
//    cheaper than a termlist per match, and than reading whole postlists
//    for a small query). Shards are matched separately because a spy sees
//    shard-local docids.
//  * any remote shard (stock xapian-tcpsrv cannot run a custom MatchSpy):
//    one MSet of all matches in docid order (BoolWeight, nothing to rank),
//    then each document's values are fetched; labels come from the XE
//    postlists of the whole database (combined docids). Slower, same answers (tested by
//    forcing this path on a local index).
//  * totals per period: for every document, the frequencies of the D<day>
//    terms; under language/kind filters, a ValueCountMatchSpy on
//    schema::kDayNumber over the filter query (it runs remotely too); days
//    are then summed into periods of any granularity.
//  * an indexer committing during collect() or period_totals() makes them
//    re-read the latest revision (up to 5 times).
//
// Sentiment used for a topic series: a document's aspect sentiment for that
// topic (kTopics, "sentiment about harm reduction") when the analyzer found
// one, else the document's overall score; the label then follows the score
// actually used (aspect: the band of the document's language; document:
// its stored XE label, set with the same band).
//
// Undated documents match queries but fall in no period; they are counted
// apart (TrendResult::undated) so that sum(counts) + undated = matches.
//
// Thread safety: functions here use the Index they are given (not
// thread-safe; one Index per thread). Results are plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "analytics/series/emerging.h"
#include "analytics/series/period.h"
#include "analytics/series/spikes.h"
#include "query/index.h"
#include "query/time_range.h"
#include "query/stories.h"
#include "reports/assemble.h"
#include "reports/briefing.h"

namespace vigie::reports {

// What one matching document contributes. Codes keep the array compact
// (a broad query over 200k documents holds 200k of these).
struct MatchFact {
  enum Label : uint8_t { kNoLabel = 0, kPositive, kNeutral, kNegative };
  enum Stance : uint8_t { kNoStance = 0, kReform, kProhibition, kStanceNone };
  int64_t time = 0;       // UTC seconds; meaningless when !dated
  uint64_t cluster = 0;   // story (CollectOptions::stories) or exact cluster key; 0 = none
  double sentiment = 0;   // meaningless when !has_sentiment
  uint64_t engagement = 0;
  bool dated = false;
  bool has_sentiment = false;
  bool aspect = false;    // sentiment is the topic's aspect sentiment
  uint8_t label = kNoLabel;
  uint8_t stance = kNoStance;
  uint16_t lang = 0, kind = 0;  // indexes into Facts::langs / kinds (when read)
  std::string topics;           // schema::encode_topics text (when read)
};

struct CollectOptions {
  // When set, the sentiment of each document is its aspect sentiment for
  // this topic id when present (see above).
  std::string topic;
  bool read_topics = false;     // keep MatchFact::topics (the briefing)
  bool read_lang_kind = false;  // fill lang / kind (the briefing's breakdowns)
  // Use the remote path (MSet + documents) even on a local index: tests.
  bool force_mset = false;
  // Labels of aspect scores (with `topic`): the document language's band.
  // Required when `topic` is set.
  const SentimentBands* bands = nullptr;
  // When set, MatchFact::cluster is the document's story (exact and edited
  // copies joined, query/stories.h) rather than its exact-copy cluster, so
  // "unique stories" count an edited copy with its original.
  const query::Stories* stories = nullptr;
};

struct Facts {
  std::vector<MatchFact> docs;  // every match, dated or not
  std::vector<std::string> langs{""}, kinds{""};  // code 0 = unknown
  uint64_t undated = 0;
  bool used_mset = false;  // the remote (fallback) path was used
};

// Every match of `query`. Throws IndexError when a shard fails.
Facts collect(query::Index& index, const Xapian::Query& query, const CollectOptions& options = {});

// A DocFacts view of one fact (label and stance as text; sentiment absent
// when not scored). Valid while `f` lives.
DocFacts doc_facts(const MatchFact& f);
std::string_view stance_name(uint8_t stance);

// Documents per period matching `filter` (MatchAll for "all documents"):
// the denominators of share of voice. Periods are days of `zone`; outside
// UTC they are counted with one time-range match per period, since the
// indexed day terms and day numbers are UTC days.
std::vector<uint64_t> period_totals(query::Index& index, const Xapian::Query& filter,
                                    const std::vector<series::Period>& periods,
                                    const series::PeriodSpec& spec, const query::Zone& zone = {});

// Moves the dated facts' times to the local clock of `zone` (UTC seconds
// plus the offset in force), so that the UTC-day bucketing of analytics/series
// gives the zone's days, weeks and months. No-op in UTC.
void to_local_time(Facts& facts, const query::Zone& zone);

// The language and kind filters of trends: L<lang> AND K<kind>, MatchAll
// when both are empty.
Xapian::Query filter_query(const std::string& lang, const std::string& kind);
// A value range on schema::kTime covering the whole days [first_day, end_day)
// of `zone`.
Xapian::Query days_query(int64_t first_day, int64_t end_day, const query::Zone& zone = {});

// ---- vigie trends -----------------------------------------------------------

struct TrendOptions {
  series::PeriodSpec spec;
  // First and last time covered (UTC seconds, inclusive); default: the
  // first and last dated match.
  std::optional<int64_t> from, to;
  // Periods are days, weeks and months of this zone (default UTC).
  query::Zone zone;
  series::SpikeOptions spikes;
  // The share-of-voice denominator: the same language/kind filters as the
  // query, without its free text. Default: every document.
  Xapian::Query denominator = Xapian::Query::MatchAll;
  CollectOptions collect;
};

struct TrendResult {
  std::vector<SeriesEntry> series;
  uint64_t matches = 0;  // all matches of the query, dated or not
  uint64_t undated = 0;  // matches without a date: in no period
  uint64_t outside = 0;  // dated matches outside [from, to] (0 unless from/to cut the range)
  bool used_mset = false;
};

TrendResult trends(query::Index& index, const Xapian::Query& query, const TrendOptions& options);

// ---- Emerging terms ----------------------------------------------------------

struct EmergingRequest {
  series::Period period;              // the week (or any period)
  int64_t baseline_first_day = 0;     // trailing baseline [first, end) in days
  int64_t baseline_end_day = 0;
  series::EmergingOptions options;
  query::Zone zone;  // the days above are days of this zone
};

// Words (unprefixed terms: no field terms, no stems) that are more frequent
// among the matches in `period` than among those in the baseline, by
// Dunning's G2 over the pooled counts of every language (per-language
// tables are too thin for a weekly topic: a topic with 8 documents a week
// in six languages has one or two per language). A term counts once per
// document (document frequency), so one long text repeating a word cannot
// make it emerge. Skipped: numbers, words shorter than three characters
// (two for non-Latin scripts), and function words - words found in more
// than 20% of their language's documents in the whole index - which would
// otherwise rise with their language's share of the week. Ordered by G2,
// then count, then term.
std::vector<EmergingTermEntry> emerging_terms(query::Index& index, const Xapian::Query& query,
                                              const EmergingRequest& request);

// ---- Examples -----------------------------------------------------------------

// Up to three different documents among the matches: most engaged, most
// positive (labelled positive: its language's band), most negative
// (labelled negative); a pick with no candidate is left out. Ties: lowest
// docid. Excerpts of `excerpt_chars`.
// Dates are days of `zone`.
std::vector<Example> examples(query::Index& index, const Xapian::Query& query, size_t excerpt_chars = 240,
                              const query::Zone& zone = {});

// ---- The weekly briefing -------------------------------------------------------

struct SectionSpec {
  std::string id, label;
  Xapian::Query query;  // XT<id> for a topic; any query for a saved one
  bool topic = true;    // topic: membership and aspect sentiment from kTopics
};

struct BriefingOptions {
  std::string week;           // "2019-W11"
  size_t weeks = 12;          // the window shown
  size_t history_weeks = 24;  // weeks read for spike baselines (>= weeks)
  std::vector<SectionSpec> sections;
  series::SpikeOptions spikes;
  series::EmergingOptions emerging;
  size_t examples = 3;
  std::string rejects_log;    // counted when the file exists
  std::string accuracy_file;  // `vigie eval --write-accuracy` output ("" = none)
  int64_t generated_at = 0;
  std::string scope;
  // Labels of topic aspect scores, per document language (required).
  SentimentBands bands;
  // Weeks are weeks of this zone; dates print in it (default UTC).
  query::Zone zone;
  // Only documents matching this (e.g. the language of --lang); MatchAll = all.
  Xapian::Query filter = Xapian::Query::MatchAll;
};

// Throws UsageError for a week that is not "YYYY-Www".
BriefingData build_briefing(query::Index& index, const BriefingOptions& options);

}  // namespace vigie::reports
