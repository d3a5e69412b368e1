-- title: Own tweets most retweeted | Tweets propres les plus retweetés
-- shape: table
-- unit: retweets
-- section: relaying
-- needs: tweets, engagement
-- definition: The 10 own tweets (not retweets) with the most retweets (at least 1), ties by oldest id: id, UTC time, text, likes, retweets and link.
-- definition_fr: Les 10 tweets propres (hors RT) avec le plus de retweets (au moins 1), égalités par id le plus ancien : id, heure UTC, texte, j'aime, RT et lien.
-- limits: Counts are those of the archive's date.
-- limits_fr: Les compteurs sont ceux de la date de l'archive.
with owner as (
    select coalesce(nullif(max(username), ''), 'i/web') as path_name
    from archive
),
ranked as (
    select
        tweet_id,
        created_at,
        full_text,
        favorite_count as likes,
        retweet_count as retweets
    from tweets
    where is_own and retweet_count > 0
    order by retweet_count desc, try_cast(tweet_id as hugeint), tweet_id
    limit 10
)
select
    r.tweet_id,
    strftime(r.created_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') as created_at,
    r.full_text,
    r.likes,
    r.retweets,
    'https://x.com/' || o.path_name || '/status/' || r.tweet_id as url
from ranked as r
cross join owner as o
order by r.retweets desc, try_cast(r.tweet_id as hugeint), r.tweet_id
