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
// Thread safety: submit(), commit_shard(), commit_all() and
// set_metadata() may be called from any thread, for any shard; each shard has
// its own mutex (and a queue: see submit()). The readers (get_metadata,
// get_shard_metadata, document_count) take no lock: call them when no write
// is in progress.
//
// Speed: replace_document(id term) looks the id up in the shard's B-tree
// (a new cursor and a descent per document). A shard that was empty when
// the run opened it cannot hold an id this run has not written, so the first
// time an id is seen there it is added with add_document(); ids seen before
// (same record twice in the input) and every id of a shard that already had
// documents go through replace_document().
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
  // flush_threshold: see IndexOptions (0 = $XAPIAN_FLUSH_THRESHOLD, else
  // kDefaultFlushThreshold). Sets XAPIAN_FLUSH_THRESHOLD in the process
  // environment, which is how Xapian 1.4 reads it: construct writers before
  // starting threads that read the environment.
  // Throws IndexError (locked, unreadable, incompatible schema version).
  ShardedWriter(const std::string& dir, unsigned shards, size_t flush_threshold = 0);
  static constexpr size_t kDefaultFlushThreshold = 2000;
  ~ShardedWriter();
  ShardedWriter(const ShardedWriter&) = delete;
  ShardedWriter& operator=(const ShardedWriter&) = delete;

  unsigned shard_count() const { return static_cast<unsigned>(shards_.size()); }
  unsigned shard_of(const std::string& id_term) const;
  // True when the index existed with another shard count than requested.
  bool shard_count_overridden() const { return overridden_; }

  // Hands a batch of documents of one shard to the writer. If no other
  // thread is writing that shard, the caller writes them (and whatever other
  // threads queued meanwhile); otherwise they are queued for that thread and
  // submit() returns at once, so the caller can go on analysing instead of
  // waiting. A shard's queue is bounded (kMaxQueuedDocs): past it, submit()
  // waits for the shard and writes. Every submitted document is in the
  // shard's open transaction by the time commit_shard() returns.
  void submit(unsigned shard, std::vector<PendingDoc>&& docs);
  static constexpr size_t kMaxQueuedDocs = 8192;
  // Writes the shard's queue and commits its transaction.
  void commit_shard(unsigned shard);
  void commit_all();

  // Writes key=value to every shard's metadata (committed with the next commit).
  void set_metadata(const std::string& key, const std::string& value);
  std::string get_metadata(const std::string& key) const;  // from shard 0
  std::string get_shard_metadata(unsigned shard, const std::string& key) const;

  uint64_t document_count() const;
  const std::string& dir() const { return dir_; }
  // Whether Xapian's per-document zlib streams are set up cheaply in this
  // process (indexer/compression.h): true in the vigie executable.
  bool compression_tuned() const { return compression_tuned_; }

 private:
  struct Shard {
    std::unique_ptr<Xapian::WritableDatabase> db;
    std::mutex mutex;  // held while writing to db; guards db, fresh, seen
    // Batches submitted while another thread held `mutex` (guarded by queue_mutex).
    std::mutex queue_mutex;
    std::vector<std::vector<PendingDoc>> queue;
    size_t queued_docs = 0;
    void drain();  // writes the queue; needs `mutex`
    // Empty when opened: ids written by this run (64-bit hashes; a collision
    // only costs a replace_document()). Unused otherwise.
    bool fresh = false;
    std::unordered_set<uint64_t> seen;
    void write(const PendingDoc& d);
  };
  std::string dir_;
  bool compression_tuned_ = false;
  int lock_fd_ = -1;
  bool overridden_ = false;
  std::vector<std::unique_ptr<Shard>> shards_;
};

// Paths of the shards of an existing index directory (stub or plain), for
// readers that need them one by one (stats per shard, checks).
std::vector<std::string> shard_paths(const std::string& dir);

}  // namespace vigie::indexer
