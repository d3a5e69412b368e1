-- archive: one row: who owns the archive and what kind of archive it is. The owner comes from account.js,
-- else manifest.js, else Grailbird's user_details.js (the generations never have more than one of them).
create or replace view int_archive as
with account as (
    select * from stg_account limit 1
),
manifest as (
    select * from stg_manifest limit 1
),
grailbird_user as (
    select * from stg_grailbird_user_details limit 1
),
grailbird_payload as (
    select generated_at from stg_grailbird_payload_details limit 1
),
time_zone as (
    select time_zone from stg_account_timezone limit 1
),
phone as (
    select phone_number from stg_phone_number limit 1
),
meta as (
    select
        max(value) filter (where key = 'generation') as generation,
        max(value) filter (where key = 'source_path') as source_path,
        max(value) filter (where key = 'source_kind') as source_kind,
        max(value) filter (where key = 'roost_version') as roost_version
    from roost_meta
)
select
    coalesce(nullif(account.account_id, ''), nullif(manifest.account_id, ''), grailbird_user.account_id) as owner_id,
    coalesce(nullif(account.username, ''), nullif(manifest.username, ''), nullif(grailbird_user.username, ''))
        as username,
    coalesce(nullif(account.display_name, ''), nullif(manifest.display_name, ''),
             nullif(grailbird_user.display_name, '')) as display_name,
    coalesce(account.created_at, grailbird_user.created_at) as account_created_at,
    nullif(nullif(account.email, ''), '-') as email,
    coalesce(nullif(account.phone_number, ''), nullif(phone.phone_number, '')) as phone_number,
    coalesce(nullif(time_zone.time_zone, ''), nullif(account.time_zone, '')) as time_zone,
    coalesce(manifest.generated_at, grailbird_payload.generated_at) as generated_at,
    manifest.size_bytes,
    manifest.is_partial_archive,
    meta.generation,
    meta.source_path,
    meta.source_kind,
    meta.roost_version
from meta
left join account on true
left join manifest on true
left join grailbird_user on true
left join grailbird_payload on true
left join time_zone on true
left join phone on true;

create table archive as select * from int_archive;
