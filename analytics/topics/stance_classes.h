// The classes of the stance judgement's rules (corpora/stance/judgement/
// <lang>.tsv, docs/stance.md) and their names in those files. Internal to
// the judgement (stance_judge.cc); not part of the library's interface.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

namespace vigie::topics::judgement {

enum JudgeClass : uint8_t {
  kLiberal,
  kPunitive,
  kGood,
  kBad,
  kNegator,
  kReport,
  kSarcasm,
  kLoadedReform,
  kLoadedProhibition,
  kShould,     // a demand for the object: approves it
  kShouldNot,  // a demand against it: condemns it
  kReportDemand,  // a speaker's demand ("calls for", "urges"): reported approval
  kRemove,        // abolish / end / repeal: condemns the measure it governs
  kSpent,         // a negator already used up on an object
  kThan,          // "instead of", "rather than", "比": the measure after it is the one rejected
  kAgainst,       // "against", "en contra de": the measure right after it is the one opposed
  kBarrier,       // red tape, shortages, approvals: a punitive object that restricts the measure beside it
  kRestrict,      // ban, criminalise, refuse: a punitive object that restricts the measure after it
  kCopulaNegator,  // "ليس", "مش": negates an evaluation, never names the opposite measure
  kMore,           // "more", "más" opening a clause: a demand for the measure it governs
  kLess,           // "less", "menos" opening a clause: a demand against it
  kDecrease,       // "reduce", "fewer", "снижает", "减少", "تقلل": turns the harm or benefit after it around
  kSubstance,      // "marijuana", "weed": the drug, standing for its legal status when no measure is named
  kFall,           // "fell", "dropped", "will lessen": turns the harm or benefit right before it around
  kComparand,      // "alcohol", "tobacco": a legal drug named for comparison, judged on no side
  kBecause,        // "because", "since": the reasons of the demand before it follow
  kContrast,       // "but", "но", "但是", "لكن": what follows outweighs the concession before it
  kFormer,         // "I used to think", "раньше думал", "以前觉得": a view the author gave up
  kSoCalled,       // "so-called", "так называемое", "所谓", "ما يسمى": the measure after it is judged
};

constexpr std::pair<std::string_view, JudgeClass> kClassNames[] = {
    {"liberal", kLiberal}, {"punitive", kPunitive}, {"good", kGood},       {"bad", kBad},
    {"negator", kNegator}, {"report", kReport},     {"sarcasm", kSarcasm}, {"reform", kLoadedReform},
    {"prohibition", kLoadedProhibition}, {"should", kShould}, {"should_not", kShouldNot},
    {"report_demand", kReportDemand}, {"remove", kRemove}, {"than", kThan},
    {"against", kAgainst}, {"barrier", kBarrier}, {"restrict", kRestrict},
    {"copula_negator", kCopulaNegator}, {"neutral", kSpent}, {"more", kMore}, {"less", kLess},
    {"decrease", kDecrease}, {"substance", kSubstance}, {"fall", kFall}, {"comparand", kComparand}, {"because", kBecause},
    {"contrast", kContrast}, {"former", kFormer}, {"so_called", kSoCalled},
};

}  // namespace vigie::topics::judgement
