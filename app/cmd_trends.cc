// vigie trends: a query's volume, unique stories, share of voice, sentiment
// and stance per day, week or month, with spike flags (issue 6). Reading
// the index is reports/collect.h; rendering JSON/CSV is reports/render.h.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "analytics/topics/taxonomy.h"
#include "app/command.h"
#include "core/errors.h"
#include "core/json.h"
#include "core/schema.h"
#include "core/text/width.h"
#include "query/index.h"
#include "query/query_builder.h"
#include "query/saved_queries.h"
#include "query/time_range.h"
#include "reports/collect.h"
#include "reports/format.h"
#include "reports/render.h"

namespace vigie::app {
namespace {

unsigned parse_week_start(const std::string& s) {
  static const char* kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (unsigned i = 0; i < 7; ++i)
    if (s == kDays[i] || s == std::string(kDays[i]).substr(0, 3) || s == std::to_string(i + 1)) return i + 1;
  throw UsageError("--week-start: expected monday .. sunday (or 1 .. 7), got '" + s + "'");
}

void print_table(const reports::TrendResult& r) {
  namespace fmt = reports::fmt;
  std::printf("%-11s %7s %7s %7s %7s %17s %5s %5s %5s  %-22s %6s\n", "period", "count", "unique", "share", "mean",
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
    std::printf("%-11s %7llu %7llu %7s %7s %17s %5llu %5llu %5llu  %-22s %6s%s\n", e.period.c_str(),
                static_cast<unsigned long long>(e.count), static_cast<unsigned long long>(e.unique),
                e.share ? fmt::percent(*e.share).c_str() : "-", fmt::fixed_or(s.mean, 3, "-").c_str(), ci.c_str(),
                static_cast<unsigned long long>(s.positive), static_cast<unsigned long long>(s.neutral),
                static_cast<unsigned long long>(s.negative), stance.c_str(), fmt::fixed(e.score, 2).c_str(),
                e.spike ? "  SPIKE" : "");
  }
  std::printf("matches %llu, undated %llu (in no period)", static_cast<unsigned long long>(r.matches),
              static_cast<unsigned long long>(r.undated));
  if (r.outside) std::printf(", outside the range %llu", static_cast<unsigned long long>(r.outside));
  std::printf("\n");
}

int run(int argc, char** argv) {
  CliSpec spec;
  spec.usage = "vigie trends --db DIR [QUERY... | --saved NAME | --topic ID] [--by day|week|month] [options]";
  spec.description =
      "Counts a query's matches per period: documents, unique stories (near-duplicate\n"
      "clusters), share of voice (matches / all documents of the period under the same\n"
      "--lang and --kind filters), mean sentiment with its 95% confidence interval\n"
      "(Student's t), positive/neutral/negative counts, stance split, and a spike flag\n"
      "with its score against a trailing baseline (see docs/trends.md).\n"
      "The query language is that of `vigie search`; the counts of all periods plus the\n"
      "undated matches add up to `vigie search --count` with the same query.\n"
      "With --topic, sentiment is the topic's aspect sentiment in each document when\n"
      "the analyzer found one, else the document's.";
  spec.epilog =
      "Examples:\n"
      "  vigie trends --db idx --topic cannabis_regulation --by week\n"
      "  vigie trends --db idx 'naloxone OR \"needle exchange\"' --by month --json\n"
      "  vigie trends --db idx --saved harm-reduction --lang es --csv > hr-es.csv\n"
      "  vigie trends --db idx 'fentanyl' --by week --week-start sunday --from 2019-01-01\n\n"
      "Output: a table on a terminal (and by default); --json prints\n"
      "  {\"matches\": N, \"undated\": N, \"query\": ..., \"by\": ..., \"total\": N,\n"
      "   \"series\": [{\"period\": \"2019-W11\", \"start\": \"2019-03-11\", \"end\": \"2019-03-17\",\n"
      "   \"count\": N, \"unique\": N, \"share\": x,\n"
      "   \"sentiment\": {\"mean\": m, \"ci95\": [lo, hi], \"positive\": N, \"neutral\": N,\n"
      "   \"negative\": N}, \"stance\": {...}, \"spike\": bool, \"score\": z}, ...]}\n"
      "(total = sum of counts = matches - undated); --csv one row per period, with the same\n"
      "columns (period, start, end, count, ...): start and end are ISO dates.\n"
      "With --emerging P, JSON also has \"emerging\": {\"period\": P, \"terms\": [{\"term\",\n"
      "\"score\" (G2), \"count\", \"baseline_count\"}]} (documents with the word).\n"
      "Periods: weeks are ISO weeks labelled 2019-W11 when they start on Monday, else\n"
      "labelled by their first day; days and months in UTC. Every period from the first\n"
      "to the last dated match is listed (or --from/--to), empty ones included.\n\n"
      "Exit status: 0 success (also when nothing matches), 1 index error, 2 usage error.";

  std::string db, by = "week", lang, kind, from, to, week_start = "monday", saved, queries_file, topic, taxonomy,
      emerging;
  series::EmergingOptions emerging_opts;
  std::vector<std::string> words;
  bool json = false, csv = false;
  unsigned timeout = 5000;
  series::SpikeOptions spikes;
  size_t window = spikes.window;
  po::options_description opts("Options");
  opts.add_options()
      ("db", po::value(&db)->required(), "index directory, or stub file of local/remote shards")
      ("by", po::value(&by)->default_value("week"), "period: day | week | month")
      ("topic", po::value(&topic), "documents of a taxonomy topic (e.g. harm_reduction); AND-ed\n"
                                   "with QUERY if given; see `vigie topics`")
      ("saved", po::value(&saved), (std::string(kSavedHelp) + "; AND-ed with QUERY if given").c_str())
      ("queries", po::value(&queries_file), kQueriesHelp)
      ("lang", po::value(&lang), "only documents in this language (ISO 639-1); the query is\n"
                                 "analysed in it; shares are within it")
      ("kind", po::value(&kind), "only this kind: tweet | reddit | news; shares are within it")
      ("from", po::value(&from), "first day YYYY-MM-DD or ISO week (its Monday); default: first\n"
                                 "dated match")
      ("to", po::value(&to), "last day YYYY-MM-DD or ISO week (its Sunday); default: last dated\n"
                             "match")
      ("week-start", po::value(&week_start)->default_value("monday"),
       "first day of a week for --by week: monday (ISO) .. sunday")
      ("spike-threshold", po::value(&spikes.threshold)->default_value(spikes.threshold),
       "minimum spike score (count - m) / sqrt(v + m + 1)")
      ("spike-window", po::value(&window)->default_value(spikes.window), "trailing baseline length in periods")
      ("spike-min-count", po::value(&spikes.min_count)->default_value(spikes.min_count),
       "minimum count of a spike period")
      ("spike-ratio", po::value(&spikes.ratio)->default_value(spikes.ratio),
       "minimum count / baseline mean of a spike period")
      ("emerging", po::value(&emerging), "also list the emerging terms of this period (e.g. 2019-W11)\n"
                                         "against the --spike-window periods before it: words of\n"
                                         "the matches ranked by log-likelihood G2 (with --lang: of\n"
                                         "that language; with --topic: of that topic)")
      ("emerging-min-count", po::value(&emerging_opts.min_count)->default_value(emerging_opts.min_count),
       "minimum documents with the term in the period")
      ("emerging-min-g2", po::value(&emerging_opts.min_g2)->default_value(emerging_opts.min_g2),
       "minimum G2 (10.83: p < 0.001)")
      ("json", po::bool_switch(&json), "one JSON object (layout above)")
      ("csv", po::bool_switch(&csv), "CSV, one row per period")
      ("taxonomy", po::value(&taxonomy), "taxonomy file that --topic ids are checked against;\n"
                                         "default corpora/taxonomy/drug-policy.json")
      ("remote-timeout", po::value(&timeout)->default_value(5000), "milliseconds to wait for a remote shard")
      ("query", po::value(&words)->composing(), "the query (the positional arguments)");
  po::positional_options_description pos;
  pos.add("query", -1);
  po::variables_map vm;
  if (!parse(argc, argv, spec, opts, pos, vm)) return kExitOk;
  if (json && csv) throw UsageError("choose one of --json and --csv");
  if (csv && vm.count("emerging")) throw UsageError("--emerging: use --json or the table, not --csv");
  spikes.window = window;
  if (spikes.min_baseline > spikes.window) spikes.min_baseline = spikes.window;

  reports::TrendOptions to_opts;
  auto g = series::parse_granularity(by);
  if (!g) throw UsageError("--by: expected day, week or month, got '" + by + "'");
  to_opts.spec.by = *g;
  to_opts.spec.week_start = parse_week_start(week_start);
  to_opts.spikes = spikes;

  std::string text;
  for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
  if (!saved.empty()) {
    queries_file = saved_queries_file(queries_file);
    auto all = query::load_saved_queries(queries_file);
    const auto& s = query::find_saved_query(all, saved, queries_file);
    text = text.empty() ? s.query : "(" + s.query + ") AND (" + text + ")";
    if (lang.empty()) lang = s.lang;
    if (from.empty()) from = s.from;
    if (to.empty()) to = s.to;
    if (!s.week.empty()) {
      if (from.empty()) from = s.week;
      if (to.empty()) to = s.week;
    }
  }
  if (!topic.empty()) {
    if (taxonomy.empty()) taxonomy = (std::filesystem::path(corpora_dir()) / "taxonomy" / "drug-policy.json").string();
    auto tax = topics::Taxonomy::load(taxonomy);
    if (!tax.find(topic)) {
      std::string known;
      for (const auto& t : tax.topics()) known += " " + t.id;
      throw UsageError("--topic: no topic '" + topic + "' in " + taxonomy + "; known:" + known);
    }
    to_opts.collect.topic = topic;
  }

  query::OpenOptions oo;
  oo.remote_connect_timeout_ms = timeout;
  auto index = query::Index::open(db, oo);
  for (const auto& w : index.warnings()) std::cerr << "vigie trends: warning: " << w << "\n";

  query::QueryBuilder builder;
  builder.set_topic_ids(taxonomy_topic_ids(taxonomy));
  const bool multi = lang.empty() || lang == "und";
  Xapian::Query q = text.empty() && !topic.empty()
                        ? Xapian::Query::MatchAll
                        : builder.build(text, lang, multi ? index.languages() : std::vector<std::string>{});
  if (!topic.empty())
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(schema::boolean_term(schema::prefix::kTopic, topic)));
  Xapian::Query filter = reports::filter_query(multi ? std::string() : lang, kind);
  if (!multi || !kind.empty()) q = Xapian::Query(Xapian::Query::OP_FILTER, q, filter);
  to_opts.denominator = filter;
  // Whole UTC days (periods are UTC days too).
  const query::TimeRange range = query::day_range(query::parse_range_start(from, "--from"),
                                                  query::parse_range_end(to, "--to"), query::Zone());
  if (range.empty()) throw UsageError("--from is after --to");
  if (!range.unbounded()) {
    q = Xapian::Query(Xapian::Query::OP_FILTER, q, query::time_query(range));
    to_opts.from = range.begin;
    to_opts.to = range.end;
  }

