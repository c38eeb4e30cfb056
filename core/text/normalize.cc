// Unicode normalisation (see normalize.h). Each step has a cheap pre-scan
// that returns a copy untouched when the step cannot change anything: most
// tokens are ASCII, and Chinese or Russian text never needs the Latin accent
// pass, so the ICU normalizers only run where they matter.
#include "core/text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <string>

#include "core/errors.h"
#include "core/text/utf8_internal.h"

namespace vigie::text {
namespace {

using detail::append_cp;
using detail::is_ascii;
using detail::next_cp;

enum class Form { nfkc_cf, nfd, nfc };

// ICU's normalizers are immutable singletons owned by ICU; fetching them
// once avoids a lock per call. A failure here means the ICU data is missing,
// an environment problem worth stopping for.
const icu::Normalizer2& normalizer(Form f) {
  static const icu::Normalizer2* const kNorms[3] = {
      [] {
        UErrorCode st = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(st);
        if (U_FAILURE(st)) throw Error(std::string("ICU NFKC_Casefold unavailable: ") + u_errorName(st));
        return n;
      }(),
      [] {
        UErrorCode st = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(st);
        if (U_FAILURE(st)) throw Error(std::string("ICU NFD unavailable: ") + u_errorName(st));
        return n;
      }(),
      [] {
        UErrorCode st = U_ZERO_ERROR;
        const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(st);
        if (U_FAILURE(st)) throw Error(std::string("ICU NFC unavailable: ") + u_errorName(st));
        return n;
      }(),
  };
  return *kNorms[static_cast<int>(f)];
}

// Runs an ICU normalizer on well-formed UTF-8 (callers sanitise first).
void normalize_utf8(Form f, std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size() + in.size() / 4);
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode st = U_ZERO_ERROR;
  normalizer(f).normalizeUTF8(0, icu::StringPiece(in.data(), static_cast<int32_t>(in.size())), sink,
                              nullptr, st);
  if (U_FAILURE(st)) throw Error(std::string("ICU normalisation failed: ") + u_errorName(st));
}

void ascii_lower_inplace(std::string& s) {
  for (char& c : s) c = detail::ascii_lower(c);
}

// Code points whose NFD may carry a combining mark we strip: Latin-1
// Supplement to Latin Extended-B, the combining blocks, Latin Extended
// Additional (Vietnamese), and Cyrillic ё/Ё.
bool accent_candidate(UChar32 c) {
  return (c >= 0xC0 && c <= 0x24F) || (c >= 0x300 && c <= 0x36F) || c == 0x401 || c == 0x451 ||
         (c >= 0x1AB0 && c <= 0x1AFF) || (c >= 0x1DC0 && c <= 0x1DFF) || (c >= 0x1E00 && c <= 0x1EFF) ||
         (c >= 0x20D0 && c <= 0x20FF) || (c >= 0xFE20 && c <= 0xFE2F);
}

bool is_mark(UChar32 c) {
  return (U_GET_GC_MASK(c) & (U_GC_MN_MASK | U_GC_ME_MASK | U_GC_MC_MASK)) != 0;
}

// Arabic block U+0600..U+06FF is encoded with lead bytes D8..DB.
bool may_have_arabic(std::string_view s) {
  for (char ch : s) {
    unsigned char b = static_cast<unsigned char>(ch);
    if (b >= 0xD8 && b <= 0xDB) return true;
  }
  return false;
}

// Typographic apostrophes (’ ‘ ʼ) become "'" so that "don’t" and "don't",
// "l’usage" and "l'usage" index alike. U+2018/U+2019 are E2 80 98/99,
// U+02BC is CA BC.
bool may_have_apostrophe(std::string_view s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    unsigned char b = static_cast<unsigned char>(s[i]);
    if (b == 0xE2 || b == 0xCA) return true;
  }
  return false;
}

std::string fold_apostrophes(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    UChar32 c = next_cp(s, i);
    if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
      out.push_back('\'');
    else
      out.append(s.substr(start, i - start));
  }
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  if (is_ascii(bytes)) return true;
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  const int32_t n = static_cast<int32_t>(bytes.size());
  for (int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string_view truncate_utf8(std::string_view utf8, size_t max_bytes) {
  if (utf8.size() <= max_bytes) return utf8;
  size_t cut = max_bytes;
  // Back up over continuation bytes so the cut is at a code point start.
  while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80) --cut;
  return utf8.substr(0, cut);
}

std::string fold_case(std::string_view utf8) {
  if (is_ascii(utf8)) {
    std::string out(utf8);
    ascii_lower_inplace(out);
    return out;
  }
  std::string out;
  if (!is_valid_utf8(utf8)) {
    std::string clean;
    detail::sanitize_utf8(utf8, clean);
    normalize_utf8(Form::nfkc_cf, clean, out);
  } else {
    normalize_utf8(Form::nfkc_cf, utf8, out);
  }
  return out;
}

