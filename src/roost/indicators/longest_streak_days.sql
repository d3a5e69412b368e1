-- title: Longest daily streak | Plus longue série quotidienne
-- shape: number
-- unit: days
-- section: publishing
-- needs: tweets
-- definition: Longest run of consecutive local calendar days (chosen time zone) with at least one tweet, retweets included; 0 without tweets.
-- definition_fr: Plus longue suite de jours calendaires locaux consécutifs (fuseau choisi) avec au moins un tweet, RT compris ; 0 sans tweet.
with local_days as (
    select distinct roost_local(created_at)::date as day
    from tweets
    where created_at is not null
),
islands as (
    select day, day - cast(row_number() over (order by day) as integer) as island
    from local_days
),
streaks as (
    select island, count(*) as days
    from islands
    group by island
)
select coalesce(max(days), 0) as value
from streaks
