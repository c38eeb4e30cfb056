#include "analytics/topics/stance.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "analytics/topics/cue_lines.h"
#include "analytics/topics/rules.h"
#include "core/errors.h"
#include "core/hash.h"
#include "core/text/trim.h"

namespace vigie::topics {

namespace {

enum CueClass : uint8_t { kReform = 0, kProhibition = 1, kNegator = 2, kContext = 3 };

using text::trim;

}  // namespace

std::string_view stance_name(StanceLabel l) {
  switch (l) {
    case StanceLabel::reform: return "reform";
    case StanceLabel::prohibition: return "prohibition";
    case StanceLabel::none: break;
  }
  return "none";
}

struct StanceClassifier::Lexicon {
  PhraseMatcher matcher;
  std::vector<uint8_t> cls;
  std::vector<float> weight;
};

StanceClassifier::StanceClassifier(const std::map<std::string, std::string>& lexicons, StanceOptions options,
                                   const std::map<std::string, std::string>& judgement, std::string_view combine)
    : options_(std::move(options)) {
  text::StemmerSet stemmers;
  uint64_t h = kFnvOffset;
  std::string langs;
  for (const auto& [lang, tsv] : lexicons) {
    auto lex = std::make_unique<Lexicon>();
    h = fnv1a64(lang, h);
    h = fnv1a64(tsv, h);
    if (!langs.empty()) langs += ',';
    langs += lang;
    for_each_cue_line(tsv, lang + ".tsv", [&, &code = lang](const CueLine& c) {
      uint8_t cls;
      if (c.cls == "reform") cls = kReform;
      else if (c.cls == "prohibition") cls = kProhibition;
      else if (c.cls == "negator") cls = kNegator;
      else if (c.cls == "context") cls = kContext;
      else throw Error(c.where + ": class must be reform, prohibition, negator or context, got '" +
                       std::string(c.cls) + "'");
      if (c.cue.empty()) throw Error(c.where + ": empty cue");
      uint32_t id = lex->matcher.add(c.cue, code, false, stemmers, c.where);
      lex->cls.resize(id + 1);
      lex->weight.resize(id + 1);
      lex->cls[id] = cls;
      lex->weight[id] = c.weight;
    });
    lexicons_[lang] = std::move(lex);
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  version_ = "stance-cues/" + langs + "+" + hex;
  if (!judgement.empty()) {
    judge_ = std::make_unique<StanceJudge>(judgement, options_.judge);
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(judge_->hash()));
    version_ += "+judgement-" + std::string(hex);
  }
  if (judge_ && !combine.empty()) {
    combiner_ = std::make_unique<StanceCombiner>(combine);
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(combine)));
    version_ += "+combine-" + std::string(hex);
  }
  if (!options_.model_file.empty() && options_.model_file != "none") attach_model(options_.model_file, "option");
}

void StanceClassifier::attach_model(const std::string& path, std::string source) {
  model_ = std::make_unique<LinearStanceModel>(LinearStanceModel::load(path));
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buf;
  buf << in.rdbuf();
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(buf.str())));
  version_ += "+model-" + model_->lang() + "-" + hex;
  options_.model_file = path;
  model_file_ = path;
  model_source_ = std::move(source);
}

StanceModelChoice resolve_stance_model(const std::string& option, const char* env_value,
                                       const std::string& exe_path) {
  auto named = [](const std::string& v, const char* source) {
    return v == "none" ? StanceModelChoice{"", "none"} : StanceModelChoice{v, source};
  };
  if (!option.empty()) return named(option, "option");
  if (env_value != nullptr && *env_value != '\0') return named(env_value, "env");
  if (!exe_path.empty()) {
    namespace fs = std::filesystem;
    std::error_code ec;
    // The executable's path is canonical, so ".." is just the parent directory.
    fs::path p = fs::path(exe_path).parent_path().parent_path() / "models" / "stance-en.model";
    if (fs::is_regular_file(p, ec)) return {p.string(), "exe"};
  }
  return {"", "none"};
}

