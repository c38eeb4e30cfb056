#include "query/language_map.h"

#include <algorithm>
#include <set>

#include "core/schema.h"

namespace vigie::query {

namespace {

// The UUID of each shard of db, in shard order; empty when they cannot tell
// the shards apart. A single database needs none.
std::vector<std::string> shard_uuids(const Xapian::Database& db) {
  if (db.size() == 1) return {std::string()};
  std::vector<std::string> out;
  const std::string all = db.get_uuid();  // the shards' UUIDs joined by ':'
  for (size_t start = 0; start <= all.size();) {
    size_t end = all.find(':', start);
    if (end == std::string::npos) end = all.size();
    out.push_back(all.substr(start, end - start));
    start = end + 1;
  }
  const std::set<std::string> distinct(out.begin(), out.end());
  if (out.size() != db.size() || distinct.size() != out.size() || distinct.count(std::string())) return {};
  return out;
}

// Matches the documents of one shard whose language is among a set, from
// the map: a check is one array read, where the L terms cost a posting-list
// skip per language.
class LanguageSource : public Xapian::PostingSource {
 public:
  LanguageSource(std::shared_ptr<const LanguageMap> map, std::array<bool, 256> wanted, std::string description)
      : map_(std::move(map)), wanted_(wanted), description_(std::move(description)) {}

  Xapian::PostingSource* clone() const override { return new LanguageSource(map_, wanted_, description_); }

  void init(const Xapian::Database& shard) override {
    const int s = map_->shard_of(shard);
    // A query kept past its revision (the map is the revision's): let the
    // caller start again on the new one, as Xapian does for stale blocks.
    if (s < 0) throw Xapian::DatabaseModifiedError("the language map does not belong to this database");
    shard_ = static_cast<Xapian::docid>(s);
    last_ = shard.get_lastdocid();
    if (last_ > 0 && !map_->covers(combined(last_)))
      throw Xapian::DatabaseModifiedError("the database has documents its language map has not");
    matching_ = 0;
    for (size_t i = 0; i < 256; ++i)
      if (wanted_[i]) matching_ += map_->count(shard_, static_cast<uint8_t>(i));
    did_ = 0;
    set_maxweight(0);
  }

  Xapian::doccount get_termfreq_min() const override { return matching_; }
  Xapian::doccount get_termfreq_est() const override { return matching_; }
  Xapian::doccount get_termfreq_max() const override { return matching_; }

  void next(double) override {
    do ++did_;
    while (did_ <= last_ && !wanted(did_));
  }
  void skip_to(Xapian::docid did, double min_wt) override {
    if (did <= did_) return;
    did_ = did - 1;
    next(min_wt);
  }
  // Tells whether did matches; when it does not, next() goes on from it.
  bool check(Xapian::docid did, double) override {
    did_ = did;
    return wanted(did);
  }
  bool at_end() const override { return did_ > last_; }
  Xapian::docid get_docid() const override { return did_; }
  std::string get_description() const override { return description_; }

 private:
  Xapian::docid combined(Xapian::docid local) const {
    return (local - 1) * static_cast<Xapian::docid>(map_->shards()) + shard_ + 1;
  }
  bool wanted(Xapian::docid local) const { return wanted_[map_->language(combined(local))]; }

  std::shared_ptr<const LanguageMap> map_;
  std::array<bool, 256> wanted_;
  std::string description_;
  Xapian::docid shard_ = 0, last_ = 0, did_ = 0;
  Xapian::doccount matching_ = 0;
};

}  // namespace

std::shared_ptr<const LanguageMap> LanguageMap::build(const Xapian::Database& db,
                                                      const std::vector<std::string>& languages) {
  if (languages.size() >= kNone || db.size() == 0) return nullptr;
  auto map = std::make_shared<LanguageMap>();
  map->uuids_ = shard_uuids(db);
  if (map->uuids_.empty()) return nullptr;
  map->languages_ = languages;
  map->language_of_.assign(static_cast<size_t>(db.get_lastdocid()) + 1, kNone);
  map->counts_.assign(map->uuids_.size(), {});
  const size_t n = map->uuids_.size();
  for (size_t i = 0; i < languages.size(); ++i) {
    const std::string term = std::string(schema::prefix::kLang) + languages[i];
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      uint8_t& lang = map->language_of_[*p];
      if (lang != kNone) return nullptr;  // two languages: only the L terms can say
      lang = static_cast<uint8_t>(i);
      ++map->counts_[(*p - 1) % n][i];
    }
  }
  return map;
}

uint8_t LanguageMap::code_index(const std::string& code) const {
  auto it = std::find(languages_.begin(), languages_.end(), code);
  return it == languages_.end() ? kNone : static_cast<uint8_t>(it - languages_.begin());
}

int LanguageMap::shard_of(const Xapian::Database& shard) const {
  if (uuids_.size() == 1) return 0;
  auto it = std::find(uuids_.begin(), uuids_.end(), shard.get_uuid());
  return it == uuids_.end() ? -1 : static_cast<int>(it - uuids_.begin());
}

Xapian::Query language_filter(std::shared_ptr<const LanguageMap> map, const std::vector<std::string>& codes) {
  std::array<bool, 256> wanted{};
  std::string description = "LanguageFilter(";
  for (const auto& code : codes) {
    const uint8_t i = map->code_index(code);
    if (i != LanguageMap::kNone) wanted[i] = true;
    description += (description.back() == '(' ? "" : " ") + code;
  }
  description += ")";
  return Xapian::Query((new LanguageSource(std::move(map), wanted, std::move(description)))->release());
}

}  // namespace vigie::query
