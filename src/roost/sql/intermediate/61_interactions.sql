-- interactions: one row per interaction of yours with another account: each mention in a tweet (retweets
-- included, yourself and `-1` left out) and each reply to someone else.
create or replace view int_interactions as
select m.tweet_id, m.user_id as account_id, 'mention' as kind, t.created_at, t.is_retweet
from tweet_mentions as m
join tweets as t using (tweet_id)
cross join archive as a
where m.user_id is not null and m.user_id not in ('', '-1') and m.user_id is distinct from a.owner_id
union all
select tweet_id, in_reply_to_user_id, 'reply', created_at, false
from tweets
where is_reply and not is_self_reply and in_reply_to_user_id is not null and in_reply_to_user_id <> '-1';

create table interactions as select * from int_interactions;

-- talked_with: one row per interaction that talks to someone (a reply or a mention outside a retweet): the
-- "talked with" of the report, kept apart from relaying.
create or replace view talked_with as
select tweet_id, account_id, kind, created_at
from interactions
where not is_retweet;

-- partners: one row per account you talked with (talked_with): the own tweets that did (`tweets`), those that
-- replied to it (`replies`) and those that mentioned it (`mentions`); a reply that also mentions counts once
-- in `tweets`. Built once at load: six indicators read it, and grouping every interaction by tweet and
-- account again in each of them was most of their time.
create or replace view int_partners as
with pairs as (
    select account_id, tweet_id, bool_or(kind = 'reply') as replied, bool_or(kind = 'mention') as mentioned
    from talked_with
    group by account_id, tweet_id
)
select
    account_id,
    count(*) as tweets,
    count(*) filter (where replied) as replies,
    count(*) filter (where mentioned) as mentions
from pairs
group by account_id;

create table partners as select * from int_partners order by account_id;

-- interacted: one row per account you interacted with (mentioned or replied to).
create or replace view int_interacted as select distinct account_id from interactions;

create table interacted as select * from int_interacted order by account_id;

-- interacted_followers: one row per follower you interacted with.
create or replace view interacted_followers as
select account_id
from interacted
join (select distinct account_id from followers) as f using (account_id);
