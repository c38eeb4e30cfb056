// The options every command that reads an index shares for sharded and
// remote indexes: what to do when a shard does not answer or when shards
// were built with different versions (query::OpenOptions).
#pragma once

#include "app/command.h"
#include "query/index.h"

namespace vigie::app {

// Adds --allow-partial and --allow-mixed, bound to `oo`.
inline void add_shard_options(po::options_description& opts, query::OpenOptions& oo) {
  opts.add_options()
      ("allow-partial", po::bool_switch(&oo.allow_partial),
       "when a remote shard does not answer, use the others and warn (on stderr; results, counts and "
       "series leave out its documents) instead of failing")
      ("allow-mixed", po::bool_switch(&oo.allow_mixed),
       "use shards built with different schema, analyzer, taxonomy or model versions together (with a "
       "warning) instead of refusing them");
}

}  // namespace vigie::app
