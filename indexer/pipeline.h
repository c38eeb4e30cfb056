// The indexing pipeline (oneTBB parallel_pipeline):
//   1. read   (serial, in order): InputSource cuts each input into chunks of
//                                 whole lines (a few MB);
//   2. parse + analyse (parallel): RecordParser -> Records and Rejects,
//                                 Analyzer -> Analysis, -> Xapian documents
//                                 bucketed by shard;
//   3. account (serial, in order): rejects log (in input order, so the log is
//                                 deterministic), counters, progress;
//   4. write  (parallel):          each shard's documents to its writer
//                                 (ShardedWriter::submit: written now, or
//                                 queued for the thread writing that shard);
//   5. commit (serial, in order):  every commit_every x shards documents,
//                                 records a checkpoint (input, line, rejects
//                                 log size) and commits every shard (a
//                                 commit first writes the shard's queue).
// Crash safety: each shard's changes between commits are one Xapian
// transaction, and the checkpoint is committed with them. After a kill, the
// same command resumes from the lowest checkpoint over the shards; documents
// replayed after it replace themselves (unique id terms), so the result
// equals a single clean run. The rejects log is cut back to its size at the
// checkpoint, so it has no repeated lines either.
// At most max_tokens chunks are in flight, plus at most
// ShardedWriter::kMaxQueuedDocs queued documents per shard, so memory stays
// flat whatever the input size. Threads are capped by the caller (tbb::global_control in app/).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "analytics/analyzer.h"
#include "indexer/partition.h"
#include "indexer/readers/input.h"
#include "indexer/readers/parser.h"

namespace vigie::indexer {

struct IndexOptions {
  std::string db;                  // index directory (created if missing)
  std::vector<std::string> inputs;  // files, or "-" for standard input
  std::string rejects_path;        // "" = <db>/rejects.log
  unsigned threads = 0;            // parallel workers (0 = all cores); informative, see app/
  unsigned shards = 0;             // 0 = threads for a new index, existing count otherwise
  size_t max_tokens = 0;           // chunks in flight (0 = 2 x threads)
  size_t commit_every = 50000;     // documents per shard between commits
  // Document changes Xapian buffers per shard before merging them into the
  // shard's B-trees (Xapian's XAPIAN_FLUSH_THRESHOLD, whose default is
  // 10000). Smaller buffers keep its per-term maps in cache: on 200k
  // make-corpus documents 2000 took 20-25% less CPU than 10000
  // (benchmarks/RESULTS.md). 0 = $XAPIAN_FLUSH_THRESHOLD if set, else 2000.
  size_t flush_threshold = 0;
  // Resume an interrupted run: when the index holds a checkpoint left by a
  // run over the same inputs (same paths, sizes and modification times),
  // skip the lines it had committed. A run that finishes clears it.
  bool resume = true;
  ParseOptions parse;              // format, --map, limits
  InputOptions input;              // chunk size, record size limit
  analytics::AnalyzerOptions analyzer;
  // Keep only the records of one partition (--partition K/N; see
  // indexer/partition.h). The index remembers its partition and refuses
  // another one.
  Partition partition;
};

struct IndexProgress {
  uint64_t records = 0;   // indexed so far
  uint64_t rejects = 0;
  uint64_t bytes = 0;     // input bytes (decompressed) consumed
  double seconds = 0;
  std::string file;       // current input
};

struct IndexSummary {
  uint64_t files = 0;
  uint64_t records = 0;         // records indexed (added or replaced)
  uint64_t rejects = 0;         // rejected records and lines
  uint64_t documents = 0;       // documents in the index after the run
  uint64_t bytes = 0;
  uint64_t skipped_lines = 0;   // lines skipped because a checkpoint had them
  uint64_t other_partitions = 0;  // records left to the other partitions' indexers
  bool resumed = false;
  unsigned shards = 0;
  double seconds = 0;
  std::string rejects_path;
  std::vector<std::string> warnings;
};

// Runs the pipeline. Throws UsageError / InputError / IndexError for what
// stops the whole run (unreadable index, missing input...); per-record
// problems are rejects. progress is called from a serial stage, at most a
// few times a second.
IndexSummary run_index(const IndexOptions& options,
                       const std::function<void(const IndexProgress&)>& progress = {});

}  // namespace vigie::indexer
