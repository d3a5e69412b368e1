-- title: Retweets received | RT reçus
-- shape: number
-- unit: retweets
-- section: relaying
-- needs: tweets
-- definition: Sum of the retweet counts of your own tweets (not of your retweets); unknown when the archive has no counts (Grailbird).
-- definition_fr: Somme des retweets de vos propres tweets ; inconnu si l'archive n'a pas de compteurs (Grailbird).
-- limits: Unknown when the tweets carry no like and retweet counts (Grailbird archives).
-- limits_fr: Inconnu quand les tweets n'ont pas de compteurs de j'aime et de RT (archives Grailbird).
select case when count(*) filter (where engagement is null) = 0 then coalesce(sum(retweet_count), 0) end as value
from own_tweets
