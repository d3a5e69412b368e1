-- title: Activity heatmap | Carte de chaleur de l'activité
-- shape: table
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: Tweets (retweets included) per local weekday (0 = Monday … 6 = Sunday) and local hour (0-23) in the chosen time zone; only cells with at least one tweet.
-- definition_fr: Tweets (RT compris) par jour de semaine local (0 = lundi … 6 = dimanche) et heure locale (0-23) dans le fuseau choisi ; seules les cases avec au moins un tweet.
-- limits: Local time is the chosen time zone applied to every tweet: travel and daylight-saving history are not in the archive.
with local_times as (
    select created_at at time zone getvariable('roost_tz') as local_at
    from tweets
    where created_at is not null
),
cells as (
    select
        isodow(local_at) - 1 as weekday,
        hour(local_at) as hour,
        count(*) as tweets
    from local_times
    group by weekday, hour
)
select weekday, hour, tweets
from cells
order by weekday, hour
