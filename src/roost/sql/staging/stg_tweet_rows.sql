-- stg_tweet_rows: one row per item of a tweet-shaped file (tweets, Grailbird months, deleted, community and
-- Circle tweets; `kind` says which), typed and unescaped. An edited tweet has one row per version. Entities
-- stay the typed lists raw.sql reads (mentions, links, hashtags, media).
create or replace view stg_tweet_rows as
with items as (
    select 'tweet' as kind, rowid as item_row, * from raw_tweets
    union all
    select 'tweet', rowid, * from raw_grailbird_tweets
    union all
    select 'deleted', rowid, * from raw_deleted_tweets
    union all
    select 'community', rowid, * from raw_community_tweet
    union all
    select 'circle', rowid, * from raw_twitter_circle_tweet
)
select
    kind,
    file_id,
    item_row, -- the row's place in its raw table: with file_id, it names the row
    coalesce(nullif(id_str, ''), nullif(id, '')) as row_id,
    roost_ts(created_at) as created_at,
    roost_unescape(coalesce(full_text, text)) as full_text,
    lang,
    source,
    roost_count(favorite_count) as favorite_count,
    roost_count(retweet_count) as retweet_count,
    -- The archive's own text of the checked values, for value_checks.
    created_at as created_at_text,
    favorite_count as favorite_count_text,
    retweet_count as retweet_count_text,
    coalesce(nullif(in_reply_to_status_id_str, ''), nullif(in_reply_to_status_id, '')) as in_reply_to_status_id,
    coalesce(nullif(in_reply_to_user_id_str, ''), nullif(in_reply_to_user_id, '')) as in_reply_to_user_id,
    nullif(in_reply_to_screen_name, '') as in_reply_to_screen_name,
    nullif(edit_info.edit.initialTweetId, '') as edit_initial_id,
    retweeted_status."user".id_str as retweeted_user_id,
    retweeted_status."user".screen_name as retweeted_screen_name,
    retweeted_status.id_str as retweeted_tweet_id,
    roost_ts(deleted_at) as deleted_at,
    community_id_str as community_id,
    try_cast(possibly_sensitive as boolean) as possibly_sensitive,
    entities,
    extended_entities,
    retweeted_status is not null as has_retweeted_status
from items;
