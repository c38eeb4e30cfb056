// Partitioned ingest: N indexers given the same inputs each keep the records
// of one partition, so every record lands in exactly one index (one machine)
// and a re-run of any one indexer writes the same documents again.
//
// A record's partition is a pure function of its unique id term (the Q term
// of core/schema.h: kind + ':' + source id), so a record indexed again, or
// read from another file, always goes to the same partition; documents that
// replace each other never sit on two machines. The hash is FNV-1a 64 of
// the id term through the SplitMix64 finaliser (core/hash.h: fnv1a64,
// mix64); its high 32 bits pick the partition (multiply-shift). Shard
// routing inside one index uses the raw FNV-1a modulo the shard count, so
// the two choices are independent and a partition's documents still spread
// over all of its shards.
//
// Changing this function moves documents between machines: it is part of
// the on-disk contract (docs/scale.md) and pinned by a golden test.
//
// Thread safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/hash.h"

namespace vigie::indexer {

struct Partition {
  unsigned k = 1;  // 1-based partition kept by this indexer
  unsigned n = 1;  // number of partitions (1 = keep everything)
};

// 0-based partition of an id term among n (n >= 1).
inline unsigned partition_of(std::string_view id_term, unsigned n) {
  const uint64_t high = mix64(fnv1a64(id_term)) >> 32;
  return static_cast<unsigned>((high * n) >> 32);
}

inline bool in_partition(std::string_view id_term, const Partition& p) {
  return p.n <= 1 || partition_of(id_term, p.n) == p.k - 1;
}

}  // namespace vigie::indexer
