#include "query/stats.h"

#include <algorithm>
#include <cstdio>

#include <xapian.h>

#include "core/errors.h"
#include "core/json.h"
#include "core/schema.h"
#include "core/time.h"

namespace vigie::query {
namespace {

// Exact counts from boolean term frequencies (summed over shards by Xapian).
// Single-capital prefixes skip the longer X.. prefixes' terms: boolean values
// never start with a capital (schema.h).
std::map<std::string, uint64_t> count_prefix(const Xapian::Database& db, std::string_view prefix) {
  std::map<std::string, uint64_t> out;
  const std::string p(prefix);
  for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
    std::string term = *t;
    std::string v = term.substr(p.size());
    if (!v.empty() && v[0] >= 'A' && v[0] <= 'Z') continue;
    out[v] = t.get_termfreq();
  }
  return out;
}

// The oldest (ascending) or newest dated document's time. A sorted match
// rather than a value stream: the remote protocol carries matches, and value
// bounds are not tightened when documents are replaced. Documents without a
// time sort first in ascending order; the undated flag leaves them out.
std::optional<int64_t> time_bound(Xapian::Database& db, bool newest) {
  Xapian::Enquire e(db);
  e.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll,
                            Xapian::Query(std::string(schema::prefix::kFlag) + "undated")));
  e.set_weighting_scheme(Xapian::BoolWeight());
  e.set_sort_by_value(schema::kTime, newest);
  // A few more than one, in case a document lacks both time and flag.
  Xapian::MSet m = e.get_mset(0, 16);
  for (auto it = m.begin(); it != m.end(); ++it) {
    std::string v = it.get_document().get_value(schema::kTime);
    if (!v.empty()) return static_cast<int64_t>(Xapian::sortable_unserialise(v));
  }
  return std::nullopt;
}

// Distinct near-duplicate cluster keys: a value-count spy over every
// document (spies run on each remote shard and are merged here).
uint64_t distinct_clusters(Xapian::Database& db) {
  Xapian::Enquire e(db);
  e.set_query(Xapian::Query::MatchAll);
  e.set_weighting_scheme(Xapian::BoolWeight());
  e.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::ValueCountMatchSpy spy(schema::kCluster);
  e.add_matchspy(&spy);
  e.get_mset(0, 0, db.get_doccount());
  uint64_t n = 0;
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) ++n;
  return n;
}

IndexStats collect(Index& index) {
  Xapian::Database& db = index.db();
  IndexStats s;
  s.shards = static_cast<unsigned>(index.shards().size() - index.missing_shards().size());
  for (const auto& m : index.missing_shards()) s.missing.push_back(m.spec);
  s.documents = db.get_doccount();
  s.by_lang = count_prefix(db, schema::prefix::kLang);
  s.by_kind = count_prefix(db, schema::prefix::kKind);
  s.by_stance = count_prefix(db, schema::prefix::kStance);
  s.by_sentiment = count_prefix(db, schema::prefix::kSentiment);
  s.by_topic = count_prefix(db, schema::prefix::kTopic);
  s.undated = db.get_termfreq(std::string(schema::prefix::kFlag) + "undated");
  s.retweets = db.get_termfreq(std::string(schema::prefix::kFlag) + "retweet");
  if (s.documents > s.undated) {
    s.first = time_bound(db, false);
    s.last = time_bound(db, true);
  }
  s.clustered = db.get_value_freq(schema::kCluster);
  if (s.clustered) s.duplicates = s.clustered - distinct_clusters(db);
  s.metadata = index.metadata();
  return s;
}

void write_map(json::JsonWriter& w, const char* key, const std::map<std::string, uint64_t>& m) {
  w.key(key).begin_object();
  for (const auto& [k, v] : m) w.key(k).value(v);
  w.end_object();
}

