-- stg_note_tweet: one row per long post (note-tweet.js, 2023+); `note_tweet_id` is not the tweet's id.
create or replace view stg_note_tweet as
with notes as (
    select coalesce(doc -> '$.noteTweet', doc) as n
    from raw_note_tweet
)
select
    coalesce(n ->> '$.noteTweetId', n ->> '$.tweetId') as note_tweet_id,
    n ->> '$.tweetId' as declared_tweet_id,
    roost_ts(n ->> '$.createdAt') as created_at,
    roost_ts(n ->> '$.updatedAt') as updated_at,
    coalesce(n ->> '$.core.text', n ->> '$.noteTweetResults.text') as full_text
from notes;
