#include "analytics/topics/stance_judge.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <unordered_map>

#include "analytics/topics/cue_lines.h"
#include "analytics/topics/rules.h"
#include "analytics/topics/stance_classes.h"
#include "analytics/topics/stance_text.h"
#include "core/errors.h"
#include "core/hash.h"
#include "core/text/trim.h"

namespace vigie::topics {

namespace {

using namespace judgement;

constexpr uint32_t kModalReach = 4;   // tokens from a modal to the evaluation it governs
constexpr uint32_t kGovernReach = 3;  // tokens from a punitive verb to the measure it restricts
constexpr uint32_t kModalObjectReach = 4;  // tokens between a bare modal and the measure it demands
constexpr uint32_t kOpeningTokens = 4;  // tokens at the start of a text where an outburst stands
constexpr uint32_t kObjectNegationReach = 3;  // tokens from a negator to the object it negates ("no prison")
constexpr uint8_t kSpeaker = 1, kFormerSelf = 2;  // Pass::reported: whose view a sentence gives
constexpr double kConcessionWeight = 0.5;  // judgements before "but" when one follows it
constexpr uint32_t kAgainstReach = 1;  // "against (the) death penalty"; not "against overdose with naloxone"
constexpr uint32_t kFallReach = 3;  // tokens from an evaluation to the fall verb after it ("crime has fallen")

using text::trim;

// Topics that are one measure of one orientation, so that a judgement
// without an object word in a text about them judges that measure.
bool topic_is_one_measure(std::string_view id) {
  for (std::string_view m : {"death_penalty", "incarceration", "harm_reduction", "decriminalization", "trafficking", "cannabis_regulation"})
    if (id == m) return true;
  return false;
}

}  // namespace

struct StanceJudge::Rules {
  PhraseMatcher matcher;
  std::vector<uint8_t> cls;
  std::vector<float> weight;
  std::vector<uint16_t> length;  // the cue's bytes: of two cues on the same words the longer is the more specific
  struct SvHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // emoji/emoticon cues, looked up by token text without a copy
  std::unordered_map<std::string, std::pair<uint8_t, float>, SvHash, std::equal_to<>> symbols;
};

StanceJudge::StanceJudge(const std::map<std::string, std::string>& rules, StanceJudgeOptions options)
    : options_(options) {
  text::StemmerSet stemmers;
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const auto& [lang, tsv] : rules) {
    h = fnv1a64(tsv, fnv1a64(lang, h));
    auto r = std::make_unique<Rules>();
    for_each_cue_line(tsv, "judgement/" + lang + ".tsv", [&, &code = lang](const CueLine& c) {
      const auto named = std::find_if(std::begin(kClassNames), std::end(kClassNames),
                                      [&](const auto& p) { return p.first == c.cls; });
      if (named == std::end(kClassNames)) {
        std::string names;
        for (const auto& [name, cls] : kClassNames) names += (names.empty() ? "" : ", ") + std::string(name);
        throw Error(c.where + ": class must be one of " + names + "; got '" + std::string(c.cls) + "'");
      }
      if (c.cue.empty()) throw Error(c.where + ": empty cue");
      if (is_symbol_cue(c.cue)) {
        r->symbols[std::string(c.cue)] = {named->second, c.weight};
        return;
      }
      const uint32_t id = r->matcher.add(c.cue, code, false, stemmers, c.where);
      r->cls.resize(id + 1);
      r->weight.resize(id + 1);
      r->length.resize(id + 1);
      r->cls[id] = named->second;
      r->weight[id] = c.weight;
      r->length[id] = static_cast<uint16_t>(std::min<size_t>(c.cue.size(), UINT16_MAX));
    });
    rules_[lang] = std::move(r);
  }
  hash_ = h;
}

StanceJudge::~StanceJudge() = default;

bool StanceJudge::has_language(std::string_view lang) const { return rules_.find(lang) != rules_.end(); }

