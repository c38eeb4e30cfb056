#include "query/request.h"

#include <algorithm>

#include "core/errors.h"
#include "core/schema.h"
#include "core/time.h"
#include "core/text/langid.h"
#include "query/query_builder.h"

namespace vigie::query {
namespace {

SortOrder parse_sort(const std::string& sort) {
  if (sort == "relevance") return SortOrder::relevance;
  if (sort == "date" || sort == "newest") return SortOrder::newest;
  if (sort == "oldest") return SortOrder::oldest;
  throw UsageError("--sort: expected relevance, date or oldest, got '" + sort + "'");
}

// A language option: "", "und" or a code Vigie knows (normalised, so that
// "EN" or "es-MX" restrict to the documents indexed as en or es).
std::string checked_lang(const std::string& lang, const char* what) {
  if (all_languages(lang)) return lang;
  std::string n = text::normalize_lang_tag(lang);
  if (n.empty())
    throw UsageError(std::string(what) + ": unknown language '" + lang +
                     "' (an ISO 639-1 code such as en, es, fr, ru, ar, zh)");
  return n;
}

}  // namespace

bool all_languages(const std::string& lang) { return lang.empty() || lang == "und"; }

Zone request_zone(const Request& r) { return r.tz.empty() ? Zone() : Zone::parse(r.tz); }

void validate(const Request& r, const RequestLimits& limits) {
  if (limits.max_query_bytes && r.text.size() > limits.max_query_bytes)
    throw UsageError("query: " + std::to_string(r.text.size()) + " bytes, more than the limit of " +
                     std::to_string(limits.max_query_bytes));
  if (limits.max_limit && r.limit > limits.max_limit)
    throw UsageError("limit: " + std::to_string(r.limit) + " is more than the maximum " +
                     std::to_string(limits.max_limit));
  if (limits.max_window && uint64_t{r.offset} + r.limit > limits.max_window)
    throw UsageError("offset + limit: " + std::to_string(uint64_t{r.offset} + r.limit) +
                     " is more than the maximum " + std::to_string(limits.max_window) +
                     " (narrow the query instead of paging this deep)");
  parse_sort(r.sort);
  for (const auto& f : r.facets) {
    const auto& known = facet_fields();
    if (std::none_of(known.begin(), known.end(), [&](const FacetSpec& s) { return s.name == f; })) {
      std::string names;
      for (const auto& s : known) names += (names.empty() ? "" : ", ") + std::string(s.name);
      throw UsageError("unknown facet '" + f + "' (facets: " + names + ")");
    }
  }
  checked_lang(r.lang, "--lang");
  checked_lang(r.stem_lang, "--stem-lang");
  parse_range_start(r.from, "--from");
  parse_range_end(r.to, "--to");
  if (!r.tz.empty()) Zone::parse(r.tz);
  if (!r.week.empty()) week_range(r.week, Zone());
}

void resolve_saved(Request& r, const std::vector<SavedQuery>& saved, const std::string& origin) {
  if (r.saved.empty()) return;
  const SavedQuery& s = find_saved_query(saved, r.saved, origin);
  r.text = r.text.empty() ? s.query : "(" + s.query + ") AND (" + r.text + ")";
  if (r.lang.empty()) r.lang = s.lang;
  if (r.from.empty()) r.from = s.from;
  if (r.to.empty()) r.to = s.to;
  if (r.week.empty()) r.week = s.week;
  r.saved.clear();
}

SearchOptions search_options(const Request& r) {
  SearchOptions o;
  o.query = r.text;
  const std::string lang = checked_lang(r.lang, "--lang");
  o.lang = r.stem_lang.empty() ? lang : checked_lang(r.stem_lang, "--stem-lang");
  if (!all_languages(lang)) o.only_lang = lang;
  if (!r.tz.empty()) o.zone = Zone::parse(r.tz);
  o.range = day_range(parse_range_start(r.from, "--from"), parse_range_end(r.to, "--to"), o.zone);
  if (o.range.empty() && !r.from.empty() && !r.to.empty())
    throw UsageError("--from " + r.from + " is after --to " + r.to);
  if (!r.week.empty()) o.range = intersect(o.range, week_range(r.week, o.zone));
  o.sort = parse_sort(r.sort);
  o.limit = r.limit;
  o.offset = r.offset;
  o.facets = r.facets;
  o.facet_limit = r.facet_limit;
  o.collapse = r.collapse;
  o.count_only = r.count_only;
  o.snippets = r.snippets;
  o.snippet = r.snippet;
  o.topic_ids = r.topic_ids;
  return o;
}

SearchResults search(Index& index, const Request& r) {
  const SearchOptions o = search_options(r);
  SearchResults res = search(index, o);
  // Printed dates follow --tz: the stored UTC time with the zone's offset.
  if (!r.tz.empty())
    for (auto& h : res.hits)
      if (auto t = time::parse_iso8601(h.date)) h.date = o.zone.format_time(*t);
  for (const auto& m : index.missing_shards())
    res.warnings.push_back(std::string("partial results: ") + (m.remote ? "remote shard " : "shard ") + m.spec +
                           " did not answer");
  return res;
}

Xapian::Query document_filter(const std::string& lang, const std::string& kind) {
  std::vector<Xapian::Query> parts;
  if (!lang.empty()) parts.emplace_back(schema::boolean_term(schema::prefix::kLang, lang));
  if (!kind.empty()) parts.emplace_back(schema::boolean_term(schema::prefix::kKind, kind));
  if (parts.empty()) return Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Composed compose_filtered(Index& index, const Request& r) {
  Composed c;
  QueryBuilder builder;
  builder.set_topic_ids(r.topic_ids);
  const std::string lang = checked_lang(r.lang, "--lang");
  const bool multi = all_languages(lang);
  c.zone = request_zone(r);
  c.query = r.text.empty() && !r.topic.empty()
                ? Xapian::Query::MatchAll
                : builder.build(r.text, lang, multi ? index.languages() : std::vector<std::string>{});
  if (!r.topic.empty())
    c.query = Xapian::Query(Xapian::Query::OP_FILTER, c.query,
                            Xapian::Query(schema::boolean_term(schema::prefix::kTopic, r.topic)));
  c.filter = document_filter(multi ? std::string() : lang, r.kind);
  if (!multi || !r.kind.empty()) c.query = Xapian::Query(Xapian::Query::OP_FILTER, c.query, c.filter);
  // A week fills the open ends (trends periods are whole weeks anyway).
  const std::string& from = r.from.empty() ? r.week : r.from;
  const std::string& to = r.to.empty() ? r.week : r.to;
  // Whole days of the request's zone, as its trend periods are.
  c.range = day_range(parse_range_start(from, "--from"), parse_range_end(to, "--to"), c.zone);
  if (c.range.empty()) throw UsageError("--from is after --to");
  if (!c.range.unbounded()) c.query = Xapian::Query(Xapian::Query::OP_FILTER, c.query, time_query(c.range));
  return c;
}

}  // namespace vigie::query
