-- title: Engagement concentration (Gini) | Concentration de l'engagement (Gini)
-- shape: number
-- section: buzz
-- needs: tweets, engagement
-- definition: Gini coefficient of likes + retweets over own tweets (not retweets): 0 when every tweet gets the same, near 1 when a few hits get everything (buzz); null when the total is 0 or counts are missing.
-- definition_fr: Coefficient de Gini des j'aime + RT sur les tweets propres (hors RT) : 0 quand chaque tweet reçoit autant, proche de 1 quand quelques coups d'éclat prennent tout (buzz) ; inconnu si le total est 0 ou les compteurs manquent.
-- limits: Unknown when your own tweets got no like or retweet at all.
-- limits_fr: Inconnu si vos tweets n'ont reçu aucun j'aime ni RT.
with ranked as (
    select engagement, row_number() over (order by engagement) as rank, count(*) over () as n
    from own_tweets
),
totals as (
    select
        count(*) filter (where engagement is null) as missing,
        sum(engagement) as total,
        sum((2 * rank - n - 1) * engagement) as weighted,
        max(n) as n
    from ranked
)
select case when missing = 0 and total > 0 then weighted::double / (n * total) end as value
from totals
