// Drug-policy sentiment: what a general sentiment scorer misses in texts
// about drug policy, applied on top of it to texts that are about drugs
// (the analyzer calls it when the text has a drug-policy topic).
//
//  - Evaluations of policies carry polarity: "saves lives", "barbaric",
//    "a catastrophe", "no sería tan mala idea" (a negator before an
//    evaluation flips it, and phrases such as "not a bad idea" are entries
//    of their own).
//  - Clear sarcasm cues ("yeah, great idea 🙃", "ну конечно") turn the
//    praise they accompany into criticism.
//  - Agency-style reporting is neutral: a text of at most two sentences
//    (five with an agency's name or dateline) without exclamation or
//    question marks, emoji, hashtags, first or second person, opinion
//    headings and evaluations keeps the direction of the general score but
//    not its label ("Police seize 300 kg of cocaine" is news, not anger).
//    Deaths and killings are facts in such a text ("12 killed near a deal
//    point"), not the author's evaluation: `fact` entries count as
//    evaluations only when the text is not agency-style.
//  - A contrast ("but", "pero", "но", "但是", "لكن", "mais") shifts the
//    weight to what follows it, as VADER does within a sentence: the
//    evaluations before the first contrast word count half, those after it
//    one and a half times ("I was sceptical, but it saves lives").
//  - A harm that falls is good news: a decrease word next to a negative
//    evaluation flips it ("overdose deaths down", "moins de morts").
//  - A plain request for information ("Does anyone know whether...?",
//    "Подскажите...?", "请问...？") without an evaluation is neutral.
//
// Data: <corpora>/sentiment/domain/<lang>.tsv, one entry per line:
//   eval<TAB>phrase<TAB>valence   (-4..4, VADER's scale; "word*" = prefix)
//   fact<TAB>phrase<TAB>valence   (an outcome reported as news: deaths)
//   negator<TAB>word
//   contrast<TAB>word             (Chinese: a substring)
//   decrease<TAB>word             ("fewer", "baisse": a falling harm is good news)
//   sarcasm<TAB>phrase            (emoji allowed)
//   opinion<TAB>phrase            (first/second person, "Opinion:", "Tribune")
//   inquiry<TAB>phrase            (asks for information; needs a '?' too)
//   stance_tone<TAB>on           (the stance's tone decides a neutral score)
//   agency<TAB>phrase             (a news agency's name or dateline: "ТАСС",
//                                  "واس", "新华社"; agency copy may run to five
//                                  sentences and still read as reporting)
// Phrases are compared with tokens in index form; for Chinese and Japanese
// they are substrings of the text. Written by hand from knowledge of each
// language (see corpora/sentiment/README.md), no labelled data.
//
// Thread safety: immutable after load(); analyse() is const and safe from
// any number of threads.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/segment.h"

namespace vigie::sentiment {

struct DomainHit {
  std::string phrase;           // the entry as written in the file
  uint32_t begin = 0, end = 0;  // byte span in the text
  double valence = 0;           // after negation and sarcasm
  std::string rule;             // "eval", "eval negated(no)", "eval sarcasm"
};

struct DomainAnalysis {
  bool factual = false;       // reads as agency-style reporting
  bool sarcasm = false;       // a sarcasm cue was found
  bool opinion = false;       // first/second person or an opinion heading
  bool inquiry = false;       // asks for information and evaluates nothing
  double evaluation = 0;      // sum of hit valences
  std::vector<DomainHit> hits;
  std::vector<std::string> cues;  // sarcasm and opinion cues found
};

class DomainLexicon {
 public:
  // Loads every <lang>.tsv under dir; a missing directory gives an empty
  // lexicon (no language adjusted). Throws vigie::Error (file:line) on a
  // malformed line.
  static std::shared_ptr<const DomainLexicon> load(const std::string& dir);
  ~DomainLexicon();

  bool has_language(std::string_view lang) const;
  // Whether the language's file asks for the stance's tone (a line
  // "stance_tone<TAB>on"): a text that takes a side on drug policy is
  // seldom neutral in tone, so where the general score finds none, the
  // side's tone (topics::Stance::tone) gives it.
  bool stance_tone(std::string_view lang) const;
  // compound unchanged unless it is inside the neutral band
  // (neg_threshold, pos_threshold) and tone is +1 or -1: then just past
  // the band on tone's side.
  static double toned(double compound, int tone, double pos_threshold, double neg_threshold);
  // tokens from text::Segmenter over text (norm = index form).
  DomainAnalysis analyse(std::string_view text, const std::vector<text::Token>& tokens,
                         std::string_view lang) const;
  // The compound after the domain rules: factual texts and inquiries are
  // pulled inside the neutral band (neg_threshold, pos_threshold); evaluations are blended
  // with the general score, the evaluation weighing most. Unchanged when no
  // rule applies.
  static double adjust(double compound, const DomainAnalysis& a, double pos_threshold, double neg_threshold);
  // Identifies the files (index metadata).
  const std::string& version() const { return version_; }

  struct Lang;

 private:
  DomainLexicon();
  std::map<std::string, std::unique_ptr<Lang>, std::less<>> langs_;
  std::string version_ = "none";
};

}  // namespace vigie::sentiment
