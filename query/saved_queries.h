// Saved queries: named queries that analysts keep and share, read by
// `vigie search --saved NAME` and by trends and reports.
//
// Two file formats, told apart by the first non-blank character:
//   JSON  {"harm-reduction-es": {"query": "\"reducción de daños\"", "lang": "es",
//          "description": "...", "from": "2019-01-01", "to": "", "week": ""}, ...}
//         (a bare string value is accepted as the query);
//   lines `name: query` - blank lines and lines starting with '#' are skipped.
// Names are unique; a repeated name is an error (it would silently shadow).
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigie::query {

struct SavedQuery {
  std::string name;
  std::string query;
  std::string lang;         // "" = every language
  std::string description;
  std::string from, to;     // optional day or ISO week bounds ("" = open)
  std::string week;         // optional ISO week
};

// Throws InputError (file unreadable, malformed JSON or line, duplicate name).
std::vector<SavedQuery> load_saved_queries(const std::string& path);
std::vector<SavedQuery> parse_saved_queries(std::string_view content, const std::string& origin);

// The queries as one JSON array of {name, query, description, lang, from,
// to, week}, newline-terminated: what `vigie saved --json` prints and the
// HTTP API's /api/saved returns.
std::string saved_queries_json(const std::vector<SavedQuery>& queries);

// Throws UsageError listing the known names when `name` is not there.
const SavedQuery& find_saved_query(const std::vector<SavedQuery>& queries, std::string_view name,
                                   const std::string& origin);

}  // namespace vigie::query
