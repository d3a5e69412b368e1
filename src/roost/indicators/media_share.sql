-- title: Tweets with media | Tweets avec média
-- shape: share
-- section: publishing
-- needs: tweets
-- definition: Share of own tweets (not retweets) carrying a photo, video or GIF.
-- definition_fr: Part des tweets propres (hors RT) portant une photo, une vidéo ou un GIF.
select (count(*) filter (where has_media))::double / nullif(count(*), 0) as value
from own_tweets