StanceClassifier::~StanceClassifier() = default;

namespace {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw Error("cannot read " + p.string());
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// <lang>.tsv files of dir -> lang -> content, leaving out `skip`.
std::map<std::string, std::string> read_tsv_dir(const std::filesystem::path& dir, std::string_view skip = {}) {
  namespace fs = std::filesystem;
  std::error_code ec;
  std::map<std::string, std::string> out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".tsv" || entry.path().filename() == skip) continue;
    out[entry.path().stem().string()] = read_file(entry.path());
  }
  if (ec) throw Error("cannot list " + dir.string() + ": " + ec.message());
  return out;
}

}  // namespace

std::unique_ptr<StanceClassifier> StanceClassifier::load(const std::string& dir, StanceOptions options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw UsageError("stance lexicon directory not found: " + dir);
  // combine.tsv is the learned combination, not a language.
  const std::map<std::string, std::string> lexicons = read_tsv_dir(dir, "combine.tsv");
  if (lexicons.empty()) throw Error("no stance lexicon (<lang>.tsv) in " + dir);
  const fs::path combine_file = fs::path(dir) / "combine.tsv";
  const std::string combine = fs::is_regular_file(combine_file, ec) ? read_file(combine_file) : std::string();
  const fs::path jdir = fs::path(dir) / "judgement";
  const std::map<std::string, std::string> judgement =
      fs::is_directory(jdir, ec) ? read_tsv_dir(jdir) : std::map<std::string, std::string>();
  const StanceModelChoice choice =
      options.model_file.empty() ? options.default_model : resolve_stance_model(options.model_file, nullptr, "");
  // The lexicons first, so that their errors (and only theirs) name dir;
  // the model's errors name the model file.
  options.model_file = "none";
  std::unique_ptr<StanceClassifier> c;
  try {
    c = std::make_unique<StanceClassifier>(lexicons, std::move(options), judgement, combine);
  } catch (const Error& e) {
    throw Error(dir + "/" + e.what());
  }
  if (!choice.path.empty()) c->attach_model(choice.path, choice.source);
  return c;
}

CueFeatures StanceClassifier::cue_features(std::string_view text, const std::vector<text::Token>& tokens,
                                           std::string_view lang, const std::vector<TopicHit>& hits,
                                           text::StemmerSet& stemmers) const {
  CueStance s = classify_cues(text, tokens, lang, hits, stemmers);
  CueFeatures f;
  f.reform = s.pro;
  f.prohibition = s.con;
  f.on_topic = s.about_drugs;
  return f;
}

TopicObject topic_object(const std::vector<TopicHit>& hits) {
  // In order of preference: the measure a text is most likely judging when
  // it names several topics (an execution for cannabis is about the
  // execution).
  static constexpr std::pair<std::string_view, int> kOrientation[] = {
      {"death_penalty", -1},      {"incarceration", -1},        {"harm_reduction", 1}, {"decriminalization", 1},
      {"controlled_medicines", 1}, {"treatment", 1},             {"cannabis_regulation", 1}, {"trafficking", -1},
  };
  for (const auto& [id, o] : kOrientation)
    for (const TopicHit& h : hits)
      if (h.id == id) return {h.id, o, &h.sentences};
  return {};
}

