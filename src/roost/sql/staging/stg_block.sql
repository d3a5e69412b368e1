-- stg_block: one row per item of block.js: the id of an account you block.
create or replace view stg_block as
select roost_account_id(doc, 'blocking') as account_id
from raw_block;
