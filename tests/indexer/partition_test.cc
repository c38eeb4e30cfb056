// Partitioned ingest: every id lands in exactly one partition, the split is
// even, and the function is pinned (changing it moves documents between
// machines that already hold them).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/schema.h"
#include "indexer/partition.h"

namespace vigie::indexer {
namespace {

TEST(Partition, EveryIdLandsInExactlyOnePartitionAndTheSplitIsEven) {
  for (unsigned n : {2u, 3u, 4u, 7u}) {
    std::vector<unsigned> sizes(n);
    for (int i = 0; i < 20000; ++i) {
      const std::string id = schema::id_term(i % 2 ? "tweet" : "news", std::to_string(1100000000000000000LL + i));
      unsigned owners = 0;
      for (unsigned k = 1; k <= n; ++k) owners += in_partition(id, {k, n});
      ASSERT_EQ(owners, 1u) << id << " of " << n;
      ++sizes[partition_of(id, n)];
    }
    for (unsigned k = 0; k < n; ++k) EXPECT_NEAR(sizes[k], 20000.0 / n, 0.1 * 20000 / n) << k << "/" << n;
  }
}

TEST(Partition, OnePartitionKeepsEverything) {
  EXPECT_TRUE(in_partition("Qtweet:1", {}));
  EXPECT_TRUE(in_partition("Qtweet:1", {1, 1}));
}

TEST(Partition, IsIndependentOfShardRouting) {
  // Shard routing inside an index uses fnv1a64(id) % shards: a partition's
  // documents must still reach every shard.
  std::vector<unsigned> per_shard(4);
  for (int i = 0; i < 4000; ++i) {
    const std::string id = schema::id_term("tweet", std::to_string(i));
    if (partition_of(id, 4) == 1) ++per_shard[fnv1a64(id) % 4];
  }
  for (unsigned s : per_shard) EXPECT_GT(s, 150u);
}

TEST(Partition, IsPinned) {
  // Golden values: SplitMix64(FNV-1a 64 of the id term), high 32 bits,
  // multiply-shift.
  EXPECT_EQ(partition_of("Qtweet:1", 4), 1u);
  EXPECT_EQ(partition_of("Qtweet:1", 7), 2u);
  EXPECT_EQ(partition_of("Qtweet:1103012345678901234", 4), 2u);
  EXPECT_EQ(partition_of("Qreddit:t1_abc123", 4), 1u);
  EXPECT_EQ(partition_of("Qnews:https://example.org/a", 7), 0u);
}

}  // namespace
}  // namespace vigie::indexer
