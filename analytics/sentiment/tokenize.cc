#include "analytics/sentiment/tokenize.h"

#include "core/text/normalize.h"
#include "core/text/utf8.h"

namespace vigie::sentiment::detail {

size_t decode_utf8(std::string_view s, size_t i, char32_t& cp) {
  const utf8::Decoded d = utf8::decode(s, i, utf8::Policy::lax);
  cp = d.cp;
  return d.len;
}

bool is_cjk(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x3040 && c <= 0x30FF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool is_emoji(char32_t c) {
  return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
         (c >= 0x2300 && c <= 0x23FF) || (c >= 0x2B05 && c <= 0x2B55) ||
         (c >= 0x2190 && c <= 0x21FF) || c == 0x3030 || c == 0x303D || c == 0x3297 ||
         c == 0x3299 || c == 0x2122 || c == 0x2139;
}

namespace {

// Joiners and modifiers that continue an emoji sequence.
bool is_emoji_continuation(char32_t c) {
  return c == 0xFE0F || c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF) || c == 0x20E3 ||
         (c >= 0xE0020 && c <= 0xE007F);
}

bool is_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 ||
         c == 0x3000 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F;
}

bool is_punct(char32_t c) {
  if (c < 0x80) {
    return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7E);
  }
  return c == 0xA1 || c == 0xBF || c == 0xAB || c == 0xBB || (c >= 0x2010 && c <= 0x2027) ||
         c == 0x2039 || c == 0x203A || c == 0x060C || c == 0x061B || c == 0x061F || c == 0x06D4 ||
         c == 0x066A || c == 0x066B || c == 0x066C || c == 0x0964 || c == 0x0965 ||
         (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
         (c >= 0x3014 && c <= 0x301F) || (c >= 0xFF01 && c <= 0xFF0F) ||
         (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
         (c >= 0xFF5B && c <= 0xFF65) || c == 0xFE0F || c == 0xFFFD;
}

bool ends_sentence(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
         c == 0x061F || c == 0x06D4 || c == 0x0964 || c == 0x2026;
}

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

struct CaseCount {
  int upper = 0, lower = 0;
};

CaseCount count_case(std::string_view s) {
  CaseCount cc;
  for (size_t i = 0; i < s.size();) {
    char32_t c;
    i += decode_utf8(s, i, c);
    if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
        (c >= 0x410 && c <= 0x42F) || c == 0x401)
      ++cc.upper;
    else if ((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7) ||
             (c >= 0x430 && c <= 0x44F) || c == 0x451)
      ++cc.lower;
  }
  return cc;
}

class Builder {
 public:
  Builder(std::string_view text, uint32_t base, uint32_t sentence, Items& out)
      : text_(text), base_(base), sentence_(sentence), out_(out) {}

  // Appends the folded form of piece (ASCII fast path, else index_form).
  void add_word(size_t b, size_t e, ItemKind kind, bool check_caps) {
    std::string_view piece = text_.substr(b, e - b);
    Item it;
    it.key_off = static_cast<uint32_t>(out_.keys.size());
    if (is_ascii(piece)) {
      for (char c : piece) out_.keys.push_back(c >= 'A' && c <= 'Z' ? char(c + 32) : c);
    } else if (kind == ItemKind::emoji) {
      emoji_key(piece, scratch_);
      out_.keys += scratch_;
    } else {
      out_.keys += text::index_form(piece);
    }
    it.key_len = static_cast<uint32_t>(out_.keys.size() - it.key_off);
    if (it.key_len == 0) {
      return;
    }
    it.begin = base_ + static_cast<uint32_t>(b);
    it.end = base_ + static_cast<uint32_t>(e);
    it.kind = kind;
    it.sentence = sentence_;
    if (check_caps && kind == ItemKind::word) {
      CaseCount cc = count_case(piece);
      it.caps = cc.upper >= 2 && cc.lower == 0;
    }
    out_.items.push_back(it);
    in_sentence_ = true;
  }

  void add_raw(size_t b, size_t e, ItemKind kind) {
    Item it;
    it.key_off = static_cast<uint32_t>(out_.keys.size());
    std::string_view piece = text_.substr(b, e - b);
    for (char c : piece) out_.keys.push_back(c >= 'A' && c <= 'Z' ? char(c + 32) : c);
    it.key_len = static_cast<uint32_t>(piece.size());
    it.begin = base_ + static_cast<uint32_t>(b);
    it.end = base_ + static_cast<uint32_t>(e);
    it.kind = kind;
    it.sentence = sentence_;
    out_.items.push_back(it);
    in_sentence_ = true;
  }

