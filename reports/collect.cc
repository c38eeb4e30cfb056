#include "reports/collect.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <span>
#include <tuple>
#include <unordered_map>

#include <simdjson.h>

#include "core/errors.h"
#include "core/schema.h"
#include "core/time.h"
#include "query/deadline.h"
#include "query/request.h"
#include "reports/assemble.h"
#include "reports/collect_internal.h"
#include "reports/format.h"

namespace vigie::reports {
namespace {

constexpr std::string_view kLabelNames[] = {"", "positive", "neutral", "negative"};
constexpr std::string_view kStanceNames[] = {"", "reform", "prohibition", "none"};
// See emerging_terms: words in more of their language's documents than this are function words.
constexpr double kCommonShare = 0.2;

uint8_t label_code(std::string_view s) {
  for (uint8_t c = MatchFact::kPositive; c <= MatchFact::kNegative; ++c)
    if (kLabelNames[c] == s) return c;
  return MatchFact::kNoLabel;
}

uint8_t stance_code(std::string_view s) {
  if (s == "reform") return MatchFact::kReform;
  if (s == "prohibition") return MatchFact::kProhibition;
  if (s == "none") return MatchFact::kStanceNone;
  return MatchFact::kNoStance;
}

// Sets the label of facts [first, first + docids.size()) from the XE
// postlists of `db`. `docids` ascend (the matcher and a docid-ordered MSet
// both deliver them so), so each postlist is walked once with skip_to:
// cheap for a few matches, a plain scan for many.
void assign_labels(const Xapian::Database& db, std::span<const Xapian::docid> docids,
                   std::vector<MatchFact>& facts, size_t first) {
  if (docids.empty()) return;
  for (uint8_t code = MatchFact::kPositive; code <= MatchFact::kNegative; ++code) {
    const std::string term = std::string(schema::prefix::kSentiment) + std::string(kLabelNames[code]);
    auto p = db.postlist_begin(term);
    const auto end = db.postlist_end(term);
    for (size_t i = 0; i < docids.size() && p != end; ++i) {
      if (*p < docids[i]) p.skip_to(docids[i]);
      if (p == end) break;
      // An aspect score has no stored label: its label follows the score.
      if (*p == docids[i] && !facts[first + i].aspect) facts[first + i].label = code;
    }
  }
}

uint16_t intern(std::vector<std::string>& names, const std::string& s) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == s) return static_cast<uint16_t>(i);
  names.push_back(s);
  return static_cast<uint16_t>(names.size() - 1);
}

// Reads one document's facts. Shared by the spy and the MSet path so both
// give the same answers.
class FactReader {
 public:
  FactReader(const CollectOptions& o, Facts& out) : o_(o), out_(out) {}
  // Docids of the facts read since the last clear (for assign_labels).
  std::vector<Xapian::docid>& docids() { return docids_; }

  // From a document (a remote match, or an MSet): each value is a lookup.
  void read(const Xapian::Document& doc, Xapian::docid did) {
    read_values([&](Xapian::valueno slot) -> const std::string& { return value_ = doc.get_value(slot); }, did);
  }

  // From the value streams of db, for docids that ascend: each slot's
  // stream is read forward in chunks, instead of a B-tree lookup (and a
  // read from disk) per value and document.
  void read_streams(const Xapian::Database& db, Xapian::docid did) {
    if (streams_db_ != &db || did <= last_did_) {
      streams_.clear();
      streams_db_ = &db;
    }
    last_did_ = did;
    read_values([&](Xapian::valueno slot) -> const std::string& { return stream_value(db, slot, did); }, did);
  }

 private:
  struct Stream {
    Xapian::valueno slot;
    Xapian::ValueIterator it, end;
  };

  const std::string& stream_value(const Xapian::Database& db, Xapian::valueno slot, Xapian::docid did) {
    auto s = std::find_if(streams_.begin(), streams_.end(), [&](const Stream& x) { return x.slot == slot; });
    if (s == streams_.end()) s = streams_.insert(streams_.end(), Stream{slot, db.valuestream_begin(slot), db.valuestream_end(slot)});
    if (s->it != s->end && s->it.get_docid() < did) s->it.skip_to(did);
    if (s->it != s->end && s->it.get_docid() == did) value_ = *s->it;
    else value_.clear();
    return value_;
  }

