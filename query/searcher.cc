#include "query/searcher.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <memory>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include <simdjson.h>

#include "core/errors.h"
#include "core/schema.h"
#include "core/time.h"
#include "query/deadline.h"
#include "query/limits.h"
#include "query/query_builder.h"
#include "query/stories.h"

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
    else if (key == "stance_lean") dst = &h.stance_lean;
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

// q restricted to the documents of filter, which adds no weight. An empty
// query (every document) is the filter alone: the match then walks the
// filter's postings instead of every document's.
Xapian::Query filtered(const Xapian::Query& q, const Xapian::Query& filter) {
  if (q.get_type() == Xapian::Query::LEAF_MATCH_ALL) return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, filter, 0.0);
  return Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
}

// The final query: the analyst's query parsed (query_builder.h) and the
// language and time filters of the options.
Xapian::Query compose(Index& index, const SearchOptions& o) {
  Xapian::Database& db = index.db();
  QueryBuilder builder(o.zone);
  builder.set_topic_ids(o.topic_ids);
  // Asked only by a query that needs per-language filters, once per search.
  builder.set_language_filter([&index, map = std::optional<std::shared_ptr<const LanguageMap>>()](
                                  const std::vector<std::string>& codes) mutable {
    if (!map) map = index.language_map();
    return *map ? language_filter(*map, codes) : Xapian::Query();
  });
  std::optional<TimeBounds> bounds;
  const std::string lo = db.get_value_lower_bound(schema::kTime), hi = db.get_value_upper_bound(schema::kTime);
  if (!lo.empty() && !hi.empty()) {
    bounds = TimeBounds{static_cast<int64_t>(Xapian::sortable_unserialise(lo)),
                        static_cast<int64_t>(Xapian::sortable_unserialise(hi))};
    builder.set_time_bounds(*bounds);
  }
  static const std::vector<std::string> kNoLanguages;
  const bool multi = o.lang.empty() || o.lang == "und";
  Xapian::Query q = builder.build(o.query, o.lang, multi ? index.languages() : kNoLanguages);
  if (!o.only_lang.empty()) q = filtered(q, Xapian::Query(schema::boolean_term(schema::prefix::kLang, o.only_lang)));
  if (!o.range.unbounded()) q = filtered(q, time_query(o.range, bounds ? &*bounds : nullptr));
  return q;
}

// The same key for every document: sorting by relevance, then by this key,
// orders the matches as relevance alone does (ties by docid), but lets
// Xapian 1.4's matcher drop a match that cannot enter the page with one
// comparison. Sorted by relevance alone, it pushes every match through the
// heap of the page, copying two strings each time, however poor the match -
// and every match of a boolean query (weight 0) ties the page's worst, so a
// filter costs several times its posting lists.
class NoKey : public Xapian::KeyMaker {
 public:
  std::string operator()(const Xapian::Document&) const override { return {}; }
};

Xapian::Enquire sorted_enquire(Index& index, const Xapian::Query& q, const SearchOptions& o) {
  Xapian::Enquire e(index.db());
  e.set_query(q);
  watch_deadline(e, index);
  if (o.collapse) e.set_collapse_key(schema::kCluster);
  // Stateless and never handed over to the Enquire (not released), so one
  // object serves every thread. A remote shard cannot run a KeyMaker.
  static NoKey no_key;
  const auto& shards = index.shards();
  if (o.sort == SortOrder::relevance && std::none_of(shards.begin(), shards.end(), [](const Shard& s) { return s.remote; }))
    e.set_sort_by_relevance_then_key(&no_key, false);
  if (o.sort == SortOrder::newest) e.set_sort_by_value_then_relevance(schema::kTime, true);
  if (o.sort == SortOrder::oldest) e.set_sort_by_value_then_relevance(schema::kTime, false);
  return e;
}

std::vector<FacetPlan> plan_facets(const SearchOptions& o, Xapian::Enquire& enquire) {
  std::vector<FacetPlan> plans;
  if (o.count_only) return plans;
  for (const auto& name : o.facets) {
    if (std::any_of(plans.begin(), plans.end(), [&](const FacetPlan& p) { return p.field == name; })) continue;
    plans.push_back(plan_facet(name));
    if (plans.back().spy) enquire.add_matchspy(plans.back().spy.get());
  }
  return plans;
}

