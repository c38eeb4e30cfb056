// The analyst search: query -> ranked (or dated) results with snippets,
// an exact match count and exact facet counts, over a local, sharded or
// remote index (query/index.h).
//
// Exactness: every search runs with check_at_least = document count, so
// the count and the facets cover all matches, never an estimate.
// Facets, chosen to work against a stock xapian-tcpsrv (only matchspies in
// Xapian's default registry can run remotely):
//   single-valued fields (lang, kind, source, author, week, stance, day):
//     Xapian::ValueCountMatchSpy on the field's value slot;
//   multi-valued fields (hashtag, topic): ValueCountMatchSpy on the slot
//     that holds the document's whole list (kHashtags, kTopics); each
//     distinct list is split client-side and its count added to each of
//     its (unique) members - exact, because a document contributes its list
//     exactly once;
//   sentiment (the label, a boolean term): one extra count per label
//     present in the index (OP_FILTER of the query by the XE term).
// A result's cluster_size counts the matches in its exact cluster through
// the cluster's XC term: one small extra match for the shown clusters that
// have other members, instead of reading every match's kCluster value.
// With --collapse, the count is of stories (exact and edited copies joined,
// query/stories.h), while every facet counts matching documents before
// collapsing (that is what Xapian's matchspies see; the label counts
// follow) - see docs/search.md. Results are collapsed in two steps: Xapian
// collapses exact copies (collapse key kCluster), then stories are formed
// from the ranked exact clusters, and each shows its earliest match.
//
// Thread safety: functions here use the Index they are given; one Index per
// thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "query/index.h"
#include "query/snippet.h"
#include "query/time_range.h"

namespace vigie::query {

enum class SortOrder { relevance, newest, oldest };

struct SearchOptions {
  std::string query;          // the analyst query; "" matches every document
  std::string lang;           // language of the query; "" or "und": every language in the index
  std::string only_lang;      // only documents in this language; "" = every language
  Zone zone;                  // day boundaries for date: inside the query
  TimeRange range;            // --from/--to/--week, AND-ed with the query
  SortOrder sort = SortOrder::relevance;
  uint32_t offset = 0;        // results to skip (range: query/limits.h)
  uint32_t limit = 10;        // results to return (range: query/limits.h)
  std::vector<std::string> facets;  // names from facet_fields()
  uint32_t facet_limit = 0;   // values kept per facet, most frequent first; 0 = all
  // One result per story (query/stories.h: exact copies and edited copies
  // joined): the story's earliest dated matching document, in the place of
  // its best-ranked match.
  bool collapse = false;
  bool count_only = false;    // count only: no results, no facets
  bool snippets = true;
  SnippetOptions snippet;
  std::vector<std::string> topic_ids;  // valid topic: values (the taxonomy's); empty = not checked
};

// Facet names accepted by SearchOptions::facets, with a one-line description each.
struct FacetSpec {
  std::string_view name;
  std::string_view help;
};
const std::vector<FacetSpec>& facet_fields();

struct Hit {
  uint32_t rank = 0;  // 1-based, including the offset
  Xapian::docid docid = 0;
  std::string id, kind, lang, date, author, source, title, url, snippet;
  std::string label, stance;  // sentiment label and stance, when computed
  std::string stance_lean;    // the side the text leans to, even too weakly for a stance
  std::vector<std::string> topics;  // taxonomy topic ids of the document (kTopics)
  // Per-topic (aspect) sentiment: the mean compound of the sentences that
  // mention the topic, for the topics that have one.
  std::vector<std::pair<std::string, double>> aspects;
  double weight = 0;          // BM25 weight (0 for pure filters)
  int percent = 0;            // weight as a percentage of the best weight among all matches
  std::optional<double> sentiment;
  uint32_t collapsed = 0;     // other matches of its story hidden behind this result (--collapse)
  // The near-duplicate cluster (query/stories.h): with --collapse the story
  // (edited copies joined), otherwise the exact-copy cluster; 16 hex digits,
  // "" for a document without one. cluster_size: the matching documents in
  // it (1 for a document without a cluster).
  std::string cluster_id;
  uint64_t cluster_size = 1;
};

struct FacetValue {
  std::string value;
  uint64_t count = 0;
};
struct Facet {
  std::string field;
  std::vector<FacetValue> values;  // most frequent first, then by value
};

struct SearchResults {
  uint64_t count = 0;  // exact number of matching documents (after collapsing)
  std::vector<Hit> hits;
  std::vector<Facet> facets;
  std::string parsed;  // Xapian's description of the final query (--explain)
  Xapian::Query query;  // the final query, for aggregations over the same matches
  std::vector<std::string> warnings;  // e.g. shards left out (--allow-partial); in --json output
};

// Throws UsageError naming the field when limit, offset, facet_limit or
// snippet.max_bytes lies outside its range in query/limits.h (a negative
// number wrapped into an unsigned field is outside too). search() calls it.
void validate(const SearchOptions& options);

// Searches the latest committed revision of the index (reopens first).
// Throws UsageError (malformed query, unknown facet) or IndexError (a shard
// failed during the search). When an indexer commits during the search
// (Xapian::DatabaseModifiedError), reopens and retries, up to 5 times.
SearchResults search(Index& index, const SearchOptions& options);

}  // namespace vigie::query
