-- title: Likes received | J'aime reçus
-- shape: number
-- unit: likes
-- section: relaying
-- needs: tweets
-- definition: Sum of the like counts of your own tweets; unknown when the archive has no counts (Grailbird).
-- definition_fr: Somme des j'aime reçus par vos propres tweets ; inconnu sans compteurs (Grailbird).
-- limits: Unknown when the tweets carry no like and retweet counts (Grailbird archives).
-- limits_fr: Inconnu quand les tweets n'ont pas de compteurs de j'aime et de RT (archives Grailbird).
select case when count(*) filter (where engagement is null) = 0 then coalesce(sum(favorite_count), 0) end as value
from own_tweets
