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

namespace {

using BatchPtr = std::shared_ptr<Batch>;

// One run of the pipeline: the index writer, the logs and each stage's
// state. Each stage is a member function; the state a serial stage touches
// is touched by that stage only.
class IndexRun {
 public:
  IndexRun(const IndexOptions& options, const std::function<void(const IndexProgress&)>& progress)
      : options_(options),
        progress_(progress),
        start_(Clock::now()),
        threads_(options.threads ? options.threads : unsigned(tbb::info::default_concurrency())),
        writer_(options.db, options.shards ? options.shards : threads_, options.flush_threshold),
        identities_(identify_inputs(options.inputs)),
        resume_from_(options.resume ? find_checkpoint(writer_, identities_) : std::nullopt),
        rejects_(rejects_path(options), resume_from_ ? resume_from_->rejects_bytes : 0),
        nshards_(writer_.shard_count()),
        tokens_(options.max_tokens ? options.max_tokens : 2 * size_t(threads_)) {
    if (writer_.shard_count_overridden())
      summary_.warnings.push_back("index has " + std::to_string(writer_.shard_count()) +
                                  " shards; --shards is ignored for an existing index");
    summary_.shards = writer_.shard_count();
    summary_.rejects_path = rejects_path(options);
    summary_.resumed = resume_from_.has_value();
    claim_partition();
    analyzer_.emplace(options.analyzer);
    write_versions();
    if (writer_.document_count() > 0) duplicates_.seed(Xapian::Database(options.db));
    if (resume_from_) {
      input_index_ = resume_from_->input;
      skip_lines_ = resume_from_->line;
      records_base_ = resume_from_->records;
    }
  }

  IndexSummary run();

 private:
  static std::string rejects_path(const IndexOptions& o) {
    return o.rejects_path.empty() ? (fs::path(o.db) / "rejects.log").string() : o.rejects_path;
  }

  // One index, one partition: documents of another K/N would be counted
  // twice once the partitions' indexes are listed in one stub.
  void claim_partition() {
    const Partition& part = options_.partition;
    const std::string want = part.n > 1 ? std::to_string(part.k) + "/" + std::to_string(part.n) : "";
    const std::string had = writer_.get_metadata(std::string(schema::meta::kPartition));
    if (had != want && (!had.empty() || writer_.document_count() > 0))
      throw UsageError("index " + options_.db + " holds " + (had.empty() ? "every partition" : "partition " + had) +
                       "; it cannot take " + (want.empty() ? "every record" : "partition " + want) +
                       " (index it into another directory)");
    if (!want.empty()) writer_.set_metadata(std::string(schema::meta::kPartition), want);
  }

  void write_versions() {
    for (const auto& [k, v] : analyzer_->versions()) writer_.set_metadata(k, v);
    if (writer_.get_metadata(std::string(schema::meta::kCreated)).empty())
      writer_.set_metadata(std::string(schema::meta::kCreated),
                           time::format_datetime(std::chrono::duration_cast<std::chrono::seconds>(
                                                     std::chrono::system_clock::now().time_since_epoch())
                                                     .count()));
  }

  void commit_with_checkpoint(uint64_t input, uint64_t line, uint64_t rejects_end, uint64_t records_end,
                              bool final);
  void report_progress(const std::string& file, uint64_t records, uint64_t rejects, double seconds);
  BatchPtr read(tbb::flow_control& fc);
  void skip_checkpointed(Batch& b, bool got, uint64_t end_line);
  void end_input(Batch& b);
  BatchPtr analyse(BatchPtr b);
  BatchPtr account(BatchPtr b);
  BatchPtr write(BatchPtr b);
  void commit(BatchPtr b);

  const IndexOptions& options_;
  const std::function<void(const IndexProgress&)>& progress_;
  const Clock::time_point start_;
  const unsigned threads_;
  IndexSummary summary_;
  ShardedWriter writer_;
  const std::vector<InputIdentity> identities_;
  const std::optional<Checkpoint> resume_from_;
  RejectsLog rejects_;
  std::optional<analytics::Analyzer> analyzer_;  // made once the partition is settled
  std::atomic<uint64_t> other_partitions_{0};
  DuplicateFlagger duplicates_;  // touched by the serial account stage only
  tbb::enumerable_thread_specific<std::unique_ptr<Worker>> workers_;
  const unsigned nshards_;
  const size_t tokens_;

