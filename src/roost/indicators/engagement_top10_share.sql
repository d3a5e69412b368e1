-- title: Engagement from the top 10% of tweets | Engagement des 10 % meilleurs tweets
-- shape: share
-- section: buzz
-- needs: tweets
-- definition: Likes + retweets of the best tenth of own tweets over those of all own tweets: near 1, a few hits carry everything (buzz); lower, steady engagement (long term).
-- definition_fr: J'aime + RT du meilleur dixième des tweets propres sur ceux de tous : proche de 1, quelques coups d'éclat portent tout (buzz) ; plus bas, un engagement régulier (long terme).
-- limits: Unknown when your own tweets got no like or retweet at all, or carry no counts (Grailbird archives).
-- limits_fr: Inconnu si vos tweets n'ont reçu aucun j'aime ni RT, ou n'ont pas de compteurs (archives Grailbird).
-- The best tenth's engagement without sorting every tweet: the engagement values walked from the highest down
-- until ceil(n / 10) tweets are taken (ties take the same value, so which of them is taken changes nothing).
with totals as (
    select
        coalesce(sum(tweets) filter (where engagement is null), 0) as missing,
        sum(engagement::hugeint * tweets) as total,
        ceil(sum(tweets) / 10.0)::bigint as take
    from own_engagement_values
),
walked as (
    select
        engagement,
        tweets,
        coalesce(sum(tweets) over (order by engagement desc rows between unbounded preceding and 1 preceding), 0)
            as taken_before
    from own_engagement_values
    where engagement is not null
),
top_tenth as (
    select sum(w.engagement::hugeint * least(w.tweets, greatest(0, t.take - w.taken_before))) as top_engagement
    from walked as w
    cross join totals as t
)
select case when t.missing = 0 and t.total > 0 then top.top_engagement::double / t.total end as value
from totals as t
cross join top_tenth as top
