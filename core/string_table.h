// StringTable<V>: an immutable string -> V lookup table for the hot paths of
// analysis (lexicon entries, stems, phrases, emoji), built once from a map
// at load time and read by every thread.
//
// Why not std::unordered_map: a lookup there costs a modulo by a prime, a
// pointer chase to a heap node per probe and a string compare; the
// sentiment scorer looks up every word several times (entry, stem
// prefixes, phrases), and profiles of `vigie index` showed those lookups at
// a fifth of the analysis CPU. Here the slots are one array (power-of-two
// size, linear probing, load <= 1/2) holding the full 64-bit hash, so a miss
// usually costs one cache line and no string compare, and keys live in one
// arena.
//
// The hash is FNV-1a (core/hash.h) with a final mix, and callers may pass a
// precomputed FNV-1a state (find_fnv): FNV-1a of a prefix is a prefix of the
// computation, so looking up every prefix of a word costs one pass over it.
//
// Thread safety: immutable after construction; find() is const and safe
// from any number of threads.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/hash.h"

namespace vigie {

template <class V>
class StringTable {
 public:
  StringTable() = default;

  // Builds from any range of (key, value) pairs with unique keys (a map).
  template <class Map>
  explicit StringTable(const Map& m) {
    size_t cap = 8;
    while (cap < 2 * m.size()) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    size_t bytes = 0;
    for (const auto& kv : m) bytes += std::string_view(kv.first).size();
    arena_.reserve(bytes);
    for (const auto& [k, v] : m) {
      const std::string_view key(k);
      const uint64_t h = mix(fnv1a64(key));
      size_t i = h & mask_;
      while (slots_[i].used) i = (i + 1) & mask_;
      Slot& s = slots_[i];
      s.used = true;
      s.hash = h;
      s.off = static_cast<uint32_t>(arena_.size());
      s.len = static_cast<uint32_t>(key.size());
      s.value = v;
      arena_.append(key);
    }
    size_ = m.size();
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // The value of key, or nullptr.
  const V* find(std::string_view key) const { return find_fnv(key, fnv1a64(key)); }

  // As find(), with fnv = fnv1a64(key) computed by the caller.
  const V* find_fnv(std::string_view key, uint64_t fnv) const {
    if (size_ == 0) return nullptr;
    const uint64_t h = mix(fnv);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.hash == h && s.len == key.size() &&
          (key.empty() || std::memcmp(arena_.data() + s.off, key.data(), key.size()) == 0))
        return &s.value;
    }
  }

  // Asks the CPU to fetch the slot where a lookup of a key with this FNV-1a
  // state starts: issue it for a batch of keys, then find_fnv() them, and
  // the cache misses of a large table overlap instead of queueing.
  void prefetch_fnv(uint64_t fnv) const {
    if (size_ != 0) __builtin_prefetch(&slots_[mix(fnv) & mask_]);
  }

  // Visits every (key, value), in slot order.
  template <class F>
  void for_each(F&& f) const {
    for (const Slot& s : slots_)
      if (s.used) f(std::string_view(arena_.data() + s.off, s.len), s.value);
  }

 private:
  // FNV-1a's low bits depend mostly on the last bytes; the slot index uses
  // low bits, so spread all 64 bits over them (MurmurHash3's finaliser).
  static uint64_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
  }

  struct Slot {
    uint64_t hash = 0;
    uint32_t off = 0, len = 0;
    V value{};
    bool used = false;
  };
  std::vector<Slot> slots_;
  std::string arena_;
  size_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace vigie