namespace {

// One rule hit in a text, in token positions.
struct Cue {
  uint32_t begin, end, sentence;
  uint8_t cls;
  float weight;
  bool removed = false;  // an object a `remove` word governs: the opposite measure for other judgements
  bool rejected = false;  // the rejected side of a comparison: the opposite measure within its sentence
  bool quoted = false;    // in scare quotes: a name or a word the author disputes ("«treatment»", "'safe'")
  bool restricts = false;  // a punitive object that restricts the measure after it ("banned methadone")
  bool barrier = false;    // ... or before it too ("methadone waiting lists")
  uint16_t length = 0;     // bytes of the rule's cue (see drop_contained)
  bool demands_next = false;  // a "more"/"less" demand: it bears only on a measure after it
  bool substance = false;     // a drug named as such: the object only where no measure is named
  bool tag = false;           // a #hashtag: the object only where the text names no measure in its words
  bool comparand = false;     // a legal drug named for comparison: what is said of it takes no side
};

bool is_object(const Cue& c) { return c.cls == kLiberal || c.cls == kPunitive; }

// One evaluation before it is weighed (the first pass of a judgement).
struct Eval {
  size_t cue;
  int polarity;
  bool negated, sarcastic, attributed, loaded;
  const Cue* obj;
  bool from_topic;
};

// The working state of one judgement: the text's cues and what each
// sentence is (a question, reported speech). Buffers are thread_local so
// that judging a text allocates nothing once a thread has warmed up.
struct Pass {
  std::string_view text;
  const std::vector<text::Token>& tokens;
  const StanceJudgeOptions& options;
  const TopicObject& topic;
  StanceJudgement& out;
  std::vector<Cue>& cues;
  std::vector<uint8_t>& question;
  std::vector<uint8_t>& reported;
  std::vector<int8_t>& modal;  // per cue: 0 none, 1 counts as itself, -1 flips the next
  std::vector<Eval>& evals;
  std::vector<double>& speaker;  // per sentence: the reported judgement
  bool topic_is_measure = false;
  bool implicit = false;  // topic_cue is the implicit object of a drug text with no measure
  Cue topic_cue{0, 0, 0, kLiberal, 1.0f, false};

  // Whether the topic's words are in sentence s ("Executing people for a few
  // grams is barbaric"): an outburst elsewhere in the text ("Sick of the
  // dealers.") is about the problem, not the topic's measure.
  bool topic_in(uint32_t s) const {
    return !topic.sentences || std::find(topic.sentences->begin(), topic.sentences->end(), s) != topic.sentences->end();
  }

