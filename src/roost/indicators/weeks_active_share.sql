-- title: Weeks with a tweet | Semaines avec un tweet
-- shape: share
-- section: publishing
-- needs: tweets
-- definition: Local ISO weeks (Monday to Sunday, chosen time zone) with at least one tweet, retweets included, over all weeks from the first tweet's week to the last tweet's week: regularity of presence.
-- definition_fr: Semaines ISO locales (lundi à dimanche, fuseau choisi) avec au moins un tweet, RT compris, sur toutes les semaines de celle du premier tweet à celle du dernier : régularité de la présence.
with local_weeks as (
    select distinct cast(date_trunc('week', roost_local(created_at)) as date) as week_start
    from tweets
    where created_at is not null
),
span as (
    select count(*) as active_weeks, (max(week_start) - min(week_start)) // 7 + 1 as all_weeks
    from local_weeks
)
select active_weeks::double / nullif(all_weeks, 0) as value
from span
