-- int_tweet_heads: one row per tweet, that is per edit chain: which raw row stands for it (file_id, item_row)
-- and the chain's figures. Rows carrying `edit_info.edit.initialTweetId` belong to the chain of that id; every
-- other row starts its own. A chain counts once, with its initial row's fields (else its earliest row's) and
-- its rows' favorite and retweet counts summed (null when any row lacks them, as in Grailbird). A row repeated
-- in two files counts once. Worked out on these few columns; int_tweet_chains joins the whole rows once.
create or replace view int_tweet_heads as
with tweet_rows as (
    select file_id, item_row, row_id, edit_initial_id, created_at, favorite_count, retweet_count, source
    from stg_tweet_rows
    where kind = 'tweet' and row_id is not null
),
-- Few rows are repeated: only those are ranked.
repeated as (
    select row_id from tweet_rows group by row_id having count(*) > 1
),
rows as (
    select * from tweet_rows anti join repeated using (row_id)
    union all
    select * exclude (dup)
    from (
        select *, row_number() over (partition by row_id order by file_id, item_row) as dup
        from tweet_rows semi join repeated using (row_id)
    )
    where dup = 1
),
edited_chains as (
    select distinct edit_initial_id as chain_id
    from rows
    where edit_initial_id is not null
),
-- Most tweets were never edited: they are their own chain, with no window to compute.
single as (
    select
        rows.*,
        rows.row_id as chain_id,
        1::bigint as chain_pos,
        1::bigint as version_count,
        rows.favorite_count as chain_favorite_count,
        rows.retweet_count as chain_retweet_count
    from rows
    anti join edited_chains on rows.row_id = edited_chains.chain_id
    where rows.edit_initial_id is null
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
        from rows
        where edit_initial_id is not null or row_id in (select chain_id from edited_chains)
    )
    window chain as (partition by chain_id)
)
select file_id, item_row, source, chain_id, chain_pos, version_count, chain_favorite_count, chain_retweet_count
from single
union all
select file_id, item_row, source, chain_id, chain_pos, version_count, chain_favorite_count, chain_retweet_count
from edited
where chain_pos = 1;

-- tweet_heads: int_tweet_heads worked out once for the load, which keeps it in memory beside the raw rows it
-- points to (never written to a database file): `tweets` and `tweet_entities` join it side by side.
create table roost_raw.tweet_heads as select * from int_tweet_heads;

-- int_tweet_chains: one row per tweet: the whole row that stands for its chain, with the chain's figures.
create or replace view int_tweet_chains as
select rows.*, heads.* exclude (file_id, item_row, source)
from stg_tweet_rows as rows
join tweet_heads as heads using (file_id, item_row)
where rows.kind = 'tweet';