  bool gap_breaks(uint32_t from_cue_end, uint32_t to_cue_begin) const {
    return clause_break(text, tokens[from_cue_end - 1].end, tokens[to_cue_begin].begin);
  }
};

// A cue inside a longer one does not count on its own ("not bad" is one
// evaluation, not a negator and a condemnation). Of two cues on the same
// tokens the longer rule wins: "不是" over "不" when both fall in one
// Chinese word.
void drop_contained(std::vector<Cue>& cues) {
  std::sort(cues.begin(), cues.end(), [](const Cue& a, const Cue& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end != b.end ? a.end > b.end : a.length > b.length;
  });
  size_t w = 0;
  uint32_t covered = 0;
  for (const Cue& c : cues) {
    if (c.end <= covered) continue;
    covered = std::max(covered, c.end);
    cues[w++] = c;
  }
  cues.resize(w);
}

// Whether measure o stands right beside drug d in its clause ("jail for a
// little weed", "cannabis legalisation"), so that o is what is judged.
bool governs_substance(const Pass& p, const Cue& o, const Cue& d) {
  if (o.sentence != d.sentence) return false;
  if (o.begin < d.end && d.begin < o.end) return true;  // "the drug war": one is part of the other
  if (o.end <= d.begin) return d.begin - o.end <= kGovernReach && !p.gap_breaks(o.end, d.begin);
  return o.begin >= d.end && o.begin - d.end <= kGovernReach && !p.gap_breaks(d.end, o.begin);
}

// Rewrites objects by the words that govern them.
void govern_objects(Pass& p) {
  std::vector<Cue>& cues = p.cues;
  // A restricting word governing a liberalising measure makes one punitive
  // object: "banned methadone", "запретили метадон", "criminalising harm
  // reduction" restrict the measure. Other punitive words do not govern:
  // "la police soutient la dépénalisation", "prison or treatment".
  for (size_t i = 0; i + 1 < cues.size(); ++i) {
    if (cues[i].restricts && cues[i].cls == kPunitive && cues[i + 1].cls == kLiberal && cues[i + 1].sentence == cues[i].sentence &&
        cues[i + 1].begin - cues[i].end <= kGovernReach)
      cues[i + 1].cls = kPunitive;
  }
  // A barrier restricts the measure it follows as well: "吗啡要层层审批",
  // "methadone waiting lists", "naloxone shortages".
  // A modal or negator between them does not part them: "止痛药不该被当成
  // 毒品管" (painkillers should not be handled as narcotics).
  for (size_t i = 0; i + 1 < cues.size(); ++i) {
    if (cues[i].cls != kLiberal) continue;
    for (size_t j = i + 1; j < cues.size() && cues[j].sentence == cues[i].sentence &&
                           cues[j].begin - cues[i].end <= kGovernReach && !p.gap_breaks(cues[i].end, cues[j].begin);
         ++j) {
      if (cues[j].barrier) cues[i].cls = kPunitive;
      if (is_object(cues[j])) break;
    }
  }
  // A negator right before a measure negates the measure, not the judgement:
  // "no prison for users", "sin cárcel", "ne plus traiter comme des
  // délinquants" name the opposite policy. The rejected side of a
  // comparison does within its sentence: "treatment instead of prison
  // works", "社区戒毒比强戒人性化" praise the measure that is not prison,
  // while "Instead of raids… Kids are only scared" still condemns the raids.
  // "Votes against regulating cannabis" names the opposite measure the same
  // way, but unlike a negator "against" flips no evaluation ("the fight
  // against drugs is a failure" still condemns).
  for (size_t i = 0; i + 1 < cues.size(); ++i) {
    Cue& n = cues[i];
    Cue& o = cues[i + 1];
    if ((n.cls != kNegator && n.cls != kThan && n.cls != kAgainst && n.cls != kDecrease) || !is_object(o) ||
        o.sentence != n.sentence ||
        o.begin - n.end > (n.cls == kAgainst ? kAgainstReach : kObjectNegationReach) || p.gap_breaks(n.end, o.begin))
      continue;
    // "not against decriminalisation" is for it: a negator right before
    // "against" cancels it.
    if (n.cls == kAgainst && i > 0 && cues[i - 1].cls == kNegator && cues[i - 1].sentence == n.sentence &&
        n.begin - cues[i - 1].end <= 1) {
      n.cls = kSpent;
      cues[i - 1].cls = kSpent;
      continue;
    }
    if (n.cls == kThan) o.rejected = true;
    else o.cls = o.cls == kLiberal ? kPunitive : kLiberal;
    if (n.cls == kNegator) p.out.negation = true;
    n.cls = kSpent;
  }
  // The one who speaks is not a measure: "the cops say their hands are
  // tied", "police said" name a speaker.
  for (size_t i = 0; i + 1 < cues.size(); ++i)
    if (is_object(cues[i]) && (cues[i + 1].cls == kReport || cues[i + 1].cls == kReportDemand) &&
        cues[i + 1].sentence == cues[i].sentence && cues[i + 1].begin == cues[i].end)
      cues[i].cls = kSpent;
  // A drug named as such ("marijuana", "weed") stands for its legal status,
  // except beside a measure that governs it: in "a criminal record for a
  // little pot can ruin a life" or "legalising cannabis would be a
  // catastrophe" the measure is what is judged. A #hashtag files the text
  // under a measure; the measure its words name is the one they judge
  // ("Recriminalizing won't make anyone safer … #decrim").
  // A legal drug named for comparison ("safer than alcohol") takes the
  // judgements of its sentence only where no other drug or measure is named
  // there ("Tobacco kills 400,000 a year"), and gives them no side.
  for (Cue& c : cues) {
    if ((!c.substance && !c.tag && !c.comparand) || !is_object(c)) continue;
    for (const Cue& o : cues) {
      if (&o == &c || !is_object(o) || o.tag || o.comparand) continue;
      const bool yields = c.tag || (c.comparand ? o.sentence == c.sentence : !o.substance && governs_substance(p, o, c));
      if (yields) {
        c.cls = kSpent;
        break;
      }
    }
  }
  // "So-called «harm reduction» is surrender": the measure named after
  // "so-called" is the one judged, quotation marks or not.
  for (size_t i = 0; i + 1 < cues.size(); ++i) {
    if (cues[i].cls != kSoCalled) continue;
    if (is_object(cues[i + 1]) && cues[i + 1].sentence == cues[i].sentence && cues[i + 1].begin - cues[i].end <= 1)
      cues[i + 1].quoted = false;
    cues[i].cls = kSpent;
  }
  // "Portugal removed prison for users. A model worth copying": the praise
  // is of the removal, so other judgements see the governed measure turned
  // around; the removal word itself condemns the measure.
  for (size_t i = 0; i + 1 < cues.size(); ++i) {
    if (cues[i].cls != kRemove || !is_object(cues[i + 1]) || cues[i + 1].sentence != cues[i].sentence ||
        cues[i + 1].begin - cues[i].end > kGovernReach)
      continue;
    // A measure named by several adjacent words is removed whole:
    // "شالت عقوبة السجن" (removed the prison penalty).
    for (size_t j = i + 1; j < cues.size() && is_object(cues[j]) && (j == i + 1 || cues[j].begin == cues[j - 1].end); ++j)
      cues[j].removed = true;
  }
}

// The object an evaluation bears on: the nearest in its sentence, else the
// last one before it, else (when forward) the first one after it. A measure
// in scare quotes is the name the author disputes, not the thing judged
// ("prison for a dose is the most useless form of «treatment»"): it is the
// object only when its sentence names no other.
const Cue* object_for(const Pass& p, size_t e, bool forward, bool demand) {
  constexpr uint32_t kQuotedPenalty = 1u << 20;
  // A measure of the evaluation's own clause comes before one across a
  // comma: "关起来了事的办法真的没用，社区戒毒应该多开" condemns locking up.
  constexpr uint32_t kClausePenalty = 1u << 10;
  const std::vector<Cue>& cues = p.cues;
  const Cue* best = nullptr;
  uint32_t best_d = UINT32_MAX;
  const Cue* before = nullptr;
  const Cue* after = nullptr;
  for (const Cue& o : cues) {
    if (!is_object(o)) continue;
    if (o.sentence == cues[e].sentence) {
      uint32_t d = o.begin >= cues[e].end ? o.begin - cues[e].end : cues[e].begin >= o.end ? cues[e].begin - o.end : 0;
      if (o.quoted) d += kQuotedPenalty;
      if ((o.begin >= cues[e].end ? p.gap_breaks(cues[e].end, o.begin) : p.gap_breaks(o.end, cues[e].begin)))
        d += kClausePenalty;
      // A demand governs what follows it at the same distance: "Less
      // prison, more treatment".
      if (d < best_d || (d == best_d && demand && o.begin >= cues[e].end)) best_d = d, best = &o;
    } else if (o.sentence < cues[e].sentence) {
      before = &o;
    } else if (!after && forward) {
      after = &o;
    }
  }
  return best ? best : before ? before : after;
}

// The orientation of an object as one evaluation sees it: a removed measure
// is its opposite, except for the removal word itself; a rejected one is
// its opposite for the evaluations of its sentence.
int orientation_of(const Cue& obj, const Cue& judge) {
  int o = obj.cls == kLiberal ? 1 : -1;
  if (obj.rejected && judge.sentence == obj.sentence) o = -o;
  return obj.removed && judge.cls != kRemove ? -o : o;
}

// A modal governing an evaluation is not one itself: "must stop" is one
// condemnation, "should never stop" one approval. Otherwise the modal is
// the evaluation: "should be legal", "must not be legalised".
void mark_modals(Pass& p) {
  const std::vector<Cue>& cues = p.cues;
  p.modal.assign(cues.size(), 0);
  for (size_t i = 0; i < cues.size(); ++i) {
    if (cues[i].cls != kShould && cues[i].cls != kShouldNot) continue;
    const bool governs = i + 1 < cues.size() && cues[i + 1].sentence == cues[i].sentence &&
                         (cues[i + 1].cls == kGood || cues[i + 1].cls == kBad || cues[i + 1].cls == kRemove) &&
                         cues[i + 1].begin - cues[i].end <= kModalReach;
    if (!governs) p.modal[i] = 1;
    else if (cues[i].cls == kShouldNot) p.modal[i + 1] = -1;
  }
}

// A bare modal governs a measure of its clause close to it, before ("X
// should be legal") or after ("must legalise X").
bool governs_object(const Pass& p, const Cue& md, const Cue& o) {
  if (o.sentence != md.sentence) return false;
  const bool after = o.begin >= md.end;
  const uint32_t d = after ? o.begin - md.end : md.begin >= o.end ? md.begin - o.end : 0;
  if (d > kModalObjectReach) return false;
  return d == 0 || (after ? !p.gap_breaks(md.end, o.begin) : !p.gap_breaks(o.end, md.begin));
}

// Whether a fall verb follows evaluation c closely in its clause ("teen use
// fell", "crime has dropped"), with no negator before it ("the black market
// will not disappear"). Only harms fall: praise before it ("finally
// falling") judges the fall.
bool falls_after(const Pass& p, const Cue& c) {
  bool falls = false;
  for (const Cue& n : p.cues) {
    if (n.sentence != c.sentence || n.begin < c.end || n.begin - c.end > kFallReach || p.gap_breaks(c.end, n.begin)) continue;
    if (n.cls == kNegator) return false;
    if (n.cls == kFall) falls = true;
    if (n.cls == kGood || n.cls == kBad) break;  // the next evaluation's own fall
  }
  return falls;
}

// Whether a negator before cue c, in its clause and after the previous
// evaluation (prev_end), flips it ("ne … pas" counts once). A decrease
// ("reduces crime", "fewer accidents") turns a harm into a benefit the same
// way, and a negator with a decrease keeps it ("would not reduce crime").
bool negated(const Pass& p, const Cue& c, uint32_t prev_end) {
  bool negator = false, decrease = false;
  for (const Cue& n : p.cues) {
    if ((n.cls != kNegator && n.cls != kCopulaNegator && n.cls != kDecrease) || n.sentence != c.sentence ||
        n.begin < prev_end)
      continue;
    if (n.end <= c.begin && int(c.begin - n.end) <= p.options.negation_window && !p.gap_breaks(n.end, c.begin))
      (n.cls == kDecrease ? decrease : negator) = true;
  }
  return negator != (decrease != (c.cls == kBad && falls_after(p, c)));
}

// Whether a cue opens the text (within its first kOpeningTokens words and
// punctuation): where an exasperated outburst stands ("Sick of…", "Harto
// de…", "Ras-le-bol…", "Da pánico…"), as opposed to a judgement reached
// later in a sentence.
bool opens_text(const Pass& p, const Cue& c) { return c.sentence == p.tokens.front().sentence && c.begin < kOpeningTokens; }

// First pass: every evaluation with its polarity and object; the judgement
// of reported sentences is the speaker's position.
void find_evaluations(Pass& p) {
  const std::vector<Cue>& cues = p.cues;
  uint32_t prev_end = 0;  // a negator reaches only the first evaluation after it
  // The reasons given for a demand ("should remain illegal because it
  // damages the brain") judge what the demand is about, not the measure it
  // demands: the demand alone counts for them.
  uint32_t demand_sentence = UINT32_MAX;
  bool reasons = false;
  for (size_t i = 0; i < cues.size(); ++i) {
    const Cue& c = cues[i];
    if (c.cls == kBecause) reasons = c.sentence == demand_sentence;
    const bool eval = c.cls == kGood || c.cls == kBad || c.cls == kReportDemand || c.cls == kRemove || p.modal[i] == 1;
    const bool loaded = c.cls == kLoadedReform || c.cls == kLoadedProhibition;
    if (!eval && !loaded) continue;
    if (!loaded && reasons && c.sentence == demand_sentence) continue;
    // An evaluation in scare quotes is someone else's word that the author
    // disputes ("tells kids which drugs are 'safe'", «эффективная» мера).
    if (c.quoted && (c.cls == kGood || c.cls == kBad)) continue;
    Eval e{i, 0, negated(p, c, prev_end), false, p.reported[c.sentence] != 0, loaded, nullptr, false};
    prev_end = c.end;
    if (loaded) {
      e.polarity = (c.cls == kLoadedReform) != e.negated ? 1 : -1;
    } else {
      e.polarity = c.cls == kGood || c.cls == kShould || c.cls == kReportDemand ? 1 : -1;
      if (e.negated != (p.modal[i] == -1)) e.polarity = -e.polarity;
      e.sarcastic = p.out.sarcasm && e.polarity > 0 && c.cls != kReportDemand;
      if (e.sarcastic) e.polarity = -1;
      // An outburst that opens a text before any measure is named ("Sick of
      // burying friends. Consumption rooms now.", "Da pánico…") is about the
      // problem, not the measure a later sentence demands; praise that opens
      // one ("Finally! …") is about what follows.
      e.obj = object_for(p, i, true, p.modal[i] == 1);
      const bool outburst = e.polarity < 0 && e.obj && e.obj->sentence > c.sentence && opens_text(p, c);
      if (outburst) e.obj = nullptr;
      // A bare demand ("il faut", "надо", "应该") approves the measure it
      // governs, not any measure of the text: "il faut évacuer et
      // interpeller" after a consumption room is not a demand for the room.
      // Without one it demands an unnamed action, not the text's topic.
      if (p.modal[i] == 1 && e.obj && (!governs_object(p, c, *e.obj) || (c.demands_next && e.obj->begin < c.end)))
        e.obj = nullptr;
      if (p.modal[i] == 1 && e.obj) demand_sentence = c.sentence, reasons = false;
      // A removal ends the measure it governs ("abolish the death penalty",
      // "la peine de mort doit être abolie"), or, alone in a sentence that
      // does not speak of the topic, the measure named before ("Shut it
      // down.", "Que la cierren de una vez."). Otherwise it ends the trade
      // ("cerrar los narcopisos", "en finir avec les trafiquants", "arrêter
      // les dealers"), which is neither a distant measure nor the topic.
      const bool removal = c.cls == kRemove;
      if (removal && e.obj && !governs_object(p, c, *e.obj)) {
        const bool anaphora = e.obj->sentence < c.sentence && (!p.topic.sentences || !p.topic_in(c.sentence));
        if (!anaphora) e.obj = nullptr;
      }
      // Sarcasm in a text that names no measure mocks whatever is being done
      // ("Bravo, another site blocked and the drugs are gone 👏"), most often
      // enforcement, not the drug's legal status: no implicit object for it.
      e.from_topic = !e.obj && !outburst && p.modal[i] != 1 && !removal &&
                     ((p.implicit && !e.sarcastic) || (p.topic_is_measure && (e.polarity > 0 || p.topic_in(c.sentence))));
      if (e.from_topic) e.obj = &p.topic_cue;
      if (e.attributed && e.obj && p.reported[c.sentence] == kSpeaker)
        p.speaker[c.sentence] += e.polarity * orientation_of(*e.obj, c) * c.weight * e.obj->weight;
    }
    p.out.negation = p.out.negation || e.negated;
    if (!loaded && !e.obj) {
      ++p.out.unpaired;
      if (!e.attributed) p.out.unpaired_tone += e.polarity * c.weight;
    }
    p.evals.push_back(e);
  }
}

// The measure a sarcasm cue mocks: the nearest before it in its sentence,
// else the nearest after it there, else the last one of an earlier
// sentence. A measure named after the sarcastic sentence is usually the
// author's own proposal ("… 🙄 Open treatment centres instead").
const Cue* mocked_object(const std::vector<Cue>& cues, size_t s) {
  const Cue* before = nullptr;
  const Cue* after = nullptr;
  const Cue* earlier = nullptr;
  for (const Cue& o : cues) {
    if (!is_object(o)) continue;
    if (o.sentence < cues[s].sentence) earlier = &o;
    else if (o.sentence == cues[s].sentence && o.end <= cues[s].begin) before = &o;
    else if (o.sentence == cues[s].sentence && !after) after = &o;
  }
  return before ? before : after ? after : earlier;
}

// Sarcasm with no evaluation of the author's own mocks the measure the text
// names ("Another record haul, the war on drugs is really working 🙃",
// "Claro, legalicemos todo 🙄"): the sarcasm cue condemns the object
// nearest to it, else the measure the text's topic is.
void sarcastic_mention(Pass& p) {
  if (!p.out.sarcasm) return;
  for (const Eval& e : p.evals)
    if (!e.attributed && (e.loaded || e.obj)) return;
  for (size_t i = 0; i < p.cues.size(); ++i) {
    const Cue& c = p.cues[i];
    if (c.cls != kSarcasm || p.reported[c.sentence]) continue;
    Eval e{i, -1, false, true, false, false, mocked_object(p.cues, i), false};
    if (!e.obj && p.topic_is_measure) e.obj = &p.topic_cue, e.from_topic = true;
    if (!e.obj || (!e.from_topic && p.reported[e.obj->sentence])) return;
    p.evals.push_back(e);
    return;
  }
}

StanceEvaluation explain_evaluation(const Pass& p, const Eval& e, int orientation, bool endorses,
                                    double contribution) {
  const Cue& c = p.cues[e.cue];
  StanceEvaluation v;
  v.cue = std::string(span_text(p.text, p.tokens, c.begin, c.end));
  v.polarity = e.polarity;
  v.negated = e.negated;
  v.sarcastic = e.sarcastic;
  v.attributed = e.attributed;
  v.endorses = endorses;
  if (e.from_topic) v.object = p.implicit ? "implicit:legal status" : "topic:" + std::string(p.topic.id);
  else if (e.obj) v.object = std::string(span_text(p.text, p.tokens, e.obj->begin, e.obj->end));
  v.orientation = orientation;
  v.contribution = contribution;
  return v;
}

// A long post often concedes before it argues: "I support going after
// dealers, but jailing a kid for a joint is too much", "Я не оправдываю
// наркотики, но…". Where a judgement follows the text's first contrast
// word, the judgements before it weigh less. Returns the token where the
// concession ends (0: no concession).
uint32_t concession(const Pass& p) {
  const Cue* contrast = nullptr;
  for (const Cue& c : p.cues)
    if (c.cls == kContrast && !p.reported[c.sentence]) {
      contrast = &c;
      break;
    }
  if (!contrast) return 0;
  for (const Eval& e : p.evals)
    if (p.cues[e.cue].begin >= contrast->end && !e.attributed) return contrast->begin;
  return 0;
}

// Second pass: the author's own judgements. One that bears on a measure in
// a reported sentence judges the speaker's position instead ("UN experts
// call for an end to the war on drugs. Long overdue." endorses the call).
// by_object receives |contribution| per object span, for the explanation.
void weigh_evaluations(Pass& p, StanceExplanation* explain,
                       std::map<std::pair<uint32_t, uint32_t>, double>& by_object) {
  StanceJudgement& out = p.out;
  const uint32_t concession_end = concession(p);
  for (const Eval& e : p.evals) {
    const Cue& c = p.cues[e.cue];
    const double qw = (p.question[c.sentence] ? p.options.question_weight : 1.0) *
                      (c.end <= concession_end ? kConcessionWeight : 1.0);
    if (e.loaded) {
      const double w = e.attributed ? 0.0 : e.polarity * c.weight * qw;
      (w > 0 ? out.reform : out.prohibition) += std::abs(w);
      if (explain && w != 0)
        explain->loaded.emplace_back(std::string(span_text(p.text, p.tokens, c.begin, c.end)), w);
      continue;
    }
    const Cue* obj = e.obj;
    const int orientation = obj ? orientation_of(*obj, c) : 0;
    const bool endorses = obj && !e.attributed && !e.from_topic && obj->sentence != c.sentence &&
                          p.reported[obj->sentence] && p.speaker[obj->sentence] != 0;
    double contribution = 0;
    if (endorses) {
      contribution = e.polarity * (p.speaker[obj->sentence] > 0 ? 1 : -1) * c.weight * qw;
    } else if (obj && !e.attributed && !obj->comparand) {
      // The harms of alcohol in an argument about cannabis judge neither side.
      contribution = e.polarity * orientation * c.weight * obj->weight * qw;
    }
    if (!e.attributed && obj) {
      ++out.evaluations;
      if (e.polarity > 0) ++out.approvals;
      (contribution > 0 ? out.reform : out.prohibition) += std::abs(contribution);
      if (explain) by_object[{obj->begin, obj->end}] += std::abs(contribution);
    }
    if (explain) explain->evaluations.push_back(explain_evaluation(p, e, orientation, endorses, contribution));
  }
}

// The main object (the one judged most, else the first mentioned) and the
// flags, for the explanation.
void explain_object(const Pass& p, const std::map<std::pair<uint32_t, uint32_t>, double>& by_object,
                    StanceExplanation& explain) {
  const Cue* main = nullptr;
  double best = -1;
  for (const Cue& o : p.cues) {
    if (!is_object(o)) continue;
    auto f = by_object.find({o.begin, o.end});
    const double v = f == by_object.end() ? 0 : f->second;
    if (v > best) best = v, main = &o;
  }
  if (!main && (p.topic_is_measure || p.implicit) && !by_object.empty()) {
    explain.object = p.implicit ? "implicit:legal status" : "topic:" + std::string(p.topic.id);
    explain.orientation = p.topic_cue.cls == kLiberal ? 1 : -1;
  } else if (main) {
    explain.object = std::string(span_text(p.text, p.tokens, main->begin, main->end));
    explain.orientation = main->cls == kLiberal ? 1 : -1;
  }
  explain.negation = p.out.negation;
  explain.sarcasm = p.out.sarcasm;
  explain.attribution = p.out.attribution;
  explain.question = p.out.question;
  explain.judgement = p.out.evidence();
}

// The text's sentence flags (question, reported speech) and overall ones.
void flag_sentences(Pass& p) {
  for (const Cue& c : p.cues) {
    if (c.cls == kSarcasm) p.out.sarcasm = true;
    if (c.cls == kReport || c.cls == kReportDemand) p.reported[c.sentence] = kSpeaker;
    // A view the author held and gave up counts for nothing, like a
    // speaker's, but it is no position the author's later words endorse.
    if (c.cls == kFormer && !p.reported[c.sentence]) p.reported[c.sentence] = kFormerSelf;
    if (is_object(c)) ++p.out.objects;
  }
  for (size_t s = 0; s < p.reported.size(); ++s) {
    p.out.question = p.out.question || p.question[s];
    p.out.attribution = p.out.attribution || p.reported[s] == kSpeaker;
  }
}

// The rule hits of a text: phrases, CJK substrings and emoji, with the
// sentences that end in a question mark.
void match_cues(std::string_view text, const std::vector<text::Token>& tokens, const StanceJudge::Rules& r,
                std::string_view lang, text::StemmerSet& stemmers, std::vector<Cue>& cues,
                std::vector<uint8_t>& question) {
  thread_local std::vector<Match> m;
  m.clear();
  cues.clear();
  r.matcher.match_words(tokens, lang, stemmers, m);
  r.matcher.match_cjk(text, tokens, m);
  for (const Match& x : m) {
    cues.push_back({x.begin, x.end, x.sentence, r.cls[x.pattern], r.weight[x.pattern]});
    Cue& c = cues.back();
    c.length = r.length[x.pattern];
    if (c.cls == kRestrict || c.cls == kBarrier) c.restricts = true, c.barrier = c.cls == kBarrier, c.cls = kPunitive;
    // "Más medios, más penas", "Less policing, more treatment": a list of
    // demands opens its clauses; "more" inside one ("led to more arrests")
    // is a comparison, not a demand.
    if (c.cls == kMore || c.cls == kLess) {
      c.demands_next = true;
      c.cls = opens_clause(text, tokens, c.begin) ? (c.cls == kMore ? kShould : kShouldNot) : kSpent;
    } else if (c.cls == kDecrease && opens_clause(text, tokens, c.begin)) {
      // "Fewer arrests, more clinics": opening a clause it is a demand
      // against what follows, as "less" is.
      c.demands_next = true;
      c.cls = kShouldNot;
    }
    if (c.cls == kSubstance) c.substance = true, c.cls = kLiberal;
    if (c.cls == kComparand) c.comparand = true, c.cls = kLiberal;
    if (is_object(c) || c.cls == kGood || c.cls == kBad) c.quoted = in_scare_quotes(text, tokens, x.begin, x.end);
    c.tag = x.end == x.begin + 1 && tokens[x.begin].kind == text::TokenKind::hashtag;
  }
  question.assign(tokens.back().sentence + 1, 0);
  for (uint32_t i = 0; i < tokens.size(); ++i) {
    const text::Token& t = tokens[i];
    if (is_question_mark(t, text)) question[t.sentence] = 1;
    if ((t.kind == text::TokenKind::emoji || t.kind == text::TokenKind::emoticon) && !r.symbols.empty()) {
      auto s = r.symbols.find(text.substr(t.begin, t.end - t.begin));
      if (s != r.symbols.end()) cues.push_back({i, i + 1, t.sentence, s->second.first, s->second.second});
    }
  }
}

}  // namespace

