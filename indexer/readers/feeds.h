// The feed builders: scanned Fields -> Record, one function per feed family
// (one file each). Each returns false with a reject reason when the record
// cannot be indexed (no text, a text field of the wrong type, a bad date).
// Pure functions of their arguments; thread-safe.
#pragma once

#include <string>

#include "core/record.h"
#include "indexer/readers/fields.h"

namespace vigie::indexer::detail {

// Twitter API v1.1 tweet (feed_twitter_v1.cc).
bool build_twitter_v1(const Fields& f, Record& r, std::string& reason);
// Twitter API v2 tweet; users are the page's includes.users (feed_twitter_v2.cc).
bool build_twitter_v2(const Fields& f, const UserTable& users, Record& r, std::string& reason);
// Pushshift comment/submission or a Reddit API thing's data (feed_reddit.cc).
bool build_reddit(const Fields& f, Record& r, std::string& reason);
// NewsAPI article (feed_newsapi.cc).
bool build_newsapi(const Fields& f, Record& r, std::string& reason);
// Media Cloud story (feed_mediacloud.cc).
bool build_mediacloud(const Fields& f, Record& r, std::string& reason);
// An object with a text field but none of the known feeds' signatures (feed_generic.cc).
bool build_generic(const Fields& f, Record& r, std::string& reason);

// The Reddit fullname of a thing (t1_ comment, t3_ submission), also for a
// bare Pushshift id (feed_reddit.cc).
std::string reddit_id(const Fields& f);

// Shared by the two Twitter builders (feed_twitter_v1.cc).
std::string tweet_url(const std::string& user, const std::string& id);
void snowflake_time(const std::string& id, Record& r);  // sets r.time from a tweet id
void take_hashtags(const Fields& f, Record& r);

}  // namespace vigie::indexer::detail
