-- title: Engagement from the top 10% of tweets | Engagement des 10 % meilleurs tweets
-- shape: share
-- section: buzz
-- needs: tweets
-- definition: Likes + retweets of the best tenth of own tweets over those of all own tweets: near 1, a few hits carry everything (buzz); lower, steady engagement (long term).
-- definition_fr: J'aime + RT du meilleur dixième des tweets propres sur ceux de tous : proche de 1, quelques coups d'éclat portent tout (buzz) ; plus bas, un engagement régulier (long terme).
-- limits: Unknown when your own tweets got no like or retweet at all, or carry no counts (Grailbird archives).
-- limits_fr: Inconnu si vos tweets n'ont reçu aucun j'aime ni RT, ou n'ont pas de compteurs (archives Grailbird).
with ranked as (
    select engagement, row_number() over (order by engagement desc) as rank
    from own_tweets
),
totals as (
    select count(*) as n, sum(engagement) as total, count(*) filter (where engagement is null) as missing
    from ranked
)
select case when missing = 0 and total > 0 then
    (select sum(engagement) from ranked where rank <= ceil(n / 10.0))::double / total end as value
from totals
