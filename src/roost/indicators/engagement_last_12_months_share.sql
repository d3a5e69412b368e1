-- title: Engagement of the last 12 months | Engagement des 12 derniers mois
-- shape: share
-- section: buzz
-- needs: tweets, engagement
-- definition: Likes + retweets of own tweets (not retweets) posted in the 12 months before the archive's date (else the last tweet's time) over those of all own tweets: high, a recent burst; low, an audience built in the past.
-- definition_fr: J'aime + RT des tweets propres (hors RT) publiés dans les 12 mois avant la date de l'archive (sinon l'heure du dernier tweet) sur ceux de tous les tweets propres : haut, un coup récent ; bas, une audience construite autrefois.
-- limits: Unknown when your own tweets got no like or retweet at all.
-- limits_fr: Inconnu si vos tweets n'ont reçu aucun j'aime ni RT.
with totals as (
    select
        count(*) filter (where o.engagement is null) as missing,
        sum(o.engagement) as total,
        coalesce(sum(o.engagement) filter (where o.created_at > t.archive_at - interval 12 month), 0) as recent
    from own_tweets as o
    cross join archive_time as t
)
select case when missing = 0 and total > 0 then recent::double / total end as value
from totals
