#include "query/format.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "core/json.h"
#include "core/text/normalize.h"
#include "core/text/width.h"

namespace vigie::query {
namespace {

void write_hit(json::JsonWriter& w, const Hit& h) {
  w.begin_object();
  w.key("id").value(h.id);
  w.key("date").value(h.date);
  w.key("lang").value(h.lang);
  w.key("kind").value(h.kind);
  w.key("source").value(h.source);
  w.key("author").value(h.author);
  w.key("title").value(h.title);
  w.key("url").value(h.url);
  w.key("snippet").value(h.snippet);
  w.key("rank").value(static_cast<uint64_t>(h.rank));
  w.key("relevance").value(h.percent);
  w.key("weight").fixed(h.weight, 4);
  w.key("sentiment").fixed_or_null(h.sentiment, 4);
  w.key("label").value(h.label);
  w.key("stance").value(h.stance);
  w.key("topics").begin_array();
  for (const auto& t : h.topics) w.value(t);
  w.end_array();
  w.key("collapsed").value(static_cast<uint64_t>(h.collapsed));
  w.key("stance_lean").value(h.stance_lean);
  w.key("aspects").begin_object();
  for (const auto& [topic, s] : h.aspects) w.key(topic).fixed(s, 4);
  w.end_object();
  w.key("cluster_id").value(h.cluster_id);
  w.key("cluster_size").value(h.cluster_size);
  w.end_object();
}

// Cuts s to at most `cols` terminal columns (CJK characters take two), with
// "..." when cut.
std::string fit(std::string_view s, size_t cols) {
  if (text::display_width(s) <= cols) return std::string(s);
  const size_t budget = cols > 3 ? cols - 3 : 0;
  size_t used = 0, i = 0;
  while (i < s.size()) {
    size_t j = i + 1;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    const size_t w = text::display_width(s.substr(i, j - i));
    if (used + w > budget) break;
    used += w;
    i = j;
  }
  return std::string(s.substr(0, i)) + "...";
}

// The five entities Highlighter::snippet writes, back to characters.
std::string html_unescape(std::string_view s) {
  static constexpr std::pair<std::string_view, char> kEntities[] = {
      {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    bool done = false;
    if (s[i] == '&') {
      for (auto [e, c] : kEntities) {
        if (s.compare(i, e.size(), e) == 0) {
          out.push_back(c);
          i += e.size();
          done = true;
          break;
        }
      }
    }
    if (!done) out.push_back(s[i++]);
  }
  return out;
}

// A snippet for the terminal: its HTML escapes undone, control characters
// made visible, and the highlight markers replaced by `on` and `off`.
std::string terminal_snippet(std::string_view s, const TableOptions& o) {
  const std::string_view on = o.bold ? "\x1b[1m" : "*", off = o.bold ? "\x1b[0m" : "*";
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t a = o.highlight_start.empty() ? std::string_view::npos : s.find(o.highlight_start, pos);
    size_t b = o.highlight_end.empty() ? std::string_view::npos : s.find(o.highlight_end, pos);
    const size_t next = std::min(a, b);
    out += text::printable(html_unescape(s.substr(pos, next == std::string_view::npos ? next : next - pos)), false);
    if (next == std::string_view::npos) break;
    out += next == a ? on : off;
    pos = next + (next == a ? o.highlight_start.size() : o.highlight_end.size());
  }
  return out;
}

}  // namespace

void append_hit_json(std::string& out, const Hit& hit) {
  json::JsonWriter w(out);
  write_hit(w, hit);
}

void append_results_json(std::string& out, const SearchResults& r,
                         const std::function<void(json::JsonWriter&)>& more) {
  json::JsonWriter w(out);
  w.begin_object();
  w.key("count").value(r.count);
  w.key("results").begin_array();
  for (const auto& h : r.hits) write_hit(w, h);
  w.end_array();
  w.key("facets").begin_object();
  for (const auto& f : r.facets) {
    w.key(f.field).begin_object();
    for (const auto& v : f.values) w.key(v.value).value(v.count);
    w.end_object();
  }
  w.end_object();
  if (!r.warnings.empty()) {
    w.key("warnings").begin_array();
    for (const auto& m : r.warnings) w.value(m);
    w.end_array();
  }
  if (more) more(w);
  w.end_object();
  out.push_back('\n');
}

void append_results_jsonl(std::string& out, const SearchResults& r) {
  for (const auto& h : r.hits) {
    append_hit_json(out, h);
    out.push_back('\n');
  }
}

std::string csv_field(std::string_view raw) {
  // Feeds carry escape sequences and NULs; a spreadsheet or a `cat` of the
  // file must not receive them.
  const std::string s = text::printable(raw, true);
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return s;
  std::string q = "\"";
  for (char c : s) {
    if (c == '"') q.push_back('"');
    q.push_back(c);
  }
  q.push_back('"');
  return q;
}

void append_results_csv(std::string& out, const SearchResults& r) {
  out += "rank,id,date,lang,kind,source,author,title,url,relevance,weight,sentiment,label,stance,collapsed,snippet,"
         "topics,aspects,stance_lean,cluster_id,cluster_size\r\n";
  char num[64];
  for (const auto& h : r.hits) {
    out += std::to_string(h.rank) + ",";
    for (const std::string* f : {&h.id, &h.date, &h.lang, &h.kind, &h.source, &h.author, &h.title, &h.url}) {
      out += csv_field(*f);
      out.push_back(',');
    }
    std::snprintf(num, sizeof num, "%d,%.4f,", h.percent, h.weight);
    out += num;
    if (h.sentiment) {
      std::snprintf(num, sizeof num, "%.4f", *h.sentiment);
      out += num;
    }
    out.push_back(',');
    out += csv_field(h.label) + "," + csv_field(h.stance) + "," + std::to_string(h.collapsed) + ",";
    out += csv_field(h.snippet) + ",";
    // Lists in one cell, space-separated: "harm_reduction cannabis_regulation",
    // "harm_reduction:-0.2500 cannabis_regulation:0.1000".
    std::string topics, aspects;
    for (const auto& t : h.topics) topics += (topics.empty() ? "" : " ") + t;
    for (const auto& [topic, s] : h.aspects) {
      std::snprintf(num, sizeof num, ":%.4f", s);
      aspects += (aspects.empty() ? "" : " ") + topic + num;
    }
    out += csv_field(topics) + "," + csv_field(aspects) + "," + csv_field(h.stance_lean) + "," + h.cluster_id + "," +
           std::to_string(h.cluster_size) + "\r\n";
  }
}

void append_results_table(std::string& out, const SearchResults& r, const TableOptions& o) {
  const size_t width = o.width < 40 ? 40 : o.width;
  out += std::to_string(r.count) + (r.count == 1 ? " match" : " matches");
  if (!r.hits.empty()) {
    out += ", showing " + std::to_string(r.hits.front().rank) + "-" + std::to_string(r.hits.back().rank);
  }
  out += "\n";
  char buf[128];
  for (const auto& h : r.hits) {
    // Every field from a feed goes through text::printable: a post must not
    // drive the terminal it is listed on.
    std::string head = std::to_string(h.rank) + ". " + text::printable(h.date.substr(0, 10), false) + "  " +
                       text::printable(h.lang, false) + "  " + h.kind;
    if (!h.source.empty()) head += "  " + text::printable(h.source, false);
    if (!h.author.empty()) head += "  @" + text::printable(h.author[0] == '@' ? h.author.substr(1) : h.author, false);
    std::snprintf(buf, sizeof buf, "  [%d%%", h.percent);
    head += buf;
    if (h.sentiment) {
      std::snprintf(buf, sizeof buf, " sentiment %+.2f", *h.sentiment);
      head += buf;
    }
    if (h.collapsed) head += " +" + std::to_string(h.collapsed) + " similar";
    head += "]";
    out += "\n" + fit(head, width) + "\n";
    if (!h.title.empty()) out += "   " + fit(text::printable(h.title, false), width - 3) + "\n";
    if (!h.snippet.empty()) out += "   " + terminal_snippet(h.snippet, o) + "\n";
    if (!h.url.empty()) out += "   " + fit(text::printable(h.url, false), width - 3) + "\n";
  }
  for (const auto& f : r.facets) {
    out += "\n" + f.field + ":\n";
    for (const auto& v : f.values) {
      std::snprintf(buf, sizeof buf, "%10llu  ", static_cast<unsigned long long>(v.count));
      out += buf + fit(text::printable(v.value, false), width - 12) + "\n";
    }
  }
}

}  // namespace vigie::query
