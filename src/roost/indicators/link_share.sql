-- title: Tweets with a link | Tweets avec un lien
-- shape: share
-- section: publishing
-- needs: tweets
-- definition: Share of own tweets (not retweets) with at least one link that does not point to a tweet (links to twitter.com or x.com statuses, quotes and "read more" links, do not count).
-- definition_fr: Part des tweets propres (hors RT) avec au moins un lien qui ne pointe pas vers un tweet (les liens vers des statuts twitter.com ou x.com, citations et « lire la suite », ne comptent pas).
select
    (count(*) filter (
        where o.tweet_id in (select tweet_id from tweet_urls where not links_to_tweet)
    ))::double / nullif(count(*), 0) as value
from own_tweets as o