  void break_sentence() {
    if (in_sentence_) {
      ++sentence_;
      in_sentence_ = false;
    }
  }

  // A run of non-space, non-emoji, non-CJK text: strip punctuation at both
  // ends (VADER), drop single letters (VADER drops one-character tokens).
  void add_piece(size_t b, size_t e) {
    size_t nb = b, ne = e;
    while (nb < ne) {
      char32_t c;
      size_t n = decode_utf8(text_, nb, c);
      if (!is_punct(c)) break;
      nb += n;
    }
    while (ne > nb) {
      size_t p = ne - 1;
      while (p > nb && (static_cast<unsigned char>(text_[p]) & 0xC0) == 0x80) --p;
      char32_t c;
      decode_utf8(text_, p, c);
      if (!is_punct(c)) break;
      ne = p;
    }
    if (nb >= ne) return;
    char32_t first;
    size_t n1 = decode_utf8(text_, nb, first);
    if (nb + n1 == ne) return;  // single character
    bool digits = true;
    for (size_t i = nb; i < ne; ++i) {
      char c = text_[i];
      if (!((c >= '0' && c <= '9') || c == '.' || c == ',')) {
        digits = false;
        break;
      }
    }
    if (digits) {
      add_raw(nb, ne, ItemKind::neutral);
      return;
    }
    add_word(nb, ne, ItemKind::word, true);
  }

  void add_cjk_run(size_t b, size_t e, const CjkDictionary& dict) {
    // Code point boundaries of the run, then greedy longest match.
    bounds_.clear();
    for (size_t i = b; i < e;) {
      bounds_.push_back(i);
      char32_t c;
      i += decode_utf8(text_, i, c);
    }
    bounds_.push_back(e);
    size_t n = bounds_.size() - 1;
    for (size_t k = 0; k < n;) {
      size_t len = std::min(dict.max_chars, n - k);
      for (; len > 1; --len) {
        std::string_view cand = text_.substr(bounds_[k], bounds_[k + len] - bounds_[k]);
        if (dict.contains(cand)) break;
      }
      add_raw(bounds_[k], bounds_[k + len], ItemKind::word);
      k += len;
    }
  }

  uint32_t sentence() const { return sentence_; }

 private:
  std::string_view text_;
  uint32_t base_;
  uint32_t sentence_;
  bool in_sentence_ = false;
  Items& out_;
  std::string scratch_;
  std::vector<size_t> bounds_;
};

}  // namespace

void emoji_key(std::string_view seq, std::string& out) {
  out.clear();
  for (size_t i = 0; i < seq.size();) {
    char32_t c;
    size_t n = decode_utf8(seq, i, c);
    if (c != 0xFE0F && !(c >= 0x1F3FB && c <= 0x1F3FF)) out.append(seq.substr(i, n));
    i += n;
  }
}

void split_hashtag(std::string_view tag, std::vector<std::string_view>& parts) {
  parts.clear();
  size_t start = 0;
  auto cls = [](char c) {
    if (c >= 'a' && c <= 'z') return 1;
    if (c >= 'A' && c <= 'Z') return 2;
    if (c >= '0' && c <= '9') return 3;
    if (c == '_' || c == '-') return 0;
    return 4;  // non-ASCII byte: part of a word
  };
  auto flush = [&](size_t end) {
    if (end > start) parts.push_back(tag.substr(start, end - start));
  };
  for (size_t i = 0; i < tag.size(); ++i) {
    int c = cls(tag[i]);
    if (c == 0) {
      flush(i);
      start = i + 1;
      continue;
    }
    if (i == start) continue;
    int p = cls(tag[i - 1]);
    bool cut = false;
    if (p == 1 && c == 2) cut = true;                                  // notHappy
    if ((p == 3) != (c == 3)) cut = true;                              // abc123
    if (p == 2 && c == 2 && i + 1 < tag.size() && cls(tag[i + 1]) == 1)  // NOTHappy
      cut = true;
    if (cut) {
      flush(i);
      start = i;
    }
  }
  flush(tag.size());
}

