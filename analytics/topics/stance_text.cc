#include "analytics/topics/stance_text.h"

#include <algorithm>
#include <iterator>

namespace vigie::topics::judgement {

bool is_symbol_cue(std::string_view cue) {
  const auto c = static_cast<unsigned char>(cue[0]);
  return c >= 0xF0 || c == 0xE2 || cue[0] == ':' || cue[0] == ';';  // emoji, ☹ ✌, :) ;)
}

bool is_question_mark(const text::Token& t, std::string_view text) {
  if (t.kind != text::TokenKind::punct) return false;
  std::string_view s = text.substr(t.begin, t.end - t.begin);
  return s.find('?') != std::string_view::npos || s.find("\xEF\xBC\x9F") != std::string_view::npos;  // ？
}

// Negation does not reach across a comma, semicolon or colon: "no prescription,
// no questions, this is how you keep people alive" praises.
bool clause_break(std::string_view text, uint32_t from, uint32_t to) {
  if (from >= to || to > text.size()) return false;
  const std::string_view gap = text.substr(from, to - from);
  for (std::string_view mark : {",", ";", ":", "\xEF\xBC\x8C", "\xEF\xBC\x9B", "\xEF\xBC\x9A", "\xD8\x8C", "\xE3\x80\x81"})
    if (gap.find(mark) != std::string_view::npos) return true;  // , ; : ， ； ： ، 、
  return false;
}

// Whether token b starts its sentence or follows a comma, semicolon or colon.
bool opens_clause(std::string_view text, const std::vector<text::Token>& tokens, uint32_t b) {
  return b == 0 || tokens[b - 1].sentence != tokens[b].sentence || clause_break(text, tokens[b - 1].end, tokens[b].begin);
}

// Whether tokens [b, e) stand alone between quotation marks: «лечения»,
// "rehab", “除罪化”, 「戒毒所」. Only the quote characters right next to the
// span count, so a quoted sentence that merely contains a measure does not.
bool in_scare_quotes(std::string_view text, const std::vector<text::Token>& tokens, uint32_t b, uint32_t e) {
  static constexpr std::string_view kOpen[] = {"\"", "\u201C", "\u00AB", "\u201E", "\u300C", "\u300E", "\u2018", "'"};
  static constexpr std::string_view kClose[] = {"\"", "\u201D", "\u00BB", "\u201C", "\u300D", "\u300F", "\u2019", "'"};
  size_t before = tokens[b].begin;
  while (before > 0 && text[before - 1] == ' ') --before;
  size_t after = tokens[e - 1].end;
  while (after < text.size() && text[after] == ' ') ++after;
  const std::string_view head = text.substr(0, before), tail = text.substr(after);
  const bool opened = std::any_of(std::begin(kOpen), std::end(kOpen), [&](std::string_view q) { return head.ends_with(q); });
  const bool closed = std::any_of(std::begin(kClose), std::end(kClose), [&](std::string_view q) { return tail.starts_with(q); });
  return opened && closed;
}

std::string_view span_text(std::string_view text, const std::vector<text::Token>& tokens, uint32_t b, uint32_t e) {
  if (b >= e || e > tokens.size() || tokens[e - 1].end > text.size()) return {};
  return text.substr(tokens[b].begin, tokens[e - 1].end - tokens[b].begin);
}

}  // namespace vigie::topics::judgement
