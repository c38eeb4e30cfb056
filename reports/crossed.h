// Crossed facets: for each value of one field (language, kind, topic,
// stance, sentiment label) among a query's matches, the number of matches,
// the mean sentiment with its 95% CI and label counts, and the stance split.
// E.g. sentiment on cannabis regulation by language, in one answer. Used by
// `vigie search --stats FIELD --json` and the HTTP API's search.
//
// Counts are exact (every match is read through reports::collect, local or
// remote shards). A document counts once per value it has: once per topic.
//
// Thread safety: uses the Index it is given (one per thread).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "query/index.h"
#include "query/request.h"
#include "query/searcher.h"
#include "reports/briefing.h"

namespace vigie::reports {

struct CrossedValue {
  std::string value;
  uint64_t count = 0;
  Sentiment sentiment;  // mean, 95% CI (Student's t), label counts
  std::map<std::string, uint64_t> stance;  // reform | prohibition | none -> count
};

struct CrossedFacet {
  std::string field;
  std::vector<CrossedValue> values;  // most matches first, then by value
};

// The fields that can be crossed, for messages and help.
const std::vector<std::string>& crossed_fields();

// Throws UsageError for a field not in crossed_fields(), IndexError when a
// shard fails.
CrossedFacet crossed(query::Index& index, const Xapian::Query& query, const std::string& field);

// What `vigie search --json` prints for a request: the search JSON, with
// "stats": {field: [{"value", "count", "sentiment": {...}, "stance": {...}}]}
// last when request.stats names fields. Runs the crossed facets over the
// search's own query.
std::string search_json(query::Index& index, const query::Request& request, const query::SearchResults& results);

}  // namespace vigie::reports
