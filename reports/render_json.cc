// JSON and CSV renderers (see render.h).
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>

#include "analytics/dedup/dedup.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/time.h"
#include "reports/format.h"
#include "reports/render.h"

namespace vigie::reports {
namespace {

using json::JsonWriter;

constexpr int kShareDigits = 4;
constexpr int kSentimentDigits = 4;
constexpr int kScoreDigits = 3;

}  // namespace

void write_sentiment(JsonWriter& w, const Sentiment& s) {
  w.begin_object();
  w.key("n").value(s.n);
  w.key("mean");
  w.fixed_or_null(s.mean, kSentimentDigits);
  w.key("ci95");
  if (s.lo && s.hi) {
    w.begin_array();
    w.fixed(*s.lo, kSentimentDigits).fixed(*s.hi, kSentimentDigits);
    w.end_array();
  } else {
    w.null();
  }
  w.key("positive").value(s.positive);
  w.key("neutral").value(s.neutral);
  w.key("negative").value(s.negative);
  w.end_object();
}

namespace {

void write_entry(JsonWriter& w, const SeriesEntry& e) {
  w.begin_object();
  w.key("period").value(e.period);
  w.key("start").value(e.start);
  w.key("end").value(e.end);
  if (!e.utc_offset.empty()) w.key("utc_offset").value(e.utc_offset);
  w.key("count").value(e.count);
  w.key("unique").value(e.unique);
  w.key("share");
  w.fixed_or_null(e.share, kShareDigits);
  w.key("sentiment");
  write_sentiment(w, e.sentiment);
  w.key("stance");
  w.counts(e.stance);
  w.key("spike").value(e.spike);
  w.key("score").fixed(e.score, kScoreDigits);
  w.end_object();
}

void write_series(JsonWriter& w, const std::vector<SeriesEntry>& s) {
  w.begin_array();
  for (const SeriesEntry& e : s) write_entry(w, e);
  w.end_array();
}

void write_share(JsonWriter& w, const Share& s) {
  w.begin_object();
  w.key("count").value(s.k);
  w.key("total").value(s.n);
  w.key("value");
  w.fixed_or_null(s.value, kShareDigits);
  w.key("ci95");
  if (s.lo && s.hi) {
    w.begin_array().fixed(*s.lo, kShareDigits).fixed(*s.hi, kShareDigits).end_array();
  } else {
    w.null();
  }
  w.end_object();
}

void write_example(JsonWriter& w, const Example& x) {
  w.begin_object();
  w.key("why").value(x.why);
  w.key("id").value(x.id);
  w.key("title").value(x.title);
  w.key("excerpt").value(x.excerpt);
  w.key("url").value(x.url);
  w.key("date").value(x.date);
  w.key("lang").value(x.lang);
  w.key("kind").value(x.kind);
  w.key("source").value(x.source);
  w.key("sentiment");
  w.fixed_or_null(x.sentiment, kSentimentDigits);
  w.key("label").value(x.label);
  w.key("engagement").value(x.engagement);
  w.end_object();
}

void write_breakdown(JsonWriter& w, const std::vector<BreakdownRow>& rows) {
  w.begin_object();
  for (const BreakdownRow& r : rows) {
    w.key(r.key).begin_object();
    w.key("count").value(r.count);
    w.key("previous").value(r.previous);
    w.key("share");
    w.fixed_or_null(r.share, kShareDigits);
    w.key("sentiment");
    write_sentiment(w, r.sentiment);
    w.key("weekly").begin_array();
    for (uint64_t v : r.weekly) w.value(v);
    w.end_array();
    w.end_object();
  }
  w.end_object();
}

void write_method(JsonWriter& w, const Method& m) {
  w.begin_object();
  w.key("coverage").begin_object();
  w.key("documents").value(m.documents);
  w.key("undated").value(m.undated);
  w.key("rejected").value(m.rejected);
  w.key("languages");
  w.counts(m.languages);
  w.end_object();
  w.key("versions").begin_object();
  for (const auto& [k, v] : m.versions) w.key(k).value(v);
  w.end_object();
  w.key("accuracy").begin_object();
  w.key("file").value(m.accuracy_file);
  w.key("available").value(m.accuracy_available);
  w.key("note").value(m.accuracy_note);
  w.key("languages").begin_object();
  for (const auto& [lang, a] : m.accuracy) {
    w.key(lang).begin_object();
    w.key("dataset").value(a.dataset);
    w.key("macro_f1");
    w.fixed_or_null(a.macro_f1, 4);
    w.key("accuracy");
    w.fixed_or_null(a.accuracy, 4);
    w.end_object();
  }
  w.end_object();
  w.end_object();
  w.key("computation").begin_array();
  for (const std::string& t : method_text(m)) w.value(t);
  for (const std::string& t : m.notes) w.value(t);
  w.end_array();
  w.end_object();
}

std::string line(std::initializer_list<std::string> cells) {
  std::string out;
  bool first = true;
  for (const std::string& c : cells) {
    if (!first) out += ',';
    out += c;
    first = false;
  }
  out += "\r\n";  // RFC 4180 line ends
  return out;
}

std::string opt_csv(const std::optional<double>& v, int digits) { return fmt::fixed_or(v, digits, ""); }

std::set<std::string> stance_labels(const std::vector<const std::vector<SeriesEntry>*>& all) {
  std::set<std::string> labels;
  for (const auto* s : all)
    for (const SeriesEntry& e : *s)
      for (const auto& [k, v] : e.stance) labels.insert(k);
  return labels;
}

std::string series_header(const std::set<std::string>& stances, std::string_view first) {
  std::string h(first);
  h += "period,start,end,count,unique,share,sentiment_n,sentiment_mean,sentiment_lo,sentiment_hi,positive,"
       "neutral,negative";
  for (const std::string& s : stances) h += "," + fmt::csv("stance_" + s);
  h += ",spike,score\r\n";
  return h;
}

std::string series_row(const SeriesEntry& e, const std::set<std::string>& stances) {
  std::string r = fmt::csv(e.period) + "," + e.start + "," + e.end + "," + std::to_string(e.count) + "," +
                  std::to_string(e.unique) + "," + opt_csv(e.share, kShareDigits) + "," +
                  std::to_string(e.sentiment.n) + "," + opt_csv(e.sentiment.mean, kSentimentDigits) +
                  "," + opt_csv(e.sentiment.lo, kSentimentDigits) + "," +
                  opt_csv(e.sentiment.hi, kSentimentDigits) + "," +
                  std::to_string(e.sentiment.positive) + "," + std::to_string(e.sentiment.neutral) +
                  "," + std::to_string(e.sentiment.negative);
  for (const std::string& s : stances) {
    auto it = e.stance.find(s);
    r += "," + std::to_string(it == e.stance.end() ? 0 : it->second);
  }
  r += std::string(",") + (e.spike ? "true" : "false") + "," + fmt::fixed(e.score, kScoreDigits) +
       "\r\n";
  return r;
}

std::string breakdown_csv(const std::vector<BreakdownRow>& rows, std::string_view key) {
  std::string out = std::string(key) +
                    ",count,previous,share,sentiment_n,sentiment_mean,sentiment_lo,sentiment_hi,"
                    "positive,neutral,negative,weekly\r\n";
  for (const BreakdownRow& r : rows) {
    std::string weekly;
    for (uint64_t v : r.weekly) weekly += (weekly.empty() ? "" : " ") + std::to_string(v);
    out += line({fmt::csv_text(r.key), std::to_string(r.count), std::to_string(r.previous),
                 opt_csv(r.share, kShareDigits), std::to_string(r.sentiment.n),
                 opt_csv(r.sentiment.mean, kSentimentDigits),
                 opt_csv(r.sentiment.lo, kSentimentDigits),
                 opt_csv(r.sentiment.hi, kSentimentDigits), std::to_string(r.sentiment.positive),
                 std::to_string(r.sentiment.neutral), std::to_string(r.sentiment.negative),
                 fmt::csv(weekly)});
  }
  return out;
}

}  // namespace

std::vector<std::string> method_text(const Method& m) {
  const series::SpikeOptions& sp = m.spikes;
  auto num = [](double v) {  // as a person writes it: 3, 1.5
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
  };
  return {
      "Volume counts indexed documents dated (UTC) in the period. Unique stories count "
      "near-duplicate stories among them: texts that are equal once retweet markers, links, "
      "@mentions, punctuation, emoji, case and accents are set aside share one cluster (a 64-bit "
      "hash of that normalised text), so a story reposted or retweeted many times counts once. "
      "Edited copies (a new headline, a changed word, a trailing credit) join their original's "
      "story: texts whose MinHash signatures (" + std::to_string(dedup::kNearHashes) +
          " hashes of their word pairs) share a band of " + std::to_string(dedup::kNearRows) +
          " hashes and agree on at least " + num(dedup::kNearThreshold * 100) +
          "% of the hashes are one story, and so are chains of such pairs.",
      "Weeks are ISO 8601 weeks (Monday to Sunday, UTC) unless another week start is configured.",
      "Share of voice is a topic's documents divided by all documents of the period under the "
      "same filters, with a 95% Wilson score interval.",
      "Sentiment is the mean compound score in [-1, 1] of the documents of the period, with a 95% "
      "confidence interval mean +/- t(0.975, n-1) * s / sqrt(n) (Student's t), clipped to [-1, 1]; "
      "no interval for a single document, no mean for none. Positive, neutral and negative count document labels.",
      "A spike compares a period's count with the mean m and variance v of the previous " +
          std::to_string(sp.window) + " periods (leaving out the " + std::to_string(sp.max_skipped) +
          " most recent spikes): score = (count - m) / sqrt(v + m + 1). A period is flagged when the "
          "score is at least " + num(sp.threshold) + ", the count at least " +
          num(sp.min_count) + " and at least " + num(sp.ratio) +
          " times m; a series needs " + std::to_string(sp.min_baseline) +
          " periods of baseline before anything is flagged. Periods before the index's first "
          "document are no baseline; from there on, weeks without any document of a topic count as "
          "zeros, so a topic that surges out of silence is flagged.",
      "Examples are the most engaged, the most positive and the most negative document of the "
      "topic in the week.",
  };
}

std::string render_json(const BriefingData& d) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("week").value(d.week);
  w.key("week_first").value(d.week_first);
  w.key("week_last").value(d.week_last);
  w.key("title").value(d.title);
  w.key("generated_at").value(time::format_datetime(d.generated_at));
  w.key("scope").value(d.scope);
  if (!d.tz.empty()) w.key("tz").value(d.tz).key("utc_offset").value(d.utc_offset);
  w.key("empty").value(d.empty_week);
  const Headline& h = d.headline;
  w.key("headline").begin_object();
  w.key("volume").begin_object();
  w.key("count").value(h.volume).key("previous").value(h.previous_volume);
  w.key("baseline").fixed(h.baseline_volume, 2);
  w.end_object();
  w.key("unique").begin_object();
  w.key("count").value(h.unique).key("previous").value(h.previous_unique);
  w.key("baseline").fixed(h.baseline_unique, 2);
  w.end_object();
  w.key("sentiment").begin_object();
  w.key("current");
  write_sentiment(w, h.sentiment);
  w.key("previous");
  write_sentiment(w, h.previous_sentiment);
  w.key("baseline");
  write_sentiment(w, h.baseline_sentiment);
  w.end_object();
  w.key("movers").begin_array();
  for (const Mover& m : h.movers) {
    w.begin_object();
    w.key("id").value(m.id).key("label").value(m.label);
    w.key("count").value(m.count).key("previous").value(m.previous);
    w.key("baseline").fixed(m.baseline, 2);
    w.key("change").fixed(m.change, 2);
    w.end_object();
  }
  w.end_array();
  w.key("series");
  write_series(w, h.series);
  w.end_object();

