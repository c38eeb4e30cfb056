// StringTable finds exactly the keys it was built from, with the same
// answers as the map it replaces, whatever the key bytes.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <unordered_map>

#include "core/hash.h"
#include "core/string_table.h"

namespace vigie {
namespace {

TEST(StringTable, EmptyTableFindsNothing) {
  StringTable<int> t;
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.find("a"), nullptr);
  EXPECT_EQ(t.find(""), nullptr);
  t.prefetch_fnv(fnv1a64("a"));  // harmless on an empty table
}

TEST(StringTable, FindsEveryKeyAndNoOther) {
  const std::map<std::string, int> m = {{"good", 1}, {"bad", -1}, {"not", 7}, {"", 42}, {"très", 3}, {"好", 5}};
  const StringTable<int> t(m);
  EXPECT_EQ(t.size(), m.size());
  for (const auto& [k, v] : m) {
    const int* got = t.find(k);
    ASSERT_NE(got, nullptr) << k;
    EXPECT_EQ(*got, v) << k;
  }
  for (const char* absent : {"goo", "goodd", "Good", "tres", "好好", " "}) EXPECT_EQ(t.find(absent), nullptr) << absent;
}

TEST(StringTable, KeysWithEmbeddedNulsAreDistinct) {
  const std::map<std::string, int> m = {{std::string("a\0b", 3), 1}, {std::string("a\0c", 3), 2}, {"a", 3}};
  const StringTable<int> t(m);
  EXPECT_EQ(*t.find(std::string_view("a\0b", 3)), 1);
  EXPECT_EQ(*t.find(std::string_view("a\0c", 3)), 2);
  EXPECT_EQ(*t.find("a"), 3);
  EXPECT_EQ(t.find(std::string_view("a\0", 2)), nullptr);
}

TEST(StringTable, FindFnvEqualsFindForEveryPrefix) {
  // find_fnv with the running FNV-1a state of each prefix (how the
  // sentiment scorer looks up stem prefixes) answers as find() does.
  const std::map<std::string, int> m = {{"leg", 1}, {"legal", 2}, {"legaliz", 3}};
  const StringTable<int> t(m);
  const std::string word = "legalization";
  uint64_t h = kFnvOffset;
  for (size_t n = 1; n <= word.size(); ++n) {
    h = (h ^ static_cast<unsigned char>(word[n - 1])) * 0x100000001b3ULL;
    const std::string_view prefix(word.data(), n);
    EXPECT_EQ(h, fnv1a64(prefix));
    EXPECT_EQ(t.find_fnv(prefix, h), t.find(prefix)) << prefix;
  }
  EXPECT_EQ(*t.find("legaliz"), 3);
}

TEST(StringTable, AgreesWithUnorderedMapOnRandomKeys) {
  // Many keys (several probe chains collide) against the map as oracle.
  std::mt19937_64 rng(7);
  auto random_key = [&] {
    std::string k(1 + rng() % 12, ' ');
    for (auto& c : k) c = static_cast<char>('a' + rng() % 6);  // small alphabet: many shared prefixes
    return k;
  };
  std::unordered_map<std::string, uint32_t> m;
  for (uint32_t i = 0; i < 20000; ++i) m.emplace(random_key(), i);
  const StringTable<uint32_t> t(m);
  EXPECT_EQ(t.size(), m.size());
  size_t visited = 0;
  t.for_each([&](std::string_view k, uint32_t v) {
    ++visited;
    auto it = m.find(std::string(k));
    ASSERT_NE(it, m.end());
    EXPECT_EQ(it->second, v);
  });
  EXPECT_EQ(visited, m.size());
  for (int i = 0; i < 20000; ++i) {
    const std::string k = random_key();
    auto it = m.find(k);
    const uint32_t* got = t.find(k);
    if (it == m.end()) {
      EXPECT_EQ(got, nullptr) << k;
    } else {
      ASSERT_NE(got, nullptr) << k;
      EXPECT_EQ(*got, it->second) << k;
    }
  }
}

}  // namespace
}  // namespace vigie
