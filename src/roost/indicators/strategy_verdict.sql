-- title: Strategy verdict | Verdict sur la stratégie
-- shape: text
-- section: strategy
-- definition: Buzz or long-term work, from own tweets with their like and retweet counts: not_enough_data under 30 such tweets or 20 likes + retweets in all; buzz when the best tweet holds half of all engagement or more, or two spread figures point to buzz; long_term when none points to buzz, two spread figures point to long-term work and one talk figure does too; mixed otherwise. The figures and their bounds: strategy_verdict_reasons.
-- definition_fr: Buzz ou travail de long terme, d'après les tweets propres avec leurs compteurs de j'aime et de RT : not_enough_data sous 30 tels tweets ou 20 j'aime + RT en tout ; buzz si le meilleur tweet porte la moitié de l'engagement ou plus, ou si deux mesures de répartition pointent vers le buzz ; long_term si aucune ne pointe vers le buzz, que deux mesures de répartition et une mesure d'échange pointent vers le long terme ; mixed sinon. Les mesures et leurs bornes : strategy_verdict_reasons.
-- limits: Like and retweet counts are those of the archive's date; Grailbird archives (2012-2018) carry none, so they get no verdict (not enough data).
-- limits_fr: Les compteurs sont ceux de la date de l'archive ; les archives Grailbird (2012-2018) n'en ont pas : pas assez de données pour un verdict.
with signals as (
    select *
    from strategy_signals
    where period = 'all'
),
tally as (
    select
        max(value) filter (where figure = 'own_tweets') as own_tweets,
        max(value) filter (where figure = 'engagement') as engagement,
        coalesce(bool_or(decisive), false) as decisive,
        count(*) filter (where points = 'buzz') as buzz,
        count(*) filter (where points = 'long_term' and kind = 'spread') as long_spread,
        count(*) filter (where points = 'long_term' and kind = 'talk') as long_talk
    from signals
)
select
    case
        when t.own_tweets < g.min_tweets or t.engagement < g.min_engagement then 'not_enough_data'
        when t.decisive or t.buzz >= 2 then 'buzz'
        when t.buzz = 0 and t.long_spread >= 2 and t.long_talk >= 1 then 'long_term'
        else 'mixed'
    end as value
from tally as t
cross join strategy_guard as g
