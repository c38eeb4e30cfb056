#include "indexer/shard_writer.h"

#include <exception>
#include <thread>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "core/hash.h"
#include "core/schema.h"

namespace fs = std::filesystem;

namespace vigie::indexer {
namespace {

bool is_plain_xapian_db(const fs::path& dir) {
  return fs::exists(dir / "iamglass") || fs::exists(dir / "iamchert") || fs::exists(dir / "iamhoney");
}

std::string shard_name(unsigned i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "shard-%03u", i);
  return buf;
}

std::vector<std::string> read_stub(const fs::path& stub) {
  std::ifstream in(stub);
  std::vector<std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string type, path;
    if (!(ls >> type >> path) || type[0] == '#') continue;
    out.push_back(type == "auto" || type == "glass" ? (stub.parent_path() / path).string() : type + " " + path);
  }
  return out;
}

int acquire_lock(const fs::path& dir) {
  const fs::path lock = dir / "vigie.lock";
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) throw IndexError("cannot create lock file " + lock.string() + ": " + std::strerror(errno));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {0};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "?";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    throw IndexError("index " + dir.string() + " is locked by PID " + pid +
                     " (another vigie index is writing to it)");
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The lock holds even if the PID could not be written.
  }
  return fd;
}

}  // namespace

std::vector<std::string> shard_paths(const std::string& dir) {
  fs::path d(dir);
  if (fs::is_regular_file(d)) return read_stub(d);
  if (fs::exists(d / "XAPIANDB")) return read_stub(d / "XAPIANDB");
  if (is_plain_xapian_db(d)) return {dir};
  return {};
}

ShardedWriter::ShardedWriter(const std::string& dir, unsigned shards, size_t flush_threshold) : dir_(dir) {
  // Xapian 1.4 has no API for its flush threshold; each WritableDatabase
  // reads the environment when it opens.
  if (flush_threshold) ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(flush_threshold).c_str(), 1);
  else ::setenv("XAPIAN_FLUSH_THRESHOLD", std::to_string(kDefaultFlushThreshold).c_str(), 0);
  fs::path d(dir);
  std::error_code ec;
  if (fs::exists(d) && !fs::is_directory(d))
    throw IndexError(dir + " exists and is not a directory (an index is a directory)");
  fs::create_directories(d, ec);
  if (ec) throw IndexError("cannot create index directory " + dir + ": " + ec.message());
  lock_fd_ = acquire_lock(d);
  // A constructor that throws runs no destructor: give the lock back then,
  // so that the caller (a test, a server) may open the index again.
  struct LockGuard {
    int& fd;
    bool armed = true;
    ~LockGuard() {
      if (armed && fd >= 0) ::close(fd);
      if (armed) fd = -1;
    }
  } guard{lock_fd_};

  std::vector<std::string> paths;
  bool created = false;  // this run made the shards and the stub
  if (is_plain_xapian_db(d)) {
    paths.push_back(dir);
    if (shards > 1) overridden_ = true;
  } else if (fs::exists(d / "XAPIANDB")) {
    paths = shard_paths(dir);
    for (const auto& p : paths)
      if (p.rfind("remote", 0) == 0) throw IndexError("cannot write to remote shard '" + p + "' of " + dir);
    if (shards && shards != paths.size()) overridden_ = true;
  } else {
    const unsigned n = shards ? shards : 1;
    std::string stub;
    for (unsigned i = 0; i < n; ++i) {
      paths.push_back((d / shard_name(i)).string());
      stub += "auto " + shard_name(i) + "\n";
    }
    // Create the shards first, the stub last: a stub never names a missing shard.
    for (const auto& p : paths) Xapian::WritableDatabase(p, Xapian::DB_CREATE_OR_OPEN);
    const fs::path tmp = d / "XAPIANDB.tmp";
    {
      std::ofstream out(tmp);
      out << stub;
      if (!out) throw IndexError("cannot write " + tmp.string());
    }
    fs::rename(tmp, d / "XAPIANDB");
    created = true;
  }
  try {
    for (unsigned i = 0; i < paths.size(); ++i) {
      auto s = std::make_unique<Shard>();
      s->db = std::make_unique<Xapian::WritableDatabase>(paths[i], Xapian::DB_CREATE_OR_OPEN);
      // Every batch between commits is a transaction: if the run dies or
      // fails (disk full...), the shard stays at its last commit.
      s->db->begin_transaction(/*flushed=*/true);
      const std::string v = s->db->get_metadata(std::string(schema::meta::kSchemaVersion));
      if (!v.empty() && v != std::to_string(schema::kSchemaVersion))
        throw IndexError("index " + dir + " has schema version " + v + ", this vigie writes version " +
                         std::to_string(schema::kSchemaVersion) + "; re-index into a new directory");
      s->fresh = s->db->get_doccount() == 0;
      s->db->set_metadata(std::string(schema::meta::kShards),
                          std::to_string(i) + "/" + std::to_string(paths.size()));
      s->db->set_metadata(std::string(schema::meta::kSchemaVersion), std::to_string(schema::kSchemaVersion));
      shards_.push_back(std::move(s));
    }
  } catch (const Xapian::DatabaseLockError& e) {
    throw IndexError("index " + dir + " is locked by another writer: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    // A new index whose shards cannot all be opened (too many open files...)
    // is taken back, so that the directory stays usable for the next run.
    if (created) {
      shards_.clear();
      fs::remove(d / "XAPIANDB", ec);
      for (const auto& p : paths) fs::remove_all(p, ec);
    }
    throw IndexError("cannot open index " + dir + ": " + e.get_description() +
                     (created ? " (nothing was kept; try fewer --shards)" : ""));
  }
  guard.armed = false;
}

