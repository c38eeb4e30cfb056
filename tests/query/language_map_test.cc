// The in-memory language map stands in for the L terms exactly: the same
// documents for every set of languages, on one database and on two shards,
// whichever side of a filter drives the match; the same search results with
// it as without; no map where a document has two languages; a new revision
// gets a new map.
#include <gtest/gtest.h>

#include "query/language_map.h"
#include "tests/query/fixture.h"

namespace vigie::test {
namespace {

std::vector<Xapian::docid> matching(const Xapian::Database& db, const Xapian::Query& q) {
  Xapian::Enquire e(db);
  e.set_query(q);
  std::vector<Xapian::docid> out;
  const Xapian::MSet m = e.get_mset(0, db.get_doccount() + 1);
  for (auto it = m.begin(); it != m.end(); ++it) out.push_back(*it);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> index_languages(const Xapian::Database& db) {
  std::vector<std::string> out;
  for (auto t = db.allterms_begin("L"); t != db.allterms_end("L"); ++t) out.push_back((*t).substr(1));
  return out;
}

Xapian::Query language_terms(const std::vector<std::string>& codes) {
  std::vector<Xapian::Query> terms;
  for (const auto& c : codes) terms.emplace_back("L" + c);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

// Every stemmed word of the index: a few postings, so that the filter is
// checked (skipped to) rather than walked.
Xapian::Query stemmed_words(const Xapian::Database& db) {
  std::vector<Xapian::Query> terms;
  for (auto t = db.allterms_begin("Z"); t != db.allterms_end("Z"); ++t) terms.emplace_back(*t);
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

void expect_same_documents(const Xapian::Database& db) {
  const auto languages = index_languages(db);
  ASSERT_GE(languages.size(), 5u);
  const auto map = query::LanguageMap::build(db, languages);
  ASSERT_TRUE(map);
  std::vector<std::vector<std::string>> sets = {languages, {"xx"}, {"en", "fr", "zh"}, {"es", "xx"}};
  for (const auto& l : languages) sets.push_back({l});
  for (size_t i = 0; i + 1 < languages.size(); ++i) sets.push_back({languages[i], languages[i + 1]});
  const Xapian::Query words = stemmed_words(db);
  for (const auto& codes : sets) {
    const Xapian::Query mine = query::language_filter(map, codes), terms = language_terms(codes);
    std::string what;
    for (const auto& c : codes) what += c + " ";
    EXPECT_EQ(matching(db, mine), matching(db, terms)) << what;
    EXPECT_EQ(matching(db, Xapian::Query(Xapian::Query::OP_FILTER, words, mine)),
              matching(db, Xapian::Query(Xapian::Query::OP_FILTER, words, terms)))
        << what;
    EXPECT_EQ(matching(db, Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, mine)),
              matching(db, Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query::MatchAll, terms)))
        << what;
  }
}

class OnDisk : public DiskIndexTest {};

TEST(LanguageMap, MatchesWhatTheLanguageTermsMatchOnOneDatabase) { expect_same_documents(memory_index()); }

TEST_F(OnDisk, MatchesWhatTheLanguageTermsMatchOnTwoShards) {
  expect_same_documents(Xapian::Database(dir_.string()));
}

TEST(LanguageMap, NoMapWhenADocumentHasTwoLanguages) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document one, two;
  one.add_boolean_term("Len");
  two.add_boolean_term("Len");
  two.add_boolean_term("Lfr");
  db.add_document(one);
  db.add_document(two);
  EXPECT_FALSE(query::LanguageMap::build(db, {"en", "fr"}));
  EXPECT_TRUE(query::LanguageMap::build(db, {"en"}));
}

query::SearchResults search(query::Index& index, const std::string& q) {
  query::SearchOptions o;
  o.query = q;
  o.limit = 100;
  o.facets = {"lang", "sentiment"};
  return query::search(index, o);
}

// The first search of a revision parses with the L terms, the later ones
// with the map: both give the same results.
TEST_F(OnDisk, SearchesGiveTheSameResultsWithTheMap) {
  auto warm = query::Index::open(dir_.string());
  warm.language_map();
  ASSERT_TRUE(warm.language_map());
  for (const std::string q : {"harm", "drogues OR cannabis", "reduccion", "title:drogues", "снижение", "lang:en harm",
                              "\"harm reduction\"", "大麻", ""}) {
    auto fresh = query::Index::open(dir_.string());
    const auto a = search(fresh, q), b = search(warm, q);
    EXPECT_EQ(a.count, b.count) << q;
    ASSERT_EQ(a.hits.size(), b.hits.size()) << q;
    for (size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(a.hits[i].id, b.hits[i].id) << q;
      EXPECT_EQ(a.hits[i].weight, b.hits[i].weight) << q;
    }
    ASSERT_EQ(a.facets.size(), b.facets.size());
    for (size_t f = 0; f < a.facets.size(); ++f)
      for (size_t i = 0; i < a.facets[f].values.size(); ++i)
        EXPECT_EQ(a.facets[f].values[i].count, b.facets[f].values.at(i).count) << q;
  }
  EXPECT_NE(search(warm, "harm").parsed.find("LanguageFilter("), std::string::npos);
}

TEST_F(OnDisk, ADocumentCommittedAfterTheMapIsFoundAfterReopen) {
  auto index = query::Index::open(dir_.string());
  index.language_map();
  const auto old_map = index.language_map();
  ASSERT_TRUE(old_map);
  commit_german_document("shard-001");
  // A filter of the old revision's map refuses the new one's database.
  Xapian::Database now(dir_.string());
  EXPECT_THROW(matching(now, query::language_filter(old_map, {"de", "en"})), Xapian::DatabaseModifiedError);
  // search() reopens: the map is the new revision's, and knows the new language.
  EXPECT_EQ(search(index, "Schadensminimierung").count, 1u);
  EXPECT_EQ(search(index, "Schadensminimierung").count, 1u);
  ASSERT_TRUE(index.language_map());
  EXPECT_NE(index.language_map()->code_index("de"), query::LanguageMap::kNone);
}

}  // namespace
}  // namespace vigie::test
