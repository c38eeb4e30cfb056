#include "reports/svg.h"

#include <algorithm>
#include <cmath>
#include <optional>

#include "core/hash.h"
#include "reports/format.h"

namespace vigie::reports::svg {
namespace {

using fmt::fixed;
using fmt::html;

std::string num(double v) { return fixed(v, 1); }

// Axis maximum >= v: 2, 4, 6, 8 or 10 times a power of ten, at least 2,
// so that the middle tick (max / 2) is a whole number of documents.
double nice_ceiling(double v) {
  if (v <= 2) return 2;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 4.0, 6.0, 8.0, 10.0})
    if (m * p >= v && (m * p >= 10 || m != 1.0)) return m * p;
  return 10 * p;
}

// "2019-W11" -> "W11"; other labels are kept but dates lose the year.
std::string short_label(std::string_view period) {
  if (period.size() == 8 && period[5] == 'W') return std::string(period.substr(5));
  if (period.size() == 10) return std::string(period.substr(5));
  return std::string(period);
}

std::string open_svg(double w, double h, std::string_view cls, std::string_view title,
                     std::string_view desc, std::string_view id) {
  std::string s = "<svg class=\"" + std::string(cls) + "\" viewBox=\"0 0 " + num(w) + " " + num(h) +
                  "\" role=\"img\" aria-labelledby=\"" + std::string(id) + "-t " + std::string(id) +
                  "-d\"><title id=\"" + std::string(id) + "-t\">" + html(title) + "</title><desc id=\"" +
                  std::string(id) + "-d\">" + html(desc) + "</desc>";
  return s;
}

// Ids must be unique in the page but deterministic: derive them from the
// chart's content rather than a global counter.
std::string chart_id(std::string_view prefix, std::string_view seed) {
  const uint64_t h = fnv1a64(seed, kFnvLegacyOffset);
  static const char* hex = "0123456789abcdef";
  std::string id(prefix);
  id += '-';
  for (int i = 0; i < 10; ++i) id += hex[(h >> (i * 4)) & 15];
  return id;
}

// Where things go in the volume and sentiment chart: two panels sharing the
// period axis, volume bars on top, sentiment (mean and 95% CI band) below.
// Separate panels keep the band from covering the bars and give each
// quantity its own honest axis. The compact variant has a narrow viewBox so
// that its text stays readable when a phone scales it to 360 px.
struct ChartLayout {
  ChartLayout(const std::vector<SeriesEntry>& series, bool compact_) : compact(compact_), n(series.size()) {
    uint64_t max_count = 0;
    double max_abs = 0;
    for (const SeriesEntry& e : series) {
      max_count = std::max(max_count, e.count);
      for (const auto& v : {e.sentiment.mean, e.sentiment.lo, e.sentiment.hi})
        if (v) max_abs = std::max(max_abs, std::fabs(*v));
    }
    cmax = nice_ceiling(static_cast<double>(max_count));
    smax = std::min(1.0, std::max(0.25, std::ceil(max_abs / 0.25 - 1e-9) * 0.25));
    slot = n ? (x1 - x0) / static_cast<double>(n) : 0;
  }

  const bool compact;
  const double W = compact ? 360 : 640, H = compact ? 280 : 304, x0 = compact ? 42 : 56, x1 = W - 10;
  const double vy0 = compact ? 44 : 34, vy1 = compact ? 156 : 166;  // volume panel
  const double sy0 = vy1 + 48, sy1 = H - 12;                        // sentiment panel
  const size_t n;
  double cmax = 0;  // volume axis maximum
  double smax = 0;  // sentiment axis: -smax .. +smax
  double slot = 0;  // width of one period

  double xc(size_t i) const { return x0 + slot * (static_cast<double>(i) + 0.5); }
  double yc(double c) const { return vy1 - (vy1 - vy0) * c / cmax; }
  // Sentiment is clamped to the panel: an interval is never drawn over the
  // bars even if a caller passes one wider than [-1, 1].
  double ys(double s) const {
    s = std::max(-smax, std::min(smax, s));
    return (sy0 + sy1) / 2 - (sy1 - sy0) / 2 * s / smax;
  }
};

