-- handles: one row per account id seen anywhere, with the screen names it appears under: mentions (and so
-- RT prefixes, whose first mention is the relayed author), replies, retweets, the owner's own name and
-- name changes.
create or replace view int_handles as
with seen as (
    select m.user_id as account_id, m.screen_name, m.name, t.created_at as seen_at
    from tweet_mentions as m
    join tweets as t using (tweet_id)
    union all
    select in_reply_to_user_id, in_reply_to_screen_name, null, created_at from tweets
    union all
    select retweeted_user_id, retweeted_screen_name, null, created_at from tweets
    union all
    select owner_id, username, display_name, generated_at from archive
    union all
    select account_id, changed_from, null, changed_at from screen_name_changes
    union all
    select account_id, changed_to, null, changed_at from screen_name_changes
)
select
    account_id,
    -- The latest name; between names seen at the same time, the greatest (so every run picks the same).
    arg_max(screen_name, (coalesce(seen_at, '1970-01-01'::timestamptz), screen_name)) as screen_name,
    arg_max(name, (coalesce(seen_at, '1970-01-01'::timestamptz), name)) filter (where name is not null) as name,
    list(distinct screen_name order by screen_name) as screen_names,
    count(*) as times_seen
from seen
where account_id is not null and account_id not in ('', '-1') and screen_name is not null and screen_name <> ''
group by account_id;

create table handles as select * from int_handles order by account_id;
