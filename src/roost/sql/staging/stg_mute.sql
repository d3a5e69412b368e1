-- stg_mute: one row per item of mute.js: the id of an account you mute.
create or replace view stg_mute as
select roost_account_id(doc, 'muting') as account_id
from raw_mute;
