-- title: Engagement concentration (Gini) | Concentration de l'engagement (Gini)
-- shape: number
-- section: buzz
-- needs: tweets, engagement
-- definition: Gini coefficient of likes + retweets over own tweets (not retweets): 0 when every tweet gets the same, near 1 when a few hits get everything (buzz); null when the total is 0 or counts are missing.
-- definition_fr: Coefficient de Gini des j'aime + RT sur les tweets propres (hors RT) : 0 quand chaque tweet reçoit autant, proche de 1 quand quelques coups d'éclat prennent tout (buzz) ; inconnu si le total est 0 ou les compteurs manquent.
-- limits: Unknown when your own tweets got no like or retweet at all.
-- limits_fr: Inconnu si vos tweets n'ont reçu aucun j'aime ni RT.
-- A value v held by c tweets after p lower ones takes the ranks p+1..p+c, whose (2 * rank - n - 1) sum to
-- c * (2p + c - n): no sort of every tweet (own_engagement_values).
with totals as (
    select
        coalesce(sum(tweets) filter (where engagement is null), 0) as missing,
        sum(engagement::hugeint * tweets) as total,
        sum(tweets) as n
    from own_engagement_values
),
ranked as (
    select
        engagement,
        tweets,
        coalesce(sum(tweets) over (order by engagement rows between unbounded preceding and 1 preceding), 0) as lower
    from own_engagement_values
    where engagement is not null
),
weighted as (
    select sum(r.engagement::hugeint * r.tweets * (2 * r.lower + r.tweets - t.n)) as weighted
    from ranked as r
    cross join totals as t
)
select case when t.missing = 0 and t.total > 0 then w.weighted::double / (t.n * t.total) end as value
from totals as t
cross join weighted as w
