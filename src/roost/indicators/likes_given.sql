-- title: Likes given | J'aime donnés
-- shape: number
-- unit: likes
-- section: relaying
-- needs: like
-- definition: Distinct tweets in the like files (likes carry no date and no author).
-- definition_fr: Tweets distincts des fichiers like (un j'aime n'a ni date ni auteur).
-- `likes` holds each liked tweet once (a like repeated in two files counts once there).
select count(*) as value
from likes
