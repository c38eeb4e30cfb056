// Renderers of the weekly briefing and of `vigie trends` output.
//
// All renderers are pure functions of their input: the same BriefingData
// gives byte-identical output (fixed decimals, no locale, maps iterated in
// key order, the only time shown is BriefingData::generated_at).
//
//  * render_html: ONE self-contained file: inline CSS (responsive, with
//    print rules), inline SVG charts, no script, no font or URL fetched;
//    the only URLs are the example documents' own http(s) links. Every
//    string from the data is HTML-escaped.
//  * render_markdown: the same sections as text (Unicode sparklines).
//  * render_json: everything the other formats show; layout in
//    docs/report.md ("week", "topics"[{"id","label","series","spike",
//    "emerging_terms","examples",...}], "languages", "method", ...).
//  * render_csv: one table per file name (headline.csv, topics.csv,
//    series.csv, languages.csv, kinds.csv, emerging_terms.csv,
//    examples.csv, movers.csv).
//
// A briefing with empty_week set renders as a short report that says the
// week has no data (plus the coverage part of the method section).
//
// Thread safety: pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/json.h"
#include "reports/briefing.h"

namespace vigie::reports {

std::string render_html(const BriefingData& data);
std::string render_markdown(const BriefingData& data);
std::string render_json(const BriefingData& data);
std::map<std::string, std::string> render_csv(const BriefingData& data);

// Writes report.html, report.md, report.json and the CSV tables into `dir`
// (created if missing). Returns the paths written, in order. Throws
// vigie::Error when a file cannot be written.
std::vector<std::string> write_briefing(const BriefingData& data, const std::string& dir);

// `vigie trends --json`: {"series": [{"period", "count", "unique", "share",
// "sentiment": {"mean", "ci95": [lo, hi], "positive", "neutral",
// "negative"}, "stance": {...}, "spike", "score"}, ...]} plus "query" and
// "by". Absent numbers are null.
std::string render_trends_json(const Trends& trends);
// `vigie trends --csv`: one header row, one row per period; stance columns
// stance_<label> for every label seen, sorted.
std::string render_trends_csv(const Trends& trends);

// {"n", "mean", "ci95": [lo, hi] | null, "positive", "neutral", "negative"},
// as every sentiment summary of the briefing and of trends is written.
void write_sentiment(json::JsonWriter& w, const Sentiment& s);

// The standard "how the numbers are computed" paragraphs (shared by every
// format, and by docs/report.md), with the parameters m records.
std::vector<std::string> method_text(const Method& m);

}  // namespace vigie::reports