  // ---- stage state (each touched by one serial stage only) ----
  size_t input_index_ = 0;
  uint64_t skip_lines_ = 0;    // of inputs[input_index_], when resuming
  uint64_t line_reached_ = 0;  // last line of inputs[input_index_] read so far
  std::unique_ptr<InputSource> source_;
  uint64_t sequence_ = 0;
  Clock::time_point last_progress_ = start_;
  uint64_t records_base_ = 0;
  uint64_t uncommitted_ = 0;
};

void IndexRun::commit_with_checkpoint(uint64_t input, uint64_t line, uint64_t rejects_end, uint64_t records_end,
                                      bool final) {
  rejects_.flush();  // the log on disk is at least rejects_end long
  Checkpoint c;
  c.inputs = identities_;
  c.input = input;
  c.line = line;
  c.rejects_bytes = rejects_end;
  c.records = records_base_ + records_end;
  writer_.set_metadata(std::string(schema::meta::kCheckpoint), final ? std::string() : c.encode());
  writer_.commit_all();
  uncommitted_ = 0;
}

void IndexRun::report_progress(const std::string& file, uint64_t records, uint64_t rejects, double seconds) {
  IndexProgress p;
  p.records = records;
  p.rejects = rejects;
  p.bytes = summary_.bytes;
  p.seconds = seconds;
  p.file = file;
  progress_(p);
}

// Resuming: drops what the checkpoint has.
void IndexRun::skip_checkpointed(Batch& b, bool got, uint64_t end_line) {
  std::erase_if(b.oversized, [&](uint64_t l) { return l <= skip_lines_; });
  if (!got) return;
  if (end_line <= skip_lines_) {
    summary_.skipped_lines += b.chunk.line_count;
    b.chunk.data.clear();
  } else if (b.chunk.first_line <= skip_lines_) {
    const uint64_t n = skip_lines_ - b.chunk.first_line + 1;
    summary_.skipped_lines += n;
    if (b.chunk.whole_document) b.chunk.data.clear();  // a document is all or nothing
    else drop_lines(b.chunk, n);
  }
}

// The input is read to its end or broke off: move on to the next one.
void IndexRun::end_input(Batch& b) {
  source_.reset();
  // An input that changed while it was read may have lost or torn
  // lines: say so, naming the file, in the rejects log.
  const auto now = identify_inputs({options_.inputs[input_index_]}).front();
  const auto& then = identities_[input_index_];
  // A pipe or FIFO is a stream: its size and time say nothing.
  if (then.path != "-" && is_regular_file(then.path) && !(now == then) && b.input_error.empty())
    b.input_error = then.path + ": input changed while it was being read (size " + std::to_string(then.size) +
                    " -> " + std::to_string(now.size) + " bytes); index it again once it is complete";
  ++input_index_;
  skip_lines_ = 0;
  line_reached_ = 0;
}

BatchPtr IndexRun::read(tbb::flow_control& fc) {
  for (;;) {
    if (!source_) {
      if (input_index_ == options_.inputs.size()) {
        fc.stop();
        return nullptr;
      }
      source_ = InputSource::open(options_.inputs[input_index_], options_.input);
      ++summary_.files;
    }
    auto b = std::make_shared<Batch>();
    b->input = input_index_;
    bool got = false;
    try {
      got = source_->next(b->chunk);
    } catch (const InputError& e) {
      b->input_error = e.what();
      b->chunk.first_line = line_reached_ + 1;  // where the input broke off
    }
    b->oversized = source_->take_oversized_lines();
    b->chunk.file = options_.inputs[input_index_];
    const uint64_t end_line = got ? b->chunk.first_line + b->chunk.line_count - 1 : 0;
    b->last_line = end_line;
    if (got) line_reached_ = end_line;
    if (skip_lines_) skip_checkpointed(*b, got, end_line);
    if (!got || !b->input_error.empty()) end_input(*b);
    if (got || !b->input_error.empty() || !b->oversized.empty()) {
      b->chunk.sequence = sequence_++;
      return b;
    }
  }
}

BatchPtr IndexRun::analyse(BatchPtr b) {
  if (b->chunk.data.empty()) return b;
  auto& slot = workers_.local();
  if (!slot) slot = std::make_unique<Worker>(options_.parse);
  Worker& w = *slot;
  w.records.clear();
  w.parser.parse(b->chunk, w.records, b->rejects);
  b->by_shard.resize(nshards_);
  const Partition& part = options_.partition;
  for (const Record& r : w.records) {
    // Decided before the analysis: the other partitions cost only parsing.
    if (part.n > 1 && !in_partition(schema::id_term(kind_name(r.kind), r.id), part)) {
      other_partitions_.fetch_add(1, std::memory_order_relaxed);
      continue;
    }
    analyzer_->analyze(r, w.ws, w.analysis);
    PendingDoc d;
    d.doc = build_document(r, w.analysis, w.ws.stemmers, d.id_term);
    b->by_shard[writer_.shard_of(d.id_term)].push_back(std::move(d));
    ++b->records;
  }
  b->bytes = b->chunk.data.size();
  b->chunk.data = std::string();  // release the raw bytes early
  return b;
}

BatchPtr IndexRun::account(BatchPtr b) {
  for (auto& shard : b->by_shard)
    for (auto& d : shard) duplicates_.mark(d);
  for (uint64_t line : b->oversized) {
    Reject r;
    r.origin = Origin{b->chunk.file, line, 0};
    r.reason = "record larger than " + std::to_string(options_.input.max_record_bytes >> 20) + " MiB";
    rejects_.add(r);
  }
  rejects_.add_all(b->rejects);
  if (!b->input_error.empty()) {
    Reject r;
    r.origin = Origin{b->chunk.file, b->chunk.line_count ? b->last_line + 1 : b->chunk.first_line, 0};
    r.reason = b->input_error;
    rejects_.add(r);
  }
  summary_.records += b->records;
  summary_.bytes += b->bytes;
  b->rejects_end = rejects_.bytes();
  b->records_end = summary_.records;
  if (progress_) {
    auto now = Clock::now();
    if (now - last_progress_ > std::chrono::milliseconds(250)) {
      last_progress_ = now;
      report_progress(b->chunk.file, summary_.records, rejects_.count(),
                      std::chrono::duration<double>(now - start_).count());
    }
  }
  return b;
}

// Each batch hands its documents to their shards' writers: a thread that
// finds a shard busy queues its documents there and goes back to
// analysing (ShardedWriter::submit), so N shards are written by up to N
// threads at once and no thread waits while there is other work.
BatchPtr IndexRun::write(BatchPtr b) {
  const unsigned n = static_cast<unsigned>(b->by_shard.size());
  for (unsigned k = 0; k < n; ++k) {
    const unsigned s = static_cast<unsigned>((b->chunk.sequence + k) % n);
    writer_.submit(s, std::move(b->by_shard[s]));
  }
  b->by_shard.clear();
  return b;
}

// In order: everything up to and including this batch is written, so a
// checkpoint at its last line is safe.
void IndexRun::commit(BatchPtr b) {
  uncommitted_ += b->records;
  if (uncommitted_ >= options_.commit_every * nshards_)
    commit_with_checkpoint(b->input, b->last_line, b->rejects_end, b->records_end, false);
}

IndexSummary IndexRun::run() {
  try {
    Stages stages;
    struct Finished {  // when a stage throws
      Stages& s;
      ~Finished() { s.finished(); }
    } finished{stages};
    const auto chain =
        tbb::make_filter<void, BatchPtr>(tbb::filter_mode::serial_in_order,
                                         stages.serial([this](tbb::flow_control& fc) { return read(fc); })) &
        tbb::make_filter<BatchPtr, BatchPtr>(tbb::filter_mode::parallel,
                                             stages.parallel([this](BatchPtr b) { return analyse(std::move(b)); })) &
        tbb::make_filter<BatchPtr, BatchPtr>(tbb::filter_mode::serial_in_order,
                                             stages.serial([this](BatchPtr b) { return account(std::move(b)); })) &
        tbb::make_filter<BatchPtr, BatchPtr>(tbb::filter_mode::parallel,
                                             stages.parallel([this](BatchPtr b) { return write(std::move(b)); })) &
        tbb::make_filter<BatchPtr, void>(tbb::filter_mode::serial_in_order,
                                         stages.serial([this](BatchPtr b) { commit(std::move(b)); }));
    stages.start();
    tbb::parallel_pipeline(tokens_, chain);
    stages.finished();
    commit_with_checkpoint(options_.inputs.size(), 0, rejects_.bytes(), summary_.records, /*final=*/true);
  } catch (const Xapian::Error& e) {
    // Disk full, I/O error...: the open transactions are abandoned when the
    // writer is destroyed, so every shard stays at its last commit, and the
    // checkpoint lets the same command resume once the cause is fixed.
    throw IndexError("writing index " + options_.db + " failed: " + e.get_description() +
                     "; the index is left at its last commit - fix the cause and run the same command "
                     "again to resume");
  }
  summary_.rejects = rejects_.count();
  summary_.records += records_base_;
  summary_.documents = writer_.document_count();
  summary_.other_partitions = other_partitions_.load();
  summary_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
  if (progress_) report_progress({}, summary_.records, summary_.rejects, summary_.seconds);
  return summary_;
}

}  // namespace

IndexSummary run_index(const IndexOptions& options,
                       const std::function<void(const IndexProgress&)>& progress) {
  check_inputs(options.inputs);
  check_rejects_path(options.rejects_path.empty() ? (fs::path(options.db) / "rejects.log").string()
                                                  : options.rejects_path,
                     options.inputs);
  return IndexRun(options, progress).run();
}

}  // namespace vigie::indexer
