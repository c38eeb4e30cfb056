// make-corpus end to end: a deterministic corpus with 2% corrupted lines
// (truncated, wrong types, invalid UTF-8, emptied text, 2 MB fields, HTML).
// The parser's record and reject counts, and the origin of every reject,
// must equal those of the independent oracle tests/tools/count_records.py;
// and every corrupted line that the rules say must be rejected is.
#include <gtest/gtest.h>

#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "read_all.h"

namespace vigie::indexer {
namespace {

namespace fs = std::filesystem;

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[65536];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  if (rc != 0) out.clear();
  return out;
}

const char* kFiles[] = {"twitter-v1.jsonl", "twitter-v2.json", "reddit.jsonl", "news.json",
                        "mediacloud.jsonl"};

class MakeCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string script = testing::shared_dir() + "/bench/make-corpus";
    if (!fs::exists(script)) return;
    dir_ = testing::temp_path("corpus");
    fs::remove_all(dir_);
    std::string cmd = "python3 '" + script + "' --docs 3000 --bad 0.02 --out '" + dir_ + "' 2>/dev/null && echo ok";
    ok_ = run(cmd).find("ok") != std::string::npos;
  }
  static std::string dir_;
  static bool ok_;
};
std::string MakeCorpus::dir_;
bool MakeCorpus::ok_ = false;

TEST_F(MakeCorpus, CountsAndOriginsEqualTheOracle) {
  if (!ok_) GTEST_SKIP() << "make-corpus or python3 not available";
  std::string cmd = std::string("python3 '") + VIGIE_SOURCE_DIR + "/tests/tools/count_records.py' --json";
  for (const char* f : kFiles) cmd += " '" + dir_ + "/" + f + "'";
  std::string json = run(cmd);
  ASSERT_FALSE(json.empty()) << cmd;
  simdjson::dom::parser dp;
  simdjson::dom::element oracle;
  ASSERT_EQ(dp.parse(json).get(oracle), simdjson::SUCCESS);

  size_t total_records = 0, total_rejects = 0, oracle_records = 0, oracle_rejects = 0;
  for (const char* f : kFiles) {
    std::string path = dir_ + "/" + f;
    auto r = testing::read_file(path);
    std::multiset<std::string> mine;
    for (const auto& j : r.rejects) {
      std::string o = j.origin.to_string();
      mine.insert(o.substr(path.size() + 1));
    }
    for (uint64_t l : r.oversized) mine.insert(std::to_string(l));
    simdjson::dom::element entry;
    ASSERT_EQ(oracle["files"][path].get(entry), simdjson::SUCCESS) << path;
    int64_t orec = 0, orej = 0;
    ASSERT_EQ(entry["records"].get(orec), simdjson::SUCCESS);
    ASSERT_EQ(entry["rejects"].get(orej), simdjson::SUCCESS);
    std::multiset<std::string> theirs;
    simdjson::dom::array origins;
    ASSERT_EQ(entry["reject_origins"].get(origins), simdjson::SUCCESS);
    for (auto o : origins) theirs.insert(std::string(std::string_view(o)));
    EXPECT_EQ(r.records.size(), static_cast<size_t>(orec)) << f;
    EXPECT_EQ(mine.size(), static_cast<size_t>(orej)) << f;
    EXPECT_EQ(mine, theirs) << f;
    total_records += r.records.size();
    total_rejects += mine.size();
    oracle_records += static_cast<size_t>(orec);
    oracle_rejects += static_cast<size_t>(orej);
  }
  EXPECT_EQ(total_records, oracle_records);
  EXPECT_EQ(total_rejects, oracle_rejects);
  EXPECT_GT(total_rejects, 0u);
}

