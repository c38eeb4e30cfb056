#include "reports/format.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/text/utf8.h"

namespace vigie::reports::fmt {
std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t n = utf8::valid_length(s, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string html(std::string_view s) {
  std::string v = valid_utf8(s);
  std::string out;
  out.reserve(v.size() + v.size() / 8);
  for (char c : v) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters other than tab/newline are not allowed in HTML.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') out += ' ';
        else out += c;
    }
  }
  return out;
}

std::string markdown(std::string_view s) {
  std::string v = valid_utf8(s);
  std::string out;
  out.reserve(v.size() + 8);
  for (char c : v) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '#':
        out += '\\';
        out += c;
        break;
      case '\n': case '\r': case '\t': out += ' '; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) out += ' ';
        else out += c;
    }
  }
  return out;
}

std::string csv(std::string_view s) {
  std::string v = valid_utf8(s);
  bool quote = v.find_first_of(",\"\r\n") != std::string::npos ||
               (!v.empty() && (v.front() == ' ' || v.back() == ' '));
  if (!quote) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string csv_text(std::string_view s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) {
    std::string guarded = "'";
    guarded.append(s);
    return csv(guarded);
  }
  return csv(s);
}

std::string fixed(double v, int decimals) {
  if (!std::isfinite(v)) return {};
  if (v == 0) v = 0;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string out(buf);
  if (out[0] == '-' && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);
  return out;
}

std::string fixed_or(const std::optional<double>& v, int decimals, std::string_view none) {
  return v ? fixed(*v, decimals) : std::string(none);
}

std::string signed_fixed(double v, int decimals) {
  std::string f = fixed(v, decimals);
  if (f.empty() || f[0] == '-' || f.find_first_not_of("0.") == std::string::npos) return f;
  return "+" + f;
}

std::string grouped(uint64_t v) {
  std::string d = std::to_string(v), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += ',';
    out += d[i];
  }
  return out;
}

std::string percent(double share, int decimals) { return fixed(share * 100, decimals) + "%"; }

bool is_web_url(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() <= p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    return true;
  };
  if (!(starts("http://") || starts("https://"))) return false;
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20) return false;  // no spaces or controls
  return true;
}

std::string excerpt(std::string_view s, size_t max_chars) {
  std::string v = valid_utf8(s);
  std::string out;
  out.reserve(std::min(v.size(), max_chars * 4));
  size_t chars = 0, last_space = std::string::npos, last_space_chars = 0;
  bool cut = false, pending_space = false;
  for (size_t i = 0; i < v.size();) {
    unsigned char c = static_cast<unsigned char>(v[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      pending_space = !out.empty();
      ++i;
      continue;
    }
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (chars + (pending_space ? 1 : 0) + 1 > max_chars) {
      cut = true;
      break;
    }
    if (pending_space) {
      last_space = out.size();
      last_space_chars = chars;
      out += ' ';
      ++chars;
      pending_space = false;
    }
    out.append(v, i, n);
    ++chars;
    i += n;
  }
  if (cut) {
    // Prefer a word boundary when it keeps at least 3/4 of the text.
    if (last_space != std::string::npos && last_space_chars * 4 >= max_chars * 3)
      out.resize(last_space);
    out += "...";
  }
  return out;
}

}  // namespace vigie::reports::fmt