  template <typename Get>
  void read_values(Get&& get, Xapian::docid did) {
    MatchFact& f = out_.docs.emplace_back();
    docids_.push_back(did);
    value_ = get(schema::kTime);
    if (!value_.empty()) {
      f.dated = true;
      f.time = static_cast<int64_t>(std::llround(Xapian::sortable_unserialise(value_)));
    } else {
      ++out_.undated;
    }
    value_ = get(schema::kCluster);
    if (value_.size() == 8) f.cluster = schema::decode_u64(value_);
    value_ = get(schema::kSentimentScore);
    if (!value_.empty()) {
      f.has_sentiment = true;
      f.sentiment = Xapian::sortable_unserialise(value_);
    }
    value_ = get(schema::kStanceValue);
    f.stance = stance_code(value_);
    if (o_.read_topics || !o_.topic.empty()) {
      const std::string topics = get(schema::kTopics);
      if (!o_.topic.empty()) {
        const std::optional<double> aspect = aspect_of(topics);
        if (aspect) {
          f.has_sentiment = true;
          f.sentiment = *aspect;
          f.aspect = true;  // label derived from the aspect score, not the stored one
          if (o_.bands) f.label = label_code(o_.bands->label(*aspect, get(schema::kLangValue)));
        }
      }
      if (o_.read_topics) f.topics = topics;
    }
    if (o_.read_lang_kind) {
      f.lang = intern(out_.langs, get(schema::kLangValue));
      f.kind = intern(out_.kinds, get(schema::kKindValue));
      value_ = get(schema::kEngagement);
      if (!value_.empty()) f.engagement = static_cast<uint64_t>(std::max(0.0, Xapian::sortable_unserialise(value_)));
    }
  }

  // The aspect sentiment of o_.topic (its first entry), without decoding the
  // whole list.
  std::optional<double> aspect_of(std::string_view enc) const {
    bool seen = false;
    std::optional<double> out;
    for_each_topic(enc, [&](std::string_view id, std::optional<double> aspect) {
      if (seen || id != o_.topic) return;
      seen = true;
      out = aspect;
    });
    return out;
  }

  const CollectOptions& o_;
  Facts& out_;
  std::vector<Xapian::docid> docids_;
  std::string value_;  // reused: no allocation per value for short slots
  std::vector<Stream> streams_;  // read_streams: one per slot read, over streams_db_
  const Xapian::Database* streams_db_ = nullptr;
  Xapian::docid last_did_ = 0;
};

class FactSpy : public Xapian::MatchSpy {
 public:
  FactSpy(FactReader& r, const Xapian::Database& db) : r_(r), db_(db) {}
  // The matcher of one local database delivers ascending docids.
  void operator()(const Xapian::Document& doc, double) override { r_.read_streams(db_, doc.get_docid()); }
  std::string name() const override { return "vigie.FactSpy"; }

 private:
  FactReader& r_;
  const Xapian::Database& db_;
};

bool has_remote(query::Index& index) {
  return std::any_of(index.shards().begin(), index.shards().end(), [](const query::Shard& s) { return s.remote; });
}

// The databases to match one by one with a spy: the index itself when it
// has one sub-database, else each local shard opened on its own.
std::vector<Xapian::Database> local_parts(query::Index& index) {
  if (index.db().size() <= 1) return {index.db()};
  std::vector<Xapian::Database> parts;
  for (const auto& s : index.shards()) {
    try {
      parts.emplace_back(s.spec);
    } catch (const Xapian::Error& e) {
      throw IndexError("cannot open shard " + s.spec + ": " + e.get_msg());
    }
  }
  return parts;
}

// Runs fn, and again on the latest revision when an indexer committed
// during the read (as query::search does), up to 5 times.
template <typename Fn>
auto retrying(query::Index& index, Fn fn) {
  for (int attempt = 1;; ++attempt) {
    try {
      return fn();
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 5) throw IndexError(index.path() + ": the index kept changing while being read: " + e.get_msg());
      index.reopen();
    }
  }
}

// Terms worth reporting as emerging: words, not numbers, not fragments.
bool reportable_term(std::string_view t) {
  if (t.empty()) return false;
  const unsigned char c0 = static_cast<unsigned char>(t[0]);
  if (c0 >= 'A' && c0 <= 'Z') return false;  // prefixed (field, stem, boolean)
  if (c0 >= '0' && c0 <= '9') return false;  // numbers, dates
  size_t cps = 0;
  bool ascii = true;
  for (unsigned char c : t) {
    if ((c & 0xC0) != 0x80) ++cps;
    if (c >= 0x80) ascii = false;
  }
  return ascii ? cps >= 3 : cps >= 2;
}