TEST_F(MakeCorpus, EveryBadLineThatMustBeRejectedIs) {
  if (!ok_) GTEST_SKIP() << "make-corpus or python3 not available";
  std::map<std::string, std::set<uint64_t>> rejected_lines;  // file -> lines with a reject
  std::map<std::string, std::set<uint64_t>> record_lines;
  for (const char* f : kFiles) {
    auto r = testing::read_file(dir_ + "/" + f);
    for (const auto& j : r.rejects) rejected_lines[f].insert(j.origin.line);
    for (uint64_t l : r.oversized) rejected_lines[f].insert(l);
    for (const auto& rec : r.records) record_lines[f].insert(rec.origin.line);
  }
  simdjson::dom::parser dp;
  simdjson::padded_string manifest;
  ASSERT_EQ(simdjson::padded_string::load(dir_ + "/MANIFEST.json").get(manifest), simdjson::SUCCESS);
  simdjson::dom::array bad;
  ASSERT_EQ(dp.parse(manifest)["bad_lines"].get(bad), simdjson::SUCCESS);
  size_t checked = 0;
  for (auto b : bad) {
    std::string file{std::string_view(b["file"])};
    uint64_t line = uint64_t(b["line"]);
    std::string how{std::string_view(b["how"])};
    bool news = file == "news.json" || file == "mediacloud.jsonl";
    bool must_reject = how == "truncated" || how == "not-json" || how == "bad-utf8" ||
                       how == "wrong-type" || (how == "no-text" && !news);
    if (must_reject) {
      EXPECT_TRUE(rejected_lines[file].count(line)) << file << ":" << line << " (" << how << ")";
      ++checked;
    }
    if (how == "huge-field") {
      // A 2 MB unknown field: still a valid record (< 16 MiB).
      EXPECT_FALSE(rejected_lines[file].count(line)) << file << ":" << line;
      EXPECT_TRUE(record_lines[file].count(line)) << file << ":" << line;
    }
    if (how == "no-text" && news) {
      EXPECT_TRUE(record_lines[file].count(line)) << file << ":" << line << " keeps its title";
    }
  }
  EXPECT_GT(checked, 0u);
}

// Seeded mutations of valid corpus lines (cuts, swapped punctuation,
// deleted spans, inserted tokens): the parser must accept and reject
// exactly the lines and records the oracle does.
TEST_F(MakeCorpus, MutatedLinesAgreeWithOracle) {
  if (!ok_) GTEST_SKIP() << "make-corpus or python3 not available";
  std::vector<std::string> src;
  for (const char* f : kFiles) {
    std::ifstream in(dir_ + "/" + f, std::ios::binary);
    std::string line;
    for (int i = 0; i < 60 && std::getline(in, line); ++i)
      if (!line.empty()) src.push_back(line);
  }
  ASSERT_FALSE(src.empty());
  uint64_t x = 0x9E3779B97F4A7C15ULL;
  auto next = [&x](uint64_t n) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return n ? x % n : 0;
  };
  static const char kPunct[] = "{}[]\",:0123456789 tfn\\ae";
  static const char* kTokens[] = {"null", "\"\"", "1", "[]", "{}", ",", "\"x\":", "1e999",
                                  "\"\\ud800\"", "\"\\q\""};
  std::string data;
  for (int i = 0; i < 4000; ++i) {
    std::string b = src[next(src.size())];
    switch (next(5)) {
      case 0: b.resize(1 + next(b.size() - 1)); break;
      case 1:
        for (uint64_t k = 0, n = 1 + next(3); k < n; ++k) b[next(b.size())] = kPunct[next(sizeof kPunct - 1)];
        break;
      case 2: b.erase(next(b.size()), 1 + next(20)); break;
      case 3: b.insert(next(b.size()), kTokens[next(std::size(kTokens))]); break;
      default: break;  // unchanged
    }
    for (char& c : b)
      if (c == '\n') c = ' ';
    data += b + "\n";
  }
  std::string path = dir_ + "/mutated.jsonl";
  std::ofstream(path, std::ios::binary) << data;
  auto r = testing::read_file(path);
  std::multiset<std::string> mine;
  for (const auto& j : r.rejects) mine.insert(j.origin.to_string().substr(path.size() + 1));
  std::string json = run(std::string("python3 '") + VIGIE_SOURCE_DIR +
                         "/tests/tools/count_records.py' --json '" + path + "'");
  ASSERT_FALSE(json.empty());
  simdjson::dom::parser dp;
  simdjson::dom::element entry;
  ASSERT_EQ(dp.parse(json)["files"][path].get(entry), simdjson::SUCCESS);
  std::multiset<std::string> theirs;
  for (auto o : entry["reject_origins"].get_array()) theirs.insert(std::string(std::string_view(o)));
  EXPECT_EQ(r.records.size(), uint64_t(entry["records"]));
  EXPECT_EQ(mine, theirs);
  EXPECT_GT(mine.size(), 500u);  // the mutations do break lines
}

}  // namespace
}  // namespace vigie::indexer
