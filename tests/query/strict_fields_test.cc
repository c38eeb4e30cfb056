// check_fields: unknown fields, closed values and reversed ranges are usage
// errors pointing at the token; words with a colon are not fields.
#include <gtest/gtest.h>

#include "core/errors.h"
#include "query/query_builder.h"

namespace vigie::query {
namespace {

const std::vector<std::string> kTopics = {"harm_reduction", "cannabis_regulation", "treatment"};

struct Strict {
  const char* query;
  const char* message;  // "" = accepted
  size_t caret = 0;     // column of '^' when rejected
};

class StrictFields : public ::testing::TestWithParam<Strict> {};

TEST_P(StrictFields, RejectOrAccept) {
  const Strict& s = GetParam();
  if (std::string(s.message).empty()) {
    EXPECT_NO_THROW(check_fields(s.query, kTopics)) << s.query;
    return;
  }
  try {
    check_fields(s.query, kTopics);
    FAIL() << "no error for " << s.query;
  } catch (const UsageError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find(s.message), std::string::npos) << m;
    EXPECT_NE(m.find("\n  " + std::string(s.caret, ' ') + "^"), std::string::npos) << m;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fields, StrictFields,
    ::testing::Values(
        Strict{"lnag:es cannabis", "unknown field 'lnag' (did you mean lang?)", 0},
        Strict{"cannabis -titel:heroin", "unknown field 'titel' (did you mean title?)", 10},
        Strict{"(a OR Lang:es)", "unknown field 'Lang' (did you mean lang?)", 6},
        Strict{"colour:red", "unknown field 'colour'", 0},
        Strict{"topic:cannabis", "unknown topic 'cannabis' (did you mean cannabis_regulation?)", 0},
        Strict{"topic:\"harm reduction\"", "unknown topic 'harm reduction' (did you mean harm_reduction?)", 0},
        Strict{"stance:pro", "valid values: reform, prohibition, none", 0},
        Strict{"label:happy", "valid values: positive, neutral, negative", 0},
        Strict{"x sentiment:happy", "valid values: positive, neutral, negative", 2},
        Strict{"kind:blog", "valid values: tweet, reddit, news", 0},
        Strict{"flag:dupl", "(did you mean duplicate?)", 0},
        Strict{"date:2019-03-17..2019-03-11", "reversed range", 0},
        Strict{"date:2019-W12..2019-W11", "reversed range", 0},
        Strict{"sentiment:0.5..-0.5", "reversed range", 0},
        Strict{"http://unodc.org/x:y", ""}, Strict{"meeting 10:30", ""}, Strict{"\"lnag:es\"", ""},
        Strict{"topic:Cannabis_Regulation", ""}, Strict{"+stance:reform -flag:duplicate", ""},
        Strict{"label:NEGATIVE sentiment:-1..-0.05 date:2019-03-11..2019-03-11", ""},
        Strict{"sentiment:..0 date:2019-03-11..", ""}, Strict{"#tag:x @user:y", ""}));

TEST(StrictFields, TopicIsOpenWithoutATaxonomy) { EXPECT_NO_THROW(check_fields("topic:anything")); }

}  // namespace
}  // namespace vigie::query
