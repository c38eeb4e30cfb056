// Stories: near-duplicate clusters with edited copies joined. A document's
// exact cluster (schema::kCluster) holds its retweets and verbatim copies;
// an edited copy (a new headline, a changed word, a trailing credit) has
// another key but shares MinHash LSH band terms (schema XN, slot
// kNearSignature; analytics/dedup) with its original. A story is a set of
// exact clusters connected by near-duplicate pairs, named by its smallest
// cluster key.
//
// The same index gives the same stories whether it is one local database
// or a stub of shards on several machines: the band terms and signatures
// are pure functions of the content, and which pairs are compared depends
// only on the content found under each band, never on document ids or on
// which shard holds a document. "Unique stories" in reports and stats, and
// `vigie search --collapse`, count stories.
//
// Thread safety: find_stories() and count_stories() use the Index they are
// given (one Index per thread); a Stories is a plain value.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "query/index.h"

namespace vigie::query {

struct Stories {
  // Exact cluster key -> its story's key, for the keys joined to a smaller
  // one; a key not listed is its own story.
  std::unordered_map<uint64_t, uint64_t> joined;

  uint64_t story_of(uint64_t cluster) const {
    auto it = joined.find(cluster);
    return it == joined.end() ? cluster : it->second;
  }
  // The exact cluster keys of a story: the story key and the keys joined to it.
  std::vector<uint64_t> members(uint64_t story) const;
};

// Reads every band term shared by two or more documents, and the cluster
// key and signature of their documents: one pass over the band terms, then
// work proportional to the documents that share a band (locally through
// each band's posting list; over remote shards through one match of those
// documents, fetched together). Within a band, the
// distinct exact clusters are compared pairwise in key order (at most
// kMaxCompared of them against the rest, so that a band shared by
// thousands of unrelated short texts stays linear). Throws IndexError when
// a shard fails or the index keeps changing.
Stories find_stories(Index& index);
inline constexpr size_t kMaxCompared = 256;

// Documents matching `query`, counted once per story: distinct stories of
// their cluster keys, plus one per document without a key. Exact through a
// value-count spy, which runs on remote shards.
uint64_t count_stories(Index& index, const Xapian::Query& query, const Stories& stories);

// The 16 hexadecimal digits a story or cluster key is written as.
std::string cluster_hex(uint64_t key);

}  // namespace vigie::query
