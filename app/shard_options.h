// The options every command that reads an index shares for sharded and
// remote indexes: what to do when a shard does not answer or when shards
// were built with different versions (query::OpenOptions).
#pragma once

#include <cstdint>
#include <iostream>
#include <string>

#include "app/command.h"
#include "query/index.h"
#include "query/limits.h"

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

// Opens --db with the shard options and --remote-timeout (refused outside
// its range, query/limits.h), and passes the index's warnings on to stderr
// as "vigie COMMAND: warning: ...": results still follow.
inline query::Index open_index(const std::string& db, query::OpenOptions oo, int64_t remote_timeout,
                               const char* command) {
  oo.remote_connect_timeout_ms = static_cast<unsigned>(query::check_integer("remote-timeout", remote_timeout));
  auto index = query::Index::open(db, oo);
  for (const auto& w : index.warnings()) std::cerr << "vigie " << command << ": warning: " << w << "\n";
  return index;
}

}  // namespace vigie::app
