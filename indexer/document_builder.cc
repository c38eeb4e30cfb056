#include "indexer/document_builder.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "core/json.h"
#include "core/schema.h"
#include "core/text/normalize.h"
#include "core/text/segment.h"
#include "core/time.h"

namespace vigie::indexer {
namespace {

constexpr size_t kMaxTermBytes = 240;

std::string_view host_of(std::string_view url) {
  size_t p = url.find("://");
  if (p != std::string_view::npos) url.remove_prefix(p + 3);
  else if (url.substr(0, 4) == "www.") {
  } else {
    return {};
  }
  size_t end = url.find_first_of("/?#:");
  url = url.substr(0, end);
  if (url.substr(0, 4) == "www.") url.remove_prefix(4);
  return url;
}

void add_boolean(Xapian::Document& doc, std::string_view prefix, std::string_view value) {
  if (value.empty()) return;
  doc.add_boolean_term(schema::boolean_term(prefix, value));
}

}  // namespace

// What a result shows and no value holds in the form shown. The engagement
// count and the sentiment score are values (kEngagement, kSentimentScore),
// which is where every reader takes them from: repeating them here only
// made every record longer to compress.
std::string document_data(const Record& r, const analytics::Analysis& a) {
  std::string out;
  out.reserve(r.text.size() + r.title.size() + 256);
  json::JsonWriter w(out);
  w.begin_object();
  w.key("id").value(r.id);
  w.key("kind").value(kind_name(r.kind));
  w.key("lang").value(a.lang);
  if (r.time) w.key("date").value(time::format_datetime(*r.time));
  if (!r.author.empty()) w.key("author").value(r.author);
  if (!r.source.empty()) w.key("source").value(r.source);
  if (!r.title.empty()) w.key("title").value(r.title);
  if (!r.url.empty()) w.key("url").value(r.url);
  if (a.has_sentiment) w.key("label").value(a.label);
  if (!a.stance.empty()) w.key("stance").value(a.stance);
  if (!a.stance_lean.empty()) w.key("stance_lean").value(a.stance_lean);
  w.key("text").value(r.text);
  w.end_object();
  return out;
}

namespace {

// Free text: every word at its position, unstemmed (phrases, NEAR, exact
// words), under S as well when it starts inside the title, and its stem
// under Z (and ZS) for the query parser's stemmed terms. Tokens cover
// analysed_text = title + "\n\n" + text.
class TextTerms {
 public:
  TextTerms(Xapian::Document& doc, const analytics::Analysis& a, text::StemmerSet& stemmers)
      : doc_(doc),
        title_end_(a.title_bytes),
        stemmer_(text::has_stemmer(a.lang) ? &stemmers.get(a.lang) : nullptr),
        stems_(stemmer_ ? &stem_cache(a.lang) : nullptr) {}

  void add_tokens(const std::vector<text::Token>& tokens) {
    thread_local text::Segmenter tag_segmenter;  // cuts CJK hashtag bodies into words
    for (const auto& t : tokens) {
      const bool in_title = t.begin < title_end_;
      switch (t.kind) {
        case text::TokenKind::word:
          add_word(t.norm, in_title, stemmer_ && !t.cjk);
          break;
        case text::TokenKind::number:
          add_word(t.norm, in_title, false);
          break;
        case text::TokenKind::hashtag:
          add_boolean(doc_, schema::prefix::kHashtag, t.norm);
          // The body is indexed as words too, so "harmreduction" finds
          // #HarmReduction and 大麻 finds #大麻合法化#; stemmed, so that
          // "#legalizacion" matches "legalización".
          tag_words_.clear();
          tag_segmenter.tag_words(t, tag_words_);
          for (const auto& w : tag_words_)
            add_word(w.norm, in_title, stemmer_ && !w.cjk && w.kind == text::TokenKind::word);
          break;
        case text::TokenKind::mention:
          add_boolean(doc_, schema::prefix::kMention, t.norm);
          break;
        case text::TokenKind::url:
          // The link itself, for a search that pastes it (no position: phrases
          // run across links as if they were not there).
          add_boolean(doc_, schema::prefix::kDomain, host_of(t.norm));
          if (!t.norm.empty() && t.norm.size() <= kMaxTermBytes) doc_.add_term(t.norm);
          break;
        default:
          break;  // emoji, emoticons, punctuation: used by sentiment, not indexed
      }
    }
  }

 private:
  // One word at the next position: plain, title and stemmed terms. The
  // query builder cuts query text with the same segmenter and leaves
  // stemming to Xapian's query parser, which stems what the indexer stems.
  void add_word(const std::string& norm, bool in_title, bool stemmed) {
    if (norm.empty() || norm.size() > kMaxTermBytes) return;
    ++pos_;
    doc_.add_posting(norm, pos_);
    if (in_title) {
      term_.assign(schema::prefix::kTitle).append(norm);
      doc_.add_posting(term_, pos_);
    }
    if (!stemmed) return;
    const std::string& s = stem(norm);
    if (s.empty() || s.size() >= kMaxTermBytes) return;
    term_.assign(schema::prefix::kStem).append(s);
    doc_.add_term(term_);
    if (in_title) {
      term_.assign(schema::prefix::kStem).append(schema::prefix::kTitle).append(s);
      doc_.add_term(term_);
    }
  }

