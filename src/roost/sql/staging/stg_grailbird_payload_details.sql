-- stg_grailbird_payload_details: one row per item of Grailbird's payload_details.js: when the archive was made.
create or replace view stg_grailbird_payload_details as
select roost_ts(doc ->> '$.created_at') as generated_at
from raw_grailbird_payload_details;
