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

#include "analytics/topics/stance_judge.h"
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
  // prohibition; for none, 1 - that of the stronger side. With a model: the
  // model's probability of the label (the cues' confidence when they
  // override it; 1 for a text the gate keeps from the model).
  double score = 0;
  // Signed evidence: sum of reform cue weights minus prohibition ones, after
  // negation. Positive leans reform.
  double evidence = 0;
  int cues = 0;  // cues counted (after negation and containment)
  // The side the text leans to, even when the evidence is too weak for a
  // label (a forced pro/con choice, for texts known to be arguments): with
  // a model, the more probable of reform and prohibition; with the cues
  // alone, the sign of the evidence (none when it is 0).
  StanceLabel lean = StanceLabel::none;
  // The author's tone as the judgement reads it, for a text that takes a
  // side: +1 when most of the author's evaluations approve (praise, demands
  // for a measure), -1 otherwise (condemnations; a side taken without
  // praise); 0 for none. Sentiment rules may use it where the general
  // score sees no tone (sentiment::DomainLexicon::toned).
  int tone = 0;
};

// Where a stance model comes from. The application resolves the default
// once at start-up (app/locations.h: $VIGIE_STANCE_MODEL, an installed
// vigie's local models, <vigie dir>/../models/stance-en.model) and passes
// it in StanceOptions::default_model; the library reads no environment.
struct StanceModelChoice {
  std::string path;    // empty = cues only
  std::string source;  // "option" | "env" | "installed" | "exe" | "none"
};
// The choice, in this order: option (--stance-model FILE; "none" = cues
// only), env_value ($VIGIE_STANCE_MODEL, same values; nullptr = unset),
// <directory of exe_path>/../models/stance-en.model if it exists (empty =
// unknown), else none.
StanceModelChoice resolve_stance_model(const std::string& option, const char* env_value, const std::string& exe_path);

struct StanceOptions {
  // Weight of the topic-cue lexicon's evidence beside the judgement
  // (StanceJudge): cue words mostly name a measure ("legalize", "prison")
  // without saying whether the author wants it, so they only break ties.
  double cue_weight = 0.25;
  // Decide by the judgement rules when they are loaded; false = the cue
  // lexicons alone, as before the judgement existed (for comparison).
  bool judgement = true;
  // With the judgement: decide by its learned combination (combine.tsv)
  // when loaded; false = by the evidence thresholds below.
  bool combine = true;
  // With the combination: a text takes a side only when the likelier side's
  // probability exceeds that of none by this much (StanceCombiner::decide).
  // Trades sided texts for fewer on the wrong side.
  double combine_margin = 0.0;
  // Weight of the cue evidence in a text with no judgement at all (arguments
  // such as "it is a gateway drug" name no measure). On the drug-policy gold
  // dev: 0 -> mean macro-F1 0.624, wrong side 10.9%; 0.25 -> 0.629, 12.5%;
  // 1 -> 0.602, 18.9% (UKP val 0.399, 0.429, 0.496).
  double cue_fallback_weight = 0.25;
  StanceJudgeOptions judge;
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
  // `vigie topics --train-stance` or scripts/train-local-models). With a
  // model, texts in the model's language get the model's most probable class
  // as label and its probability as score; other languages keep the cues.
  // "none" = cue lexicons only. Empty: the constructor uses cues only, while
  // StanceClassifier::load() uses default_model (so `vigie index` and
  // `vigie score` use a locally trained model without an option).
  std::string model_file;
  // StanceClassifier::load()'s model when model_file is empty, as the
  // application resolved it (resolve_stance_model); default: cues only.
  StanceModelChoice default_model{"", "none"};
  // With a model: cue evidence (reform minus prohibition) of at least this
  // size decides the side whatever the model says ("crack down ... keep it
  // illegal" stays prohibition even if the words look like UKP's reform
  // arguments). 0 = the model alone. Chosen by cross-validation on UKP train.
  double cue_override = 1.5;
  // With a model: run it only on texts about drugs (a topic or a context
  // word) or whose cue evidence reaches off_topic_threshold; others are none,
  // as with the cues alone. Keeps general posts free of stances the model
  // learnt from UKP's context-free sentences, and saves its cost there;
  // measured in benchmarks/results/topics.md.
  bool model_gate = true;
  // ... unless the model is at least this sure of reform or prohibition
  // (> 1 = never): UKP's arguments often never say what they are about.
  double gate_min_prob = 0.5;
};


