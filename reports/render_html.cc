// HTML and Markdown renderers of the briefing (see render.h).
#include <algorithm>
#include <cctype>

#include "core/time.h"
#include "reports/format.h"
#include "reports/render.h"
#include "reports/svg.h"

namespace vigie::reports {
namespace {

using fmt::html;

constexpr std::string_view kCss = R"css(
:root{--fg:#1d232a;--muted:#5b6570;--line:#d9dee3;--accent:#4c78a8;--warn:#c0392b;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif}
main{max-width:960px;margin:0 auto;padding:16px;background:var(--bg)}
h1{font-size:1.6rem;margin:.2em 0}h2{font-size:1.3rem;margin:1.6em 0 .5em;border-bottom:2px solid var(--line);padding-bottom:.2em}
h3{font-size:1.1rem;margin:1.2em 0 .4em}
p,li{overflow-wrap:anywhere}
.meta{color:var(--muted);font-size:.9rem}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .big{font-size:1.6rem;font-weight:600}
.card .cmp{color:var(--muted);font-size:.85rem}
.up{color:#1e7b34}.down{color:var(--warn)}
svg{display:block;max-width:100%;height:auto}
svg.chart{width:100%;margin:8px 0}svg.chart.compact{display:none}
svg.bars{width:100%}
svg.spark{width:100px;height:24px}
svg.stance{width:100%;max-width:300px;height:16px;border-radius:3px}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:middle}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.topic{border-top:1px solid var(--line);padding-top:4px}
.badge{display:inline-block;padding:0 .5em;border-radius:4px;font-size:.8rem;font-weight:600}
.badge.spike{background:var(--warn);color:#fff}
.badge.calm{background:#e9ecef;color:var(--muted)}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:8px 16px}
.terms{padding-left:1.2em}
.example{border-left:3px solid var(--accent);padding:4px 10px;margin:8px 0}
.example .why{font-size:.8rem;text-transform:uppercase;color:var(--muted);letter-spacing:.03em}
.example a{overflow-wrap:anywhere}
.empty{border:2px dashed var(--line);padding:16px;border-radius:8px}
footer{color:var(--muted);font-size:.85rem;margin-top:24px}
@media (max-width:600px){main{padding:10px}body{font-size:15px}th,td{padding:3px 4px}
svg.chart.wide{display:none}svg.chart.compact{display:block}.ci,.wide-only{display:none}}
@media print{body{background:#fff}main{max-width:none;padding:0}
h2,h3,h4{break-after:avoid}.card,svg,tr,.example,.facts{break-inside:avoid}
.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.example a::after{content:" (" attr(href) ")";font-size:.8em;color:var(--muted)}
.table-wrap{overflow:visible}}
)css";

std::string delta_html(double now, double before, int decimals, std::string_view what) {
  const double d = now - before;
  std::string cls = d > 0 ? "up" : d < 0 ? "down" : "";
  return "<span class=\"" + cls + "\">" + fmt::signed_fixed(d, decimals) + "</span> " +
         std::string(what);
}

std::string sentiment_text(const Sentiment& s) {
  if (!s.mean) return "n/a (no scored documents)";
  std::string t = fmt::signed_fixed(*s.mean, 2);
  if (s.lo && s.hi) t += " (95% CI " + fmt::signed_fixed(*s.lo, 2) + " to " + fmt::signed_fixed(*s.hi, 2) + ")";
  t += ", n=" + fmt::grouped(s.n);
  return t;
}

// Both variants of a chart; CSS shows the compact one on phones.
std::string charts(const std::vector<SeriesEntry>& series, std::string_view title) {
  return svg::volume_sentiment_chart(series, title, false) +
         svg::volume_sentiment_chart(series, title, true);
}

// Mean with its interval in a span that phones hide to save width.
std::string sentiment_cell(const Sentiment& s) {
  if (!s.mean) return "n/a";
  std::string t = html(fmt::signed_fixed(*s.mean, 2));
  if (s.lo && s.hi)
    t += "<span class=\"ci\"> [" + fmt::signed_fixed(*s.lo, 2) + ", " + fmt::signed_fixed(*s.hi, 2) + "]</span>";
  return t;
}

std::string sentiment_short(const Sentiment& s) {
  if (!s.mean) return "n/a";
  std::string t = fmt::signed_fixed(*s.mean, 2);
  if (s.lo && s.hi) t += " [" + fmt::signed_fixed(*s.lo, 2) + ", " + fmt::signed_fixed(*s.hi, 2) + "]";
  return t;
}

std::string stance_text(const std::map<std::string, uint64_t>& stance) {
  uint64_t total = 0;
  for (const auto& [k, v] : stance) total += v;
  if (total == 0) return "no stance data";
  std::string t;
  for (const auto& [k, v] : stance)
    t += (t.empty() ? "" : ", ") + k + " " + fmt::percent(double(v) / double(total), 0) + " (" +
         std::to_string(v) + ")";
  return t;
}

std::string share_text(const Share& s) {
  if (!s.value) return "n/a";
  return fmt::percent(*s.value) + " (95% CI " + fmt::percent(*s.lo) + " to " + fmt::percent(*s.hi) +
         "; " + fmt::grouped(s.k) + " of " + fmt::grouped(s.n) + ")";
}

std::vector<uint64_t> counts_of(const std::vector<SeriesEntry>& s) {
  std::vector<uint64_t> v;
  v.reserve(s.size());
  for (const SeriesEntry& e : s) v.push_back(e.count);
  return v;
}

// Sparkline from block characters, for Markdown.
std::string text_spark(const std::vector<uint64_t>& v) {
  static const char* kBlocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
  uint64_t mx = 0;
  for (uint64_t x : v) mx = std::max(mx, x);
  std::string out;
  for (uint64_t x : v) out += kBlocks[mx ? std::min<uint64_t>(7, x * 7 / mx) : 0];
  return out;
}

std::string generated_line(const BriefingData& d) {
  return "Generated " + time::format_datetime(d.generated_at) + " by Vigie";
}

std::string html_breakdown(const std::vector<BreakdownRow>& rows, std::string_view key_name) {
  std::string s = "<div class=\"table-wrap\"><table><thead><tr><th>" + html(key_name) +
                  "</th><th class=\"num\">Documents</th><th class=\"num wide-only\">Previous week</th>"
                  "<th class=\"num\">Share</th><th>Sentiment<span class=\"ci\"> [95% CI]</span></th><th>12 weeks</th></tr>"
                  "</thead><tbody>";
  for (const BreakdownRow& r : rows) {
    s += "<tr><td>" + html(r.key) + "</td><td class=\"num\">" + fmt::grouped(r.count) +
         "</td><td class=\"num wide-only\">" + fmt::grouped(r.previous) + "</td><td class=\"num\">" +
         (r.share ? fmt::percent(*r.share) : std::string("n/a")) + "</td><td>" +
         sentiment_cell(r.sentiment) + "</td><td>" +
         svg::sparkline(r.weekly, std::string(key_name) + " " + r.key) + "</td></tr>";
  }
  return s + "</tbody></table></div>";
}

std::string html_method(const BriefingData& d) {
  const Method& m = d.method;
  std::string s = "<section id=\"method\"><h2>Method</h2><h3>Coverage</h3><ul>";
  s += "<li>Documents in the index: " + fmt::grouped(m.documents) + "</li>";
  s += "<li>Undated documents (not in any week): " + fmt::grouped(m.undated) + "</li>";
  s += "<li>Rejected records: " + fmt::grouped(m.rejected) + "</li>";
  std::string langs;
  for (const auto& [k, v] : m.languages) langs += (langs.empty() ? "" : ", ") + k + " " + fmt::grouped(v);
  s += "<li>Languages: " + html(langs.empty() ? "none" : langs) + "</li></ul>";
  s += "<h3>Versions</h3>";
  if (m.versions.empty()) {
    s += "<p>No model or taxonomy versions recorded.</p>";
  } else {
    s += "<ul>";
    for (const auto& [k, v] : m.versions) s += "<li>" + html(k) + ": " + html(v) + "</li>";
    s += "</ul>";
  }
  s += "<h3>Measured accuracy</h3><p>" + html(m.accuracy_note) + "</p>";
  if (m.accuracy_available) {
    s += "<div class=\"table-wrap\"><table><thead><tr><th>Language</th><th>Dataset</th>"
         "<th class=\"num\">Macro F1</th><th class=\"num\">Accuracy</th></tr></thead><tbody>";
    for (const auto& [lang, a] : m.accuracy)
      s += "<tr><td>" + html(lang) + "</td><td>" + html(a.dataset) + "</td><td class=\"num\">" +
           fmt::fixed_or(a.macro_f1, 3, "n/a") + "</td><td class=\"num\">" +
           fmt::fixed_or(a.accuracy, 3, "n/a") + "</td></tr>";
    s += "</tbody></table></div>";
  }
  s += "<h3>How the numbers are computed</h3><ul>";
  for (const std::string& t : method_text(m)) s += "<li>" + html(t) + "</li>";
  for (const std::string& t : m.notes) s += "<li>" + html(t) + "</li>";
  return s + "</ul></section>";
}

// A BCP 47-looking language tag ("en", "zh-Hant") or "" when the data has
// something else: the lang attribute picks fonts (CJK glyph variants) and
// voices, so a wrong value is worse than none.
std::string lang_attr(std::string_view lang) {
  if (lang.empty() || lang.size() > 16 || lang == "und") return "";
  for (char c : lang)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return "";
  return " lang=\"" + std::string(lang) + "\"";
}

std::string html_example(const Example& x) {
  // dir="auto" lets Arabic (or any right-to-left) text run right to left
  // inside the left-to-right page.
  std::string s = "<div class=\"example\"" + lang_attr(x.lang) +
                  " dir=\"auto\"><div class=\"why\" lang=\"en\" dir=\"ltr\">" + html(x.why) + "</div>";
  std::string head = x.title.empty() ? fmt::excerpt(x.excerpt, 90) : x.title;
  if (fmt::is_web_url(x.url))
    s += "<a href=\"" + html(x.url) + "\" rel=\"noopener noreferrer\">" + html(head) + "</a>";
  else
    s += "<strong>" + html(head) + "</strong>";
  if (!x.title.empty() && !x.excerpt.empty()) s += "<p>" + html(x.excerpt) + "</p>";
  std::string meta = x.date;
  for (const std::string* f : {&x.source, &x.kind, &x.lang})
    if (!f->empty()) meta += (meta.empty() ? "" : " · ") + *f;
  meta += (meta.empty() ? "" : " · ") + std::string("sentiment ") +
          (x.sentiment ? fmt::signed_fixed(*x.sentiment, 2) : std::string("n/a")) +
          (x.label.empty() ? "" : " " + x.label) + " · engagement " + std::to_string(x.engagement);
  return s + "<div class=\"meta\" dir=\"ltr\">" + html(meta) + "</div></div>";
}

}  // namespace

std::string render_html(const BriefingData& d) {
  std::string s;
  s.reserve(64 * 1024);
  s += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<meta name=\"generator\" content=\"Vigie\">"
       "<title>" + html(d.title + " " + d.week) + "</title><style>";
  s += kCss;
  s += "</style></head><body><main>\n<header><h1>" + html(d.title) + ": " + html(d.week) + "</h1>";
  s += "<p class=\"meta\">" + html(d.week_first) + " to " + html(d.week_last) + " (UTC)";
  if (!d.scope.empty()) s += " · scope: " + html(d.scope);
  s += " · " + html(generated_line(d)) + "</p></header>\n";

  if (d.empty_week) {
    s += "<section class=\"empty\" id=\"empty\"><h2>No data for this week</h2><p>The index holds no "
         "document dated in " + html(d.week) + " (" + html(d.week_first) + " to " +
         html(d.week_last) + ") under this briefing's filters, so there is nothing to report. "
         "Check that the week is right and that the feeds for it were indexed.</p></section>\n";
    s += html_method(d);
    s += "\n<footer>" + html(generated_line(d)) + "</footer></main></body></html>\n";
    return s;
  }

  const Headline& h = d.headline;
  s += "<section id=\"headline\"><h2>Headline</h2><div class=\"cards\">";
  s += "<div class=\"card\"><div>Documents</div><div class=\"big\">" + fmt::grouped(h.volume) +
       "</div><div class=\"cmp\">" + delta_html(double(h.volume), double(h.previous_volume), 0, "vs previous week") +
       "<br>" + delta_html(double(h.volume), h.baseline_volume, 0, "vs 12-week mean") + "</div></div>";
  s += "<div class=\"card\"><div>Unique stories</div><div class=\"big\">" + fmt::grouped(h.unique) +
       "</div><div class=\"cmp\">" + delta_html(double(h.unique), double(h.previous_unique), 0, "vs previous week") +
       "<br>" + delta_html(double(h.unique), h.baseline_unique, 0, "vs 12-week mean") + "</div></div>";
  s += "<div class=\"card\"><div>Sentiment</div><div class=\"big\">" +
       (h.sentiment.mean ? fmt::signed_fixed(*h.sentiment.mean, 2) : std::string("n/a")) +
       "</div><div class=\"cmp\">" + html(sentiment_text(h.sentiment)) + "<br>previous week " +
       html(sentiment_short(h.previous_sentiment)) + "<br>12-week baseline " +
       html(sentiment_short(h.baseline_sentiment)) + "</div></div></div>";
  if (!h.series.empty()) s += charts(h.series, "All documents");
  if (!h.movers.empty()) {
    s += "<h3>Biggest movers</h3><div class=\"table-wrap\"><table><thead><tr><th>Topic</th>"
         "<th class=\"num\">This week</th><th class=\"num\">Previous</th><th class=\"num\">Change</th>"
         "<th class=\"num wide-only\">12-week mean</th></tr></thead><tbody>";
    for (const Mover& m : h.movers)
      s += "<tr><td><a href=\"#topic-" + html(m.id) + "\">" + html(m.label) + "</a></td><td class=\"num\">" +
           fmt::grouped(m.count) + "</td><td class=\"num\">" + fmt::grouped(m.previous) +
           "</td><td class=\"num\">" + fmt::signed_fixed(m.change, 0) + "</td><td class=\"num wide-only\">" +
           fmt::fixed(m.baseline, 1) + "</td></tr>";
    s += "</tbody></table></div>";
  }
  s += "</section>\n";

  s += "<section id=\"topics\"><h2>Topics</h2>";
  if (d.topics.empty()) {
    s += "<p>No topic had documents this week.</p>";
  } else {
    s += "<div class=\"table-wrap\"><table><thead><tr><th>Topic</th><th class=\"num\">Documents</th>"
         "<th class=\"num\">Share of voice</th><th>Sentiment<span class=\"ci\"> [95% CI]</span></th><th>12 weeks</th><th>Spike</th>"
         "</tr></thead><tbody>";
    for (const TopicSection& t : d.topics) {
      const uint64_t count = t.series.empty() ? 0 : t.series.back().count;
      const Sentiment sent = t.series.empty() ? Sentiment{} : t.series.back().sentiment;
      s += "<tr><td><a href=\"#topic-" + html(t.id) + "\">" + html(t.label) + "</a></td><td class=\"num\">" +
           fmt::grouped(count) + "</td><td class=\"num\">" +
           (t.share_of_voice.value ? fmt::percent(*t.share_of_voice.value) : std::string("n/a")) +
           "</td><td>" + sentiment_cell(sent) + "</td><td>" +
           svg::sparkline(counts_of(t.series), t.label) + "</td><td>" +
           (t.spike ? "<span class=\"badge spike\">spike " + fmt::fixed(t.score, 1) + "</span>"
                    : "<span class=\"badge calm\">no</span>") +
           "</td></tr>";
    }
    s += "</tbody></table></div>";
  }
  for (const TopicSection& t : d.topics) {
    s += "\n<section class=\"topic\" id=\"topic-" + html(t.id) + "\"><h3>" + html(t.label) + " " +
         (t.spike ? "<span class=\"badge spike\">spike</span>" : "") + "</h3>";
    s += charts(t.series, t.label);
    const Sentiment sent = t.series.empty() ? Sentiment{} : t.series.back().sentiment;
    s += "<div class=\"facts\"><div><strong>Share of voice:</strong> " + html(share_text(t.share_of_voice)) +
         "</div><div><strong>Sentiment:</strong> " + html(sentiment_text(sent)) +
         "</div><div><strong>Stance:</strong> " + html(stance_text(t.stance)) +
         svg::stance_bar(t.stance, t.label + " stance") + "</div><div><strong>Spike:</strong> " +
         (t.spike ? "yes" : "no") + ", score " + fmt::fixed(t.score, 2) + "</div></div>";
    s += "<h4>Emerging terms</h4>";
    if (t.emerging_terms.empty()) {
      s += "<p>No term is significantly more frequent than in the previous 12 weeks.</p>";
    } else {
      s += "<ol class=\"terms\">";
      for (const EmergingTermEntry& e : t.emerging_terms)
        s += "<li><bdi>" + html(e.term) + "</bdi> <span class=\"meta\">G2 " + fmt::fixed(e.score, 1) + "; " +
             std::to_string(e.count) + " this week, " + std::to_string(e.baseline_count) +
             " in the baseline</span></li>";
      s += "</ol>";
    }
    s += "<h4>Examples</h4>";
    if (t.examples.empty()) s += "<p>No example documents.</p>";
    for (const Example& x : t.examples) s += html_example(x);
    s += "</section>";
  }
  s += "</section>\n";

  s += "<section id=\"breakdowns\"><h2>Breakdowns</h2><h3>By language</h3>";
  std::vector<std::pair<std::string, uint64_t>> lang_rows;
  for (const BreakdownRow& r : d.languages) lang_rows.emplace_back(r.key, r.count);
  if (!lang_rows.empty()) s += svg::bars(lang_rows, "Documents by language this week");
  s += html_breakdown(d.languages, "Language");
  s += "<h3>By kind of source</h3>" + html_breakdown(d.kinds, "Kind") + "</section>\n";
  s += html_method(d);
  s += "\n<footer>" + html(generated_line(d)) + ". Charts: bars are document counts; the green line "
       "is mean sentiment with its 95% confidence band; red bars mark spikes.</footer></main></body></html>\n";
  return s;
}

std::string render_markdown(const BriefingData& d) {
  using fmt::markdown;
  std::string s = "# " + markdown(d.title) + ": " + markdown(d.week) + "\n\n";
  s += markdown(d.week_first) + " to " + markdown(d.week_last) + " (UTC)";
  if (!d.scope.empty()) s += ", scope: " + markdown(d.scope);
  s += ". " + markdown(generated_line(d)) + ".\n\n";
  auto method = [&] {
    const Method& m = d.method;
    std::string t = "## Method\n\n### Coverage\n\n";
    t += "- Documents in the index: " + fmt::grouped(m.documents) + "\n";
    t += "- Undated documents (not in any week): " + fmt::grouped(m.undated) + "\n";
    t += "- Rejected records: " + fmt::grouped(m.rejected) + "\n";
    std::string langs;
    for (const auto& [k, v] : m.languages) langs += (langs.empty() ? "" : ", ") + k + " " + fmt::grouped(v);
    t += "- Languages: " + markdown(langs.empty() ? "none" : langs) + "\n\n### Versions\n\n";
    if (m.versions.empty()) t += "No model or taxonomy versions recorded.\n";
    for (const auto& [k, v] : m.versions) t += "- " + markdown(k) + ": " + markdown(v) + "\n";
    t += "\n### Measured accuracy\n\n" + markdown(m.accuracy_note) + "\n\n";
    if (m.accuracy_available) {
      t += "| Language | Dataset | Macro F1 | Accuracy |\n|---|---|---:|---:|\n";
      for (const auto& [lang, a] : m.accuracy)
        t += "| " + markdown(lang) + " | " + markdown(a.dataset) + " | " + fmt::fixed_or(a.macro_f1, 3, "n/a") +
             " | " + fmt::fixed_or(a.accuracy, 3, "n/a") + " |\n";
      t += "\n";
    }
    t += "### How the numbers are computed\n\n";
    for (const std::string& x : method_text(m)) t += "- " + markdown(x) + "\n";
    for (const std::string& x : m.notes) t += "- " + markdown(x) + "\n";
    return t;
  };
  if (d.empty_week) {
    s += "## No data for this week\n\nThe index holds no document dated in " + markdown(d.week) +
         " under this briefing's filters, so there is nothing to report.\n\n";
    return s + method();
  }
  const Headline& h = d.headline;
  s += "## Headline\n\n| | This week | Previous week | 12-week mean |\n|---|---:|---:|---:|\n";
  s += "| Documents | " + fmt::grouped(h.volume) + " | " + fmt::grouped(h.previous_volume) + " | " +
       fmt::fixed(h.baseline_volume, 1) + " |\n";
  s += "| Unique stories | " + fmt::grouped(h.unique) + " | " + fmt::grouped(h.previous_unique) + " | " +
       fmt::fixed(h.baseline_unique, 1) + " |\n";
  s += "| Sentiment [95% CI] | " + markdown(sentiment_short(h.sentiment)) + " | " +
       markdown(sentiment_short(h.previous_sentiment)) + " | " + markdown(sentiment_short(h.baseline_sentiment)) +
       " |\n\n";
  if (!h.series.empty()) s += "12 weeks: " + text_spark(counts_of(h.series)) + "\n\n";
  if (!h.movers.empty()) {
    s += "### Biggest movers\n\n| Topic | This week | Previous | Change | 12-week mean |\n|---|---:|---:|---:|---:|\n";
    for (const Mover& m : h.movers)
      s += "| " + markdown(m.label) + " | " + fmt::grouped(m.count) + " | " + fmt::grouped(m.previous) + " | " +
           fmt::signed_fixed(m.change, 0) + " | " + fmt::fixed(m.baseline, 1) + " |\n";
    s += "\n";
  }
  s += "## Topics\n\n";
  if (d.topics.empty()) s += "No topic had documents this week.\n\n";
  for (const TopicSection& t : d.topics) {
    const Sentiment sent = t.series.empty() ? Sentiment{} : t.series.back().sentiment;
    s += "### " + markdown(t.label) + (t.spike ? " (spike)" : "") + "\n\n";
    s += "- 12 weeks: " + text_spark(counts_of(t.series)) + " (" +
         fmt::grouped(t.series.empty() ? 0 : t.series.back().count) + " this week)\n";
    s += "- Share of voice: " + markdown(share_text(t.share_of_voice)) + "\n";
    s += "- Sentiment: " + markdown(sentiment_text(sent)) + "\n";
    s += "- Stance: " + markdown(stance_text(t.stance)) + "\n";
    s += "- Spike: " + std::string(t.spike ? "yes" : "no") + ", score " + fmt::fixed(t.score, 2) + "\n\n";
    if (!t.emerging_terms.empty()) {
      s += "Emerging terms: ";
      for (size_t i = 0; i < t.emerging_terms.size(); ++i)
        s += (i ? ", " : "") + markdown(t.emerging_terms[i].term) + " (G2 " +
             fmt::fixed(t.emerging_terms[i].score, 1) + ")";
      s += "\n\n";
    }
    for (const Example& x : t.examples) {
      std::string head = markdown(x.title.empty() ? fmt::excerpt(x.excerpt, 90) : x.title);
      s += "- *" + markdown(x.why) + "*: ";
      if (fmt::is_web_url(x.url)) {
        std::string url = x.url;
        // Parentheses and spaces would end a Markdown link early.
        std::string safe;
        for (char c : url) safe += c == '(' ? "%28" : c == ')' ? "%29" : std::string(1, c);
        s += "[" + head + "](" + safe + ")";
      } else {
        s += head;
      }
      s += " (" + markdown(x.date) + (x.source.empty() ? "" : ", " + markdown(x.source)) + ", " +
           markdown(x.lang) + ", sentiment " + (x.sentiment ? fmt::signed_fixed(*x.sentiment, 2) : "n/a") +
           (x.label.empty() ? "" : " " + x.label) + ", engagement " + std::to_string(x.engagement) + ")\n";
    }
    if (!t.examples.empty()) s += "\n";
  }
  auto breakdown = [&](const std::vector<BreakdownRow>& rows, std::string_view name) {
    std::string t = "| " + std::string(name) + " | Documents | Previous | Share | Sentiment [95% CI] | 12 weeks |\n"
                    "|---|---:|---:|---:|---|---|\n";
    for (const BreakdownRow& r : rows)
      t += "| " + markdown(r.key) + " | " + fmt::grouped(r.count) + " | " + fmt::grouped(r.previous) + " | " +
           (r.share ? fmt::percent(*r.share) : "n/a") + " | " + markdown(sentiment_short(r.sentiment)) + " | " +
           text_spark(r.weekly) + " |\n";
    return t + "\n";
  };
  s += "## Breakdowns\n\n### By language\n\n" + breakdown(d.languages, "Language");
  s += "### By kind of source\n\n" + breakdown(d.kinds, "Kind");
  return s + method();
}

}  // namespace vigie::reports
