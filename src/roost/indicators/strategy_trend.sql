-- title: Which way it is moving | Dans quel sens ça évolue
-- shape: text
-- section: strategy
-- definition: The recent period against the time before it (periods as in strategy_verdict_reasons): one point toward long-term work for each of engaged_tweets_share up 0.1 or more, conversation_share up 0.1 or more, top_tweet_share down 0.15 or more, one point toward buzz for each opposite move; toward_long_term on a positive total, toward_buzz on a negative one, stable on zero; not_enough_data under 15 own tweets with counts on either side.
-- definition_fr: La période récente contre celle d'avant (périodes de strategy_verdict_reasons) : un point vers le long terme pour engaged_tweets_share en hausse de 0,1 ou plus, conversation_share en hausse de 0,1 ou plus, top_tweet_share en baisse de 0,15 ou plus, un point vers le buzz pour chaque mouvement inverse ; toward_long_term si le total est positif, toward_buzz s'il est négatif, stable à zéro ; not_enough_data sous 15 tweets propres avec compteurs d'un côté.
-- limits: Counts are totals at the archive's date: recent tweets have had less time to gather likes and retweets.
-- limits_fr: Les compteurs sont ceux de la date de l'archive : les tweets récents ont eu moins de temps pour recueillir j'aime et RT.
with sides as (
    select
        s.figure,
        max(s.value) filter (where s.period = 'recent') as recent,
        max(s.value) filter (where s.period = 'before') as before
    from strategy_signals as s
    group by s.figure
),
moves as (
    select
        sum(case
            when t.trend_step > 0 and d.recent - d.before >= t.trend_step then 1
            when t.trend_step > 0 and d.recent - d.before <= -t.trend_step then -1
            when t.trend_step < 0 and d.recent - d.before <= t.trend_step then 1
            when t.trend_step < 0 and d.recent - d.before >= -t.trend_step then -1
            else 0
        end) as score
    from sides as d
    join strategy_thresholds as t using (figure)
    where t.trend_step is not null
),
counts as (
    select recent, before
    from sides
    where figure = 'own_tweets'
)
select
    case
        when c.recent < g.min_trend_tweets or c.before < g.min_trend_tweets then 'not_enough_data'
        when m.score > 0 then 'toward_long_term'
        when m.score < 0 then 'toward_buzz'
        else 'stable'
    end as value
from counts as c
cross join moves as m
cross join strategy_guard as g
