// The scorer: per language, the lexicon scorer (lexicon.h, rule_engine.h)
// or a trained model (model_slot.h) over the scorer's own tokens or the
// Segmenter's; whole texts, sentences and explanations.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "analytics/sentiment/lexicon.h"
#include "analytics/sentiment/linear_model.h"
#include "analytics/sentiment/model_slot.h"
#include "analytics/sentiment/rule_engine.h"
#include "analytics/sentiment/sentiment.h"
#include "analytics/sentiment/tokenize.h"
#include "core/errors.h"
#include "core/hash.h"
#include "core/string_table.h"

namespace vigie::sentiment {

std::string_view label_name(Label label) {
  switch (label) {
    case Label::negative: return "negative";
    case Label::neutral: return "neutral";
    case Label::positive: return "positive";
  }
  return "neutral";
}

bool parse_label(std::string_view name, Label& out) {
  if (name == "negative") out = Label::negative;
  else if (name == "neutral") out = Label::neutral;
  else if (name == "positive") out = Label::positive;
  else return false;
  return true;
}

namespace {

namespace fs = std::filesystem;
using detail::Entry;
using detail::fold_key;
using detail::Item;
using detail::ItemKind;
using detail::Items;
using detail::kLex;
using detail::Lang;
using detail::Map;

struct CjkDict final : detail::CjkDictionary {
  const Lang* lang = nullptr;
  bool contains(std::string_view s) const override { return lang->find(s) != nullptr; }
};

// The tokenizer's items, reused by every call on a thread.
struct Scratch {
  Items items;
};

Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

}  // namespace

struct Scorer::Impl {
  std::string dir;
  std::string model_name;
  StringTable<float> emoji;
  std::map<std::string, std::unique_ptr<Lang>, std::less<>> langs;
  Lang und;  // emoji, emoticons and punctuation only
  uint64_t digest = 0;

  const Lang& lang(std::string_view code) const {
    auto it = langs.find(code);
    return it == langs.end() ? und : *it->second;
  }

  struct Emoticons final : detail::EmoticonSet {
    const Impl* impl = nullptr;
    const Lang* lang = nullptr;
    bool contains(std::string_view s) const override {
      if (impl->emoji.find(s) != nullptr) return true;
      // Letter emoticons of the lexicon (":d", "xd"): only with punctuation.
      bool punct = false;
      for (unsigned char c : s)
        if (c < 0x80 && !std::isalnum(c)) punct = true;
      if (!punct) return false;
      const Entry* e = lang->find(s);
      return e != nullptr && (e->flags & kLex);
    }
  };

  void tokenize(std::string_view text, const Lang& L, Items& out) const {
    Emoticons emo;
    emo.impl = this;
    emo.lang = &L;
    CjkDict dict;
    dict.lang = &L;
    dict.max_chars = 4;
    out.clear();
    detail::tokenize(text, 0, 0, emo, L.cjk ? &dict : nullptr, out);
  }

  // Items from the Segmenter's tokens (space-delimited languages).
  void from_tokens(std::string_view text, const std::vector<text::Token>& tokens, Items& out) const {
    out.clear();
    std::vector<std::string_view> parts;
    std::string key;
    for (const auto& t : tokens) {
      Item it;
      it.begin = t.begin;
      it.end = t.end;
      it.sentence = t.sentence;
      switch (t.kind) {
        case text::TokenKind::punct:
          continue;
        case text::TokenKind::hashtag: {
          std::string_view raw = text.substr(t.begin, t.end - t.begin);
          if (!raw.empty() && raw[0] == '#') raw.remove_prefix(1);
          detail::split_hashtag(raw, parts);
          for (auto p : parts) {
            if (p.size() < 2) continue;
            Item h = it;
            h.begin = static_cast<uint32_t>(p.data() - text.data());
            h.end = h.begin + static_cast<uint32_t>(p.size());
            h.key_off = static_cast<uint32_t>(out.keys.size());
            out.keys += fold_key(p);
            h.key_len = static_cast<uint32_t>(out.keys.size() - h.key_off);
            out.items.push_back(h);
          }
          continue;
        }
        case text::TokenKind::emoji:
        case text::TokenKind::emoticon: {
          it.kind = ItemKind::emoji;
          detail::emoji_key(text.substr(t.begin, t.end - t.begin), key);
          for (auto& c : key)
            if (c >= 'A' && c <= 'Z') c = char(c + 32);
          it.key_off = static_cast<uint32_t>(out.keys.size());
          out.keys += key;
          it.key_len = static_cast<uint32_t>(key.size());
          out.items.push_back(it);
          continue;
        }
        case text::TokenKind::word:
          if (t.norm.size() < 2) continue;  // VADER drops one-letter words
          it.kind = ItemKind::word;
          it.caps = t.all_caps;
          break;
        default:
          it.kind = ItemKind::neutral;
          break;
      }
      it.key_off = static_cast<uint32_t>(out.keys.size());
      out.keys += t.norm;
      it.key_len = static_cast<uint32_t>(t.norm.size());
      out.items.push_back(it);
    }
  }