// The chart's text for screen readers: the axes, every count, the spikes.
std::string chart_description(const std::vector<SeriesEntry>& series, double smax) {
  std::string counts_text, spikes_text;
  for (const SeriesEntry& e : series) {
    if (!counts_text.empty()) counts_text += ", ";
    counts_text += e.period + ": " + std::to_string(e.count);
    if (e.spike) spikes_text += (spikes_text.empty() ? "" : ", ") + e.period;
  }
  return "Top: documents per period. Bottom: mean sentiment (-" + fixed(smax, 2) + " to +" + fixed(smax, 2) +
         ") with its 95% confidence band. Counts: " + (counts_text.empty() ? "none" : counts_text) +
         ". Spikes: " + (spikes_text.empty() ? "none" : spikes_text) + ".";
}

// Legend (two rows when compact).
std::string chart_legend(bool compact) {
  const double lx = compact ? 8 : 56, ly2 = compact ? 24 : 6, lx2 = compact ? 8 : 216;
  return "<g class=\"legend\" font-size=\"12\" fill=\"#333\">"
         "<rect x=\"" + num(lx) + "\" y=\"6\" width=\"12\" height=\"12\" fill=\"#4c78a8\"/>"
         "<text x=\"" + num(lx + 16) + "\" y=\"16\">documents</text>"
         "<rect x=\"" + num(lx + 94) + "\" y=\"6\" width=\"12\" height=\"12\" fill=\"#e45756\"/>"
         "<text x=\"" + num(lx + 110) + "\" y=\"16\">spike</text>"
         "<rect x=\"" + num(lx2) + "\" y=\"" + num(ly2) + "\" width=\"20\" height=\"12\" fill=\"#54a24b\" fill-opacity=\"0.25\"/>"
         "<line x1=\"" + num(lx2) + "\" y1=\"" + num(ly2 + 6) + "\" x2=\"" + num(lx2 + 20) + "\" y2=\"" + num(ly2 + 6) +
         "\" stroke=\"#2f7a2a\" stroke-width=\"2\"/>"
         "<text x=\"" + num(lx2 + 26) + "\" y=\"" + num(ly2 + 10) + "\">sentiment mean, 95% CI</text></g>";
}

// Axes, grids and period labels.
std::string chart_axes(const ChartLayout& L, const std::vector<SeriesEntry>& series) {
  std::string s = "<g class=\"axis\" font-size=\"11\" fill=\"#555\">";
  for (int k = 0; k <= 2; ++k) {
    double c = L.cmax * k / 2, y = L.yc(c);
    s += "<line x1=\"" + num(L.x0) + "\" y1=\"" + num(y) + "\" x2=\"" + num(L.x1) + "\" y2=\"" + num(y) +
         "\" stroke=\"#ddd\"/>";
    s += "<text x=\"" + num(L.x0 - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" +
         fmt::grouped(static_cast<uint64_t>(c)) + "</text>";
  }
  for (double v : {-L.smax, 0.0, L.smax}) {
    s += "<line x1=\"" + num(L.x0) + "\" y1=\"" + num(L.ys(v)) + "\" x2=\"" + num(L.x1) + "\" y2=\"" +
         num(L.ys(v)) + "\" stroke=\"" + (v == 0 ? "#999\" stroke-dasharray=\"4 3" : "#eee") + "\"/>";
    s += "<text x=\"" + num(L.x0 - 6) + "\" y=\"" + num(L.ys(v) + 4) + "\" text-anchor=\"end\">" +
         fmt::signed_fixed(v, 2) + "</text>";
  }
  s += "<text x=\"" + num(L.x0) + "\" y=\"" + num(L.sy0 - 12) + "\" fill=\"#2f7a2a\">sentiment</text>";
  // Label every period when they fit, else every k-th counted from the last
  // (the report week always has its label).
  const size_t n = L.n;
  const size_t fit = L.compact ? 6 : 12;
  const size_t step = n > fit ? (n + fit - 1) / fit : 1;
  for (size_t i = 0; i < n; ++i) {
    if ((n - 1 - i) % step != 0) continue;
    s += "<text x=\"" + num(L.xc(i)) + "\" y=\"" + num(L.vy1 + 16) + "\" text-anchor=\"middle\">" +
         html(short_label(series[i].period)) + "</text>";
  }
  s += "</g>";
  return s;
}

std::string chart_bars(const ChartLayout& L, const std::vector<SeriesEntry>& series) {
  std::string s = "<g class=\"bars\">";
  for (size_t i = 0; i < L.n; ++i) {
    const SeriesEntry& e = series[i];
    double y = L.yc(static_cast<double>(e.count));
    double bw = L.slot * 0.62;
    s += "<rect x=\"" + num(L.xc(i) - bw / 2) + "\" y=\"" + num(y) + "\" width=\"" + num(bw) +
         "\" height=\"" + num(L.vy1 - y) + "\" fill=\"" + (e.spike ? "#e45756" : "#4c78a8") +
         "\" fill-opacity=\"0.85\"><title>" + html(e.period) + ": " + std::to_string(e.count) +
         " documents" + (e.spike ? ", spike (score " + fixed(e.score, 1) + ")" : "") +
         "</title></rect>";
    if (e.spike)
      s += "<path d=\"M" + num(L.xc(i) - 5) + " " + num(y - 12) + "h10l-5 8z\" fill=\"#e45756\"/>";
  }
  s += "</g>";
  return s;
}

// Calls f(i, j) for each run [i, j) of consecutive periods for which has(k).
template <class Has, class F>
void for_each_run(size_t n, Has has, F f) {
  for (size_t i = 0; i < n;) {
    if (!has(i)) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < n && has(j)) ++j;
    f(i, j);
    i = j;
  }
}

