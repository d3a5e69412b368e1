-- What else the archive says about the account: likes, lists, handle changes, profile.

-- likes: one row per liked tweet (no date and no author in any archive); a like repeated in two files once.
create table likes as
select tweet_id, max(full_text) as full_text, max(expanded_url) as expanded_url
from stg_like
where tweet_id is not null and tweet_id <> ''
group by tweet_id;

-- lists: one row per list you created, are a member of, or subscribe to.
create table lists as select * from stg_lists;

-- screen_name_changes: one row per change of your handle, oldest first.
create table screen_name_changes as select * from stg_screen_name_change order by changed_at;

-- profile: one row (or none): bio, website, location and pictures.
create table profile as select * from stg_profile limit 1;
