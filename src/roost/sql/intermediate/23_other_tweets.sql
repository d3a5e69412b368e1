-- Tweets that are not the account's tweets: never counted as tweets, each in its own table.

-- deleted_tweets: one row per item of deleted-tweets.js, in the file's order.
create table deleted_tweets as
select row_id as tweet_id, created_at, deleted_at, full_text, favorite_count, retweet_count, file_id
from stg_tweet_rows
where kind = 'deleted' and row_id is not null
order by file_id, item_row;

-- community_tweets: one row per item of community-tweet.js, in the file's order.
create table community_tweets as
select row_id as tweet_id, created_at, community_id, full_text, favorite_count, retweet_count, file_id
from stg_tweet_rows
where kind = 'community' and row_id is not null
order by file_id, item_row;

-- note_tweets: one row per long post (2023+), matched to its tweet: the one it declares, else the tweet
-- created within a second whose (truncated) text starts like the note's.
create or replace view int_note_tweets as
select
    notes.note_tweet_id,
    coalesce(notes.declared_tweet_id, (
        select t.tweet_id
        from tweets as t
        where abs(epoch(t.created_at) - epoch(notes.created_at)) <= 1
            and left(t.full_text, 20) = left(notes.full_text, 20)
        order by t.tweet_id
        limit 1
    )) as tweet_id,
    notes.created_at,
    notes.updated_at,
    notes.full_text
from stg_note_tweet as notes;

create table note_tweets as select * from int_note_tweets;