Stance StanceClassifier::classify(std::string_view text, const std::vector<text::Token>& tokens,
                                  std::string_view lang, const std::vector<TopicHit>& hits,
                                  text::StemmerSet& stemmers, StanceExplanation* explain) const {
  CueStance c = classify_cues(text, tokens, lang, hits, stemmers);
  StanceJudgement j;
  if (judge_ && options_.judgement) {
    TopicObject topic = topic_object(hits);
    topic.about_drugs = c.about_drugs && hits.empty();
    j = judge_->judge(text, tokens, lang, stemmers, topic, explain);
  }
  const bool judged = judge_ && options_.judgement && judge_->has_language(lang);
  const bool about_drugs = c.about_drugs || j.objects > 0;
  // Reported speech with no judgement of the author's own: the speaker's
  // position, not the author's, so the cue words do not count either.
  // The cue words mostly lean a judgement one way or the other: alone, they
  // often name a measure without saying what the author thinks of it, so
  // without a judgement they count at cue_fallback_weight.
  const bool judgement = j.evaluations > 0 || j.reform + j.prohibition > 0;
  // Reported speech with no judgement of the author's own is the speaker's
  // position: the cue words do not count either.
  const double fallback = j.attribution ? 0.0 : options_.cue_fallback_weight;
  const double cue_part = (judgement ? options_.cue_weight : fallback) * c.stance.evidence;
  const double ev = judged ? j.evidence() + cue_part : c.stance.evidence;
  if (explain) {
    explain->cues = c.stance.evidence;
    explain->evidence = ev;
  }
  if (judged) {
    Stance& out = c.stance;
    out.evidence = ev;
    out.label = StanceLabel::none;
    const double threshold = about_drugs ? options_.threshold : options_.off_topic_threshold;
    if (ev >= threshold) out.label = StanceLabel::reform;
    else if (ev <= -threshold) out.label = StanceLabel::prohibition;
    out.score = out.label == StanceLabel::none ? std::exp(-std::abs(ev)) : 1.0 - std::exp(-std::abs(ev));
    out.cues += j.evaluations;
    if (combiner_ && options_.combine) {
      const auto p = combiner_->probabilities(j, c.stance.evidence, !hits.empty());
      const int best = StanceCombiner::decide(p, j, options_.combine_margin);  // 0 reform, 1 prohibition, 2 none
      out.label = best == 0 ? StanceLabel::reform : best == 1 ? StanceLabel::prohibition : StanceLabel::none;
      out.score = p[size_t(best)];
      if (explain) explain->probabilities = {p[0], p[1], p[2]};
    }
    if (out.label != StanceLabel::none) out.tone = 2 * j.approvals > j.evaluations ? 1 : -1;
  }
  // The forced side: the judgement, else the cue words' lean, else the tone
  // of the evaluations that found no measure: in the drug-policy debate
  // benefits are argued for change and harms against it ("It could be a
  // source of additional tax revenue"). Like the cue words' lean it is a
  // guess for a forced choice, never a label.
  const double lean = ev != 0 ? ev : c.stance.evidence != 0 ? c.stance.evidence : j.unpaired_tone;
  c.stance.lean = lean > 0 ? StanceLabel::reform : lean < 0 ? StanceLabel::prohibition : StanceLabel::none;
  if (explain) {
    const bool combined = judged && combiner_ && options_.combine;
    explain->decided_by = !judged ? "cues" : combined ? "combination" : c.stance.label == StanceLabel::none ? "none" : "judgement";
  }
  if (!model_ || !model_->applies_to(lang)) return c.stance;
  // A clear judgement of a policy outranks the model's reading of the words.
  if (judged && std::abs(j.evidence()) >= options_.threshold) return c.stance;
  const CueFeatures cues{c.pro, c.con, c.about_drugs};
  const bool gated = options_.model_gate && !LinearStanceModel::passes_gate(cues, options_.off_topic_threshold);
  if (gated && options_.gate_min_prob > 1) {
    Stance none;  // not about drugs, weak cues: no stance, as with the cues alone
    none.evidence = c.stance.evidence;
    none.score = 1.0;
    none.lean = c.stance.lean;
    if (explain) explain->decided_by = "none";
    return none;
  }
  auto p = model_->predict(tokens, cues);
  int best = gated ? LinearStanceModel::decide_gated(p, cues, options_.cue_override, options_.gate_min_prob)
                   : LinearStanceModel::decide(p, cues, options_.cue_override);
  Stance out = c.stance;
  out.label = static_cast<StanceLabel>(best);
  out.lean = p[1] >= p[2] ? StanceLabel::reform : StanceLabel::prohibition;
  out.score = p[size_t(best)];
  const int argmax = int(std::max_element(p.begin(), p.end()) - p.begin());
  if (best != argmax && best != 0)  // the cues overrode the model: their confidence
    out.score = std::max(out.score, 1.0 - std::exp(-std::abs(c.pro - c.con)));
  if (explain) explain->decided_by = "model";
  return out;
}

