// Taxonomy loading: the shipped file is valid and complete; bad files fail
// with the file, the line and the reason; user paths that do not exist are
// usage errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "analytics/topics/tagger.h"
#include "analytics/topics/taxonomy.h"
#include "core/errors.h"

namespace vigie::topics {
namespace {

const std::string kShipped = std::string(VIGIE_SOURCE_DIR) + "/corpora/taxonomy/drug-policy.json";

TEST(Taxonomy, ShippedFileHasTheIssueTopicsInSixLanguages) {
  Taxonomy tax = Taxonomy::load(kShipped);
  const std::set<std::string> required = {"harm_reduction", "treatment", "prevention", "overdose",
                                          "decriminalization", "incarceration", "human_rights",
                                          "cannabis_regulation", "controlled_medicines", "nps", "trafficking",
                                          "alternative_development"};
  std::set<std::string> ids;
  for (const Topic& t : tax.topics()) {
    ids.insert(t.id);
    EXPECT_FALSE(t.group.empty()) << t.id;
    auto langs = t.languages();
    for (const char* l : {"ar", "zh", "en", "fr", "ru", "es"}) {
      EXPECT_TRUE(std::find(langs.begin(), langs.end(), l) != langs.end()) << t.id << " lacks rules in " << l;
      EXPECT_TRUE(t.labels.count(l)) << t.id << " lacks a label in " << l;
    }
  }
  for (const auto& r : required) EXPECT_TRUE(ids.count(r)) << r;
  EXPECT_NE(tax.find("harm_reduction"), nullptr);
  EXPECT_EQ(tax.find("no_such_topic"), nullptr);
  // The version names the file's version and its content hash.
  EXPECT_EQ(tax.version().rfind("2026.12-3+", 0), 0u) << tax.version();
  EXPECT_EQ(tax.version().size(), std::string("2026.12-3+").size() + 16);
  // The whole file compiles (no rule is unusable).
  EXPECT_NO_THROW(TopicTagger{tax});
}

TEST(Taxonomy, VersionChangesWithContent) {
  const char* a = R"({"version": "1", "topics": [{"id": "x", "label": {"en": "X"}, "rules": {"en": {"terms": ["a"]}}}]})";
  const char* b = R"({"version": "1", "topics": [{"id": "x", "label": {"en": "X"}, "rules": {"en": {"terms": ["b"]}}}]})";
  EXPECT_NE(Taxonomy::parse(a, "a").version(), Taxonomy::parse(b, "b").version());
  EXPECT_EQ(Taxonomy::parse(a, "a").version(), Taxonomy::parse(a, "again").version());
}

TEST(Taxonomy, LabelFallsBackToEnglishThenId) {
  Taxonomy tax = Taxonomy::parse(
      R"({"version": "1", "topics": [{"id": "x", "label": {"en": "Ex", "fr": "Ixe"}, "rules": {"en": {"terms": ["a"]}}},
                                      {"id": "y", "label": {"fr": "Igrec"}, "rules": {"en": {"terms": ["b"]}}}]})",
      "t");
  EXPECT_EQ(tax.topics()[0].label("fr"), "Ixe");
  EXPECT_EQ(tax.topics()[0].label("ru"), "Ex");
  EXPECT_EQ(tax.topics()[1].label("ru"), "y");
}

TEST(Taxonomy, MissingFileIsAUsageError) {
  EXPECT_THROW(Taxonomy::load("/nonexistent/taxonomy.json"), UsageError);
  EXPECT_THROW(Taxonomy::load(VIGIE_SOURCE_DIR), UsageError);  // a directory
}

struct BadCase {
  const char* name;
  const char* json;
  const char* message;  // expected in what()
};

class BadTaxonomy : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadTaxonomy, FailsWithFileLineAndReason) {
  const BadCase& c = GetParam();
  try {
    Taxonomy::parse(c.json, "my.json");
    FAIL() << "no exception for " << c.name;
  } catch (const UsageError&) {
    FAIL() << "a bad file is not a usage error";
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_EQ(what.rfind("my.json:", 0), 0u) << what;
    EXPECT_NE(what.find(c.message), std::string::npos) << what;
  }
}

const BadCase kBad[] = {
    {"not json", "{\"version\": ", "unexpected end"},
    {"trailing", R"({"version": "1", "topics": []} x)", "unexpected text"},
    {"no version", R"({"topics": [{"id": "x", "label": {"en": "X"}, "rules": {}}]})", "missing \"version\""},
    {"no topics", R"({"version": "1"})", "missing \"topics\""},
    {"empty topics", R"({"version": "1", "topics": []})", "is empty"},
    {"duplicate id", R"({"version": "1", "topics": [
        {"id": "x", "label": {"en": "X"}, "rules": {"en": {"terms": ["a"]}}},
        {"id": "x", "label": {"en": "X"}, "rules": {"en": {"terms": ["b"]}}}]})", "duplicate topic id 'x'"},
    {"bad id", R"({"version": "1", "topics": [{"id": "Harm Reduction", "label": {"en": "X"}, "rules": {}}]})",
     "must match"},
    {"no label", R"({"version": "1", "topics": [{"id": "x", "rules": {}}]})", "has no label"},
    {"terms not array", R"({"version": "1", "topics": [{"id": "x", "label": {"en": "X"}, "rules": {"en": {"terms": "a"}}}]})",
     "must be an array"},
    {"typo field", R"({"version": "1", "topics": [{"id": "x", "label": {"en": "X"}, "rules": {"en": {"term": ["a"]}}}]})",
     "unknown field 'term'"},
    {"bad lang", R"({"version": "1", "topics": [{"id": "x", "label": {"EN": "X"}, "rules": {}}]})", "not an ISO 639"},
    {"context missing", R"({"version": "1", "topics": [{"id": "x", "label": {"en": "X"}, "needs_context": true, "rules": {}}]})",
     "no \"context\""},
};

INSTANTIATE_TEST_SUITE_P(Errors, BadTaxonomy, ::testing::ValuesIn(kBad),
                         [](const auto& info) {
                           std::string n = info.param.name;
                           for (char& c : n) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
                           return n;
                         });

TEST(Taxonomy, ErrorNamesTheLine) {
  try {
    Taxonomy::parse("{\n\"version\": \"1\",\n\"topics\": [\n{\"id\": 3}\n]}", "f.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("f.json:4:"), std::string::npos) << e.what();
  }
}

TEST(Taxonomy, TooShortPrefixIsRejectedByTheTagger) {
  Taxonomy tax = Taxonomy::parse(
      R"({"version": "1", "topics": [{"id": "x", "label": {"en": "X"}, "rules": {"en": {"terms": ["dr*"]}}}]})", "t");
  EXPECT_THROW(TopicTagger{tax}, Error);
}

TEST(Taxonomy, LoadsFromDisk) {
  auto path = std::filesystem::temp_directory_path() / "vigie-topics-test.json";
  {
    std::ofstream out(path);
    out << R"({"version": "u1", "topics": [{"id": "mine", "label": {"en": "Mine"}, "rules": {"en": {"terms": ["foo bar"]}}}]})";
  }
  Taxonomy tax = Taxonomy::load(path.string());
  std::filesystem::remove(path);
  ASSERT_EQ(tax.topics().size(), 1u);
  EXPECT_EQ(tax.topics()[0].id, "mine");
}

}  // namespace
}  // namespace vigie::topics