  w.key("topics").begin_array();
  for (const TopicSection& t : d.topics) {
    w.begin_object();
    w.key("id").value(t.id);
    w.key("label").value(t.label);
    w.key("series");
    write_series(w, t.series);
    w.key("share_of_voice");
    write_share(w, t.share_of_voice);
    w.key("stance");
    w.counts(t.stance);
    w.key("spike").value(t.spike);
    w.key("score").fixed(t.score, kScoreDigits);
    w.key("emerging_terms").begin_array();
    for (const EmergingTermEntry& e : t.emerging_terms) {
      w.begin_object();
      w.key("term").value(e.term);
      w.key("score").fixed(e.score, kScoreDigits);
      w.key("count").value(e.count);
      w.key("baseline_count").value(e.baseline_count);
      w.end_object();
    }
    w.end_array();
    w.key("examples").begin_array();
    for (const Example& x : t.examples) write_example(w, x);
    w.end_array();
    w.end_object();
  }
  w.end_array();
  w.key("languages");
  write_breakdown(w, d.languages);
  w.key("kinds");
  write_breakdown(w, d.kinds);
  w.key("method");
  write_method(w, d.method);
  w.end_object();
  out += '\n';
  return out;
}

std::map<std::string, std::string> render_csv(const BriefingData& d) {
  std::map<std::string, std::string> files;
  const Headline& h = d.headline;
  {
    std::string s = "week,metric,current,previous,baseline\r\n";
    s += line({fmt::csv(d.week), "volume", std::to_string(h.volume), std::to_string(h.previous_volume),
               fmt::fixed(h.baseline_volume, 2)});
    s += line({fmt::csv(d.week), "unique", std::to_string(h.unique), std::to_string(h.previous_unique),
               fmt::fixed(h.baseline_unique, 2)});
    s += line({fmt::csv(d.week), "sentiment_mean", opt_csv(h.sentiment.mean, kSentimentDigits),
               opt_csv(h.previous_sentiment.mean, kSentimentDigits),
               opt_csv(h.baseline_sentiment.mean, kSentimentDigits)});
    files["headline.csv"] = s;
  }
  {
    std::string s = "week,topic,label,count,previous,baseline,change\r\n";
    for (const Mover& m : h.movers)
      s += line({fmt::csv(d.week), fmt::csv_text(m.id), fmt::csv_text(m.label), std::to_string(m.count),
                 std::to_string(m.previous), fmt::fixed(m.baseline, 2), fmt::fixed(m.change, 2)});
    files["movers.csv"] = s;
  }
  std::vector<const std::vector<SeriesEntry>*> all{&h.series};
  for (const TopicSection& t : d.topics) all.push_back(&t.series);
  const std::set<std::string> stances = stance_labels(all);
  {
    std::string s = "week,topic,label,count,unique,share_of_voice,share_lo,share_hi,sentiment_n,"
                    "sentiment_mean,sentiment_lo,sentiment_hi,positive,neutral,negative";
    for (const std::string& st : stances) s += "," + fmt::csv("stance_" + st);
    s += ",spike,score\r\n";
    for (const TopicSection& t : d.topics) {
      const SeriesEntry empty;
      const SeriesEntry& e = t.series.empty() ? empty : t.series.back();
      s += fmt::csv(d.week) + "," + fmt::csv_text(t.id) + "," + fmt::csv_text(t.label) + "," +
           std::to_string(e.count) + "," + std::to_string(e.unique) + "," +
           opt_csv(t.share_of_voice.value, kShareDigits) + "," +
           opt_csv(t.share_of_voice.lo, kShareDigits) + "," +
           opt_csv(t.share_of_voice.hi, kShareDigits) + "," + std::to_string(e.sentiment.n) + "," +
           opt_csv(e.sentiment.mean, kSentimentDigits) + "," +
           opt_csv(e.sentiment.lo, kSentimentDigits) + "," +
           opt_csv(e.sentiment.hi, kSentimentDigits) + "," + std::to_string(e.sentiment.positive) +
           "," + std::to_string(e.sentiment.neutral) + "," + std::to_string(e.sentiment.negative);
      for (const std::string& st : stances) {
        auto it = t.stance.find(st);
        s += "," + std::to_string(it == t.stance.end() ? 0 : it->second);
      }
      s += std::string(",") + (t.spike ? "true" : "false") + "," + fmt::fixed(t.score, kScoreDigits) +
           "\r\n";
    }
    files["topics.csv"] = s;
  }
  {
    std::string s = series_header(stances, "scope,");
    for (const SeriesEntry& e : h.series) s += "all," + series_row(e, stances);
    for (const TopicSection& t : d.topics)
      for (const SeriesEntry& e : t.series) s += fmt::csv_text(t.id) + "," + series_row(e, stances);
    files["series.csv"] = s;
  }
  files["languages.csv"] = breakdown_csv(d.languages, "language");
  files["kinds.csv"] = breakdown_csv(d.kinds, "kind");
  {
    std::string s = "week,topic,rank,term,score,count,baseline_count\r\n";
    for (const TopicSection& t : d.topics)
      for (size_t i = 0; i < t.emerging_terms.size(); ++i) {
        const EmergingTermEntry& e = t.emerging_terms[i];
        s += line({fmt::csv(d.week), fmt::csv_text(t.id), std::to_string(i + 1), fmt::csv_text(e.term),
                   fmt::fixed(e.score, kScoreDigits), std::to_string(e.count),
                   std::to_string(e.baseline_count)});
      }
    files["emerging_terms.csv"] = s;
  }
  {
    std::string s = "week,topic,why,id,title,excerpt,url,date,lang,kind,source,sentiment,label,engagement\r\n";
    for (const TopicSection& t : d.topics)
      for (const Example& x : t.examples)
        s += line({fmt::csv(d.week), fmt::csv_text(t.id), fmt::csv_text(x.why), fmt::csv_text(x.id),
                   fmt::csv_text(x.title), fmt::csv_text(x.excerpt), fmt::csv_text(x.url),
                   fmt::csv(x.date), fmt::csv_text(x.lang), fmt::csv_text(x.kind),
                   fmt::csv_text(x.source), opt_csv(x.sentiment, kSentimentDigits), fmt::csv(x.label),
                   std::to_string(x.engagement)});
    files["examples.csv"] = s;
  }
  return files;
}

