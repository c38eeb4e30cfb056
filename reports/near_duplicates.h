// Edited copies across an index: how many documents are near-duplicates of
// another (analytics/dedup: MinHash-LSH band terms XN and the signature in
// slot kNearSignature, core/schema.h). Works through Xapian's remote
// protocol (term lists, posting lists, document values), so a stub of
// shards on several machines gives the same count as one local index of the
// same documents: the band keys are pure functions of the content.
//
// Thread safety: uses the Index it is given (one per thread).
#pragma once

#include <cstdint>

#include "query/index.h"

namespace vigie::reports {

// Documents that join an earlier one's near-duplicate cluster: documents
// with a signature minus the clusters they form (so exact copies count too).
// Reads every band shared by two or more documents and the signatures of
// their documents: proportional to the near-duplicate pairs, plus one pass
// over the band terms. Throws IndexError when the index keeps changing.
uint64_t count_near_duplicates(query::Index& index);

}  // namespace vigie::reports
