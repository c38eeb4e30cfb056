// Word and sentence segmentation (see segment.h).
//
// How it works: ICU's root word BreakIterator walks the UTF-8 text in place
// (utext_openUTF8, so ICU's indexes are our byte offsets and no UnicodeString
// is built). At the start of each ICU segment a small hand-written scanner
// first tries the social-media units ICU would cut apart - URL, @mention,
// #hashtag, emoji sequence, ASCII emoticon, '!'/'?' run. When one matches it
// becomes the token and the walk resumes at the first ICU boundary after it
// (with a partial segment when the unit ended inside an ICU word). Otherwise
// the ICU segment's rule status says what it is: number, word (letters,
// kana, ideographs; dictionary-segmented for Chinese, Japanese, Thai...), or
// nothing (spaces and punctuation, dropped).
//
// Decisions (see docs/text.md):
// - Hyphenated words are split ("anti-drug" -> "anti", "drug"), as ICU and
//   Xapian's own query parser do, so phrase queries match.
// - Inner apostrophes stay ("don't", "aujourd'hui"), except after a French,
//   Italian or Catalan elided article/pronoun ("l'usage" -> "l", "usage";
//   "dell'uso" -> "dell", "uso"; "qu'il" -> "qu", "il"), so the content word is
//   indexed on its own. The segmenter does not know the language, so the list
//   is restricted to prefixes that are not English words before an
//   apostrophe ("don't", "I'm", "O'Brien" are untouched).
// - Emoji norms are the sequence itself, variation selectors included.
// - A token with a letter is a word, whatever ICU's rule status says: ICU
//   gives "prop64", "covid19" and "h1n1" the status of their last character
//   (a number), but they are words to a reader and to Xapian's query parser,
//   which stems them; the indexer must stem them too. Numbers are tokens
//   without any letter ("3.14", "1,000", "2019").
#include "core/text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <climits>
#include <mutex>
#include <string>

#include "core/errors.h"
#include "core/text/normalize.h"
#include "core/text/utf8_internal.h"

namespace vigie::text {
namespace {

using detail::next_cp;
using detail::prev_cp;

void check(UErrorCode st, const char* what) {
  if (U_FAILURE(st)) throw Error(std::string("ICU ") + what + ": " + u_errorName(st));
}

// Creating a break iterator loads and compiles rules (about a millisecond);
// cloning a prototype is much cheaper. The mutex makes concurrent clones of
// the shared prototypes safe whatever ICU's internals do.
std::mutex proto_mutex;

const icu::BreakIterator& word_prototype() {
  static const std::unique_ptr<icu::BreakIterator> kProto = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), st));
    check(st, "word break iterator");
    return bi;
  }();
  return *kProto;
}

const icu::BreakIterator& sentence_prototype() {
  static const std::unique_ptr<icu::BreakIterator> kProto = [] {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> bi(
        icu::BreakIterator::createSentenceInstance(icu::Locale::getRoot(), st));
    check(st, "sentence break iterator");
    return bi;
  }();
  return *kProto;
}

std::unique_ptr<icu::BreakIterator> clone_of(const icu::BreakIterator& bi) {
  std::lock_guard<std::mutex> lock(proto_mutex);
  std::unique_ptr<icu::BreakIterator> c(bi.clone());
  if (!c) throw Error("ICU: cannot clone break iterator");
  return c;
}

inline bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

inline bool is_alnum_cp(UChar32 c) {
  if (c < 0x80) return is_ascii_alnum(static_cast<unsigned char>(c));
  return u_isalnum(c);
}

inline bool is_mark(UChar32 c) {
  return (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_MC_MASK)) != 0;
}

bool prev_is_alnum(std::string_view t, size_t i) {
  if (i == 0) return false;
  UChar32 c = prev_cp(t, i);
  return is_alnum_cp(c) || c == '_';
}

bool next_is_alnum(std::string_view t, size_t i) {
  if (i >= t.size()) return false;
  return is_alnum_cp(next_cp(t, i));
}

UChar32 cp_at(std::string_view t, size_t i) {
  if (i >= t.size()) return -1;
  return next_cp(t, i);
}

