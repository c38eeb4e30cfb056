// vigie trends: a query's volume, unique stories, share of voice, sentiment
// and stance per day, week or month, with spike flags. Parses options into a
// reports::TrendsRequest and prints what reports::run_trends gives.
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "analytics/topics/taxonomy.h"
#include "app/command.h"
#include "app/shard_options.h"
#include "core/errors.h"
#include "query/index.h"
#include "query/limits.h"
#include "query/request.h"
#include "query/saved_queries.h"
#include "reports/render.h"
#include "reports/requests.h"

namespace vigie::app {
namespace {

CliSpec trends_spec() {
  CliSpec spec;
  spec.usage = "vigie trends --db DIR [QUERY... | --saved NAME | --topic ID] [--by day|week|month] [options]\n"
               "       vigie trends --db DIR --compare A B [C [D]] [--by day|week|month] [options]";
  spec.description =
      "Counts a query's matches per period: documents, unique stories (near-duplicate\n"
      "clusters), share of voice (matches / all documents of the period under the same\n"
      "--lang and --kind filters), mean sentiment with its 95% confidence interval\n"
      "(Student's t), positive/neutral/negative counts, stance split, and a spike flag\n"
      "with its score against a trailing baseline (see docs/trends.md).\n"
      "The query language is that of `vigie search`; the counts of all periods plus the\n"
      "undated matches add up to `vigie search --count` with the same query.\n"
      "With --topic, sentiment is the topic's aspect sentiment in each document when\n"
      "the analyzer found one, else the document's.\n"
      "With --compare, two to four series side by side over the same periods: each a\n"
      "query, topic:ID (a whole topic, as --topic) or saved:NAME (a saved query of\n"
      "--queries); per period and series the count, share, mean sentiment and its 95% CI.\n"
      "--lang, --kind, --from/--to, --tz and --by apply to every series.";
  spec.epilog =
      "Examples:\n"
      "  vigie trends --db idx --topic cannabis_regulation --by week\n"
      "  vigie trends --db idx 'naloxone OR \"needle exchange\"' --by month --json\n"
      "  vigie trends --db idx --saved harm-reduction --lang es --csv > hr-es.csv\n"
      "  vigie trends --db idx 'fentanyl' --by week --week-start sunday --from 2019-01-01\n"
      "  vigie trends --db idx --compare topic:cannabis_regulation topic:harm_reduction 'fentanyl' --csv\n"
      "  vigie trends --db idx --compare saved:harm-reduction 'naloxone' --by month --tz America/Los_Angeles\n\n"
      "Output: a table on a terminal (and by default); --json prints\n"
      "  {\"matches\": N, \"undated\": N, \"query\": ..., \"by\": ..., \"total\": N,\n"
      "   \"series\": [{\"period\": \"2019-W11\", \"start\": \"2019-03-11\", \"end\": \"2019-03-17\",\n"
      "   \"count\": N, \"unique\": N, \"share\": x,\n"
      "   \"sentiment\": {\"mean\": m, \"ci95\": [lo, hi], \"positive\": N, \"neutral\": N,\n"
      "   \"negative\": N}, \"stance\": {...}, \"spike\": bool, \"score\": z}, ...]}\n"
      "(total = sum of counts = matches - undated); --csv one row per period, with the same\n"
      "columns (period, start, end, count, ...): start and end are ISO dates.\n"
      "With --compare, --json prints {\"by\", \"items\": [{\"label\", \"query\", \"matches\",\n"
      "\"undated\"}], \"series\": [{\"period\", \"start\", \"end\", \"values\": [{\"count\", \"share\",\n"
      "\"sentiment\": {\"n\", \"mean\", \"ci95\"}} per item]}]}; --csv has period, start, end and\n"
      "count_i, share_i, sentiment_n_i, sentiment_mean_i, sentiment_lo_i, sentiment_hi_i per item i.\n"
      "With --emerging P, JSON also has \"emerging\": {\"period\": P, \"terms\": [{\"term\",\n"
      "\"score\" (G2), \"count\", \"baseline_count\"}]} (documents with the word).\n"
      "Periods: weeks are ISO weeks labelled 2019-W11 when they start on Monday, else\n"
      "labelled by their first day; days and months in UTC, or in --tz. Every period from the first\n"
      "to the last dated match is listed (or --from/--to), empty ones included; a series\n"
      "holds at most 20000 periods (narrow it with --from/--to or a longer --by).\n"
      "Numeric options have the ranges listed in docs/search.md; a value outside its\n"
      "range is a usage error.\n\n"
      "Exit status: 0 success (also when nothing matches), 1 index error, 2 usage error.";
  return spec;
}

// Every option of vigie trends, as given; the request's fields are bound
// directly, the counts signed so that "-1" is refused rather than wrapped.
struct TrendsSettings {
  std::string db, queries_file, taxonomy;
  reports::TrendsRequest tr;
  std::vector<std::string> words, compare;
  bool json = false, csv = false;
  int64_t timeout = 5000;
  query::OpenOptions oo;
  int64_t window = static_cast<int64_t>(tr.spikes.window);
  int64_t emerging_min_count = static_cast<int64_t>(tr.emerging_options.min_count);
};

void declare_trends_options(po::options_description& opts, TrendsSettings& s) {
  reports::TrendsRequest& tr = s.tr;
  query::Request& r = tr.request;
  series::SpikeOptions& spikes = tr.spikes;
  series::EmergingOptions& emerging_opts = tr.emerging_options;
  opts.add_options()
      ("db", po::value(&s.db)->required(), "index directory, or stub file of local/remote shards")
      ("by", po::value(&tr.by)->default_value("week"), "period: day | week | month")
      ("compare", po::value(&s.compare)->multitoken()->composing(),
       "two to four series side by side: queries, topic:ID or saved:NAME\n"
       "(e.g. --compare topic:harm_reduction 'fentanyl')")
      ("topic", po::value(&r.topic), "documents of a taxonomy topic (e.g. harm_reduction); AND-ed\n"
                                   "with QUERY if given; see `vigie topics`")
      ("saved", po::value(&r.saved), (std::string(kSavedHelp) + "; AND-ed with QUERY if given").c_str())
      ("queries", po::value(&s.queries_file), kQueriesHelp)
      ("lang", po::value(&r.lang), "only documents in this language (ISO 639-1); the query is\n"
                                 "parsed in it (stemmer, stopwords); shares are within it")
      ("tz", po::value(&r.tz), "time zone of the days, weeks and months and of --from/--to\n"
                             "(UTC, +01:00, Pacific/Auckland); default UTC. JSON then has\n"
                             "\"tz\" and each period's \"utc_offset\"")
      ("kind", po::value(&r.kind), "only this kind: tweet | reddit | news; shares are within it")
      ("from", po::value(&r.from), "first day YYYY-MM-DD or ISO week (its Monday); default: first\n"
                                 "dated match")
      ("to", po::value(&r.to), "last day YYYY-MM-DD or ISO week (its Sunday); default: last dated\n"
                             "match")
      ("week-start", po::value(&tr.week_start)->default_value("monday"),
       "first day of a week for --by week: monday (ISO) .. sunday")
      ("spike-threshold", po::value(&spikes.threshold)->default_value(spikes.threshold),
       "minimum spike score (count - m) / sqrt(v + m + 1)")
      ("spike-window", po::value(&s.window)->default_value(s.window), "trailing baseline length in periods")
      ("spike-min-count", po::value(&spikes.min_count)->default_value(spikes.min_count),
       "minimum count of a spike period")
      ("spike-ratio", po::value(&spikes.ratio)->default_value(spikes.ratio),
       "minimum count / baseline mean of a spike period")
      ("emerging", po::value(&tr.emerging), "also list the emerging terms of this period (e.g. 2019-W11)\n"
                                         "against the --spike-window periods before it: words of\n"
                                         "the matches ranked by log-likelihood G2 (with --lang: of\n"
                                         "that language; with --topic: of that topic)")
      ("emerging-min-count", po::value(&s.emerging_min_count)->default_value(s.emerging_min_count),
       "minimum documents with the term in the period")
      ("emerging-min-g2", po::value(&emerging_opts.min_g2)->default_value(emerging_opts.min_g2),
       "minimum G2 (10.83: p < 0.001)")
      ("json", po::bool_switch(&s.json), "one JSON object (layout above)")
      ("csv", po::bool_switch(&s.csv), "CSV, one row per period")
      ("taxonomy", po::value(&s.taxonomy), "taxonomy file that --topic ids are checked against;\n"
                                         "default corpora/taxonomy/drug-policy.json")
      ("remote-timeout", po::value(&s.timeout)->default_value(5000), "milliseconds to wait for a remote shard")
      ("query", po::value(&s.words)->composing(), "the query (the positional arguments)");
  add_shard_options(opts, s.oo);
}

// Output choices and ranges shared with the server (query/limits.h,
// docs/search.md), then the query text and the topic ids it may name.
void complete_trends_request(TrendsSettings& s, const po::variables_map& vm) {
  if (s.json && s.csv) throw UsageError("choose one of --json and --csv");
  if (s.csv && vm.count("emerging")) throw UsageError("--emerging: use --json or the table, not --csv");
  series::SpikeOptions& spikes = s.tr.spikes;
  series::EmergingOptions& emerging_opts = s.tr.emerging_options;
  query::check_number("spike-threshold", spikes.threshold);
  spikes.window = static_cast<size_t>(query::check_integer("spike-window", s.window));
  query::check_number("spike-min-count", spikes.min_count);
  query::check_number("spike-ratio", spikes.ratio);
  emerging_opts.min_count = static_cast<uint64_t>(query::check_integer("emerging-min-count", s.emerging_min_count));
  query::check_number("emerging-min-g2", emerging_opts.min_g2);
  query::Request& r = s.tr.request;
  for (const auto& w : s.words) r.text += (r.text.empty() ? "" : " ") + w;
  r.topic_ids = taxonomy_topic_ids(s.taxonomy);
}

void print_or_fail(const std::string& text) {
  std::cout << text;
  std::cout.flush();
  if (!std::cout) throw Error("cannot write to standard output");
}

// --compare: two to four series over the same periods.
int run_compare_command(TrendsSettings& s) {
  reports::CompareRequest cr;
  cr.base = s.tr;
  cr.items = s.compare;
  for (const auto& item : s.compare) {
    if (item.rfind("saved:", 0) == 0 && cr.saved_origin.empty()) {
      cr.saved_origin = saved_queries_file(s.queries_file);
      cr.saved = query::load_saved_queries(cr.saved_origin);
    }
  }
  if (s.taxonomy.empty()) s.taxonomy = default_taxonomy_file();
  const topics::Taxonomy tax = topics::Taxonomy::load(s.taxonomy);
  cr.base.taxonomy = &tax;
  cr.base.taxonomy_origin = s.taxonomy;
  cr.base.bands = sentiment_bands();
  auto index = open_index(s.db, s.oo, s.timeout, "trends");
  const reports::CompareOutput c = reports::run_compare(index, cr);
  print_or_fail(s.json ? reports::compare_json(c) : s.csv ? reports::compare_csv(c) : reports::compare_table(c));
  return kExitOk;
}

int run(int argc, char** argv) {
  TrendsSettings s;
  po::variables_map vm;
  if (!parse_settings(argc, argv, trends_spec(), s, declare_trends_options, vm, "query")) return kExitOk;
  complete_trends_request(s, vm);
  if (!s.compare.empty()) {
    if (vm.count("emerging")) throw UsageError("--emerging: not with --compare");
    return run_compare_command(s);
  }
  reports::TrendsRequest& tr = s.tr;
  query::Request& r = tr.request;
  if (!r.saved.empty()) {
    s.queries_file = saved_queries_file(s.queries_file);
    query::resolve_saved(r, query::load_saved_queries(s.queries_file), s.queries_file);
  }
  std::optional<topics::Taxonomy> tax;
  if (!r.topic.empty()) {
    if (s.taxonomy.empty()) s.taxonomy = default_taxonomy_file();
    tax = topics::Taxonomy::load(s.taxonomy);
    tr.taxonomy = &*tax;
    tr.taxonomy_origin = s.taxonomy;
    tr.bands = sentiment_bands();
  }
  auto index = open_index(s.db, s.oo, s.timeout, "trends");
  const reports::TrendsOutput t = reports::run_trends(index, tr);
  print_or_fail(s.json ? reports::trends_json(t) : s.csv ? reports::render_trends_csv(t.trends) : reports::trends_table(t));
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("trends", "counts, unique stories, share, sentiment, stance and spikes per period", run);

}  // namespace vigie::app