Facet facet_counts(Index& index, const Xapian::Query& q, const FacetPlan& f, uint32_t facet_limit) {
  Facet facet;
  facet.field = f.field;
  if (f.mode == FacetMode::label) {
    for (const auto& label : index.term_values(std::string(schema::prefix::kSentiment))) {
      Xapian::Enquire e(index.db());
      watch_deadline(e, index);
      e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(std::string(schema::prefix::kSentiment) + label)));
      // No collapse key: facets count documents, as the matchspies do.
      if (uint64_t n = exact_count(e, index.db().get_doccount())) facet.values.push_back({label, n});
    }
  } else {
    facet.values = spy_counts(f);
  }
  sort_and_trim(facet.values, facet_limit);
  return facet;
}

// Under --collapse: matching documents per story.
using StorySizes = std::unordered_map<uint64_t, uint64_t>;

// The exact cluster key a result shows (cluster_hex), if any.
std::optional<uint64_t> shown_cluster(const Hit& h) {
  uint64_t key = 0;
  const char* end = h.cluster_id.data() + h.cluster_id.size();
  if (h.cluster_id.empty() || std::from_chars(h.cluster_id.data(), end, key, 16).ptr != end) return std::nullopt;
  return key;
}

// Sets each result's cluster_size: the matching documents in its exact
// cluster. A cluster's term (schema XC) lists its members, so the count
// reads a posting list of a few documents, where counting the clusters of
// every match would read each match's kCluster value; a cluster of one
// document in the whole index needs no count at all.
void add_cluster_sizes(Index& index, const Xapian::Query& q, std::vector<Hit>& hits) {
  std::unordered_map<uint64_t, uint64_t> sizes;
  std::vector<Xapian::Query> shared;
  for (const Hit& h : hits) {
    const auto key = shown_cluster(h);
    if (!key || !sizes.emplace(*key, 1).second) continue;  // 1: the shown document itself
    const std::string term = schema::cluster_term(*key);
    if (index.db().get_termfreq(term) > 1) shared.emplace_back(term);
  }
  if (!shared.empty()) {
    Xapian::Enquire e(index.db());
    e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(Xapian::Query::OP_OR, shared.begin(), shared.end())));
    e.set_weighting_scheme(Xapian::BoolWeight());  // a count: no weights to compute
    watch_deadline(e, index);
    Xapian::ValueCountMatchSpy spy(schema::kCluster);
    e.add_matchspy(&spy);
    exact_count(e, index.db().get_doccount());
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) sizes[schema::decode_u64(*v)] = v.get_termfreq();
  }
  for (Hit& h : hits)
    if (const auto key = shown_cluster(h)) h.cluster_size = sizes[*key];
}

// Builds the shown results: the display fields, sentiment, topics, cluster
// and snippet of each document (cluster sizes outside --collapse come from
// add_cluster_sizes).
class HitMaker {
 public:
  HitMaker(const SearchOptions& o, const Xapian::Query& q, double top, const Stories& stories,
           const StorySizes& story_sizes)
      : o_(o), top_(top), stories_(stories), story_sizes_(story_sizes) {
    if (o.snippets) highlighter_ = std::make_unique<Highlighter>(q);
  }

