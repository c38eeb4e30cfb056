#include "query/snippet.h"

#include <unordered_map>
#include <vector>

#include "core/text/normalize.h"
#include "core/text/width.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::query {

struct Highlighter::Impl {
  text::Segmenter segmenter;
  text::StemmerSet stemmers;
  std::vector<text::Token> tokens;
  std::vector<size_t> matches;
  std::vector<text::Token> tag_words;
  std::unordered_map<std::string, bool> stem_hits;  // norm -> its stem is a query stem
  std::string stem_lang;                             // the language stem_hits is for
};

Highlighter::Highlighter(const Xapian::Query& query) {
  for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
    const std::string& term = *t;
    if (term.empty()) continue;
    if (term[0] == 'Z') {
      size_t skip = term.size() > 1 && term[1] == 'S' ? 2 : 1;
      stems_.insert(term.substr(skip));
    } else if (term[0] == 'S') {
      words_.insert(term.substr(1));
    } else if (!(term[0] >= 'A' && term[0] <= 'Z')) {
      words_.insert(term);
    }
  }
}

Highlighter::~Highlighter() = default;

namespace {

// Appends s with runs of white space collapsed to one space, other control
// characters (ESC, BEL, NUL, DEL) replaced by U+FFFD, and, when html is set,
// the five characters HTML gives meaning to escaped, so that markers can be
// the only markup in a snippet.
void append_text(std::string& out, std::string_view s, bool html) {
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else if (b < 0x20 || b == 0x7F) {
      out += "\xEF\xBF\xBD";
    } else if (html && c == '&') {
      out += "&amp;";
    } else if (html && c == '<') {
      out += "&lt;";
    } else if (html && c == '>') {
      out += "&gt;";
    } else if (html && c == '"') {
      out += "&quot;";
    } else if (html && c == '\'') {
      out += "&#39;";
    } else {
      out.push_back(c);
    }
  }
}

// The longest prefix of s of at most max_bytes that ends between two
// characters as a reader sees them: never inside a UTF-8 sequence, and not
// between a letter and the combining marks or zero-width joiners that
// follow it (display width 0), which would change the last letter.
size_t character_cut(std::string_view s, size_t max_bytes) {
  size_t cut = text::truncate_utf8(s, max_bytes).size();
  while (cut > 0 && cut < s.size()) {
    size_t next = cut + 1;  // the code point after the cut
    while (next < s.size() && (static_cast<unsigned char>(s[next]) & 0xC0) == 0x80) ++next;
    size_t prev = cut - 1;  // the code point before it
    while (prev > 0 && (static_cast<unsigned char>(s[prev]) & 0xC0) == 0x80) --prev;
    const bool joins_next = text::display_width(s.substr(cut, next - cut)) == 0 && s[cut] != ' ';
    const bool joiner_before = s.substr(prev, cut - prev) == "\u200D";
    if (!joins_next && !joiner_before) break;
    cut = prev;
  }
  return cut;
}

}  // namespace

std::string Highlighter::snippet(std::string_view text, std::string_view lang, const SnippetOptions& o) {
  if (!impl_) impl_ = std::make_unique<Impl>();
  auto& toks = impl_->tokens;
  auto& matches = impl_->matches;
  toks.clear();
  matches.clear();
  impl_->segmenter.tokenize(text, toks, false);
  const bool stem = !stems_.empty() && text::has_stemmer(lang);
  const Xapian::Stem* stemmer = stem ? &impl_->stemmers.get(lang) : nullptr;
  // Stemming every token is the costly part; words repeat, so remember.
  auto& stem_hits = impl_->stem_hits;
  if (lang != impl_->stem_lang) {  // the answers depend on the stemmer
    stem_hits.clear();
    impl_->stem_lang.assign(lang);
  }
  auto stem_hit = [&](const std::string& norm) {
    auto [it, fresh] = stem_hits.try_emplace(norm, false);
    if (fresh) it->second = stems_.count((*stemmer)(norm)) > 0;
    return it->second;
  };
  std::vector<bool> hit(toks.size(), false);
  for (size_t i = 0; i < toks.size(); ++i) {
    const auto& t = toks[i];
    if (t.norm.empty()) continue;
    bool match = words_.count(t.norm) || (stemmer && !t.cjk && stem_hit(t.norm));
    if (!match && t.kind == text::TokenKind::hashtag) {
      // A CJK tag is indexed as its words (#大麻合法化# is found by 大麻).
      auto& parts = impl_->tag_words;
      parts.clear();
      impl_->segmenter.tag_words(t, parts);
      for (const auto& w : parts) match = match || words_.count(w.norm) > 0;
    }
    if (match) {
      hit[i] = true;
      matches.push_back(i);
    }
  }

  // Window: the match to start from that covers the most matches within max_bytes.
  size_t best_first = 0, best_count = 0;
  for (size_t a = 0; a < matches.size(); ++a) {
    size_t count = 0;
    for (size_t b = a; b < matches.size() && toks[matches[b]].end - toks[matches[a]].begin <= o.max_bytes; ++b)
      ++count;
    if (count > best_count) {
      best_count = count;
      best_first = a;
    }
  }
  size_t begin = 0;
  if (best_count > 0) {
    // A little context before the first match, starting on a token.
    size_t anchor = toks[matches[best_first]].begin;
    size_t want = anchor > o.max_bytes / 4 ? anchor - o.max_bytes / 4 : 0;
    size_t first_tok = matches[best_first];
    while (first_tok > 0 && toks[first_tok - 1].begin >= want) --first_tok;
    begin = first_tok == 0 ? 0 : toks[first_tok].begin;
  }
  // End: the last token that fits.
  size_t end = begin;
  size_t k = 0;
  while (k < toks.size() && toks[k].end <= begin) ++k;
  for (; k < toks.size() && toks[k].end - begin <= o.max_bytes; ++k) end = toks[k].end;
  if (end == begin) end = begin + character_cut(text.substr(begin), o.max_bytes);
  if (k >= toks.size()) end = text.size() - begin <= o.max_bytes ? text.size() : end;

  std::string out;
  out.reserve(end - begin + 32);
  if (begin > 0) out += o.ellipsis;
  // With markers the snippet is markup: the text is escaped so that a page
  // can show it as HTML and the markers are the only tags in it.
  const bool html = !o.start.empty() || !o.end.empty();
  size_t pos = begin;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (!hit[i] || toks[i].begin < begin || toks[i].end > end) continue;
    append_text(out, text.substr(pos, toks[i].begin - pos), html);
    out += o.start;
    append_text(out, text.substr(toks[i].begin, toks[i].end - toks[i].begin), html);
    out += o.end;
    pos = toks[i].end;
  }
  append_text(out, text.substr(pos, end - pos), html);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (end < text.size()) out += o.ellipsis;
  return out;
}

}  // namespace vigie::query
