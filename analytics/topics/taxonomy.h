// The drug-policy taxonomy: topics with labels and matching rules per
// language, loaded from a JSON file (corpora/taxonomy/drug-policy.json by
// default; users may edit it or supply their own). The file format is
// documented in corpora/taxonomy/README.md.
//
// Owns: parsing and validating the file. Matching lives in tagger.h.
// Thread safety: a Taxonomy is an immutable value after load(); share it.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/segment.h"
#include "core/text/stem.h"

namespace vigie::topics {

// Matching rules of one topic in one language. Every entry is a phrase of
// one or more words, written in any case and with or without accents (it is
// put through text::index_form at tagger build time).
//  - terms:   exact words or phrases; a word ending in '*' matches any word
//             that starts with it ("décriminalis*"). Unambiguous on their own.
//  - stems:   words matched through the language's Snowball stemmer, so
//             "décriminalisation" also finds "décriminaliser".
//  - slang:   ambiguous words and brand names ("weed", "pot", "percs"); they
//             count for less and are cancelled by an exclusion in the sentence.
//  - exclude: phrases that mark a sentence as off-topic for the slang of this
//             topic ("pot roast", "mow the grass").
//  - mentions: names of what the topic is about that do not say the text is
//             about the topic ("cannabis" in "executed for a kilo of
//             cannabis"): they weigh as terms (and as terms also cancelled
//             by an overlapping exclusion), but a topic found only through
//             mentions is dropped when another topic of the text was found
//             through a term. A text that only names the substance keeps it.
//  - cues:    words that say a mention is about the topic ("legal",
//             "medical", "licensed" for cannabis): alone they count for
//             nothing; with a mention of the topic anywhere in the text the
//             topic counts as found through a term.
// For Chinese and Japanese (no spaces) an entry made of CJK characters is
// matched as a substring of each run of CJK text, whatever the segmenter did.
struct LangRules {
  std::vector<std::string> terms;
  std::vector<std::string> stems;
  std::vector<std::string> slang;
  std::vector<std::string> exclude;
  std::vector<std::string> mentions;
  std::vector<std::string> cues;
};

struct Topic {
  std::string id;                             // [a-z0-9_]+, unique
  std::string group;                          // health | law_rights | markets_supply | ...
  std::map<std::string, std::string> labels;  // ISO 639-1 -> label
  std::map<std::string, LangRules> rules;     // ISO 639-1 -> rules
  // When true the topic only counts in a document that is about drugs: one
  // that matches the taxonomy's "context" rules or another topic that does
  // not need context. For general words ("prison", "human rights").
  bool needs_context = false;
  // Languages with at least one matching rule, sorted.
  std::vector<std::string> languages() const;
  // Label in lang, else English, else the id.
  const std::string& label(std::string_view lang) const;
};

class Taxonomy {
 public:
  // Reads and validates a taxonomy file. Throws UsageError when the path does
  // not exist or is not a regular file (a user-supplied --taxonomy), and
  // vigie::Error naming the file, the line and the reason when the content is
  // invalid (bad JSON, missing id/version, duplicate id, unknown field type).
  static Taxonomy load(const std::string& path);
  // Same from a string; origin names it in error messages.
  static Taxonomy parse(std::string_view json, std::string_view origin);

  // The file's "version" field + '+' + 16 hex digits of a hash of the content,
  // so an edited file never passes for the shipped one (index metadata).
  const std::string& version() const { return version_; }
  const std::vector<Topic>& topics() const { return topics_; }
  // The drug-context rules (lang -> rules) that needs_context topics require.
  const std::map<std::string, LangRules>& context() const { return context_; }
  // nullptr when there is no such topic.
  const Topic* find(std::string_view id) const;

 private:
  std::string version_;
  std::vector<Topic> topics_;
  std::map<std::string, LangRules> context_;
};

// One rule entry of a topic found in a text, for explanations.
struct RuleMatch {
  std::string field;            // terms | stems | slang | exclude | context
  std::string lang;             // the rules' language (the fallback's for Latin names in ar/ru/zh posts)
  std::string entry;            // the entry as written in the taxonomy
  uint32_t begin = 0, end = 0;  // byte span in the text
};

// Which entries of topic's rules (or of the context rules, when topic is
// null) match text: the evidence behind a tag, for `vigie score --explain`.
// It compares entries as the tagger does (index form, "word*" prefixes,
// Snowball stems, Arabic attached articles, CJK substrings), entry by entry:
// a slow path, kept apart from the tagger's compiled tables, which do not
// record which entry matched. tokens as for TopicTagger::tag.
std::vector<RuleMatch> explain_rules(const Taxonomy& taxonomy, const Topic* topic, std::string_view text,
                                     const std::vector<text::Token>& tokens, std::string_view lang,
                                     text::StemmerSet& stemmers, std::string_view fallback_lang = "en");

}  // namespace vigie::topics
