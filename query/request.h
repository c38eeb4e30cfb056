// query::Request: what an analyst asks of the index, in one options struct
// that `vigie search`, `vigie trends`, `vigie report` and the HTTP API all
// build (from command-line options or URL parameters) and run. Composing
// the final Xapian query - a saved query AND-ed with the typed one, the
// topic, language, kind and time filters - is written here once, so the CLI
// and the server answer the same parameters with the same documents.
//
// Fields are plain strings as the analyst typed them; validate() and the
// composing functions check them and throw UsageError with the option's
// name, the same message whichever front end asked.
//
// Thread safety: Request and RequestLimits are plain values; the functions
// use the Index they are given (one Index per thread).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

#include "query/index.h"
#include "query/saved_queries.h"
#include "query/searcher.h"
#include "query/snippet.h"
#include "query/time_range.h"

namespace vigie::query {

struct Request {
  // The query in Vigie's query language (query_builder.h); "" matches every
  // document.
  std::string text;
  // A saved query's name. resolve_saved() AND-s its query with `text` and
  // fills lang, from, to and week where the request leaves them empty.
  std::string saved;
  // ISO 639-1 code: only documents in that language, and the query parsed
  // in it (its stemmer and stopwords). The same in search, trends, report
  // and the HTTP API. "" or "und": every language of the index, the query
  // parsed once per language.
  std::string lang;
  // Search: parse (stem) the query in this language without restricting
  // the documents; "" = as `lang`. Rarely needed: a word stemmed in one
  // language found in documents of every language.
  std::string stem_lang;
  // Trends: only documents of this kind (tweet, reddit, news); "" = all.
  std::string kind;
  // Trends: only documents of this taxonomy topic id; "" = all.
  std::string topic;
  // The valid values of topic: in the query text (the taxonomy's ids), so
  // that an unknown one is a usage error; empty = not checked.
  std::vector<std::string> topic_ids;
  // First and last day, "YYYY-MM-DD" or an ISO week ("2019-W11": its Monday,
  // resp. its Sunday), inclusive; "" = open.
  std::string from, to;
  // One ISO week. Search: intersected with from/to. Trends: fills an empty
  // from and an empty to.
  std::string week;
  // Time zone of day, week and month boundaries and of printed dates (UTC,
  // +01:00, Europe/Paris): search (--from/--to/--week, date:, hit dates),
  // trends periods and the briefing's weeks. "" = UTC.
  std::string tz;
  // Search: relevance (BM25) | date or newest (newest first) | oldest.
  std::string sort = "relevance";
  uint32_t limit = 10;   // search: results returned
  uint32_t offset = 0;   // search: results skipped (paging)
  std::vector<std::string> facets;  // search: facet names (facet_fields())
  uint32_t facet_limit = 20;        // search: values per facet; 0 = all
  std::vector<std::string> stats;   // search: fields crossed with sentiment and stance (reports/crossed.h)
  bool collapse = false;            // search: one result per near-duplicate cluster
  bool count_only = false;          // search: the count only
  bool snippets = true;             // search: compute snippets
  SnippetOptions snippet;           // search: length and highlight markers
};

// Bounds a server puts on what a client may ask. Zero = no bound (the CLI).
struct RequestLimits {
  size_t max_query_bytes = 0;  // text (and a saved query's text added to it)
  uint32_t max_limit = 0;      // limit
  uint64_t max_window = 0;     // offset + limit
};

// Checks what can be checked without the index: sizes against `limits`,
// sort, facet names, the day/week/zone syntax. Throws UsageError.
void validate(const Request& request, const RequestLimits& limits = {});

// Merges the saved query `request.saved` (looked up in `saved`, read from
// `origin`) into the request and clears `saved`. No-op when saved is empty.
// Throws UsageError listing the known names for an unknown one.
void resolve_saved(Request& request, const std::vector<SavedQuery>& saved, const std::string& origin);

// Search: the options of query::search for a resolved request.
SearchOptions search_options(const Request& request);

// `vigie search`: resolves nothing (call resolve_saved first), validates,
// searches, and notes shards left out (allow_partial) in the warnings.
SearchResults search(Index& index, const Request& request);

// A filtered request for trends and report sections.
struct Composed {
  Xapian::Query query;             // text, topic, lang/kind filter and time range
  Xapian::Query filter = Xapian::Query::MatchAll;  // lang/kind alone: the share-of-voice denominator
  TimeRange range;                 // whole days in `zone` (unbounded when no from/to/week)
  Zone zone;                       // the request's tz (UTC when none)
};

// True for "" and "und": a request over every language.
bool all_languages(const std::string& lang);

// The request's tz parsed (UTC when empty). Throws UsageError.
Zone request_zone(const Request& request);

// Trends composition: an empty text with a topic matches the whole topic;
// lang restricts documents unless "" or "und"; from/to/week are whole days
// in the request's zone. Throws UsageError (malformed query or day, from after to).
Composed compose_filtered(Index& index, const Request& request);

// Documents in language `lang` and of kind `kind` (either may be ""):
// L<lang> AND K<kind>; MatchAll when both are empty.
Xapian::Query document_filter(const std::string& lang, const std::string& kind);

}  // namespace vigie::query
