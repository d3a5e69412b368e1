-- title: Buzz days | Jours de buzz
-- shape: table
-- section: buzz
-- needs: tweets, engagement
-- definition: UTC days whose own tweets (not retweets) gathered likes + retweets of at least max(10, 5 × the median of that daily sum over the days with own tweets); the 20 highest, ties by date; threshold is that bound.
-- definition_fr: Jours UTC dont les tweets propres (hors RT) ont réuni des j'aime + RT d'au moins max(10, 5 × la médiane de cette somme quotidienne sur les jours avec tweet propre) ; les 20 plus hauts, égalités par date  ; chaque ligne donne ce seuil.
-- limits: Counts are totals at the archive's date, credited to the day of posting.
-- limits_fr: Les compteurs sont ceux de la date de l'archive, attribués au jour de publication.
with own as (
    select roost_utc(created_at)::date as day, engagement
    from own_tweets
    where created_at is not null
),
completeness as (
    select count(*) filter (where engagement is null) as missing
    from own
),
daily as (
    select day, count(*) as tweets, sum(engagement) as engagement
    from own
    group by day
),
rule as (
    select greatest(10, 5 * median(engagement)) as threshold
    from daily
),
buzz as (
    select d.day, d.tweets, d.engagement, r.threshold
    from daily as d
    cross join rule as r
    cross join completeness as c
    where c.missing = 0 and d.engagement >= r.threshold
)
select day, tweets, engagement, threshold
from buzz
order by engagement desc, day
limit 20
