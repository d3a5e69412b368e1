-- Your network: who follows you, whom you follow, whom you block or mute (one row per account id), and the
-- mutuals (*amis*) who are both.

-- followers: one row per account that follows you (when the archive was made).
create table followers as
select distinct account_id
from stg_follower
where account_id is not null
order by account_id;

-- following: one row per account you follow (when the archive was made).
create table following as
select distinct account_id
from stg_following
where account_id is not null
order by account_id;

-- blocks: one row per account you block.
create table blocks as
select distinct account_id
from stg_block
where account_id is not null;

-- mutes: one row per account you mute.
create table mutes as
select distinct account_id
from stg_mute
where account_id is not null;

-- mutuals: one row per account that both follows you and is followed by you.
create or replace view mutuals as
select distinct account_id
from followers
join following using (account_id);

-- network_files: one row: whether the archive holds a follower file and a following file (read, possibly
-- empty): without them, "follows you" and "you follow" are unknown, not false.
create or replace view network_files as
select
    coalesce(bool_or(data_type = 'follower'), false) as has_followers,
    coalesce(bool_or(data_type = 'following'), false) as has_following
from archive_files
where status in ('loaded', 'blank');
