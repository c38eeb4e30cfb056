#include "query/query_builder.h"

#include <algorithm>
#include <functional>
#include <charconv>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "core/errors.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/text/langid.h"
#include "core/text/normalize.h"
#include "core/text/segment.h"
#include "core/text/stem.h"
#include "core/time.h"
#include "query/limits.h"
#include "query/query_lexer.h"

namespace vigie::query {
namespace p = schema::prefix;
using namespace lexer;

const std::vector<FieldSpec>& fields() {
  static const std::vector<FieldSpec> kFields = {
      {"lang", p::kLang, FieldKind::boolean, "language code: lang:es (also lang:ES, lang:es-MX)"},
      {"kind", p::kKind, FieldKind::boolean, "tweet | reddit | news"},
      {"source", p::kSource, FieldKind::boolean, "outlet, subreddit or client: source:\"Le Monde\""},
      {"author", p::kAuthor, FieldKind::boolean, "author handle, with or without '@'"},
      {"hashtag", p::kHashtag, FieldKind::boolean, "hashtag, with or without '#': hashtag:HarmReduction"},
      {"mention", p::kMention, FieldKind::boolean, "@mention in the text, with or without '@'"},
      {"domain", p::kDomain, FieldKind::boolean, "host of a URL in the text: domain:unodc.org"},
      {"topic", p::kTopic, FieldKind::boolean, "taxonomy topic id: topic:cannabis_regulation (vigie topics lists them)"},
      {"stance", p::kStance, FieldKind::boolean, "reform | prohibition | none"},
      {"label", p::kSentiment, FieldKind::boolean, "sentiment label: positive | neutral | negative"},
      {"week", "", FieldKind::boolean, "ISO week (UTC days): week:2019-W11, the same as date:2019-W11..2019-W11"},
      {"flag", p::kFlag, FieldKind::boolean, "undated | retweet | duplicate"},
      {"url", "", FieldKind::boolean, "a link in the text, as written: url:https://www.unodc.org/ (a pasted link means this)"},
      {"title", p::kTitle, FieldKind::free, "words in the title: title:cannabis, title:\"harm reduction\""},
      {"date", "", FieldKind::range,
       "whole UTC days (or --tz days), both ends inclusive: date:2019-03-11..2019-03-17, "
       "date:2019-03-11.., date:..2019-03-17, date:2019-W11..2019-W12"},
      {"sentiment", "", FieldKind::range,
       "document sentiment in [-1, 1]: sentiment:-1..-0.05; sentiment:negative = label:negative"},
  };
  return kFields;
}

namespace {

// A boolean field: the value is normalised as the indexer normalised it
// (schema::boolean_term folds case), plus per-field conveniences.
class BooleanField : public Xapian::FieldProcessor {
 public:
  explicit BooleanField(const FieldSpec& spec) : spec_(spec) {}

  Xapian::Query operator()(const std::string& raw) override {
    std::string_view v = raw;
    while (!v.empty() && is_space(v.front())) v.remove_prefix(1);
    while (!v.empty() && is_space(v.back())) v.remove_suffix(1);
    if (v.empty()) throw UsageError("malformed query: empty value for " + std::string(spec_.name) + ":");
    const std::string_view name = spec_.name;
    if (name == "lang") {
      std::string code = text::normalize_lang_tag(v);
      if (code.empty()) code = text::fold_case(v);  // "und" and codes we do not know
      return term(code);
    }
    if (name == "week") {
      // Not a term of its own: the D/M terms of the week's seven UTC days.
      if (!time::parse_iso_week(v)) {
        throw UsageError("malformed query: week:" + std::string(v) + " (expected an ISO week such as 2019-W11)");
      }
      return time_query(week_range(v, Zone()), nullptr);
    }
    if (name == "kind") {
      std::string k = text::fold_case(v);
      if (!parse_kind(k)) {
        throw UsageError("malformed query: kind:" + std::string(v) + " (kind is tweet, reddit or news)");
      }
      return term(k);
    }
    if (name == "hashtag" || name == "mention") {
      if (v.front() == '#' || v.front() == '@') v.remove_prefix(1);
      return term(text::index_form(v));  // the indexer stores index_form of tags
    }
    if (name == "author" && v.front() == '@' && v.size() > 1) {
      // Feeds differ on whether handles keep their '@': accept both.
      return Xapian::Query(Xapian::Query::OP_OR, term(v), term(v.substr(1)));
    }
    if (name == "url") return Xapian::Query(text::url_form(v));  // free-text term, see document_builder
    if (name == "domain" && v.substr(0, 4) == "www.") v.remove_prefix(4);
    return term(v);
  }