// Sentiment band and line, broken where a period has no interval / mean.
std::string chart_sentiment(const ChartLayout& L, const std::vector<SeriesEntry>& series) {
  std::string s = "<g class=\"sentiment\">";
  for_each_run(L.n, [&](size_t k) { return series[k].sentiment.lo.has_value(); }, [&](size_t i, size_t j) {
    if (j - i >= 2) {
      std::string pts;
      for (size_t k = i; k < j; ++k) pts += num(L.xc(k)) + "," + num(L.ys(*series[k].sentiment.hi)) + " ";
      for (size_t k = j; k-- > i;) pts += num(L.xc(k)) + "," + num(L.ys(*series[k].sentiment.lo)) + " ";
      pts.pop_back();
      s += "<polygon points=\"" + pts + "\" fill=\"#54a24b\" fill-opacity=\"0.25\"/>";
    } else {
      s += "<line x1=\"" + num(L.xc(i)) + "\" y1=\"" + num(L.ys(*series[i].sentiment.hi)) + "\" x2=\"" +
           num(L.xc(i)) + "\" y2=\"" + num(L.ys(*series[i].sentiment.lo)) +
           "\" stroke=\"#54a24b\" stroke-opacity=\"0.35\" stroke-width=\"4\"/>";
    }
  });
  for_each_run(L.n, [&](size_t k) { return series[k].sentiment.mean.has_value(); }, [&](size_t i, size_t j) {
    if (j - i >= 2) {
      std::string pts;
      for (size_t k = i; k < j; ++k) pts += num(L.xc(k)) + "," + num(L.ys(*series[k].sentiment.mean)) + " ";
      pts.pop_back();
      s += "<polyline points=\"" + pts + "\" fill=\"none\" stroke=\"#2f7a2a\" stroke-width=\"2\"/>";
    }
    for (size_t k = i; k < j; ++k) {
      const Sentiment& se = series[k].sentiment;
      s += "<circle cx=\"" + num(L.xc(k)) + "\" cy=\"" + num(L.ys(*se.mean)) +
           "\" r=\"3\" fill=\"#2f7a2a\"><title>" + html(series[k].period) + ": sentiment " +
           fixed(*se.mean, 2) +
           (se.lo ? " (95% CI " + fixed(*se.lo, 2) + " to " + fixed(*se.hi, 2) + ")" : "") + ", n=" +
           std::to_string(se.n) + "</title></circle>";
    }
  });
  s += "</g>";
  return s;
}

}  // namespace

std::string volume_sentiment_chart(const std::vector<SeriesEntry>& series, std::string_view title,
                                   bool compact) {
  const ChartLayout L(series, compact);
  const std::string desc = chart_description(series, L.smax);
  std::string id = chart_id("c", std::string(title) + desc);
  if (compact) id += "-m";
  std::string s = open_svg(L.W, L.H, compact ? "chart compact" : "chart wide",
                           std::string(title) + ": volume and sentiment", desc, id);
  s += chart_legend(compact);
  s += chart_axes(L, series);
  s += chart_bars(L, series);
  s += chart_sentiment(L, series);
  s += "</svg>";
  return s;
}

