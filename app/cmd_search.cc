// vigie search: the analyst query command. Parses options into a
// query::Request, runs query::search and writes the results in the chosen
// format.
#include <sys/ioctl.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "app/command.h"
#include "app/shard_options.h"
#include "core/errors.h"
#include "query/format.h"
#include "query/index.h"
#include "query/limits.h"
#include "query/query_builder.h"
#include "query/request.h"
#include "query/saved_queries.h"
#include "reports/crossed.h"

namespace vigie::app {
namespace {

size_t terminal_width() {
  winsize ws{};
  if (::ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  if (const char* c = std::getenv("COLUMNS"); c && std::atoi(c) > 0) return static_cast<size_t>(std::atoi(c));
  return 100;
}

std::string fields_help() {
  std::string s = "Fields:\n";
  for (const auto& f : query::fields()) {
    std::string name = "  " + std::string(f.name) + ":";
    s += name + std::string(name.size() < 14 ? 14 - name.size() : 1, ' ') + std::string(f.help) + "\n";
  }
  s += "\nFacets (--facet):\n";
  for (const auto& f : query::facet_fields()) {
    std::string name = "  " + std::string(f.name);
    s += name + std::string(name.size() < 14 ? 14 - name.size() : 1, ' ') + std::string(f.help) + "\n";
  }
  return s;
}

CliSpec search_spec() {
  CliSpec spec;
  spec.usage = "vigie search --db DIR|STUB [options] [QUERY...]";
  spec.description =
      "Searches an index built by `vigie index`. The query language is Xapian's: words\n"
      "(all must match; accents and case do not matter), \"phrases\", AND OR NOT XOR,\n"
      "NEAR ADJ (NEAR/3), wildcards (cannab*), brackets, +must -mustnot, #tag, @user\n"
      "and fields. Words are stemmed in each document's own language; --lang L keeps\n"
      "the documents in L and parses the query in L only (its stemmer and stopwords),\n"
      "as in trends and report; --stem-lang L parses in L without restricting.\n"
      "Chinese and Japanese queries need no spaces.\n"
      "Counts and facets are exact over all matches. An unknown field, a value that a\n"
      "field does not take and a reversed range are errors; quote text with a colon.\n\n" +
      fields_help();
  spec.epilog =
      "Examples:\n"
      "  vigie search --db idx '\"reducción de daños\" lang:es' --from 2019-01-01 --facet source\n"
      "  vigie search --db idx 'cannabis AND (legalisation OR legalization) -kind:tweet' --sort date\n"
      "  vigie search --db idx 'title:heroin date:2019-03-11..2019-03-17' --json\n"
      "  vigie search --db idx '大麻合法化' --count\n"
      "  vigie search --db idx 'sentiment:-1..-0.05 topic:harm_reduction' --week 2019-W11 --tz Europe/Paris\n"
      "  vigie search --db shards.stub --saved harm-reduction-es --csv > out.csv\n"
      "  vigie search --db idx --count -- '-kind:tweet'   (-- before a query starting with '-')\n\n"
      "Index (--db): an index directory (sharded or not), or a Xapian stub file listing\n"
      "'auto PATH' local shards and 'remote :HOST:PORT' shards served by xapian-tcpsrv.\n\n"
      "Output: a readable listing; --json prints {\"count\": N, \"results\": [...],\n"
      "\"facets\": {\"lang\": {\"en\": 123}}}; --jsonl one result per line; --csv with a\n"
      "header row (RFC 4180); --count only the number of matches. Each result carries\n"
      "its topics, per-topic sentiment (aspects), stance and stance lean, and its\n"
      "near-duplicate cluster (cluster_id, cluster_size: matching documents in it).\n"
      "Matched words in JSON snippets are wrapped in the --highlight markers (default\n"
      "<b> and </b>), and the snippet text is then HTML-escaped (&lt; &amp; ...), safe\n"
      "to show as HTML; --highlight ',' gives plain text. CSV snippets are plain text\n"
      "unless --highlight is given. Snippets are cut between characters, never inside\n"
      "one. Control characters from the feeds are shown as escapes (\\x1b) in the\n"
      "listing and in CSV.\n\n"
      "--collapse: one result per story - exact copies (retweets, syndication) and\n"
      "edited copies (a new headline, a changed word, a trailing credit) joined - shown\n"
      "by its earliest dated matching document, with \"collapsed\" the other matches.\n\n"
      "Limits: a query holds at most 1000 terms (a wildcard stands for its 1000 most\n"
      "frequent expansions); NEAR/n and ADJ/n take n in 1..1000; numeric options take\n"
      "the ranges shown below (docs/search.md), a value outside is a usage error.\n\n"
      "Exit status: 0 success (also when nothing matches), 1 missing or incompatible\n"
      "index or a shard that does not answer, 2 usage error or malformed query.";
  return spec;
}

// Every option of vigie search, as given; the query::Request fields are
// bound directly.
struct SearchSettings {
  std::string db, queries_file, highlight = "<b>,</b>";
  std::vector<std::string> words;
  query::Request r;
  // Signed, so that "-1" is refused rather than wrapped; ranges: query/limits.h.
  int64_t limit = 10, offset = 0, facet_limit = 20, snippet_length = 240, timeout = 5000;
  bool json = false, jsonl = false, csv = false, no_snippets = false, explain = false;
  query::OpenOptions oo;
};

void declare_search_options(po::options_description& opts, SearchSettings& s) {
  query::Request& r = s.r;
  opts.add_options()
      ("db", po::value(&s.db)->required(), "index directory, or stub file of local/remote shards")
      ("lang", po::value(&r.lang), "only documents in this language (ISO 639-1), the query parsed in it; "
                                 "default: every language, the query parsed once per language")
      ("stem-lang", po::value(&r.stem_lang), "parse (stem) the query in this language without restricting the "
                                           "documents")
      ("from", po::value(&r.from), "first day, YYYY-MM-DD or an ISO week (its Monday); inclusive")
      ("to", po::value(&r.to), "last day, YYYY-MM-DD or an ISO week (its Sunday); inclusive")
      ("week", po::value(&r.week), "one ISO week, e.g. 2019-W11 (Monday to Sunday)")
      ("tz", po::value(&r.tz), "time zone of the day boundaries of --from/--to/--week and date:, and of "
                             "the printed dates, which carry its offset (UTC, +01:00, Europe/Paris); "
                             "default UTC")
      ("sort", po::value(&r.sort)->default_value("relevance"), "relevance (BM25) | date (newest first) | oldest")
      ("limit", po::value(&s.limit)->default_value(10), ("number of results, " + query::range_text("limit")).c_str())
      ("offset", po::value(&s.offset)->default_value(0), ("results to skip (paging), " + query::range_text("offset")).c_str())
      ("facet", po::value(&r.facets)->composing(), "count matches per value of FIELD; repeatable "
                                                 "(lang kind source author hashtag topic week day "
                                                 "stance sentiment)")
      ("stats", po::value(&r.stats)->composing(), "with --json: per value of FIELD (lang kind topic stance "
                                                  "sentiment), the matches' count, mean sentiment with its 95% CI "
                                                  "and stance split, in \"stats\"; repeatable")
      ("facet-limit", po::value(&s.facet_limit)->default_value(20), "values shown per facet, most frequent first; "
                                                                  "0 = all")
      ("collapse", po::bool_switch(&r.collapse), "one result per story (exact and edited copies joined): "
                                                 "its earliest matching document; the count counts stories")
      ("json", po::bool_switch(&s.json), "one JSON object: count, results, facets")
      ("jsonl", po::bool_switch(&s.jsonl), "one JSON result per line")
      ("csv", po::bool_switch(&s.csv), "CSV with a header row")
      ("count", po::bool_switch(&r.count_only), "print only the exact number of matches")
      ("saved", po::value(&r.saved), (std::string(kSavedHelp) + "; AND-ed with QUERY if given").c_str())
      ("queries", po::value(&s.queries_file), kQueriesHelp)
      ("no-snippets", po::bool_switch(&s.no_snippets), "do not compute snippets")
      ("snippet-length", po::value(&s.snippet_length)->default_value(240), ("snippet length in bytes, " + query::range_text("snippet-length")).c_str())
      ("highlight", po::value(&s.highlight)->default_value("<b>,</b>"), "START,END markers around matched words "
                                                                      "(CSV: none unless given)")
      ("remote-timeout", po::value(&s.timeout)->default_value(5000), ("milliseconds to wait for a remote shard to connect, " + query::range_text("remote-timeout")).c_str())
      ("explain", po::bool_switch(&s.explain), "print the parsed Xapian query on stderr")
      ("query", po::value(&s.words)->composing(), "the query (the positional arguments)");
  add_shard_options(opts, s.oo);
}

// The options into the request: the query text, the saved query, the
// checked ranges and the snippet markers of the chosen output.
void complete_request(SearchSettings& s, const po::variables_map& vm) {
  query::Request& r = s.r;
  const bool count = r.count_only;
  if (int(s.json) + int(s.jsonl) + int(s.csv) + int(count) > 1) {
    throw UsageError("choose one of --json, --jsonl, --csv, --count");
  }
  if (!r.stats.empty() && !s.json) throw UsageError("--stats: use it with --json");
  for (const auto& w : s.words) r.text += (r.text.empty() ? "" : " ") + w;
  if (!r.saved.empty()) {
    s.queries_file = saved_queries_file(s.queries_file);
    query::resolve_saved(r, query::load_saved_queries(s.queries_file), s.queries_file);
  }
  r.snippets = !s.no_snippets;
  r.limit = static_cast<uint32_t>(query::check_integer("limit", s.limit));
  r.offset = static_cast<uint32_t>(query::check_integer("offset", s.offset));
  r.facet_limit = static_cast<uint32_t>(query::check_integer("facet-limit", s.facet_limit));
  r.snippet.max_bytes = static_cast<size_t>(query::check_integer("snippet-length", s.snippet_length));
  // The taxonomy only checks topic: values: a query that cannot hold one
  // is run without reading it (a third of a one-word search's instructions).
  std::string lower = r.text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.find("topic:") != std::string::npos) r.topic_ids = taxonomy_topic_ids();
  if (size_t comma = s.highlight.find(','); comma != std::string::npos) {
    r.snippet.start = s.highlight.substr(0, comma);
    r.snippet.end = s.highlight.substr(comma + 1);
  } else {
    throw UsageError("--highlight: expected START,END, e.g. '<b>,</b>' or '[,]'");
  }
  if (s.csv && vm["highlight"].defaulted()) {
    // A spreadsheet shows markup as text: CSV snippets are plain unless
    // markers are asked for.
    r.snippet.start.clear();
    r.snippet.end.clear();
  }
  if (!count && !s.json && !s.jsonl && !s.csv && stdout_is_tty()) {
    // Plain table on a terminal: highlight with bold, not with markers.
    r.snippet.start = "\x01";
    r.snippet.end = "\x02";
  }
  query::validate(r);
}

// The results in the chosen output format.
std::string format_results(query::Index& index, const SearchSettings& s, const query::SearchResults& res) {
  std::string out;
  if (s.r.count_only) {
    out = std::to_string(res.count) + "\n";
  } else if (s.json) {
    out = reports::search_json(index, s.r, res);
  } else if (s.jsonl) {
    query::append_results_jsonl(out, res);
  } else if (s.csv) {
    query::append_results_csv(out, res);
  } else {
    query::TableOptions t;
    t.width = terminal_width();
    t.bold = stdout_is_tty();
    t.highlight_start = s.r.snippet.start;
    t.highlight_end = s.r.snippet.end;
    query::append_results_table(out, res, t);
  }
  return out;
}

int run(int argc, char** argv) {
  SearchSettings s;
  po::variables_map vm;
  if (!parse_settings(argc, argv, search_spec(), s, declare_search_options, vm, "query")) return kExitOk;
  complete_request(s, vm);
  auto index = open_index(s.db, s.oo, s.timeout, "search");
  const query::SearchResults res = query::search(index, s.r);
  if (s.explain) std::cerr << res.parsed << "\n";
  std::cout << format_results(index, s, res);
  std::cout.flush();
  if (!std::cout) throw Error("cannot write the results to standard output");
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("search", "search an index: query language, facets, snippets, JSON/CSV", run);

}  // namespace vigie::app