bool starts_with_ci(std::string_view t, size_t i, std::string_view lower_prefix) {
  if (t.size() - i < lower_prefix.size()) return false;
  for (size_t k = 0; k < lower_prefix.size(); ++k)
    if (detail::ascii_lower(t[i + k]) != lower_prefix[k]) return false;
  return true;
}

// ---- URL -------------------------------------------------------------------

size_t scan_url(std::string_view t, size_t i) {
  size_t j;
  if (starts_with_ci(t, i, "https://"))
    j = i + 8;
  else if (starts_with_ci(t, i, "http://"))
    j = i + 7;
  else if (starts_with_ci(t, i, "www.") && next_is_alnum(t, i + 4))
    j = i + 4;
  else
    return 0;
  if (prev_is_alnum(t, i)) return 0;
  const size_t body = j;
  while (j < t.size()) {
    unsigned char b = static_cast<unsigned char>(t[j]);
    if (b < 0x80) {
      if (b <= 0x20 || b == '<' || b == '>' || b == '"' || b == '`' || b == '{' || b == '}' || b == '|' ||
          b == '\\' || b == '^' || b == 0x7F)
        break;
      ++j;
      continue;
    }
    size_t k = j;
    UChar32 c = next_cp(t, k);
    // IRIs may hold letters of any script; stop at spaces, punctuation such
    // as "…" or "」", and emoji glued to the link.
    if (u_isUWhiteSpace(c) || u_ispunct(c) || u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC) ||
        c == 0xFFFD)
      break;
    j = k;
  }
  // Sentence punctuation after a link is not part of it; a ')' is when the
  // link opened one (Wikipedia titles).
  int parens = 0;
  for (size_t k = body; k < j; ++k) parens += t[k] == '(' ? 1 : t[k] == ')' ? -1 : 0;
  while (j > body) {
    char c = t[j - 1];
    if (c == ')' && parens < 0) {
      ++parens;
      --j;
    } else if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' ||
               c == ']' || c == '*') {
      --j;
    } else {
      break;
    }
  }
  return j > body ? j : 0;
}

// ---- @mention and #hashtag ---------------------------------------------------

// Letters and digits of any script, '_', combining marks (Arabic harakat,
// Devanagari vowel signs) and ZWNJ/ZWJ (Persian, Indic).
inline bool tag_char(UChar32 c) {
  if (c < 0x80) return is_ascii_alnum(static_cast<unsigned char>(c)) || c == '_';
  return u_isalnum(c) || is_mark(c) || c == 0x200C || c == 0x200D;
}

// sigil_len: 1 for '@'/'#', 3 for the fullwidth forms. need_letter: a
// hashtag needs a letter ("#1" is not one); a mention may be all digits.
size_t scan_tag(std::string_view t, size_t i, size_t sigil_len, bool need_letter) {
  if (prev_is_alnum(t, i)) return 0;  // "a@b.com", "C#"
  size_t j = i + sigil_len;
  bool letter = false;
  while (j < t.size()) {
    size_t k = j;
    UChar32 c = next_cp(t, k);
    if (!tag_char(c)) break;
    if (!letter) letter = c < 0x80 ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : u_isalpha(c) || is_mark(c);
    j = k;
  }
  if (j == i + sigil_len || (need_letter && !letter)) return 0;
  return j;
}

// ---- emoji -------------------------------------------------------------------

inline bool is_regional_indicator(UChar32 c) { return c >= 0x1F1E6 && c <= 0x1F1FF; }
inline bool is_emoji_modifier(UChar32 c) { return c >= 0x1F3FB && c <= 0x1F3FF; }
inline bool is_variation_selector(UChar32 c) { return c == 0xFE0F || c == 0xFE0E; }
inline bool is_tag_spec(UChar32 c) { return c >= 0xE0020 && c <= 0xE007F; }  // subdivision flags

// Extended_Pictographic, except the old text symbols below U+2190 (© ® ™ ‼
// ⁉ ℹ) unless an emoji variation selector asks for the emoji form.
bool pictographic(UChar32 c, UChar32 next) {
  if (c < 0xA9) return false;
  if (!u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) return false;
  return c >= 0x2190 || next == 0xFE0F;
}

