// vigie report: the weekly briefing. Parses options into a
// reports::BriefingRequest, builds reports::BriefingData and writes it with
// the renderers of reports/render.h (HTML, Markdown, JSON, CSV).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analytics/topics/taxonomy.h"
#include "app/command.h"
#include "app/shard_options.h"
#include "core/errors.h"
#include "query/index.h"
#include "query/limits.h"
#include "query/saved_queries.h"
#include "reports/collect.h"
#include "reports/render.h"
#include "reports/requests.h"

namespace vigie::app {
namespace {

namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CliSpec report_spec() {
  CliSpec spec;
  spec.usage = "vigie report --db DIR --week 2019-W11 --out DIR [options]";
  spec.description =
      "Writes the weekly briefing for one ISO week: report.html (one self-contained file,\n"
      "inline CSS and SVG), report.md, report.json and CSV tables, into --out.\n"
      "Contents: headline (volume, unique stories, sentiment against the previous week\n"
      "and the 11 weeks before, biggest movers); per topic a 12-week series with CI band,\n"
      "share of voice, stance, spike flag, emerging terms and example documents;\n"
      "breakdowns by language and kind; method (coverage, versions, accuracy).\n"
      "The same index and arguments give byte-identical files; the generation time is\n"
      "$SOURCE_DATE_EPOCH when set, else now. A week without documents gives a short\n"
      "report that says so (exit 0). Prints the path of report.html.";
  spec.epilog =
      "Examples:\n"
      "  vigie report --db out/sample/index --week 2019-W11 --out out/sample/report\n"
      "  SOURCE_DATE_EPOCH=1552867200 vigie report --db idx --week 2019-W11 --out r \\\n"
      "      --topics my-topics.txt --saved harm-reduction --saved cannabis-legalisation\n"
      "  vigie report --db idx --week 2019-W11 --out r --queries team.json --all-saved\n"
      "  vigie report --db idx --week 2019-W11 --out r-es --lang es --tz America/Mexico_City\n\n"
      "--topics FILE: topic ids one per line (from the taxonomy), or a taxonomy JSON file.\n"
      "--saved NAME: the saved query NAME of --queries FILE becomes one more section (its\n"
      "name, its description as label); --all-saved: every query of the file does.\n"
      "(--saved FILE, the older form, still reads as --queries FILE --all-saved.)\n"
      "--accuracy FILE: JSON written by `vigie eval --write-accuracy` ({\"en\": {\"dataset\",\n"
      "\"macro_f1\", \"accuracy\"}, ...}); default corpora/sentiment/accuracy.json when present.\n"
      "Rejected records: the lines of DIR/rejects.log when the index directory has one.\n\n"
      "Exit status: 0 written (also for an empty week), 1 index or write error, 2 usage.";
  return spec;
}

// Every option of vigie report, as given; the briefing request's fields are
// bound directly.
struct ReportSettings {
  std::string db, week, out, topics_file, queries_file, accuracy, taxonomy;
  std::vector<std::string> saved;
  // Signed, so that "-1" is refused rather than wrapped; ranges: query/limits.h.
  int64_t weeks = 12, n_examples = 3, timeout = 5000, emerging_limit = 10;
  query::OpenOptions oo;
  reports::BriefingRequest bo;
  int64_t emerging_min_count = static_cast<int64_t>(bo.emerging.min_count);
};

void declare_report_options(po::options_description& opts, ReportSettings& s) {
  reports::BriefingRequest& bo = s.bo;
  opts.add_options()
      ("db", po::value(&s.db)->required(), "index directory, or stub file of local/remote shards")
      ("week", po::value(&s.week)->required(), "ISO week of the report, e.g. 2019-W11")
      ("out", po::value(&s.out)->required(), "directory to write into (created if missing)")
      ("topics", po::value(&s.topics_file), "topics to report (ids one per line, or a taxonomy JSON);\n"
                                          "default: every topic of the taxonomy")
      ("saved", po::value(&s.saved)->composing(),
       (std::string(kSavedHelp) + ": one more section; repeatable").c_str())
      ("all-saved", "every query of --queries: one more section each")
      ("queries", po::value(&s.queries_file), kQueriesHelp)
      ("accuracy", po::value(&s.accuracy), "per-language accuracy JSON from `vigie eval\n"
                                         "--write-accuracy`; default corpora/sentiment/accuracy.json")
      ("taxonomy", po::value(&s.taxonomy), "taxonomy file; default corpora/taxonomy/drug-policy.json")
      ("lang", po::value(&bo.lang), "only documents in this language (ISO 639-1), saved queries parsed in\n"
                                  "it, as in search and trends; default: every language")
      ("tz", po::value(&bo.tz), "time zone of the weeks and of the printed dates (UTC, +01:00,\n"
                              "Asia/Tokyo); default UTC. report.json then has \"tz\" and \"utc_offset\"")
      ("weeks", po::value(&s.weeks)->default_value(12), ("weeks shown in each series (ending with --week), " + query::range_text("weeks")).c_str())
      ("examples", po::value(&s.n_examples)->default_value(3), "example documents per topic (0..3)")
      ("spike-threshold", po::value(&bo.spikes.threshold)->default_value(bo.spikes.threshold),
       "minimum spike score (see vigie trends --help)")
      ("emerging-min-count", po::value(&s.emerging_min_count)->default_value(s.emerging_min_count),
       "minimum documents with a term in the week")
      ("emerging-min-g2", po::value(&bo.emerging.min_g2)->default_value(bo.emerging.min_g2),
       "minimum log-likelihood G2 (10.83: p < 0.001)")
      ("emerging-limit", po::value(&s.emerging_limit)->default_value(10), "emerging terms per topic")
      ("remote-timeout", po::value(&s.timeout)->default_value(5000), "milliseconds to wait for a remote shard");
  add_shard_options(opts, s.oo);
}

// The saved-query sections: --saved NAME (repeatable) and --all-saved.
void add_saved_sections(ReportSettings& s, bool all_saved) {
  // The older form --saved FILE (every query of FILE) keeps working: a value
  // that is an existing file and no --queries.
  std::error_code ec;
  if (s.saved.size() == 1 && s.queries_file.empty() && fs::is_regular_file(s.saved[0], ec)) {
    std::cerr << "vigie report: note: reading --saved " << s.saved[0] << " as --queries " << s.saved[0]
              << " --all-saved\n";
    s.queries_file = s.saved[0];
    s.saved.clear();
    all_saved = true;
  }
  if (all_saved || !s.saved.empty()) {
    s.queries_file = saved_queries_file(s.queries_file);
    const auto all = query::load_saved_queries(s.queries_file);
    if (all_saved) s.bo.saved = all;
    for (const auto& name : s.saved) s.bo.saved.push_back(query::find_saved_query(all, name, s.queries_file));
  }
}

// The checked ranges and the files the briefing reads into s.bo; `tax`
// must outlive it.
void complete_briefing_request(ReportSettings& s, const po::variables_map& vm, const topics::Taxonomy& tax) {
  reports::BriefingRequest& bo = s.bo;
  bo.week = s.week;
  bo.bands = sentiment_bands();
  bo.taxonomy = &tax;
  bo.taxonomy_file = s.taxonomy;
  if (!s.topics_file.empty()) {
    bo.topics_text = read_file(s.topics_file);
    bo.topics_origin = s.topics_file;
  }
  add_saved_sections(s, vm.count("all-saved") > 0);
  bo.generated_at = reports::generation_time();
  std::error_code ec;
  if (fs::is_directory(s.db, ec) && fs::exists(fs::path(s.db) / "rejects.log", ec))
    bo.rejects_log = (fs::path(s.db) / "rejects.log").string();
  // The default file may be missing: load_accuracy then notes where it
  // looked, and the briefing is still written.
  if (s.accuracy.empty()) s.accuracy = default_accuracy_file();
  bo.accuracy_file = s.accuracy;
}

int run(int argc, char** argv) {
  ReportSettings s;
  po::variables_map vm;
  if (!parse_settings(argc, argv, report_spec(), s, declare_report_options, vm)) return kExitOk;
  reports::BriefingRequest& bo = s.bo;
  bo.weeks = static_cast<size_t>(query::check_integer("weeks", s.weeks));
  bo.examples = static_cast<size_t>(query::check_integer("examples", s.n_examples));
  query::check_number("spike-threshold", bo.spikes.threshold);
  bo.emerging.min_count = static_cast<uint64_t>(query::check_integer("emerging-min-count", s.emerging_min_count));
  query::check_number("emerging-min-g2", bo.emerging.min_g2);
  bo.emerging.limit = static_cast<size_t>(query::check_integer("emerging-limit", s.emerging_limit));
  if (s.taxonomy.empty()) s.taxonomy = default_taxonomy_file();
  const topics::Taxonomy tax = topics::Taxonomy::load(s.taxonomy);
  complete_briefing_request(s, vm, tax);

  auto index = open_index(s.db, s.oo, s.timeout, "report");
  reports::BriefingData data = reports::build_briefing(index, reports::briefing_options(index, bo));
  std::vector<std::string> written = reports::write_briefing(data, s.out);
  if (data.empty_week)
    std::cerr << "vigie report: no documents in " << data.week << " (" << data.week_first << " .. "
              << data.week_last << "): wrote a short report\n";
  std::cerr << "vigie report: wrote " << written.size() << " files to " << s.out << "\n";
  std::cout << (fs::path(s.out) / "report.html").string() << "\n";
  std::cout.flush();
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("report", "the weekly briefing: HTML, Markdown, JSON and CSV for one ISO week", run);

}  // namespace vigie::app