std::string_view json_string(simdjson::dom::element obj, const char* key) {
  std::string_view v;
  if (obj[key].get_string().get(v) != simdjson::SUCCESS) return {};
  return v;
}

}  // namespace

std::string_view stance_name(uint8_t stance) {
  return stance < 4 ? kStanceNames[stance] : std::string_view();
}

DocFacts doc_facts(const MatchFact& f) {
  DocFacts d;
  d.time = f.time;
  d.cluster = f.cluster;
  if (f.has_sentiment) d.sentiment = f.sentiment;
  d.label = f.label < 4 ? kLabelNames[f.label] : std::string_view();
  d.stance = stance_name(f.stance);
  return d;
}

namespace {
Facts collect_once(query::Index& index, const Xapian::Query& query, const CollectOptions& options) {
  Facts out;
  FactReader reader(options, out);
  if (options.force_mset || has_remote(index)) {
    out.used_mset = true;
    with_xapian("reading matches of " + index.path(), [&] {
      Xapian::Database& db = index.db();
      Xapian::Enquire enquire(db);
      enquire.set_query(query);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      query::watch_deadline(enquire, index);
      Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
      out.docs.reserve(mset.size());
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (it.get_rank() % 256 == 0) query::check_deadline();
        reader.read(it.get_document(), *it);
      }
      assign_labels(db, reader.docids(), out.docs, 0);
      return 0;
    }, true);
    return out;
  }
  for (Xapian::Database& part : local_parts(index)) {
    with_xapian("reading matches of " + index.path(), [&] {
      const size_t first = out.docs.size();
      reader.docids().clear();
      Xapian::Enquire enquire(part);
      enquire.set_query(query);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      FactSpy spy(reader, part);
      enquire.add_matchspy(&spy);
      query::watch_deadline(enquire);
      // No results wanted; check_at_least = doccount makes the spy see every match.
      enquire.get_mset(0, 0, part.get_doccount());
      // The spy sees shard-local docids, in ascending order for one
      // sub-database; checked, since assign_labels relies on it.
      auto& ids = reader.docids();
      if (std::is_sorted(ids.begin(), ids.end())) {
        assign_labels(part, ids, out.docs, first);
      } else {
        std::vector<size_t> order(ids.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return ids[a] < ids[b]; });
        std::vector<Xapian::docid> sorted_ids;
        std::vector<MatchFact> tmp;
        for (size_t i : order) {
          sorted_ids.push_back(ids[i]);
          tmp.push_back(out.docs[first + i]);
        }
        assign_labels(part, sorted_ids, tmp, 0);
        for (size_t k = 0; k < order.size(); ++k) out.docs[first + order[k]].label = tmp[k].label;
      }
      return 0;
    }, true);
  }
  return out;
}

// Matches arrive in docid order, which depends on how the documents are
// spread over shards and machines; floating-point sums (mean sentiment)
// depend on the order of their terms. One canonical order makes series and
// reports byte-identical on one index and on a stub of the same documents.
// The order is sorted as small keys (date, then the whole fact on a tie) and
// the facts moved once: sorting the facts themselves moved their strings at
// every step, a fifth of `vigie trends`.
void sort_canonically(std::vector<MatchFact>& docs) {
  auto whole = [](const MatchFact& a) {
    return std::tie(a.dated, a.time, a.has_sentiment, a.sentiment, a.aspect, a.cluster, a.topics, a.engagement, a.label,
                    a.stance);
  };
  struct Key {
    bool dated;
    int64_t time;
    uint32_t index;
  };
  std::vector<Key> keys(docs.size());
  for (size_t i = 0; i < docs.size(); ++i) keys[i] = {docs[i].dated, docs[i].time, static_cast<uint32_t>(i)};
  std::sort(keys.begin(), keys.end(), [&](const Key& a, const Key& b) {
    if (a.dated != b.dated) return a.dated < b.dated;
    if (a.time != b.time) return a.time < b.time;
    return whole(docs[a.index]) < whole(docs[b.index]);
  });
  std::vector<MatchFact> sorted;
  sorted.reserve(docs.size());
  for (const Key& k : keys) sorted.push_back(std::move(docs[k.index]));
  docs.swap(sorted);
}

}  // namespace

Facts collect(query::Index& index, const Xapian::Query& query, const CollectOptions& options) {
  Facts facts = retrying(index, [&] { return collect_once(index, query, options); });
  if (options.stories && !options.stories->joined.empty())
    for (MatchFact& f : facts.docs)
      if (f.cluster) f.cluster = options.stories->story_of(f.cluster);
  sort_canonically(facts.docs);
  return facts;
}

