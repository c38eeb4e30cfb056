#include "indexer/readers/fields.h"

namespace vigie::indexer::detail {

const std::unordered_map<std::string_view, Key>& key_table() {
  static const std::unordered_map<std::string_view, Key> t = {
      {"full_text", k_full_text}, {"text", k_text}, {"body", k_body},
      {"selftext", k_selftext}, {"title", k_title}, {"content", k_content},
      {"description", k_description}, {"story_text", k_story_text},
      {"created_at", k_created_at}, {"created_utc", k_created_utc},
      {"publishedAt", k_published_at}, {"publish_date", k_publish_date}, {"date", k_date},
      {"id", k_id}, {"id_str", k_id_str}, {"name", k_name}, {"stories_id", k_stories_id},
      {"url", k_url}, {"permalink", k_permalink}, {"author", k_author},
      {"author_id", k_author_id}, {"screen_name", k_screen_name}, {"username", k_username},
      {"lang", k_lang}, {"language", k_language}, {"subreddit", k_subreddit},
      {"media_name", k_media_name}, {"kind", k_kind}, {"source", k_source},
      {"source-name", k_source_name}, {"retweet_count", k_retweet_count},
      {"favorite_count", k_favorite_count}, {"score", k_score}, {"truncated", k_truncated},
      {"user", k_user}, {"entities", k_entities}, {"public_metrics", k_public_metrics},
      {"retweeted_status", k_retweeted_status}, {"extended_tweet", k_extended_tweet},
      {"referenced_tweets", k_referenced_tweets}, {"data", k_data}, {"statuses", k_statuses},
      {"articles", k_articles}, {"children", k_children}, {"includes", k_includes},
      {"tweet_count", k_tweet_count}, {"place_type", k_place_type}, {"places", k_places},
      {"result", k_result}, {"member_count", k_member_count}, {"owner_id", k_owner_id},
      {"edit_history_tweet_ids", k_edit_history_tweet_ids},
      {"conversation_id", k_conversation_id}, {"subreddit_id", k_subreddit_id},
      {"link_id", k_link_id}, {"urlToImage", k_url_to_image}, {"meta", k_meta},
      {"search_metadata", k_search_metadata}, {"media_id", k_media_id},
      {"followers_count", k_followers_count},
  };
  return t;
}

void Fields::clear() {
  seen = 0;
  nkeys = 0;
  for (Str* s : {&full_text, &text, &body, &selftext, &title, &content, &description,
                 &story_text, &ext_full_text})
    s->clear();
  for (DateVal* d : {&created_at, &created_utc, &published_at, &publish_date, &date}) d->clear();
  for (std::string* s : {&id, &id_str, &name, &stories_id, &url, &permalink, &author,
                         &author_id, &screen_name, &username, &lang, &language, &subreddit,
                         &media_name, &kind, &source, &user_screen_name, &declared_lang,
                         &source_text})
    s->clear();
  retweet_count = favorite_count = score = metrics_sum = 0;
  truncated = referenced_retweet = not_object = false;
  hashtag_count = 0;
  retweeted = data_obj = nullptr;
  item_ctx = Ctx::bare;
  start = nullptr;
  k = 0;
}

}  // namespace vigie::indexer::detail
