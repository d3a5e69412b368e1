-- archive_time: one row: the time the archive speaks of, "now" for figures that look back from it: the
-- archive's date (manifest or Grailbird payload), else its last tweet's time; `source` says which
-- (`generation date`, `last tweet`, or null when there is neither).
create or replace view archive_time as
with generated as (
    select max(generated_at) as at_time from archive
),
last_tweet as (
    select max(created_at) as at_time from tweets
)
select
    coalesce(generated.at_time, last_tweet.at_time) as archive_at,
    case
        when generated.at_time is not null then 'generation date'
        when last_tweet.at_time is not null then 'last tweet'
    end as source
from generated
cross join last_tweet;
