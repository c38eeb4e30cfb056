// Format detection: which feed a scanned object comes from, decided from
// the keys it carries (presence bits) and the envelope it sat in. Pure
// functions; thread-safe.
#pragma once

#include <string>

#include "indexer/readers/fields.h"
#include "indexer/readers/parser.h"

namespace vigie::indexer::detail {

// Non-post objects that APIs return next to posts (users lookups, tweet
// counts, places, lists): true with `what` naming the kind.
bool nonpost_kind(const Fields& f, std::string& what);

// The feed of f. forced is the --format choice (automatic and jsonl let the
// keys decide); Format::jsonl = generic record, Format::automatic = nothing
// known (no post).
Format detect_format(const Fields& f, Ctx ctx, Format forced);

}  // namespace vigie::indexer::detail