 private:
  Xapian::Query term(std::string_view value) const {
    return Xapian::Query(schema::boolean_term(spec_.prefix, value));
  }
  const FieldSpec& spec_;
};

// date:A..B over schema::kTime; A and B are days or ISO weeks, in the zone.
class DateRange : public Xapian::RangeProcessor {
 public:
  DateRange(const Zone& zone, const std::optional<TimeBounds>& bounds)
      : Xapian::RangeProcessor(schema::kTime, "date:"), zone_(zone), bounds_(bounds) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    auto first = parse_range_start(begin, "date: range start");
    auto last = parse_range_end(end, "date: range end");
    if (!first && !last) throw UsageError("malformed query: date:.. needs at least one end");
    return time_query(day_range(first, last, zone_), bounds_ ? &*bounds_ : nullptr);
  }

 private:
  const Zone& zone_;
  const std::optional<TimeBounds>& bounds_;
};

// sentiment:A..B over schema::kSentimentScore, A and B in [-1, 1].
class SentimentRange : public Xapian::RangeProcessor {
 public:
  SentimentRange() : Xapian::RangeProcessor(schema::kSentimentScore, "sentiment:") {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    using Q = Xapian::Query;
    auto b = number(begin), e = number(end);
    if (b && e) return Q(Q::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(*b), Xapian::sortable_serialise(*e));
    if (b) return Q(Q::OP_VALUE_GE, slot, Xapian::sortable_serialise(*b));
    if (e) return Q(Q::OP_VALUE_LE, slot, Xapian::sortable_serialise(*e));
    throw UsageError("malformed query: sentiment:.. needs at least one end");
  }

 private:
  static std::optional<double> number(const std::string& s) {
    if (s.empty()) return std::nullopt;
    double v = 0;
    const char* first = s.data();
    if (*first == '+') ++first;
    auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), v);
    if (ec != std::errc() || ptr != s.data() + s.size() || !(v >= -1 && v <= 1)) {  // NaN too
      throw UsageError("malformed query: sentiment range bound '" + s + "' is not a number in [-1, 1]");
    }
    return v;
  }
};

}  // namespace

std::string index_language_stemmer(const std::string& code) {
  // Codes in the index are already normalised by the indexer, so the slow
  // path of text::stemmer_name (ICU locale canonicalisation, about 0.1 ms a
  // code) is not needed: Xapian 1.4 accepts the same ISO 639-1 codes. A test
  // checks that both agree. The answer never changes, and probing Xapian
  // throws for each code without a stemmer, so every search would pay for
  // the same exceptions: answers are kept for the process's life (a few
  // dozen codes at most).
  static std::mutex mutex;
  static std::map<std::string, std::string, std::less<>> known;
  {
    std::lock_guard lock(mutex);
    if (auto it = known.find(code); it != known.end()) return it->second;
  }
  std::string stemmer;
  const bool two_letters = code.size() == 2 && code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z';
  if (code.empty() || code == "und") {
    stemmer.clear();  // the indexer's "unknown language"
  } else if (!two_letters) {
    stemmer = text::stemmer_name(code);
  } else {
    try {
      Xapian::Stem probe(code);
      stemmer = text::stemmer_name(code);  // fast path: the code is in its table
    } catch (const Xapian::InvalidArgumentError&) {
    }
  }
  std::lock_guard lock(mutex);
  known.emplace(code, stemmer);
  return stemmer;
}

// True when every top-level item of q is negated ("-a -b:c -\"d e\""), with
// no operator: Xapian's parser would then drop the '-' and match the items,
// so such a query is rewritten with NOT, which FLAG_PURE_NOT accepts.
bool only_negated_items(std::string_view q) {
  int depth = 0;
  bool in_phrase = false, any = false;
  bool item_start = true;  // the next non-space character starts a top-level item
  for (size_t i = 0; i < q.size(); ++i) {
    const char c = q[i];
    if (in_phrase) {
      if (c == '"') in_phrase = false;
      continue;
    }
    if (is_space(c)) {
      if (depth == 0) item_start = true;
      continue;
    }
    if (depth == 0 && item_start) {
      item_start = false;
      if (c != '-') return false;
      // A top-level operator is never negated, so it ends up here too.
      any = true;
      continue;
    }
    if (c == '"') in_phrase = true;
    else if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
  }
  return any;
}

