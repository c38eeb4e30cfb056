#include "query/searcher.h"

#include <algorithm>
#include <map>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include <simdjson.h>

#include "core/errors.h"
#include "core/schema.h"
#include "core/time.h"
#include "query/deadline.h"
#include "query/limits.h"
#include "query/query_builder.h"

namespace vigie::query {

const std::vector<FacetSpec>& facet_fields() {
  static const std::vector<FacetSpec> kFacets = {
      {"lang", "language code"},
      {"kind", "tweet, reddit or news"},
      {"source", "outlet, subreddit or client, as written"},
      {"author", "author, as written"},
      {"hashtag", "hashtags (normalised); a document counts once per tag"},
      {"topic", "taxonomy topics (vigie topics lists them); a document counts once per topic"},
      {"week", "ISO week, e.g. 2019-W11 (UTC)"},
      {"day", "UTC day, e.g. 2019-03-11"},
      {"stance", "stance toward drug-policy reform: reform, prohibition or none"},
      {"sentiment", "sentiment label: positive, neutral or negative"},
  };
  return kFacets;
}

namespace {

enum class FacetMode { single, hashtags, topics, day, week, label };

struct FacetPlan {
  std::string field;
  FacetMode mode;
  Xapian::valueno slot = 0;
  std::unique_ptr<Xapian::ValueCountMatchSpy> spy;
};

FacetPlan plan_facet(const std::string& name) {
  FacetPlan f;
  f.field = name;
  f.mode = FacetMode::single;
  if (name == "lang") f.slot = schema::kLangValue;
  else if (name == "kind") f.slot = schema::kKindValue;
  else if (name == "source") f.slot = schema::kSourceValue;
  else if (name == "author") f.slot = schema::kAuthorValue;
  else if (name == "week") f.mode = FacetMode::week, f.slot = schema::kDayNumber;
  else if (name == "stance") f.slot = schema::kStanceValue;
  else if (name == "hashtag") f.mode = FacetMode::hashtags, f.slot = schema::kHashtags;
  else if (name == "topic") f.mode = FacetMode::topics, f.slot = schema::kTopics;
  else if (name == "day") f.mode = FacetMode::day, f.slot = schema::kDayNumber;
  else if (name == "sentiment") f.mode = FacetMode::label;
  else {
    std::string known;
    for (const auto& s : facet_fields()) known += (known.empty() ? "" : ", ") + std::string(s.name);
    throw UsageError("unknown facet '" + name + "' (facets: " + known + ")");
  }
  if (f.mode != FacetMode::label) f.spy = std::make_unique<Xapian::ValueCountMatchSpy>(f.slot);
  return f;
}

// Counts from a spy, expanded for list-valued slots.
std::vector<FacetValue> spy_counts(const FacetPlan& f) {
  std::unordered_map<std::string, uint64_t> counts;
  std::unordered_set<std::string> members;
  for (auto v = f.spy->values_begin(); v != f.spy->values_end(); ++v) {
    const std::string& value = *v;
    const uint64_t n = v.get_termfreq();
    switch (f.mode) {
      case FacetMode::single:
        counts[value] += n;
        break;
      case FacetMode::day: {
        auto days = static_cast<int64_t>(Xapian::sortable_unserialise(value));
        counts[time::format_date(time::start_of_day(days))] += n;
        break;
      }
      case FacetMode::week: {  // days bucketed into ISO weeks: exact, one value read per match
        auto days = static_cast<int64_t>(Xapian::sortable_unserialise(value));
        counts[time::format_iso_week(time::iso_week_of_day(days))] += n;
        break;
      }
      case FacetMode::hashtags: {
        members.clear();
        std::string_view s = value;
        while (!s.empty()) {
          size_t p = s.find('\n');
          std::string_view tag = s.substr(0, p);
          if (!tag.empty()) members.emplace(tag);
          if (p == std::string_view::npos) break;
          s.remove_prefix(p + 1);
        }
        for (const auto& m : members) counts[m] += n;
        break;
      }
      case FacetMode::topics: {
        members.clear();
        for (auto& t : schema::decode_topics(value)) members.insert(std::move(t.id));
        for (const auto& m : members) counts[m] += n;
        break;
      }
      case FacetMode::label:
        break;
    }
  }
  std::vector<FacetValue> out;
  out.reserve(counts.size());
  for (auto& [k, n] : counts) out.push_back({k, n});
  return out;
}

void sort_and_trim(std::vector<FacetValue>& values, uint32_t limit) {
  std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (limit && values.size() > limit) values.resize(limit);
}

// Copies the display fields of the document data (schema.h) into the hit.
void read_data(simdjson::ondemand::parser& parser, const std::string& data, Hit& h, std::string& text) {
  simdjson::padded_string padded(data);
  simdjson::ondemand::document doc;
  simdjson::ondemand::object obj;
  if (parser.iterate(padded).get(doc) || doc.get_object().get(obj)) return;
  for (auto field : obj) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return;
    std::string* dst = nullptr;
    if (key == "id") dst = &h.id;
    else if (key == "kind") dst = &h.kind;
    else if (key == "lang") dst = &h.lang;
    else if (key == "date") dst = &h.date;
    else if (key == "author") dst = &h.author;
    else if (key == "source") dst = &h.source;
    else if (key == "title") dst = &h.title;
    else if (key == "url") dst = &h.url;
    else if (key == "label") dst = &h.label;
    else if (key == "stance") dst = &h.stance;
    else if (key == "text") dst = &text;
    if (!dst) continue;
    std::string_view v;
    if (field.value().get_string().get(v) == simdjson::SUCCESS) dst->assign(v);
  }
}

uint64_t exact_count(Xapian::Enquire& enquire, Xapian::doccount doccount) {
  Xapian::MSet m = enquire.get_mset(0, 0, doccount);
  return m.get_matches_lower_bound();
}

SearchResults run(Index& index, const SearchOptions& o) {
  Xapian::Database& db = index.db();
  const Xapian::doccount doccount = db.get_doccount();
  SearchResults res;

  QueryBuilder builder(o.zone);
  builder.set_topic_ids(o.topic_ids);
  std::optional<TimeBounds> bounds;
  {
    const std::string lo = db.get_value_lower_bound(schema::kTime), hi = db.get_value_upper_bound(schema::kTime);
    if (!lo.empty() && !hi.empty()) {
      bounds = TimeBounds{static_cast<int64_t>(Xapian::sortable_unserialise(lo)),
                          static_cast<int64_t>(Xapian::sortable_unserialise(hi))};
      builder.set_time_bounds(*bounds);
    }
  }
  const bool multi = o.lang.empty() || o.lang == "und";
  Xapian::Query q = builder.build(o.query, o.lang, multi ? index.languages() : std::vector<std::string>{});
  if (!o.only_lang.empty())
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(schema::boolean_term(schema::prefix::kLang, o.only_lang)));
  if (!o.range.unbounded()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, time_query(o.range, bounds ? &*bounds : nullptr));
  res.parsed = q.get_description();
  res.query = q;

  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  watch_deadline(enquire, index);
  if (o.collapse) enquire.set_collapse_key(schema::kCluster);
  if (o.sort == SortOrder::newest) enquire.set_sort_by_value_then_relevance(schema::kTime, true);
  if (o.sort == SortOrder::oldest) enquire.set_sort_by_value_then_relevance(schema::kTime, false);

