// The indexing pipeline end to end on small inputs, with the analysis
// switched off: rejects come out in input order whatever the threads and
// chunking, a pipeline of one chunk in flight gives the same result as a
// wide one, errors of one input do not stop the others while errors of the
// run stop it before anything is written, and a checkpoint left in the
// shards is resumed from. Also the checkpoint codec and the rejects writer.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <unistd.h>
#include <xapian.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/schema.h"
#include "indexer/checkpoint.h"
#include "indexer/pipeline.h"
#include "indexer/rejects.h"

namespace fs = std::filesystem;

namespace vigie::indexer {
namespace {

class PipelineTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("vigie-pipeline-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string write(const std::string& name, const std::string& bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
    return path(name);
  }

  IndexOptions options(const std::string& db, std::vector<std::string> inputs) const {
    IndexOptions o;
    o.db = path(db);
    o.inputs = std::move(inputs);
    o.threads = 4;
    o.shards = 3;
    o.input.chunk_bytes = 512;  // many chunks, so ordering is exercised
    o.commit_every = 7;
    o.analyzer.data_dir = std::string(VIGIE_SOURCE_DIR) + "/corpora";
    o.analyzer.sentiment = o.analyzer.topics = o.analyzer.dedup = false;
    return o;
  }

  static std::vector<std::string> lines_of(const std::string& file) {
    std::ifstream in(file);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
  }

  fs::path dir_;
};

// n comments; every `bad`-th line is broken JSON (bad = 0: none).
std::string comments(int n, int bad, const std::string& tag) {
  std::string s;
  for (int i = 1; i <= n; ++i) {
    if (bad && i % bad == 0) s += "{\"body\": oops " + std::to_string(i) + "\n";
    else
      s += R"({"id":")" + tag + std::to_string(i) + R"(","body":"comment )" + std::to_string(i) +
           R"( on harm reduction","subreddit":"r","created_utc":1552298400})" "\n";
  }
  return s;
}

// The origins (file:line) of the rejects log, in the order written.
std::vector<std::string> origins(const std::vector<std::string>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.substr(0, l.find('\t')));
  return out;
}

TEST_F(PipelineTest, RejectsComeOutInInputOrderWhateverTheThreads) {
  auto a = write("a.jsonl", comments(400, 9, "a"));
  auto b = write("b.jsonl", comments(300, 13, "b"));
  std::vector<std::string> want;
  for (int i = 9; i <= 400; i += 9) want.push_back(a + ":" + std::to_string(i));
  for (int i = 13; i <= 300; i += 13) want.push_back(b + ":" + std::to_string(i));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, 4);
  auto s = run_index(options("idx", {a, b}));
  EXPECT_EQ(s.records, 400u - 44 + 300 - 23);
  EXPECT_EQ(s.rejects, want.size());
  EXPECT_EQ(s.documents, s.records);
  EXPECT_EQ(origins(lines_of(s.rejects_path)), want);
}

TEST_F(PipelineTest, OneChunkInFlightGivesTheSameIndex) {
  auto a = write("a.jsonl", comments(300, 11, "a"));
  auto wide = options("wide", {a});
  wide.max_tokens = 16;
  auto narrow = options("narrow", {a});
  narrow.max_tokens = 1;
  narrow.input.chunk_bytes = 64;
  auto w = run_index(wide);
  auto n = run_index(narrow);
  EXPECT_EQ(w.records, n.records);
  EXPECT_EQ(w.documents, n.documents);
  EXPECT_EQ(lines_of(w.rejects_path), lines_of(n.rejects_path));
  Xapian::Database dw(wide.db), dn(narrow.db);
  EXPECT_EQ(dw.get_doccount(), dn.get_doccount());
  for (int i : {1, 150, 299}) {
    const std::string term = "Qreddit:t1_a" + std::to_string(i);
    EXPECT_EQ(dw.get_termfreq(term), 1u) << term;
    EXPECT_EQ(dn.get_termfreq(term), 1u) << term;
  }
}

std::string gzip(const std::string& s) {
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&zs, s.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  zs.avail_in = static_cast<uInt>(s.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

TEST_F(PipelineTest, ABrokenInputIsARejectAndTheNextInputIsRead) {
  std::string gz = gzip(comments(3000, 0, "a"));
  auto cut = write("cut.jsonl.gz", gz.substr(0, gz.size() / 2));
  auto b = write("b.jsonl", comments(50, 0, "b"));
  auto s = run_index(options("idx", {cut, b}));
  auto log = lines_of(s.rejects_path);
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].find("ends early"), std::string::npos) << log[0];
  // The reject names the line reached: one past the last complete record.
  const uint64_t from_cut = s.records - 50;
  EXPECT_EQ(origins(log)[0], cut + ":" + std::to_string(from_cut + 1));
  EXPECT_GT(from_cut, 0u);
  EXPECT_EQ(s.documents, s.records);
}