StanceClassifier::CueStance StanceClassifier::classify_cues(std::string_view text,
                                                            const std::vector<text::Token>& tokens,
                                                            std::string_view lang, const std::vector<TopicHit>& hits,
                                                            text::StemmerSet& stemmers) const {
  CueStance result;
  result.about_drugs = !hits.empty();  // a context word may add to it below
  Stance& out = result.stance;
  auto it = lexicons_.find(lang);
  std::string_view used = lang;
  if (it == lexicons_.end()) {
    it = lexicons_.find(options_.fallback_lang);
    used = options_.fallback_lang;
  }
  if (it == lexicons_.end() || tokens.empty()) return result;
  const Lexicon& lex = *it->second;

  thread_local std::vector<Match> m;
  m.clear();
  lex.matcher.match_words(tokens, used, stemmers, m);
  lex.matcher.match_cjk(text, tokens, m);
  if (m.empty()) return result;
  // Containment: a cue lying inside a longer cue does not count.
  std::sort(m.begin(), m.end(), [](const Match& a, const Match& b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
  });
  thread_local std::vector<uint32_t> negators;  // indices into m, in begin order
  negators.clear();
  for (uint32_t i = 0; i < m.size(); ++i)
    if (lex.cls[m[i].pattern] == kNegator) negators.push_back(i);
  size_t next_negator = 0;
  double evidence = 0, pro = 0, con = 0;
  uint32_t covered_end = 0;  // end of the last counted cue span
  uint32_t prev_end = 0;      // a negator only reaches the first cue after it
  bool context = false;
  for (size_t i = 0; i < m.size(); ++i) {
    uint8_t cls = lex.cls[m[i].pattern];
    if (cls == kContext) {
      context = true;
      continue;
    }
    if (cls == kNegator) continue;
    if (m[i].end <= covered_end && covered_end > 0) continue;  // inside an earlier, longer cue
    covered_end = std::max(covered_end, m[i].end);
    // Negators between the previous cue and this one, in its sentence and
    // close enough, flip it (an even number cancels). Counted cues move
    // forward and prev_end never decreases, so one cursor over the negators
    // (in begin order, as m is) visits each once: linear in the matches.
    int flips = 0;
    while (next_negator < negators.size() && m[negators[next_negator]].begin < prev_end) ++next_negator;
    for (size_t n = next_negator; n < negators.size() && m[negators[n]].begin < m[i].begin; ++n) {
      const Match& g = m[negators[n]];
      if (g.sentence == m[i].sentence && g.end <= m[i].begin && int(m[i].begin - g.end) <= options_.negation_window)
        ++flips;
    }
    prev_end = m[i].end;
    double w = lex.weight[m[i].pattern];
    bool reform = (cls == kReform) != (flips % 2 == 1);
    (reform ? pro : con) += w;
    evidence += reform ? w : -w;
    ++out.cues;
  }
  out.evidence = evidence;
  double threshold = hits.empty() && !context ? options_.off_topic_threshold : options_.threshold;
  if (evidence >= threshold) out.label = StanceLabel::reform;
  else if (evidence <= -threshold) out.label = StanceLabel::prohibition;
  if (out.label == StanceLabel::none) {
    out.score = std::exp(-std::max(pro, con));
  } else {
    out.score = 1.0 - std::exp(-std::abs(evidence));
  }
  result.pro = pro;
  result.con = con;
  result.about_drugs = result.about_drugs || context;
  return result;
}

}  // namespace vigie::topics
