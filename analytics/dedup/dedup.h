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

}  // namespace vigie::dedup
