// Spike detection on a count series (documents per period), against a
// trailing baseline.
//
// For period i the baseline is the last `window` periods before i, leaving
// out the (at most `max_skipped`) most recent flagged periods: a surge must
// not inflate the baseline of the week that follows it, or a two-week surge
// hides its second week; but a lasting change of level must become the new
// normal after a few weeks instead of being flagged forever. With m and v
// the mean and sample variance of the baseline counts:
//
//   score = (count - m) / sqrt(v + m + 1)
//
// The denominator adds Poisson noise (m) to the observed spread (v): the
// spread of 12 counts is itself noisy, and v alone can be tiny by chance
// (or zero for a flat series); the +1 keeps zero-heavy series from
// dividing by ~0. A period is a spike when all of
//   score >= threshold, count >= min_count, count >= ratio * m
// hold, and at least `min_baseline` baseline periods exist (the first
// periods of a series are never flagged).
//
// Leading zeros: by default the periods before the first non-zero count
// are taken as "no data yet" (a window that starts before the index's
// coverage), not as a baseline of zeros; otherwise the first weeks of data
// would all look like surges. A caller that knows where its data starts
// (the first period in which the index has any document: a series' totals)
// sets covered_from: from there on, zeros are a real baseline, so a topic
// silent for weeks that jumps to 14 documents is a spike, not "no data
// yet". A caller that knows its data covers the whole range can also turn
// leading-zero skipping off altogether.
//
// Why this is robust to slow growth: a trend of slope b per period biases
// the trailing mean by about b * window / 2, small against the noise term
// for any growth a person would call slow (tested with a series growing
// from 50 to 150 per week over two years). Why it does not cry wolf: on
// Poisson data the denominator is about sqrt(2) times the noise, so the
// default threshold of 3 sits at about 4.2 standard deviations (tested on
// 200 seeded series of 104 Poisson(50) weeks: far below one false week per
// series on average).
//
// Thread safety: pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace vigie::series {

struct SpikeOptions {
  // Trailing baseline length in periods (12 weeks = a quarter).
  size_t window = 12;
  // Fewer baseline periods than this (start of a series) -> never a spike.
  size_t min_baseline = 4;
  // Minimum score to flag.
  double threshold = 3.0;
  // Minimum count to flag: 3 documents where there were none is not news.
  double min_count = 5;
  // Minimum ratio count / baseline mean to flag.
  double ratio = 1.5;
  // At most this many flagged periods (the most recent) are left out of a
  // baseline; older flagged periods count as normal. After a lasting step
  // up the new level stops being a spike after about max_skipped + 1 weeks.
  size_t max_skipped = 2;
  // Periods before the first non-zero count are not a baseline (see above).
  bool ignore_leading_zeros = true;
  // With ignore_leading_zeros: the first period with data at all (e.g. the
  // first with a non-zero total); zeros from there on are a baseline. Unset:
  // the first non-zero count of the series itself.
  std::optional<size_t> covered_from{};
};

struct SpikeResult {
  double score = 0;     // 0 when there is no baseline
  double baseline = 0;  // baseline mean m (expected count)
  size_t baseline_periods = 0;
  bool spike = false;
};

// One result per input count, in order. Throws UsageError on invalid
// options (window 0, min_baseline > window).
std::vector<SpikeResult> detect_spikes(std::span<const double> counts,
                                       const SpikeOptions& options = {});
std::vector<SpikeResult> detect_spikes(std::span<const uint64_t> counts,
                                       const SpikeOptions& options = {});

}  // namespace vigie::series
