// A stable 64-bit hash for keys that end up on disk or decide placement
// (over-long id terms, shard routing, taxonomy versions, near-duplicate
// keys): FNV-1a, the same on every platform and run. Not for security.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string_view>

namespace vigie {

// FNV-1a's 64-bit offset basis (14695981039346656037) and prime.
inline constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
inline constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// FNV's offset basis with its last decimal digit missing. Values made with
// it are stored, so it must never change: synthetic record ids (in indexes),
// the sentiment models' hashed features and hash-dev split (in model files),
// the lexicon digest in the analyzer version, and chart ids in reports.
// New keys use kFnvOffset.
inline constexpr uint64_t kFnvLegacyOffset = 1469598103934665603ULL;

// One FNV-1a step: h extended by one byte. For loops that need the hash of
// every prefix (FNV-1a of a prefix is a prefix of the computation).
constexpr uint64_t fnv1a64_byte(uint64_t h, unsigned char c) { return (h ^ c) * kFnvPrime; }

// FNV-1a over bytes, starting from seed (chain calls to hash a sequence).
constexpr uint64_t fnv1a64(std::string_view bytes, uint64_t seed = kFnvOffset) {
  uint64_t h = seed;
  for (char c : bytes) h = fnv1a64_byte(h, static_cast<unsigned char>(c));
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
