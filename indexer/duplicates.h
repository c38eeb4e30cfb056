// The flag:duplicate term (schema prefix kFlag, value "duplicate"): marks
// every document whose near-duplicate cluster key (schema::kCluster) was
// already held by another document, so that flag:duplicate matches exactly
// the documents `vigie stats` counts as duplicates (clustered documents
// minus distinct keys). The first document of a key in the index, then in
// input order, is the cluster's original and stays unflagged; the same
// record indexed again (same id term) keeps that role.
//
// Thread safety: not thread-safe; the pipeline calls mark() from its serial,
// in-order stage only.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include <xapian.h>

#include "indexer/shard_writer.h"

namespace vigie::indexer {

class DuplicateFlagger {
 public:
  // Learns the originals of an existing index (a run that resumes or adds
  // to it): one pass over its cluster keys and id terms.
  void seed(const Xapian::Database& db);

  // Adds the duplicate flag to d.doc when another document holds its key.
  // Returns true when it did.
  bool mark(PendingDoc& d);

 private:
  std::unordered_map<uint64_t, uint64_t> original_;  // cluster key -> hash of the original's id term
};

}  // namespace vigie::indexer
