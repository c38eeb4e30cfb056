// Inline SVG charts for the briefing: self-contained markup (no scripts,
// fonts or external references), scalable through a viewBox so a chart
// fits a phone or a printed page, and accessible: every chart has
// role="img", a <title> and a <desc> that states the numbers in words.
//
// Thread safety: pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "reports/briefing.h"

namespace vigie::reports::svg {

// Two panels on one period axis: volume bars on top (spike periods in a
// warning colour with a marker), the sentiment mean line with its 95% CI
// band below (axis symmetric around 0, in steps of 0.25). `title` names the chart (topic label).
// `compact` draws the phone variant (narrow viewBox, fewer labels); the HTML
// report carries both and shows one with a media query.
std::string volume_sentiment_chart(const std::vector<SeriesEntry>& series, std::string_view title,
                                   bool compact = false);

// A small line of counts for a table cell, 100 x 24 user units.
std::string sparkline(std::span<const uint64_t> values, std::string_view label);

// Horizontal bars, one per (label, value), largest first as given.
std::string bars(const std::vector<std::pair<std::string, uint64_t>>& rows, std::string_view title);

// A 100%-wide stacked bar of stance shares (reform / prohibition / none).
std::string stance_bar(const std::map<std::string, uint64_t>& stance, std::string_view title);

}  // namespace vigie::reports::svg