Xapian::Query filter_query(const std::string& lang, const std::string& kind) {
  return query::document_filter(lang, kind);
}

Xapian::Query days_query(int64_t first_day, int64_t end_day, const query::Zone& zone) {
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kTime,
                       Xapian::sortable_serialise(static_cast<double>(zone.day_start(first_day))),
                       Xapian::sortable_serialise(static_cast<double>(zone.day_start(end_day) - 1)));
}

void to_local_time(Facts& facts, const query::Zone& zone) {
  if (zone.is_utc()) return;
  for (MatchFact& f : facts.docs)
    if (f.dated) f.time += zone.offset_at(f.time);
}

std::vector<uint64_t> period_totals(query::Index& index, const Xapian::Query& filter,
                                    const std::vector<series::Period>& periods,
                                    const series::PeriodSpec& spec, const query::Zone& zone) {
  return retrying(index, [&] {
  std::vector<uint64_t> totals(periods.size(), 0);
  if (periods.empty()) return totals;
  series::Bucketer bucketer(periods, spec);
  with_xapian("counting documents per period in " + index.path(), [&] {
    Xapian::Database& db = index.db();
    if (!zone.is_utc()) {
      for (size_t i = 0; i < periods.size(); ++i) {
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, filter,
                                        days_query(periods[i].first_day, periods[i].end_day, zone)));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        totals[i] = enquire.get_mset(0, 0, db.get_doccount()).get_matches_lower_bound();
      }
      return 0;
    }
    if (filter.get_type() == Xapian::Query::LEAF_MATCH_ALL) {
      // Every document: the frequencies of the day terms (D20190311) are the
      // counts, a few hundred look-ups instead of a pass over the index.
      const std::string prefix(schema::prefix::kDay);
      for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string term = *t;
        if (term.size() != prefix.size() + 8) continue;
        const std::string_view d = std::string_view(term).substr(prefix.size());
        auto digits = [&](size_t pos, size_t n) {
          int v = 0;
          for (size_t i = pos; i < pos + n; ++i) {
            if (d[i] < '0' || d[i] > '9') return -1;
            v = v * 10 + (d[i] - '0');
          }
          return v;
        };
        const int y = digits(0, 4), m = digits(4, 2), dd = digits(6, 2);
        if (y < 0 || m < 1 || m > 12 || dd < 1 || dd > 31) continue;
        const int64_t day = time::days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(dd));
        if (auto i = bucketer.index_of(time::start_of_day(day))) totals[*i] += t.get_termfreq();
      }
      return 0;
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, filter,
                                    days_query(periods.front().first_day, periods.back().end_day)));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::ValueCountMatchSpy spy(schema::kDayNumber);
    enquire.add_matchspy(&spy);
    query::watch_deadline(enquire, index);
    enquire.get_mset(0, 0, db.get_doccount());
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
      const auto day = static_cast<int64_t>(std::llround(Xapian::sortable_unserialise(*v)));
      if (auto i = bucketer.index_of(time::start_of_day(day))) totals[*i] += v.get_termfreq();
    }
    return 0;
  }, true);
  return totals;
  });
}

