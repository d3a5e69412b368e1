-- stg_phone_number: one row per item of phone-number.js.
create or replace view stg_phone_number as
select coalesce(doc -> '$.device', doc) ->> '$.phoneNumber' as phone_number
from raw_phone_number;
