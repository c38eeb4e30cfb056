// Near-duplicate signatures: a cluster key that is equal for retweets,
// quotes and syndicated copies of the same text, and a SimHash over word
// 3-shingles kept for near-duplicate search.
//
// Both are pure functions of the content (no shared state), so parallel
// indexing needs no coordination: the first document with a key opens a
// cluster, later ones with the same key are its duplicates.
// Hashes are FNV-1a 64 over UTF-8 bytes with a SplitMix64 finaliser, so they
// are stable across platforms, compilers and runs (they are stored on disk).
//
// Thread safety: free functions without state; call from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/text/segment.h"

namespace vigie::dedup {

// The cluster key of a document. tokens are text::Segmenter tokens of text.
// What is ignored: a leading "RT @user:" (and "RT" alone), URLs, @mentions,
// punctuation, emoji and emoticons, case and accents (tokens carry
// index_form), whitespace, and a trailing "via @outlet". What is kept: the
// sequence of words, numbers and hashtags. A text with none of those (only
// links or emoji) is keyed on its raw bytes, so unrelated link-only posts do
// not collapse into one cluster. Never returns 0 (0 means "not computed").
uint64_t cluster_key(std::string_view text, const std::vector<text::Token>& tokens);

// 64-bit SimHash of the word 3-shingles of the same normalised token
// sequence (texts of one or two words give one shingle). Near-duplicates
// differ in few bits: see hamming().
uint64_t simhash(const std::vector<text::Token>& tokens);

inline int hamming(uint64_t a, uint64_t b) { return __builtin_popcountll(a ^ b); }

// ---- Edited copies: MinHash with LSH bands ---------------------------------
// An edited copy (a new headline, a changed word, a trailing credit) has
// another cluster key, but most of its word pairs are the original's. The
// signature keeps, for each of kNearHashes seeded hashes, the low 16 bits of
// the minimum over the text's word 2-shingles (the same normalised content
// sequence as cluster_key); two texts agree on a hash with probability equal
// to the Jaccard similarity of their shingle sets. Bands of kNearRows hashes
// make candidate keys (near_bands): texts that share a band are candidates,
// and candidates whose signatures agree on at least kNearThreshold of the
// hashes are near-duplicates. Band keys are pure functions of the content,
// so shards on different machines need no shared state to find the same
// pairs: store the bands as terms, the signature as a value.
//
// Measured on tests/fixtures/dedup (80 distinct drug-policy texts written
// for the test, 4 edited copies of each: new headline, changed word,
// trailing credit, all three): 318/320 copies joined to their original
// (the exact cluster key joins 0/320), 0/80 distinct texts merged. The
// lowest agreement of a copy with its original was 0.30 (joined through
// its sibling copies), the highest between different stories 0.28 (shared
// headline and credit boilerplate), hence 64 hashes and 0.4: with 40
// hashes and 0.3, boilerplate merged 2 of the 80. 32 bands joined 320/320
// but grew a make-corpus index by 90%; 8 bands grow it by 23%.
inline constexpr size_t kNearHashes = 64;
inline constexpr size_t kNearRows = 2;
// Bands use the first kNearBands * kNearRows hashes; all kNearHashes confirm.
// Few bands keep the index small (each band is a term of every document).
inline constexpr size_t kNearBands = 8;
static_assert(kNearBands * kNearRows <= kNearHashes && kNearBands <= 16);
inline constexpr double kNearThreshold = 0.4;

using NearSignature = std::array<uint16_t, kNearHashes>;

// The signature of a text's tokens; has_content is false for texts of no
// words (only links, emoji): those are never near anything.
struct NearSig {
  NearSignature h{};
  bool has_content = false;
};
NearSig near_signature(const std::vector<text::Token>& tokens);

// One key per band: the band index (bits 32..35) and its kNearRows = 2
// hashes (bits 0..31), so equal keys mean equal bands; empty for a text
// without content.
std::vector<uint64_t> near_bands(const NearSig& sig);

// Fraction of hashes on which two signatures agree (an estimate of the
// Jaccard similarity of their 2-shingle sets).
double near_similarity(const NearSig& a, const NearSig& b);

// Candidates (a shared band) that agree on >= kNearThreshold of the hashes.
bool near_duplicates(const NearSig& a, const NearSig& b);

// Groups texts into near-duplicate clusters: union-find over shared bands,
// joined only when near_duplicates() holds. Returns, for each signature, the
// index of its cluster's first member (so cluster ids are stable for a
// given order). Linear in the number of band collisions.
std::vector<size_t> near_clusters(const std::vector<NearSig>& sigs);

}  // namespace vigie::dedup
