-- title: Own tweets most retweeted | Tweets propres les plus retweetés
-- shape: table
-- unit: retweets
-- section: relaying
-- needs: tweets, engagement
-- definition: The 10 own tweets (not retweets) with the most retweets (at least 1), ties by oldest id: id, UTC time, text, likes, retweets and link.
-- definition_fr: Les 10 tweets propres (hors RT) avec le plus de retweets (au moins 1), égalités par id le plus ancien : id, heure UTC, texte, j'aime, RT et lien.
-- limits: Counts are those of the archive's date.
-- limits_fr: Les compteurs sont ceux de la date de l'archive.
select tweet_id, created_at, full_text, likes, retweets, url, text_expanded
from top_own_tweets
where ranking = 'retweets'
order by retweets desc, try_cast(tweet_id as hugeint), tweet_id
