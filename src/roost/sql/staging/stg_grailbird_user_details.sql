-- stg_grailbird_user_details: one row per item of Grailbird's user_details.js (2012-2018): the owner.
create or replace view stg_grailbird_user_details as
select
    coalesce(nullif(doc ->> '$.id_str', ''), nullif(doc ->> '$.id', '')) as account_id,
    doc ->> '$.screen_name' as username,
    doc ->> '$.full_name' as display_name,
    roost_ts(doc ->> '$.created_at') as created_at
from raw_grailbird_user_details;