namespace {

// The end of the emoji sequence that starts at `s` with `c` (`l` bytes),
// before `e`: modifiers and variation selectors, emoji joined by a ZWJ, or a
// flag's second regional indicator belong to one emoji item.
size_t emoji_sequence_end(std::string_view text, size_t s, char32_t c, size_t l, size_t e) {
  size_t k = s + l;
  while (k < e) {
    char32_t d;
    size_t dl = decode_utf8(text, k, d);
    if (is_emoji_continuation(d)) {
      k += dl;
      if (d == 0x200D && k < e) {  // ZWJ: the next emoji joins the sequence
        size_t nl = decode_utf8(text, k, d);
        if (is_emoji(d)) k += nl;
      }
    } else if (c >= 0x1F1E6 && c <= 0x1F1FF && d >= 0x1F1E6 && d <= 0x1F1FF && k == s + l) {
      k += dl;  // flag: two regional indicators
    } else {
      break;
    }
  }
  return k;
}

}  // namespace

void tokenize(std::string_view text, uint32_t base_offset, uint32_t first_sentence,
              const EmoticonSet& emoticons, const CjkDictionary* cjk, Items& out) {
  Builder bld(text, base_offset, first_sentence, out);
  std::vector<std::string_view> parts;
  std::string lower;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    // Skip spaces; a line break ends a sentence.
    char32_t c;
    size_t len = decode_utf8(text, i, c);
    if (is_space(c)) {
      if (c == '\n') bld.break_sentence();
      i += len;
      continue;
    }
    size_t b = i;
    size_t e = i;
    while (e < n) {
      size_t l = decode_utf8(text, e, c);
      if (is_space(c)) break;
      e += l;
    }
    i = e;
    std::string_view chunk = text.substr(b, e - b);
    // Whole-chunk emoticon (":)", ":-D", "<3"); letters are case-folded.
    if (chunk.size() <= 8 && chunk.size() >= 2) {
      lower.assign(chunk);
      for (auto& ch : lower)
        if (ch >= 'A' && ch <= 'Z') ch = char(ch + 32);
      if (emoticons.contains(lower)) {
        bld.add_raw(b, e, ItemKind::emoji);
        continue;
      }
    }
    if (chunk.starts_with("http://") || chunk.starts_with("https://") || chunk.starts_with("www.")) {
      bld.add_raw(b, e, ItemKind::neutral);
      continue;
    }
    if (chunk.size() > 1 && chunk[0] == '@') {
      bld.add_raw(b, e, ItemKind::neutral);
      continue;
    }
    bool sentence_end = false;
    if (chunk.size() > 1 && (chunk[0] == '#')) {
      size_t te = e;
      while (te > b + 1 && static_cast<unsigned char>(text[te - 1]) < 0x80 &&
             is_punct(static_cast<unsigned char>(text[te - 1])) && text[te - 1] != '_') {
        if (ends_sentence(static_cast<unsigned char>(text[te - 1]))) sentence_end = true;
        --te;
      }
      std::string_view tag = text.substr(b + 1, te - b - 1);
      split_hashtag(tag, parts);
      bool all_caps_tag = count_case(tag).lower == 0;
      for (auto p : parts) {
        size_t pb = static_cast<size_t>(p.data() - text.data());
        if (p.size() >= 2) bld.add_word(pb, pb + p.size(), ItemKind::word, all_caps_tag);
      }
      if (sentence_end) bld.break_sentence();
      continue;
    }
    // Split the chunk into emoji sequences, CJK runs and other pieces.
    size_t piece = b;
    size_t k = b;
    char32_t last = 0;
    while (k < e) {
      size_t l = decode_utf8(text, k, c);
      if (is_emoji(c)) {
        bld.add_piece(piece, k);
        const size_t s = k;
        k = emoji_sequence_end(text, k, c, l, e);
        bld.add_word(s, k, ItemKind::emoji, false);
        piece = k;
        last = 0;
        continue;
      }
      if (cjk != nullptr && is_cjk(c)) {
        bld.add_piece(piece, k);
        size_t s = k;
        while (k < e) {
          char32_t d;
          size_t dl = decode_utf8(text, k, d);
          if (!is_cjk(d)) break;
          k += dl;
        }
        bld.add_cjk_run(s, k, *cjk);
        piece = k;
        last = 0;
        continue;
      }
      if (cjk != nullptr && is_punct(c)) {
        // Chinese text has no spaces: punctuation separates pieces, and
        // 。！？ end sentences inside the chunk.
        bld.add_piece(piece, k);
        k += l;
        piece = k;
        if (ends_sentence(c)) bld.break_sentence();
        last = c;
        continue;
      }
      last = c;
      k += l;
    }
    bld.add_piece(piece, e);
    if (ends_sentence(last)) bld.break_sentence();
  }
}

}  // namespace vigie::sentiment::detail
