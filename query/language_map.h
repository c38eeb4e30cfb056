// The language of every document of one index revision, held in memory, so
// that the per-language parses of a query (query_builder.h) are restricted
// to their languages without opening and skipping through the posting list
// of every language's L term for each parse and each shard - the larger part
// of a search that matches few documents.
//
// A map stands in for the L terms exactly or not at all: build() refuses
// (nullptr) an index where a document carries two L terms, and one whose
// shards it cannot tell apart by UUID. Built from the revision the database
// is open at, it is valid for that revision only (like docids); Index keeps
// one per revision.
//
// Thread safety: a built map is immutable and may be shared between threads;
// each query holds it through a shared_ptr, so a map outlives the queries
// built on it. Queries from language_filter() run on local shards only (a
// custom posting source cannot be sent to a remote one).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace vigie::query {

class LanguageMap {
 public:
  static constexpr uint8_t kNone = 255;  // a document without a language of the map

  // The map of db at its current revision, for these language codes (the L
  // term values, Index::languages()); nullptr when it cannot stand in for
  // the L terms (see above), or for more than 255 languages.
  static std::shared_ptr<const LanguageMap> build(const Xapian::Database& db, const std::vector<std::string>& languages);

  const std::vector<std::string>& languages() const { return languages_; }
  // The position in languages() of a code; kNone when absent.
  uint8_t code_index(const std::string& code) const;
  // The shard of a (single-shard) database among those the map was built
  // on, by UUID; -1 when it is none of them.
  int shard_of(const Xapian::Database& shard) const;
  size_t shards() const { return uuids_.size(); }
  // Language of the document with this docid in the combined database.
  uint8_t language(Xapian::docid combined) const {
    return combined < language_of_.size() ? language_of_[combined] : kNone;
  }
  // Whether the database had this docid (combined) when the map was built.
  bool covers(Xapian::docid combined) const { return combined < language_of_.size(); }
  // Documents of shard s in language i.
  Xapian::doccount count(size_t shard, uint8_t i) const { return counts_[shard][i]; }

 private:
  std::vector<std::string> languages_;
  std::vector<std::string> uuids_;  // one per shard; {""} for a single database
  std::vector<uint8_t> language_of_;  // by combined docid
  std::vector<std::array<Xapian::doccount, 256>> counts_;  // by shard, language
};

// The documents of map's revision in any of `codes` (L term values), as a
// boolean query: the same documents as OP_OR of their L terms.
Xapian::Query language_filter(std::shared_ptr<const LanguageMap> map, const std::vector<std::string>& codes);

}  // namespace vigie::query
