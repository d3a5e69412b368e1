-- The archive's facts: one row, computed next to the indicators, that the report and every output read.
-- Who owns the archive, when it was made, what was read, what the load noticed: everything a report shows
-- about the archive itself, so that no report code ever queries the database.
with files as (
    select list({
        'path': path, 'data_type': data_type, 'items': items_read, 'manifest_count': manifest_count,
        'status': status
    } order by path) as files
    from archive_files
),
available as (
    select list(distinct data_type order by data_type) as types
    from archive_files
    where status in ('loaded', 'blank')
),
tweet_times as (
    select
        count(created_at) as dated,
        -- Old Grailbird tweets carry a day but no time: they sit at midnight UTC exactly. By chance about
        -- one tweet in 86,400 is posted at 00:00:00; far more than that means missing times.
        count(*) filter (where epoch(created_at)::bigint % 86400 = 0) as at_midnight
    from tweets
),
dates as (
    select list({'data': data, 'problem': problem, 'items': items} order by data, problem) as checks
    from date_checks
),
values_checked as (
    select list({'path': path, 'field': field, 'items': items} order by path, field) as checks
    from value_checks
)
select
    a.owner_id,
    a.username,
    a.display_name,
    a.account_created_at,
    a.email,
    a.phone_number,
    a.time_zone,
    a.generated_at,
    a.generation,
    a.source_path,
    a.source_kind,
    archive_time.archive_at as archive_time,
    archive_time.source as archive_time_source,
    case when t.dated > 0 and t.at_midnight > greatest(10, t.dated / 100) then t.at_midnight else 0 end
        as tweets_without_time,
    coalesce(files.files, []) as files,
    coalesce(available.types, []) as available,
    coalesce(dates.checks, []) as date_checks,
    coalesce(values_checked.checks, []) as value_checks
from archive as a
cross join archive_time
cross join tweet_times as t
cross join files
cross join available
cross join dates
cross join values_checked
