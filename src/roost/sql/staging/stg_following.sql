-- stg_following: one row per item of the following files: the id of an account you follow.
create or replace view stg_following as
select file_id, roost_link_id("accountId", "userLink") as account_id
from raw_following;
