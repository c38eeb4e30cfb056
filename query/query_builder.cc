#include "query/query_builder.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "core/errors.h"
#include "core/record.h"
#include "core/schema.h"
#include "core/text/langid.h"
#include "core/text/normalize.h"
#include "core/text/segment.h"
#include "core/text/stem.h"
#include "core/time.h"

namespace vigie::query {
namespace p = schema::prefix;

const std::vector<FieldSpec>& fields() {
  static const std::vector<FieldSpec> kFields = {
      {"lang", p::kLang, FieldKind::boolean, "language code: lang:es (also lang:ES, lang:es-MX)"},
      {"kind", p::kKind, FieldKind::boolean, "tweet | reddit | news"},
      {"source", p::kSource, FieldKind::boolean, "outlet, subreddit or client: source:\"Le Monde\""},
      {"author", p::kAuthor, FieldKind::boolean, "author handle, with or without '@'"},
      {"hashtag", p::kHashtag, FieldKind::boolean, "hashtag, with or without '#': hashtag:HarmReduction"},
      {"mention", p::kMention, FieldKind::boolean, "@mention in the text, with or without '@'"},
      {"domain", p::kDomain, FieldKind::boolean, "host of a URL in the text: domain:unodc.org"},
      {"topic", p::kTopic, FieldKind::boolean, "taxonomy topic id"},
      {"stance", p::kStance, FieldKind::boolean, "reform | prohibition | none"},
      {"label", p::kSentiment, FieldKind::boolean, "sentiment label: positive | neutral | negative"},
      {"week", "", FieldKind::boolean, "ISO week (UTC days): week:2019-W11, the same as date:2019-W11..2019-W11"},
      {"flag", p::kFlag, FieldKind::boolean, "undated | retweet | duplicate"},
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

const FieldSpec* find_field(std::string_view name) {
  for (const auto& f : fields())
    if (f.name == name) return &f;
  return nullptr;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Operators of Xapian's query language that must keep their upper case.
bool is_binary_operator(std::string_view t) {
  if (t == "AND" || t == "OR" || t == "XOR") return true;
  for (std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
    if (t == op) return true;
    if (t.size() > op.size() + 1 && t.substr(0, op.size()) == op && t[op.size()] == '/' &&
        std::all_of(t.begin() + op.size() + 1, t.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return true;
  }
  return false;
}
bool is_operator(std::string_view t) { return t == "NOT" || is_binary_operator(t); }

// Decodes one code point at s[i] (advancing i); invalid bytes give U+FFFD.
char32_t next_cp(std::string_view s, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    ++i;
    return c;
  }
  int n = 0;
  char32_t cp = 0;
  if ((c >> 5) == 6) {
    n = 1;
    cp = c & 0x1f;
  } else if ((c >> 4) == 14) {
    n = 2;
    cp = c & 0x0f;
  } else if ((c >> 3) == 30) {
    n = 3;
    cp = c & 0x07;
  } else {
    ++i;
    return 0xFFFD;
  }
  if (i + n >= s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (int k = 1; k <= n; ++k) {
    const unsigned char b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3f);
  }
  i += n + 1;
  return cp;
}

// Scripts written without spaces, which the indexer segments with ICU.
bool is_unspaced_script(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) ||   // CJK radicals .. unified ideographs, kana
         (c >= 0xAC00 && c <= 0xD7AF) ||   // Hangul syllables
         (c >= 0xF900 && c <= 0xFAFF) ||   // CJK compatibility ideographs
         (c >= 0x20000 && c <= 0x3134F) ||  // CJK extensions B..G
         (c >= 0x0E00 && c <= 0x0EFF) ||   // Thai, Lao
         (c >= 0x1000 && c <= 0x109F) ||   // Myanmar
         (c >= 0x1780 && c <= 0x17FF);     // Khmer
}

bool has_unspaced_script(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    if (is_unspaced_script(next_cp(s, i))) return true;
  }
  return false;
}

size_t display_column(std::string_view s, size_t byte_pos) {
  size_t col = 0;
  for (size_t i = 0; i < byte_pos && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++col;
  return col;
}

[[noreturn]] void syntax_error(std::string_view query, size_t pos, const std::string& what) {
  std::string msg = "malformed query: " + what + "\n  " + std::string(query) + "\n  " +
                    std::string(display_column(query, pos), ' ') + "^";
  throw UsageError(msg);
}

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
    if (ec != std::errc() || ptr != s.data() + s.size() || v < -1 || v > 1) {
      throw UsageError("malformed query: sentiment range bound '" + s + "' is not a number in [-1, 1]");
    }
    return v;
  }
};

}  // namespace

std::string index_language_stemmer(const std::string& code) {
  // Codes in the index are already normalised by the indexer, so the slow
  // path of text::stemmer_name (ICU locale canonicalisation, about 0.1 ms a
  // code, paid for every language without a stemmer on every search) is not
  // needed: Xapian 1.4 accepts the same ISO 639-1 codes. A test checks that
  // both agree.
  const bool two_letters = code.size() == 2 && code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z';
  if (code.empty() || code == "und") return {};  // the indexer's "unknown language"
  if (!two_letters) return text::stemmer_name(code);
  try {
    Xapian::Stem probe(code);
    return text::stemmer_name(code);  // fast path: the code is in its table
  } catch (const Xapian::InvalidArgumentError&) {
    return {};
  }
}

void check_syntax(std::string_view q) {
  std::vector<size_t> open;  // positions of unclosed '('
  size_t quote = std::string_view::npos;
  // Previous significant token: 0 start, 1 operand, 2 binary operator, 3 NOT, 4 '('.
  int prev = 0;
  size_t prev_pos = 0;
  size_t i = 0;
  while (i < q.size()) {
    char c = q[i];
    if (quote != std::string_view::npos) {
      if (c == '"') {
        quote = std::string_view::npos;
        prev = 1;
      }
      ++i;
      continue;
    }
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '"') {
      quote = i++;
      continue;
    }
    if (c == '(') {
      open.push_back(i++);
      prev = 4;
      continue;
    }
    if (c == ')') {
      if (open.empty()) syntax_error(q, i, "')' without a matching '('");
      if (prev == 2 || prev == 3) syntax_error(q, prev_pos, "operator without a right-hand operand");
      if (prev == 4) syntax_error(q, i, "empty brackets");
      open.pop_back();
      ++i;
      prev = 1;
      continue;
    }
    size_t j = i;
    while (j < q.size() && !is_space(q[j]) && q[j] != '(' && q[j] != ')' && q[j] != '"') ++j;
    std::string_view tok = q.substr(i, j - i);
    if (is_binary_operator(tok)) {
      if (prev != 1) syntax_error(q, i, std::string(tok) + " without a left-hand operand");
      prev = 2;
    } else if (tok == "NOT") {
      if (prev == 3) syntax_error(q, i, "NOT NOT");
      prev = 3;
    } else {
      size_t colon = tok.find(':');
      if (colon != std::string_view::npos && colon > 0) {
        const FieldSpec* f = find_field(tok.substr(0, colon));
        if (f && colon + 1 == tok.size() && (j >= q.size() || q[j] != '"')) {
          syntax_error(q, i, "empty value for " + std::string(f->name) + ":");
        }
        if (f && f->name == "date" && tok.find("..") == std::string_view::npos) {
          syntax_error(q, i, "date: takes a range, e.g. date:2019-03-11..2019-03-17 or date:2019-03-11..");
        }
      }
      prev = 1;
    }
    prev_pos = i;
    i = j;
  }
  if (quote != std::string_view::npos) syntax_error(q, quote, "unterminated phrase: '\"' without a closing '\"'");
  if (!open.empty()) syntax_error(q, open.back(), "'(' without a matching ')'");
  if (prev == 2 || prev == 3) syntax_error(q, prev_pos, "operator without a right-hand operand");
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
  std::unique_ptr<text::Segmenter> segmenter;  // created on the first CJK query
  std::vector<std::unique_ptr<BooleanField>> boolean_fields;
  std::optional<TimeBounds> bounds;
  std::unique_ptr<DateRange> date_range;
  SentimentRange sentiment_range;
  std::vector<text::Token> tokens;

