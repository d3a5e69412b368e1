-- title: Likes given | J'aime donnés
-- shape: number
-- unit: likes
-- section: relaying
-- needs: like
-- definition: Distinct tweets in the like files (likes carry no date and no author).
-- definition_fr: Tweets distincts des fichiers like (un j'aime n'a ni date ni auteur).
select count(distinct tweet_id) as value
from likes