std::string sparkline(std::span<const uint64_t> values, std::string_view label) {
  constexpr double W = 100, H = 24, pad = 3;
  uint64_t mx = 0;
  std::string desc;
  for (uint64_t v : values) {
    mx = std::max(mx, v);
    desc += (desc.empty() ? "" : ", ") + std::to_string(v);
  }
  desc = "Counts, oldest first: " + (desc.empty() ? std::string("none") : desc);
  std::string id = chart_id("s", std::string(label) + desc);
  std::string s = open_svg(W, H, "spark", std::string(label) + " trend", desc, id);
  const size_t n = values.size();
  if (n == 0) return s + "</svg>";
  auto x = [&](size_t i) { return n == 1 ? W / 2 : pad + (W - 2 * pad) * double(i) / double(n - 1); };
  auto y = [&](uint64_t v) { return H - pad - (H - 2 * pad) * (mx ? double(v) / double(mx) : 0.0); };
  std::string pts;
  for (size_t i = 0; i < n; ++i) pts += num(x(i)) + "," + num(y(values[i])) + " ";
  pts.pop_back();
  s += "<polyline points=\"" + pts +
       "\" fill=\"none\" stroke=\"#4c78a8\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>";
  s += "<circle cx=\"" + num(x(n - 1)) + "\" cy=\"" + num(y(values[n - 1])) +
       "\" r=\"2.5\" fill=\"#4c78a8\"/></svg>";
  return s;
}

std::string bars(const std::vector<std::pair<std::string, uint64_t>>& rows, std::string_view title) {
  constexpr double W = 640, row_h = 24, label_w = 90, value_w = 90;
  const double H = row_h * static_cast<double>(rows.size()) + 8;
  uint64_t mx = 0, total = 0;
  std::string desc;
  for (const auto& [k, v] : rows) {
    mx = std::max(mx, v);
    total += v;
  }
  for (const auto& [k, v] : rows)
    desc += (desc.empty() ? "" : ", ") + k + ": " + std::to_string(v);
  desc = desc.empty() ? "No data." : desc + ".";
  std::string id = chart_id("b", std::string(title) + desc);
  std::string s = open_svg(W, H, "bars", title, desc, id);
  s += "<g font-size=\"12\">";
  for (size_t i = 0; i < rows.size(); ++i) {
    const auto& [k, v] = rows[i];
    const double y = 4 + row_h * static_cast<double>(i);
    const double w = mx ? (W - label_w - value_w) * double(v) / double(mx) : 0;
    s += "<text x=\"" + num(label_w - 8) + "\" y=\"" + num(y + 15) + "\" text-anchor=\"end\">" +
         html(fmt::excerpt(k, 12)) + "</text>";
    s += "<rect x=\"" + num(label_w) + "\" y=\"" + num(y + 3) + "\" width=\"" + num(std::max(w, 1.0)) +
         "\" height=\"" + num(row_h - 8) + "\" fill=\"#4c78a8\"/>";
    s += "<text x=\"" + num(label_w + w + 6) + "\" y=\"" + num(y + 15) + "\">" + fmt::grouped(v) +
         (total ? " (" + fmt::percent(double(v) / double(total)) + ")" : "") + "</text>";
  }
  s += "</g></svg>";
  return s;
}

std::string stance_bar(const std::map<std::string, uint64_t>& stance, std::string_view title) {
  constexpr double W = 300, H = 16;
  uint64_t total = 0;
  for (const auto& [k, v] : stance) total += v;
  std::string desc;
  for (const auto& [k, v] : stance)
    desc += (desc.empty() ? "" : ", ") + k + ": " + std::to_string(v) +
            (total ? " (" + fmt::percent(double(v) / double(total)) + ")" : "");
  desc = desc.empty() ? "No stance data." : desc + ".";
  std::string id = chart_id("p", std::string(title) + desc);
  std::string s = open_svg(W, H, "stance", title, desc, id);
  if (total == 0) return s + "<rect width=\"300\" height=\"16\" fill=\"#eee\"/></svg>";
  auto colour = [](const std::string& k) {
    if (k == "reform") return "#72b7b2";
    if (k == "prohibition") return "#b279a2";
    return "#bab0ac";
  };
  double x = 0;
  for (const auto& [k, v] : stance) {
    const double w = W * double(v) / double(total);
    s += "<rect x=\"" + num(x) + "\" width=\"" + num(w) + "\" height=\"16\" fill=\"" + colour(k) +
         "\"><title>" + html(k) + ": " + std::to_string(v) + "</title></rect>";
    x += w;
  }
  return s + "</svg>";
}

}  // namespace vigie::reports::svg
