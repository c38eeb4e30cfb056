// What an index holds: document counts by language, kind, topic, stance and
// sentiment label, the dated span, near-duplicates, and the versions of the
// schema and models each shard was built with. Shared by `vigie stats` and
// the HTTP server's stats endpoint.
//
// Every figure is computed through operations Xapian's remote protocol
// carries (term frequencies, sorted matches, a value-count match spy), so a
// stub of remote shards gives the same answers as one local index of the
// same documents. Counts are exact.
//
// Thread safety: compute_stats() uses the Index it is given (one per
// thread); the writers are pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "query/index.h"

namespace vigie::query {

struct IndexStats {
  uint64_t documents = 0;
  std::map<std::string, uint64_t> by_lang, by_kind, by_topic, by_stance, by_sentiment;
  uint64_t undated = 0, retweets = 0;
  // Documents with a near-duplicate cluster key, and how many of them are
  // copies: clustered - distinct keys (the first of a cluster is not a copy).
  uint64_t clustered = 0, duplicates = 0;
  // Documents joined to another by the edited-copy detector (exact copies
  // included): filled by the caller (reports::count_near_duplicates), which
  // may skip it; written only when set.
  std::optional<uint64_t> near_duplicates;
  // Unique stories (query/stories.h: exact and edited copies joined), as
  // reports count them; filled by the caller, which may skip it.
  std::optional<uint64_t> unique_stories;
  std::optional<int64_t> first, last;  // UTC seconds of the oldest/newest dated document
  // vigie.* metadata the shards agree on (per-shard keys such as
  // vigie.shards and resume state left out). A key whose value differs
  // between shards (under --allow-mixed) reads "mixed: A | B".
  std::map<std::string, std::string> metadata;
  unsigned shards = 0;          // shards that answered
  std::vector<std::string> missing;  // shards left out (allow_partial)
};

// Counts what the index holds. Retries when an indexer commits while it
// reads (Xapian::DatabaseModifiedError); throws IndexError when the index
// keeps changing or a shard fails.
IndexStats compute_stats(Index& index);

// One JSON object. Keys: documents, by_lang, by_kind, undated, first, last,
// duplicates, near_duplicates and unique_stories (when set), retweets, by_topic, by_stance,
// by_sentiment, shards, metadata, and "missing" (only when shards were left
// out).
void append_stats_json(std::string& out, const IndexStats& s);
// The human-readable summary `vigie stats` prints; `name` is the index path.
void append_stats_text(std::string& out, const IndexStats& s, const std::string& name);

}  // namespace vigie::query
