// Stance toward drug-policy reform: reform | prohibition | none.
//
// The shipped model is a set of hand-written cue lexicons per language
// (corpora/stance/<lang>.tsv, format in corpora/stance/README.md): reform
// cues ("legalize", "treatment not prison", "harm reduction works"),
// prohibition cues ("crack down", "gateway drug", "keep it illegal"),
// negators/shifters ("not", "oppose", "against") that flip the cue that
// follows them in the same sentence ("we should not legalize" ->
// prohibition), and context words ("drug*", "наркот*") that mark a text
// as about drugs when the tagger found no topic. A longer cue hides the shorter cues inside it, so "end the
// war on drugs" (reform) is not also "war on drugs" (prohibition).
// No labelled data trained these lexicons (the UKP set may not train a
// shipped model); only StanceOptions' thresholds were tuned on UKP train.
//
// Owns: the compiled cue lexicons.
// Thread safety: immutable after construction; classify() is const and may
// be called from any thread with that thread's StemmerSet.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/topics/stance_model.h"
#include "analytics/topics/tagger.h"
#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::topics {

enum class StanceLabel { none = 0, reform = 1, prohibition = 2 };
std::string_view stance_name(StanceLabel l);  // "none" | "reform" | "prohibition"

struct Stance {
  StanceLabel label = StanceLabel::none;
  // Confidence of the label in [0, 1): 1 - exp(-|evidence|) for reform and
  // prohibition; for none, 1 - that of the stronger side.
  double score = 0;
  // Signed evidence: sum of reform cue weights minus prohibition ones, after
  // negation. Positive leans reform.
  double evidence = 0;
  int cues = 0;  // cues counted (after negation and containment)
};

struct StanceOptions {
  // |evidence| needed for a label when the document is about drugs: it has
  // a drug-policy topic or matches a "context" entry of the lexicon.
  double threshold = 0.5;
  // |evidence| needed otherwise: stance is about drug policy, so a text
  // that is not about drugs needs strong cues. Measured on 48k general posts
  // of a make-corpus corpus: at 0.5 without the context gate 3.8% got a
  // stance (Arabic "حرام", English "dangerous", "crime"...); with the gate
  // and 2.5, 0.4% (UKP val macro-F1 0.515 -> 0.457: many UKP arguments never
  // say what they are about). Set very high to label only texts about drugs.
  double off_topic_threshold = 2.5;
  // A negator flips a cue that starts at most this many tokens after it,
  // within the same sentence.
  int negation_window = 5;
  // Languages without a lexicon use this one's (English cues are common in
  // posts of every language).
  std::string fallback_lang = "en";
  // Optional learned model (LinearStanceModel file trained by the user with
  // `vigie topics --train-stance`); empty = cue lexicons only. With a model,
  // the label is the model's most probable class and score its probability.
  std::string model_file;
};

class StanceClassifier {
 public:
  // Loads every <lang>.tsv in dir. Throws UsageError when dir is missing and
  // vigie::Error (file:line: reason) on a malformed line.
  static std::unique_ptr<StanceClassifier> load(const std::string& dir, StanceOptions options = {});

  // From lexicon texts: lang -> TSV content (tests, embedded use).
  StanceClassifier(const std::map<std::string, std::string>& lexicons, StanceOptions options = {});
  ~StanceClassifier();
  StanceClassifier(const StanceClassifier&) = delete;
  StanceClassifier& operator=(const StanceClassifier&) = delete;

  // text and tokens as for TopicTagger::tag; hits are the document's topics.
  Stance classify(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang,
                  const std::vector<TopicHit>& hits, text::StemmerSet& stemmers) const;

  // The cue evidence of a text: the model's inputs (training uses it).
  CueFeatures cue_features(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang,
                           const std::vector<TopicHit>& hits, text::StemmerSet& stemmers) const;

  // "stance-cues/<languages>+<hash of the lexicons>" for index metadata, with
  // "+model-<hash>" when a learned model is loaded.
  const std::string& version() const { return version_; }
  const StanceOptions& options() const { return options_; }

 private:
  struct Lexicon;
  struct CueStance {
    Stance stance;
    double pro = 0, con = 0;  // reform and prohibition weights after negation
  };
  CueStance classify_cues(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang,
                          const std::vector<TopicHit>& hits, text::StemmerSet& stemmers) const;
  StanceOptions options_;
  std::map<std::string, std::unique_ptr<Lexicon>, std::less<>> lexicons_;
  std::string version_;
  std::unique_ptr<LinearStanceModel> model_;
};

}  // namespace vigie::topics
