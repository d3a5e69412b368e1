-- int_tweet_chains: one row per tweet, that is per edit chain. Rows carrying `edit_info.edit.initialTweetId`
-- belong to the chain of that id; every other row starts its own. A chain counts once, with its initial row's
-- fields (else its earliest row's) and its rows' favorite and retweet counts summed (null when any row lacks
-- them, as in Grailbird). A row repeated in two files counts once.
create or replace view int_tweet_chains as
with rows as (
    select * exclude (dup)
    from (
        select *, row_number() over (partition by row_id order by file_id) as dup
        from stg_tweet_rows
        where kind = 'tweet' and row_id is not null
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
select * from single
union all by name
select * from edited where chain_pos = 1;
