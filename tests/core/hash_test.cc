// core/hash.h: FNV-1a against the published test vectors, and the legacy
// offset basis that stored values were made with (synthetic ids, sentiment
// model features, chart ids): these values must never change.
#include <gtest/gtest.h>

#include "core/hash.h"

namespace vigie {
namespace {

TEST(Hash, Fnv1a64MatchesPublishedVectors) {
  // From the FNV reference (isthe.com/chongo/tech/comp/fnv).
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
  EXPECT_EQ(kFnvOffset, 14695981039346656037ULL);
}

TEST(Hash, LegacyOffsetIsPinned) {
  // One decimal digit short of FNV's basis; stored hashes depend on it.
  EXPECT_EQ(kFnvLegacyOffset, 1469598103934665603ULL);
  EXPECT_EQ(fnv1a64("", kFnvLegacyOffset), 0x14650fb0739d0383ULL);
  EXPECT_EQ(fnv1a64("a", kFnvLegacyOffset), 0x44bd8ad473cd9906ULL);
  EXPECT_EQ(fnv1a64("foobar", kFnvLegacyOffset), 0x88fad7c0a8ff07f2ULL);
  EXPECT_EQ(fnv1a64("cannabis", kFnvLegacyOffset), 0xc49f428899b2f0bcULL);
}

TEST(Hash, ChainsAndStepsAgree) {
  // Hashing in pieces equals hashing the whole; a byte step equals a 1-byte hash.
  EXPECT_EQ(fnv1a64("bar", fnv1a64("foo")), fnv1a64("foobar"));
  EXPECT_EQ(fnv1a64_byte(kFnvLegacyOffset, 'a'), fnv1a64("a", kFnvLegacyOffset));
  static_assert(fnv1a64("a") == 0xaf63dc4c8601ec8cULL, "usable at compile time");
}

}  // namespace
}  // namespace vigie
