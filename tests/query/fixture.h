// A small hand-made index with known answers, shared by the query tests.
// Documents are built by the real document builder from Records and
// hand-written Analyses (tokens from the real Segmenter), so the tests
// exercise the indexer's term layout, not a copy of it.
#pragma once

#include <algorithm>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include "analytics/analyzer.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/text/segment.h"
#include "core/text/stem.h"
#include "core/time.h"
#include "indexer/document_builder.h"
#include "query/index.h"
#include "query/searcher.h"

namespace vigie::test {

struct Doc {
  std::string id;
  Kind kind;
  std::string lang;
  std::string date;  // ISO 8601, "" = undated
  std::string author, source, title, text;
  std::vector<std::string> hashtags{};
  std::optional<double> sentiment{};
  std::string label{};
  std::vector<std::string> topics{};
  std::string stance{};
  uint64_t cluster = 0;
};

// Ten documents in seven languages around ISO week 2019-W11
// (Monday 2019-03-11 .. Sunday 2019-03-17).
inline const std::vector<Doc>& docs() {
  static const std::vector<Doc> kDocs = {
      {"1", Kind::tweet, "en", "2019-03-11T10:00:00Z", "alice", "twitter", "",
       "Harm reduction saves lives #HarmReduction", {}, 0.6, "positive", {"harm-reduction"}, "reform", 100},
      {"2", Kind::tweet, "en", "2019-03-17T23:30:00Z", "bob", "twitter", "",
       "Cannabis legalization debate continues", {}, -0.3, "negative", {"cannabis"}, "", 100},
      {"3", Kind::news, "es", "2019-03-18T00:30:00Z", "", "El País", "Reducción de daños, \"España\"",
       "La reducción de daños es una política de salud pública.", {}, 0.2, "positive", {"harm-reduction"}, "", 0},
      {"4", Kind::news, "fr", "2019-03-10T23:59:59Z", "", "Le Monde", "Les drogues",
       "Les politiques de réduction des risques liées aux drogues", {}, -0.5, "negative", {}, "", 0},
      {"5", Kind::reddit, "en", "2019-03-13T12:00:00Z", "carol", "r/drugs", "",
       "Legalizing cannabis reduced arrests", {}, 0.1, "positive", {"cannabis"}, "", 0},
      {"6", Kind::tweet, "zh", "2019-03-12T08:00:00Z", "dan", "twitter", "", "大麻合法化引发争议", {}, {}, "", {}, "", 200},
      {"7", Kind::tweet, "ru", "2019-03-14T08:00:00Z", "eve", "twitter", "", "Снижение вреда спасает жизни", {}, {}, "",
       {}, "", 200},
      {"8", Kind::news, "fr", "", "", "Le Monde", "", "Les drogues et la prohibition", {}, {}, "", {}, "", 0},
      {"9", Kind::tweet, "ar", "2019-03-15T08:00:00Z", "farid", "twitter", "", "الحد من الضرر ينقذ الأرواح", {}, {}, "",
       {}, "", 0},
      {"10", Kind::tweet, "en", "2019-04-01T08:00:00Z", "alice", "twitter", "", "Opioid crisis deepens in 2019 #HarmReduction",
       {"opioids"}, -0.02, "neutral", {}, "", 0},
  };
  return kDocs;
}

inline Xapian::Document make_document(const Doc& d, text::Segmenter& seg, text::StemmerSet& stemmers) {
  Record r;
  r.id = d.id;
  r.kind = d.kind;
  r.lang = d.lang;
  if (!d.date.empty()) r.time = time::parse_iso8601(d.date);
  r.author = d.author;
  r.source = d.source;
  r.title = d.title;
  r.text = d.text;
  r.hashtags = d.hashtags;
  r.url = "https://example.org/" + d.id;
  analytics::Analysis a;
  a.lang = d.lang;
  a.analysed_text = d.title.empty() ? d.text : d.title + "\n\n" + d.text;
  a.title_bytes = static_cast<uint32_t>(d.title.size());
  seg.tokenize(a.analysed_text, a.tokens, false);
  if (d.sentiment) {
    a.has_sentiment = true;
    a.compound = *d.sentiment;
    a.label = d.label;
  }
  for (const auto& t : d.topics) a.topics.push_back({t, 1.0, std::nullopt});
  a.stance = d.stance;
  a.cluster = d.cluster;
  std::string id_term;
  return indexer::build_document(r, a, stemmers, id_term);
}

// In-memory index of docs() (document i has docid i + 1).
inline Xapian::Database memory_index() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  text::Segmenter seg;
  text::StemmerSet stemmers;
  for (const auto& d : docs()) db.add_document(make_document(d, seg, stemmers));
  db.set_metadata(std::string(schema::meta::kSchemaVersion), std::to_string(schema::kSchemaVersion));
  db.commit();
  return db;
}

// On-disk index of docs() in two shards (odd / even positions) under dir,
// with the DIR/XAPIANDB stub `vigie index` writes.
inline void disk_index(const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  text::Segmenter seg;
  text::StemmerSet stemmers;
  for (int s = 0; s < 2; ++s) {
    Xapian::WritableDatabase db((dir / ("shard-00" + std::to_string(s))).string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (size_t i = s; i < docs().size(); i += 2) db.add_document(make_document(docs()[i], seg, stemmers));
    db.set_metadata(std::string(schema::meta::kSchemaVersion), std::to_string(schema::kSchemaVersion));
    db.commit();
  }
  std::FILE* f = std::fopen((dir / "XAPIANDB").c_str(), "w");
  std::fputs("auto shard-000\nauto shard-001\n", f);
  std::fclose(f);
}

// A test with disk_index() in a directory of its own, removed after.
class DiskIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) / ("vigie-query-shards-" + std::to_string(::getpid()));
    disk_index(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  // Commits to one shard a German document (a language the index lacks)
  // whose only word is "Schadensminimierung".
  void commit_german_document(const std::string& shard_name) {
    Xapian::WritableDatabase shard((dir_ / shard_name).string());
    text::Segmenter seg;
    text::StemmerSet stemmers;
    Doc d{"99", Kind::news, "de", "2019-03-12T08:00:00Z", "", "Die Zeit", "", "Schadensminimierung rettet Leben"};
    shard.add_document(make_document(d, seg, stemmers));
    shard.commit();
  }
  std::filesystem::path dir_;
};

inline std::vector<std::string> ids(const query::SearchResults& r, bool sorted = true) {
  std::vector<std::string> out;
  for (const auto& h : r.hits) out.push_back(h.id);
  if (sorted) std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) {
    return std::stoi(a) < std::stoi(b);
  });
  return out;
}

}  // namespace vigie::test
