#include "reports/requests.h"

#include "core/text/langid.h"
#include "core/text/width.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "core/errors.h"
#include "core/json.h"
#include "core/schema.h"
#include "reports/format.h"
#include "reports/render.h"

namespace vigie::reports {

unsigned parse_week_start(const std::string& s) {
  static const char* kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (unsigned i = 0; i < 7; ++i)
    if (s == kDays[i] || s == std::string(kDays[i]).substr(0, 3) || s == std::to_string(i + 1)) return i + 1;
  throw UsageError("--week-start: expected monday .. sunday (or 1 .. 7), got '" + s + "'");
}

TrendsOutput run_trends(query::Index& index, const TrendsRequest& req) {
  const query::Request& r = req.request;
  TrendOptions opts;
  auto g = series::parse_granularity(req.by);
  if (!g) throw UsageError("--by: expected day, week or month, got '" + req.by + "'");
  opts.spec.by = *g;
  opts.spec.week_start = parse_week_start(req.week_start);
  opts.spikes = req.spikes;
  if (opts.spikes.min_baseline > opts.spikes.window) opts.spikes.min_baseline = opts.spikes.window;
  if (!r.topic.empty() && req.taxonomy) {
    if (!req.taxonomy->find(r.topic)) {
      std::string known;
      for (const auto& t : req.taxonomy->topics()) known += " " + t.id;
      throw UsageError("--topic: no topic '" + r.topic + "' in " + req.taxonomy_origin + "; known:" + known);
    }
  }
  if (!r.topic.empty()) opts.collect.topic = r.topic;
  // The bands the index's labels were given by; the request's (the
  // installed lexicon's) for an index that does not store them.
  const std::optional<SentimentBands> stored_bands = SentimentBands::stored(index.metadata());
  opts.collect.bands = stored_bands ? &*stored_bands : &req.bands;

  query::Composed c = query::compose_filtered(index, r);
  opts.denominator = c.filter;
  opts.zone = c.zone;
  if (!c.range.unbounded()) {
    opts.from = c.range.begin;
    opts.to = c.range.end;
  }

  TrendsOutput out;
  out.window = opts.spikes.window;
  out.result = trends(index, c.query, opts);
  out.trends.query = r.text;
  if (!r.topic.empty()) out.trends.query = "topic:" + r.topic + (r.text.empty() ? "" : " " + r.text);
  out.trends.by = std::string(series::granularity_name(opts.spec.by));
  out.trends.series = out.result.series;
  if (!r.tz.empty()) {
    // Each period's offset at its start: daylight saving moves it within a series.
    out.tz = c.zone.name();
    for (auto& e : out.trends.series)
      if (auto d = query::parse_day(e.start)) e.utc_offset = query::format_offset(c.zone.offset_at(c.zone.day_start(*d)));
  }

  if (!req.emerging.empty()) {
    auto p = series::parse_period(req.emerging, opts.spec);
    if (!p) throw UsageError("--emerging: '" + req.emerging + "' names no " + req.by + " period");
    EmergingRequest er;
    er.period = *p;
    er.baseline_first_day = series::shift(*p, -static_cast<int64_t>(opts.spikes.window), opts.spec).first_day;
    er.baseline_end_day = p->first_day;
    er.options = req.emerging_options;
    er.zone = c.zone;
    out.terms = emerging_terms(index, c.query, er);
    out.emerging_label = series::period_label(*p, opts.spec);
  }
  return out;
}

std::string trends_json(const TrendsOutput& o) {
  std::string out = render_trends_json(o.trends);
  // matches, undated, outside (and emerging terms) are not in Trends; they
  // lead the object.
  if (!o.tz.empty()) {
    std::string tz;
    json::JsonWriter(tz).value(o.tz);
    out.insert(1, "\"tz\":" + tz + ",");
  }
  std::string lead = "\"matches\":" + std::to_string(o.result.matches) +
                     ",\"undated\":" + std::to_string(o.result.undated) +
                     ",\"outside\":" + std::to_string(o.result.outside) + ",";
  if (!o.emerging_label.empty()) {
    std::string e;
    json::JsonWriter w(e);
    w.begin_object();
    w.key("period").value(o.emerging_label);
    w.key("terms").begin_array();
    for (const auto& x : o.terms) {
      w.begin_object();
      w.key("term").value(x.term);
      w.key("score").raw(fmt::fixed(x.score, 3));
      w.key("count").value(x.count);
      w.key("baseline_count").value(x.baseline_count);
      w.end_object();
    }
    w.end_array();
    w.end_object();
    lead += "\"emerging\":" + e + ",";
  }
  if (!out.empty() && out[0] == '{') out.insert(1, lead);
  return out;
}

namespace {

template <typename... Args>
void appendf(std::string& out, const char* format, Args... args) {
  char buf[512];
  const int n = std::snprintf(buf, sizeof buf, format, args...);
  if (n < 0) return;
  if (static_cast<size_t>(n) < sizeof buf) {
    out.append(buf, static_cast<size_t>(n));
  } else {
    std::string big(static_cast<size_t>(n) + 1, '\0');
    std::snprintf(big.data(), big.size(), format, args...);
    big.resize(static_cast<size_t>(n));
    out += big;
  }
}

}  // namespace

std::string trends_table(const TrendsOutput& o) {
  const TrendResult& r = o.result;
  std::string out;
  appendf(out, "%-11s %7s %7s %7s %7s %17s %5s %5s %5s  %-22s %6s\n", "period", "count", "unique", "share", "mean",
          "ci95", "pos", "neu", "neg", "stance r/p/n", "score");
  for (const auto& e : r.series) {
    const auto& s = e.sentiment;
    std::string ci = s.lo && s.hi ? "[" + fmt::fixed(*s.lo, 2) + ", " + fmt::fixed(*s.hi, 2) + "]" : "-";
    auto st = [&](const char* k) {
      auto it = e.stance.find(k);
      return it == e.stance.end() ? uint64_t{0} : it->second;
    };
    std::string stance = std::to_string(st("reform")) + "/" + std::to_string(st("prohibition")) + "/" +
                         std::to_string(st("none"));
    appendf(out, "%-11s %7llu %7llu %7s %7s %17s %5llu %5llu %5llu  %-22s %6s%s\n", e.period.c_str(),
            static_cast<unsigned long long>(e.count), static_cast<unsigned long long>(e.unique),
            e.share ? fmt::percent(*e.share).c_str() : "-", fmt::fixed_or(s.mean, 3, "-").c_str(), ci.c_str(),
            static_cast<unsigned long long>(s.positive), static_cast<unsigned long long>(s.neutral),
            static_cast<unsigned long long>(s.negative), stance.c_str(), fmt::fixed(e.score, 2).c_str(),
            e.spike ? "  SPIKE" : "");
  }
  appendf(out, "matches %llu, undated %llu (in no period)", static_cast<unsigned long long>(r.matches),
          static_cast<unsigned long long>(r.undated));
  if (r.outside) appendf(out, ", outside the range %llu", static_cast<unsigned long long>(r.outside));
  out += "\n";
  if (!o.emerging_label.empty()) {
    appendf(out, "\nemerging terms in %s (G2, documents in the period / in the %zu before):\n",
            o.emerging_label.c_str(), o.window);
    if (o.terms.empty()) out += "  none\n";
    for (const auto& x : o.terms)  // terms may be CJK: pad by display width
      appendf(out, "  %s %8s  %llu / %llu\n", text::pad_to_width(x.term, 24).c_str(), fmt::fixed(x.score, 1).c_str(),
              static_cast<unsigned long long>(x.count), static_cast<unsigned long long>(x.baseline_count));
  }
  return out;
}

CompareOutput run_compare(query::Index& index, const CompareRequest& req) {
  if (req.items.size() < 2 || req.items.size() > 4)
    throw UsageError("--compare: give two to four queries, topics (topic:ID) or saved queries (saved:NAME); got " +
                     std::to_string(req.items.size()));
  const query::Request& b = req.base.request;
  if (!b.text.empty() || !b.topic.empty() || !b.saved.empty())
    throw UsageError("--compare: give every series with --compare (not as QUERY, --topic or --saved)");
  std::vector<TrendsRequest> requests;
  for (const std::string& item : req.items) {
    TrendsRequest tr = req.base;
    query::Request& r = tr.request;
    if (item.rfind("topic:", 0) == 0 && item.find_first_of(" \t\"()") == std::string::npos) {
      r.topic = item.substr(6);
    } else if (item.rfind("saved:", 0) == 0) {
      r.saved = item.substr(6);
      query::resolve_saved(r, req.saved, req.saved_origin);  // --lang, when given, stays
    } else {
      r.text = item;
    }
    requests.push_back(std::move(tr));
  }
  CompareOutput out;
  out.labels = req.items;
  for (const auto& tr : requests) out.series.push_back(run_trends(index, tr));
  // Every series over the same periods: from the earliest first period to
  // the latest last one (run again with that range where a series differs).
  std::string first, last;
  for (const auto& t : out.series) {
    if (t.trends.series.empty()) continue;
    if (first.empty() || t.trends.series.front().start < first) first = t.trends.series.front().start;
    if (last.empty() || t.trends.series.back().end > last) last = t.trends.series.back().end;
  }
  for (size_t i = 0; i < out.series.size(); ++i) {
    const auto& s = out.series[i].trends.series;
    if (first.empty() || (!s.empty() && s.front().start == first && s.back().end == last)) continue;
    TrendsRequest tr = requests[i];
    tr.request.from = first;
    tr.request.to = last;
    out.series[i] = run_trends(index, tr);
  }
  out.by = out.series.front().trends.by;
  out.tz = out.series.front().tz;
  return out;
}

namespace {

void write_compare_value(json::JsonWriter& w, const SeriesEntry& e) {
  w.begin_object();
  w.key("count").value(e.count);
  w.key("share");
  if (e.share) w.fixed(*e.share, 4);
  else w.null();
  w.key("sentiment").begin_object();
  w.key("n").value(e.sentiment.n);
  w.key("mean");
  if (e.sentiment.mean) w.fixed(*e.sentiment.mean, 4);
  else w.null();
  w.key("ci95");
  if (e.sentiment.lo && e.sentiment.hi) w.begin_array().fixed(*e.sentiment.lo, 4).fixed(*e.sentiment.hi, 4).end_array();
  else w.null();
  w.end_object();
  w.end_object();
}

std::string opt_fixed(const std::optional<double>& v, int decimals) { return v ? fmt::fixed(*v, decimals) : ""; }

}  // namespace

std::string compare_json(const CompareOutput& o) {
  std::string out;
  json::JsonWriter w(out);
  w.begin_object();
  w.key("by").value(o.by);
  if (!o.tz.empty()) w.key("tz").value(o.tz);
  w.key("items").begin_array();
  for (size_t i = 0; i < o.series.size(); ++i) {
    w.begin_object();
    w.key("label").value(o.labels[i]);
    w.key("query").value(o.series[i].trends.query);
    w.key("matches").value(o.series[i].result.matches);
    w.key("undated").value(o.series[i].result.undated);
    w.end_object();
  }
  w.end_array();
  w.key("series").begin_array();
  const auto& rows = o.series.front().trends.series;
  for (size_t p = 0; p < rows.size(); ++p) {
    w.begin_object();
    w.key("period").value(rows[p].period);
    w.key("start").value(rows[p].start);
    w.key("end").value(rows[p].end);
    if (!rows[p].utc_offset.empty()) w.key("utc_offset").value(rows[p].utc_offset);
    w.key("values").begin_array();
    for (const auto& t : o.series) write_compare_value(w, t.trends.series.at(p));
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.end_object();
  out += '\n';
  return out;
}

std::string compare_csv(const CompareOutput& o) {
  std::string out = "period,start,end";
  for (size_t i = 1; i <= o.series.size(); ++i) {
    const std::string n = std::to_string(i);
    out += ",count_" + n + ",share_" + n + ",sentiment_n_" + n + ",sentiment_mean_" + n + ",sentiment_lo_" + n +
           ",sentiment_hi_" + n;
  }
  out += "\r\n";
  const auto& rows = o.series.front().trends.series;
  for (size_t p = 0; p < rows.size(); ++p) {
    out += fmt::csv(rows[p].period) + "," + rows[p].start + "," + rows[p].end;
    for (const auto& t : o.series) {
      const SeriesEntry& e = t.trends.series.at(p);
      out += "," + std::to_string(e.count) + "," + opt_fixed(e.share, 4) + "," + std::to_string(e.sentiment.n) + "," +
             opt_fixed(e.sentiment.mean, 4) + "," + opt_fixed(e.sentiment.lo, 4) + "," + opt_fixed(e.sentiment.hi, 4);
    }
    out += "\r\n";
  }
  return out;
}

std::string compare_table(const CompareOutput& o) {
  std::string out;
  for (size_t i = 0; i < o.series.size(); ++i)
    appendf(out, "[%zu] %s: %llu matches, %llu undated\n", i + 1, o.labels[i].c_str(),
            static_cast<unsigned long long>(o.series[i].result.matches),
            static_cast<unsigned long long>(o.series[i].result.undated));
  out += "\n";
  appendf(out, "%-11s", "period");
  for (size_t i = 0; i < o.series.size(); ++i) {
    const std::string n = "[" + std::to_string(i + 1) + "] ";
    appendf(out, " | %6s %7s %7s %15s", (n + "n").c_str(), "share", "mean", "ci95");
  }
  out += "\n";
  const auto& rows = o.series.front().trends.series;
  for (size_t p = 0; p < rows.size(); ++p) {
    appendf(out, "%-11s", rows[p].period.c_str());
    for (const auto& t : o.series) {
      const SeriesEntry& e = t.trends.series.at(p);
      const auto& s = e.sentiment;
      std::string ci = s.lo && s.hi ? "[" + fmt::fixed(*s.lo, 2) + ", " + fmt::fixed(*s.hi, 2) + "]" : "-";
      appendf(out, " | %6llu %7s %7s %15s", static_cast<unsigned long long>(e.count),
              e.share ? fmt::percent(*e.share).c_str() : "-", fmt::fixed_or(s.mean, 3, "-").c_str(), ci.c_str());
    }
    out += "\n";
  }
  return out;
}

namespace {

// The topics of the briefing, in order: from a taxonomy JSON text, from ids
// one per line looked up in the taxonomy, or every topic of the taxonomy.
std::vector<SectionSpec> topic_sections(const BriefingRequest& req) {
  std::vector<const topics::Topic*> chosen;
  std::optional<topics::Taxonomy> own;
  const std::string& content = req.topics_text;
  const size_t first = content.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && content[first] == '{') {
    own = topics::Taxonomy::parse(content, req.topics_origin);
    for (const auto& t : own->topics()) chosen.push_back(&t);
  } else if (first == std::string::npos && req.topics_origin.empty()) {
    for (const auto& t : req.taxonomy->topics()) chosen.push_back(&t);
  } else {
    std::istringstream in(content);
    std::string line;
    while (std::getline(in, line)) {
      const size_t b = line.find_first_not_of(" \t\r");
      if (b == std::string::npos || line[b] == '#') continue;
      const size_t e = line.find_last_not_of(" \t\r");
      std::string id = line.substr(b, e - b + 1);
      const topics::Topic* t = req.taxonomy->find(id);
      if (!t) throw UsageError("--topics: no topic '" + id + "' in " + req.taxonomy_file);
      chosen.push_back(t);
    }
  }
  std::vector<SectionSpec> out;
  for (const topics::Topic* t : chosen)
    out.push_back({t->id, t->label("en"), Xapian::Query(schema::boolean_term(schema::prefix::kTopic, t->id)), true});
  return out;
}

}  // namespace

BriefingOptions briefing_options(query::Index& index, const BriefingRequest& req) {
  if (req.weeks < 2 || req.weeks > 104) throw UsageError("--weeks: expected 2 .. 104");
  if (req.examples > 3) throw UsageError("--examples: expected 0 .. 3");
  if (!req.taxonomy) throw UsageError("a briefing needs a taxonomy");
  BriefingOptions bo;
  bo.week = req.week;
  bo.weeks = req.weeks;
  bo.history_weeks = std::max<size_t>(24, 2 * req.weeks);
  bo.examples = req.examples;
  bo.spikes = req.spikes;
  bo.emerging = req.emerging;
  bo.sections = topic_sections(req);
  bo.generated_at = req.generated_at;
  bo.bands = SentimentBands::stored(index.metadata()).value_or(req.bands);
  {
    // --lang and --tz mean what they mean in search and trends: the lang
    // filter and the zone of compose_filtered.
    query::Request r;
    r.lang = req.lang;
    r.tz = req.tz;
    query::validate(r);
    const query::Composed c = query::compose_filtered(index, r);
    bo.zone = c.zone;
    bo.filter = c.filter;
    if (c.filter.get_type() != Xapian::Query::LEAF_MATCH_ALL) bo.scope = "lang:" + text::normalize_lang_tag(req.lang);
  }
  for (const auto& s : req.saved) {
    // A saved query is a section over all time: only its text and language.
    query::Request r;
    r.text = s.query;
    r.lang = query::all_languages(req.lang) ? s.lang : req.lang;
    bo.sections.push_back({s.name, s.description.empty() ? s.name : s.description,
                           query::compose_filtered(index, r).query, false});
  }
  bo.rejects_log = req.rejects_log;
  bo.accuracy_file = req.accuracy_file;
  return bo;
}

}  // namespace vigie::reports
