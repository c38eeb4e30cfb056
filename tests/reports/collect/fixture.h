// The small index of the reports/collect tests: twelve ISO weeks
// 2019-W01..W12 of steady harm-reduction traffic (4 or 5 documents a week)
// with a planted surge of 20 in W11, two off-topic documents a week, one
// undated document, hand-chosen sentiment, stance and clusters in W9-W11.
// Documents go through the real document builder (indexer/), so the tests
// read the index layout the indexer writes.
#pragma once

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "analytics/analyzer.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/text/segment.h"
#include "core/text/stem.h"
#include "core/time.h"
#include "indexer/document_builder.h"
#include "reports/collect.h"

namespace vigie::reports::test {

struct Spec {
  std::string id;
  int week = 0;  // ISO week of 2019; 0 = undated
  int day = 0;   // 0 = Monday
  bool topic = true;  // harm_reduction
  std::string text;
  double sentiment = 0.2;
  std::string label = "positive";
  std::optional<double> aspect;  // harm_reduction aspect sentiment
  std::string stance = "reform";
  uint64_t cluster = 0;
  int64_t engagement = 1;
};

inline constexpr const char* kBaseText = "The harm reduction centre at the station opens its doors";
inline constexpr const char* kSurgeText = "Naloxone kits handed to visitors at the harm reduction centre at the station";
inline constexpr const char* kOffText = "Football match report and the weather for the weekend";

inline int topic_docs_in_week(int w) { return w == 11 ? 20 : 4 + (w % 2); }

inline std::vector<Spec> specs() {
  std::vector<Spec> out;
  for (int w = 1; w <= 12; ++w) {
    for (int i = 0; i < topic_docs_in_week(w); ++i) {
      Spec s;
      s.id = "w" + std::to_string(w) + "-" + std::to_string(i);
      s.week = w;
      s.day = i % 7;
      s.text = kBaseText;
      if (w == 9) {
        s.sentiment = 0.4;
        s.aspect = -0.8;
      }
      if (w == 10) {
        // Scores 0.5 0.1 -0.3 0.7; the 0.1 carries a model label "neutral"
        // (a label the +/-0.05 thresholds would not give).
        const double scores[] = {0.5, 0.1, -0.3, 0.7};
        const char* labels[] = {"positive", "neutral", "negative", "positive"};
        const char* stances[] = {"reform", "reform", "prohibition", "none"};
        s.sentiment = scores[i];
        s.label = labels[i];
        s.stance = stances[i];
        s.engagement = 10 + i;  // doc 3 is the most engaged
      }
      if (w == 11) {
        if (i < 12) s.text = kSurgeText;
        if (i < 10) s.cluster = 1000 + i / 2;  // 5 clusters of two
      }
      out.push_back(s);
    }
    for (int i = 0; i < 2; ++i) {
      Spec s;
      s.id = "off" + std::to_string(w) + "-" + std::to_string(i);
      s.week = w;
      s.day = 3 + i;
      s.topic = false;
      s.text = kOffText;
      s.sentiment = 0.0;
      s.label = "neutral";
      s.stance = "none";
      out.push_back(s);
    }
  }
  Spec u;
  u.id = "undated";
  u.text = kBaseText;
  out.push_back(u);
  return out;
}

// Monday of ISO week w of 2019 (W01 starts on 2018-12-31), in days.
inline int64_t monday(int w) { return time::days_from_civil(2018, 12, 31) + 7 * (w - 1); }

inline Xapian::Document make_document(const Spec& d, text::Segmenter& seg, text::StemmerSet& stemmers) {
  Record r;
  r.id = d.id;
  r.kind = Kind::news;
  r.lang = "en";
  if (d.week) r.time = (monday(d.week) + d.day) * 86400 + 10 * 3600;
  r.source = "Daily Example";
  r.title = "";
  r.text = d.text;
  r.url = "https://example.org/" + d.id;
  r.engagement = d.engagement;
  analytics::Analysis a;
  a.lang = "en";
  a.analysed_text = d.text;
  seg.tokenize(a.analysed_text, a.tokens, false);
  a.has_sentiment = true;
  a.compound = d.sentiment;
  a.label = d.label;
  if (d.topic) a.topics.push_back({"harm_reduction", 1.0, d.aspect});
  a.stance = d.stance;
  a.cluster = d.cluster;
  std::string id_term;
  return indexer::build_document(r, a, stemmers, id_term);
}

inline Xapian::Database memory_index() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  text::Segmenter seg;
  text::StemmerSet stemmers;
  for (const auto& d : specs()) db.add_document(make_document(d, seg, stemmers));
  db.set_metadata(std::string(schema::meta::kSchemaVersion), std::to_string(schema::kSchemaVersion));
  db.set_metadata(std::string(schema::meta::kTaxonomyVersion), "drug-policy-test");
  db.commit();
  return db;
}

// Two on-disk shards (alternate documents) under dir with a XAPIANDB stub.
inline void disk_index(const std::filesystem::path& dir) {
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  text::Segmenter seg;
  text::StemmerSet stemmers;
  const auto all = specs();
  for (int s = 0; s < 2; ++s) {
    Xapian::WritableDatabase db((dir / ("shard-00" + std::to_string(s))).string(), Xapian::DB_CREATE_OR_OVERWRITE);
    for (size_t i = s; i < all.size(); i += 2) db.add_document(make_document(all[i], seg, stemmers));
    db.set_metadata(std::string(schema::meta::kSchemaVersion), std::to_string(schema::kSchemaVersion));
    db.commit();
  }
  std::ofstream(dir / "XAPIANDB") << "auto shard-000\nauto shard-001\n";
}

inline const Xapian::Query& topic_query() {
  static const Xapian::Query q(schema::boolean_term(schema::prefix::kTopic, "harm_reduction"));
  return q;
}

// English's band as the rules give it (the fixture's documents are English).
inline const SentimentBands& en_bands() {
  static const SentimentBands b{{{"en", {0.05, -0.05}}}, {0.05, -0.05}};
  return b;
}

inline TrendOptions weekly() {
  TrendOptions o;
  o.collect.bands = &en_bands();
  o.spec.by = series::Granularity::week;
  return o;
}

inline const SeriesEntry* find(const std::vector<SeriesEntry>& s, const std::string& period) {
  for (const auto& e : s)
    if (e.period == period) return &e;
  return nullptr;
}

inline std::string week_label(int w) { return w < 10 ? "2019-W0" + std::to_string(w) : "2019-W" + std::to_string(w); }

}  // namespace vigie::reports::test