// One emoji sequence starting at i: keycap, flag (regional-indicator pair),
// or pictograph with modifiers/variation selectors/tags, chained by ZWJ.
size_t scan_emoji(std::string_view t, size_t i) {
  size_t j = i;
  UChar32 c = next_cp(t, j);
  UChar32 next = cp_at(t, j);
  if (c == '#' || c == '*' || (c >= '0' && c <= '9')) {
    size_t k = j;
    if (next == 0xFE0F) {
      next_cp(t, k);
      next = cp_at(t, k);
    }
    if (next != 0x20E3) return 0;
    next_cp(t, k);
    return k;
  }
  if (is_regional_indicator(c)) {
    if (is_regional_indicator(next)) next_cp(t, j);
    return j;
  }
  if (is_emoji_modifier(c)) return j;  // a lone skin tone
  if (!pictographic(c, next)) return 0;
  for (;;) {
    size_t k = j;
    UChar32 d = cp_at(t, k);
    if (is_variation_selector(d) || is_emoji_modifier(d) || is_tag_spec(d) || d == 0x20E3) {
      next_cp(t, j);
      continue;
    }
    if (d == 0x200D) {  // ZWJ: join the next pictograph into this sequence
      next_cp(t, k);
      UChar32 e = cp_at(t, k);
      if (e >= 0 && (u_hasBinaryProperty(e, UCHAR_EXTENDED_PICTOGRAPHIC) || is_emoji_modifier(e))) {
        next_cp(t, k);
        j = k;
        continue;
      }
    }
    return j;
  }
}

// ---- emoticons -----------------------------------------------------------------

// Longest first within a shared prefix, so ":-)" wins over ":-".
constexpr std::array<std::string_view, 52> kEmoticons{
    ">:-(", ">:(", ":'-(", ":'(", ":')", ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-|", ":-*", ":-O", ":-o",
    ":)",   ":(",  ":D",   ":P",  ":p",  ":/",  ":|",  ":*",  ":O",  ":o",  ":]",  ":[",  ":3",  ":S",  ":$",
    ";-)",  ";)",  ";D",   ";P",  ";p",  ";_;", "=)",  "=(",  "=D",  "</3", "<3",  "xDD", "xD",  "XD",  "8-)",
    "^_^",  "^^",  "-_-",  "T_T", ":\\", ":-\\", "=P"};

size_t scan_emoticon(std::string_view t, size_t i) {
  const char first = t[i];
  const bool alnum_start = is_ascii_alnum(static_cast<unsigned char>(first));
  if (alnum_start && prev_is_alnum(t, i)) return 0;  // "foxD"
  for (std::string_view e : kEmoticons) {
    if (e[0] != first || t.compare(i, e.size(), e) != 0) continue;
    const size_t end = i + e.size();
    // ":D" must not be the start of ":Dinner"; ":3" not of "10:30".
    if (is_ascii_alnum(static_cast<unsigned char>(e.back())) && next_is_alnum(t, end)) continue;
    if (e.back() == '/' && end < t.size() && t[end] == '/') continue;  // "ftp://"
    return end;
  }
  return 0;
}

// ---- '!' / '?' runs --------------------------------------------------------

inline bool bang_or_question(UChar32 c) {
  return c == '!' || c == '?' || c == 0xFF01 || c == 0xFF1F || c == 0x061F || c == 0x203C || c == 0x2049;
}

size_t scan_punct(std::string_view t, size_t i) {
  size_t j = i;
  while (j < t.size()) {
    size_t k = j;
    if (!bang_or_question(next_cp(t, k))) break;
    j = k;
  }
  return j;
}

