#include "indexer/pipeline.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>

#include "core/errors.h"
#include "core/schema.h"
#include "core/time.h"
#include "indexer/checkpoint.h"
#include "indexer/document_builder.h"
#include "indexer/duplicates.h"
#include "indexer/rejects.h"
#include "indexer/shard_writer.h"
#include "indexer/tbb_stages.h"

namespace fs = std::filesystem;

namespace vigie::indexer {
namespace {

using Clock = std::chrono::steady_clock;

// What travels through the pipeline: one chunk and what became of it.
struct Batch {
  Chunk chunk;
  uint64_t input = 0;                // index of the input the chunk came from
  uint64_t last_line = 0;            // last line of the input covered by this batch
  std::vector<uint64_t> oversized;   // lines skipped for size (reader)
  std::string input_error;           // reader failure after this chunk
  std::vector<Reject> rejects;
  std::vector<std::vector<PendingDoc>> by_shard;
  uint64_t records = 0;
  uint64_t bytes = 0;
  // Set by the accounting stage: the rejects log size and the record count
  // once this batch is accounted for (what a checkpoint after it records).
  uint64_t rejects_end = 0;
  uint64_t records_end = 0;
};

struct Worker {
  explicit Worker(const ParseOptions& p) : parser(p) {}
  RecordParser parser;
  analytics::Analyzer::Workspace ws;
  std::vector<Record> records;
  analytics::Analysis analysis;
};

void check_inputs(const std::vector<std::string>& inputs) {
  if (inputs.empty()) throw UsageError("no input files (give files, or - for standard input)");
  int stdin_count = 0;
  for (const auto& p : inputs) {
    if (p == "-") {
      ++stdin_count;
      continue;
    }
    std::error_code ec;
    auto st = fs::status(p, ec);
    if (ec || !fs::exists(st)) throw InputError("input not found: " + p);
    if (fs::is_directory(st))
      throw InputError("input is a directory: " + p + " (give the files inside it, e.g. " + p + "/*)");
    if (fs::is_character_file(st) || fs::is_block_file(st))
      throw InputError("input is a device, not a file or a pipe: " + p);
  }
  if (stdin_count > 1) throw UsageError("standard input (-) given more than once");
}

bool is_regular_file(const std::string& p) {
  std::error_code ec;
  return fs::is_regular_file(fs::status(p, ec));
}

// Drops the first n lines of a chunk of lines (resume inside a chunk).
void drop_lines(Chunk& c, uint64_t n) {
  size_t pos = 0;
  for (uint64_t k = 0; k < n && pos < c.data.size(); ++k) {
    size_t nl = c.data.find('\n', pos);
    pos = nl == std::string::npos ? c.data.size() : nl + 1;
  }
  c.data.erase(0, pos);
  c.first_line += n;
  c.line_count -= std::min(n, c.line_count);
}

// The checkpoint to resume from: the lowest over the shards, if every shard
// has one for exactly these inputs.
std::optional<Checkpoint> find_checkpoint(const ShardedWriter& writer, const std::vector<InputIdentity>& inputs) {
  std::optional<Checkpoint> lowest;
  for (unsigned s = 0; s < writer.shard_count(); ++s) {
    auto c = Checkpoint::decode(writer.get_shard_metadata(s, std::string(schema::meta::kCheckpoint)));
    if (!c || c->inputs != inputs) return std::nullopt;
    if (!lowest || c->before(*lowest)) lowest = c;
  }
  for (const auto& i : inputs)
    if (i.path == "-" || !is_regular_file(i.path)) return std::nullopt;  // streams restart
  return lowest;
}

}  // namespace

// The rejects log is truncated when a run starts: it must not be an input.
void check_rejects_path(const std::string& rejects, const std::vector<std::string>& inputs) {
  std::error_code ec;
  if (!fs::exists(rejects, ec)) return;
  for (const auto& p : inputs)
    if (p != "-" && fs::equivalent(rejects, p, ec))
      throw UsageError("--rejects " + rejects + " is one of the inputs; give another file");
}

IndexSummary run_index(const IndexOptions& options,
                       const std::function<void(const IndexProgress&)>& progress) {
  check_inputs(options.inputs);
  check_rejects_path(options.rejects_path.empty() ? (fs::path(options.db) / "rejects.log").string()
                                                  : options.rejects_path,
                     options.inputs);
  const auto start = Clock::now();
  const unsigned threads = options.threads ? options.threads : unsigned(tbb::info::default_concurrency());

  IndexSummary summary;
  ShardedWriter writer(options.db, options.shards ? options.shards : threads, options.flush_threshold);
  if (writer.shard_count_overridden())
    summary.warnings.push_back("index has " + std::to_string(writer.shard_count()) +
                               " shards; --shards is ignored for an existing index");
  summary.shards = writer.shard_count();
  summary.rejects_path = options.rejects_path.empty() ? (fs::path(options.db) / "rejects.log").string()
                                                      : options.rejects_path;

  const auto identities = identify_inputs(options.inputs);
  std::optional<Checkpoint> resume_from;
  if (options.resume) resume_from = find_checkpoint(writer, identities);
  summary.resumed = resume_from.has_value();
  RejectsLog rejects(summary.rejects_path, resume_from ? resume_from->rejects_bytes : 0);

  const Partition& part = options.partition;
  {
    // One index, one partition: documents of another K/N would be counted
    // twice once the partitions' indexes are listed in one stub.
    const std::string want = part.n > 1 ? std::to_string(part.k) + "/" + std::to_string(part.n) : "";
    const std::string had = writer.get_metadata(std::string(schema::meta::kPartition));
    if (had != want && (!had.empty() || writer.document_count() > 0))
      throw UsageError("index " + options.db + " holds " + (had.empty() ? "every partition" : "partition " + had) +
                       "; it cannot take " + (want.empty() ? "every record" : "partition " + want) +
                       " (index it into another directory)");
    if (!want.empty()) writer.set_metadata(std::string(schema::meta::kPartition), want);
  }
  std::atomic<uint64_t> other_partitions{0};

  analytics::Analyzer analyzer(options.analyzer);
  for (const auto& [k, v] : analyzer.versions()) writer.set_metadata(k, v);
  if (writer.get_metadata(std::string(schema::meta::kCreated)).empty())
    writer.set_metadata(std::string(schema::meta::kCreated),
                        time::format_datetime(std::chrono::duration_cast<std::chrono::seconds>(
                                                  std::chrono::system_clock::now().time_since_epoch())
                                                  .count()));

  DuplicateFlagger duplicates;  // touched by the serial account stage only
  if (writer.document_count() > 0) duplicates.seed(Xapian::Database(options.db));

  tbb::enumerable_thread_specific<std::unique_ptr<Worker>> workers;
  const unsigned nshards = writer.shard_count();
  const size_t tokens = options.max_tokens ? options.max_tokens : 2 * size_t(threads);

  // ---- stage state (each touched by one serial stage only) ----
  size_t input_index = resume_from ? resume_from->input : 0;
  uint64_t skip_lines = resume_from ? resume_from->line : 0;  // of inputs[input_index]
  uint64_t line_reached = 0;  // last line of inputs[input_index] read so far
  std::unique_ptr<InputSource> source;
  uint64_t sequence = 0;
  auto last_progress = start;
  uint64_t records_base = resume_from ? resume_from->records : 0;
  uint64_t uncommitted = 0;

  auto commit_with_checkpoint = [&](uint64_t input, uint64_t line, uint64_t rejects_end, uint64_t records_end,
                                    bool final) {
    rejects.flush();  // the log on disk is at least rejects_end long
    Checkpoint c;
    c.inputs = identities;
    c.input = input;
    c.line = line;
    c.rejects_bytes = rejects_end;
    c.records = records_base + records_end;
    writer.set_metadata(std::string(schema::meta::kCheckpoint), final ? std::string() : c.encode());
    writer.commit_all();
    uncommitted = 0;
  };

  auto read = [&](tbb::flow_control& fc) -> std::shared_ptr<Batch> {
    for (;;) {
      if (!source) {
        if (input_index == options.inputs.size()) {
          fc.stop();
          return nullptr;
        }
        source = InputSource::open(options.inputs[input_index], options.input);
        ++summary.files;
      }
      auto b = std::make_shared<Batch>();
      b->input = input_index;
      bool got = false;
      try {
        got = source->next(b->chunk);
      } catch (const InputError& e) {
        b->input_error = e.what();
        b->chunk.first_line = line_reached + 1;  // where the input broke off
      }
      b->oversized = source->take_oversized_lines();
      b->chunk.file = options.inputs[input_index];
      const uint64_t end_line = got ? b->chunk.first_line + b->chunk.line_count - 1 : 0;
      b->last_line = end_line;
      if (got) line_reached = end_line;
      if (skip_lines) {  // resuming: drop what the checkpoint has
        std::erase_if(b->oversized, [&](uint64_t l) { return l <= skip_lines; });
        if (got) {
          if (end_line <= skip_lines) {
            summary.skipped_lines += b->chunk.line_count;
            b->chunk.data.clear();
          } else if (b->chunk.first_line <= skip_lines) {
            const uint64_t n = skip_lines - b->chunk.first_line + 1;
            summary.skipped_lines += n;
            if (b->chunk.whole_document) b->chunk.data.clear();  // a document is all or nothing
            else drop_lines(b->chunk, n);
          }
        }
      }
      if (!got || !b->input_error.empty()) {
        source.reset();
        // An input that changed while it was read may have lost or torn
        // lines: say so, naming the file, in the rejects log.
        const auto now = identify_inputs({options.inputs[input_index]}).front();
        const auto& then = identities[input_index];
        // A pipe or FIFO is a stream: its size and time say nothing.
        if (then.path != "-" && is_regular_file(then.path) && !(now == then) && b->input_error.empty())
          b->input_error = then.path + ": input changed while it was being read (size " +
                           std::to_string(then.size) + " -> " + std::to_string(now.size) +
                           " bytes); index it again once it is complete";
        ++input_index;
        skip_lines = 0;
        line_reached = 0;
      }
      if (got || !b->input_error.empty() || !b->oversized.empty()) {
        b->chunk.sequence = sequence++;
        return b;
      }
    }
  };

  auto analyse = [&](std::shared_ptr<Batch> b) -> std::shared_ptr<Batch> {
    if (!b->chunk.data.empty()) {
      auto& slot = workers.local();
      if (!slot) slot = std::make_unique<Worker>(options.parse);
      Worker& w = *slot;
      w.records.clear();
      w.parser.parse(b->chunk, w.records, b->rejects);
      b->by_shard.resize(nshards);
      for (const Record& r : w.records) {
        // Decided before the analysis: the other partitions cost only parsing.
        if (part.n > 1 && !in_partition(schema::id_term(kind_name(r.kind), r.id), part)) {
          other_partitions.fetch_add(1, std::memory_order_relaxed);
          continue;
        }
        analyzer.analyze(r, w.ws, w.analysis);
        PendingDoc d;
        d.doc = build_document(r, w.analysis, w.ws.stemmers, d.id_term);
        b->by_shard[writer.shard_of(d.id_term)].push_back(std::move(d));
        ++b->records;
      }
      b->bytes = b->chunk.data.size();
      b->chunk.data = std::string();  // release the raw bytes early
    }
    return b;
  };

  auto account = [&](std::shared_ptr<Batch> b) -> std::shared_ptr<Batch> {
    for (auto& shard : b->by_shard)
      for (auto& d : shard) duplicates.mark(d);
    for (uint64_t line : b->oversized) {
      Reject r;
      r.origin = Origin{b->chunk.file, line, 0};
      r.reason = "record larger than " + std::to_string(options.input.max_record_bytes >> 20) + " MiB";
      rejects.add(r);
    }
    rejects.add_all(b->rejects);
    if (!b->input_error.empty()) {
      Reject r;
      r.origin = Origin{b->chunk.file, b->chunk.line_count ? b->last_line + 1 : b->chunk.first_line, 0};
      r.reason = b->input_error;
      rejects.add(r);
    }
    summary.records += b->records;
    summary.bytes += b->bytes;
    b->rejects_end = rejects.bytes();
    b->records_end = summary.records;
    if (progress) {
      auto now = Clock::now();
      if (now - last_progress > std::chrono::milliseconds(250)) {
        last_progress = now;
        IndexProgress p;
        p.records = summary.records;
        p.rejects = rejects.count();
        p.bytes = summary.bytes;
        p.seconds = std::chrono::duration<double>(now - start).count();
        p.file = b->chunk.file;
        progress(p);
      }
    }
    return b;
  };

  // Each batch hands its documents to their shards' writers: a thread that
  // finds a shard busy queues its documents there and goes back to
  // analysing (ShardedWriter::submit), so N shards are written by up to N
  // threads at once and no thread waits while there is other work.
  auto write = [&](std::shared_ptr<Batch> b) -> std::shared_ptr<Batch> {
    const unsigned n = static_cast<unsigned>(b->by_shard.size());
    for (unsigned k = 0; k < n; ++k) {
      const unsigned s = static_cast<unsigned>((b->chunk.sequence + k) % n);
      writer.submit(s, std::move(b->by_shard[s]));
    }
    b->by_shard.clear();
    return b;
  };

  // In order: everything up to and including this batch is written, so a
  // checkpoint at its last line is safe.
  auto commit = [&](std::shared_ptr<Batch> b) {
    uncommitted += b->records;
    if (uncommitted >= options.commit_every * nshards)
      commit_with_checkpoint(b->input, b->last_line, b->rejects_end, b->records_end, false);
  };

  using BatchPtr = std::shared_ptr<Batch>;
  try {
    Stages stages;
    struct Finished {  // when a stage throws
      Stages& s;
      ~Finished() { s.finished(); }
    } finished{stages};
    const auto chain = tbb::make_filter<void, BatchPtr>(tbb::filter_mode::serial_in_order, stages.serial(read)) &
                       tbb::make_filter<BatchPtr, BatchPtr>(tbb::filter_mode::parallel, stages.parallel(analyse)) &
                       tbb::make_filter<BatchPtr, BatchPtr>(tbb::filter_mode::serial_in_order, stages.serial(account)) &
                       tbb::make_filter<BatchPtr, BatchPtr>(tbb::filter_mode::parallel, stages.parallel(write)) &
                       tbb::make_filter<BatchPtr, void>(tbb::filter_mode::serial_in_order, stages.serial(commit));
    stages.start();
    tbb::parallel_pipeline(tokens, chain);
    stages.finished();
    commit_with_checkpoint(options.inputs.size(), 0, rejects.bytes(), summary.records, /*final=*/true);
  } catch (const Xapian::Error& e) {
    // Disk full, I/O error...: the open transactions are abandoned when the
    // writer is destroyed, so every shard stays at its last commit, and the
    // checkpoint lets the same command resume once the cause is fixed.
    throw IndexError("writing index " + options.db + " failed: " + e.get_description() +
                     "; the index is left at its last commit - fix the cause and run the same command "
                     "again to resume");
  }
  summary.rejects = rejects.count();
  summary.records += records_base;
  summary.documents = writer.document_count();
  summary.other_partitions = other_partitions.load();
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (progress) {
    IndexProgress p;
    p.records = summary.records;
    p.rejects = summary.rejects;
    p.bytes = summary.bytes;
    p.seconds = summary.seconds;
    progress(p);
  }
  return summary;
}

}  // namespace vigie::indexer
