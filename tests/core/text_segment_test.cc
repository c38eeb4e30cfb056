// Tests of core/text/segment: the tokens of social-media text (URLs,
// mentions, hashtags in several scripts, emoji sequences, emoticons, '!'/'?'
// runs), dictionary segmentation of Chinese and Japanese, French elision,
// numbers, offsets, flags, and sentence splitting. Expected token lists are
// written by hand from the rules in segment.h / docs/text.md.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/text/normalize.h"
#include "core/text/segment.h"

namespace vigie::text {
namespace {

const char* kind_name(TokenKind k) {
  switch (k) {
    case TokenKind::word: return "word";
    case TokenKind::number: return "number";
    case TokenKind::url: return "url";
    case TokenKind::mention: return "mention";
    case TokenKind::hashtag: return "hashtag";
    case TokenKind::emoji: return "emoji";
    case TokenKind::emoticon: return "emoticon";
    case TokenKind::punct: return "punct";
  }
  return "?";
}

// "surface/kind/norm" for each token, e.g. "#Cannabis/hashtag/cannabis".
std::vector<std::string> render(std::string_view text, const std::vector<Token>& tokens) {
  std::vector<std::string> out;
  for (const Token& t : tokens)
    out.push_back(std::string(text.substr(t.begin, t.end - t.begin)) + "/" + kind_name(t.kind) + "/" + t.norm);
  return out;
}

struct TokCase {
  const char* name;
  std::string text;
  std::vector<std::string> want;  // render() form
};

std::ostream& operator<<(std::ostream& os, const TokCase& c) { return os << c.name; }

class TokenizeTest : public ::testing::TestWithParam<TokCase> {};

TEST_P(TokenizeTest, Tokens) {
  Segmenter seg;
  std::vector<Token> tokens;
  seg.tokenize(GetParam().text, tokens);
  EXPECT_EQ(render(GetParam().text, tokens), GetParam().want);
}

INSTANTIATE_TEST_SUITE_P(
    Segment, TokenizeTest,
    ::testing::Values(
        TokCase{"plain_english", "Drugs are bad.", {"Drugs/word/drugs", "are/word/are", "bad/word/bad"}},
        TokCase{"negation_kept_whole", "I don't like it", {"I/word/i", "don't/word/don't", "like/word/like", "it/word/it"}},
        TokCase{"curly_apostrophe_norm", "don\xE2\x80\x99t", {"don\xE2\x80\x99t/word/don't"}},
        TokCase{"url_https", "see https://t.co/AbC12 now",
                {"see/word/see", "https://t.co/AbC12/url/https://t.co/abc12", "now/word/now"}},
        TokCase{"url_trailing_punct", "(read http://example.com/a?b=1).",
                {"read/word/read", "http://example.com/a?b=1/url/http://example.com/a?b=1"}},
        TokCase{"url_www_and_ellipsis", "www.Example.org/x\xE2\x80\xA6 ok",
                {"www.Example.org/x/url/www.example.org/x", "ok/word/ok"}},
        TokCase{"url_wikipedia_parens", "https://en.wikipedia.org/wiki/Cannabis_(drug) !",
                {"https://en.wikipedia.org/wiki/Cannabis_(drug)/url/https://en.wikipedia.org/wiki/cannabis_(drug)",
                 "!/punct/!"}},
        TokCase{"mention_and_rt", "RT @User_1: hi", {"RT/word/rt", "@User_1/mention/user_1", "hi/word/hi"}},
        TokCase{"email_is_not_mention", "a@b.com", {"a@b.com/word/a@b.com"}},
        TokCase{"hashtag_latin_accented", "#L\xC3\xA9galisation now",
                {"#L\xC3\xA9galisation/hashtag/legalisation", "now/word/now"}},
        TokCase{"hashtag_arabic", "#\xD8\xA7\xD9\x84\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85",  // #السلام
                {"#\xD8\xA7\xD9\x84\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85/hashtag/\xD8\xA7\xD9\x84\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"}},
        TokCase{"hashtag_chinese", "#\xE5\xA4\xA7\xE9\xBA\xBB",  // #大麻
                {"#\xE5\xA4\xA7\xE9\xBA\xBB/hashtag/\xE5\xA4\xA7\xE9\xBA\xBB"}},
        TokCase{"hashtag_cyrillic_underscore", "#\xD0\x9D\xD0\xB5\xD1\x82_\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE",
                {"#\xD0\x9D\xD0\xB5\xD1\x82_\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE/hashtag/"
                 "\xD0\xBD\xD0\xB5\xD1\x82_\xD0\xBD\xD0\xB0\xD1\x80\xD0\xBA\xD0\xBE"}},  // #Нет_нарко
        TokCase{"hashtag_digits_only_is_number", "#1 fan", {"1/number/1", "fan/word/fan"}},
        TokCase{"csharp_not_hashtag", "C# code", {"C/word/c", "code/word/code"}},
        TokCase{"emoji_single_and_repeat", "lol\xF0\x9F\x98\x82\xF0\x9F\x98\x82",  // lol😂😂
                {"lol/word/lol", "\xF0\x9F\x98\x82/emoji/\xF0\x9F\x98\x82", "\xF0\x9F\x98\x82/emoji/\xF0\x9F\x98\x82"}},
        TokCase{"emoji_skin_tone", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD",  // 👍🏽
                {"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD/emoji/\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"}},
        TokCase{"emoji_zwj_family",
                "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",  // 👨‍👩‍👧
                {"\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7/emoji/"
                 "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"}},
        TokCase{"emoji_flags", "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xF0\x9F\x87\xA8\xF0\x9F\x87\xA6",  // 🇫🇷🇨🇦
                {"\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7/emoji/\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7",
                 "\xF0\x9F\x87\xA8\xF0\x9F\x87\xA6/emoji/\xF0\x9F\x87\xA8\xF0\x9F\x87\xA6"}},
        TokCase{"emoji_keycap", "1\xEF\xB8\x8F\xE2\x83\xA3 2",  // 1️⃣ 2
                {"1\xEF\xB8\x8F\xE2\x83\xA3/emoji/1\xEF\xB8\x8F\xE2\x83\xA3", "2/number/2"}},
        TokCase{"emoji_heart_vs16", "I\xE2\x9D\xA4\xEF\xB8\x8FNY",  // I❤️NY
                {"I/word/i", "\xE2\x9D\xA4\xEF\xB8\x8F/emoji/\xE2\x9D\xA4\xEF\xB8\x8F", "NY/word/ny"}},
        TokCase{"copyright_is_not_emoji", "\xC2\xA9 2020", {"2020/number/2020"}},
        TokCase{"emoticons", "ok :) :-( :D ;) <3 :P xD",
                {"ok/word/ok", ":)/emoticon/:)", ":-(/emoticon/:-(", ":D/emoticon/:D", ";)/emoticon/;)",
                 "<3/emoticon/<3", ":P/emoticon/:P", "xD/emoticon/xD"}},
        TokCase{"emoticon_glued", "great:)", {"great/word/great", ":)/emoticon/:)"}},
        TokCase{"time_is_not_emoticon", "at 10:30", {"at/word/at", "10/number/10", "30/number/30"}},
        TokCase{"colon_word_not_emoticon", "Note:Paris", {"Note/word/note", "Paris/word/paris"}},
        TokCase{"bang_question_runs", "What?!? No!!", {"What/word/what", "?!?/punct/?!?", "No/word/no", "!!/punct/!!"}},
        TokCase{"fullwidth_and_arabic_question", "\xE5\xA5\xBD\xEF\xBC\x81 \xD9\x84\xD9\x85\xD8\xA7\xD8\x9F",
                {"\xE5\xA5\xBD/word/\xE5\xA5\xBD", "\xEF\xBC\x81/punct/!", "\xD9\x84\xD9\x85\xD8\xA7/word/\xD9\x84\xD9\x85\xD8\xA7",
                 "\xD8\x9F/punct/\xD8\x9F"}},  // 好！ لما؟
        TokCase{"numbers", "3.14 1,000 2019", {"3.14/number/3.14", "1,000/number/1,000", "2019/number/2019"}},
        // A token with a letter is a word (stemmed by the indexer, as Xapian's
        // query parser stems it), whatever ICU's rule status says.
        TokCase{"letters_and_digits_are_words", "Prop64 covid19 h1n1 SB420 64abc a10 \xD0\xBA\xD0\xBE\xD0\xB2\xD0\xB8\xD0\xB4" "19",
                {"Prop64/word/prop64", "covid19/word/covid19", "h1n1/word/h1n1", "SB420/word/sb420", "64abc/word/64abc",
                 "a10/word/a10", "\xD0\xBA\xD0\xBE\xD0\xB2\xD0\xB8\xD0\xB4" "19/word/\xD0\xBA\xD0\xBE\xD0\xB2\xD0\xB8\xD0\xB4" "19"}},
        TokCase{"french_elision", "L'usage d\xE2\x80\x99" "aujourd'hui qu'il",
                {"L/word/l", "usage/word/usage", "d/word/d", "aujourd'hui/word/aujourd'hui", "qu/word/qu", "il/word/il"}},
        TokCase{"italian_elision", "dell'uso", {"dell/word/dell", "uso/word/uso"}},
        TokCase{"english_apostrophes_kept", "I'm O'Brien's", {"I'm/word/i'm", "O'Brien's/word/o'brien's"}},
        TokCase{"hyphen_splits", "anti-drug", {"anti/word/anti", "drug/word/drug"}},
        TokCase{"chinese_dictionary", "\xE5\xA4\xA7\xE9\xBA\xBB\xE5\x90\x88\xE6\xB3\x95\xE5\x8C\x96",  // 大麻合法化
                {"\xE5\xA4\xA7\xE9\xBA\xBB/word/\xE5\xA4\xA7\xE9\xBA\xBB",
                 "\xE5\x90\x88\xE6\xB3\x95\xE5\x8C\x96/word/\xE5\x90\x88\xE6\xB3\x95\xE5\x8C\x96"}},
        TokCase{"arabic_words", "\xD8\xA7\xD9\x84\xD9\x85\xD9\x8F\xD8\xAE\xD8\xAF\xD8\xB1\xD8\xA7\xD8\xAA \xD8\xAE\xD8\xB7\xD8\xB1",
                {"\xD8\xA7\xD9\x84\xD9\x85\xD9\x8F\xD8\xAE\xD8\xAF\xD8\xB1\xD8\xA7\xD8\xAA/word/"
                 "\xD8\xA7\xD9\x84\xD9\x85\xD8\xAE\xD8\xAF\xD8\xB1\xD8\xA7\xD8\xAA",
                 "\xD8\xAE\xD8\xB7\xD8\xB1/word/\xD8\xAE\xD8\xB7\xD8\xB1"}},  // المُخدرات خطر
        TokCase{"empty", "", {}},
        TokCase{"only_spaces_and_punct", "  ...  ,, ", {}}),
    [](const auto& info) { return std::string(info.param.name); });

// Chinese and Japanese without spaces: several words, each flagged cjk, and
// concatenating them gives back the text (nothing lost, nothing invented).
struct CjkCase {
  const char* name;
  std::string text;
  size_t min_words;
};

std::ostream& operator<<(std::ostream& os, const CjkCase& c) { return os << c.name; }

class CjkTest : public ::testing::TestWithParam<CjkCase> {};

TEST_P(CjkTest, SplitsWithoutSpaces) {
  Segmenter seg;
  std::vector<Token> tokens;
  seg.tokenize(GetParam().text, tokens, false);
  ASSERT_GE(tokens.size(), GetParam().min_words);
  std::string joined;
  for (const Token& t : tokens) {
    EXPECT_EQ(t.kind, TokenKind::word);
    EXPECT_TRUE(t.cjk) << GetParam().text.substr(t.begin, t.end - t.begin);
    joined += GetParam().text.substr(t.begin, t.end - t.begin);
  }
  EXPECT_EQ(joined, GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    Segment, CjkTest,
    ::testing::Values(
        // 我们反对毒品合法化 "we oppose drug legalisation"
        CjkCase{"chinese", "\xE6\x88\x91\xE4\xBB\xAC\xE5\x8F\x8D\xE5\xAF\xB9\xE6\xAF\x92\xE5\x93\x81\xE5\x90\x88\xE6\xB3\x95\xE5\x8C\x96", 3},
        // 東京に住んでいます "I live in Tokyo"
        CjkCase{"japanese", "\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAB\xE4\xBD\x8F\xE3\x82\x93\xE3\x81\xA7\xE3\x81\x84\xE3\x81\xBE\xE3\x81\x99", 3},
        // ภาษาไทยง่ายนิดเดียว (Thai, dictionary-segmented)
        CjkCase{"thai", "\xE0\xB8\xA0\xE0\xB8\xB2\xE0\xB8\xA9\xE0\xB8\xB2\xE0\xB9\x84\xE0\xB8\x97\xE0\xB8\xA2\xE0\xB8\x87\xE0\xB9\x88\xE0\xB8\xB2\xE0\xB8\xA2", 2}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Segment, FlagsAllCapsAndCjk) {
  Segmenter seg;
  std::vector<Token> t;
  const std::string text = "NO way I SAID \xD0\x9D\xD0\x95\xD0\xA2 Ok \xE5\xA4\xA7\xE9\xBA\xBB";  // ... НЕТ Ok 大麻
  seg.tokenize(text, t, false);
  ASSERT_EQ(t.size(), 7u);
  EXPECT_TRUE(t[0].all_caps);   // NO
  EXPECT_FALSE(t[1].all_caps);  // way
  EXPECT_FALSE(t[2].all_caps);  // I: a single letter
  EXPECT_TRUE(t[3].all_caps);   // SAID
  EXPECT_TRUE(t[4].all_caps);   // НЕТ
  EXPECT_FALSE(t[5].all_caps);  // Ok
  EXPECT_FALSE(t[6].all_caps);  // 大麻 has no case
  EXPECT_TRUE(t[6].cjk);
  for (int i = 0; i < 6; ++i) EXPECT_FALSE(t[i].cjk) << i;
}

TEST(Segment, OffsetsAreBytesIntoInput) {
  Segmenter seg;
  std::vector<Token> t;
  // "é" is 2 bytes, "大麻" 6, "😂" 4.
  const std::string text = "\xC3\xA9t\xC3\xA9 \xE5\xA4\xA7\xE9\xBA\xBB \xF0\x9F\x98\x82 #tag";
  seg.tokenize(text, t, false);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].begin, 0u);
  EXPECT_EQ(t[0].end, 5u);   // été
  EXPECT_EQ(t[1].begin, 6u);
  EXPECT_EQ(t[1].end, 12u);  // 大麻
  EXPECT_EQ(t[2].begin, 13u);
  EXPECT_EQ(t[2].end, 17u);  // 😂
  EXPECT_EQ(t[3].begin, 18u);
  EXPECT_EQ(t[3].end, 22u);  // #tag
}

TEST(Segment, AppendsWithoutClearing) {
  Segmenter seg;
  std::vector<Token> t;
  seg.tokenize("one two", t);
  seg.tokenize("three", t);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[2].norm, "three");
  EXPECT_EQ(t[2].begin, 0u);  // offsets are relative to each call's input
  EXPECT_EQ(t[2].sentence, 0u);
}

TEST(Segment, InvalidUtf8NeitherThrowsNorShiftsOffsets) {
  Segmenter seg;
  std::vector<Token> t;
  const std::string text = "bad\xFF" "byte caf\xC3";
  ASSERT_NO_THROW(seg.tokenize(text, t));
  ASSERT_FALSE(t.empty());
  for (const Token& tok : t) {
    EXPECT_LE(tok.end, text.size());
    EXPECT_TRUE(is_valid_utf8(tok.norm)) << tok.norm;
  }
  EXPECT_EQ(t.front().begin, 0u);
  EXPECT_EQ(t.front().end, 3u);  // "bad"
}

TEST(Segment, SentenceIndicesMatchSentenceSpans) {
  Segmenter seg;
  const std::string text = "  First sentence here.  Second one!! Third?\n\nFourth line ";
  std::vector<Span> spans;
  seg.sentences(text, spans);
  std::vector<std::string> got;
  for (const Span& s : spans) got.push_back(text.substr(s.begin, s.end - s.begin));
  EXPECT_EQ(got, (std::vector<std::string>{"First sentence here.", "Second one!!", "Third?", "Fourth line"}));

  std::vector<Token> t;
  seg.tokenize(text, t);
  for (const Token& tok : t) {
    ASSERT_LT(tok.sentence, spans.size());
    EXPECT_GE(tok.begin, spans[tok.sentence].begin);
    EXPECT_LE(tok.end, spans[tok.sentence].end);
  }
  EXPECT_EQ(t.front().sentence, 0u);  // First
  EXPECT_EQ(t.back().sentence, 3u);   // line
}

TEST(Segment, SentencesInChineseAndArabic) {
  Segmenter seg;
  std::vector<Span> spans;
  // 大麻有害。我们反对！ : two sentences
  seg.sentences("\xE5\xA4\xA7\xE9\xBA\xBB\xE6\x9C\x89\xE5\xAE\xB3\xE3\x80\x82\xE6\x88\x91\xE4\xBB\xAC\xE5\x8F\x8D\xE5\xAF\xB9\xEF\xBC\x81",
                spans);
  EXPECT_EQ(spans.size(), 2u);
  spans.clear();
  // هذا خطر. نحن ضد؟ نعم : three sentences
  seg.sentences("\xD9\x87\xD8\xB0\xD8\xA7 \xD8\xAE\xD8\xB7\xD8\xB1. \xD9\x86\xD8\xAD\xD9\x86 \xD8\xB6\xD8\xAF\xD8\x9F \xD9\x86\xD8\xB9\xD9\x85",
                spans);
  EXPECT_EQ(spans.size(), 3u);
}

// A CJK hashtag body is searched as its words; other tags as their norm.
TEST(Segment, TagWordsCutCjkHashtagBodies) {
  Segmenter seg;
  auto words = [&](const std::string& text) {
    std::vector<Token> toks, out;
    seg.tokenize(text, toks, false);
    for (const Token& t : toks)
      if (t.kind == TokenKind::hashtag) seg.tag_words(t, out);
    std::vector<std::string> norms;
    for (const Token& t : out) norms.push_back(t.norm + (t.cjk ? "/cjk" : ""));
    return norms;
  };
  EXPECT_EQ(words("#\xE5\xA4\xA7\xE9\xBA\xBB\xE5\x90\x88\xE6\xB3\x95\xE5\x8C\x96#"),  // #大麻合法化#
            (std::vector<std::string>{"\xE5\xA4\xA7\xE9\xBA\xBB/cjk", "\xE5\x90\x88\xE6\xB3\x95\xE5\x8C\x96/cjk"}));
  EXPECT_EQ(words("#HarmReduction #covid19"), (std::vector<std::string>{"harmreduction", "covid19"}));
  EXPECT_EQ(words("#L\xC3\xA9galisation"), (std::vector<std::string>{"legalisation"}));
}

TEST(Segment, VeryLongTextIsFine) {
  Segmenter seg;
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "Cannabis policy matters. ";
  std::vector<Token> t;
  seg.tokenize(text, t);
  EXPECT_EQ(t.size(), 60000u);
  EXPECT_EQ(t.back().sentence, 19999u);
  EXPECT_EQ(t.back().end, text.size() - 2);  // before ". "
}

TEST(Segment, CopiesWorkIndependentlyInThreads) {
  const std::string text =
      "RT @user: #Cannabis legal? \xF0\x9F\x98\x82 https://t.co/x \xE5\xA4\xA7\xE9\xBA\xBB\xE5\x90\x88\xE6\xB3\x95\xE5\x8C\x96";
  Segmenter proto;
  std::vector<Token> want;
  proto.tokenize(text, want);
  std::vector<std::vector<std::string>> results(4);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i, seg = Segmenter(proto)]() mutable {
      std::vector<Token> t;
      for (int k = 0; k < 200; ++k) {
        t.clear();
        seg.tokenize(text, t);
      }
      results[i] = render(text, t);
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) EXPECT_EQ(r, render(text, want));
}

