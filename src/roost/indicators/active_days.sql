-- title: Active days | Jours actifs
-- shape: number
-- unit: days
-- section: publishing
-- needs: tweets
-- definition: Distinct UTC dates with at least one tweet.
-- definition_fr: Dates UTC distinctes avec au moins un tweet.
select count(distinct roost_utc(created_at)::date) as value
from tweets