struct QueryBuilder::Impl {
  Zone zone;
  std::unique_ptr<text::Segmenter> segmenter;  // created on the first free-text word
  std::vector<std::unique_ptr<BooleanField>> boolean_fields;
  std::optional<TimeBounds> bounds;
  std::vector<std::string> topic_ids;  // valid topic: values; empty = any
  std::unique_ptr<DateRange> date_range;
  SentimentRange sentiment_range;
  std::vector<text::Token> tokens;
  std::vector<text::Token> pieces;

  explicit Impl(Zone z) : zone(std::move(z)) {
    for (const auto& f : fields())
      if (f.kind == FieldKind::boolean) boolean_fields.push_back(std::make_unique<BooleanField>(f));
    date_range = std::make_unique<DateRange>(zone, bounds);
  }

  // One word (no spaces) of free text, cut and classified by the indexer's
  // segmenter, so that the query asks for the terms the indexer wrote:
  // - a word stays a word: Xapian's parser stems it as the indexer did
  //   ("covid19", "don't"); a word the indexer does not stem (a number, a
  //   CJK word) becomes a one-word phrase, which the parser does not stem;
  // - a word the segmenter cuts in pieces ("anti-drug", "l'usage",
  //   "covid-19", a run of Chinese) becomes a phrase of the pieces;
  // - outside a phrase, a lone #tag, @mention or link means its field
  //   (hashtag:, mention:, url:); inside a phrase a #tag is its words, and
  //   mentions and links, which have no position in the index, are left out.
  void word(std::string_view w, bool in_phrase, std::string& out) {
    bool wildcard = false;
    if (!in_phrase && w.size() > 1 && w.back() == '*') {
      wildcard = true;
      w.remove_suffix(1);
    }
    if (!segmenter) segmenter = std::make_unique<text::Segmenter>();
    tokens.clear();
    segmenter->tokenize(w, tokens, false);
    pieces.clear();
    std::string fields_out;
    for (const auto& t : tokens) {
      switch (t.kind) {
        case text::TokenKind::word:
        case text::TokenKind::number:
          pieces.push_back(t);
          break;
        case text::TokenKind::hashtag:
          if (!in_phrase && !wildcard && tokens.size() == 1) {
            out += "hashtag:" + t.norm;
            return;
          }
          segmenter->tag_words(t, pieces);
          break;
        case text::TokenKind::mention:
          if (!in_phrase) fields_out += " mention:" + t.norm;
          break;
        case text::TokenKind::url:
          if (!in_phrase) fields_out += " url:\"" + t.norm + "\"";
          break;
        default:
          break;  // punctuation, emoji: not indexed
      }
    }
    if (pieces.empty() && fields_out.empty()) {
      // Nothing the indexer keeps ("-" before a phrase, "+", "&"): left to
      // Xapian's parser as typed, which reads it as an operator or drops it.
      out += text::index_form(w);
      if (wildcard) out.push_back('*');
      return;
    }
    if (pieces.size() == 1) {
      const text::Token& t = pieces.front();
      const bool unstemmed = t.kind == text::TokenKind::number || t.cjk;
      const bool quote = unstemmed && !in_phrase && !wildcard;
      if (quote) out.push_back('"');
      out += t.norm;
      if (quote) out.push_back('"');
    } else if (!pieces.empty()) {
      const bool quote = !in_phrase && !wildcard;
      if (quote) out.push_back('"');
      for (size_t k = 0; k < pieces.size(); ++k) {
        if (k) out.push_back(' ');
        out += pieces[k].norm;
      }
      if (quote) out.push_back('"');
    }
    if (wildcard && !pieces.empty()) out.push_back('*');
    if (!fields_out.empty()) {
      if (pieces.empty()) fields_out.erase(0, 1);
      out += fields_out;
    }
  }

