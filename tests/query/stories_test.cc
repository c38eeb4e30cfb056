// Stories (query/stories.h): an edited copy joins its original's story, a
// distinct text does not, and the stories do not depend on how documents
// are numbered or spread over shards.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include <xapian.h>

#include "analytics/dedup/dedup.h"
#include "core/schema.h"
#include "core/text/segment.h"
#include "query/index.h"
#include "query/stories.h"

namespace vigie::query {
namespace {

Xapian::Document near_doc(const std::string& text) {
  static text::Segmenter seg;
  std::vector<text::Token> tokens;
  seg.tokenize(text, tokens, true);
  Xapian::Document doc;
  doc.add_value(schema::kCluster, schema::encode_u64(dedup::cluster_key(text, tokens)));
  const dedup::NearSig sig = dedup::near_signature(tokens);
  for (uint64_t band : dedup::near_bands(sig)) doc.add_boolean_term(schema::near_band_term(band));
  doc.add_value(schema::kNearSignature, schema::encode_near_signature({sig.h.begin(), sig.h.end()}));
  doc.add_boolean_term("Qall");
  return doc;
}

const std::string kOriginal =
    "The city council voted on Tuesday to open two supervised consumption sites downtown, citing a sharp rise "
    "in overdose deaths over the past year.";
const std::vector<std::string> kTexts = {
    kOriginal,
    "RT @council: " + kOriginal,                                     // exact copy
    "Breaking news\n\n" + kOriginal + " (Reuters)",                  // edited copy
    "Police in the northern province seized four tonnes of cocaine hidden in a shipment of bananas, the "
    "largest haul recorded at the port this decade.",               // another story
    "Breaking news\n\nA new study finds that naloxone kits handed out at festivals reversed dozens of "
    "overdoses last summer (Reuters)",                               // another story, same boilerplate
};

Xapian::Database build(const std::vector<std::vector<size_t>>& shards) {
  Xapian::Database all;
  for (const auto& order : shards) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (size_t i : order) db.add_document(near_doc(kTexts[i]));
    db.commit();
    all.add_database(db);
  }
  return all;
}

uint64_t key_of(size_t i) {
  static text::Segmenter seg;
  std::vector<text::Token> tokens;
  seg.tokenize(kTexts[i], tokens, true);
  return dedup::cluster_key(kTexts[i], tokens);
}

TEST(Stories, EditedCopyJoinsItsOriginalWhateverTheShardLayout) {
  Index one = Index::from_database(build({{0, 1, 2, 3, 4}}), "one");
  Index spread = Index::from_database(build({{4, 2}, {3, 1, 0}}), "spread");
  const Stories a = find_stories(one), b = find_stories(spread);
  EXPECT_EQ(a.joined, b.joined);
  EXPECT_EQ(a.story_of(key_of(2)), a.story_of(key_of(0))) << "the edited copy joins the original";
  EXPECT_EQ(key_of(1), key_of(0)) << "the retweet is an exact copy";
  EXPECT_NE(a.story_of(key_of(3)), a.story_of(key_of(0)));
  EXPECT_NE(a.story_of(key_of(4)), a.story_of(key_of(0))) << "shared boilerplate alone does not join";
  // The story is named by its smallest cluster key.
  EXPECT_EQ(a.story_of(key_of(0)), std::min(key_of(0), key_of(2)));
  const Xapian::Query all("Qall");
  EXPECT_EQ(count_stories(one, all, a), 3u);
  EXPECT_EQ(count_stories(spread, all, b), 3u);
  EXPECT_EQ(count_stories(one, all, Stories{}), 4u) << "exact clusters only";
  const auto members = a.members(a.story_of(key_of(0)));
  EXPECT_EQ(members.size(), 2u);
}

}  // namespace
}  // namespace vigie::query
