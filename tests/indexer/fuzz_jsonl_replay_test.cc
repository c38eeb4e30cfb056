// Replays fuzz/corpus/fuzz_reader_jsonl/* (the --map combinations, arrays
// and pages) through the jsonl fuzz target itself, compiled here in the
// normal build: its invariants trap, so a regression fails ctest even where
// clang and libFuzzer are not available.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#define VIGIE_FUZZ_FORMAT "jsonl"
#include "fuzz/fuzz_reader.cc"

namespace {

TEST(FuzzCorpus, MappedReaderInputsKeepTheTargetsInvariants) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(VIGIE_SOURCE_DIR) / "fuzz" / "corpus" / "fuzz_reader_jsonl";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 8u);
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), 0) << p;
  }
}

}  // namespace
