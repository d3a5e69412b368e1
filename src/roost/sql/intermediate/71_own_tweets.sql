-- own_tweets: one row per own tweet (not a retweet), with its engagement: likes + retweets at the archive's
-- date, null when either count is missing (Grailbird archives have none); `text_full` is the whole text of a
-- long post where note-tweet.js holds it (its latest version), else the tweet's text.
-- The notes are grouped by tweet with nothing filtered before (a null id joins nothing; a null text is left out
-- by the aggregate's filter): DuckDB then knows each tweet meets one group at most and drops the join from
-- every query that does not read `text_full` (most of them: 9 ms less each at 200k tweets).
create or replace view own_tweets as
with notes as (
    select
        tweet_id,
        arg_max(full_text, (coalesce(updated_at, created_at), note_tweet_id)) filter (where full_text is not null)
            as note_text
    from note_tweets
    group by tweet_id
)
select tweets.*, favorite_count + retweet_count as engagement, coalesce(notes.note_text, tweets.full_text) as text_full
from tweets
left join notes using (tweet_id)
where is_own;

-- own_engagement_values: one row per engagement value of own tweets (null: counts missing) with its number of
-- tweets (`tweets`). Spread figures (Gini, the best tenth's share) walk these few values in order instead of
-- sorting every tweet.
create or replace view own_engagement_values as
select engagement, count(*) as tweets
from own_tweets
group by engagement;

-- top_own_tweets: one row per place in the two lists of top tweets (`ranking`): the 10 own tweets with the
-- most likes (at least 1) and the 10 with the most retweets (at least 1), ties by oldest id; with their UTC
-- time, whole text (a long post's from note-tweet.js; and that text with its t.co links written out),
-- counts and address. A table, built once at load: two indicators read it, and it depends on no option.
create or replace view int_top_own_tweets as
with owner as (
    select coalesce(nullif(max(username), ''), 'i/web') as path_name
    from archive
),
-- Each list is a top-10 of its own (DuckDB keeps 10 rows while it scans, no sort of every tweet), ranked on
-- the counts and ids alone: the texts of the 20 chosen tweets only are read.
ranked as materialized (
    select *, row_number() over (partition by ranking order by score desc, try_cast(tweet_id as hugeint), tweet_id) as place
    from (
        (
            select 'likes' as ranking, tweet_id, favorite_count as score
            from tweets
            where is_own and favorite_count > 0
            order by score desc, try_cast(tweet_id as hugeint), tweet_id
            limit 10
        )
        union all
        (
            select 'retweets' as ranking, tweet_id, retweet_count as score
            from tweets
            where is_own and retweet_count > 0
            order by score desc, try_cast(tweet_id as hugeint), tweet_id
            limit 10
        )
    )
),
chosen as materialized (
    select r.ranking, r.place, o.tweet_id, o.created_at, o.text_full, o.favorite_count, o.retweet_count
    from ranked as r
    join own_tweets as o using (tweet_id)
),
-- The links of these 20 tweets, as roost_expand_links reads them.
links as (
    select r.ranking, r.place, {'urls': list({'url': u.url, 'expanded_url': u.expanded_url})} as entities
    from ranked as r
    join tweet_urls as u using (tweet_id)
    group by r.ranking, r.place
)
select
    r.ranking,
    r.place,
    r.tweet_id,
    strftime(r.created_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') as created_at,
    r.text_full as full_text,
    roost_expand_links(r.text_full, links.entities) as text_expanded,
    r.favorite_count as likes,
    r.retweet_count as retweets,
    'https://x.com/' || o.path_name || '/status/' || r.tweet_id as url
from chosen as r
left join links using (ranking, place)
cross join owner as o;

create table top_own_tweets as select * from int_top_own_tweets order by ranking, place;
