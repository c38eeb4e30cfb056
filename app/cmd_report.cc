// vigie report: the weekly briefing. Reads the index through
// reports/collect.h into reports::BriefingData and writes it with the
// renderers of reports/render.h (HTML, Markdown, JSON, CSV).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "analytics/topics/taxonomy.h"
#include "app/command.h"
#include "core/errors.h"
#include "core/schema.h"
#include "query/index.h"
#include "query/query_builder.h"
#include "query/saved_queries.h"
#include "reports/collect.h"
#include "reports/render.h"

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

// --topics FILE: a taxonomy JSON file (its topics, in its order), or topic
// ids one per line ('#' comments) looked up in the default taxonomy.
std::vector<reports::SectionSpec> topic_sections(const std::string& topics_file, const std::string& taxonomy_file) {
  std::vector<const topics::Topic*> chosen;
  std::optional<topics::Taxonomy> tax;
  std::string content;
  if (!topics_file.empty()) content = read_file(topics_file);
  const size_t first = content.find_first_not_of(" \t\r\n");
  if (!topics_file.empty() && first != std::string::npos && content[first] == '{') {
    tax = topics::Taxonomy::parse(content, topics_file);
    for (const auto& t : tax->topics()) chosen.push_back(&t);
  } else {
    tax = topics::Taxonomy::load(taxonomy_file);
    if (topics_file.empty()) {
      for (const auto& t : tax->topics()) chosen.push_back(&t);
    } else {
      std::istringstream in(content);
      std::string line;
      while (std::getline(in, line)) {
        const size_t b = line.find_first_not_of(" \t\r");
        if (b == std::string::npos || line[b] == '#') continue;
        const size_t e = line.find_last_not_of(" \t\r");
        std::string id = line.substr(b, e - b + 1);
        const topics::Topic* t = tax->find(id);
        if (!t) throw UsageError("--topics: no topic '" + id + "' in " + taxonomy_file);
        chosen.push_back(t);
      }
    }
  }
  std::vector<reports::SectionSpec> out;
  for (const topics::Topic* t : chosen)
    out.push_back({t->id, t->label("en"), Xapian::Query(schema::boolean_term(schema::prefix::kTopic, t->id)), true});
  return out;
}

int run(int argc, char** argv) {
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
      "      --topics my-topics.txt --saved corpora/queries/saved.json\n\n"
      "--topics FILE: topic ids one per line (from the taxonomy), or a taxonomy JSON file.\n"
      "--saved FILE: every saved query in FILE becomes one more section (its name, its\n"
      "description as label).\n"
      "--accuracy FILE: JSON written by `vigie eval --write-accuracy` ({\"en\": {\"dataset\",\n"
      "\"macro_f1\", \"accuracy\"}, ...}); default corpora/sentiment/accuracy.json when present.\n"
      "Rejected records: the lines of DIR/rejects.log when the index directory has one.\n\n"
      "Exit status: 0 written (also for an empty week), 1 index or write error, 2 usage.";

  std::string db, week, out, topics_file, saved_file, accuracy, taxonomy;
  size_t weeks = 12, n_examples = 3;
  unsigned timeout = 5000;
  reports::BriefingOptions bo;
  po::options_description opts("Options");
  opts.add_options()
      ("db", po::value(&db)->required(), "index directory, or stub file of local/remote shards")
      ("week", po::value(&week)->required(), "ISO week of the report, e.g. 2019-W11")
      ("out", po::value(&out)->required(), "directory to write into (created if missing)")
      ("topics", po::value(&topics_file), "topics to report (ids one per line, or a taxonomy JSON);\n"
                                          "default: every topic of the taxonomy")
      ("saved", po::value(&saved_file), "saved queries file: each query is one more section")
      ("accuracy", po::value(&accuracy), "per-language accuracy JSON from `vigie eval\n"
                                         "--write-accuracy`; default corpora/sentiment/accuracy.json")
      ("taxonomy", po::value(&taxonomy), "taxonomy file; default corpora/taxonomy/drug-policy.json")
      ("weeks", po::value(&weeks)->default_value(12), "weeks shown in each series (ending with --week)")
      ("examples", po::value(&n_examples)->default_value(3), "example documents per topic (0..3)")
      ("spike-threshold", po::value(&bo.spikes.threshold)->default_value(bo.spikes.threshold),
       "minimum spike score (see vigie trends --help)")
      ("emerging-min-count", po::value(&bo.emerging.min_count)->default_value(bo.emerging.min_count),
       "minimum documents with a term in the week")
      ("emerging-min-g2", po::value(&bo.emerging.min_g2)->default_value(bo.emerging.min_g2),
       "minimum log-likelihood G2 (10.83: p < 0.001)")
      ("emerging-limit", po::value(&bo.emerging.limit)->default_value(10), "emerging terms per topic")
      ("remote-timeout", po::value(&timeout)->default_value(5000), "milliseconds to wait for a remote shard");
  po::positional_options_description pos;
  po::variables_map vm;
  if (!parse(argc, argv, spec, opts, pos, vm)) return kExitOk;
  if (weeks < 2 || weeks > 104) throw UsageError("--weeks: expected 2 .. 104");
  if (n_examples > 3) throw UsageError("--examples: expected 0 .. 3");

  if (taxonomy.empty()) taxonomy = (fs::path(corpora_dir()) / "taxonomy" / "drug-policy.json").string();
  bo.week = week;
  bo.weeks = weeks;
  bo.history_weeks = std::max<size_t>(24, 2 * weeks);
  bo.examples = n_examples;
  bo.sections = topic_sections(topics_file, taxonomy);
  bo.generated_at = reports::generation_time();

  query::OpenOptions oo;
  oo.remote_connect_timeout_ms = timeout;
  auto index = query::Index::open(db, oo);
  for (const auto& w : index.warnings()) std::cerr << "vigie report: warning: " << w << "\n";

  if (!saved_file.empty()) {
    query::QueryBuilder builder;
    for (const auto& s : query::load_saved_queries(saved_file)) {
      const bool multi = s.lang.empty() || s.lang == "und";
      Xapian::Query q = builder.build(s.query, s.lang, multi ? index.languages() : std::vector<std::string>{});
      if (!multi) q = Xapian::Query(Xapian::Query::OP_FILTER, q, reports::filter_query(s.lang, ""));
      bo.sections.push_back({s.name, s.description.empty() ? s.name : s.description, q, false});
    }
  }
  std::error_code ec;
  if (fs::is_directory(db, ec) && fs::exists(fs::path(db) / "rejects.log", ec))
    bo.rejects_log = (fs::path(db) / "rejects.log").string();
  // The default file may be missing: load_accuracy then notes where it
  // looked, and the briefing is still written.
  if (accuracy.empty()) accuracy = (fs::path(corpora_dir()) / "sentiment" / "accuracy.json").string();
  bo.accuracy_file = accuracy;

  reports::BriefingData data = reports::build_briefing(index, bo);
  std::vector<std::string> written = reports::write_briefing(data, out);
  if (data.empty_week)
    std::cerr << "vigie report: no documents in " << data.week << " (" << data.week_first << " .. "
              << data.week_last << "): wrote a short report\n";
  std::cerr << "vigie report: wrote " << written.size() << " files to " << out << "\n";
  std::cout << (fs::path(out) / "report.html").string() << "\n";
  std::cout.flush();
  return kExitOk;
}

}  // namespace

VIGIE_COMMAND("report", "the weekly briefing: HTML, Markdown, JSON and CSV for one ISO week", run);

}  // namespace vigie::app
