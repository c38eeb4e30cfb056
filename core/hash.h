// A stable 64-bit hash for keys that end up on disk or decide placement
// (over-long id terms, shard routing, taxonomy versions, near-duplicate
// keys): FNV-1a, the same on every platform and run. Not for security.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace vigie {

inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;

// FNV-1a over bytes, starting from seed (chain calls to hash a sequence).
constexpr uint64_t fnv1a64(std::string_view bytes, uint64_t seed = kFnvOffset) {
  uint64_t h = seed;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

// SplitMix64's finaliser: spreads FNV's weak high and low bits over the
// whole word (FNV-1a of ids that differ in their last digits differ mostly
// in a few bits). Use it where every bit counts: SimHash votes, partitions.
constexpr uint64_t mix64(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace vigie
