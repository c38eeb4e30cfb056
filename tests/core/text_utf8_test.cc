#include "core/text/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace vigie::utf8 {
namespace {

struct Row {
  const char* name;
  std::string bytes;
  Policy policy;
  char32_t cp;
  size_t len;
};

class Utf8Decode : public ::testing::TestWithParam<Row> {};

TEST_P(Utf8Decode, AtStart) {
  const Row& r = GetParam();
  Decoded d = decode(r.bytes, 0, r.policy);
  EXPECT_EQ(static_cast<uint32_t>(d.cp), static_cast<uint32_t>(r.cp)) << r.name;
  EXPECT_EQ(d.len, r.len) << r.name;
}

const Row kRows[] = {
    // Well-formed text decodes the same under every policy.
    {"ascii strict", "a", Policy::strict, 'a', 1},
    {"2-byte strict", "\xC3\xA9", Policy::strict, 0xE9, 2},
    {"2-byte lax", "\xC3\xA9", Policy::lax, 0xE9, 2},
    {"2-byte bits", "\xC3\xA9", Policy::bits, 0xE9, 2},
    {"3-byte strict", "\xE4\xB8\xAD", Policy::strict, 0x4E2D, 3},
    {"3-byte lax", "\xE4\xB8\xAD", Policy::lax, 0x4E2D, 3},
    {"3-byte bits", "\xE4\xB8\xAD", Policy::bits, 0x4E2D, 3},
    {"4-byte strict", "\xF0\x9F\x98\x80", Policy::strict, 0x1F600, 4},
    {"4-byte lax", "\xF0\x9F\x98\x80", Policy::lax, 0x1F600, 4},
    {"4-byte bits", "\xF0\x9F\x98\x80", Policy::bits, 0x1F600, 4},
    {"U+10FFFF strict", "\xF4\x8F\xBF\xBF", Policy::strict, 0x10FFFF, 4},
    // Cut short.
    {"cut strict", "\xE4\xB8", Policy::strict, 0xFFFD, 0},
    {"cut lax", "\xE4\xB8", Policy::lax, 0xFFFD, 1},
    {"cut bits folds what is there", "\xE4\xB8", Policy::bits, ((0xE4 & 0x1F) << 6) | 0x38, 2},
    // A continuation byte missing.
    {"broken strict", "\xC3" "a", Policy::strict, 0xFFFD, 0},
    {"broken lax", "\xC3" "a", Policy::lax, 0xFFFD, 1},
    {"broken bits takes it anyway", "\xC3" "a", Policy::bits, (0x03 << 6) | ('a' & 0x3F), 2},
    // Overlong forms.
    {"overlong strict", "\xC0\xAF", Policy::strict, 0xFFFD, 0},
    {"overlong lax decodes the bits", "\xC0\xAF", Policy::lax, 0x2F, 2},
    {"overlong 3 strict", "\xE0\x80\xAF", Policy::strict, 0xFFFD, 0},
    {"overlong 4 lax", "\xF0\x80\x80\xAF", Policy::lax, 0x2F, 4},
    // Surrogates.
    {"surrogate strict", "\xED\xA0\x80", Policy::strict, 0xFFFD, 0},
    {"surrogate lax", "\xED\xA0\x80", Policy::lax, 0xD800, 3},
    {"surrogate bits", "\xED\xA0\x80", Policy::bits, 0xD800, 3},
    // Past U+10FFFF and bytes that start nothing.
    {"past max strict", "\xF4\x90\x80\x80", Policy::strict, 0xFFFD, 0},
    {"past max lax", "\xF4\x90\x80\x80", Policy::lax, 0x110000, 4},
    {"lone continuation strict", "\x80", Policy::strict, 0xFFFD, 0},
    {"lone continuation lax", "\x80", Policy::lax, 0xFFFD, 1},
    {"lone continuation bits is itself", "\x80", Policy::bits, 0x80, 1},
    {"F8 lax reads four bytes", "\xF8\x88\x80\x80", Policy::lax, 0x8000, 4},
    {"F8 bits is itself", "\xF8\x88\x80\x80", Policy::bits, 0xF8, 1},
    // The rejects log's excerpts: a high lead byte passes as three bytes.
    {"F8 strict", "\xF8\x88\x80", Policy::strict, 0xFFFD, 0},
    {"F8 high leads", "\xF8\x88\x80", Policy::strict_except_high_leads, (0x8 << 12) | (0x8 << 6), 3},
    {"F5 high leads cut", "\xF5\x88", Policy::strict_except_high_leads, 0xFFFD, 0},
    {"surrogate high leads", "\xED\xA0\x80", Policy::strict_except_high_leads, 0xFFFD, 0},
};

INSTANTIATE_TEST_SUITE_P(Policies, Utf8Decode, ::testing::ValuesIn(kRows));

TEST(Utf8Decode, BitsSaysWhetherTheSequenceWasWhole) {
  EXPECT_TRUE(decode("\xE4\xB8\xAD", 0, Policy::bits).whole);
  EXPECT_FALSE(decode("\xE4\xB8", 0, Policy::bits).whole);
  EXPECT_FALSE(decode("\xE4", 0, Policy::bits).whole);
  EXPECT_TRUE(decode("a", 0, Policy::bits).whole);
}

TEST(Utf8Decode, ValidLength) {
  EXPECT_EQ(valid_length("x\xD9\x85", 1), 2u);
  EXPECT_EQ(valid_length("x\xD9", 1), 0u);
}

}  // namespace
}  // namespace vigie::utf8
