-- title: Activity heatmap | Carte de chaleur de l'activité
-- shape: table
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: Tweets (retweets included) per local weekday (0 = Monday … 6 = Sunday) and local hour (0-23) in the chosen time zone; only cells with at least one tweet.
-- definition_fr: Tweets (RT compris) par jour de semaine local (0 = lundi … 6 = dimanche) et heure locale (0-23) dans le fuseau choisi ; seules les cases avec au moins un tweet.
-- limits: Local time is the chosen time zone applied to every tweet (travel and daylight-saving history are not in the archive); old Grailbird tweets dated to the day only are left out.
-- limits_fr: L'heure locale applique le fuseau choisi à chaque tweet (voyages et historique d'heure d'été absents de l'archive) ; les anciens tweets Grailbird datés au jour près sont exclus.
with local_times as (
    -- Grailbird archives date their oldest tweets (before late 2010) to the day only, at 00:00:00 UTC.
    select roost_local(t.created_at) as local_at
    from tweets as t
    cross join archive as a
    where t.created_at is not null
        and not (a.generation = 'grailbird' and roost_utc(t.created_at)::time < time '00:00:01')
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
