-- stg_follower: one row per item of the follower files: the id of an account that follows you.
create or replace view stg_follower as
select file_id, roost_link_id("accountId", "userLink") as account_id
from raw_follower;