TEST_F(PipelineTest, RunErrorsStopBeforeAnythingIsWritten) {
  auto a = write("a.jsonl", comments(10, 0, "a"));
  EXPECT_THROW(run_index(options("idx", {a, path("missing.jsonl")})), InputError);
  EXPECT_FALSE(fs::exists(path("idx")));
  auto o = options("idx2", {a});
  o.rejects_path = a;  // would truncate the input
  EXPECT_THROW(run_index(o), UsageError);
  EXPECT_EQ(lines_of(a).size(), 10u);
  write("not-a-dir", "x");
  EXPECT_THROW(run_index(options("not-a-dir", {a})), IndexError);
}

// Writes a checkpoint into every shard of db, as an interrupted run leaves it.
void plant_checkpoint(const std::string& db, const Checkpoint& c) {
  std::ifstream stub(fs::path(db) / "XAPIANDB");
  for (std::string type, name; stub >> type >> name;) {
    Xapian::WritableDatabase w((fs::path(db) / name).string(), Xapian::DB_OPEN);
    w.set_metadata(std::string(schema::meta::kCheckpoint), c.encode());
    w.commit();
  }
}

TEST_F(PipelineTest, ResumesAfterTheCheckpointAndEndsLikeACleanRun) {
  auto a = write("a.jsonl", comments(200, 10, "a"));
  auto o = options("idx", {a});
  auto clean = run_index(o);
  const auto clean_log = lines_of(clean.rejects_path);
  // An interrupted run had committed lines 1..120 (12 rejects before them).
  Checkpoint c;
  c.inputs = identify_inputs({a});
  c.line = 120;
  uint64_t bytes = 0;
  for (int i = 0; i < 12; ++i) bytes += clean_log[i].size() + 1;
  c.rejects_bytes = bytes;
  c.records = 108;
  plant_checkpoint(o.db, c);
  auto again = run_index(o);
  EXPECT_TRUE(again.resumed);
  EXPECT_EQ(again.skipped_lines, 120u);
  EXPECT_EQ(again.documents, clean.documents);
  EXPECT_EQ(lines_of(again.rejects_path), clean_log);
  // A finished run leaves no checkpoint: the next run starts over.
  auto third = run_index(o);
  EXPECT_FALSE(third.resumed);
  // A checkpoint for other inputs (the file changed) is not used.
  c.inputs[0].size += 1;
  plant_checkpoint(o.db, c);
  EXPECT_FALSE(run_index(o).resumed);
}

TEST(CheckpointCodec, RoundTripsAndRefusesGarbage) {
  Checkpoint c;
  c.inputs = {{"a b.jsonl", 10, 123}, {"-", 0, 0}};
  c.input = 1;
  c.line = 42;
  c.rejects_bytes = 77;
  c.records = 40;
  auto d = Checkpoint::decode(c.encode());
  ASSERT_TRUE(d);
  EXPECT_EQ(d->inputs, c.inputs);
  EXPECT_EQ(d->line, 42u);
  EXPECT_EQ(d->rejects_bytes, 77u);
  EXPECT_EQ(d->records, 40u);
  EXPECT_FALSE(Checkpoint::decode(""));
  EXPECT_FALSE(Checkpoint::decode("v9 1 2 3 4 0\n"));
  EXPECT_FALSE(Checkpoint::decode("v1 0 5 0 0 2\n10 123 a\n"));  // one input short
  Checkpoint later = c;
  later.line = 43;
  EXPECT_TRUE(c.before(later));
  EXPECT_FALSE(later.before(c));
  later.input = 0;
  EXPECT_TRUE(later.before(c));
}

TEST(RejectsWriter, FormatsQuotesAndResumes) {
  const std::string p = (fs::temp_directory_path() / ("vigie-rejects-" + std::to_string(::getpid()))).string();
  Reject plain{Origin{"a.json", 3, 2}, "no text", "{\"x\":\n1}"};
  EXPECT_EQ(RejectsLog::format(plain), "a.json:3#2\tno text\t{\"x\":\\n1}");
  Reject odd{Origin{"a\tb\n.json", 1, 0}, "r", ""};
  EXPECT_EQ(RejectsLog::format(odd), "\"a\\tb\\n.json\":1\tr\t");
  {
    RejectsLog log(p);
    log.add(plain);
    log.add_all({odd, plain});
    log.flush();
    EXPECT_EQ(log.count(), 3u);
    EXPECT_EQ(log.bytes(), fs::file_size(p));
  }
  const uint64_t first = RejectsLog::format(plain).size() + 1;
  {
    RejectsLog resumed(p, first);  // keep the first line, append after it
    EXPECT_EQ(resumed.count(), 1u);
    resumed.add(odd);
    resumed.flush();
  }
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), RejectsLog::format(plain) + "\n" + RejectsLog::format(odd) + "\n");
  fs::remove(p);
  RejectsLog none("");  // counts only
  none.add(plain);
  EXPECT_EQ(none.count(), 1u);
  EXPECT_THROW(RejectsLog("/nonexistent-dir/rejects.log"), Error);
}

}  // namespace
}  // namespace vigie::indexer
