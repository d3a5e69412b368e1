-- title: Days covered | Jours couverts
-- shape: number
-- unit: days
-- section: publishing
-- needs: tweets
-- definition: Days from the first tweet's UTC date to the last one's, both included.
-- definition_fr: Jours entre la date UTC du premier tweet et celle du dernier, inclus.
-- limits: Unknown when the tweet file holds no tweet.
-- limits_fr: Inconnu quand le fichier de tweets est vide.
select
    date_diff('day', roost_utc(min(created_at))::date, roost_utc(max(created_at))::date) + 1 as value
from tweets
