#include "core/schema.h"

#include <charconv>
#include <cstdio>

#include "core/hash.h"
#include "core/text/normalize.h"

namespace vigie::schema {
namespace {

constexpr size_t kMaxTermBytes = 240;  // Xapian's limit is 245 with the length byte

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  while (!s.empty()) {
    size_t p = s.find(sep);
    out.push_back(s.substr(0, p));
    if (p == std::string_view::npos) break;
    s.remove_prefix(p + 1);
  }
  return out;
}

double to_double(std::string_view s) {
  double v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

void append_fixed3(std::string& out, double v) {
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%.3f", v);
  out.append(buf, n);
}

}  // namespace

std::string id_term(std::string_view kind, std::string_view source_id) {
  std::string t;
  t.reserve(prefix::kId.size() + kind.size() + 1 + source_id.size());
  t.append(prefix::kId).append(kind).push_back(':');
  if (t.size() + source_id.size() <= kMaxTermBytes) {
    t.append(source_id);
  } else {
    char buf[24];
    std::snprintf(buf, sizeof buf, "#%016llx", static_cast<unsigned long long>(fnv1a64(source_id)));
    t.append(buf);
  }
  return t;
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
  std::string v = text::fold_case(value);
  std::string t(prefix);
  t.append(text::truncate_utf8(v, kMaxTermBytes - prefix.size()));
  return t;
}

std::string encode_topics(const std::vector<TopicValue>& topics) {
  std::string out;
  for (const auto& t : topics) {
    if (!out.empty()) out.push_back(';');
    out.append(t.id).push_back(':');
    append_fixed3(out, t.relevance);
    out.push_back(':');
    if (t.sentiment) append_fixed3(out, *t.sentiment);
  }
  return out;
}

std::vector<TopicValue> decode_topics(std::string_view encoded) {
  std::vector<TopicValue> out;
  for (auto item : split(encoded, ';')) {
    auto f = split(item, ':');
    if (f.empty() || f[0].empty()) continue;
    TopicValue t;
    t.id = std::string(f[0]);
    if (f.size() > 1) t.relevance = to_double(f[1]);
    if (f.size() > 2 && !f[2].empty()) t.sentiment = to_double(f[2]);
    out.push_back(std::move(t));
  }
  return out;
}

std::string encode_sentiment_bands(const std::vector<SentimentBandValue>& bands) {
  std::string out;
  char buf[32];
  for (const auto& b : bands) {
    if (!out.empty()) out.push_back(';');
    out.append(b.lang);
    for (const double v : {b.positive, b.negative}) {
      out.push_back(':');
      out.append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
    }
  }
  return out;
}

std::vector<SentimentBandValue> decode_sentiment_bands(std::string_view encoded) {
  std::vector<SentimentBandValue> out;
  for (auto item : split(encoded, ';')) {
    auto f = split(item, ':');
    SentimentBandValue b;
    if (f.size() != 3 || f[0].empty() || f[0].find(' ') != std::string_view::npos) return {};
    b.lang = std::string(f[0]);
    for (auto [text, v] : {std::pair{f[1], &b.positive}, std::pair{f[2], &b.negative}}) {
      const auto r = std::from_chars(text.data(), text.data() + text.size(), *v);
      if (r.ec != std::errc() || r.ptr != text.data() + text.size()) return {};
    }
    out.push_back(std::move(b));
  }
  return out;
}

std::string encode_sentences(const std::vector<SentenceValue>& sentences) {
  std::string out;
  for (const auto& s : sentences) {
    if (!out.empty()) out.push_back(';');
    out.append(std::to_string(s.begin)).push_back(':');
    out.append(std::to_string(s.end)).push_back(':');
    append_fixed3(out, s.compound);
  }
  return out;
}

std::vector<SentenceValue> decode_sentences(std::string_view encoded) {
  std::vector<SentenceValue> out;
  for (auto item : split(encoded, ';')) {
    auto f = split(item, ':');
    if (f.size() != 3) continue;
    SentenceValue s;
    std::from_chars(f[0].data(), f[0].data() + f[0].size(), s.begin);
    std::from_chars(f[1].data(), f[1].data() + f[1].size(), s.end);
    s.compound = to_double(f[2]);
    out.push_back(s);
  }
  return out;
}

std::string encode_u64(uint64_t v) {
  std::string s(8, '\0');
  for (int i = 7; i >= 0; --i) {
    s[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  return s;
}

uint64_t decode_u64(std::string_view s) {
  uint64_t v = 0;
  for (unsigned char c : s.substr(0, 8)) v = (v << 8) | c;
  return v;
}

std::string near_band_term(uint64_t band_key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string t(prefix::kNearBand);
  for (int shift = 32; shift >= 0; shift -= 4) t += kHex[(band_key >> shift) & 0xF];
  return t;
}

std::optional<uint64_t> near_band_key(std::string_view term) {
  if (!term.starts_with(prefix::kNearBand) || term.size() != prefix::kNearBand.size() + 9) return std::nullopt;
  uint64_t key = 0;
  for (char c : term.substr(prefix::kNearBand.size())) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    key = key << 4 | static_cast<uint64_t>(d);
  }
  return key;
}

std::string cluster_term(uint64_t key) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string t(prefix::kExactCluster);
  for (int shift = 60; shift >= 0; shift -= 4) t += kHex[(key >> shift) & 0xF];
  return t;
}

std::string encode_near_signature(const std::vector<uint16_t>& hashes) {
  std::string out;
  out.reserve(2 * hashes.size());
  for (uint16_t h : hashes) {
    out += static_cast<char>(h >> 8);
    out += static_cast<char>(h & 0xFF);
  }
  return out;
}

std::vector<uint16_t> decode_near_signature(std::string_view encoded) {
  if (encoded.size() % 2) return {};
  std::vector<uint16_t> out(encoded.size() / 2);
  for (size_t i = 0; i < out.size(); ++i)
    out[i] = static_cast<uint16_t>(static_cast<unsigned char>(encoded[2 * i]) << 8 |
                                   static_cast<unsigned char>(encoded[2 * i + 1]));
  return out;
}

}  // namespace vigie::schema
