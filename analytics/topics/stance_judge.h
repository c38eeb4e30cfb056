// Stance as the author's judgement of a policy: which drug-policy measure a
// text talks about (its policy object, liberalising or punitive) and how the
// author evaluates it (praise, condemnation, demands), so that
//   stance = orientation x evaluation
// ("the death penalty for drugs is barbaric": punitive x condemned = reform;
// "legalising cannabis would be a catastrophe": liberalising x condemned =
// prohibition). Mentioning a measure without judging it gives no stance, so
// neutral news stays none whatever its topic.
//
// The rules are per language, in corpora/stance/judgement/<lang>.tsv
// (format in corpora/stance/README.md), written from knowledge of each
// language; the mechanisms are here:
//   - objects: `liberal` and `punitive` cues, the measures themselves;
//   - evaluations: `good` and `bad` cues, predicates and modal demands
//     ("saves lives", "barbaric", "must stop", "should be everywhere");
//     each bears on the nearest object of its sentence, else on the last
//     object before it, else on the first after it;
//   - negation: a `negator` at most StanceJudgeOptions::negation_window
//     tokens before an evaluation, in its sentence, flips it ("not a
//     terrible idea", "no sería tan mala idea");
//   - sarcasm: a `sarcasm` cue anywhere in the text ("yeah right", "claro…
//     seguro", 🙄) turns its praise into condemnation;
//   - attribution: an evaluation in a sentence with a `report` cue ("said",
//     "selon", "заявил", "表示", "قال") belongs to the quoted speaker and
//     counts for nothing; a `report_demand` ("calls for", "urges") is the
//     speaker's approval. The author's own judgement of a measure named in a
//     reported sentence judges the speaker's position instead ("Experts urge
//     an end to executions. Long overdue." endorses the call: reform);
//   - a negator right before a measure names the opposite measure ("no
//     prison for users" is liberalising);
//   - a punitive word governing a liberalising measure within 3 tokens makes
//     one punitive object ("banned methadone", "refusal to let Scotland
//     decriminalise");
//   - questions: a sentence ending in '?' is flagged; its judgement counts
//     (rhetorical questions judge too), at half weight;
//   - loaded words: `reform` and `prohibition` cues that carry a side on
//     their own ("#SupportDontPunish", "lock them up").
//
// Owns: the compiled per-language rules.
// Thread safety: immutable after construction; judge() is const and may be
// called from any thread with that thread's StemmerSet.
#pragma once

#include <array>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::topics {

// One evaluation found in a text and what it did.
struct StanceEvaluation {
  std::string cue;           // the evaluative words as written
  int polarity = 0;          // +1 approves, -1 condemns (after negation and sarcasm)
  bool negated = false;      // a negator flipped it
  bool sarcastic = false;    // sarcasm turned praise into condemnation
  bool attributed = false;   // in reported speech: counted for nothing
  bool endorses = false;     // judges a reported position rather than a measure
  std::string object;        // the policy object it bears on ("" = none found)
  int orientation = 0;       // +1 liberalising, -1 punitive, 0 no object
  double contribution = 0;   // signed, > 0 toward reform
};

// Why a text got its stance: built by StanceJudge and StanceClassifier,
// written as JSON by append_json (the one place that spells its shape).
struct StanceExplanation {
  std::string object;        // the main policy object ("" = none)
  int orientation = 0;       // +1 liberalising, -1 punitive, 0 none
  std::vector<StanceEvaluation> evaluations;
  // Loaded words that carry a side by themselves, signed weight (> 0 reform).
  std::vector<std::pair<std::string, double>> loaded;
  bool negation = false, sarcasm = false, attribution = false, question = false;
  double judgement = 0;      // sum of the contributions and loaded words
  double cues = 0;           // the older topic-cue lexicon's evidence
  double evidence = 0;       // what the label was decided on
  std::string decided_by;    // "combination" | "judgement" | "cues" | "model" | "none"
  // With the learned combination: probabilities of reform, prohibition, none.
  std::array<double, 3> probabilities{};
};

// {"object":..,"orientation":"liberalising|punitive|none","evaluations":[..],
//  "loaded":[..],"negation":..,"sarcasm":..,"attribution":..,"question":..,
//  "judgement":..,"cues":..,"evidence":..,"decided_by":..}
void append_json(std::string& out, const StanceExplanation& e);
std::string_view orientation_name(int orientation);  // "liberalising" | "punitive" | "none"

