// The index on disk: a directory holding N Xapian shards (shard-000, ...) and
// a Xapian stub file XAPIANDB listing them ("auto shard-000"), so that
// Xapian::Database(DIR), xapian-delve DIR, quest -d DIR and xapian-compact
// open the whole index as one database. A directory that is itself a plain
// Xapian database (made by xapian-compact, say) is written as one shard.
//
// Documents go to shard fnv1a(id term) % N, so the same record always lands
// in the same shard and replace_document() keeps ids unique across shards.
// The shard count is fixed when the index is created.
//
// A lock file DIR/vigie.lock (flock + PID) keeps a second writer out with a
// clear message instead of Xapian's DatabaseLockError.
//
// Thread safety: add() and commit_shard() may be called concurrently for
// different shards; each shard has its own mutex.
//
// Speed: replace_document(id term) looks the id up in the shard's B-tree
// (a new cursor and a descent per document). A shard that was empty when
// the run opened it cannot hold an id this run has not written, so the first
// time an id is seen there it is added with add_document(); ids seen before
// (same record twice in the input) and every id of a shard that already had
// documents go through replace_document(), as before.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

namespace vigie::indexer {

struct PendingDoc {
  std::string id_term;  // unique Q term: replace_document() key
  Xapian::Document doc;
};

class ShardedWriter {
 public:
  // Opens or creates the index at dir. shards = 0 means "as existing, or 1".
  // Throws IndexError (locked, unreadable, incompatible schema version).
  ShardedWriter(const std::string& dir, unsigned shards);
  ~ShardedWriter();
  ShardedWriter(const ShardedWriter&) = delete;
  ShardedWriter& operator=(const ShardedWriter&) = delete;

  unsigned shard_count() const { return static_cast<unsigned>(shards_.size()); }
  unsigned shard_of(const std::string& id_term) const;
  // True when the index existed with another shard count than requested.
  bool shard_count_overridden() const { return overridden_; }

  // Adds or replaces the document whose unique term is id_term.
  void add(unsigned shard, const std::string& id_term, const Xapian::Document& doc);
  // Adds or replaces a batch of documents of one shard. With wait = false,
  // returns false at once (writing nothing) when another thread holds the
  // shard, so a caller with documents for several shards can write to a
  // free one first.
  bool add_batch(unsigned shard, const std::vector<PendingDoc>& docs, bool wait);
  // Commits one shard when at least min_pending documents wait (0 = always).
  void commit_shard(unsigned shard, size_t min_pending = 0);
  void commit_all();

  // Writes key=value to every shard's metadata (committed with the next commit).
  void set_metadata(const std::string& key, const std::string& value);
  std::string get_metadata(const std::string& key) const;  // from shard 0
  std::string get_shard_metadata(unsigned shard, const std::string& key) const;

  uint64_t document_count() const;
  const std::string& dir() const { return dir_; }

 private:
  struct Shard {
    std::unique_ptr<Xapian::WritableDatabase> db;
    std::mutex mutex;
    size_t pending = 0;
    // Empty when opened: ids written by this run (64-bit hashes; a collision
    // only costs a replace_document()). Unused otherwise.
    bool fresh = false;
    std::unordered_set<uint64_t> seen;
    void write(const PendingDoc& d);
  };
  std::string dir_;
  int lock_fd_ = -1;
  bool overridden_ = false;
  std::vector<std::unique_ptr<Shard>> shards_;
};

// Paths of the shards of an existing index directory (stub or plain), for
// readers that need them one by one (stats per shard, checks).
std::vector<std::string> shard_paths(const std::string& dir);

}  // namespace vigie::indexer