// Copying a Segmenter whose last input is gone must work and must not read
// that input (checked under ASan: clean).
TEST(Segment, CopyAfterInputFreed) {
  Segmenter a;
  std::vector<Token> t;
  {
    auto tmp = std::make_unique<std::string>("temporary text \xE5\xA4\xA7\xE9\xBA\xBB that goes away");
    a.tokenize(*tmp, t);
  }
  Segmenter b(a);
  t.clear();
  b.tokenize("still works", t);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[1].norm, "works");
}

// Every token of real tweets lies inside the text, in order, with a norm
// that index_form leaves unchanged (or, for URLs and emoji, the stated form).
TEST(Segment, RealTweetsAreWellFormed) {
  const std::string root = std::string(VIGIE_SHARED_DIR) + "/data/xlmt/";
  Segmenter seg;
  std::vector<Token> t;
  int lines = 0;
  for (const char* lang : {"arabic", "english", "french", "german", "hindi", "italian", "portuguese", "spanish"}) {
    std::ifstream in(root + lang + "/val_text.txt");
    std::string line;
    while (std::getline(in, line)) {
      t.clear();
      seg.tokenize(line, t);
      uint32_t prev_end = 0;
      for (const Token& tok : t) {
        ASSERT_LE(prev_end, tok.begin) << line;
        ASSERT_LT(tok.begin, tok.end) << line;
        ASSERT_LE(tok.end, line.size()) << line;
        ASSERT_FALSE(tok.norm.empty()) << line;
        if (tok.kind == TokenKind::word || tok.kind == TokenKind::hashtag || tok.kind == TokenKind::number) {
          ASSERT_EQ(index_form(tok.norm), tok.norm) << line;
        }
        prev_end = tok.end;
      }
      ++lines;
    }
  }
  if (lines == 0) GTEST_SKIP() << "shared data not found under " << root;
}

