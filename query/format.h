// Writing search results: JSON (one object: count, results, facets), JSON
// Lines (one result per line), CSV (RFC 4180) and a readable table.
// Output is built in a std::string that the caller writes once.
//
// Thread safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/json.h"

#include "query/searcher.h"

namespace vigie::query {

// {"id": ..., "date": ..., "lang": ..., "kind": ..., "source": ..., "author": ...,
//  "title": ..., "url": ..., "snippet": ..., "rank": n, "relevance": percent,
//  "weight": w, "sentiment": s|null, "label": ..., "stance": ..., "topics": [id, ...],
//  "collapsed": n, "stance_lean": ..., "aspects": {topic: s, ...},
//  "cluster_id": 16 hex digits|"", "cluster_size": n}
void append_hit_json(std::string& out, const Hit& hit);

// {"count": N, "results": [...], "facets": {"lang": {"en": 123, ...}, ...}},
// then "warnings" when there are any, then what `more` writes (keys and
// values of the same object, e.g. the crossed facets of reports/crossed.h).
void append_results_json(std::string& out, const SearchResults& results,
                         const std::function<void(json::JsonWriter&)>& more = {});

// One JSON object per result, each followed by '\n'.
void append_results_jsonl(std::string& out, const SearchResults& results);

// Header row then one row per result; columns as in the JSON, new ones
// added at the end (topics and aspects space-separated in one cell each,
// aspects as topic:score). Fields with a
// comma, quote, CR or LF are quoted and quotes doubled (RFC 4180); rows end
// with CRLF as RFC 4180 says.
void append_results_csv(std::string& out, const SearchResults& results);
std::string csv_field(std::string_view s);

struct TableOptions {
  size_t width = 100;  // terminal columns
  bool bold = false;   // ANSI bold for highlighted words (terminal only)
  std::string highlight_start = "<b>", highlight_end = "</b>";  // markers in snippets to replace
};
// "N matches" line, then per result: rank, date, lang, kind, source, author,
// relevance and sentiment on one line, the title, then the snippet; facets last.
void append_results_table(std::string& out, const SearchResults& results, const TableOptions& options);

}  // namespace vigie::query
