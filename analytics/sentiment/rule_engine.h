// Internal to analytics/sentiment: VADER's rules (Hutto & Gilbert 2014, as
// in NLTK's vader.py) over one language's tokenized items: lexicon, stem
// and Snowball look-ups, phrases and idioms, capitals, boosters, negation
// before and after the word, "least", the first contrastive conjunction,
// and '!'/'?' emphasis, normalised to a compound in [-1, 1].
//
// Thread safety: score_range() is safe from any number of threads (its
// scratch buffers are thread_local); it reads the language and emoji table
// only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analytics/sentiment/lexicon.h"
#include "analytics/sentiment/sentiment.h"
#include "analytics/sentiment/tokenize.h"

namespace vigie::sentiment::detail {

// VADER over items [first, last) of its, whose text is span; returns the
// compound. When given: ex gets each item that moved the score and adds
// to its sum and punctuation; feat gets the lexicon statistics (added to
// what it holds, compound replaced); *hits_out the number of such items.
double score_range(const Lang& L, const StringTable<float>& emoji, const Items& its, size_t first, size_t last,
                   std::string_view span, Explanation* ex, LexiconFeatures* feat, uint32_t* hits_out);

}  // namespace vigie::sentiment::detail