  Hit operator()(uint32_t rank, Xapian::docid docid, double weight, const Xapian::Document& doc) {
    if (rank % 32 == 0) check_deadline();  // up to --max-limit documents read and highlighted
    Hit h;
    h.rank = rank;
    h.docid = docid;
    h.weight = weight;
    // Xapian's own percentage counts the fraction of query terms matched,
    // which the per-language OR makes meaningless (a document matches one
    // parse of many); relative to the best weight of the match it is useful.
    h.percent = top_ > 0 ? static_cast<int>(100.0 * h.weight / top_ + 0.5) : 100;
    text_.clear();
    read_data(parser_, doc.get_data(), h, text_);
    std::string s = doc.get_value(schema::kSentimentScore);
    if (!s.empty()) h.sentiment = Xapian::sortable_unserialise(s);
    for (auto& t : schema::decode_topics(doc.get_value(schema::kTopics))) {
      if (t.sentiment) h.aspects.emplace_back(t.id, *t.sentiment);
      h.topics.push_back(std::move(t.id));
    }
    const std::string key = doc.get_value(schema::kCluster);
    if (key.size() == 8) {
      const uint64_t k = schema::decode_u64(key);
      const uint64_t c = o_.collapse ? stories_.story_of(k) : k;
      h.cluster_id = cluster_hex(c);
      if (auto it = story_sizes_.find(c); o_.collapse && it != story_sizes_.end()) h.cluster_size = it->second;
    }
    if (o_.collapse) h.collapsed = static_cast<uint32_t>(h.cluster_size - 1);
    if (highlighter_) h.snippet = highlighter_->snippet(text_, h.lang, o_.snippet);
    return h;
  }

 private:
  const SearchOptions& o_;
  const double top_;
  const Stories& stories_;
  const StorySizes& story_sizes_;
  std::unique_ptr<Highlighter> highlighter_;
  simdjson::ondemand::parser parser_;
  std::string text_;
};

// A story shown under --collapse: its best-ranked match.
struct Shown {
  uint64_t story = 0;
  bool keyed = false;  // false: a document without a cluster key, a story of its own
  Xapian::docid docid = 0;
  double weight = 0;
};

// The first `wanted` stories in the order of their best-ranked exact
// cluster. The window of exact clusters grows until it holds them.
std::vector<Shown> rank_stories(Index& index, const Xapian::Query& q, const SearchOptions& o, Xapian::MSet mset,
                                const Stories& stories, Xapian::doccount wanted) {
  std::vector<Shown> shown;
  for (Xapian::doccount window = wanted;; window *= 2) {
    shown.clear();
    std::unordered_set<uint64_t> seen;
    for (auto it = mset.begin(); it != mset.end() && shown.size() < wanted; ++it) {
      const std::string key = it.get_collapse_key();
      Shown x{0, key.size() == 8, *it, it.get_weight()};
      if (x.keyed) x.story = stories.story_of(schema::decode_u64(key));
      if (!x.keyed || seen.insert(x.story).second) shown.push_back(x);
    }
    if (shown.size() >= wanted || mset.size() < window) break;
    // A fresh Enquire: spies would count the matches a second time.
    mset = sorted_enquire(index, q, o).get_mset(0, window * 2, index.db().get_doccount());
  }
  return shown;
}

// The story's earliest dated match among its exact clusters `keys`. Copies
// posted in the same second: the one whose stored record sorts first, so
// that shards spread differently pick the same one. Keeps x's own match
// when none is dated.
void earliest_match(Index& index, const Xapian::Query& q, const std::vector<uint64_t>& keys,
                    const std::string& first_time, Shown& x) {
  std::vector<Xapian::Query> clusters;
  for (uint64_t k : keys) {
    const std::string v = schema::encode_u64(k);
    clusters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kCluster, v, v);
  }
  Xapian::Query story_matches(Xapian::Query::OP_FILTER, q,
                              Xapian::Query(Xapian::Query::OP_AND,
                                            Xapian::Query(Xapian::Query::OP_OR, clusters.begin(), clusters.end()),
                                            Xapian::Query(Xapian::Query::OP_VALUE_GE, schema::kTime, first_time)));
  Xapian::Enquire e(index.db());
  e.set_query(story_matches);
  e.set_sort_by_value_then_relevance(schema::kTime, false);
  Xapian::MSet first = e.get_mset(0, 16);
  std::string earliest, best_data;
  for (auto it = first.begin(); it != first.end(); ++it) {
    const Xapian::Document d = it.get_document();
    const std::string t = d.get_value(schema::kTime);
    if (it != first.begin() && t != earliest) break;
    std::string data = d.get_data();
    if (it == first.begin() || data < best_data) {
      earliest = t;
      best_data = std::move(data);
      x.docid = *it;
      x.weight = it.get_weight();
    }
  }
}

