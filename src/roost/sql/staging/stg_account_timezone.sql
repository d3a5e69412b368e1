-- stg_account_timezone: one row per item of account-timezone.js: the owner's time zone (a Rails zone name).
create or replace view stg_account_timezone as
select coalesce(doc -> '$.accountTimezone', doc) ->> '$.timeZone' as time_zone
from raw_account_timezone;
