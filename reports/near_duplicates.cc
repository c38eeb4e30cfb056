#include "reports/near_duplicates.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analytics/dedup/dedup.h"
#include "core/errors.h"
#include "core/schema.h"

namespace vigie::reports {
namespace {

uint64_t count_once(Xapian::Database& db) {
  std::unordered_map<Xapian::docid, Xapian::docid> parent;
  std::unordered_map<Xapian::docid, dedup::NearSig> sigs;
  auto find = [&](Xapian::docid x) {
    auto it = parent.try_emplace(x, x).first;
    while (it->second != x) {
      auto up = parent.find(it->second);
      it->second = up->second;  // path halving
      x = it->second;
      it = parent.find(x);
    }
    return x;
  };
  auto sig = [&](Xapian::docid d) -> const dedup::NearSig& {
    auto [it, fresh] = sigs.try_emplace(d);
    if (fresh) {
      const auto h = schema::decode_near_signature(db.get_document(d).get_value(schema::kNearSignature));
      if (h.size() == dedup::kNearHashes) {
        std::copy(h.begin(), h.end(), it->second.h.begin());
        it->second.has_content = true;
      }
    }
    return it->second;
  };
  uint64_t unions = 0;
  auto unite = [&](Xapian::docid a, Xapian::docid b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    parent[std::max(a, b)] = std::min(a, b);
    ++unions;
  };
  const std::string prefix(schema::prefix::kNearBand);
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    if (t.get_termfreq() < 2) continue;
    // The band's members, compared with one representative per distinct
    // signature: exact copies (the bulk: retweets, syndication) cost a
    // lookup, not a comparison with every other member.
    std::vector<Xapian::docid> reps;
    const std::string term = *t;
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      const Xapian::docid d = *p;
      const dedup::NearSig& s = sig(d);
      if (!s.has_content) continue;
      bool identical = false;
      for (Xapian::docid r : reps) {
        const dedup::NearSig& rs = sig(r);
        if (rs.h == s.h) {
          unite(r, d);
          identical = true;
          break;
        }
        if (dedup::near_duplicates(rs, s)) unite(r, d);
      }
      if (!identical) reps.push_back(d);
    }
  }
  return unions;
}

}  // namespace

uint64_t count_near_duplicates(query::Index& index) {
  for (int attempt = 0;; ++attempt) {
    try {
      return count_once(index.db());
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt == 5) throw IndexError("index " + index.path() + " kept changing while being read; try again");
      index.reopen();
    } catch (const Xapian::NetworkError& e) {
      throw IndexError("a remote shard of " + index.path() + " failed while counting near-duplicates: " + e.get_msg());
    }
  }
}

}  // namespace vigie::reports
