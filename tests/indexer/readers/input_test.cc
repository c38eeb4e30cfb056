// InputSource: compression, chunking, line numbers, CRLF, BOM, oversized
// lines, whole pretty-printed documents, and errors naming the path.
// (Standard input is not covered here: it needs a child process.)
#include <gtest/gtest.h>
#include <zlib.h>
#include <zstd.h>

#include <simdjson.h>

#include <filesystem>
#include <thread>

#include "core/errors.h"
#include "read_all.h"

namespace vigie::indexer {
namespace {

using testing::read_file;
using testing::write_temp;

std::string gzip(const std::string& s) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, s.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(s.data()));
  zs.avail_in = static_cast<uInt>(s.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

std::string zstd(const std::string& s) {
  std::string out(ZSTD_compressBound(s.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), s.data(), s.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// n Reddit comments, one per line, each with distinct text.
std::string comments(int n, int from = 0) {
  std::string s;
  for (int i = from; i < from + n; ++i)
    s += R"({"subreddit":"r","id":"c)" + std::to_string(i) + R"(","body":"comment number )" +
         std::to_string(i) + R"( with some words","created_utc":1552298400})" "\n";
  return s;
}

TEST(Input, PlainGzipZstdGiveTheSameRecords) {
  std::string text = comments(500);
  auto plain = read_file(write_temp("c.jsonl", text));
  auto gz = read_file(write_temp("c.jsonl.gz", gzip(text)));
  auto zs = read_file(write_temp("c.jsonl.zst", zstd(text)));
  // Compression is detected by magic bytes, not by the name.
  auto gz_noext = read_file(write_temp("c-gz.data", gzip(text)));
  ASSERT_EQ(plain.records.size(), 500u);
  for (auto* r : {&gz, &zs, &gz_noext}) {
    ASSERT_EQ(r->records.size(), 500u);
    EXPECT_EQ(r->records[499].id, "t1_c499");
    EXPECT_EQ(r->records[499].origin.line, 500u);
    EXPECT_TRUE(r->rejects.empty());
  }
}

TEST(Input, MultiMemberGzipAndMultiFrameZstd) {
  auto gz = read_file(write_temp("mm.gz", gzip(comments(3)) + gzip(comments(4, 3))));
  ASSERT_EQ(gz.records.size(), 7u);
  EXPECT_EQ(gz.records[6].origin.line, 7u);
  auto zs = read_file(write_temp("mf.zst", zstd(comments(3)) + zstd(comments(4, 3))));
  ASSERT_EQ(zs.records.size(), 7u);
}

void expect_truncation(const std::string& name, const std::string& compressed, int total) {
  std::string cut = compressed.substr(0, compressed.size() / 2);
  std::string path = write_temp(name, cut);
  auto in = InputSource::open(path, InputOptions{});
  RecordParser parser(ParseOptions{});
  std::vector<Record> recs;
  std::vector<Reject> rejs;
  Chunk c;
  bool threw = false;
  try {
    while (in->next(c)) parser.parse(c, recs, rejs);
  } catch (const InputError& e) {
    threw = true;
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("compressed stream ends early"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(threw);
  // Complete lines before the cut all came out, and nothing broken did.
  EXPECT_GT(recs.size(), 0u);
  EXPECT_LT(recs.size(), static_cast<size_t>(total));
  EXPECT_TRUE(rejs.empty());
  for (size_t i = 0; i < recs.size(); ++i) EXPECT_EQ(recs[i].id, "t1_c" + std::to_string(i));
}

TEST(Input, TruncatedGzipReturnsCompleteLinesThenThrows) {
  expect_truncation("t.gz", gzip(comments(20000)), 20000);
}

TEST(Input, TruncatedZstdReturnsCompleteLinesThenThrows) {
  expect_truncation("t.zst", zstd(comments(20000)), 20000);
}

TEST(Input, CrlfBomAndFinalLineWithoutNewline) {
  std::string s = "\xEF\xBB\xBF" + comments(2);
  std::string crlf;
  for (char c : s) {
    if (c == '\n') crlf += "\r\n";
    else crlf += c;
  }
  crlf += R"({"subreddit":"r","body":"last","created_utc":1})";  // no '\n'
  testing::ReadResult r = read_file(write_temp("crlf.json", crlf), {}, {}, true);
  ASSERT_EQ(r.records.size(), 3u);
  EXPECT_TRUE(r.rejects.empty());
  EXPECT_EQ(r.records[0].id, "t1_c0");
  EXPECT_EQ(r.records[2].text, "last");
  EXPECT_EQ(r.records[2].origin.line, 3u);
  for (const auto& c : r.chunks) {
    EXPECT_EQ(c.data.find('\r'), std::string::npos);
    EXPECT_EQ(c.data.find("\xEF\xBB\xBF"), std::string::npos);
  }
}

TEST(Input, ChunksHoldWholeLinesAndPadding) {
  std::string text = comments(1000);
  InputOptions io;
  io.chunk_bytes = 4096;
  auto r = read_file(write_temp("chunks.jsonl", text), {}, io, true);
  ASSERT_GT(r.chunks.size(), 10u);
  uint64_t next_line = 1;
  for (size_t i = 0; i < r.chunks.size(); ++i) {
    const Chunk& c = r.chunks[i];
    EXPECT_EQ(c.sequence, i);
    EXPECT_EQ(c.first_line, next_line);
    EXPECT_FALSE(c.whole_document);
    ASSERT_FALSE(c.data.empty());
    EXPECT_EQ(c.data.back(), '\n');
    EXPECT_EQ(static_cast<uint64_t>(std::count(c.data.begin(), c.data.end(), '\n')), c.line_count);
    next_line += c.line_count;
  }
  EXPECT_EQ(next_line, 1001u);
  EXPECT_EQ(r.records.size(), 1000u);
}

TEST(Input, ChunkCapacityLeavesSimdjsonPadding) {
  std::string path = write_temp("pad.jsonl", comments(50));
  auto in = InputSource::open(path, InputOptions{});
  Chunk c;
  ASSERT_TRUE(in->next(c));
  EXPECT_GE(c.data.capacity(), c.data.size() + simdjson::SIMDJSON_PADDING);
}

TEST(Input, OversizedLineIsSkippedAndReported) {
  InputOptions io;
  io.max_record_bytes = 200;
  std::string big = R"({"subreddit":"r","body":")" + std::string(1000, 'x') + R"("})" "\n";
  std::string text = comments(2) + big + comments(2, 2);
  auto r = read_file(write_temp("big.jsonl", text), {}, io);
  ASSERT_EQ(r.records.size(), 4u);
  ASSERT_EQ(r.oversized.size(), 1u);
  EXPECT_EQ(r.oversized[0], 3u);
  EXPECT_EQ(r.records[2].origin.line, 4u);  // numbering continues past the skipped line
  EXPECT_TRUE(r.rejects.empty());
}

TEST(Input, OversizedLineLongerThanReadBuffer) {
  InputOptions io;
  io.max_record_bytes = 1000;
  std::string big = "{\"body\":\"" + std::string(3u << 20, 'y') + "\"}\n";
  auto r = read_file(write_temp("huge.jsonl", comments(1) + big + comments(1, 1)), {}, io);
  ASSERT_EQ(r.records.size(), 2u);
  ASSERT_EQ(r.oversized.size(), 1u);
  EXPECT_EQ(r.oversized[0], 2u);
  EXPECT_EQ(r.records[1].origin.line, 3u);
}

TEST(Input, PrettyPrintedDocumentIsOneChunk) {
  std::string doc =
      "[\n  {\n    \"subreddit\": \"r\",\n    \"body\": \"one\"\n  },\n"
      "  {\n    \"subreddit\": \"r\",\n    \"body\": 5\n  }\n]\n";
  auto r = read_file(write_temp("pretty.json", doc), {}, {}, true);
  ASSERT_EQ(r.chunks.size(), 1u);
  EXPECT_TRUE(r.chunks[0].whole_document);
  EXPECT_EQ(r.chunks[0].line_count, 10u);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].origin.line, 2u);
  EXPECT_EQ(r.records[0].origin.record, 1u);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].origin.line, 6u);  // the second element opens on line 6
  EXPECT_EQ(r.rejects[0].origin.record, 2u);
  EXPECT_EQ(r.rejects[0].reason, "field 'body' is not a string");
}

