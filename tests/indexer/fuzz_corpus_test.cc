// Replays every committed fuzz input (fuzz/corpus/<target>/*: hand-made
// hostile inputs and every past libFuzzer finding) through the same code as
// the fuzz targets, in the normal build: a regression shows up in ctest even
// where clang and the sanitizers are not available.
#include <gtest/gtest.h>

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "indexer/readers/parser.h"

namespace fs = std::filesystem;

namespace vigie::indexer {
namespace {

std::vector<fs::path> inputs(const std::string& target) {
  std::vector<fs::path> out;
  fs::path dir = fs::path(VIGIE_SOURCE_DIR) / "fuzz" / "corpus" / target;
  if (fs::is_directory(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

TEST(FuzzCorpus, ReaderInputsNeverEscapeAsExceptions) {
  auto files = inputs("fuzz_reader_auto");
  ASSERT_FALSE(files.empty()) << "fuzz/corpus/fuzz_reader_auto is empty";
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.empty()) continue;
    ParseOptions o;
    RecordParser parser(o);
    Chunk c;
    c.file = p.filename().string();
    c.whole_document = bytes[0] & 1;
    c.data.reserve(bytes.size() + simdjson::SIMDJSON_PADDING);
    c.data.assign(bytes, 1);
    if (!c.whole_document && !c.data.empty() && c.data.back() != '\n') c.data.push_back('\n');
    c.line_count = 1;
    for (char ch : c.data) c.line_count += ch == '\n';
    std::vector<Record> records;
    std::vector<Reject> rejects;
    ASSERT_NO_THROW(parser.parse(c, records, rejects)) << p;
    for (const auto& r : records) EXPECT_FALSE(r.text.empty() && r.title.empty()) << p;
    for (const auto& r : rejects) EXPECT_FALSE(r.reason.empty()) << p;
    // Every input here is hostile: each must produce at least one reject or
    // a record with text, never silence.
    EXPECT_GT(records.size() + rejects.size(), 0u) << p << " produced neither records nor rejects";
  }
}

}  // namespace
}  // namespace vigie::indexer
