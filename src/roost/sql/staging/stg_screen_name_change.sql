-- stg_screen_name_change: one row per change of the owner's handle.
create or replace view stg_screen_name_change as
with changes as (
    select coalesce(doc -> '$.screenNameChange', doc) as c
    from raw_screen_name_change
)
select
    c ->> '$.accountId' as account_id,
    roost_ts(c ->> '$.screenNameChange.changedAt') as changed_at,
    c ->> '$.screenNameChange.changedFrom' as changed_from,
    c ->> '$.screenNameChange.changedTo' as changed_to
from changes;