  // Word -> stem, per language and thread. A Snowball stemmer costs
  // microseconds a word, and the same few thousand words recur in every
  // batch; the cache is emptied when it grows past kMaxCachedStems (about
  // 1.5 MB a language and thread at most).
  using StemCache = std::unordered_map<std::string, std::string>;
  static constexpr size_t kMaxCachedStems = 1 << 14;
  static StemCache& stem_cache(const std::string& lang) {
    thread_local std::unordered_map<std::string, StemCache> caches;
    return caches[lang];
  }
  const std::string& stem(const std::string& word) {
    if (auto it = stems_->find(word); it != stems_->end()) return it->second;
    if (stems_->size() >= kMaxCachedStems) stems_->clear();
    return stems_->emplace(word, (*stemmer_)(word)).first->second;
  }

  Xapian::Document& doc_;
  const uint32_t title_end_;
  const Xapian::Stem* const stemmer_;
  StemCache* const stems_;
  Xapian::termpos pos_ = 0;
  std::string term_;
  std::vector<text::Token> tag_words_;
};

// Filters on what the record says: language, kind, author, outlet,
// hashtags, retweet, and the day, month and year (or "undated").
void add_record_filters(Xapian::Document& doc, const Record& r, std::string_view lang, std::string_view kind) {
  add_boolean(doc, schema::prefix::kLang, lang);
  add_boolean(doc, schema::prefix::kKind, kind);
  add_boolean(doc, schema::prefix::kAuthor, r.author);
  add_boolean(doc, schema::prefix::kSource, r.source);
  for (const auto& h : r.hashtags) add_boolean(doc, schema::prefix::kHashtag, text::index_form(h));
  if (r.is_retweet) add_boolean(doc, schema::prefix::kFlag, "retweet");
  if (!r.time) {
    add_boolean(doc, schema::prefix::kFlag, "undated");
    return;
  }
  const int64_t day = time::day_of(*r.time);
  const auto c = time::civil_from_days(day);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", c.y, c.m, c.d);
  doc.add_boolean_term(std::string(schema::prefix::kDay) + buf);
  doc.add_boolean_term(std::string(schema::prefix::kMonth) + std::string(buf, 6));
  doc.add_boolean_term(std::string(schema::prefix::kYear) + std::string(buf, 4));
  doc.add_value(schema::kTime, Xapian::sortable_serialise(static_cast<double>(*r.time)));
  doc.add_value(schema::kDayNumber, Xapian::sortable_serialise(static_cast<double>(day)));
}

// What the analysis found: sentiment, topics, stance, and the keys of
// exact and near-duplicate copies.
void add_analysis(Xapian::Document& doc, const analytics::Analysis& a) {
  if (a.has_sentiment) {
    add_boolean(doc, schema::prefix::kSentiment, a.label);
    doc.add_value(schema::kSentimentScore, Xapian::sortable_serialise(a.compound));
  }
  if (!a.sentence_scores.empty()) doc.add_value(schema::kSentences, schema::encode_sentences(a.sentence_scores));
  if (!a.topics.empty()) {
    for (const auto& t : a.topics) add_boolean(doc, schema::prefix::kTopic, t.id);
    doc.add_value(schema::kTopics, schema::encode_topics(a.topics));
  }
  if (!a.stance.empty()) {
    add_boolean(doc, schema::prefix::kStance, a.stance);
    doc.add_value(schema::kStanceValue, a.stance);
    doc.add_value(schema::kStanceScore, Xapian::sortable_serialise(a.stance_score));
  }
  if (a.cluster) {
    doc.add_value(schema::kCluster, schema::encode_u64(a.cluster));
    doc.add_boolean_term(schema::cluster_term(a.cluster));
  }
  if (a.simhash) doc.add_value(schema::kSimhash, schema::encode_u64(a.simhash));
  if (a.near.has_content) {
    for (uint64_t band : a.near_bands) doc.add_boolean_term(schema::near_band_term(band));
    doc.add_value(schema::kNearSignature, schema::encode_near_signature({a.near.h.begin(), a.near.h.end()}));
  }
}

// Values for facets, sorting and display.
void add_facet_values(Xapian::Document& doc, const Record& r, const analytics::Analysis& a, std::string_view kind) {
  doc.add_value(schema::kLangValue, a.lang);
  doc.add_value(schema::kKindValue, std::string(kind));
  if (!r.source.empty()) doc.add_value(schema::kSourceValue, r.source);
  if (!r.author.empty()) doc.add_value(schema::kAuthorValue, r.author);
  doc.add_value(schema::kEngagement, Xapian::sortable_serialise(static_cast<double>(r.engagement)));
  // Hashtags from entities and from the text, normalised, sorted, unique.
  std::vector<std::string> tags;
  for (const auto& h : r.hashtags) tags.push_back(text::index_form(h));
  for (const auto& t : a.tokens)
    if (t.kind == text::TokenKind::hashtag && !t.norm.empty()) tags.push_back(t.norm);
  std::sort(tags.begin(), tags.end());
  tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
  std::string joined;
  for (const auto& t : tags) {
    if (!joined.empty()) joined.push_back('\n');
    joined += t;
  }
  if (!joined.empty()) doc.add_value(schema::kHashtags, joined);
}

}  // namespace

Xapian::Document build_document(const Record& r, const analytics::Analysis& a,
                                text::StemmerSet& stemmers, std::string& id_term) {
  Xapian::Document doc;
  const std::string_view kind = kind_name(r.kind);
  id_term = schema::id_term(kind, r.id);
  doc.add_boolean_term(id_term);
  TextTerms(doc, a, stemmers).add_tokens(a.tokens);
  add_record_filters(doc, r, a.lang, kind);
  add_analysis(doc, a);
  add_facet_values(doc, r, a, kind);
  doc.set_data(document_data(r, a));
  return doc;
}

}  // namespace vigie::indexer
