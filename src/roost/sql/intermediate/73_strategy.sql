-- The lesson's question, buzz or long-term work, as figures: each signal the verdict reads, for the whole
-- archive and for its recent period against the time before (the trend). Indicators `strategy_verdict`,
-- `strategy_verdict_reasons` and `strategy_trend` read these views; the thresholds live here, once.

-- strategy_tweets: one row per own tweet that carries its like and retweet counts, with the period it falls
-- in: `recent` is the 12 months before the archive's time, or the last 90 days when the account posted at
-- least 365 own tweets in those 12 months (busy); `before` is everything earlier. `talks` = the tweet
-- replies to someone else or mentions another account (the owner and `-1` left out).
create or replace view strategy_tweets as
with now_at as (
    select archive_at from archive_time
),
busy as (
    select count(*) >= 365 as is_busy
    from own_tweets as o
    cross join now_at as n
    where o.created_at > n.archive_at - interval 12 month and o.created_at <= n.archive_at
),
talking as (
    select distinct tweet_id
    from talked_with
)
select
    o.tweet_id,
    o.created_at,
    o.engagement,
    strftime(roost_utc(o.created_at), '%Y-%m') as month,
    k.tweet_id is not null as talks,
    case
        when o.created_at > n.archive_at - case when b.is_busy then interval 90 day else interval 12 month end
            then 'recent'
        else 'before'
    end as period
from own_tweets as o
cross join now_at as n
cross join busy as b
left join talking as k using (tweet_id)
where o.engagement is not null and o.created_at is not null;

-- strategy_thresholds: where each signal points. A value in [buzz_from, buzz_to) points to buzz, in
-- [long_from, long_to) to long-term work, elsewhere to neither. A best tweet with half of all engagement or
-- more decides buzz on its own (`decisive_from`). `kind`: `spread` (how engagement is spread over tweets and
-- months) or `talk` (two-way interaction). `trend_step`: the change from before to recent that counts as a
-- move toward long-term work (a negative step: a fall of that much); the opposite change, toward buzz.
create or replace view strategy_thresholds as
select *
from (values
    ('top_tweet_share', 'spread', 0.35, 9.0, 0.0, 0.2, 0.5, -0.15),
    ('top10_share', 'spread', 0.85, 9.0, 0.0, 0.65, null, null),
    ('engaged_tweets_share', 'spread', 0.0, 0.2, 0.4, 9.0, null, 0.1),
    ('engaged_months_share', 'spread', 0.0, 0.4, 0.6, 9.0, null, null),
    ('conversation_share', 'talk', null, null, 0.3, 9.0, null, 0.1),
    ('mutuals_talked_share', 'talk', null, null, 0.2, 9.0, null, null)
) as t(figure, kind, buzz_from, buzz_to, long_from, long_to, decisive_from, trend_step);

-- strategy_guard: the least an archive needs for a verdict: own tweets with their counts, and likes +
-- retweets on them; a trend needs this many own tweets with counts on each side of the recent period.
create or replace view strategy_guard as
select 30 as min_tweets, 20 as min_engagement, 15 as min_trend_tweets;

