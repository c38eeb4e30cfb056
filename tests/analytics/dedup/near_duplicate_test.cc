// Edited copies are the same story: on a labelled set written for this test
// (tests/fixtures/dedup/originals.txt: 80 distinct drug-policy texts, and
// four edited copies of each made below), MinHash-LSH near-duplicates must
// join at least 90% of the copies to their original and merge under 1% of
// the distinct texts. The exact cluster key is measured beside it.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analytics/dedup/dedup.h"
#include "core/schema.h"
#include "core/text/segment.h"

namespace vigie::dedup {
namespace {

std::vector<text::Token> tokens(const std::string& s) {
  static text::Segmenter seg;
  std::vector<text::Token> out;
  seg.tokenize(s, out, true);
  return out;
}

std::vector<std::string> originals() {
  std::ifstream in(std::string(VIGIE_SOURCE_DIR) + "/tests/fixtures/dedup/originals.txt");
  std::vector<std::string> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.push_back(line);
  return out;
}

// The edits syndication and copy-paste make, each deterministic in i.
const std::vector<std::string> kHeadlines = {
    "Breaking news", "What you need to know today", "Officials respond as pressure grows",
    "Update: the story so far", "Analysis", "Five things to watch this week", "Local news in brief"};
const std::vector<std::string> kCredits = {
    "(Reuters)", "Reporting by Jane Doe; Editing by Mark Smith", "Photo: AFP via Getty Images",
    "Read more at example.com", "© Associated Press 2019. All rights reserved.", "Additional reporting by our correspondent"};

std::string new_headline(const std::string& t, size_t i) { return kHeadlines[i % kHeadlines.size()] + "\n\n" + t; }
std::string trailing_credit(const std::string& t, size_t i) { return t + " " + kCredits[i % kCredits.size()]; }
std::string changed_word(const std::string& t, size_t i) {
  // The word in the middle becomes another word.
  std::istringstream in(t);
  std::vector<std::string> words;
  for (std::string w; in >> w;) words.push_back(w);
  const size_t k = words.size() / 2 + i % 3;
  if (k < words.size()) words[k] = i % 2 ? "several" : "reportedly";
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

struct Labelled {
  std::string text;
  size_t original;   // index of its original
  bool copy;         // false for an original
  const char* edit;
};

TEST(NearDuplicates, EditedCopiesJoinTheirOriginalAndDistinctTextsStayApart) {
  const auto orig = originals();
  ASSERT_GE(orig.size(), 80u);
  std::vector<Labelled> set;
  for (size_t i = 0; i < orig.size(); ++i) set.push_back({orig[i], i, false, "original"});
  for (size_t i = 0; i < orig.size(); ++i) {
    set.push_back({new_headline(orig[i], i), i, true, "headline"});
    set.push_back({changed_word(orig[i], i), i, true, "word"});
    set.push_back({trailing_credit(orig[i], i), i, true, "credit"});
    set.push_back({trailing_credit(changed_word(new_headline(orig[i], i), i), i), i, true, "all three"});
  }
  std::vector<NearSig> sigs;
  std::vector<uint64_t> keys;
  for (const auto& l : set) {
    auto t = tokens(l.text);
    sigs.push_back(near_signature(t));
    keys.push_back(cluster_key(l.text, t));
  }
  const auto cluster = near_clusters(sigs);

  size_t copies = 0, exact_joined = 0, near_joined = 0;
  std::map<std::string, std::pair<size_t, size_t>> by_edit;  // joined, total
  for (size_t i = 0; i < set.size(); ++i) {
    if (!set[i].copy) continue;
    ++copies;
    const size_t o = set[i].original;  // originals come first: index o
    exact_joined += keys[i] == keys[o];
    const bool joined = cluster[i] == cluster[o];
    near_joined += joined;
    by_edit[set[i].edit].first += joined;
    ++by_edit[set[i].edit].second;
  }
  size_t merged = 0;  // distinct texts sharing a cluster with another original
  for (size_t i = 0; i < orig.size(); ++i)
    for (size_t j = 0; j < orig.size(); ++j)
      if (i != j && cluster[i] == cluster[j]) {
        ++merged;
        break;
      }
  double min_true = 1, max_false = 0;
  for (size_t i = 0; i < set.size(); ++i)
    for (size_t j = i + 1; j < set.size(); ++j) {
      const double x = near_similarity(sigs[i], sigs[j]);
      if (set[i].original == set[j].original) min_true = std::min(min_true, x);
      else max_false = std::max(max_false, x);
    }
  std::cout << "signature agreement: lowest between a copy and its original " << min_true
            << ", highest between different stories " << max_false << "\n";
  const double near_rate = double(near_joined) / copies, exact_rate = double(exact_joined) / copies;
  const double merge_rate = double(merged) / orig.size();
  std::cout << "edited copies joined to their original: near-duplicates " << near_joined << "/" << copies << " ("
            << 100 * near_rate << "%), exact cluster key " << exact_joined << "/" << copies << " ("
            << 100 * exact_rate << "%)\n";
  for (const auto& [edit, jt] : by_edit) std::cout << "  " << edit << ": " << jt.first << "/" << jt.second << "\n";
  std::cout << "distinct texts merged: " << merged << "/" << orig.size() << "\n";
  EXPECT_GE(near_rate, 0.90);
  EXPECT_LT(merge_rate, 0.01);
  EXPECT_GT(near_rate, exact_rate);
}

TEST(NearDuplicates, SignaturesArePureFunctionsOfTheContent) {
  const std::string a = "Harm reduction saves lives in the city", b = "RT @someone: Harm reduction saves lives in the city";
  // The retweet prefix is not content: the same signature, the same bands.
  EXPECT_EQ(near_signature(tokens(a)).h, near_signature(tokens(b)).h);
  EXPECT_EQ(near_bands(near_signature(tokens(a))), near_bands(near_signature(tokens(b))));
  EXPECT_EQ(near_bands(near_signature(tokens(a))).size(), kNearBands);
  // Texts without words are near nothing.
  const auto empty = near_signature(tokens("https://t.co/x 😀"));
  EXPECT_FALSE(empty.has_content);
  EXPECT_TRUE(near_bands(empty).empty());
  EXPECT_FALSE(near_duplicates(empty, empty));
}

TEST(NearDuplicates, SchemaEncodingRoundTrips) {
  const auto sig = near_signature(tokens("Naloxone kits will be free in every pharmacy from next month"));
  const std::vector<uint16_t> h(sig.h.begin(), sig.h.end());
  const std::string enc = schema::encode_near_signature(h);
  EXPECT_EQ(enc.size(), 2 * kNearHashes);
  EXPECT_EQ(schema::decode_near_signature(enc), h);
  EXPECT_TRUE(schema::decode_near_signature("abc").empty());
  EXPECT_EQ(schema::near_band_term(0x589abcdefULL), "XN589abcdef");
  EXPECT_EQ(schema::near_band_term(near_bands(sig)[3]).substr(0, 3), "XN3");
  // A band term gives back its key; no other term does.
  for (uint64_t band : near_bands(sig)) EXPECT_EQ(schema::near_band_key(schema::near_band_term(band)), band);
  EXPECT_EQ(schema::near_band_key("XN589abcdef"), 0x589abcdefULL);
  EXPECT_FALSE(schema::near_band_key("XN589abcde"));
  EXPECT_FALSE(schema::near_band_key("XN589abcdeg"));
  EXPECT_FALSE(schema::near_band_key("XC589abcdef"));
}

TEST(NearDuplicates, ClustersAreNamedByTheirFirstMember) {
  std::vector<NearSig> s = {near_signature(tokens("Police seized four tonnes of cocaine hidden in bananas at the port")),
                            near_signature(tokens("Teachers will be trained to talk to pupils about drugs")),
                            near_signature(tokens("Police seized four tonnes of cocaine hidden in bananas at the port (Reuters)"))};
  EXPECT_EQ(near_clusters(s), (std::vector<size_t>{0, 1, 0}));
}

}  // namespace
}  // namespace vigie::dedup
