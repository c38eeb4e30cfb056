// The weekly briefing from the index: one pass over the history window for
// the headline, topic, language and kind series, one query per saved-query
// section, then emerging terms, examples and the method section.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "core/errors.h"
#include "core/schema.h"
#include "core/time.h"
#include "reports/assemble.h"
#include "reports/collect.h"
#include "reports/collect_internal.h"
#include "reports/format.h"

namespace vigie::reports {
namespace {

uint64_t count_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return 0;
  uint64_t n = 0;
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) ++n;
  return n;
}

// The last `keep` entries of a series computed over a longer run.
std::vector<SeriesEntry> tail(std::vector<SeriesEntry> v, size_t keep) {
  if (v.size() > keep) v.erase(v.begin(), v.end() - static_cast<std::ptrdiff_t>(keep));
  return v;
}

using Builders = std::map<std::string, SeriesBuilder, std::less<>>;

// The report week and the periods read: `weeks` shown, `history` (at least
// as many) read so that the first weeks shown have a spike baseline too.
struct BriefingWindow {
  series::PeriodSpec spec;  // ISO weeks
  series::Period week;
  size_t weeks = 0, history = 0;
  std::vector<series::Period> periods;  // the history, oldest first
};

BriefingWindow briefing_window(const BriefingOptions& o) {
  BriefingWindow w;
  auto week = series::parse_period(o.week, w.spec);
  std::string upper = o.week;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (!week || series::period_label(*week, w.spec) != upper)
    throw UsageError("--week: expected an ISO week such as 2019-W11, got '" + o.week + "'");
  w.week = *week;
  w.weeks = std::max<size_t>(o.weeks, 2);
  w.history = std::max(o.history_weeks, w.weeks);
  w.periods = series::trailing_periods(w.week, w.history, w.spec);
  return w;
}

// The briefing's documents: the filter (--lang) within the zone's days.
Xapian::Query within(const BriefingOptions& o, const Xapian::Query& q, int64_t first_day, int64_t end_day) {
  Xapian::Query r(Xapian::Query::OP_FILTER, q, days_query(first_day, end_day, o.zone));
  if (o.filter.get_type() != Xapian::Query::LEAF_MATCH_ALL) r = Xapian::Query(Xapian::Query::OP_FILTER, r, o.filter);
  return r;
}

Xapian::Query filtered(const BriefingOptions& o, const Xapian::Query& q) {
  return o.filter.get_type() == Xapian::Query::LEAF_MATCH_ALL ? q
                                                               : Xapian::Query(Xapian::Query::OP_FILTER, q, o.filter);
}

// The week's name, dates, generation time and scope line.
void fill_header(BriefingData& d, const BriefingOptions& o, const BriefingWindow& w) {
  d.week = series::period_label(w.week, w.spec);
  d.week_first = time::format_date(time::start_of_day(w.week.first_day));
  d.week_last = time::format_date(time::start_of_day(w.week.end_day - 1));
  d.generated_at = o.generated_at;
  d.scope = o.scope;
  if (!o.zone.is_utc()) {
    d.tz = o.zone.name();
    d.utc_offset = query::format_offset(o.zone.offset_at(o.zone.day_start(w.week.first_day)));
    // The HTML and Markdown show the scope line: say whose weeks they are.
    d.scope += (d.scope.empty() ? "" : ", ") + std::string("weeks in ") + d.tz + " (UTC" + d.utc_offset + ")";
  }
}

// The series that one pass over every document of the history window
// gives: all documents, each topic section, each language and each kind.
struct HistorySeries {
  explicit HistorySeries(const BriefingWindow& w) : all(w.periods, w.spec) {}
  SeriesBuilder all;
  Builders topics, langs, kinds;
};

void read_history(query::Index& index, const BriefingOptions& o, const BriefingWindow& w,
                  const query::Stories& stories, HistorySeries& h) {
  CollectOptions co;
  co.read_topics = true;
  co.read_lang_kind = true;
  co.stories = &stories;
  Facts facts = collect(index, within(o, Xapian::Query::MatchAll, w.periods.front().first_day, w.periods.back().end_day), co);
  to_local_time(facts, o.zone);
  for (const SectionSpec& s : o.sections)
    if (s.topic) h.topics.try_emplace(s.id, w.periods, w.spec);
  for (const MatchFact& f : facts.docs) {
    DocFacts df = doc_facts(f);
    if (!h.all.add(df)) continue;
    h.langs.try_emplace(facts.langs[f.lang], w.periods, w.spec).first->second.add(df);
    h.kinds.try_emplace(facts.kinds[f.kind], w.periods, w.spec).first->second.add(df);
    for_each_topic(f.topics, [&](std::string_view id, std::optional<double> aspect) {
      auto it = h.topics.find(id);
      if (it == h.topics.end()) return;
      DocFacts tf = df;
      if (aspect) {
        tf.sentiment = aspect;
        tf.label = o.bands.label(*aspect, facts.langs[f.lang]);
      }
      it->second.add(tf);
    });
  }
}

