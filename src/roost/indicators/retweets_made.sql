-- title: Retweets made | RT faits
-- shape: number
-- unit: tweets
-- section: relaying
-- needs: tweets
-- definition: Tweets that are retweets: the text starts with "RT @" (or the tweet embeds the retweeted one).
-- definition_fr: Tweets qui sont des retweets : le texte commence par « RT @ ».
select count(*) as value
from tweets
where is_retweet
