#include "query/stories.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "analytics/dedup/dedup.h"
#include "core/errors.h"
#include "core/schema.h"

namespace vigie::query {
namespace {

struct Member {
  uint64_t cluster = 0;
  dedup::NearSig sig;
};

// Union-find over cluster keys whose root is the smallest key of the set,
// so the story key does not depend on the order of the unions.
struct Forest {
  std::unordered_map<uint64_t, uint64_t> parent;
  uint64_t find(uint64_t x) {
    uint64_t root = x;
    for (auto it = parent.find(root); it != parent.end() && it->second != root; it = parent.find(root))
      root = it->second;
    for (auto it = parent.find(x); it != parent.end() && it->second != root; it = parent.find(x)) {
      x = it->second;
      it->second = root;
    }
    return root;
  }
  void unite(uint64_t a, uint64_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (a > b) std::swap(a, b);
    parent.try_emplace(a, a);  // a stays (or becomes) a root
    parent[b] = a;
  }
};

Stories find_once(Xapian::Database& db, bool remote) {
  // The bands two or more documents share: one pass over the band terms.
  const std::string prefix(schema::prefix::kNearBand);
  std::vector<std::string> shared;
  std::unordered_set<uint64_t> shared_keys;  // their band keys
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    if (t.get_termfreq() < 2) continue;
    shared.push_back(*t);
    if (const auto key = schema::near_band_key(shared.back())) shared_keys.insert(*key);
  }
  Stories s;
  if (shared.empty()) return s;
  std::vector<Member> members;
  std::unordered_map<uint64_t, std::vector<size_t>> bands;  // a band -> its members
  auto read_values = [&](const std::string& key, const std::string& signature) -> std::optional<size_t> {
    Member m;
    if (key.size() == 8) m.cluster = schema::decode_u64(key);
    const auto h = schema::decode_near_signature(signature);
    if (!m.cluster || h.size() != dedup::kNearHashes) return std::nullopt;
    std::copy(h.begin(), h.end(), m.sig.h.begin());
    m.sig.has_content = true;
    members.push_back(m);
    return members.size() - 1;
  };
  // A member's shared bands, recomputed from its signature as the indexer
  // made its band terms (compared as keys: a term string per document and
  // band was most of the cost).
  auto add_to_bands = [&](size_t i) {
    for (uint64_t band : dedup::near_bands(members[i].sig))
      if (shared_keys.count(band)) bands[band].push_back(i);
  };
  auto read = [&](const Xapian::Document& doc) {
    return read_values(doc.get_value(schema::kCluster), doc.get_value(schema::kNearSignature));
  };
  if (remote) {
    // Over the network, one match of the documents of every shared band,
    // fetched together (a round trip per shard, not one per document and
    // per band); each document's bands are recomputed from its signature,
    // as the indexer made its band terms.
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, shared.begin(), shared.end()));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    mset.fetch();
    for (auto it = mset.begin(); it != mset.end(); ++it)
      if (const auto i = read(it.get_document())) add_to_bands(*i);
  } else {
    // Locally, one pass over every document's cluster key and signature
    // through the value streams (in docid order, read in chunks), each
    // document's bands recomputed from its signature as the indexer made its
    // band terms. Opening each shared band's posting list, or fetching each
    // document, costs B-tree lookups and reads from disk per band and per
    // document: seconds at a few hundred thousand documents.
    auto signature = db.valuestream_begin(schema::kNearSignature);
    auto cluster = db.valuestream_begin(schema::kCluster);
    const auto cluster_end = db.valuestream_end(schema::kCluster);
    for (; signature != db.valuestream_end(schema::kNearSignature); ++signature) {
      const Xapian::docid did = signature.get_docid();
      if (cluster != cluster_end && cluster.get_docid() < did) cluster.skip_to(did);
      if (cluster == cluster_end || cluster.get_docid() != did) continue;
      if (const auto i = read_values(*cluster, *signature)) add_to_bands(*i);
    }
  }
  Forest forest;
  std::vector<const Member*> band;
  for (const auto& [key, list] : bands) {
    if (list.size() < 2) continue;
    band.clear();
    for (size_t i : list) band.push_back(&members[i]);
    // One entry per exact cluster (its copies have its signature), in key
    // order: the pairs compared depend on the content alone.
    std::sort(band.begin(), band.end(), [](const Member* a, const Member* b) { return a->cluster < b->cluster; });
    band.erase(std::unique(band.begin(), band.end(),
                           [](const Member* a, const Member* b) { return a->cluster == b->cluster; }),
               band.end());
    for (size_t i = 0; i < band.size() && i < kMaxCompared; ++i)
      for (size_t j = i + 1; j < band.size(); ++j)
        if (dedup::near_duplicates(band[i]->sig, band[j]->sig)) forest.unite(band[i]->cluster, band[j]->cluster);
  }
  for (const auto& [key, up] : forest.parent) {
    const uint64_t root = forest.find(key);
    if (root != key) s.joined.emplace(key, root);
  }
  return s;
}

}  // namespace

std::vector<uint64_t> Stories::members(uint64_t story) const {
  std::vector<uint64_t> out{story};
  for (const auto& [key, root] : joined)
    if (root == story) out.push_back(key);
  std::sort(out.begin(), out.end());
  return out;
}

Stories find_stories(Index& index) {
  for (int attempt = 0;; ++attempt) {
    try {
      const bool remote = std::any_of(index.shards().begin(), index.shards().end(),
                                      [](const Shard& sh) { return sh.remote; });
      return find_once(index.db(), remote);
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 5) throw IndexError("index " + index.path() + " kept changing while being read; try again");
      index.reopen();
    } catch (const Xapian::NetworkError& e) {
      throw IndexError("a remote shard of " + index.path() + " failed while joining near-duplicates: " + e.get_msg());
    }
  }
}

uint64_t count_stories(Index& index, const Xapian::Query& query, const Stories& stories) {
  Xapian::Database& db = index.db();
  Xapian::Enquire e(db);
  e.set_query(query);
  e.set_weighting_scheme(Xapian::BoolWeight());
  e.set_docid_order(Xapian::Enquire::ASCENDING);
  Xapian::ValueCountMatchSpy spy(schema::kCluster);
  e.add_matchspy(&spy);
  e.get_mset(0, 0, db.get_doccount());
  std::unordered_set<uint64_t> seen;
  uint64_t clustered = 0;
  for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
    clustered += v.get_termfreq();
    seen.insert(stories.story_of(schema::decode_u64(*v)));
  }
  return seen.size() + (spy.get_total() - clustered);
}

std::string cluster_hex(uint64_t key) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(key));
  return buf;
}

}  // namespace vigie::query
