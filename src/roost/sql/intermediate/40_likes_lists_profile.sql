-- What else the archive says about the account: likes, lists, handle changes, profile.

-- likes: one row per liked tweet (no date and no author in any archive), in the order of the archive's files;
-- a like repeated in two files once, where it first comes.
create table likes as
with liked as (
    select * from stg_like where tweet_id is not null and tweet_id <> ''
),
-- Few likes are repeated: only those are grouped (grouping every like's text costs more than reading it).
repeated as (
    select tweet_id from liked group by tweet_id having count(*) > 1
)
select tweet_id, full_text, expanded_url
from (
    select tweet_id, full_text, expanded_url, file_id, item_row
    from liked anti join repeated using (tweet_id)
    union all
    select tweet_id, max(full_text), max(expanded_url), min(file_id), arg_min(item_row, (file_id, item_row))
    from liked semi join repeated using (tweet_id)
    group by tweet_id
)
order by file_id, item_row;

-- lists: one row per list you created, are a member of, or subscribe to.
create table lists as select * from stg_lists;

-- screen_name_changes: one row per change of your handle, oldest first.
create table screen_name_changes as select * from stg_screen_name_change order by changed_at;

-- profile: one row (or none): bio, website, location and pictures.
create table profile as select * from stg_profile limit 1;