-- strategy_signals: one row per figure and period (`all`, `recent`, `before`): its value, the n it rests on
-- (own tweets with counts; active months; mutuals) and where it points (`buzz`, `long_term`, `neither`).
-- `own_tweets` (with counts), `engagement` and `tweets_without_counts` are the guard's figures and point
-- nowhere. A table, built once at load (three indicators read it; it depends on no option of a run).
create or replace view int_strategy_signals as
-- strategy_tweets worked out once (a view read three times would be worked out three times).
with st as materialized (
    select * from strategy_tweets
),
periods as (
    select *, 'all' as scope from st
    union all
    select *, period from st
),
-- The best tenth's engagement without sorting every tweet: tweets grouped by their engagement (few distinct
-- values), walked from the highest down until ceil(n / 10) tweets are taken (ties take the same value, so
-- which of them is taken changes nothing).
by_value as (
    select scope, engagement, count(*) as tweets
    from periods
    group by scope, engagement
),
top_tenth as (
    select scope, sum(engagement::hugeint * least(tweets, greatest(0, take - taken_before))) as top10_engagement
    from (
        select
            *,
            ceil(sum(tweets) over (partition by scope) / 10.0)::bigint as take,
            coalesce(sum(tweets) over (
                partition by scope order by engagement desc rows between unbounded preceding and 1 preceding
            ), 0) as taken_before
        from by_value
    )
    group by scope
),
per_scope as (
    select
        scope,
        count(*) as own_tweets,
        sum(engagement) as engagement,
        max(engagement) as top_engagement,
        any_value(t.top10_engagement) as top10_engagement,
        count(*) filter (where engagement > 0) as engaged_tweets,
        count(distinct month) as active_months,
        count(distinct month) filter (where engagement > 0) as engaged_months,
        count(*) filter (where talks) as talking_tweets
    from periods
    left join top_tenth as t using (scope)
    group by scope
),
scopes as (
    select scope from (values ('all'), ('recent'), ('before')) as s(scope)
),
-- The mutuals talked with in each period, then in each scope (each talk joined to its tweet once, not once
-- per scope).
talked_mutuals as (
    select distinct i.account_id, st.period
    from talked_with as i
    join st using (tweet_id)
    where i.account_id in (select account_id from mutuals)
),
mutuals_talked as (
    select s.scope, count(distinct t.account_id) as talked
    from scopes as s
    join talked_mutuals as t on s.scope = 'all' or t.period = s.scope
    group by s.scope
),
without_counts as (
    select count(*) filter (where engagement is null)::double as missing, count(*) as own
    from own_tweets
),
mutual_count as (
    select count(*) as n from mutuals
),
figures as (
    select s.scope, f.figure, f.value, f.n
    from scopes as s
    left join per_scope as p using (scope)
    cross join network_files as k
    cross join mutual_count as mc
    cross join without_counts as w
    left join mutuals_talked as mt using (scope)
    cross join lateral (values
        ('own_tweets', coalesce(p.own_tweets, 0)::double, coalesce(p.own_tweets, 0)),
        ('tweets_without_counts', case when s.scope = 'all' then w.missing end, case when s.scope = 'all' then w.own end),
        ('engagement', coalesce(p.engagement, 0)::double, coalesce(p.own_tweets, 0)),
        ('top_tweet_share', p.top_engagement / nullif(p.engagement, 0), coalesce(p.own_tweets, 0)),
        ('top10_share', p.top10_engagement / nullif(p.engagement, 0), coalesce(p.own_tweets, 0)),
        ('engaged_tweets_share', p.engaged_tweets / nullif(p.own_tweets, 0), coalesce(p.own_tweets, 0)),
        ('engaged_months_share', p.engaged_months / nullif(p.active_months, 0), coalesce(p.active_months, 0)),
        ('conversation_share', p.talking_tweets / nullif(p.own_tweets, 0), coalesce(p.own_tweets, 0)),
        ('mutuals_talked_share',
            case when k.has_followers and k.has_following then coalesce(mt.talked, 0) / nullif(mc.n, 0) end,
            case when k.has_followers and k.has_following then mc.n end)
    ) as f(figure, value, n)
)
select
    f.figure,
    f.scope as period,
    f.value,
    f.n::bigint as n,
    case
        when th.figure is null or f.value is null then 'neither'
        when f.value >= th.buzz_from and f.value < th.buzz_to then 'buzz'
        when f.value >= th.long_from and f.value < th.long_to then 'long_term'
        else 'neither'
    end as points,
    coalesce(f.value >= th.decisive_from, false) as decisive,
    th.kind
from figures as f
left join strategy_thresholds as th using (figure);

create table strategy_signals as select * from int_strategy_signals;
