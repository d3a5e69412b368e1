-- own_tweets: one row per own tweet (not a retweet), with its engagement: likes + retweets at the archive's
-- date, null when either count is missing (Grailbird archives have none).
create or replace view own_tweets as
select tweets.*, favorite_count + retweet_count as engagement
from tweets
where is_own;

-- top_own_tweets: one row per place in the two lists of top tweets (`ranking`): the 10 own tweets with the
-- most likes (at least 1) and the 10 with the most retweets (at least 1), ties by oldest id; with their UTC
-- time, text (and the text with its t.co links written out), counts and address.
create or replace view top_own_tweets as
with owner as (
    select coalesce(nullif(max(username), ''), 'i/web') as path_name
    from archive
),
scored as (
    select
        r.ranking,
        o.*,
        case r.ranking when 'likes' then o.favorite_count else o.retweet_count end as score
    from own_tweets as o
    cross join (values ('likes'), ('retweets')) as r(ranking)
),
ranked as (
    select
        *,
        row_number() over (partition by ranking order by score desc, try_cast(tweet_id as hugeint), tweet_id) as place
    from scored
    where score > 0
    qualify place <= 10
)
select
    r.ranking,
    r.place,
    r.tweet_id,
    strftime(r.created_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') as created_at,
    r.full_text,
    roost_expand_links(r.full_text, r.entities) as text_expanded,
    r.favorite_count as likes,
    r.retweet_count as retweets,
    'https://x.com/' || o.path_name || '/status/' || r.tweet_id as url
from ranked as r
cross join owner as o;