  double score_range(const Lang& L, const Items& its, size_t first, size_t last, std::string_view span,
                     Explanation* ex, LexiconFeatures* feat, uint32_t* hits_out) const {
    return detail::score_range(L, emoji, its, first, last, span, ex, feat, hits_out);
  }

  // The band of the lexicon scorer: the language's rules, tuned on its
  // lexicon compounds.
  static Thresholds lexicon_band(const Lang& L) { return {L.pos_threshold, L.neg_threshold}; }

  // The band of the score users see: a trained model's compounds are placed
  // on the standard band (model_score), the lexicon's on the language's own.
  static Thresholds band(const Lang& L) { return L.model ? Thresholds{} : lexicon_band(L); }

  static Label label_in(const Thresholds& band, double compound) {
    if (compound >= band.positive) return Label::positive;
    if (compound <= band.negative) return Label::negative;
    return Label::neutral;
  }

  Score lexicon_score(std::string_view text, const Lang& L, const Items& its, Explanation* ex,
                      LexiconFeatures* feat) const {
    Score s;
    s.compound = score_range(L, its, 0, its.items.size(), text, ex, feat, &s.hits);
    s.label = label_in(lexicon_band(L), s.compound);
    return s;
  }

  Score model_score(std::string_view text, const Lang& L) const {
    LexiconFeatures f;
    Scratch& sc = scratch();
    tokenize(text, L, sc.items);
    lexicon_score(text, L, sc.items, nullptr, &f);
    Score s;
    auto p = L.model->predict(text, f);
    const double margin = std::clamp(p.probs[2] - p.probs[0], -1.0, 1.0);
    s.label = p.label;
    s.hits = f.n_pos + f.n_neg;
    if (!L.model->knows_neutral()) {
      // A polarity-only model: the lexicon decides whether there is any
      // sentiment at all, the model decides its direction.
      s.label = s.hits == 0 ? Label::neutral : margin >= 0 ? Label::positive : Label::negative;
      if (s.hits == 0) {
        s.compound = 0;
        return s;
      }
    }
    s.compound = place_on_band(s.label, margin, band(L));
    return s;
  }