void append_map_text(std::string& out, const char* title, const std::map<std::string, uint64_t>& m,
                     uint64_t total) {
  if (m.empty()) return;
  out += title;
  out += ":\n";
  std::vector<std::pair<std::string, uint64_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
  char line[160];
  for (const auto& [k, n] : v) {
    std::snprintf(line, sizeof line, "  %-24s %10llu  %5.1f%%\n", k.c_str(), static_cast<unsigned long long>(n),
                  total ? 100.0 * n / total : 0.0);
    out += line;
  }
}

}  // namespace

IndexStats compute_stats(Index& index) {
  // An indexer may commit while we read: Xapian then throws
  // DatabaseModifiedError; reopen (to the newest commit) and count again.
  for (int attempt = 0;; ++attempt) {
    try {
      return collect(index);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 5) throw IndexError("index " + index.path() + " kept changing while being read; try again");
      index.reopen();
    } catch (const Xapian::NetworkError& e) {
      throw IndexError("a remote shard of " + index.path() + " failed while counting: " + e.get_msg());
    }
  }
}

void append_stats_json(std::string& out, const IndexStats& s) {
  json::JsonWriter w(out);
  w.begin_object();
  w.key("documents").value(s.documents);
  write_map(w, "by_lang", s.by_lang);
  write_map(w, "by_kind", s.by_kind);
  w.key("undated").value(s.undated);
  w.key("first");
  if (s.first) w.value(time::format_datetime(*s.first)); else w.null();
  w.key("last");
  if (s.last) w.value(time::format_datetime(*s.last)); else w.null();
  w.key("duplicates").value(s.duplicates);
  if (s.near_duplicates) w.key("near_duplicates").value(*s.near_duplicates);
  if (s.unique_stories) w.key("unique_stories").value(*s.unique_stories);
  w.key("retweets").value(s.retweets);
  write_map(w, "by_topic", s.by_topic);
  write_map(w, "by_stance", s.by_stance);
  write_map(w, "by_sentiment", s.by_sentiment);
  w.key("shards").value(s.shards);
  w.key("metadata").begin_object();
  for (const auto& [k, v] : s.metadata) w.key(k).value(v);
  w.end_object();
  if (!s.missing.empty()) {
    w.key("missing").begin_array();
    for (const auto& m : s.missing) w.value(m);
    w.end_array();
  }
  w.end_object();
}

void append_stats_text(std::string& out, const IndexStats& s, const std::string& name) {
  char line[512];
  std::snprintf(line, sizeof line, "index       %s (%u shard%s)\n", name.c_str(), s.shards, s.shards == 1 ? "" : "s");
  out += line;
  std::snprintf(line, sizeof line, "documents   %llu\n", static_cast<unsigned long long>(s.documents));
  out += line;
  std::snprintf(line, sizeof line, "dates       %s .. %s  (%llu undated)\n",
                s.first ? time::format_date(*s.first).c_str() : "-", s.last ? time::format_date(*s.last).c_str() : "-",
                static_cast<unsigned long long>(s.undated));
  out += line;
  std::snprintf(line, sizeof line, "duplicates  %llu  (retweets %llu)\n", static_cast<unsigned long long>(s.duplicates),
                static_cast<unsigned long long>(s.retweets));
  out += line;
  if (s.near_duplicates) {
    std::snprintf(line, sizeof line, "near-dups   %llu  (edited copies included)\n",
                  static_cast<unsigned long long>(*s.near_duplicates));
    out += line;
  }
  if (s.unique_stories) {
    std::snprintf(line, sizeof line, "stories     %llu  (unique: exact and edited copies counted once)\n",
                  static_cast<unsigned long long>(*s.unique_stories));
    out += line;
  }
  append_map_text(out, "languages", s.by_lang, s.documents);
  append_map_text(out, "kinds", s.by_kind, s.documents);
  append_map_text(out, "topics", s.by_topic, s.documents);
  append_map_text(out, "stance", s.by_stance, s.documents);
  append_map_text(out, "sentiment", s.by_sentiment, s.documents);
  for (const auto& [k, v] : s.metadata) out += k + std::string(k.size() < 28 ? 29 - k.size() : 1, ' ') + v + "\n";
  for (const auto& m : s.missing) out += "missing     " + m + " (did not answer)\n";
}

}  // namespace vigie::query
