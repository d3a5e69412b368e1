-- title: Engagement of tweets linking to your site | Engagement des tweets vers votre site
-- shape: number
-- unit: ratio
-- section: fit
-- needs: tweets, engagement
-- params: site
-- definition: Mean likes + retweets of own tweets linking to the --site domain (as in site_tweets) over that of the other own tweets: above 1, promoting your site does not cost attention; null when either side has no tweet, the other mean is 0 or counts are missing.
-- definition_fr: Moyenne des j'aime + RT des tweets propres avec un lien vers le domaine --site (comme site_tweets) sur celle des autres tweets propres : au-dessus de 1, promouvoir votre site ne coûte pas d'attention ; inconnu si un des côtés n'a aucun tweet, si l'autre moyenne est 0 ou si les compteurs manquent.
-- limits: Unknown when no own tweet links to the site, when every one does, or when the others got no engagement.
-- limits_fr: Inconnu si aucun tweet ne pointe vers le site, si tous y pointent, ou si les autres n'ont aucun engagement.
with sides as (
    select
        count(*) filter (where engagement is null) as missing,
        count(*) filter (where links_site) as site_tweets,
        count(*) filter (where not links_site) as other_tweets,
        avg(engagement) filter (where links_site) as site_mean,
        avg(engagement) filter (where not links_site) as other_mean
    from own_tweets_by_site
)
select
    case when missing = 0 and site_tweets > 0 and other_tweets > 0 and other_mean > 0
        then site_mean / other_mean end as value
from sides