TrendResult trends(query::Index& index, const Xapian::Query& query, const TrendOptions& o) {
  TrendResult r;
  if (!o.collect.topic.empty() && !o.collect.bands)
    throw UsageError("a topic's trends need the languages' sentiment bands (TrendOptions::collect.bands)");
  const query::Stories stories = query::find_stories(index);
  CollectOptions co = o.collect;
  co.stories = &stories;
  Facts facts = collect(index, query, co);
  // From here on times are on the zone's clock (see to_local_time).
  to_local_time(facts, o.zone);
  auto local = [&](int64_t t) { return t + o.zone.offset_at(t); };
  r.matches = facts.docs.size();
  r.undated = facts.undated;
  r.used_mset = facts.used_mset;
  std::optional<int64_t> first = o.from, last = o.to;
  if (first) first = local(*first);
  if (last) last = local(*last);
  if (!first || !last) {
    std::optional<int64_t> lo, hi;
    for (const MatchFact& f : facts.docs) {
      if (!f.dated) continue;
      if (!lo || f.time < *lo) lo = f.time;
      if (!hi || f.time > *hi) hi = f.time;
    }
    if (!first) first = lo;
    if (!last) last = hi;
  }
  // A series that starts at its first match (no --from) still needs a
  // spike baseline before it: the window's periods before the first match,
  // as far back as the index has documents, are counted (zeros) and then
  // left out of the output. Without them a topic surging out of silence
  // had no baseline and was never a spike.
  size_t lead = 0;
  if (!o.from && first && last) {
    const std::string lo = index.db().get_value_lower_bound(schema::kTime);
    if (!lo.empty()) {
      const auto index_first = local(static_cast<int64_t>(Xapian::sortable_unserialise(lo)));
      const series::Period p0 = series::period_of(*first, o.spec);
      series::Period start = series::shift(p0, -static_cast<int64_t>(o.spikes.window), o.spec);
      const series::Period covered = series::period_of(index_first, o.spec);
      if (covered.first_day > start.first_day) start = covered;
      if (start.first_day < p0.first_day) {
        lead = series::periods_between(start.first_day * 86400, *first, o.spec).size() - 1;
        first = start.first_day * 86400;
      }
    }
  }
  std::vector<series::Period> periods;
  if (first && last) periods = series::periods_between(*first, *last, o.spec);
  SeriesBuilder builder(periods, o.spec);
  for (const MatchFact& f : facts.docs)
    if (f.dated && !builder.add(doc_facts(f))) ++r.outside;
  builder.set_totals(period_totals(index, o.denominator, periods, o.spec, o.zone));
  r.series = builder.build(o.spikes);
  r.series.erase(r.series.begin(), r.series.begin() + static_cast<std::ptrdiff_t>(std::min(lead, r.series.size())));
  return r;
}

std::vector<EmergingTermEntry> emerging_terms(query::Index& index, const Xapian::Query& query,
                                              const EmergingRequest& req) {
  struct PeriodCount {
    uint64_t count = 0;
    std::string lang;  // language of the first period document with the term
  };
  std::unordered_map<std::string, PeriodCount> period;
  std::unordered_map<std::string, uint64_t> baseline;
  uint64_t period_total = 0, baseline_total = 0;
  const std::string lang_prefix(schema::prefix::kLang);
  std::vector<EmergingTermEntry> out;
  with_xapian("reading terms in " + index.path(), [&] {
    Xapian::Database& db = index.db();
    auto count_window = [&](int64_t first_day, int64_t end_day, bool in_period) {
      if (end_day <= first_day) return;
      Xapian::Enquire enquire(db);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, days_query(first_day, end_day, req.zone)));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      query::watch_deadline(enquire, index);
      Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
      std::string lang;
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        if (it.get_rank() % 64 == 0) query::check_deadline();  // each document's whole term list is read
        lang = "und";
        for (auto t = db.termlist_begin(*it); t != db.termlist_end(*it); ++t) {
          const std::string& term = *t;
          if (term.size() > lang_prefix.size() && term.size() <= lang_prefix.size() + 3 &&
              term.compare(0, lang_prefix.size(), lang_prefix) == 0) {
            lang = term.substr(lang_prefix.size());  // L sorts before every word
          } else if (reportable_term(term)) {
            if (in_period) {
              auto [e, added] = period.try_emplace(term);
              if (added) e->second.lang = lang;
              ++e->second.count;
              ++period_total;
            } else {
              ++baseline[term];
              ++baseline_total;
            }
          }
        }
      }
    };
    count_window(req.period.first_day, req.period.end_day, true);
    count_window(req.baseline_first_day, req.baseline_end_day, false);

    std::vector<series::TermCount> p, b;
    p.reserve(period.size());
    for (const auto& [t, c] : period) p.push_back({t, c.count});
    b.reserve(baseline.size());
    for (const auto& [t, n] : baseline) b.push_back({t, n});
    series::EmergingOptions all = req.options;
    all.limit = 0;
    // Function words: a word in more than kCommonShare of its language's
    // documents in the whole index is never news, but rises with that
    // language's share of the week.
    std::map<std::string, double> lang_docs;
    for (auto& e : series::emerging_terms(p, period_total, b, baseline_total, all)) {
      const std::string& lang = period.at(e.term).lang;
      auto ld = lang_docs.find(lang);
      if (ld == lang_docs.end()) ld = lang_docs.emplace(lang, double(db.get_termfreq(lang_prefix + lang))).first;
      if (ld->second > 0 && double(db.get_termfreq(e.term)) > kCommonShare * ld->second) continue;
      out.push_back({std::move(e.term), e.g2, e.count, e.baseline_count});
      if (req.options.limit && out.size() >= req.options.limit) break;
    }
    return 0;
  });
  return out;
}