TEST(Input, ParserCopiesAChunkWithoutPadding) {
  // A Chunk built by hand, with no spare capacity: the parser must copy it
  // and still report the right lines.
  Chunk c;
  c.file = "hand.json";
  c.whole_document = true;
  c.data = "[\n{\"subreddit\":\"r\",\"body\":\"a\"},\n{\"subreddit\":\"r\",\"body\":7}\n]\n";
  c.data.shrink_to_fit();
  c.line_count = 4;
  RecordParser parser(ParseOptions{});
  std::vector<Record> recs;
  std::vector<Reject> rejs;
  parser.parse(c, recs, rejs);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].origin.line, 2u);
  ASSERT_EQ(rejs.size(), 1u);
  EXPECT_EQ(rejs[0].origin.to_string(), "hand.json:3#2");
  EXPECT_EQ(rejs[0].excerpt.rfind("{\"subreddit\":\"r\",\"body\":7}", 0), 0u) << rejs[0].excerpt;
}

TEST(Input, PrettyDocumentWithKeyOnFirstLine) {
  std::string doc = "{\"status\": \"ok\", \"articles\": [\n  {\"title\": \"a\"}\n]}\n";
  auto r = read_file(write_temp("pretty2.json", doc), {}, {}, true);
  ASSERT_EQ(r.chunks.size(), 1u);
  EXPECT_TRUE(r.chunks[0].whole_document);
  EXPECT_EQ(r.records.size(), 1u);
}