// One section: a topic's series from the history pass, a saved query's
// from a pass of its own; emerging terms and examples when the week has
// matches.
TopicSection section(query::Index& index, const BriefingOptions& o, const BriefingWindow& w, const SectionSpec& s,
                     HistorySeries& h, const std::vector<uint64_t>& totals, const query::Stories& stories,
                     bool has_week) {
  TopicSection t;
  t.id = s.id;
  t.label = s.label;
  std::vector<SeriesEntry> full;
  if (s.topic) {
    SeriesBuilder& b = h.topics.at(s.id);
    b.set_totals(totals);
    full = b.build(o.spikes);
  } else {
    SeriesBuilder b(w.periods, w.spec);
    CollectOptions so;
    so.stories = &stories;
    Facts sf = collect(index, within(o, s.query, w.periods.front().first_day, w.periods.back().end_day), so);
    to_local_time(sf, o.zone);
    for (const MatchFact& f : sf.docs) b.add(doc_facts(f));
    b.set_totals(totals);
    full = b.build(o.spikes);
  }
  t.series = tail(std::move(full), w.weeks);
  if (has_week && t.series.back().count > 0) {
    EmergingRequest er;
    er.period = w.week;
    er.baseline_first_day = w.periods[w.periods.size() - w.weeks].first_day;
    er.baseline_end_day = w.week.first_day;
    er.options = o.emerging;
    er.zone = o.zone;
    t.emerging_terms = emerging_terms(index, filtered(o, s.query), er);
    if (o.examples > 0) {
      t.examples = examples(index, within(o, s.query, w.week.first_day, w.week.end_day), 240, o.zone);
      if (t.examples.size() > o.examples) t.examples.resize(o.examples);
    }
  }
  return t;
}

// One row per language or kind, the largest first.
std::vector<BreakdownRow> breakdown(Builders& builders, const std::vector<uint64_t>& totals, size_t weeks,
                                    const series::SpikeOptions& spikes) {
  std::vector<BreakdownRow> rows;
  const uint64_t volume = totals.empty() ? 0 : totals.back();
  for (auto& [key, b] : builders) {
    std::vector<SeriesEntry> s = tail(b.build(spikes), weeks);
    BreakdownRow row;
    row.key = key.empty() ? "unknown" : key;
    row.count = s.back().count;
    row.previous = s.size() > 1 ? s[s.size() - 2].count : 0;
    if (volume > 0) row.share = double(row.count) / double(volume);
    row.sentiment = s.back().sentiment;
    for (const auto& e : s) row.weekly.push_back(e.count);
    rows.push_back(std::move(row));
  }
  std::stable_sort(rows.begin(), rows.end(), [](const BreakdownRow& a, const BreakdownRow& b) {
    if (a.count != b.count) return a.count > b.count;
    return a.key < b.key;
  });
  return rows;
}

// Method: coverage of the whole index, versions from its metadata,
// rejects, accuracy and how the figures were computed.
void fill_method(query::Index& index, const BriefingOptions& o, const BriefingWindow& w, Method& m) {
  with_xapian("reading index metadata of " + index.path(), [&] {
    Xapian::Database& db = index.db();
    m.documents = db.get_doccount();
    m.undated = db.get_termfreq(std::string(schema::prefix::kFlag) + "undated");
    for (const std::string& lang : index.languages())
      m.languages[lang] = db.get_termfreq(std::string(schema::prefix::kLang) + lang);
    // The versions all shards agree on (query::Index::metadata(); per-shard
    // keys such as the partition left out), not the first shard's. The
    // sentiment bands are settings, not versions: the method names them.
    for (const auto& [key, v] : index.metadata())
      if (key != schema::meta::kCreated && key != schema::meta::kSentimentBands && !v.empty())
        m.versions[key.substr(6)] = v;
    return 0;
  });
  if (!o.rejects_log.empty()) m.rejected = count_lines(o.rejects_log);
  if (!o.accuracy_file.empty()) {
    load_accuracy(o.accuracy_file, m);
  } else {
    m.accuracy_available = false;
    m.accuracy_note = "no accuracy file given (vigie eval --write-accuracy FILE writes one)";
  }
  m.notes.push_back(
      "Topic sentiment is the aspect sentiment of the topic in each document (the sentiment of the "
      "sentences about it) when the analyzer found one, else the document's overall sentiment; its "
      "label then follows that score in the neutral band of the document's language, as every label "
      "does. Headline and breakdown sentiment is the document's overall sentiment with its label.");
  m.notes.push_back(
      "Emerging terms: words (no numbers, no field terms, at least three letters or two non-Latin "
      "characters) counted once per document, in the report week against the " +
      std::to_string(w.weeks - 1) +
      " weeks before it, by Dunning's log-likelihood G2 computed per language and merged; "
      "minimum " + std::to_string(o.emerging.min_count) + " documents in the week, G2 >= " +
      fmt::fixed(o.emerging.min_g2, 2) + ".");
  m.spikes = o.spikes;
  m.notes.push_back("Spikes are computed on " + std::to_string(w.history) +
                    " weeks so that the first weeks shown have a trailing baseline too. "
                    "Undated documents are in no week.");
}

}  // namespace

BriefingData build_briefing(query::Index& index, const BriefingOptions& o) {
  if (o.bands.empty()) throw UsageError("a briefing needs the languages' sentiment bands (BriefingOptions::bands)");
  const BriefingWindow w = briefing_window(o);
  BriefingData d;
  fill_header(d, o, w);

  const query::Stories stories = query::find_stories(index);
  HistorySeries h(w);
  read_history(index, o, w, stories, h);
  std::vector<SeriesEntry> all_series = h.all.build(o.spikes);
  std::vector<uint64_t> totals;
  for (const auto& e : all_series) totals.push_back(e.count);
  d.headline.series = tail(all_series, w.weeks);

  const bool has_week = !all_series.empty() && all_series.back().count > 0;
  for (const SectionSpec& s : o.sections) d.topics.push_back(section(index, o, w, s, h, totals, stories, has_week));
  d.languages = breakdown(h.langs, totals, w.weeks, o.spikes);
  d.kinds = breakdown(h.kinds, totals, w.weeks, o.spikes);
  fill_method(index, o, w, d.method);
  fill_derived(d);
  return d;
}

}  // namespace vigie::reports