  explicit Impl(Zone z) : zone(std::move(z)) {
    for (const auto& f : fields())
      if (f.kind == FieldKind::boolean) boolean_fields.push_back(std::make_unique<BooleanField>(f));
    date_range = std::make_unique<DateRange>(zone, bounds);
  }

  // One word (no spaces) of free text.
  void word(std::string_view w, bool in_phrase, std::string& out) {
    bool wildcard = false;
    if (!in_phrase && w.size() > 1 && w.back() == '*') {
      wildcard = true;
      w.remove_suffix(1);
    }
    if (has_unspaced_script(w)) {
      if (!segmenter) segmenter = std::make_unique<text::Segmenter>();
      tokens.clear();
      segmenter->tokenize(w, tokens, false);
      std::string joined;
      size_t n = 0;
      for (const auto& t : tokens) {
        if (t.kind != text::TokenKind::word && t.kind != text::TokenKind::number) continue;
        if (!joined.empty()) joined.push_back(' ');
        joined += t.norm;
        ++n;
      }
      const bool quote = n > 1 && !in_phrase && !wildcard;
      if (quote) out.push_back('"');
      out += joined;
      if (quote) out.push_back('"');
    } else {
      std::string folded = text::index_form(w);
      // The indexer stems words, not numbers: a number must stay unstemmed,
      // and a one-word phrase is how the query parser is told so.
      const bool number = !in_phrase && !wildcard && !folded.empty() && folded[0] >= '0' && folded[0] <= '9';
      if (number) out.push_back('"');
      out += folded;
      if (number) out.push_back('"');
    }
    if (wildcard) out.push_back('*');
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
        // #tag and @user as typed on social media mean the boolean fields.
        if ((tok[0] == '#' || tok[0] == '@') && tok.size() > 1 && tok[1] != '#' && tok[1] != '@') {
          out += tok[0] == '#' ? "hashtag:" : "mention:";
          out += tok.substr(1);
          continue;
        }
      }
      word(tok, in_phrase, out);
    }
    return out;
  }

  Xapian::Query parse(const std::string& rewritten, const std::string& stemmer) {
    Xapian::QueryParser qp;
    qp.set_default_op(Xapian::Query::OP_AND);
    size_t b = 0;
    for (const auto& f : fields()) {
      if (f.kind == FieldKind::boolean) qp.add_boolean_prefix(std::string(f.name), boolean_fields[b++].get());
      if (f.kind == FieldKind::free) qp.add_prefix(std::string(f.name), std::string(f.prefix));
    }
    qp.add_rangeprocessor(date_range.get());
    qp.add_rangeprocessor(&sentiment_range);
    if (!stemmer.empty()) {
      qp.set_stemmer(Xapian::Stem(stemmer));
      qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    } else {
      qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
    }
    const unsigned flags = Xapian::QueryParser::FLAG_BOOLEAN | Xapian::QueryParser::FLAG_PHRASE |
                           Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT;
    return qp.parse_query(rewritten, flags);
  }
};

QueryBuilder::QueryBuilder(Zone zone) : impl_(std::make_unique<Impl>(std::move(zone))) {}
QueryBuilder::~QueryBuilder() = default;

std::string QueryBuilder::rewrite(std::string_view query) { return impl_->rewrite(query); }

void QueryBuilder::set_time_bounds(const TimeBounds& bounds) { impl_->bounds = bounds; }

Xapian::Query QueryBuilder::build(std::string_view query, std::string_view lang,
                                  const std::vector<std::string>& index_langs) {
  check_syntax(query);
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
    std::vector<Xapian::Query> parts;
    parts.reserve(groups.size());
    for (const auto& [stemmer, langs] : groups) {
      std::vector<Xapian::Query> lang_terms;
      for (const auto& l : langs) lang_terms.emplace_back(std::string(p::kLang) + l);
      Xapian::Query filter(Xapian::Query::OP_OR, lang_terms.begin(), lang_terms.end());
      parts.emplace_back(Xapian::Query::OP_FILTER, impl_->parse(rewritten, stemmer), filter);
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
  } catch (const Xapian::QueryParserError& e) {
    throw UsageError("malformed query: " + e.get_msg() + "\n  " + std::string(query));
  }
}

}  // namespace vigie::query
