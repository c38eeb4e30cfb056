// ShardedWriter: many threads submitting to few shards lose nothing and keep
// ids unique (the combining queue of submit()), a fresh shard still replaces
// an id written twice in one run, a non-fresh shard replaces ids of earlier
// runs, and the flush threshold reaches Xapian through the environment.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <xapian.h>

#include "core/errors.h"

#include "indexer/shard_writer.h"

namespace fs = std::filesystem;
using vigie::indexer::PendingDoc;
using vigie::indexer::ShardedWriter;

namespace {

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("vigie-shard-writer-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string str() const { return path_.string(); }

 private:
  fs::path path_;
};

PendingDoc doc(const std::string& id, const std::string& word) {
  PendingDoc d;
  d.id_term = "Qtweet:" + id;
  d.doc.add_boolean_term(d.id_term);
  d.doc.add_posting(word, 1);
  d.doc.set_data(word);
  return d;
}

// Submits ids [first, first + n) with the given word, in batches of `batch`,
// routed as the pipeline routes them.
void submit_range(ShardedWriter& w, int first, int n, int batch, const std::string& word) {
  for (int b = first; b < first + n; b += batch) {
    std::vector<std::vector<PendingDoc>> by_shard(w.shard_count());
    for (int i = b; i < std::min(first + n, b + batch); ++i) {
      PendingDoc d = doc(std::to_string(i), word);
      by_shard[w.shard_of(d.id_term)].push_back(std::move(d));
    }
    for (unsigned s = 0; s < w.shard_count(); ++s) w.submit(s, std::move(by_shard[s]));
  }
}

Xapian::doccount count_of(const std::string& dir, const std::string& term) {
  Xapian::Database db(dir);
  return db.get_termfreq(term);
}

// A new index whose shards cannot all be open at once (too few file
// descriptors) is taken back, so the same directory works afterwards.
TEST(ShardedWriter, ANewIndexThatCannotOpenItsShardsIsRemoved) {
  TempDir dir;
  size_t open_now = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator("/proc/self/fd")) ++open_now;
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = open_now + 24;  // enough to create shards one by one, not to hold 40
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
  bool threw = false;
  try {
    ShardedWriter w(dir.str(), 40, 0);
  } catch (const vigie::IndexError&) {
    threw = true;
  }
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &saved), 0);
  EXPECT_TRUE(threw);
  EXPECT_FALSE(fs::exists(fs::path(dir.str()) / "XAPIANDB"));
  ShardedWriter again(dir.str(), 2, 0);
  EXPECT_EQ(again.shard_count(), 2u);
}

}  // namespace

TEST(ShardedWriter, ConcurrentSubmitsAreAllWrittenOnce) {
  TempDir dir;
  constexpr int kThreads = 6, kPerThread = 3000;
  {
    ShardedWriter w(dir.str(), 2);
    std::vector<std::thread> threads;
    // Six threads submit disjoint ids at once ("early"), then six threads
    // submit the same ids again ("late"): each id must be there once, with
    // its later text, whatever the interleaving of the shard queues.
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&w, t] { submit_range(w, t * kPerThread, kPerThread, 97, "early"); });
    }
    for (auto& t : threads) t.join();
    threads.clear();
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&w, t] { submit_range(w, t * kPerThread, kPerThread, 131, "late"); });
    }
    for (auto& t : threads) t.join();
    w.commit_all();
  }
  Xapian::Database db(dir.str());
  EXPECT_EQ(db.get_doccount(), static_cast<Xapian::doccount>(kThreads * kPerThread));
  EXPECT_EQ(count_of(dir.str(), "late"), static_cast<Xapian::doccount>(kThreads * kPerThread));
  EXPECT_EQ(count_of(dir.str(), "early"), 0u);
}

TEST(ShardedWriter, QueuedDocumentsAreCommittedByCommitShard) {
  TempDir dir;
  {
    ShardedWriter w(dir.str(), 1);
    // More than the queue bound, from several threads at once.
    const int n = static_cast<int>(ShardedWriter::kMaxQueuedDocs) * 2;
    std::thread a([&] { submit_range(w, 0, n, 500, "x"); });
    std::thread b([&] { submit_range(w, n, n, 700, "x"); });
    a.join();
    b.join();
    w.commit_shard(0);
  }
  EXPECT_EQ(Xapian::Database(dir.str()).get_doccount(),
            static_cast<Xapian::doccount>(ShardedWriter::kMaxQueuedDocs * 4));
}

TEST(ShardedWriter, ANonFreshShardReplacesIdsOfEarlierRuns) {
  TempDir dir;
  {
    ShardedWriter w(dir.str(), 2);
    submit_range(w, 0, 100, 10, "first");
    w.commit_all();
  }
  {
    ShardedWriter w(dir.str(), 2);
    submit_range(w, 50, 100, 10, "second");
    w.commit_all();
  }
  EXPECT_EQ(Xapian::Database(dir.str()).get_doccount(), 150u);
  EXPECT_EQ(count_of(dir.str(), "first"), 50u);
  EXPECT_EQ(count_of(dir.str(), "second"), 100u);
}

TEST(ShardedWriter, FlushThresholdReachesXapianThroughTheEnvironment) {
  TempDir dir;
  ::unsetenv("XAPIAN_FLUSH_THRESHOLD");
  { ShardedWriter w(dir.str() + "-a", 1); }
  ASSERT_NE(std::getenv("XAPIAN_FLUSH_THRESHOLD"), nullptr);
  EXPECT_EQ(std::string(std::getenv("XAPIAN_FLUSH_THRESHOLD")),
            std::to_string(ShardedWriter::kDefaultFlushThreshold));
  ::setenv("XAPIAN_FLUSH_THRESHOLD", "777", 1);  // the user's setting is kept
  { ShardedWriter w(dir.str() + "-b", 1); }
  EXPECT_EQ(std::string(std::getenv("XAPIAN_FLUSH_THRESHOLD")), "777");
  { ShardedWriter w(dir.str() + "-c", 1, 123); }  // an explicit option wins
  EXPECT_EQ(std::string(std::getenv("XAPIAN_FLUSH_THRESHOLD")), "123");
  ::unsetenv("XAPIAN_FLUSH_THRESHOLD");
  for (const char* s : {"-a", "-b", "-c"}) fs::remove_all(dir.str() + s);
}
