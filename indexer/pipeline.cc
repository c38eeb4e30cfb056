#include "indexer/pipeline.h"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/info.h>
#include <tbb/parallel_pipeline.h>

#include <chrono>
#include <filesystem>
#include <memory>

#include "core/errors.h"
#include "core/schema.h"
#include "core/time.h"
#include "indexer/document_builder.h"
#include "indexer/rejects.h"
#include "indexer/shard_writer.h"

namespace fs = std::filesystem;

namespace vigie::indexer {
namespace {

using Clock = std::chrono::steady_clock;

// What travels through the pipeline: one chunk and what became of it.
struct Batch {
  Chunk chunk;
  std::vector<uint64_t> oversized;       // lines skipped for size (reader)
  std::string input_error;               // reader failure after this chunk
  std::vector<Reject> rejects;
  struct Doc {
    std::string id_term;
    Xapian::Document doc;
  };
  std::vector<std::vector<Doc>> by_shard;
  uint64_t records = 0;
  uint64_t bytes = 0;
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
  }
  if (stdin_count > 1) throw UsageError("standard input (-) given more than once");
}

}  // namespace

IndexSummary run_index(const IndexOptions& options,
                       const std::function<void(const IndexProgress&)>& progress) {
  check_inputs(options.inputs);
  const auto start = Clock::now();

  IndexSummary summary;
  ShardedWriter writer(options.db, options.shards ? options.shards
                                                  : (options.threads ? options.threads
                                                                     : unsigned(tbb::info::default_concurrency())));
  if (writer.shard_count_overridden())
    summary.warnings.push_back("index has " + std::to_string(writer.shard_count()) +
                               " shards; --shards is ignored for an existing index");
  summary.shards = writer.shard_count();
  summary.rejects_path = options.rejects_path.empty() ? (fs::path(options.db) / "rejects.log").string()
                                                      : options.rejects_path;
  RejectsLog rejects(summary.rejects_path);

  analytics::Analyzer analyzer(options.analyzer);
  for (const auto& [k, v] : analyzer.versions()) writer.set_metadata(k, v);
  if (writer.get_metadata(std::string(schema::meta::kCreated)).empty())
    writer.set_metadata(std::string(schema::meta::kCreated),
                        time::format_datetime(std::chrono::duration_cast<std::chrono::seconds>(
                                                  std::chrono::system_clock::now().time_since_epoch())
                                                  .count()));

  tbb::enumerable_thread_specific<std::unique_ptr<Worker>> workers;
  const unsigned nshards = writer.shard_count();
  const size_t tokens = options.max_tokens
                            ? options.max_tokens
                            : 2 * size_t(options.threads ? options.threads : tbb::info::default_concurrency());

  size_t input_index = 0;
  std::unique_ptr<InputSource> source;
  uint64_t sequence = 0;
  std::string current_file;
  auto last_progress = start;

  auto read = [&](tbb::flow_control& fc) -> std::shared_ptr<Batch> {
    for (;;) {
      if (!source) {
        if (input_index == options.inputs.size()) {
          fc.stop();
          return nullptr;
        }
        current_file = options.inputs[input_index++];
        source = InputSource::open(current_file, options.input);
        ++summary.files;
      }
      auto b = std::make_shared<Batch>();
      bool got = false;
      try {
        got = source->next(b->chunk);
      } catch (const InputError& e) {
        b->input_error = e.what();
      }
      b->oversized = source->take_oversized_lines();
      if (!got || !b->input_error.empty()) source.reset();
      if (got || !b->input_error.empty() || !b->oversized.empty()) {
        if (b->chunk.file.empty()) b->chunk.file = current_file;
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
        analyzer.analyze(r, w.ws, w.analysis);
        Batch::Doc d;
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
    for (uint64_t line : b->oversized) {
      Reject r;
      r.origin = Origin{b->chunk.file, line, 0};
      r.reason = "record larger than " + std::to_string(options.input.max_record_bytes >> 20) + " MiB";
      rejects.add(r);
    }
    rejects.add_all(b->rejects);
    if (!b->input_error.empty()) {
      Reject r;
      r.origin = Origin{b->chunk.file, b->chunk.first_line + b->chunk.line_count, 0};
      r.reason = b->input_error;
      rejects.add(r);
    }
    summary.records += b->records;
    summary.bytes += b->bytes;
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

  auto write = [&](std::shared_ptr<Batch> b) {
    for (unsigned s = 0; s < b->by_shard.size(); ++s) {
      if (b->by_shard[s].empty()) continue;
      for (auto& d : b->by_shard[s]) writer.add(s, d.id_term, d.doc);
      writer.commit_shard(s, options.commit_every);
    }
  };

  tbb::parallel_pipeline(
      tokens,
      tbb::make_filter<void, std::shared_ptr<Batch>>(tbb::filter_mode::serial_in_order, read) &
          tbb::make_filter<std::shared_ptr<Batch>, std::shared_ptr<Batch>>(tbb::filter_mode::parallel, analyse) &
          tbb::make_filter<std::shared_ptr<Batch>, std::shared_ptr<Batch>>(tbb::filter_mode::serial_in_order,
                                                                           account) &
          tbb::make_filter<std::shared_ptr<Batch>, void>(tbb::filter_mode::parallel, write));

  rejects.flush();
  writer.commit_all();
  summary.rejects = rejects.count();
  summary.documents = writer.document_count();
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (progress) {
    IndexProgress p;
    p.records = summary.records;
    p.rejects = summary.rejects;
    p.seconds = summary.seconds;
    progress(p);
  }
  return summary;
}

}  // namespace vigie::indexer