  std::vector<FacetPlan> plans;
  if (!o.count_only) {
    for (const auto& name : o.facets) {
      if (std::any_of(plans.begin(), plans.end(), [&](const FacetPlan& p) { return p.field == name; })) continue;
      plans.push_back(plan_facet(name));
      if (plans.back().spy) enquire.add_matchspy(plans.back().spy.get());
    }
  }

  // check_at_least = doccount: the count and the spies cover every match.
  Xapian::MSet mset = o.count_only ? enquire.get_mset(0, 0, doccount)
                                   : enquire.get_mset(o.offset, o.limit, doccount);
  res.count = mset.get_matches_lower_bound();

  for (auto& f : plans) {
    Facet facet;
    facet.field = f.field;
    if (f.mode == FacetMode::label) {
      for (const auto& label : index.term_values(std::string(schema::prefix::kSentiment))) {
        Xapian::Enquire e(db);
        watch_deadline(e, index);
        e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q,
                                  Xapian::Query(std::string(schema::prefix::kSentiment) + label)));
        // No collapse key: facets count documents, as the matchspies do.
        if (uint64_t n = exact_count(e, doccount)) facet.values.push_back({label, n});
      }
    } else {
      facet.values = spy_counts(f);
    }
    sort_and_trim(facet.values, o.facet_limit);
    res.facets.push_back(std::move(facet));
  }

  if (o.count_only || mset.empty()) return res;
  std::unique_ptr<Highlighter> highlighter;
  if (o.snippets) highlighter = std::make_unique<Highlighter>(q);
  simdjson::ondemand::parser parser;
  std::string text;
  res.hits.reserve(mset.size());
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    if (it.get_rank() % 32 == 0) check_deadline();  // up to --max-limit documents read and highlighted
    Hit h;
    h.rank = it.get_rank() + 1;  // get_rank() counts from the first match, offset included
    h.docid = *it;
    h.weight = it.get_weight();
    // Xapian's own percentage counts the fraction of query terms matched,
    // which the per-language OR makes meaningless (a document matches one
    // parse of many); relative to the best weight of the match it is useful.
    const double top = mset.get_max_attained();
    h.percent = top > 0 ? static_cast<int>(100.0 * h.weight / top + 0.5) : 100;
    if (o.collapse) h.collapsed = it.get_collapse_count();
    Xapian::Document doc = it.get_document();
    text.clear();
    read_data(parser, doc.get_data(), h, text);
    std::string s = doc.get_value(schema::kSentimentScore);
    if (!s.empty()) h.sentiment = Xapian::sortable_unserialise(s);
    for (auto& t : schema::decode_topics(doc.get_value(schema::kTopics))) h.topics.push_back(std::move(t.id));
    if (highlighter) h.snippet = highlighter->snippet(text, h.lang, o.snippet);
    res.hits.push_back(std::move(h));
  }
  return res;
}

}  // namespace