// The special unit starting at i, or 0. Dispatch on the first byte keeps
// the common case (a word starting with an ordinary letter) to one switch.
size_t scan_special(std::string_view t, size_t i, TokenKind& kind) {
  const unsigned char b = static_cast<unsigned char>(t[i]);
  size_t end = 0;
  switch (b) {
    case '@':
      kind = TokenKind::mention;
      return scan_tag(t, i, 1, false);
    case '#':
      if ((end = scan_emoji(t, i))) {
        kind = TokenKind::emoji;
        return end;
      }
      kind = TokenKind::hashtag;
      return scan_tag(t, i, 1, true);
    case 'h': case 'H': case 'w': case 'W':
      kind = TokenKind::url;
      return scan_url(t, i);
    case '!': case '?':
      kind = TokenKind::punct;
      return scan_punct(t, i);
    case '*':
      kind = TokenKind::emoji;
      return scan_emoji(t, i);
    case ':': case ';': case '=': case '<': case '>': case '^': case '-': case 'x': case 'X': case 'T':
      kind = TokenKind::emoticon;
      return scan_emoticon(t, i);
    case '8':
      if ((end = scan_emoticon(t, i))) {
        kind = TokenKind::emoticon;
        return end;
      }
      kind = TokenKind::emoji;
      return scan_emoji(t, i);
    default:
      break;
  }
  if (b >= '0' && b <= '9') {
    kind = TokenKind::emoji;
    return scan_emoji(t, i);
  }
  if (b < 0x80) return 0;
  size_t k = i;
  UChar32 c = next_cp(t, k);
  if (c == 0xFF20) {  // fullwidth @
    kind = TokenKind::mention;
    return scan_tag(t, i, 3, false);
  }
  if (c == 0xFF03) {  // fullwidth #
    kind = TokenKind::hashtag;
    return scan_tag(t, i, 3, true);
  }
  if ((end = scan_emoji(t, i))) {
    kind = TokenKind::emoji;
    return end;
  }
  if (bang_or_question(c)) {
    kind = TokenKind::punct;
    return scan_punct(t, i);
  }
  return 0;
}

// ---- words -----------------------------------------------------------------------

// Elided articles and pronouns of French, Italian and Catalan, lower case.
constexpr std::array<std::string_view, 24> kElisions{
    "c",    "d",    "j",       "l",       "m",      "n",    "qu",   "s",
    "t",    "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu", "all", "dall",
    "dell", "nell", "sull",    "coll",    "quest",  "quell", "un",  "tutt"};

bool is_elision(std::string_view prefix) {
  if (prefix.size() > 7) return false;
  char buf[8];
  for (size_t k = 0; k < prefix.size(); ++k) buf[k] = detail::ascii_lower(prefix[k]);
  std::string_view p(buf, prefix.size());
  for (std::string_view e : kElisions)
    if (e == p) return true;
  return false;
}

// Byte length of the apostrophe at t[i] (' or U+2019), or 0.
size_t apostrophe_len(std::string_view t, size_t i) {
  if (t[i] == '\'') return 1;
  if (static_cast<unsigned char>(t[i]) == 0xE2 && t.compare(i, 3, "\xE2\x80\x99") == 0) return 3;
  return 0;
}

bool cjk_script(UScriptCode s) {
  switch (s) {
    case USCRIPT_HAN: case USCRIPT_HIRAGANA: case USCRIPT_KATAKANA: case USCRIPT_HANGUL:
    case USCRIPT_THAI: case USCRIPT_LAO: case USCRIPT_KHMER: case USCRIPT_MYANMAR:
    case USCRIPT_KATAKANA_OR_HIRAGANA: case USCRIPT_YI: case USCRIPT_TIBETAN:
      return true;
    default:
      return false;
  }
}

void word_flags(std::string_view w, Token& tok) {
  int upper = 0, lower = 0;
  bool script_seen = false;
  for (size_t i = 0; i < w.size();) {
    unsigned char b = static_cast<unsigned char>(w[i]);
    if (b < 0x80) {
      upper += b >= 'A' && b <= 'Z';
      lower += b >= 'a' && b <= 'z';
      if (!script_seen && is_ascii_alnum(b)) script_seen = true;  // Latin or digits: not CJK
      ++i;
      continue;
    }
    UChar32 c = next_cp(w, i);
    const int8_t type = u_charType(c);
    upper += type == U_UPPERCASE_LETTER || type == U_TITLECASE_LETTER;
    lower += type == U_LOWERCASE_LETTER;
    if (!script_seen) {
      UErrorCode st = U_ZERO_ERROR;
      UScriptCode s = uscript_getScript(c, &st);
      if (U_SUCCESS(st) && s != USCRIPT_COMMON && s != USCRIPT_INHERITED) {
        script_seen = true;
        tok.cjk = cjk_script(s);
      }
    }
  }
  tok.all_caps = upper >= 2 && lower == 0;
}

