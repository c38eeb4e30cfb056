// Unicode normalisation for indexing and querying. UTF-8 in, UTF-8 out; ICU
// stays inside the .cc. Every function is thread-safe (ICU normalizers are
// immutable singletons). Invalid UTF-8 is replaced by U+FFFD, never thrown.
#pragma once

#include <string>
#include <string_view>

namespace vigie::text {

// NFKC + full case folding (ICU's NFKC_Casefold): "Ｃａｎｎａｂｉｓ" -> "cannabis",
// "STRASSE" and "Straße" -> "strasse".
std::string fold_case(std::string_view utf8);

// Removes combining marks from Latin-script letters after NFD, then NFC:
// "réduction" -> "reduction", "niño" -> "nino". Leaves other scripts alone
// (Arabic harakat are stripped by fold_arabic, Cyrillic "й" is kept; "ё"
// folds to "е", as Russian writers mostly do themselves).
std::string fold_accents(std::string_view utf8);

// Arabic: removes tatweel and harakat, unifies alef forms (أ إ آ -> ا),
// teh marbuta -> heh, alef maksura -> yeh. Other text unchanged.
std::string fold_arabic(std::string_view utf8);

// The term form used in the index and by the query parser: fold_case, then
// fold_accents, then fold_arabic; typographic apostrophes (’ ‘ ʼ) become "'".
// Idempotent: index_form(index_form(x)) == index_form(x).
std::string index_form(std::string_view utf8);

// The term form of a link: ASCII letters lower-cased (the path too, so a
// link typed in other case is still found), other bytes as written. The
// indexer stores links in this form and url: queries look them up in it.
std::string url_form(std::string_view url);

// Text from a feed made safe for a terminal or a spreadsheet: control
// characters (C0, DEL and the C1 range U+0080..U+009F) are written as visible
// escapes "\x1b", so a post cannot move the cursor, retitle the window, clear
// the screen or ring the bell. Tab, line feed and carriage return are kept
// when keep_layout is true (a quoted CSV field may hold them) and become a
// space otherwise. Invalid UTF-8 bytes are escaped the same way. Everything
// else is copied unchanged.
std::string printable(std::string_view utf8, bool keep_layout);

// True when every code point is valid UTF-8.
bool is_valid_utf8(std::string_view bytes);

// Copies at most max_bytes of utf8, cut at a code point boundary.
std::string_view truncate_utf8(std::string_view utf8, size_t max_bytes);

}  // namespace vigie::text
