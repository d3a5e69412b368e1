-- What else the archive says about the account: likes, lists, handle changes, profile.

-- likes: one row per liked tweet (no date and no author in any archive); a like repeated in two files once.
create table likes as
with liked as (
    select * from stg_like where tweet_id is not null and tweet_id <> ''
),
-- Few likes are repeated: only those are grouped (grouping every like's text costs more than reading it).
repeated as (
    select tweet_id from liked group by tweet_id having count(*) > 1
)
select tweet_id, full_text, expanded_url
from liked anti join repeated using (tweet_id)
union all
select tweet_id, max(full_text) as full_text, max(expanded_url) as expanded_url
from liked semi join repeated using (tweet_id)
group by tweet_id;

-- lists: one row per list you created, are a member of, or subscribe to.
create table lists as select * from stg_lists;

-- screen_name_changes: one row per change of your handle, oldest first.
create table screen_name_changes as select * from stg_screen_name_change order by changed_at;

-- profile: one row (or none): bio, website, location and pictures.
create table profile as select * from stg_profile limit 1;
