-- title: Last tweet | Dernier tweet
-- shape: text
-- unit: UTC time
-- section: publishing
-- needs: tweets
-- definition: Time of the latest tweet in the archive, UTC.
-- definition_fr: Date du plus récent tweet de l'archive, en UTC.
-- limits: Unknown when the tweet file holds no tweet.
-- limits_fr: Inconnu quand le fichier de tweets est vide.
select strftime(max(created_at) at time zone 'UTC', '%Y-%m-%dT%H:%M:%SZ') as value
from tweets
