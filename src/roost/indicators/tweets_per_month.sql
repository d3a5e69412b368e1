-- title: Tweets per month | Tweets par mois
-- shape: series
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: Tweets per UTC month (YYYY-MM), months without tweets left out.
-- definition_fr: Tweets par mois UTC (AAAA-MM), mois sans tweet omis.
-- Grouped by the month's first instant, written out once per month (not once per tweet).
with monthly as (
    select date_trunc('month', roost_utc(created_at)) as month, count(*) as tweets
    from tweets
    where created_at is not null
    group by month
)
select strftime(month, '%Y-%m') as key, tweets as value
from monthly
order by key
