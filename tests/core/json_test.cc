#include <gtest/gtest.h>

#include "core/json.h"

namespace vigie::json {
namespace {

struct EscapeCase {
  std::string in, out;
};
class JsonEscape : public ::testing::TestWithParam<EscapeCase> {};

TEST_P(JsonEscape, Escapes) { EXPECT_EQ(quote(GetParam().in), GetParam().out); }

INSTANTIATE_TEST_SUITE_P(
    Cases, JsonEscape,
    ::testing::Values(EscapeCase{"plain", "\"plain\""}, EscapeCase{"a\"b", "\"a\\\"b\""},
                      EscapeCase{"back\\slash", "\"back\\\\slash\""}, EscapeCase{"l1\nl2\t", "\"l1\\nl2\\t\""},
                      EscapeCase{std::string("\x01", 1), "\"\\u0001\""},
                      EscapeCase{"réduction 大麻 🌿", "\"réduction 大麻 🌿\""},
                      // invalid UTF-8 becomes U+FFFD, one per bad byte
                      EscapeCase{"a\xff\xfe" "b", "\"a\xEF\xBF\xBD\xEF\xBF\xBD" "b\""},
                      // truncated 3-byte sequence at the end
                      EscapeCase{"x\xe5\xa4", "\"x\xEF\xBF\xBD\xEF\xBF\xBD\""},
                      // UTF-16 surrogates encoded in UTF-8 are not valid UTF-8
                      EscapeCase{"\xed\xa0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""}));

TEST(JsonWriter, NestsWithCommas) {
  std::string out;
  JsonWriter w(out);
  w.begin_object();
  w.key("count").value(int64_t{3});
  w.key("list").begin_array().value("a").value(1.5).value(true).null().end_array();
  w.key("obj").begin_object().key("k").fixed(0.12345, 2).end_object();
  w.end_object();
  EXPECT_EQ(out, R"({"count":3,"list":["a",1.5,true,null],"obj":{"k":0.12}})");
}

TEST(JsonWriter, NonFiniteIsNull) {
  std::string out;
  append_double(out, 1.0 / 0.0);
  EXPECT_EQ(out, "null");
}

TEST(JsonWriter, FixedNeverWritesNegativeZero) {
  std::string out;
  append_fixed(out, -0.0001, 3);
  EXPECT_EQ(out, "0.000");
}

TEST(JsonWriter, DoubleRoundTrips) {
  std::string out;
  append_double(out, 0.1);
  EXPECT_EQ(out, "0.1");
}

}  // namespace
}  // namespace vigie::json