TEST(Input, PrettyDocumentWithoutFinalNewline) {
  auto r = read_file(write_temp("pretty3.json", "{\"subreddit\": \"r\",\n  \"body\": \"x\"}"), {}, {}, true);
  ASSERT_EQ(r.chunks.size(), 1u);
  EXPECT_TRUE(r.chunks[0].whole_document);
  EXPECT_EQ(r.records.size(), 1u);
}

TEST(Input, TruncatedFirstLineOfJsonLinesIsNotADocument) {
  std::string text = "{\"subreddit\":\"r\",\"body\":[1,\n" + comments(2);
  auto r = read_file(write_temp("trunc1.jsonl", text), {}, {}, true);
  ASSERT_FALSE(r.chunks.empty());
  EXPECT_FALSE(r.chunks[0].whole_document);
  EXPECT_EQ(r.records.size(), 2u);
  ASSERT_EQ(r.rejects.size(), 1u);
  EXPECT_EQ(r.rejects[0].origin.line, 1u);
}

TEST(Input, DocumentLargerThanLimitThrows) {
  InputOptions io;
  io.max_document_bytes = 100;
  std::string doc = "[\n" + std::string(200, ' ') + "{\"title\":\"a\"}\n]\n";
  std::string path = write_temp("bigdoc.json", doc);
  try {
    read_file(path, {}, io);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("larger than 100 bytes"), std::string::npos) << e.what();
  }
}

TEST(Input, MissingFileAndDirectoryNameThePath) {
  std::string missing = testing::temp_path("does-not-exist.json");
  try {
    InputSource::open(missing, InputOptions{});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(missing), std::string::npos);
  }
  std::string dir = std::filesystem::path(testing::temp_path("x")).parent_path().string();
  try {
    InputSource::open(dir, InputOptions{});
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(dir), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("directory"), std::string::npos);
  }
}

// "-" reads standard input: fd 0 is pointed at a pipe for the test (and
// restored), and the data is gzip, so magic detection must work without
// seeking.
TEST(Input, StandardInputThroughAPipe) {
  std::string payload = gzip(comments(300));
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  int saved = ::dup(0);
  ASSERT_GE(saved, 0);
  ASSERT_EQ(::dup2(fds[0], 0), 0);
  ::close(fds[0]);
  std::thread writer([&] {
    size_t off = 0;
    while (off < payload.size()) {
      ssize_t w = ::write(fds[1], payload.data() + off, std::min<size_t>(4096, payload.size() - off));
      if (w <= 0) break;
      off += static_cast<size_t>(w);
    }
    ::close(fds[1]);
  });
  testing::ReadResult r;
  std::string error;
  try {
    r = read_file("-");
  } catch (const std::exception& e) {
    error = e.what();
  }
  writer.join();
  ::dup2(saved, 0);
  ::close(saved);
  EXPECT_EQ(error, "");
  ASSERT_EQ(r.records.size(), 300u);
  EXPECT_EQ(r.records[299].origin.to_string(), "-:300");
}

TEST(Input, EmptyFileHasNoChunks) {
  auto in = InputSource::open(write_temp("empty.json", ""), InputOptions{});
  Chunk c;
  EXPECT_FALSE(in->next(c));
  auto gz = read_file(write_temp("empty.gz", gzip("")));
  EXPECT_TRUE(gz.records.empty());
  EXPECT_TRUE(gz.rejects.empty());
}

}  // namespace
}  // namespace vigie::indexer