// --collapse: the stories in the order of their best-ranked exact cluster,
// each shown by its earliest dated match.
void collapsed_hits(Index& index, const Xapian::Query& q, const SearchOptions& o, const Xapian::MSet& mset,
                    const Stories& stories, const StorySizes& story_sizes, HitMaker& make_hit, std::vector<Hit>& hits) {
  std::vector<Shown> shown = rank_stories(index, q, o, mset, stories, o.offset + o.limit);
  std::unordered_map<uint64_t, std::vector<uint64_t>> members;
  for (size_t i = o.offset; i < shown.size(); ++i)
    if (shown[i].keyed) members[shown[i].story].push_back(shown[i].story);
  for (const auto& [key, story] : stories.joined)
    if (auto it = members.find(story); it != members.end()) it->second.push_back(key);
  // Only dated documents can be the earliest: an undated copy is shown only
  // when the story has no dated match.
  const std::string first_time = index.db().get_value_lower_bound(schema::kTime);
  for (size_t i = o.offset; i < shown.size(); ++i) {
    Shown& x = shown[i];
    if (auto n = story_sizes.find(x.story); x.keyed && n != story_sizes.end() && n->second > 1 && !first_time.empty())
      earliest_match(index, q, members[x.story], first_time, x);
    hits.push_back(make_hit(static_cast<uint32_t>(i + 1), x.docid, x.weight, index.db().get_document(x.docid)));
  }
}

SearchResults run(Index& index, const SearchOptions& o) {
  const Xapian::doccount doccount = index.db().get_doccount();
  SearchResults res;
  const Xapian::Query q = compose(index, o);
  res.parsed = q.get_description();
  res.query = q;
  Xapian::Enquire enquire = sorted_enquire(index, q, o);
  const std::vector<FacetPlan> plans = plan_facets(o, enquire);
  // Under --collapse, the cluster key of every match: the count of stories
  // and the size of each.
  std::unique_ptr<Xapian::ValueCountMatchSpy> cluster_spy;
  Stories stories;
  if (o.collapse) {
    cluster_spy = std::make_unique<Xapian::ValueCountMatchSpy>(schema::kCluster);
    enquire.add_matchspy(cluster_spy.get());
    stories = find_stories(index);
  }

  // check_at_least = doccount: the count and the spies cover every match.
  // Under --collapse the window is of exact clusters, several of which may
  // be one story: rank_stories grows it until it holds offset + limit stories.
  const bool show = !o.count_only && o.limit > 0;
  Xapian::MSet mset = o.count_only || (o.collapse && !show) ? enquire.get_mset(0, 0, doccount)
                      : o.collapse ? enquire.get_mset(0, o.offset + o.limit, doccount)
                                   : enquire.get_mset(o.offset, o.limit, doccount);
  res.count = mset.get_matches_lower_bound();

  StorySizes story_sizes;
  if (cluster_spy) {
    uint64_t clustered = 0;
    for (auto v = cluster_spy->values_begin(); v != cluster_spy->values_end(); ++v) {
      story_sizes[stories.story_of(schema::decode_u64(*v))] += v.get_termfreq();
      clustered += v.get_termfreq();
    }
    res.count = story_sizes.size() + (cluster_spy->get_total() - clustered);
  }
  for (const auto& f : plans) res.facets.push_back(facet_counts(index, q, f, o.facet_limit));

  if (!show || mset.empty()) return res;
  HitMaker make_hit(o, q, mset.get_max_attained(), stories, story_sizes);
  res.hits.reserve(mset.size());
  if (o.collapse) {
    collapsed_hits(index, q, o, mset, stories, story_sizes, make_hit, res.hits);
    return res;
  }
  for (auto it = mset.begin(); it != mset.end(); ++it)
    // get_rank() counts from the first match, offset included.
    res.hits.push_back(make_hit(it.get_rank() + 1, *it, it.get_weight(), it.get_document()));
  add_cluster_sizes(index, q, res.hits);
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
