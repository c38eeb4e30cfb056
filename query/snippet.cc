#include "query/snippet.h"

#include <unordered_map>
#include <vector>

#include "core/text/normalize.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::query {

struct Highlighter::Impl {
  text::Segmenter segmenter;
  text::StemmerSet stemmers;
  std::vector<text::Token> tokens;
  std::vector<size_t> matches;
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

// Appends s with runs of white space collapsed to one space.
void append_collapsed(std::string& out, std::string_view s) {
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
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
    if (words_.count(t.norm) || (stemmer && !t.cjk && stem_hit(t.norm))) {
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
  if (end == begin) end = begin + text::truncate_utf8(text.substr(begin), o.max_bytes).size();
  if (k >= toks.size()) end = text.size() - begin <= o.max_bytes ? text.size() : end;

  std::string out;
  out.reserve(end - begin + 32);
  if (begin > 0) out += o.ellipsis;
  size_t pos = begin;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (!hit[i] || toks[i].begin < begin || toks[i].end > end) continue;
    append_collapsed(out, text.substr(pos, toks[i].begin - pos));
    out += o.start;
    out.append(text.substr(toks[i].begin, toks[i].end - toks[i].begin));
    out += o.end;
    pos = toks[i].end;
  }
  append_collapsed(out, text.substr(pos, end - pos));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (end < text.size()) out += o.ellipsis;
  return out;
}

}  // namespace vigie::query
