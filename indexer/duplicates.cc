#include "indexer/duplicates.h"

#include "analytics/dedup/dedup.h"
#include "core/hash.h"
#include "core/schema.h"

namespace vigie::indexer {
namespace {

const std::string& duplicate_term() {
  static const std::string t = schema::boolean_term(schema::prefix::kFlag, "duplicate");
  return t;
}

}  // namespace

void DuplicateFlagger::seed(const Xapian::Database& db) {
  const std::string id_prefix(schema::prefix::kId);
  for (auto v = db.valuestream_begin(schema::kCluster); v != db.valuestream_end(schema::kCluster); ++v) {
    const uint64_t key = schema::decode_u64(*v);
    // Flagged documents are not originals.
    auto t = db.termlist_begin(v.get_docid());
    t.skip_to(duplicate_term());
    if (t != db.termlist_end(v.get_docid()) && *t == duplicate_term()) continue;
    t = db.termlist_begin(v.get_docid());
    t.skip_to(id_prefix);
    if (t == db.termlist_end(v.get_docid()) || (*t).compare(0, id_prefix.size(), id_prefix) != 0) continue;
    original_.emplace(key, vigie::fnv1a64(*t, kFnvOffset));
  }
}

bool DuplicateFlagger::mark(PendingDoc& d) {
  const std::string key_bytes = d.doc.get_value(schema::kCluster);
  if (key_bytes.empty()) return false;
  const uint64_t id = vigie::fnv1a64(d.id_term, kFnvOffset);
  const auto [it, fresh] = original_.emplace(schema::decode_u64(key_bytes), id);
  if (fresh || it->second == id) return false;
  d.doc.add_boolean_term(duplicate_term());
  return true;
}

}  // namespace vigie::indexer
