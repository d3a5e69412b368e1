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
        date_diff('day', min(created_at at time zone 'UTC')::date, max(created_at at time zone 'UTC')::date) + 1, 0
    ) as value
from tweets