std::vector<Example> examples(query::Index& index, const Xapian::Query& query, size_t excerpt_chars,
                              const query::Zone& zone) {
  std::vector<Example> out;
  std::vector<Xapian::docid> chosen;
  simdjson::dom::parser parser;
  struct Pick {
    const char* why;
    Xapian::valueno slot;
    bool descending;
    std::string_view label;  // the stored label it must have; "" = any scored or unscored document
  };
  // "Most positive" must be labelled positive and "most negative" negative
  // (the band of the document's language, as every label): the least
  // positive of three neutral posts is not "most negative".
  const Pick picks[] = {{"most engaged", schema::kEngagement, true, ""},
                        {"most positive", schema::kSentimentScore, true, "positive"},
                        {"most negative", schema::kSentimentScore, false, "negative"}};
  return with_xapian("reading examples in " + index.path(), [&] {
    Xapian::Database& db = index.db();
    for (const Pick& pick : picks) {
      Xapian::Enquire enquire(db);
      // Only documents that have the value (an unscored one is neither),
      // with the label.
      Xapian::Query bound(Xapian::Query::OP_VALUE_GE, pick.slot, std::string());
      if (!pick.label.empty())
        bound = Xapian::Query(Xapian::Query::OP_FILTER, bound,
                              Xapian::Query(std::string(schema::prefix::kSentiment) + std::string(pick.label)));
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, bound));
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_docid_order(Xapian::Enquire::ASCENDING);
      enquire.set_sort_by_value_then_relevance(pick.slot, pick.descending);
      // The example is the first in the sort order; among documents tied on
      // the value, the one with the smallest id (its data), not the
      // smallest Xapian docid, which differs between one local index and
      // a stub of the same documents spread over shards.
      struct Candidate {
        Xapian::Document doc;
        Xapian::docid docid = 0;
        std::string id;
      };
      std::vector<Candidate> tied;
      for (Xapian::doccount want = 8;; want *= 4) {
        const Xapian::MSet mset = enquire.get_mset(0, want);
        tied.clear();
        std::string key;
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          if (std::find(chosen.begin(), chosen.end(), *it) != chosen.end()) continue;
          if (!tied.empty() && it.get_sort_key() != key) break;
          Xapian::Document doc = it.get_document();
          simdjson::dom::element obj;
          if (parser.parse(doc.get_data()).get(obj) != simdjson::SUCCESS) continue;
          key = it.get_sort_key();
          tied.push_back({doc, *it, std::string(json_string(obj, "id"))});
        }
        // Every tied document is in: the match ran out, or the last one
        // fetched sorts after them.
        const bool more = mset.size() == want && !tied.empty() && std::prev(mset.end()).get_sort_key() == key;
        if (!more || want >= 4096) break;
      }
      if (tied.empty()) continue;
      const Candidate& c = *std::min_element(tied.begin(), tied.end(),
                                             [](const Candidate& a, const Candidate& b) { return a.id < b.id; });
      const std::string data = c.doc.get_data();
      simdjson::dom::element obj;
      if (parser.parse(data).get(obj) != simdjson::SUCCESS) continue;
      const Xapian::Document& doc = c.doc;
      Example ex;
      ex.why = pick.why;
      ex.id = json_string(obj, "id");
      ex.title = fmt::valid_utf8(json_string(obj, "title"));
      ex.excerpt = fmt::excerpt(fmt::valid_utf8(json_string(obj, "text")), excerpt_chars);
      ex.url = json_string(obj, "url");
      ex.date = std::string(json_string(obj, "date").substr(0, 10));
      if (std::string v = doc.get_value(schema::kTime); !v.empty() && !zone.is_utc())
        ex.date = time::format_date(time::start_of_day(
            zone.local_day(static_cast<int64_t>(std::llround(Xapian::sortable_unserialise(v))))));
      ex.lang = json_string(obj, "lang");
      ex.kind = json_string(obj, "kind");
      ex.source = fmt::valid_utf8(json_string(obj, "source"));
      ex.label = std::string(json_string(obj, "label"));
      if (std::string v = doc.get_value(schema::kSentimentScore); !v.empty())
        ex.sentiment = Xapian::sortable_unserialise(v);
      if (std::string v = doc.get_value(schema::kEngagement); !v.empty())
        ex.engagement = static_cast<int64_t>(std::llround(Xapian::sortable_unserialise(v)));
      chosen.push_back(c.docid);
      out.push_back(std::move(ex));
    }
    return out;
  });
}

}  // namespace vigie::reports