ShardedWriter::~ShardedWriter() {
  // No implicit commit: destroying a WritableDatabase inside a transaction
  // abandons the transaction, so a failed run leaves the last commit intact.
  shards_.clear();
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

unsigned ShardedWriter::shard_of(const std::string& id_term) const {
  return static_cast<unsigned>(fnv1a64(id_term) % shards_.size());
}

void ShardedWriter::Shard::write(const PendingDoc& d) {
  // Seeded differently from shard_of(), whose hashes all share this shard's residue.
  if (fresh && seen.insert(fnv1a64(d.id_term, 0x9e3779b97f4a7c15ULL)).second) db->add_document(d.doc);
  else db->replace_document(d.id_term, d.doc);
}

void ShardedWriter::Shard::drain() {
  std::vector<std::vector<PendingDoc>> batches;
  for (;;) {
    {
      std::lock_guard q(queue_mutex);
      if (queue.empty()) return;
      batches.swap(queue);
      queued_docs = 0;
    }
    for (auto& b : batches)
      for (const auto& d : b) write(d);
    batches.clear();
  }
}

void ShardedWriter::submit(unsigned shard, std::vector<PendingDoc>&& docs) {
  if (docs.empty()) return;
  Shard& s = *shards_[shard];
  size_t queued = 0;
  {
    std::lock_guard q(s.queue_mutex);
    s.queued_docs += docs.size();
    queued = s.queued_docs;
    s.queue.push_back(std::move(docs));
  }
  // A combining lock: whoever holds the shard writes what others queued.
  // The re-check after unlocking closes the gap between a holder's last
  // drain and its unlock, during which another thread's try_lock failed.
  for (;;) {
    std::unique_lock lock(s.mutex, std::try_to_lock);
    if (!lock.owns_lock()) {
      if (queued <= kMaxQueuedDocs) return;  // the holder will write ours
      lock.lock();                           // back-pressure: wait for the shard
    }
    s.drain();
    lock.unlock();
    std::lock_guard q(s.queue_mutex);
    if (s.queue.empty()) return;
    queued = s.queued_docs;
  }
}

void ShardedWriter::commit_shard(unsigned shard) {
  Shard& s = *shards_[shard];
  const TerminateNote note("committing a shard of the index");
  std::lock_guard lock(s.mutex);
  s.drain();
  s.db->commit_transaction();
  s.db->begin_transaction(/*flushed=*/true);
}

void ShardedWriter::commit_all() {
  std::vector<std::exception_ptr> failed(shards_.size());
  auto commit = [&](unsigned i) {
    try {
      commit_shard(i);
    } catch (...) {
      failed[i] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  threads.reserve(shards_.size());
  for (unsigned i = 1; i < shards_.size(); ++i) threads.emplace_back(commit, i);
  if (!shards_.empty()) commit(0);
  for (auto& t : threads) t.join();
  for (auto& e : failed)
    if (e) std::rethrow_exception(e);
}

void ShardedWriter::set_metadata(const std::string& key, const std::string& value) {
  for (auto& s : shards_) {
    std::lock_guard lock(s->mutex);
    s->db->set_metadata(key, value);
  }
}

std::string ShardedWriter::get_metadata(const std::string& key) const {
  return shards_.empty() ? std::string() : shards_[0]->db->get_metadata(key);
}

std::string ShardedWriter::get_shard_metadata(unsigned shard, const std::string& key) const {
  return shards_.at(shard)->db->get_metadata(key);
}

uint64_t ShardedWriter::document_count() const {
  uint64_t n = 0;
  for (const auto& s : shards_) n += s->db->get_doccount();
  return n;
}

}  // namespace vigie::indexer
