-- title: Original tweets | Tweets originaux
-- shape: number
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: Tweets that are neither retweets nor replies (quotes included).
-- definition_fr: Tweets qui ne sont ni des retweets ni des réponses (citations comprises).
select count(*) as value
from tweets
where not is_retweet and not is_reply
