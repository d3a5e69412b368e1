-- int_tweet_fixes: the tweet rows that do not simply stand for themselves, worked out on a few narrow columns.
-- A tweet is an edit chain: rows carrying `edit_info.edit.initialTweetId` belong to the chain of that id, every
-- other row starts its own. A chain counts once, with its initial row's fields (else its earliest row's) and
-- its rows' favorite and retweet counts summed (null when any row lacks them, as in Grailbird). A row repeated
-- in two files counts once (its first copy, by file then place). So a row is here when it is a later copy
-- (`is_head` false), a version of an edited chain that does not stand for it (false), or the row that does
-- (true, with the chain's figures). Most archives have a handful of such rows: every other tweet row is its
-- own tweet, and the whole rows are joined to this short list once (int_tweet_chains).
create or replace view int_tweet_fixes as
with tweet_rows as (
    select file_id, item_row, row_id, edit_initial_id, created_at, favorite_count, retweet_count
    from stg_tweet_rows
    where kind = 'tweet' and row_id is not null
),
-- Few rows are repeated: only those are ranked.
repeated as (
    select row_id from tweet_rows group by row_id having count(*) > 1
),
later_copies as (
    select file_id, item_row
    from (
        select file_id, item_row, row_number() over (partition by row_id order by file_id, item_row) as dup
        from tweet_rows semi join repeated using (row_id)
    )
    where dup > 1
),
kept as (
    select * from tweet_rows anti join later_copies using (file_id, item_row)
),
edited_chains as (
    select distinct edit_initial_id as chain_id
    from kept
    where edit_initial_id is not null
),
edited as (
    select
        *,
        row_number() over (
            partition by chain_id order by (row_id = chain_id) desc, created_at nulls last, row_id
        ) as chain_pos,
        count(*) over chain as version_count,
        case when count(favorite_count) over chain = count(*) over chain
            then sum(favorite_count) over chain end as chain_favorite_count,
        case when count(retweet_count) over chain = count(*) over chain
            then sum(retweet_count) over chain end as chain_retweet_count
    from (
        select *, coalesce(edit_initial_id, row_id) as chain_id
        from kept
        where edit_initial_id is not null or row_id in (select chain_id from edited_chains)
    )
    window chain as (partition by chain_id)
)
select file_id, item_row, chain_pos = 1 as is_head, chain_id, version_count, chain_favorite_count, chain_retweet_count
from edited
union all
select file_id, item_row, false, null, null, null, null
from later_copies;

-- tweet_fixes: int_tweet_fixes worked out once for the load, which keeps it in memory beside the raw rows it
-- points to (never written to a database file).
create table roost_raw.tweet_fixes as select * from int_tweet_fixes;

-- int_tweet_chains: one row per tweet: the whole row that stands for its chain, with the chain's id, its
-- number of versions and its summed counts (a tweet never edited: its own id and counts, one version).
create or replace view int_tweet_chains as
select
    rows.*,
    coalesce(fixes.chain_id, rows.row_id) as chain_id,
    coalesce(fixes.version_count, 1) as version_count,
    case when fixes.is_head is null then rows.favorite_count else fixes.chain_favorite_count end
        as chain_favorite_count,
    case when fixes.is_head is null then rows.retweet_count else fixes.chain_retweet_count end
        as chain_retweet_count
from stg_tweet_rows as rows
left join tweet_fixes as fixes on rows.file_id = fixes.file_id and rows.item_row = fixes.item_row
where rows.kind = 'tweet' and rows.row_id is not null and coalesce(fixes.is_head, true);
