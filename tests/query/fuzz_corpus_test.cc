// Replays committed fuzz inputs of the query language (fuzz/corpus/fuzz_query:
// past findings) in the normal build: each must build a query or throw
// UsageError, nothing else.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/errors.h"
#include "query/query_builder.h"

namespace fs = std::filesystem;

TEST(QueryFuzzCorpus, EveryInputBuildsOrIsAUsageError) {
  fs::path dir = fs::path(VIGIE_SOURCE_DIR) / "fuzz" / "corpus" / "fuzz_query";
  ASSERT_TRUE(fs::is_directory(dir));
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  ASSERT_FALSE(files.empty());
  std::sort(files.begin(), files.end());
  vigie::query::QueryBuilder builder;
  const std::vector<std::string> langs{"en", "fr", "es", "ru", "ar", "zh"};
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    std::string q((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const char* lang : {"", "fr"}) {
      try {
        (void)builder.build(q, lang, langs).get_description();
      } catch (const vigie::UsageError& e) {
        EXPECT_STRNE(e.what(), "") << p;
      } catch (const std::exception& e) {
        ADD_FAILURE() << p << ": unexpected exception " << e.what();
      }
    }
  }
}
