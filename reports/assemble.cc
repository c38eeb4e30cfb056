#include "reports/assemble.h"

#include <algorithm>
#include <cmath>

#include "core/errors.h"
#include "core/time.h"

namespace vigie::reports {

SeriesBuilder::SeriesBuilder(std::vector<series::Period> periods, const series::PeriodSpec& spec)
    : spec_(spec), bucketer_(std::move(periods), spec), buckets_(bucketer_.periods().size()) {}

series::SentimentAccumulator::Label sentiment_label(const DocFacts& doc) {
  using L = series::SentimentAccumulator::Label;
  if (doc.label == "positive") return L::positive;
  if (doc.label == "negative") return L::negative;
  if (doc.label == "neutral") return L::neutral;
  return L::neutral;
}

const SentimentBand& SentimentBands::of(std::string_view lang) const {
  auto it = by_lang.find(lang);
  return it == by_lang.end() ? other : it->second;
}

std::string_view SentimentBands::label(double compound, std::string_view lang) const {
  const SentimentBand& b = of(lang);
  return compound >= b.positive ? "positive" : compound <= b.negative ? "negative" : "neutral";
}

SentimentBands SentimentBands::from(const std::vector<schema::SentimentBandValue>& bands) {
  SentimentBands out;
  for (const auto& b : bands) {
    if (b.lang == "und") out.other = {b.positive, b.negative};
    else out.by_lang[b.lang] = {b.positive, b.negative};
  }
  return out;
}

std::optional<SentimentBands> SentimentBands::stored(const std::map<std::string, std::string>& metadata) {
  const auto it = metadata.find(std::string(schema::meta::kSentimentBands));
  if (it == metadata.end()) return std::nullopt;
  const auto bands = schema::decode_sentiment_bands(it->second);
  if (bands.empty()) return std::nullopt;
  return from(bands);
}

bool SeriesBuilder::add(const DocFacts& doc) {
  auto i = bucketer_.index_of(doc.time);
  if (!i) return false;
  Bucket& b = buckets_[*i];
  ++b.count;
  if (doc.cluster) b.clusters.insert(doc.cluster);
  else ++b.unclustered;
  if (doc.sentiment) b.sentiment.add(*doc.sentiment, sentiment_label(doc));
  if (!doc.stance.empty()) {
    auto it = b.stance.find(doc.stance);
    if (it == b.stance.end()) b.stance.emplace(std::string(doc.stance), 1);
    else ++it->second;
  }
  return true;
}

void SeriesBuilder::set_totals(std::vector<uint64_t> totals) {
  if (totals.size() != buckets_.size())
    throw UsageError("SeriesBuilder::set_totals: " + std::to_string(totals.size()) + " totals for " +
                     std::to_string(buckets_.size()) + " periods");
  totals_ = std::move(totals);
}

void SeriesBuilder::merge(const SeriesBuilder& o) {
  if (o.buckets_.size() != buckets_.size() ||
      (!buckets_.empty() && o.bucketer_.periods().front() != bucketer_.periods().front()))
    throw UsageError("SeriesBuilder::merge: different periods");
  for (size_t i = 0; i < buckets_.size(); ++i) {
    Bucket& b = buckets_[i];
    const Bucket& x = o.buckets_[i];
    b.count += x.count;
    b.unclustered += x.unclustered;
    b.clusters.insert(x.clusters.begin(), x.clusters.end());
    b.sentiment.merge(x.sentiment);
    for (const auto& [k, v] : x.stance) b.stance[k] += v;
  }
}

std::vector<SeriesEntry> SeriesBuilder::build(const series::SpikeOptions& spikes) const {
  std::vector<SeriesEntry> out(buckets_.size());
  for (size_t i = 0; i < buckets_.size(); ++i) {
    const Bucket& b = buckets_[i];
    SeriesEntry& e = out[i];
    const series::Period& p = bucketer_.periods()[i];
    e.period = series::period_label(p, spec_);
    e.start = time::format_date(p.first_day * 86400);
    e.end = time::format_date((p.end_day - 1) * 86400);
    e.count = b.count;
    e.unique = b.clusters.size() + b.unclustered;
    if (!totals_.empty() && totals_[i] > 0) e.share = double(b.count) / double(totals_[i]);
    e.sentiment = from_summary(b.sentiment.summary());
    for (const auto& [k, v] : b.stance) e.stance.emplace(k, v);
  }
  // Zeros count as a baseline from the first period with any document, so
  // a topic silent in the baseline weeks is flagged when it surges.
  series::SpikeOptions covered = spikes;
  if (!totals_.empty() && !covered.covered_from) {
    const auto first = std::find_if(totals_.begin(), totals_.end(), [](uint64_t t) { return t > 0; });
    if (first != totals_.end()) covered.covered_from = static_cast<size_t>(first - totals_.begin());
  }
  apply_spikes(out, covered);
  return out;
}

Sentiment pool(const std::vector<const Sentiment*>& parts) {
  // Chan's parallel combination of (n, mean, M2), M2 = (n - 1) sd^2.
  uint64_t n = 0;
  double mean = 0, m2 = 0;
  Sentiment out;
  for (const Sentiment* p : parts) {
    out.positive += p->positive;
    out.neutral += p->neutral;
    out.negative += p->negative;
    if (p->n == 0 || !p->mean) continue;
    const double pn = double(p->n), pm2 = p->sd ? *p->sd * *p->sd * (pn - 1) : 0.0;
    const double total = double(n) + pn, d = *p->mean - mean;
    mean += d * pn / total;
    m2 += pm2 + d * d * double(n) * pn / total;
    n += p->n;
  }
  out.n = n;
  if (n == 0) return out;
  out.mean = mean;
  if (n < 2) return out;
  const double sd = std::sqrt(std::max(0.0, m2 / double(n - 1)));
  const double half = series::t_quantile_975(n - 1) * sd / std::sqrt(double(n));
  out.sd = sd;
  out.lo = mean - half;
  out.hi = mean + half;
  clamp_interval(out);
  return out;
}

void fill_derived(BriefingData& d, size_t max_movers) {
  Headline& h = d.headline;
  const size_t n = h.series.size();
  if (n > 0) {
    const SeriesEntry& last = h.series.back();
    h.volume = last.count;
    h.unique = last.unique;
    h.sentiment = last.sentiment;
    if (n > 1) {
      h.previous_volume = h.series[n - 2].count;
      h.previous_unique = h.series[n - 2].unique;
      h.previous_sentiment = h.series[n - 2].sentiment;
      double v = 0, u = 0;
      std::vector<const Sentiment*> parts;
      for (size_t i = 0; i + 1 < n; ++i) {
        v += double(h.series[i].count);
        u += double(h.series[i].unique);
        parts.push_back(&h.series[i].sentiment);
      }
      h.baseline_volume = v / double(n - 1);
      h.baseline_unique = u / double(n - 1);
      h.baseline_sentiment = pool(parts);
    }
  }
  d.empty_week = h.volume == 0;

  std::vector<Mover> movers;
  for (TopicSection& t : d.topics) {
    const size_t m = t.series.size();
    if (m == 0) continue;
    const SeriesEntry& last = t.series.back();
    t.spike = last.spike;
    t.score = last.score;
    if (t.stance.empty()) t.stance = last.stance;
    if (t.share_of_voice.n == 0 && h.volume >= last.count) t.share_of_voice = make_share(last.count, h.volume);
    Mover mv{t.id, t.label, last.count, m > 1 ? t.series[m - 2].count : 0, 0, 0};
    double base = 0;
    for (size_t i = 0; i + 1 < m; ++i) base += double(t.series[i].count);
    mv.baseline = m > 1 ? base / double(m - 1) : 0;
    mv.change = double(mv.count) - double(mv.previous);
    if (mv.change != 0) movers.push_back(std::move(mv));
  }
  std::sort(movers.begin(), movers.end(), [](const Mover& a, const Mover& b) {
    if (std::fabs(a.change) != std::fabs(b.change)) return std::fabs(a.change) > std::fabs(b.change);
    return a.id < b.id;
  });
  if (movers.size() > max_movers) movers.resize(max_movers);
  h.movers = std::move(movers);
}

}  // namespace vigie::reports
