-- own_tweets: one row per own tweet (not a retweet), with its engagement: likes + retweets at the archive's
-- date, null when either count is missing (Grailbird archives have none); `text_full` is the whole text of a
-- long post where note-tweet.js holds it (its latest version), else the tweet's text.
create or replace view own_tweets as
with notes as (
    select tweet_id, arg_max(full_text, (coalesce(updated_at, created_at), note_tweet_id)) as note_text
    from note_tweets
    where tweet_id is not null and full_text is not null
    group by tweet_id
)
select tweets.*, favorite_count + retweet_count as engagement, coalesce(notes.note_text, tweets.full_text) as text_full
from tweets
left join notes using (tweet_id)
where is_own;

-- top_own_tweets: one row per place in the two lists of top tweets (`ranking`): the 10 own tweets with the
-- most likes (at least 1) and the 10 with the most retweets (at least 1), ties by oldest id; with their UTC
-- time, whole text (a long post's from note-tweet.js; and that text with its t.co links written out),
-- counts and address.
create or replace view top_own_tweets as
with owner as (
    select coalesce(nullif(max(username), ''), 'i/web') as path_name
    from archive
),
-- Each list is a top-10 of its own (DuckDB keeps 10 rows while it scans, no sort of every tweet).
ranked as materialized (
    select *, row_number() over (partition by ranking order by score desc, try_cast(tweet_id as hugeint), tweet_id) as place
    from (
        (
            select 'likes' as ranking, o.*, o.favorite_count as score
            from own_tweets as o
            where o.favorite_count > 0
            order by score desc, try_cast(o.tweet_id as hugeint), o.tweet_id
            limit 10
        )
        union all
        (
            select 'retweets' as ranking, o.*, o.retweet_count as score
            from own_tweets as o
            where o.retweet_count > 0
            order by score desc, try_cast(o.tweet_id as hugeint), o.tweet_id
            limit 10
        )
    )
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
from ranked as r
left join links using (ranking, place)
cross join owner as o;