namespace {

// fold_accents and fold_arabic on text already known to be well-formed
// (index_form chains them after fold_case, which sanitises).
std::string fold_accents_valid(std::string_view in) {
  bool candidate = false;
  for (size_t i = 0; i < in.size() && !candidate;) {
    if (static_cast<unsigned char>(in[i]) < 0x80) {
      ++i;
      continue;
    }
    candidate = accent_candidate(next_cp(in, i));
  }
  if (!candidate) return std::string(in);

  std::string nfd;
  normalize_utf8(Form::nfd, in, nfd);
  std::string stripped;
  stripped.reserve(nfd.size());
  // Marks follow their base in NFD; remember what the last base was.
  bool latin_base = false;
  bool cyrillic_ie = false;
  for (size_t i = 0; i < nfd.size();) {
    size_t start = i;
    UChar32 c = next_cp(nfd, i);
    if (is_mark(c)) {
      // ё -> е: Russian writers use е for ё most of the time, so folding it
      // makes queries match either spelling. й (и + breve) is kept.
      if (latin_base || (cyrillic_ie && c == 0x308)) continue;
    } else {
      UErrorCode st = U_ZERO_ERROR;
      latin_base = c >= 0x80 ? uscript_getScript(c, &st) == USCRIPT_LATIN && U_SUCCESS(st)
                             : ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
      cyrillic_ie = c == 0x435 || c == 0x415;
    }
    stripped.append(nfd, start, i - start);
  }
  std::string out;
  normalize_utf8(Form::nfc, stripped, out);
  return out;
}

std::string fold_arabic_valid(std::string_view in) {
  if (!may_have_arabic(in)) return std::string(in);
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size();) {
    size_t start = i;
    UChar32 c = next_cp(in, i);
    if (c < 0x600 || c > 0x6FF) {
      out.append(in, start, i - start);
      continue;
    }
    switch (c) {
      case 0x640:  // tatweel (kashida), pure elongation
        break;
      case 0x64B: case 0x64C: case 0x64D: case 0x64E:  // tanwin, fatha, damma
      case 0x64F: case 0x650: case 0x651: case 0x652:  // kasra, shadda, sukun
      case 0x670:                                      // superscript alef
        break;
      case 0x622: case 0x623: case 0x625: case 0x671:  // alef madda/hamza above/below, wasla
        append_cp(out, 0x627);
        break;
      case 0x629:  // teh marbuta -> heh
        append_cp(out, 0x647);
        break;
      case 0x649:  // alef maksura -> yeh
        append_cp(out, 0x64A);
        break;
      default:
        out.append(in, start, i - start);
    }
  }
  return out;
}

}  // namespace

std::string fold_accents(std::string_view utf8) {
  if (is_valid_utf8(utf8)) return fold_accents_valid(utf8);
  std::string clean;
  detail::sanitize_utf8(utf8, clean);
  return fold_accents_valid(clean);
}

std::string fold_arabic(std::string_view utf8) {
  if (is_valid_utf8(utf8)) return fold_arabic_valid(utf8);
  std::string clean;
  detail::sanitize_utf8(utf8, clean);
  return fold_arabic_valid(clean);
}

std::string index_form(std::string_view utf8) {
  if (is_ascii(utf8)) {
    std::string out(utf8);
    ascii_lower_inplace(out);
    return out;
  }
  std::string s = fold_arabic_valid(fold_accents_valid(fold_case(utf8)));
  if (may_have_apostrophe(s)) s = fold_apostrophes(s);
  return s;
}

std::string url_form(std::string_view url) {
  std::string out(url);
  for (char& c : out) c = detail::ascii_lower(c);
  return out;
}

std::string printable(std::string_view s, bool keep_layout) {
  auto escape = [](std::string& out, unsigned char b) {
    static constexpr char kHex[] = "0123456789abcdef";
    out += "\\x";
    out.push_back(kHex[b >> 4]);
    out.push_back(kHex[b & 15]);
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      if (b == '\t' || b == '\n' || b == '\r') out.push_back(keep_layout ? char(b) : ' ');
      else if (b < 0x20 || b == 0x7F) escape(out, b);
      else out.push_back(char(b));
      ++i;
      continue;
    }
    size_t k = i;
    const char32_t c = detail::next_cp(s, k);
    if (c == 0xFFFD && s.compare(i, 3, "\xEF\xBF\xBD") != 0) {
      escape(out, b);  // an invalid byte: shown, not passed to the terminal
      ++i;
      continue;
    }
    if (c >= 0x80 && c <= 0x9F) {
      escape(out, static_cast<unsigned char>(c));  // C1 control, e.g. CSI
    } else {
      out.append(s.substr(i, k - i));
    }
    i = k;
  }
  return out;
}

}  // namespace vigie::text
