// Language identification with CLD2, reconciled with a declared language.
// Thread-safe (CLD2 keeps no mutable global state).
#pragma once

#include <string>
#include <string_view>

namespace vigie::text {

// Normalises a declared language tag to an ISO 639-1 code when it is one we
// know ("en", "en-US", "EN", "eng", "zh-Hans", "zh-cn" -> "zh"); returns ""
// for empty, "und", "zxx", "qme" and other non-languages or unknown tags.
std::string normalize_lang_tag(std::string_view tag);

// CLD2 on the text (plain text mode) after blanking URLs, @mentions and
// Latin-script #hashtags, which mislead it; when CLD2 is unsure about text
// that is mostly non-Latin script, a best-effort retry decides. Returns an
// ISO 639-1 code, or "und" when CLD2 is not reliable or the text is too short.
std::string detect_language(std::string_view utf8);

// The reconciliation rule (docs/formats.md): a valid declared language wins,
// detection fills the gaps, "und" means unknown.
std::string resolve_language(std::string_view declared, std::string_view utf8);

}  // namespace vigie::text
