-- title: Tweets | Tweets
-- shape: number
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: Tweets in the tweet files, retweets included, an edited tweet counted once.
-- definition_fr: Tweets des fichiers de tweets, retweets compris, un tweet modifié compté une fois.
select count(*) as value
from tweets
