-- title: Tweets with a link | Tweets avec un lien
-- shape: share
-- section: publishing
-- needs: tweets
-- definition: Share of own tweets (not retweets) with at least one link that does not point to a tweet (links to twitter.com or x.com statuses, quotes and "read more" links, do not count).
-- definition_fr: Part des tweets propres (hors RT) avec au moins un lien qui ne pointe pas vers un tweet (les liens vers des statuts twitter.com ou x.com, citations et « lire la suite », ne comptent pas).
with outside_links as (
    select distinct tweet_id
    from tweet_urls
    where not regexp_matches(
        coalesce(expanded_url, url, ''),
        '^https?://(www\.|mobile\.)?(twitter|x)\.com/([A-Za-z0-9_]+|i/web)/status(es)?/[0-9]+',
        'i'
    )
),
own as (
    select t.tweet_id, l.tweet_id is not null as has_outside_link
    from tweets as t
    left join outside_links as l using (tweet_id)
    where t.is_own
)
select (count(*) filter (where has_outside_link))::double / nullif(count(*), 0) as value
from own