  reports::TrendResult r = reports::trends(index, q, to_opts);
  reports::Trends t;
  t.query = text;
  if (!topic.empty()) t.query = "topic:" + topic + (text.empty() ? "" : " " + text);
  t.by = std::string(series::granularity_name(to_opts.spec.by));
  t.series = r.series;

  std::vector<reports::EmergingTermEntry> terms;
  std::string emerging_label;
  if (!emerging.empty()) {
    auto p = series::parse_period(emerging, to_opts.spec);
    if (!p) throw UsageError("--emerging: '" + emerging + "' names no " + by + " period");
    reports::EmergingRequest er;
    er.period = *p;
    er.baseline_first_day = series::shift(*p, -static_cast<int64_t>(spikes.window), to_opts.spec).first_day;
    er.baseline_end_day = p->first_day;
    er.options = emerging_opts;
    terms = reports::emerging_terms(index, q, er);
    emerging_label = series::period_label(*p, to_opts.spec);
  }

  std::string out;
  if (json) {
    out = reports::render_trends_json(t);
    // matches, undated (and emerging terms) are not in reports::Trends;
    // they lead the object.
    std::string lead = "\"matches\":" + std::to_string(r.matches) + ",\"undated\":" + std::to_string(r.undated) +
                       ",\"outside\":" + std::to_string(r.outside) + ",";
    if (!emerging.empty()) {
      std::string e;
      json::JsonWriter w(e);
      w.begin_object();
      w.key("period").value(emerging_label);
      w.key("terms").begin_array();
      for (const auto& x : terms) {
        w.begin_object();
        w.key("term").value(x.term);
        w.key("score").raw(reports::fmt::fixed(x.score, 3));
        w.key("count").value(x.count);
        w.key("baseline_count").value(x.baseline_count);
        w.end_object();
      }
      w.end_array();
      w.end_object();
      lead += "\"emerging\":" + e + ",";
    }
    if (!out.empty() && out[0] == '{') out.insert(1, lead);
    std::cout << out;
  } else if (csv) {
    std::cout << reports::render_trends_csv(t);
  } else {
    std::cout.flush();
    print_table(r);
    if (!emerging.empty()) {
      std::printf("\nemerging terms in %s (G2, documents in the period / in the %zu before):\n",
                  emerging_label.c_str(), spikes.window);
      if (terms.empty()) std::printf("  none\n");
      for (const auto& x : terms)  // terms may be CJK: pad by display width
        std::printf("  %s %8s  %llu / %llu\n", text::pad_to_width(x.term, 24).c_str(),
                    reports::fmt::fixed(x.score, 1).c_str(), static_cast<unsigned long long>(x.count),
                    static_cast<unsigned long long>(x.baseline_count));
    }
    std::fflush(stdout);
  }
  std::cout.flush();
  if (!std::cout) throw Error("cannot write to standard output");
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("trends", "counts, unique stories, share, sentiment, stance and spikes per period", run);

}  // namespace vigie::app
