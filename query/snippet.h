// Snippets with the matched words highlighted.
//
// Why not Xapian::MSet::snippet: it re-tokenises with Xapian's own rules,
// which do not segment Chinese and compare unfolded words, so "reducción"
// would not be highlighted for the folded query term "reduccion". The
// Highlighter tokenises with the same Segmenter as the indexer and compares
// index_form()s, and Z stems with the document language's stemmer, so what
// is highlighted is exactly what matched.
//
// Thread safety: a Highlighter is NOT thread-safe (segmenter, stemmers).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include <xapian.h>

namespace vigie::query {

struct SnippetOptions {
  size_t max_bytes = 240;           // length of the excerpt (cut at word boundaries)
  std::string start = "<b>";        // put before each matched word
  std::string end = "</b>";         // and after it
  std::string ellipsis = "\u2026";  // marks a cut at either end
};

class Highlighter {
 public:
  // Collects the query's words: plain and title terms (S), stems (Z, ZS).
  // Boolean filter terms are ignored; wildcard patterns are not expanded.
  explicit Highlighter(const Xapian::Query& query);
  ~Highlighter();

  // The best window of text (the one holding most matched words), with
  // matched words wrapped in start/end and white space runs collapsed to
  // one space. Without any match: the start of the text. When start or end
  // is set, the text is HTML-escaped (& < > " ' as &amp; &lt; &gt; &quot;
  // &#39;), so the snippet is safe to render as HTML and the markers are its
  // only markup; with both empty it is plain text. Either way, control
  // characters other than white space become U+FFFD.
  std::string snippet(std::string_view text, std::string_view lang, const SnippetOptions& options);

  bool empty() const { return words_.empty() && stems_.empty(); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::unordered_set<std::string> words_;
  std::unordered_set<std::string> stems_;
};

}  // namespace vigie::query