// Whether s holds a letter of any script (combining marks count: an Indic
// vowel sign is part of a word).
bool has_letter(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') return true;
      ++i;
      continue;
    }
    const UChar32 c = next_cp(s, i);
    if (u_isalpha(c) || is_mark(c)) return true;
  }
  return false;
}

}  // namespace

struct Segmenter::Impl {
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::BreakIterator> sentences;
  UText* text = nullptr;        // reused across calls (utext_openUTF8 refills it)
  std::vector<Span> spans;      // scratch for sentence indices
  std::vector<Token> tag_parts;  // scratch for tag_words

  Impl() : words(clone_of(word_prototype())), sentences(clone_of(sentence_prototype())) {}
  // A copy clones the prototypes, not o's iterators, which still reference
  // o's last input (possibly freed by now): the copy then never depends on
  // that text, whatever ICU's clone does with it. Same rules either way.
  Impl(const Impl&) : Impl() {}
  ~Impl() {
    if (text) utext_close(text);
  }

  void open(std::string_view t) {
    UErrorCode st = U_ZERO_ERROR;
    text = utext_openUTF8(text, t.data(), static_cast<int64_t>(t.size()), &st);
    check(st, "utext_openUTF8");
  }

  void emit(std::string_view t, size_t b, size_t e, TokenKind kind, std::vector<Token>& out) {
    Token& tok = out.emplace_back();
    tok.begin = static_cast<uint32_t>(b);
    tok.end = static_cast<uint32_t>(e);
    tok.kind = kind;
    std::string_view s = t.substr(b, e - b);
    switch (kind) {
      case TokenKind::word:
        word_flags(s, tok);
        tok.norm = index_form(s);
        break;
      case TokenKind::mention:
      case TokenKind::hashtag:
        word_flags(s, tok);
        tok.cjk = false;  // a tag is a unit of its own, not a CJK word
        tok.norm = index_form(s.substr(static_cast<unsigned char>(s[0]) < 0x80 ? 1 : 3));
        break;
      case TokenKind::url:
        tok.norm = url_form(s);
        break;
      case TokenKind::emoji:
      case TokenKind::emoticon:
        tok.norm.assign(s);
        break;
      case TokenKind::number:
      case TokenKind::punct:
        tok.norm = index_form(s);
        break;
    }
  }

  // A word segment, with elided French/Italian/Catalan prefixes split off.
  void emit_word(std::string_view t, size_t b, size_t e, std::vector<Token>& out) {
    for (;;) {  // loops for "qu'aujourd'hui" style chains; stops at "aujourd'hui"
      size_t i = b, alen = 0;
      for (; i < e && i - b <= 7; ++i)
        if ((alen = apostrophe_len(t, i))) break;
      if (!alen || i == b || i + alen >= e || !is_elision(t.substr(b, i - b))) break;
      emit(t, b, i, TokenKind::word, out);
      b = i + alen;
    }
    if (b < e) emit(t, b, e, TokenKind::word, out);
  }

  // A segment that does not start at an ICU boundary (the rest of an ICU
  // word after a special unit): classified by its content.
  void emit_partial(std::string_view t, size_t b, size_t e, std::vector<Token>& out) {
    while (b < e) {
      size_t k = b;
      UChar32 c = next_cp(t, k);
      if (is_alnum_cp(c)) break;
      b = k;
    }
    if (b >= e) return;
    size_t k = b;
    UChar32 c = next_cp(t, k);
    if (u_isdigit(c) && !has_letter(t.substr(b, e - b)))
      emit(t, b, e, TokenKind::number, out);
    else
      emit_word(t, b, e, out);
  }