StanceJudgement StanceJudge::judge(std::string_view text, const std::vector<text::Token>& tokens,
                                   std::string_view lang, text::StemmerSet& stemmers, const TopicObject& topic,
                                   StanceExplanation* explain) const {
  StanceJudgement out;
  auto it = rules_.find(lang);
  if (it == rules_.end() || tokens.empty()) return out;
  thread_local std::vector<Cue> cues;
  thread_local std::vector<uint8_t> question, reported;
  thread_local std::vector<int8_t> modal;
  thread_local std::vector<Eval> evals;
  thread_local std::vector<double> speaker;
  match_cues(text, tokens, *it->second, lang, stemmers, cues, question);
  if (cues.empty()) return out;
  drop_contained(cues);
  Pass p{text, tokens, options_, topic, out, cues, question, reported, modal, evals, speaker};
  reported.assign(question.size(), 0);
  govern_objects(p);
  flag_sentences(p);
  // Without an object word, the text's topic stands for it ("Executing
  // people for a few grams is barbaric": the death_penalty topic) when the
  // topic is itself one measure. Topics that name a field holding measures
  // of both orientations (treatment: voluntary or compulsory; controlled
  // medicines: access or restriction; cannabis regulation: legal markets or
  // their rollback) do not say which one an unnamed judgement is about.
  p.topic_is_measure = topic.orientation != 0 && topic_is_one_measure(topic.id);
  p.topic_cue.cls = topic.orientation > 0 ? uint8_t(kLiberal) : uint8_t(kPunitive);
  // A text about drugs that names no measure judges their legal status.
  p.implicit = !p.topic_is_measure && topic.about_drugs && out.objects == 0;
  if (p.implicit) p.topic_cue = {0, 0, 0, kLiberal, 0.5f, false};
  mark_modals(p);
  evals.clear();
  speaker.assign(question.size(), 0.0);
  find_evaluations(p);
  sarcastic_mention(p);
  std::map<std::pair<uint32_t, uint32_t>, double> by_object;
  weigh_evaluations(p, explain, by_object);
  if (explain) explain_object(p, by_object, *explain);
  return out;
}

}  // namespace vigie::topics
