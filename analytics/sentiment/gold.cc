#include "analytics/sentiment/gold.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/errors.h"
#include "core/hash.h"
#include "core/text/trim.h"
#include "core/text/utf8.h"

namespace vigie::sentiment {

namespace {

namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read " + path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<std::string_view> lines_of(const std::string& data) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < data.size()) {
    size_t nl = data.find('\n', pos);
    if (nl == std::string::npos) nl = data.size();
    std::string_view l(data.data() + pos, nl - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    out.push_back(l);
    pos = nl + 1;
  }
  return out;
}

std::vector<std::string_view> split_tab(std::string_view l) {
  std::vector<std::string_view> f;
  size_t s = 0;
  while (true) {
    size_t t = l.find('\t', s);
    if (t == std::string_view::npos) {
      f.push_back(l.substr(s));
      return f;
    }
    f.push_back(l.substr(s, t - s));
    s = t + 1;
  }
}

// Gold files quote some fields.
std::string_view trim(std::string_view s) { return text::trim(s, " \t\""); }

std::string lower(std::string_view s) {
  std::string r(s);
  for (auto& c : r)
    if (c >= 'A' && c <= 'Z') c = char(c + 32);
  return r;
}

// RFC 4180 CSV records (quoted fields may hold commas, quotes and newlines).
std::vector<std::vector<std::string>> parse_csv(const std::string& data) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < data.size(); ++i) {
    char c = data[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < data.size() && data[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else {
      field.push_back(c);
    }
  }
  if (!field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

// Minimal JSON scanner for flat objects of strings/numbers, enough for the
// gold sets (jsonl, smp2020). Calls fn(key, value) per member of each object.
class JsonObjects {
 public:
  explicit JsonObjects(std::string_view s) : s_(s) {}

  // Returns false at end of input. Fills members of the next object.
  bool next(std::vector<std::pair<std::string, std::string>>& members) {
    members.clear();
    size_t o = s_.find('{', pos_);
    if (o == std::string_view::npos) return false;
    pos_ = o + 1;
    while (true) {
      skip_ws();
      if (pos_ >= s_.size()) return true;
      if (s_[pos_] == '}') {
        ++pos_;
        return true;
      }
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      std::string key = string_value();
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ':') ++pos_;
      skip_ws();
      std::string val;
      if (pos_ < s_.size() && s_[pos_] == '"') {
        val = string_value();
      } else {
        size_t b = pos_;
        int depth = 0;
        while (pos_ < s_.size()) {
          char c = s_[pos_];
          if (c == '{' || c == '[') ++depth;
          if ((c == '}' || c == ']') && depth-- == 0) break;
          if (c == ',' && depth == 0) break;
          ++pos_;
        }
        val = std::string(trim(s_.substr(b, pos_ - b)));
      }
      members.emplace_back(std::move(key), std::move(val));
    }
  }

 private:
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\t' || s_[pos_] == '\r')) ++pos_;
  }
  uint32_t hex4() {
    uint32_t v = 0;
    for (int k = 0; k < 4 && pos_ < s_.size(); ++k, ++pos_) {
      char c = s_[pos_];
      v = v * 16 + (c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 0);
    }
    return v;
  }
  std::string string_value() {
    std::string out;
    if (pos_ >= s_.size() || s_[pos_] != '"') return out;
    ++pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      char c = s_[pos_++];
      if (c != '\\' || pos_ >= s_.size()) {
        out.push_back(c);
        continue;
      }
      char e = s_[pos_++];
      switch (e) {
        case 'n': out.push_back('\n'); break;
        case 't': out.push_back('\t'); break;
        case 'r': out.push_back('\r'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'u': {
          uint32_t cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && pos_ + 1 < s_.size() && s_[pos_] == '\\' && s_[pos_ + 1] == 'u') {
            pos_ += 2;
            uint32_t lo = hex4();
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          utf8::append(out, cp);
          break;
        }
        default: out.push_back(e);
      }
    }
    ++pos_;
    return out;
  }

  std::string_view s_;
  size_t pos_ = 0;
};

std::string one_line(std::string s) {
  for (auto& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

}  // namespace

const std::vector<std::string>& gold_formats() {
  static const std::vector<std::string> f = {"vader", "xlmt", "tsv", "csv", "jsonl", "rusentne",
                                             "arsarcasm", "smp2020", "xed", "posneg"};
  return f;
}

bool parse_gold_label(std::string_view s, Label& out) {
  std::string l = lower(trim(s));
  if (l == "positive" || l == "pos" || l == "p" || l == "+" || l == "2") out = Label::positive;
  else if (l == "negative" || l == "neg" || l == "n" || l == "-") out = Label::negative;
  else if (l == "neutral" || l == "neu" || l == "none" || l == "obj" || l == "objective" || l == "mixed")
    out = Label::neutral;
  else return false;
  return true;
}

namespace {
GoldSet read_gold_all(const std::string& path, const std::string& format, const std::string& split,
                      double vader_threshold);
}

bool in_hash_dev(std::string_view text) {
  return fnv1a64(text, kFnvLegacyOffset) % 10 == 0;
}

GoldSet read_gold(const std::string& path, const std::string& format, const std::string& split,
                  double vader_threshold) {
  if (split != "hash-dev" && split != "hash-train") return read_gold_all(path, format, split, vader_threshold);
  GoldSet all = read_gold_all(path, format, format == "xlmt" ? "train" : "", vader_threshold);
  const bool want_dev = split == "hash-dev";
  std::erase_if(all.items, [&](const GoldItem& it) { return in_hash_dev(it.text) != want_dev; });
  return all;
}

namespace {

// One labelled text; its text on one line, as the predictions files and
// the hash split see it.
void add(GoldSet& g, std::string text, Label l, double grade = NAN) {
  g.items.push_back(GoldItem{one_line(std::move(text)), l, grade});
}

// One reader per format family (docs/sentiment.md gives each one's label
// mapping). Each appends to g.items and counts what it cannot read in
// g.skipped.

// VADER ground truth: id<TAB>mean<TAB>text; graded, labelled by the threshold.
void read_vader(const std::string& path, double vader_threshold, GoldSet& g) {
  g.graded = true;
  std::string data = slurp(path);
  for (auto l : lines_of(data)) {
    auto f = split_tab(l);
    if (f.size() < 3) {
      if (!trim(l).empty()) ++g.skipped;
      continue;
    }
    double v = std::strtod(std::string(f[1]).c_str(), nullptr);
    Label lab = v >= vader_threshold ? Label::positive : v <= -vader_threshold ? Label::negative : Label::neutral;
    std::string text(f[2]);
    for (size_t k = 3; k < f.size(); ++k) text += " " + std::string(f[k]);
    add(g, std::move(text), lab, v);
  }
}

// XLM-T: <split>_text.txt and <split>_labels.txt (0, 1, 2) in a directory,
// or the files PREFIXtext.txt and PREFIXlabels.txt.
void read_xlmt(const std::string& path, const std::string& split, GoldSet& g) {
  std::string sp = split.empty() ? "val" : split;
  std::string prefix = fs::is_directory(path) ? (fs::path(path) / (sp + "_")).string() : path;
  std::string texts = slurp(prefix + "text.txt"), labels = slurp(prefix + "labels.txt");
  auto tl = lines_of(texts), ll = lines_of(labels);
  if (tl.size() != ll.size()) throw InputError(prefix + "text.txt and labels.txt differ in length");
  for (size_t i = 0; i < tl.size(); ++i) {
    std::string_view lab = trim(ll[i]);
    if (lab == "0") add(g, std::string(tl[i]), Label::negative);
    else if (lab == "1") add(g, std::string(tl[i]), Label::neutral);
    else if (lab == "2") add(g, std::string(tl[i]), Label::positive);
    else ++g.skipped;
  }
}

// label<TAB>text or text<TAB>label, with word or numeric labels (0 is
// neutral only when -1 occurs somewhere in the file).
void read_tsv(const std::string& path, GoldSet& g) {
  std::string data = slurp(path);
  auto ls = lines_of(data);
  bool ternary = false;
  for (auto l : ls) {
    auto f = split_tab(l);
    if (trim(f.front()) == "-1" || trim(f.back()) == "-1") ternary = true;
  }
  auto numeric = [&](std::string_view s, Label& out) {
    s = trim(s);
    if (s == "1") out = Label::positive;
    else if (s == "-1") out = Label::negative;
    else if (s == "0") out = ternary ? Label::neutral : Label::negative;
    else return false;
    return true;
  };
  for (auto l : ls) {
    if (trim(l).empty()) continue;
    auto f = split_tab(l);
    Label lab;
    if (f.size() >= 2 && (parse_gold_label(f.front(), lab) || numeric(f.front(), lab))) {
      std::string text(f[1]);
      for (size_t k = 2; k < f.size(); ++k) text += " " + std::string(f[k]);
      add(g, std::move(text), lab);
    } else if (f.size() >= 2 && (parse_gold_label(f.back(), lab) || numeric(f.back(), lab))) {
      add(g, std::string(f[f.size() - 2]), lab);
    } else {
      ++g.skipped;
    }
  }
}

// csv: label,text (1/0 or words); arsarcasm: text,...,sentiment. A header row.
void read_csv_rows(const std::string& path, const std::string& format, GoldSet& g) {
  auto rows = parse_csv(slurp(path));
  for (size_t r = 1; r < rows.size(); ++r) {  // header
    const auto& row = rows[r];
    Label lab;
    if (format == "csv" && row.size() >= 2) {
      std::string_view ls = trim(row[0]);
      if (ls == "1") add(g, row[1], Label::positive);
      else if (ls == "0") add(g, row[1], Label::negative);
      else if (parse_gold_label(ls, lab)) add(g, row[1], lab);
      else ++g.skipped;
    } else if (format == "arsarcasm" && row.size() >= 3 && parse_gold_label(row[2], lab)) {
      add(g, row[0], lab);
    } else if (!(row.size() == 1 && row[0].empty())) {
      ++g.skipped;
    }
  }
}

// RuSentNE: a header row, then tab-separated fields with the label last.
void read_rusentne(const std::string& path, GoldSet& g) {
  std::string data = slurp(path);
  auto ls = lines_of(data);
  for (size_t i = 1; i < ls.size(); ++i) {
    if (trim(ls[i]).empty()) continue;
    auto f = split_tab(ls[i]);
    std::string_view lab = trim(f.back());
    if (f.size() < 6) ++g.skipped;
    else if (lab == "1") add(g, std::string(f[0]), Label::positive);
    else if (lab == "-1") add(g, std::string(f[0]), Label::negative);
    else if (lab == "0") add(g, std::string(f[0]), Label::neutral);
    else ++g.skipped;
  }
}

// JSON lines {text|content|sentence, label[, split]}; smp2020 maps its
// emotions to polarity.
void read_jsonl(const std::string& path, const std::string& format, const std::string& split, GoldSet& g) {
  std::string data = slurp(path);
  JsonObjects objs(data);
  std::vector<std::pair<std::string, std::string>> m;
  while (objs.next(m)) {
    std::string text, label, sp;
    bool has_text = false;
    for (auto& [k, v] : m) {
      if (k == "text" || k == "content" || k == "sentence") {
        text = v;
        has_text = true;
      } else if (k == "label") {
        label = v;
      } else if (k == "split") {
        sp = v;
      }
    }
    if (!split.empty() && !sp.empty() && sp != split) continue;
    Label lab;
    std::string ll = lower(label);
    bool ok = false;
    if (format == "smp2020") {
      ok = true;
      if (ll == "happy") lab = Label::positive;
      else if (ll == "angry" || ll == "sad" || ll == "fear") lab = Label::negative;
      else if (ll == "neutral") lab = Label::neutral;
      else ok = false;
    } else {
      ok = parse_gold_label(label, lab);
      if (!ok) {
        if (ll == "1") { lab = Label::positive; ok = true; }
        else if (ll == "-1") { lab = Label::negative; ok = true; }
        else if (ll == "0") { lab = Label::neutral; ok = true; }
      }
    }
    if (ok && has_text) add(g, std::move(text), lab);
    else ++g.skipped;
  }
}

// XED: text<TAB>emotion ids; positive or negative when only one side's
// emotions are present.
void read_xed(const std::string& path, GoldSet& g) {
  std::string data = slurp(path);
  for (auto l : lines_of(data)) {
    if (trim(l).empty()) continue;
    auto f = split_tab(l);
    if (f.size() < 2) {
      ++g.skipped;
      continue;
    }
    bool pos = false, neg = false;
    std::string ids(f.back());
    std::stringstream ss(ids);
    std::string tok;
    while (std::getline(ss, tok, ',')) {
      int id = std::atoi(std::string(trim(tok)).c_str());
      if (id == 5 || id == 8) pos = true;
      if (id == 1 || id == 3 || id == 4 || id == 6) neg = true;
    }
    if (pos != neg) add(g, std::string(f[0]), pos ? Label::positive : Label::negative);
    else ++g.skipped;
  }
}

// A directory of pos.txt and neg.txt, one text per line.
void read_posneg(const std::string& path, GoldSet& g) {
  for (auto [file, lab] : {std::pair{"pos.txt", Label::positive}, std::pair{"neg.txt", Label::negative}}) {
    std::string data = slurp((fs::path(path) / file).string());
    for (auto l : lines_of(data))
      if (!trim(l).empty()) add(g, std::string(l), lab);
  }
}

GoldSet read_gold_all(const std::string& path, const std::string& format, const std::string& split,
                      double vader_threshold) {
  GoldSet g;
  g.format = format;
  if (format == "vader") {
    read_vader(path, vader_threshold, g);
  } else if (format == "xlmt") {
    read_xlmt(path, split, g);
  } else if (format == "tsv") {
    read_tsv(path, g);
  } else if (format == "csv" || format == "arsarcasm") {
    read_csv_rows(path, format, g);
  } else if (format == "rusentne") {
    read_rusentne(path, g);
  } else if (format == "jsonl" || format == "smp2020") {
    read_jsonl(path, format, split, g);
  } else if (format == "xed") {
    read_xed(path, g);
  } else if (format == "posneg") {
    read_posneg(path, g);
  } else {
    std::string all;
    for (const auto& f : gold_formats()) all += " " + f;
    throw UsageError("unknown gold format '" + format + "' (one of:" + all + ")");
  }
  return g;
}
}  // namespace

}  // namespace vigie::sentiment
