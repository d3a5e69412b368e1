-- What the load warns about, counted (never quoted): impossible dates and absurd values.

-- date_checks: one row per kind of data and problem: items dated before the account was created, or after
-- the archive was made (an hour of slack for clocks). They stay in every figure; the load warns once each.
create or replace view int_date_checks as
with dated as (
    select 'tweets' as data, created_at from tweets
    union all
    select 'direct messages', created_at from dm_messages
),
bounds as (
    select account_created_at, generated_at from archive
)
select
    dated.data,
    problem,
    count(*) as items,
    any_value(case problem when 'before_account_creation' then bounds.account_created_at
                           else bounds.generated_at end) as bound
from dated
cross join bounds
cross join (values ('before_account_creation'), ('after_archive_generation')) as p(problem)
where case problem
    -- Old Grailbird tweets carry only their day (midnight UTC): compare those by day.
    when 'before_account_creation' then case
        when dated.created_at = date_trunc('day', dated.created_at)
            then dated.created_at < date_trunc('day', bounds.account_created_at)
        else dated.created_at < bounds.account_created_at - interval 1 hour
    end
    else dated.created_at > bounds.generated_at + interval 1 hour
end
group by dated.data, problem;

create table date_checks as select * from int_date_checks order by data, problem;

-- value_checks: one row per file and field whose values the archive gives but that cannot be true (a date
-- before 2006 or after 2099, a negative or absurd count), with how many: each became unknown (null).
create or replace view int_value_checks as
-- One pass over the tweet rows counts the three fields per file.
with tweet_counts as (
    select
        file_id,
        count(*) filter (where nullif(trim(created_at_text), '') is not null and created_at is null) as created_at,
        count(*) filter (where nullif(trim(favorite_count_text), '') is not null and favorite_count is null)
            as favorite_count,
        count(*) filter (where nullif(trim(retweet_count_text), '') is not null and retweet_count is null)
            as retweet_count
    from stg_tweet_rows
    group by file_id
),
tweet_fields as (
    select file_id, field, items
    from (unpivot tweet_counts on created_at, favorite_count, retweet_count into name field value items)
    where items > 0
),
archive_fields as (
    select 'data/manifest.js' as path, 'archiveInfo.generationDate' as field, count(*) as items
    from stg_manifest
    where nullif(trim(generated_at_text), '') is not null and generated_at is null
    union all
    select f.path, 'createdAt', count(*)
    from stg_account as a
    join archive_files as f using (file_id)
    where nullif(trim(a.created_at_text), '') is not null and a.created_at is null
    group by f.path
)
select f.path, t.field, t.items
from tweet_fields as t
join archive_files as f using (file_id)
union all
select path, field, items
from archive_fields
where items > 0;

create table value_checks as select * from int_value_checks order by path, field;