// Seeded random soup of ASCII, sigils, emoticon characters, multi-byte
// fragments (some cut short) and emoji parts: nothing throws, every token
// lies inside the input in order, and every norm is valid UTF-8 that
// index_form leaves alone for words.
TEST(Segment, RandomBytesKeepInvariants) {
  const std::vector<std::string> parts = {
      "a", "Z", " ", "\n", "#", "@", ":", ")", "(", "-", "'", "!", "?", ".", "/", "http://", "www.", "x", "D",
      "3", "<", "_", "\xC3\xA9", "\xC3", "\xE5\xA4\xA7", "\xE5\xA4", "\xD8\xA7", "\xD9\x8E", "\xF0\x9F\x98\x82",
      "\xF0\x9F", "\xE2\x80\x8D", "\xEF\xB8\x8F", "\xE2\x83\xA3", "\xF0\x9F\x87\xAB", "\xF0\x9F\x8F\xBD",
      "\xFF", "\x80", "\xE2\x80\x99", "\xEF\xBC\x83", "\xD0\xB9"};
  uint32_t state = 12345;  // xorshift, fixed seed
  auto next = [&] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  Segmenter seg;
  std::vector<Token> t;
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = 1 + next() % 40;
    for (int i = 0; i < n; ++i) text += parts[next() % parts.size()];
    t.clear();
    ASSERT_NO_THROW(seg.tokenize(text, t)) << round;
    uint32_t prev_end = 0;
    for (const Token& tok : t) {
      ASSERT_LE(prev_end, tok.begin) << round;
      ASSERT_LT(tok.begin, tok.end) << round;
      ASSERT_LE(tok.end, text.size()) << round;
      ASSERT_TRUE(is_valid_utf8(tok.norm)) << round;
      if (tok.kind == TokenKind::word) {
        ASSERT_EQ(index_form(tok.norm), tok.norm) << round;
      }
      prev_end = tok.end;
    }
    std::vector<Span> spans;
    seg.sentences(text, spans);
    for (const Span& s : spans) ASSERT_LE(s.end, text.size());
  }
}

}  // namespace
}  // namespace vigie::text
