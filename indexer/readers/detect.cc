#include "indexer/readers/detect.h"

namespace vigie::indexer::detail {

namespace {

bool any_text_key(const Fields& f) {
  return f.full_text.present || f.text.present || f.body.present || f.selftext.present ||
         f.title.present || f.content.present || f.description.present || f.story_text.present;
}

bool mediacloud_signature(const Fields& f) {
  return f.has(k_stories_id) || f.has(k_media_name) || f.has(k_publish_date) ||
         f.has(k_story_text);
}

}  // namespace

bool nonpost_kind(const Fields& f, std::string& what) {
  bool tweet_text = f.text.present || f.full_text.present;
  if (f.has(k_tweet_count)) what = "Twitter tweet counts response";
  else if ((f.has(k_screen_name) || f.has(k_username)) && !tweet_text) what = "Twitter users lookup";
  else if ((f.has(k_place_type) || f.has(k_places) || f.has(k_result)) && !tweet_text)
    what = "Twitter places response";
  else if ((f.has(k_member_count) || f.has(k_owner_id)) && !tweet_text)
    what = "Twitter lists response";
  else return false;
  return true;
}

Format detect_format(const Fields& f, Ctx ctx, Format forced) {
  if (forced != Format::automatic && forced != Format::jsonl) return forced;
  switch (ctx) {
    case Ctx::v1_page: return Format::twitter_v1;
    case Ctx::v2_page: return Format::twitter_v2;
    case Ctx::reddit_child: return Format::reddit;
    case Ctx::news_page: return mediacloud_signature(f) ? Format::mediacloud : Format::newsapi;
    case Ctx::bare: break;
  }
  if (f.has(k_subreddit) || f.has(k_subreddit_id) || f.has(k_created_utc) || f.has(k_link_id) ||
      (f.has(k_selftext) && !f.has(k_text)))
    return Format::reddit;
  if (f.has(k_user) || f.has(k_full_text) || f.has(k_retweeted_status) ||
      f.has(k_extended_tweet) || f.has(k_id_str) || f.has(k_favorite_count))
    return Format::twitter_v1;
  if (f.has(k_author_id) || f.has(k_edit_history_tweet_ids) || f.has(k_public_metrics) ||
      f.has(k_conversation_id) || f.has(k_referenced_tweets))
    return Format::twitter_v2;
  if (mediacloud_signature(f) || f.has(k_media_id)) return Format::mediacloud;
  if (f.has(k_published_at) || f.has(k_url_to_image) || f.has(k_source) || f.has(k_source_name))
    return Format::newsapi;
  if (any_text_key(f)) return Format::jsonl;
  return Format::automatic;  // nothing we know
}

}  // namespace vigie::indexer::detail
