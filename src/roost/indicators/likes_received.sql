-- title: Likes received | J'aime reçus
-- shape: number
-- unit: likes
-- section: relaying
-- needs: tweets
-- definition: Sum of the like counts of your own tweets; unknown when the archive has no counts (Grailbird).
-- definition_fr: Somme des j'aime reçus par vos propres tweets ; inconnu sans compteurs (Grailbird).
select case when count(*) filter (where favorite_count is null or retweet_count is null) = 0
    then coalesce(sum(favorite_count), 0) end as value
from tweets
where is_own