class StanceClassifier {
 public:
  // Loads every <lang>.tsv in dir, and the stance model options.model_file
  // names, else options.default_model. Throws UsageError when
  // dir or a named model file is missing and vigie::Error (file:line:
  // reason) on a malformed line.
  // The judgement rules are dir/judgement/<lang>.tsv and their learned
  // combination dir/combine.tsv (both optional).
  static std::unique_ptr<StanceClassifier> load(const std::string& dir, StanceOptions options = {});

  // From lexicon texts: lang -> TSV content (tests, embedded use); judgement
  // holds the rules of StanceJudge, lang -> TSV content.
  // combine: the content of combine.tsv ("" = the rules' own decision).
  StanceClassifier(const std::map<std::string, std::string>& lexicons, StanceOptions options = {},
                   const std::map<std::string, std::string>& judgement = {}, std::string_view combine = {});
  ~StanceClassifier();
  StanceClassifier(const StanceClassifier&) = delete;
  StanceClassifier& operator=(const StanceClassifier&) = delete;

  // text and tokens as for TopicTagger::tag; hits are the document's topics.
  // The label comes from the judgement of a policy (StanceJudge) plus
  // cue_weight times the cue evidence; explain (may be null) receives why.
  // With a learned model, a judgement of at least `threshold` decides; the
  // model decides the rest as before.
  Stance classify(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang,
                  const std::vector<TopicHit>& hits, text::StemmerSet& stemmers,
                  StanceExplanation* explain = nullptr) const;

  // The cue evidence of a text: the model's inputs (training uses it).
  CueFeatures cue_features(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang,
                           const std::vector<TopicHit>& hits, text::StemmerSet& stemmers) const;

  // "stance-cues/<languages>+<hash of the lexicons>" for index metadata, with
  // "+model-<lang>-<hash of the model file>" when a learned model is loaded.
  const std::string& version() const { return version_; }
  // The model file in use ("" = cues only) and where the choice came from
  // (StanceModelChoice::source; "option" for the constructor).
  const std::string& model_file() const { return model_file_; }
  const std::string& model_source() const { return model_source_; }
  const StanceOptions& options() const { return options_; }

 private:
  struct Lexicon;
  struct CueStance {
    Stance stance;
    double pro = 0, con = 0;  // reform and prohibition weights after negation
    bool about_drugs = false; // a topic or a context word
  };
  CueStance classify_cues(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang,
                          const std::vector<TopicHit>& hits, text::StemmerSet& stemmers) const;
  // Loads the model file and adds it to version(); source as model_source().
  void attach_model(const std::string& path, std::string source);
  StanceOptions options_;
  std::map<std::string, std::unique_ptr<Lexicon>, std::less<>> lexicons_;
  std::string version_;
  std::string model_file_;
  std::string model_source_ = "none";
  std::unique_ptr<LinearStanceModel> model_;
  std::unique_ptr<StanceJudge> judge_;
  std::unique_ptr<StanceCombiner> combiner_;
};

// The policy object a topic stands for when a text judges without naming a
// measure: death_penalty and incarceration are punitive; harm_reduction,
// decriminalization, treatment, controlled_medicines and cannabis_regulation
// liberalising; trafficking punitive too (praise in a text about trafficking
// is praise of the enforcement against it); other topics none. Takes the first such topic of hits.
TopicObject topic_object(const std::vector<TopicHit>& hits);

}  // namespace vigie::topics
