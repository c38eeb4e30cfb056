// `vigie score`, one line of text at a time: the sentiment (and with JSON,
// per-sentence sentiment, topics, aspects and stance, or the explanation)
// that the command prints for each input line. The HTTP API's score
// endpoint uses the same function, so both print the same bytes.
//
// Thread safety: score_line may run on many threads at once with the same
// settings (the scorer, tagger and classifier are only read; per-thread
// scratch is thread_local).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/sentiment/domain.h"
#include "analytics/sentiment/sentiment.h"
#include "analytics/topics/stance.h"
#include "analytics/topics/tagger.h"

namespace vigie::analytics {

struct ScoreSettings {
  std::string lang;      // language of every line; "" = detect per line (CLD2, then the script)
  bool json = false;     // one JSON object per line instead of compound<TAB>label<TAB>lang
  bool explain = false;  // the words and rules that moved the score
  // Drug-policy topics, topic-level sentiment and stance, in JSON (nullptr:
  // left out).
  const topics::TopicTagger* tagger = nullptr;
  const topics::StanceClassifier* stance = nullptr;
  // Drug-policy sentiment rules for texts with a topic, as `vigie index`
  // applies them (nullptr: the general score only).
  const sentiment::DomainLexicon* domain = nullptr;
};

// Appends the output for one line (without its '\n'; a trailing '\r' is
// ignored) to `out`, newline included. `sentences` is scratch space.
void score_line(const sentiment::Scorer& scorer, const ScoreSettings& settings, std::string_view line,
                std::string& out, std::vector<sentiment::SentenceScore>& sentences);

// Scores every line of `in` and writes the outputs to `out` in input order.
// A oneTBB pipeline of ordered batches: a serial reader cuts the input into
// batches of whole lines (a last line without '\n' is scored too), workers
// score them, a serial writer prints them; `tokens` batches are in flight at
// most (the caller caps the threads with tbb::global_control). `name` names
// the input in messages. Throws InputError when `in` cannot be read, Error
// when `out` cannot be written.
void score_stream(const sentiment::Scorer& scorer, const ScoreSettings& settings, std::FILE* in,
                  const std::string& name, std::FILE* out, size_t tokens);

}  // namespace vigie::analytics
