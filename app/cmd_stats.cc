// vigie stats: what is in an index.
#include <cstdio>
#include <iostream>
#include <algorithm>
#include <map>
#include <optional>
#include <unordered_set>

#include <xapian.h>

#include "app/command.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/schema.h"
#include "core/time.h"

namespace vigie::app {
namespace {

struct IndexStats {
  uint64_t documents = 0;
  std::map<std::string, uint64_t> by_lang, by_kind, by_stance, by_label, by_topic;
  uint64_t undated = 0, retweets = 0;
  uint64_t clustered = 0, duplicates = 0;
  std::optional<int64_t> first, last;
  std::map<std::string, std::string> metadata;
  unsigned shards = 0;
};

// Exact counts from boolean term frequencies (summed over shards by Xapian).
std::map<std::string, uint64_t> count_prefix(const Xapian::Database& db, std::string_view prefix,
                                             std::string_view exclude_longer = {}) {
  std::map<std::string, uint64_t> out;
  for (auto t = db.allterms_begin(std::string(prefix)); t != db.allterms_end(std::string(prefix)); ++t) {
    std::string term = *t;
    if (!exclude_longer.empty() && term.rfind(exclude_longer, 0) == 0) continue;
    out[term.substr(prefix.size())] = t.get_termfreq();
  }
  return out;
}

IndexStats collect(const std::string& path) {
  Xapian::Database db;
  try {
    db = Xapian::Database(path);
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw IndexError("cannot open index " + path + ": " + e.get_msg());
  }
  IndexStats s;
  s.shards = static_cast<unsigned>(db.size());
  s.documents = db.get_doccount();
  s.by_lang = count_prefix(db, schema::prefix::kLang);
  s.by_kind = count_prefix(db, schema::prefix::kKind);
  s.by_stance = count_prefix(db, schema::prefix::kStance);
  s.by_label = count_prefix(db, schema::prefix::kSentiment);
  s.by_topic = count_prefix(db, schema::prefix::kTopic);
  s.undated = db.get_termfreq(std::string(schema::prefix::kFlag) + "undated");
  s.retweets = db.get_termfreq(std::string(schema::prefix::kFlag) + "retweet");
  for (auto v = db.valuestream_begin(schema::kTime); v != db.valuestream_end(schema::kTime); ++v) {
    auto t = static_cast<int64_t>(Xapian::sortable_unserialise(*v));
    if (!s.first || t < *s.first) s.first = t;
    if (!s.last || t > *s.last) s.last = t;
  }
  // A document is a duplicate when its cluster was opened by another document:
  // duplicates = documents with a cluster key - distinct keys.
  std::unordered_set<std::string> keys;
  for (auto v = db.valuestream_begin(schema::kCluster); v != db.valuestream_end(schema::kCluster); ++v) {
    ++s.clustered;
    keys.insert(*v);
  }
  s.duplicates = s.clustered - keys.size();
  for (auto k = db.metadata_keys_begin("vigie."); k != db.metadata_keys_end("vigie."); ++k)
    if (*k != schema::meta::kShards && *k != schema::meta::kCheckpoint) s.metadata[*k] = db.get_metadata(*k);
  return s;
}

void write_map(json::JsonWriter& w, const char* key, const std::map<std::string, uint64_t>& m) {
  w.key(key).begin_object();
  for (const auto& [k, v] : m) w.key(k).value(v);
  w.end_object();
}

void print_map(const char* title, const std::map<std::string, uint64_t>& m, uint64_t total) {
  if (m.empty()) return;
  std::printf("%s:\n", title);
  std::vector<std::pair<std::string, uint64_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](auto& a, auto& b) { return a.second > b.second; });
  for (const auto& [k, n] : v)
    std::printf("  %-24s %10llu  %5.1f%%\n", k.c_str(), static_cast<unsigned long long>(n),
                total ? 100.0 * n / total : 0.0);
}

int run(int argc, char** argv) {
  CliSpec spec;
  spec.usage = "vigie stats --db DIR [--json]";
  spec.description =
      "Counts what an index holds: documents by language and kind, undated documents, the\n"
      "first and last dates, near-duplicates, topics, stance, sentiment labels, and the\n"
      "versions of the schema and models it was built with. Counts are exact.";
  spec.epilog =
      "JSON keys: documents, by_lang, by_kind, undated, first, last, duplicates, retweets,\n"
      "           by_topic, by_stance, by_sentiment, shards, metadata.";
  std::string db;
  bool as_json = false;
  po::options_description opts("Options");
  opts.add_options()("db", po::value(&db)->required(), "index directory or stub file")(
      "json", po::bool_switch(&as_json), "print one JSON object");
  po::positional_options_description pos;
  po::variables_map vm;
  if (!parse(argc, argv, spec, opts, pos, vm)) return kExitOk;

  // An indexer may commit while we read: Xapian then throws
  // DatabaseModifiedError; reopen (to the newest commit) and count again.
  IndexStats s;
  for (int attempt = 0;; ++attempt) {
    try {
      s = collect(db);
      break;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 5) throw IndexError("index " + db + " kept changing while being read; try again");
    }
  }
  if (as_json) {
    std::string out;
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
    w.key("retweets").value(s.retweets);
    write_map(w, "by_topic", s.by_topic);
    write_map(w, "by_stance", s.by_stance);
    write_map(w, "by_sentiment", s.by_label);
    w.key("shards").value(s.shards);
    w.key("metadata").begin_object();
    for (const auto& [k, v] : s.metadata) w.key(k).value(v);
    w.end_object();
    w.end_object();
    std::cout << out << "\n";
    return kExitOk;
  }
  std::printf("index       %s (%u shard%s)\n", db.c_str(), s.shards, s.shards == 1 ? "" : "s");
  std::printf("documents   %llu\n", static_cast<unsigned long long>(s.documents));
  std::printf("dates       %s .. %s  (%llu undated)\n", s.first ? time::format_date(*s.first).c_str() : "-",
              s.last ? time::format_date(*s.last).c_str() : "-", static_cast<unsigned long long>(s.undated));
  std::printf("duplicates  %llu  (retweets %llu)\n", static_cast<unsigned long long>(s.duplicates),
              static_cast<unsigned long long>(s.retweets));
  print_map("languages", s.by_lang, s.documents);
  print_map("kinds", s.by_kind, s.documents);
  print_map("topics", s.by_topic, s.documents);
  print_map("stance", s.by_stance, s.documents);
  print_map("sentiment", s.by_label, s.documents);
  for (const auto& [k, v] : s.metadata) std::printf("%-28s %s\n", k.c_str(), v.c_str());
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("stats", "counts of what an index holds", run);

}  // namespace vigie::app