// The judgement of one text, as numbers (the inputs of the decision).
struct StanceJudgement {
  double reform = 0;       // positive contributions and reform loaded words
  double prohibition = 0;  // negative ones, as a positive number
  int objects = 0;         // policy objects mentioned
  int evaluations = 0;     // evaluations counted (not attributed)
  int approvals = 0;       // ... of them approving their measure (the rest condemn)
  int unpaired = 0;         // evaluations with no measure to bear on
  double unpaired_tone = 0;  // their signed weight, > 0 praise (the author's own, not attributed)
  bool attribution = false, sarcasm = false, negation = false, question = false;
  double evidence() const { return reform - prohibition; }
};

// A learned linear layer over the judgement's numbers (corpora/stance/
// combine.tsv, with its training data and cross-validated figures): softmax
// over reform, prohibition, none. The rules stay the explanation; this
// only weighs them.
// Thread safety: immutable after construction.
class StanceCombiner {
 public:
  static constexpr size_t kFeatures = 13;
  static constexpr std::array<std::string_view, kFeatures> kNames = {
      "bias",     "reform",  "prohibition", "net_capped", "cue_reform", "cue_prohibition", "attribution",
      "sarcasm",  "negation", "question",   "unpaired",   "topic",      "both_sides"};
  // Lines "feature<TAB>w_reform<TAB>w_prohibition<TAB>w_none", every feature
  // of kNames once, in any order; '#' comments. Throws vigie::Error
  // ("combine.tsv:<line>: reason") otherwise.
  explicit StanceCombiner(std::string_view tsv);
  static std::array<double, kFeatures> features(const StanceJudgement& j, double cue_evidence, bool topic);
  // Probabilities of reform, prohibition, none.
  std::array<double, 3> probabilities(const StanceJudgement& j, double cue_evidence, bool topic) const;
  // The label from the probabilities p: 0 reform, 1 prohibition, 2 none.
  // The layer decides whether the text takes a side (none when it is the
  // most probable, or when the likelier side beats none by less than
  // margin); the side is the judgement's own sign, never the layer's, and
  // none when the judgement has no sign. The layer weighs how much evidence
  // there is; it has no knowledge of which way a measure was judged, and
  // letting it choose the side put more texts on the wrong side (gold dev,
  // leave-one-language-out: 17.7% against 10.7%).
  static int decide(const std::array<double, 3>& p, const StanceJudgement& j, double margin);

 private:
  std::array<std::array<double, 3>, kFeatures> w_{};
};

// The policy object that a text's topic implies, for evaluations with no
// object word of their own: see topic_object() in stance.h.
struct TopicObject {
  std::string_view id;   // the taxonomy topic id
  int orientation = 0;   // +1 liberalising, -1 punitive, 0 none
  // The sentences where the topic's words are (null = anywhere): a
  // judgement stands for the topic's measure only in those.
  const std::vector<uint32_t>* sentences = nullptr;
  // The text names a drug but no taxonomy topic and no measure: an argument
  // such as "marijuana is harmful to the teenage brain" or "it helps with
  // chronic pain" judges the drug's legal status, so its evaluations bear
  // on an implicit liberalising object at half weight. (A text with a
  // topic but no measure word is mostly about an unnamed government
  // action: no implicit object there.)
  bool about_drugs = false;
};

struct StanceJudgeOptions {
  int negation_window = 4;      // tokens between a negator and the evaluation it flips
  double question_weight = 0.5; // weight of a judgement inside a question
};

class StanceJudge {
 public:
  // lang -> TSV content of corpora/stance/judgement/<lang>.tsv. Throws
  // vigie::Error ("judgement/<lang>.tsv:<line>: reason") on a malformed line.
  explicit StanceJudge(const std::map<std::string, std::string>& rules, StanceJudgeOptions options = {});
  ~StanceJudge();
  StanceJudge(const StanceJudge&) = delete;
  StanceJudge& operator=(const StanceJudge&) = delete;

  bool has_language(std::string_view lang) const;
  // Judges a text; explain (may be null) receives the object, evaluations
  // and flags. Languages without rules give an empty judgement.
  StanceJudgement judge(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang,
                        text::StemmerSet& stemmers, const TopicObject& topic = {},
                        StanceExplanation* explain = nullptr) const;
  uint64_t hash() const { return hash_; }

  struct Rules;  // one language's compiled rules (defined in stance_judge.cc)

 private:
  StanceJudgeOptions options_;
  std::map<std::string, std::unique_ptr<Rules>, std::less<>> rules_;
  uint64_t hash_ = 0;
};

}  // namespace vigie::topics
