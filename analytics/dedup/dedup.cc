#include "analytics/dedup/dedup.h"

#include "core/hash.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace vigie::dedup {

namespace {

// SimHash needs every bit position to vote: mix64 spreads FNV's weak bits.
constexpr auto mix = mix64;

bool content(const text::Token& t) {
  return t.kind == text::TokenKind::word || t.kind == text::TokenKind::number ||
         t.kind == text::TokenKind::hashtag;
}

// [first, last) range of content tokens after removing the retweet prefix and
// a trailing "via @outlet". Calls f(token) for each kept content token.
template <class F>
void for_each_content(const std::vector<text::Token>& tokens, F&& f) {
  size_t first = 0, last = tokens.size();
  // Leading "RT @user:" (possibly several: "RT @a: RT @b:"); the mention is
  // dropped anyway, the "rt" word must go too.
  for (;;) {
    size_t i = first;
    while (i < last && !content(tokens[i]) && tokens[i].kind != text::TokenKind::mention) ++i;
    if (i + 1 < last && tokens[i].kind == text::TokenKind::word && tokens[i].norm == "rt" &&
        tokens[i + 1].kind == text::TokenKind::mention) {
      first = i + 2;
      continue;
    }
    break;
  }
  // Trailing "via @outlet" (and anything non-content after it).
  size_t j = last;
  while (j > first && !content(tokens[j - 1]) && tokens[j - 1].kind != text::TokenKind::mention) --j;
  if (j >= first + 2 && tokens[j - 1].kind == text::TokenKind::mention && tokens[j - 2].kind == text::TokenKind::word &&
      tokens[j - 2].norm == "via") {
    last = j - 2;
  }
  for (size_t i = first; i < last; ++i) {
    if (content(tokens[i])) f(tokens[i]);
  }
}

}  // namespace

uint64_t cluster_key(std::string_view text, const std::vector<text::Token>& tokens) {
  uint64_t h = kFnvOffset;
  bool any = false;
  for_each_content(tokens, [&](const text::Token& t) {
    h = fnv1a64(t.norm, h);
    h = fnv1a64_byte(h, 0x1F);  // unit separator: "ab c" and "a bc" differ
    any = true;
  });
  if (!any) h = fnv1a64(text, 0x84222325cbf29ce4ULL);
  h = mix(h);
  return h == 0 ? 1 : h;
}

namespace {

// kByteVotes[v][i] = +1 if bit i of v is set, else -1: SimHash votes one
// byte at a time (8 adds the compiler vectorises instead of 64 branches).
struct ByteVotes {
  std::array<std::array<int16_t, 8>, 256> t{};
  constexpr ByteVotes() {
    for (int v = 0; v < 256; ++v)
      for (int i = 0; i < 8; ++i) t[v][i] = ((v >> i) & 1) ? 1 : -1;
  }
};
constexpr ByteVotes kByteVotes;

}  // namespace

uint64_t simhash(const std::vector<text::Token>& tokens) {
  alignas(16) std::array<int32_t, 64> votes{};
  // Rolling window of the last three word hashes.
  uint64_t w0 = 0, w1 = 0;
  size_t n = 0;
  auto vote = [&](uint64_t shingle) {
    uint64_t x = mix(shingle);
    for (int byte = 0; byte < 8; ++byte) {
      const auto& row = kByteVotes.t[(x >> (8 * byte)) & 0xFF];
      for (int i = 0; i < 8; ++i) votes[byte * 8 + i] += row[i];
    }
  };
  for_each_content(tokens, [&](const text::Token& t) {
    uint64_t w = fnv1a64(t.norm);
    if (n >= 2) vote(w0 * 0x9E3779B97F4A7C15ULL ^ w1 * 0xC2B2AE3D27D4EB4FULL ^ w);
    w0 = w1;
    w1 = w;
    ++n;
  });
  if (n == 0) return 0;
  if (n == 1) vote(w1);
  if (n == 2) vote(w0 * 0x9E3779B97F4A7C15ULL ^ w1);
  uint64_t out = 0;
  for (int b = 0; b < 64; ++b) {
    if (votes[b] > 0) out |= uint64_t(1) << b;
  }
  return out;
}

NearSig near_signature(const std::vector<text::Token>& tokens) {
  NearSig sig;
  std::array<uint64_t, kNearHashes> mins;
  mins.fill(~uint64_t(0));
  uint64_t prev = 0;
  size_t n = 0;
  auto shingle = [&](uint64_t x) {
    for (size_t i = 0; i < kNearHashes; ++i) {
      // Seeded variants of one hash: SplitMix64 of x xor a per-index constant.
      const uint64_t h = mix(x ^ (0x9E3779B97F4A7C15ULL * (i + 1)));
      if (h < mins[i]) mins[i] = h;
    }
  };
  for_each_content(tokens, [&](const text::Token& t) {
    const uint64_t w = fnv1a64(t.norm);
    if (n >= 1) shingle(prev * 0xC2B2AE3D27D4EB4FULL ^ w);
    prev = w;
    ++n;
  });
  if (n == 0) return sig;
  if (n == 1) shingle(prev);
  for (size_t i = 0; i < kNearHashes; ++i) sig.h[i] = static_cast<uint16_t>(mins[i]);
  sig.has_content = true;
  return sig;
}

std::vector<uint64_t> near_bands(const NearSig& sig) {
  std::vector<uint64_t> out;
  if (!sig.has_content) return out;
  out.reserve(kNearBands);
  static_assert(kNearRows == 2, "a band key holds two 16-bit hashes");
  for (size_t b = 0; b < kNearBands; ++b)
    out.push_back(uint64_t(b) << 32 | uint64_t(sig.h[2 * b]) << 16 | sig.h[2 * b + 1]);
  return out;
}

double near_similarity(const NearSig& a, const NearSig& b) {
  if (!a.has_content || !b.has_content) return 0;
  size_t same = 0;
  for (size_t i = 0; i < kNearHashes; ++i) same += a.h[i] == b.h[i];
  return static_cast<double>(same) / kNearHashes;
}

bool near_duplicates(const NearSig& a, const NearSig& b) {
  if (!a.has_content || !b.has_content) return false;
  bool band = false;
  for (size_t i = 0; i < kNearBands && !band; ++i) {
    bool all = true;
    for (size_t r = 0; r < kNearRows; ++r) all &= a.h[i * kNearRows + r] == b.h[i * kNearRows + r];
    band = all;
  }
  return band && near_similarity(a, b) >= kNearThreshold;
}

std::vector<size_t> near_clusters(const std::vector<NearSig>& sigs) {
  std::vector<size_t> parent(sigs.size());
  for (size_t i = 0; i < parent.size(); ++i) parent[i] = i;
  auto find = [&](size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  // Band key -> the members seen with it; each new member is compared with
  // them (few: bands are selective).
  std::unordered_map<uint64_t, std::vector<size_t>> seen;
  for (size_t i = 0; i < sigs.size(); ++i) {
    for (uint64_t key : near_bands(sigs[i])) {
      auto& members = seen[key];
      for (size_t j : members) {
        const size_t a = find(i), b = find(j);
        if (a != b && near_duplicates(sigs[i], sigs[j])) parent[std::max(a, b)] = std::min(a, b);
      }
      members.push_back(i);
    }
  }
  std::vector<size_t> out(sigs.size());
  for (size_t i = 0; i < sigs.size(); ++i) out[i] = find(i);
  return out;
}

}  // namespace vigie::dedup