  // The model decides the label (its most probable class); the compound is
  // its margin p(positive) - p(negative), placed on the band so that the
  // band gives back that label: a positive text scores from the positive
  // threshold up to 1 as the margin grows, a negative one likewise down to
  // -1, and a neutral one inside the band with the margin's sign. Without
  // this, a margin of +0.03 could carry the label "negative", and reports,
  // which label compounds by the band, would disagree with search.
  static double place_on_band(Label label, double margin, const Thresholds& b) {
    switch (label) {
      case Label::positive: return b.positive + (1.0 - b.positive) * std::clamp(margin, 0.0, 1.0);
      case Label::negative: return b.negative - (1.0 + b.negative) * std::clamp(-margin, 0.0, 1.0);
      case Label::neutral: break;
    }
    // The neutral class is the most probable, so |margin| <= 1/2 and the
    // compound stays strictly inside the band.
    return margin >= 0 ? std::min(margin, 0.5) * b.positive : std::max(margin, -0.5) * -b.negative;
  }
};

Scorer::Scorer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Scorer::~Scorer() = default;

std::shared_ptr<const Scorer> Scorer::load(const std::string& corpora_dir, const std::string& model_name) {
  auto impl = std::make_unique<Impl>();
  fs::path root = fs::path(corpora_dir) / "sentiment";
  fs::path lexdir = root / "lexicons";
  fs::path ruledir = root / "rules";
  if (!fs::is_directory(lexdir)) throw Error("no sentiment lexicons in " + lexdir.string());
  impl->dir = root.string();
  impl->model_name = model_name;
  // Emoji and emoticons, for every language.
  impl->emoji = detail::load_emoji(lexdir / "emoji.tsv", &impl->digest);
  std::vector<std::string> codes;
  for (const auto& de : fs::directory_iterator(lexdir)) {
    std::string name = de.path().filename().string();
    if (name.size() == 6 && name.ends_with(".tsv") && name != "emoji.tsv") codes.push_back(name.substr(0, 2));
  }
  std::sort(codes.begin(), codes.end());
  for (const auto& code : codes) {
    auto L = detail::load_language(code, lexdir, ruledir);
    impl->digest = fnv1a64(code, impl->digest ^ L->digest);
    impl->langs.emplace(code, std::move(L));
  }
  impl->und.code = "und";
  // Trained models: models/<lang>.model, used by default when marked so.
  detail::choose_models(root / "models", model_name, [&](const std::string& lang) -> detail::ModelSlot* {
    auto it = impl->langs.find(lang);
    return it == impl->langs.end() ? nullptr : &it->second->model;
  });
  for (auto& [code, L] : impl->langs)
    if (L->model) impl->digest = fnv1a64(L->model.name(), impl->digest);
  return std::shared_ptr<const Scorer>(new Scorer(std::move(impl)));
}

Score Scorer::score(std::string_view text, const std::vector<text::Token>& tokens, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  if (L.model) return impl_->model_score(text, L);
  Scratch& sc = scratch();
  if (tokens.empty() || L.cjk) impl_->tokenize(text, L, sc.items);
  else impl_->from_tokens(text, tokens, sc.items);
  return impl_->lexicon_score(text, L, sc.items, nullptr, nullptr);
}

Score Scorer::score(std::string_view text, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  if (L.model) return impl_->model_score(text, L);
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  return impl_->lexicon_score(text, L, sc.items, nullptr, nullptr);
}

Score Scorer::score_lexicon(std::string_view text, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  return impl_->lexicon_score(text, L, sc.items, nullptr, nullptr);
}

LexiconFeatures Scorer::lexicon_features(std::string_view text, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  LexiconFeatures f;
  impl_->lexicon_score(text, L, sc.items, nullptr, &f);
  return f;
}

void Scorer::score_sentences(std::string_view text, const std::vector<text::Token>& tokens, size_t sentence_count,
                             std::string_view lang, std::vector<double>& out) const {
  out.assign(sentence_count, 0.0);
  const Lang& L = impl_->lang(lang);
  // Sentence spans from the tokens.
  std::vector<std::pair<uint32_t, uint32_t>> spans(sentence_count, {UINT32_MAX, 0});
  for (const auto& t : tokens) {
    if (t.sentence >= sentence_count) continue;
    auto& s = spans[t.sentence];
    s.first = std::min(s.first, t.begin);
    s.second = std::max(s.second, t.end);
  }
  Scratch& sc = scratch();
  if (L.model || L.cjk || tokens.empty()) {
    for (size_t i = 0; i < sentence_count; ++i) {
      if (spans[i].first >= spans[i].second) continue;
      std::string_view sp = text.substr(spans[i].first, spans[i].second - spans[i].first);
      out[i] = L.model ? impl_->model_score(sp, L).compound : score_lexicon(sp, lang).compound;
    }
    return;
  }
  impl_->from_tokens(text, tokens, sc.items);
  Items items = sc.items;  // score_range reuses the scratch
  size_t b = 0;
  while (b < items.items.size()) {
    uint32_t s = items.items[b].sentence;
    size_t e = b;
    while (e < items.items.size() && items.items[e].sentence == s) ++e;
    if (s < sentence_count) {
      std::string_view sp = text.substr(spans[s].first, spans[s].second - spans[s].first);
      out[s] = impl_->score_range(L, items, b, e, sp, nullptr, nullptr, nullptr);
    }
    b = e;
  }
}

void Scorer::score_sentences(std::string_view text, std::string_view lang, std::vector<SentenceScore>& out) const {
  score_with_sentences(text, lang, out);
}

Score Scorer::score_with_sentences(std::string_view text, std::string_view lang,
                                   std::vector<SentenceScore>& out) const {
  out.clear();
  const Lang& L = impl_->lang(lang);
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  thread_local Items items;
  items = sc.items;  // score_range and model_score reuse the scratch
  Score doc = L.model ? impl_->model_score(text, L) : impl_->lexicon_score(text, L, items, nullptr, nullptr);
  size_t b = 0;
  uint32_t next_begin = 0;  // sentences tile the text: each starts where the last ended
  while (b < items.items.size()) {
    uint32_t s = items.items[b].sentence;
    size_t e = b;
    while (e < items.items.size() && items.items[e].sentence == s) ++e;
    SentenceScore ss;
    while (next_begin < items.items[b].begin &&
           (text[next_begin] == ' ' || text[next_begin] == '\n' || text[next_begin] == '\t' || text[next_begin] == '\r'))
      ++next_begin;
    ss.begin = next_begin;
    // Include trailing punctuation up to the next item for ! and ? emphasis.
    uint32_t limit = e < items.items.size() ? items.items[e].begin : static_cast<uint32_t>(text.size());
    uint32_t tail = items.items[e - 1].end;
    while (tail < limit && text[tail] != ' ' && text[tail] != '\n') ++tail;
    ss.end = tail;
    next_begin = tail;
    if (b == 0 && e == items.items.size()) {
      // One sentence: its score is the document's (same items).
      ss.compound = doc.compound;
    } else {
      std::string_view sp = text.substr(ss.begin, ss.end - ss.begin);
      ss.compound = L.model ? impl_->model_score(sp, L).compound
                            : impl_->score_range(L, items, b, e, sp, nullptr, nullptr, nullptr);
    }
    out.push_back(ss);
    b = e;
  }
  return doc;
}

Explanation Scorer::explain(std::string_view text, std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  Explanation ex;
  ex.lang = L.code;
  ex.model = L.model ? L.model.name() : "lexicon";
  Scratch& sc = scratch();
  impl_->tokenize(text, L, sc.items);
  LexiconFeatures f;
  ex.score = impl_->lexicon_score(text, L, sc.items, &ex, &f);
  if (L.model) {
    ex.score = impl_->model_score(text, L);
    ex.from_model = true;
    ex.model_features = L.model->explain(text, f);
  }
  return ex;
}

bool Scorer::has_language(std::string_view lang) const { return impl_->langs.find(lang) != impl_->langs.end(); }

Thresholds Scorer::thresholds(std::string_view lang) const { return Impl::band(impl_->lang(lang)); }

Label Scorer::label_for(double compound, std::string_view lang) const {
  return Impl::label_in(Impl::band(impl_->lang(lang)), compound);
}

std::vector<schema::SentimentBandValue> Scorer::bands() const {
  std::vector<schema::SentimentBandValue> out;
  for (const auto& [code, L] : impl_->langs) {
    const Thresholds t = Impl::band(*L);
    out.push_back({code, t.positive, t.negative});
  }
  const Thresholds und = Impl::band(impl_->und);
  out.push_back({"und", und.positive, und.negative});
  return out;
}

std::vector<std::string> Scorer::languages() const {
  std::vector<std::string> r;
  for (const auto& [k, v] : impl_->langs) r.push_back(k);
  return r;
}

std::string Scorer::model_for(std::string_view lang) const {
  const Lang& L = impl_->lang(lang);
  return L.model ? L.model.name() : "lexicon";
}

std::string Scorer::version() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(impl_->digest));
  // The number names the rules (2: emoji are not negated, negators inside an
  // idiom are not counted, phrases do not overlap); the digest the data.
  std::string v = "vigie-sentiment/2 data:" + std::string(buf);
  for (const auto& [code, L] : impl_->langs)
    if (L->model) v += " " + code + ":" + L->model.name();
  return v;
}

}  // namespace vigie::sentiment