std::string render_trends_json(const Trends& t) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("query").value(t.query);
  w.key("by").value(t.by);
  uint64_t total = 0;
  for (const SeriesEntry& e : t.series) total += e.count;
  w.key("total").value(total);
  w.key("series");
  write_series(w, t.series);
  w.end_object();
  out += '\n';
  return out;
}

std::string render_trends_csv(const Trends& t) {
  const std::set<std::string> stances = stance_labels({&t.series});
  std::string out = series_header(stances, "");
  for (const SeriesEntry& e : t.series) out += series_row(e, stances);
  return out;
}

std::vector<std::string> write_briefing(const BriefingData& data, const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error("cannot create report directory " + dir + ": " + ec.message());
  std::vector<std::pair<std::string, std::string>> files{
      {"report.html", render_html(data)},
      {"report.md", render_markdown(data)},
      {"report.json", render_json(data)}};
  for (auto& [name, content] : render_csv(data)) files.emplace_back(name, std::move(content));
  std::vector<std::string> written;
  for (const auto& [name, content] : files) {
    const std::string path = (fs::path(dir) / name).string();
    // Write to a temporary name and rename, so a reader never sees half a report.
    const std::string tmp = path + ".tmp";
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      f.write(content.data(), static_cast<std::streamsize>(content.size()));
      f.close();
      if (!f) throw Error("cannot write " + tmp);
    }
    fs::rename(tmp, path, ec);
    if (ec) throw Error("cannot rename " + tmp + " to " + path + ": " + ec.message());
    written.push_back(path);
  }
  return written;
}

}  // namespace vigie::reports
