// Language tags and CLD2 detection (see langid.h).
//
// Tags: the primary subtag decides ("pt-BR" -> "pt", "zh-Hant" -> "zh").
// Two-letter codes are checked against ICU's list of ISO 639-1 codes, with
// the legacy codes Twitter and CLD2 still emit mapped to their modern form
// (iw -> he, in -> id, ji -> yi, jw -> jv, mo -> ro). Three-letter codes are
// mapped through ISO 639-2/T (from ICU), the 639-2/B variants ("fre", "ger")
// and ICU's CLDR aliases ("cmn" -> "zh", "arb" -> "ar"). Anything else
// ("und", "zxx", "mul", Twitter's "qme"/"qht", collective codes like "art")
// is not a language and gives "".
//
// Detection: CLD2 on the text with URLs and @mentions blanked out (they are
// not in the language of the post and "@user" placeholders pull short
// tweets towards English), and Latin-script hashtags too; see
// strip_for_detection.
#include "core/text/langid.h"

#include <cstdio>  // compact_lang_det.h uses FILE without including it
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <unicode/locid.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/text/normalize.h"
#include "core/text/utf8_internal.h"

namespace vigie::text {
namespace {

struct TagTables {
  std::unordered_set<std::string> iso1;                    // valid 639-1 codes
  std::unordered_map<std::string, std::string> to_iso1;    // 3-letter and legacy -> 639-1
};

const TagTables& tables() {
  static const TagTables kTables = [] {
    TagTables t;
    for (const char* const* p = uloc_getISOLanguages(); *p; ++p) {
      std::string code(*p);
      if (code.size() != 2) continue;
      t.iso1.insert(code);
      std::string iso3 = uloc_getISO3Language(code.c_str());
      if (iso3.size() == 3) t.to_iso1.emplace(iso3, code);
    }
    // Legacy two-letter codes (still used by Twitter and CLD2).
    for (auto [from, to] : {std::pair{"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"mo", "ro"},
                            {"sh", "sr"}})
      t.to_iso1[from] = to;
    // ISO 639-2/B bibliographic codes and common macrolanguage members.
    for (auto [from, to] :
         {std::pair{"fre", "fr"}, {"ger", "de"}, {"chi", "zh"}, {"dut", "nl"}, {"per", "fa"}, {"cze", "cs"},
          {"gre", "el"}, {"rum", "ro"}, {"slo", "sk"}, {"wel", "cy"}, {"arm", "hy"}, {"baq", "eu"},
          {"geo", "ka"}, {"ice", "is"}, {"mac", "mk"}, {"may", "ms"}, {"alb", "sq"}, {"bur", "my"},
          {"tib", "bo"}, {"mao", "mi"}, {"cmn", "zh"}, {"yue", "zh"}, {"wuu", "zh"}, {"arb", "ar"},
          {"arz", "ar"}, {"apc", "ar"}, {"ary", "ar"}, {"fil", "tl"}, {"nob", "nb"}, {"nno", "nn"},
          {"pes", "fa"}, {"zsm", "ms"}, {"ekk", "et"}, {"lvs", "lv"}, {"swh", "sw"}})
      t.to_iso1[from] = to;
    // Codes that are not one language must never map to one.
    for (const char* no : {"und", "zxx", "mul", "mis"}) t.to_iso1.erase(no);
    return t;
  }();
  return kTables;
}

bool is_alpha(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
}

// Blanks URLs, @mentions and Latin-script hashtags with spaces so CLD2 only
// sees the prose. The output has the same length as the input.
void strip_for_detection(std::string_view in, std::string& out) {
  out.assign(in);
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  auto blank_until_space = [&](size_t i) {
    while (i < out.size() && !is_space(out[i])) out[i++] = ' ';
    return i;
  };
  for (size_t i = 0; i < out.size();) {
    const char c = out[i];
    const bool word_start = i == 0 || is_space(out[i - 1]) || out[i - 1] == '(' || out[i - 1] == '"';
    if (word_start && c == '@') {
      i = blank_until_space(i);
    } else if (word_start && (c == 'h' || c == 'H') &&
               (in.compare(i, 7, "http://") == 0 || in.compare(i, 8, "https://") == 0)) {
      i = blank_until_space(i);
    } else if (word_start && (c == 'w' || c == 'W') && in.compare(i, 4, "www.") == 0) {
      i = blank_until_space(i);
    } else if (c == '#') {
      // Latin-letter hashtags are mostly names and English-looking compounds
      // (#MasterChefBR, #TheNoite) that mislead CLD2 on short posts; tags in
      // other scripts are in the post's language (and a Chinese "#话题#"
      // has no space to stop at), so only their '#' goes.
      size_t j = i + 1;
      bool latin = true;
      while (j < out.size() && !is_space(out[j])) {
        const unsigned char b = static_cast<unsigned char>(out[j++]);
        if (b >= 0xCA && b < 0xF0) latin = false;  // lead byte of U+0280 and up (not emoji)
      }
      if (latin) {
        while (i < j) out[i++] = ' ';
      } else {
        out[i++] = ' ';
      }
    } else {
      ++i;
    }
  }
}

struct Detection {
  CLD2::Language lang = CLD2::UNKNOWN_LANGUAGE;
  bool reliable = false;
};

Detection run_cld2(const std::string& buf, int flags) {
  CLD2::Language lang3[3];
  int percent3[3];
  double score3[3];
  int text_bytes = 0;
  Detection d;
  const CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  d.lang = CLD2::ExtDetectLanguageSummary(buf.data(), static_cast<int>(buf.size()), /*is_plain_text=*/true,
                                          &hints, flags, lang3, percent3, score3,
                                          /*resultchunkvector=*/nullptr, &text_bytes, &d.reliable);
  return d;
}

// True when letters outside the Latin script outnumber Latin ones. Counted
// on bytes: ASCII letters are Latin; a lead byte C3..C9 starts U+00C0..U+027F
// (accented Latin); other two- and three-byte sequences, except the
// E2 block of punctuation and symbols, are other scripts (Arabic, Cyrillic,
// Han, Kana...); four-byte sequences are mostly emoji and are skipped.
bool mostly_non_latin(std::string_view s) {
  size_t latin = 0, other = 0;
  for (char ch : s) {
    const unsigned char b = static_cast<unsigned char>(ch);
    if (b < 0x80)
      latin += (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
    else if (b >= 0xC3 && b <= 0xC9)
      ++latin;
    else if (b >= 0xCA && b < 0xF0 && b != 0xE2)
      ++other;
  }
  return other > latin;
}

}  // namespace

std::string normalize_lang_tag(std::string_view tag) {
  while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
  while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
  size_t cut = tag.find_first_of("-_");
  std::string_view primary = tag.substr(0, cut);
  if (!is_alpha(primary) || primary.size() < 2 || primary.size() > 3) return "";
  std::string p(primary);
  for (char& c : p) c = detail::ascii_lower(c);
  const TagTables& t = tables();
  if (auto it = t.to_iso1.find(p); it != t.to_iso1.end()) return it->second;
  if (p.size() == 2) return t.iso1.count(p) ? p : "";
  // Last resort for three-letter codes: ICU's CLDR language aliases.
  UErrorCode st = U_ZERO_ERROR;
  icu::Locale loc = icu::Locale::forLanguageTag(p, st);
  if (U_FAILURE(st)) return "";
  loc.canonicalize(st);
  if (U_FAILURE(st)) return "";
  std::string lang = loc.getLanguage();
  if (lang.size() == 2 && t.iso1.count(lang)) return lang;
  return "";
}

std::string detect_language(std::string_view utf8) {
  // CLD2 takes an int length and needs valid UTF-8; the first 64 KB are
  // plenty to tell a language.
  utf8 = truncate_utf8(utf8, 1 << 16);
  thread_local std::string buf, clean;
  strip_for_detection(utf8, buf);
  if (!is_valid_utf8(buf)) {
    detail::sanitize_utf8(buf, clean);
    buf.swap(clean);
  }
  Detection d = run_cld2(buf, 0);
  if (!d.reliable && mostly_non_latin(buf)) d = run_cld2(buf, CLD2::kCLDFlagBestEffort);
  if (!d.reliable || d.lang == CLD2::UNKNOWN_LANGUAGE || d.lang == CLD2::TG_UNKNOWN_LANGUAGE) return "und";
  std::string code = normalize_lang_tag(CLD2::LanguageCode(d.lang));
  return code.empty() ? "und" : code;
}

std::string resolve_language(std::string_view declared, std::string_view utf8) {
  std::string d = normalize_lang_tag(declared);
  if (!d.empty()) return d;
  return detect_language(utf8);
}

}  // namespace vigie::text