  void tokens(std::string_view t, std::vector<Token>& out) {
    open(t);
    UErrorCode st = U_ZERO_ERROR;
    words->setText(text, st);
    check(st, "word break setText");
    const size_t n = t.size();
    size_t s = static_cast<size_t>(words->first());
    int32_t e = words->next();
    bool aligned = true;  // s is an ICU boundary
    while (e != icu::BreakIterator::DONE && s < n) {
      TokenKind kind = TokenKind::word;
      size_t special = scan_special(t, s, kind);
      if (special > s) {
        emit(t, s, special, kind, out);
        s = special;
        if (static_cast<size_t>(e) > s) {
          aligned = false;  // the unit ended inside the ICU segment [.., e)
        } else if (s >= n) {
          e = icu::BreakIterator::DONE;
        } else if (words->isBoundary(static_cast<int32_t>(s))) {
          aligned = true;  // isBoundary() moved the iterator to s
          e = words->next();
        } else {
          aligned = false;  // isBoundary() moved it to the boundary after s
          e = words->current();
        }
        continue;
      }
      const size_t end = static_cast<size_t>(e);
      if (!aligned) {
        emit_partial(t, s, end, out);
      } else {
        const int32_t status = words->getRuleStatus();
        if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_NUMBER_LIMIT && !has_letter(t.substr(s, end - s)))
          emit(t, s, end, TokenKind::number, out);
        else if (status >= UBRK_WORD_NUMBER && status < UBRK_WORD_IDEO_LIMIT)
          emit_word(t, s, end, out);
        // else: spaces and punctuation
      }
      s = end;
      aligned = true;
      e = words->next();
    }
  }

  void sentence_spans(std::string_view t, std::vector<Span>& out) {
    open(t);
    UErrorCode st = U_ZERO_ERROR;
    sentences->setText(text, st);
    check(st, "sentence break setText");
    int32_t s = sentences->first();
    for (int32_t e = sentences->next(); e != icu::BreakIterator::DONE; s = e, e = sentences->next()) {
      size_t b = static_cast<size_t>(s), f = static_cast<size_t>(e);
      while (b < f) {
        size_t k = b;
        if (!u_isUWhiteSpace(next_cp(t, k))) break;
        b = k;
      }
      while (f > b) {
        size_t k = f;
        if (!u_isUWhiteSpace(prev_cp(t, k))) break;
        f = k;
      }
      if (f > b) out.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(f)});
    }
  }
};

Segmenter::Segmenter() : impl_(std::make_unique<Impl>()) {}
Segmenter::~Segmenter() = default;
Segmenter::Segmenter(const Segmenter& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}

void Segmenter::tokenize(std::string_view utf8, std::vector<Token>& out, bool sentences) {
  // ICU indexes are int32_t; offsets are uint32_t. Nothing we index is 2 GB.
  utf8 = truncate_utf8(utf8, INT32_MAX);
  const size_t first = out.size();
  impl_->tokens(utf8, out);
  if (!sentences || out.size() == first) return;
  auto& spans = impl_->spans;
  spans.clear();
  impl_->sentence_spans(utf8, spans);
  size_t j = 0;
  for (size_t i = first; i < out.size(); ++i) {
    while (j + 1 < spans.size() && spans[j + 1].begin <= out[i].begin) ++j;
    out[i].sentence = static_cast<uint32_t>(j);
  }
}

void Segmenter::tag_words(const Token& tag, std::vector<Token>& out) {
  const std::string& body = tag.norm;
  const bool ascii = std::all_of(body.begin(), body.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (!ascii) {
    auto& parts = impl_->tag_parts;
    parts.clear();
    impl_->tokens(body, parts);
    const bool unspaced = std::any_of(parts.begin(), parts.end(), [](const Token& t) { return t.cjk; });
    if (unspaced) {
      for (Token& t : parts)
        if (t.kind == TokenKind::word || t.kind == TokenKind::number) out.push_back(std::move(t));
      return;
    }
  }
  if (body.empty()) return;
  Token& w = out.emplace_back(tag);
  w.kind = TokenKind::word;
  w.cjk = false;
}

void Segmenter::sentences(std::string_view utf8, std::vector<Span>& out) {
  utf8 = truncate_utf8(utf8, INT32_MAX);
  impl_->sentence_spans(utf8, out);
}

}  // namespace vigie::text
