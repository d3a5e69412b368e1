-- title: Tweets per day | Tweets par jour
-- shape: number
-- unit: tweets/day
-- section: publishing
-- needs: tweets
-- definition: Tweets divided by the days covered, first to last tweet.
-- definition_fr: Tweets divisés par le nombre de jours couverts, du premier au dernier tweet.
-- limits: Unknown when the tweet file holds no tweet.
-- limits_fr: Inconnu quand le fichier de tweets est vide.
select
    count(*)::double / nullif(
        date_diff('day', roost_utc(min(created_at))::date, roost_utc(max(created_at))::date) + 1, 0
    ) as value
from tweets
