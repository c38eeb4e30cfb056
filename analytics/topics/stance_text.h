// Text helpers of the stance judgement (stance_judge.cc): questions, clause
// breaks and scare quotes, read from the text between and around tokens.
// Internal to the judgement; pure functions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/text/segment.h"

namespace vigie::topics::judgement {

// Emoji and emoticons are tokens the phrase matcher does not see: a cue
// that starts with a non-letter symbol is looked up by token text instead.
bool is_symbol_cue(std::string_view cue);

// Whether a punctuation token holds a question mark (? or ？).
bool is_question_mark(const text::Token& t, std::string_view text);

// Negation does not reach across a comma, semicolon or colon: "no prescription,
// no questions, this is how you keep people alive" praises.
bool clause_break(std::string_view text, uint32_t from, uint32_t to);

// Whether token b starts its sentence or follows a comma, semicolon or colon.
bool opens_clause(std::string_view text, const std::vector<text::Token>& tokens, uint32_t b);

// Whether tokens [b, e) stand alone between quotation marks: «лечения»,
// "rehab", “除罪化”, 「戒毒所」. Only the quote characters right next to the
// span count, so a quoted sentence that merely contains a measure does not.
bool in_scare_quotes(std::string_view text, const std::vector<text::Token>& tokens, uint32_t b, uint32_t e);

// The text of tokens [b, e), from the first's start to the last's end.
std::string_view span_text(std::string_view text, const std::vector<text::Token>& tokens, uint32_t b, uint32_t e);

}  // namespace vigie::topics::judgement
