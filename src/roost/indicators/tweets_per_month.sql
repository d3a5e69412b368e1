-- title: Tweets per month | Tweets par mois
-- shape: series
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: Tweets per UTC month (YYYY-MM), months without tweets left out.
-- definition_fr: Tweets par mois UTC (AAAA-MM), mois sans tweet omis.
select strftime(created_at at time zone 'UTC', '%Y-%m') as key, count(*) as value
from tweets
where created_at is not null
group by key
order by key