void validate(const SearchOptions& o) {
  check_integer("limit", o.limit);
  check_integer("offset", o.offset);
  check_integer("facet-limit", o.facet_limit);
  check_number("snippet-length", static_cast<double>(o.snippet.max_bytes));
}

SearchResults search(Index& index, const SearchOptions& options) {
  validate(options);
  for (int attempt = 0;; ++attempt) {
    try {
      // Search the latest committed revision (an Index may live long, e.g.
      // in reports); cheap when nothing changed.
      index.reopen();
      return run(index, options);
    } catch (const Xapian::DatabaseModifiedError& e) {
      // The indexer committed while we read: start again on the new revision.
      if (attempt >= 4) throw IndexError("index " + index.path() + " keeps changing under the search: " + e.get_msg());
      index.reopen();
    } catch (const Xapian::WildcardError& e) {
      throw UsageError("wildcard matches too many terms: " + e.get_msg() + " (use a longer prefix)");
    } catch (const Xapian::NetworkError& e) {
      throw IndexError("a remote shard of " + index.path() + " failed during the search: " + e.get_msg());
    } catch (const Xapian::DatabaseError& e) {
      throw IndexError("index " + index.path() + ": " + e.get_type() + ": " + e.get_msg());
    }
  }
}

}  // namespace vigie::query
