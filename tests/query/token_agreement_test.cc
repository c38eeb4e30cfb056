// Property: whatever a document says, a plain search for one of its tokens
// finds it, and so does a phrase search for the same token. Random tokens of
// every class the segmenter knows (letters followed by digits, digits
// followed by letters, letters and digits mixed, hyphenated, apostrophes,
// #hashtags, @mentions, links, plain words) are written in each of the six
// UN languages and a few others, indexed by the real document builder, and
// searched through the real query builder, once over every language of the
// index and once with the document's language. Seeded, so a failure
// reproduces; the failing token, query and parse are printed.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "query/query_builder.h"
#include "tests/query/fixture.h"

namespace vigie::test {
namespace {

struct Language {
  std::string code;
  std::vector<std::string> letters;  // UTF-8 characters words are drawn from
  std::string before, after;         // ordinary words around the token
  bool elision = false;              // French-style l'mot
};

std::vector<std::string> split_chars(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    const unsigned char b = static_cast<unsigned char>(s[i]);
    if (b >= 0xF0) n = 4;
    else if (b >= 0xE0) n = 3;
    else if (b >= 0xC0) n = 2;
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

const std::vector<Language>& languages() {
  static const std::vector<Language> kLangs = {
      {"en", split_chars("abcdefghijklmnopqrstuvwxyz"), "voters", "approved"},
      {"fr", split_chars("abcdefghijlmnopqrstuvéèàçôê"), "les", "votent", true},
      {"es", split_chars("abcdefghijlmnopqrstuvñáéíóú"), "los", "votan"},
      {"ru", split_chars("абвгдежзиклмнопрстуфхцчшщыэюя"), "избиратели", "одобрили"},
      {"ar", split_chars("ابتثجحخدذرزسشصضطظعغفقكلمنهوي"), "الناخبون", "وافقوا"},
      {"zh", split_chars("大麻合法化毒品政策减少伤害戒毒选民批准"), "选民", "批准"},
      {"de", split_chars("abcdefghijklmnopqrstuvwxyzäöüß"), "wähler", "stimmten"},
      {"pt", split_chars("abcdefghijlmnopqrstuvãõçáéí"), "eleitores", "aprovaram"},
      {"it", split_chars("abcdefghilmnopqrstuvzàèìòù"), "elettori", "approvano", true},
      {"tr", split_chars("abcçdefgğhıijklmnoöprsştuüvyz"), "seçmenler", "onayladı"},
      {"ja", split_chars("かなびすのはにをカンナビス大麻"), "有権者", "承認"},
      {"hi", split_chars("कखगचजटडतदनपबमयरलवसह"), "मतदाता", "मंजूर"},
  };
  return kLangs;
}

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  size_t below(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  std::string word(const Language& l, size_t min = 3, size_t max = 7) {
    std::string w;
    const size_t n = min + below(max - min + 1);
    for (size_t i = 0; i < n; ++i) w += l.letters[below(l.letters.size())];
    return w;
  }
  std::string digits(size_t min = 1, size_t max = 3) {
    std::string d;
    const size_t n = min + below(max - min + 1);
    for (size_t i = 0; i < n; ++i) d.push_back(char('0' + below(10)));
    return d;
  }
  std::string ascii(size_t n) {
    std::string w;
    for (size_t i = 0; i < n; ++i) w.push_back(char('a' + below(26)));
    return w;
  }

 private:
  std::mt19937 rng_;
};

struct Sample {
  std::string cls, lang, token, id;
};

std::vector<Sample> samples() {
  Gen g(20190311);
  std::vector<Sample> out;
  const std::vector<std::string> classes = {"plain",       "letters+digits", "digits+letters", "mixed",
                                            "hyphenated",  "apostrophe",     "hashtag",        "hashtag+digits",
                                            "mention",     "url"};
  for (const Language& l : languages()) {
    for (const std::string& cls : classes) {
      for (int k = 0; k < 4; ++k) {
        std::string t;
        if (cls == "plain") t = g.word(l);
        else if (cls == "letters+digits") t = g.word(l, 1, 5) + g.digits();
        else if (cls == "digits+letters") t = g.digits() + g.word(l, 1, 5);
        else if (cls == "mixed") t = g.word(l, 1, 2) + g.digits(1, 1) + g.word(l, 1, 2) + g.digits(1, 2);
        else if (cls == "hyphenated") t = g.word(l) + "-" + (k % 2 ? g.digits() : g.word(l));
        else if (cls == "apostrophe") t = l.elision && k % 2 ? "l'" + g.word(l) : g.word(l, 2, 5) + "'" + g.word(l, 1, 4);
        else if (cls == "hashtag") t = "#" + g.word(l, 3, 9);
        else if (cls == "hashtag+digits") t = "#" + g.word(l, 2, 6) + g.digits();
        else if (cls == "mention") t = "@" + (k % 2 ? g.word(l) : g.ascii(5) + "_" + g.digits());
        else t = "https://" + g.ascii(6) + ".org/" + g.word(l) + "/" + g.digits();
        out.push_back({cls, l.code, t, std::to_string(out.size() + 1)});
      }
    }
  }
  return out;
}

const Language& language(const std::string& code) {
  for (const auto& l : languages())
    if (l.code == code) return l;
  throw std::logic_error("no language " + code);
}

TEST(TokenAgreement, PlainAndPhraseSearchFindEveryTokenClassInEveryLanguage) {
  const std::vector<Sample> all = samples();
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  text::Segmenter seg;
  text::StemmerSet stemmers;
  for (const Sample& s : all) {
    const Language& l = language(s.lang);
    Doc d;
    d.id = s.id;
    d.kind = Kind::tweet;
    d.lang = s.lang;
    d.text = l.before + " " + s.token + " " + l.after + ".";
    db.add_document(make_document(d, seg, stemmers));
  }
  db.set_metadata(std::string(schema::meta::kSchemaVersion), std::to_string(schema::kSchemaVersion));
  db.commit();
  query::Index index = query::Index::from_database(db, "memory");

  size_t failures = 0;
  for (const Sample& s : all) {
    for (const std::string& q : {s.token, "\"" + s.token + "\""}) {
      for (const std::string& lang : {std::string(), s.lang}) {
        query::SearchOptions o;
        o.query = q;
        o.lang = lang;
        o.limit = 1000;
        o.snippets = false;
        const query::SearchResults r = query::search(index, o);
        bool found = false;
        for (const auto& h : r.hits) found |= h.id == s.id;
        if (!found && ++failures <= 40) {
          ADD_FAILURE() << s.cls << " in " << s.lang << ": " << q << (lang.empty() ? "" : " --lang " + lang)
                        << " misses its document\n  text: " << language(s.lang).before << " " << s.token << " "
                        << language(s.lang).after << "\n  parsed: " << r.parsed;
        }
      }
    }
  }
  EXPECT_EQ(failures, 0u) << "of " << all.size() * 4 << " searches";
}

// A Chinese or Japanese hashtag is one hashtag: term, and its words are
// found as the same words outside a tag are.
TEST(TokenAgreement, WordsInsideCjkHashtagsAreFound) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  text::Segmenter seg;
  text::StemmerSet stemmers;
  Doc tag{"1", Kind::tweet, "zh", "", "", "", "", "支持 #大麻合法化# 的人"};
  Doc plain{"2", Kind::tweet, "zh", "", "", "", "", "支持大麻合法化的人"};
  Doc other{"3", Kind::tweet, "zh", "", "", "", "", "#禁毒# 宣传"};
  Doc en{"4", Kind::tweet, "en", "", "", "", "", "Weibo trends #大麻合法化 today"};
  for (const Doc* d : {&tag, &plain, &other, &en}) db.add_document(make_document(*d, seg, stemmers));
  db.set_metadata(std::string(schema::meta::kSchemaVersion), std::to_string(schema::kSchemaVersion));
  db.commit();
  query::Index index = query::Index::from_database(db, "memory");
  auto run = [&](const std::string& q) {
    query::SearchOptions o;
    o.query = q;
    o.limit = 100;
    o.snippets = false;
    return ids(query::search(index, o));
  };
  EXPECT_EQ(run("大麻"), (std::vector<std::string>{"1", "2", "4"}));
  EXPECT_EQ(run("合法化"), (std::vector<std::string>{"1", "2", "4"}));
  EXPECT_EQ(run("大麻合法化"), (std::vector<std::string>{"1", "2", "4"}));
  EXPECT_EQ(run("hashtag:大麻合法化"), (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(run("#大麻合法化#"), (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(run("hashtag:大麻"), (std::vector<std::string>{}));
  EXPECT_EQ(run("禁毒"), (std::vector<std::string>{"3"}));
}

}  // namespace
}  // namespace vigie::test