  bool links_or_mentions_only(std::string_view text) {
    if (text.empty()) return false;
    if (!segmenter) segmenter = std::make_unique<text::Segmenter>();
    tokens.clear();
    segmenter->tokenize(text, tokens, false);
    bool any = false;
    for (const auto& t : tokens) {
      if (t.kind == text::TokenKind::mention || t.kind == text::TokenKind::url) any = true;
      else if (t.kind == text::TokenKind::word || t.kind == text::TokenKind::number || t.kind == text::TokenKind::hashtag)
        return false;
    }
    return any;
  }

  std::string rewrite(std::string_view q) {
    const bool pure_not = only_negated_items(q);
    std::string out;
    out.reserve(q.size() + 8);
    bool in_phrase = false;
    size_t i = 0;
    while (i < q.size()) {
      char c = q[i];
      if (is_space(c) || c == '(' || c == ')') {
        out.push_back(c);
        ++i;
        continue;
      }
      if (c == '"') {
        if (!in_phrase) {
          // "@user" or "https://..." alone in quotes: links and mentions have
          // no position in the index, so the phrase means their fields.
          const size_t close = q.find('"', i + 1);
          const std::string_view inside = q.substr(i + 1, close == std::string_view::npos ? close : close - i - 1);
          if (links_or_mentions_only(inside)) {
            word(inside, false, out);
            i = close == std::string_view::npos ? q.size() : close + 1;
            continue;
          }
        }
        in_phrase = !in_phrase;
        out.push_back(c);
        ++i;
        continue;
      }
      size_t j = i;
      while (j < q.size() && !is_space(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '"') ++j;
      std::string_view tok = q.substr(i, j - i);
      i = j;
      if (!in_phrase) {
        if (is_operator(tok)) {
          out += tok;
          continue;
        }
        if (tok == "-" && pure_not) {  // -( ... ) or -"..."
          out += "NOT ";
          continue;
        }
        if ((tok[0] == '+' || tok[0] == '-') && tok.size() > 1) {
          if (pure_not && tok[0] == '-') out += "NOT ";
          else out.push_back(tok[0]);
          tok.remove_prefix(1);
        }
        size_t colon = tok.find(':');
        if (colon != std::string_view::npos && colon > 0) {
          if (const FieldSpec* f = find_field(tok.substr(0, colon))) {
            out += tok.substr(0, colon + 1);
            std::string_view value = tok.substr(colon + 1);
            if (f->kind == FieldKind::free) {
              if (!value.empty()) word(value, false, out);
              continue;  // a following "phrase" is handled by the main loop
            }
            // sentiment:negative (no range) means the label field.
            if (f->name == "sentiment" && !value.empty() && value.find("..") == std::string_view::npos) {
              out.resize(out.size() - (colon + 1));
              out += "label:";
            }
            // Boolean values and ranges are normalised by their processors.
            out += value;
            if (value.empty() && i < q.size() && q[i] == '"') {
              size_t close = q.find('"', i + 1);
              if (close == std::string_view::npos) close = q.size() - 1;
              out += q.substr(i, close + 1 - i);
              i = close + 1;
            }
            continue;
          }
        }
      }
      word(tok, in_phrase, out);
    }
    return out;
  }

  // One parser for every parse of a query (one per stemmer): setting up its
  // fields costs more than a short query's parse.
  Xapian::QueryParser& parser() {
    if (qp) return *qp;
    qp.emplace();
    qp->set_default_op(Xapian::Query::OP_AND);
    size_t b = 0;
    for (const auto& f : fields()) {
      if (f.kind == FieldKind::boolean) qp->add_boolean_prefix(std::string(f.name), boolean_fields[b++].get());
      if (f.kind == FieldKind::free) qp->add_prefix(std::string(f.name), std::string(f.prefix));
    }
    qp->add_rangeprocessor(date_range.get());
    qp->add_rangeprocessor(&sentiment_range);
    // A wildcard stands for its most frequent expansions: "a*" must not
    // become a query of every word starting with a.
    qp->set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    return *qp;
  }

  Xapian::Query parse(const std::string& rewritten, const std::string& stemmer) {
    Xapian::QueryParser& p = parser();
    if (!stemmer.empty()) {
      p.set_stemmer(Xapian::Stem(stemmer));
      p.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    } else {
      p.set_stemmer(Xapian::Stem());
      p.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    }
    const unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                           Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    return p.parse_query(rewritten, flags);
  }

  // The multi-language parse (see the header): one parse per stemmer, each
  // restricted to its languages. Stemmers that parse the query alike (most
  // do, for a name or a word they leave whole) share one parse filtered on
  // all their languages: a document has one language, so it is matched by
  // the same parse with the same weight, through fewer posting lists.
  Xapian::Query parse_per_language(const std::string& rewritten,
                                   const std::map<std::string, std::vector<std::string>>& groups) {
    struct Parse {
      std::string description;
      Xapian::Query query;
      std::vector<std::string> langs;
    };
    std::vector<Parse> parses;
    for (const auto& [stemmer, langs] : groups) {
      Xapian::Query q = parse(rewritten, stemmer);
      std::string description = q.get_description();
      auto same = std::find_if(parses.begin(), parses.end(), [&](const Parse& x) { return x.description == description; });
      if (same == parses.end()) same = parses.insert(parses.end(), Parse{std::move(description), std::move(q), {}});
      same->langs.insert(same->langs.end(), langs.begin(), langs.end());
    }
    std::vector<Xapian::Query> parts;
    parts.reserve(parses.size());
    for (const Parse& x : parses) parts.emplace_back(Xapian::Query::OP_FILTER, x.query, languages_filter(x.langs));
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  }

  // The documents in any of these languages: what set_language_filter
  // gives, or the OR of their L terms.
  Xapian::Query languages_filter(const std::vector<std::string>& langs) {
    if (language_filter)
      if (Xapian::Query q = language_filter(langs); !q.empty()) return q;
    std::vector<Xapian::Query> terms;
    terms.reserve(langs.size());
    for (const auto& l : langs) terms.emplace_back(std::string(p::kLang) + l);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
  }

  std::optional<Xapian::QueryParser> qp;  // created on the first parse
  std::function<Xapian::Query(const std::vector<std::string>&)> language_filter;
};

QueryBuilder::QueryBuilder(Zone zone) : impl_(std::make_unique<Impl>(std::move(zone))) {}
QueryBuilder::~QueryBuilder() = default;

std::string QueryBuilder::rewrite(std::string_view query) { return impl_->rewrite(query); }

void QueryBuilder::set_time_bounds(const TimeBounds& bounds) { impl_->bounds = bounds; }

void QueryBuilder::set_topic_ids(std::vector<std::string> ids) { impl_->topic_ids = std::move(ids); }

void QueryBuilder::set_language_filter(std::function<Xapian::Query(const std::vector<std::string>&)> filter) {
  impl_->language_filter = std::move(filter);
}

Xapian::Query QueryBuilder::build(std::string_view query, std::string_view lang,
                                  const std::vector<std::string>& index_langs) {
  check_syntax(query);
  check_fields(query, impl_->topic_ids);
  std::string rewritten = impl_->rewrite(query);
  bool blank = std::all_of(rewritten.begin(), rewritten.end(), is_space);
  if (blank) return Xapian::Query::MatchAll;
  try {
    if (!lang.empty() && lang != "und") {
      std::string code = text::normalize_lang_tag(lang);
      if (code.empty()) throw UsageError("--lang: unknown language '" + std::string(lang) + "'");
      return impl_->parse(rewritten, text::stemmer_name(code));
    }
    // Group the index's languages by stemmer; "" = no stemmer.
    std::map<std::string, std::vector<std::string>> groups;
    for (const auto& l : index_langs) groups[index_language_stemmer(l)].push_back(l);
    if (groups.size() <= 1) {
      return impl_->parse(rewritten, groups.empty() ? std::string() : groups.begin()->first);
    }
    // A query without any stemmed word (phrases, wildcards, numbers, filters
    // only) parses the same with every stemmer: one unfiltered parse does.
    {
      Xapian::Query first = impl_->parse(rewritten, groups.rbegin()->first);
      bool stemmed = false;
      for (auto t = first.get_unique_terms_begin(); t != first.get_unique_terms_end() && !stemmed; ++t)
        stemmed = !(*t).empty() && (*t)[0] == 'Z';
      if (!stemmed) return first;
    }
    return impl_->parse_per_language(rewritten, groups);
  } catch (const Xapian::QueryParserError& e) {
    throw UsageError("malformed query: " + e.get_msg() + "\n  " + std::string(query));
  }
}

}  // namespace vigie::query
