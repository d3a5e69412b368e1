-- tweets: one row per tweet (an edit chain counts once, its counts summed), with what it is: a retweet
-- (`RT @` or an embedded retweeted tweet), a reply, a self-reply (a reply to the owner), a quote (an own
-- tweet linking to a tweet's address), and the app it was sent from.
create or replace view int_tweets as
with flagged as (
    select
        rows.*,
        (starts_with(rows.full_text, 'RT @') or rows.has_retweeted_status) as is_retweet,
        coalesce(len(list_filter(
            rows.entities.urls, lambda u: roost_is_tweet_address(u.expanded_url)
        )) > 0, false) as has_status_link,
        archive.owner_id
    from int_tweet_chains as rows
    cross join archive
),
-- A handful of distinct `source` strings: parse each once, not once per tweet.
parsed_clients as (
    select
        source,
        tweets,
        coalesce(
            roost_unescape(nullif(trim(regexp_extract(source, '>([^<]*)<', 1)), '')),
            case when source not like '%<%' then source end
        ) as source_name,
        nullif(regexp_extract(source, 'href="([^"]*)"', 1), '') as source_url
    from (select source, count(*) as tweets from int_tweet_chains group by source)
),
-- Names that only look alike (a Greek capital omicron for an O, seen in a real archive) with the same link
-- are one app: shown under the plain spelling, else the most used one.
clients as (
    select
        source,
        source_url,
        arg_max(source_name, (source_name = roost_skeleton_plain(source_name), tweets, source_name)) over (
            partition by source_url, roost_skeleton(source_name)
        ) as source_name
    from parsed_clients
)
select
    chain_id as tweet_id,
    created_at,
    full_text,
    lang,
    clients.source_name,
    clients.source_url,
    chain_favorite_count::bigint as favorite_count,
    chain_retweet_count::bigint as retweet_count,
    is_retweet,
    not is_retweet as is_own,
    (not is_retweet and (in_reply_to_status_id is not null or in_reply_to_user_id is not null)) as is_reply,
    (not is_retweet and (in_reply_to_status_id is not null or in_reply_to_user_id is not null)
        and in_reply_to_user_id = owner_id) as is_self_reply,
    (not is_retweet and has_status_link) as is_quote,
    case when not is_retweet then in_reply_to_status_id end as in_reply_to_status_id,
    case when not is_retweet then in_reply_to_user_id end as in_reply_to_user_id,
    case when not is_retweet then in_reply_to_screen_name end as in_reply_to_screen_name,
    case when is_retweet then coalesce(retweeted_screen_name, regexp_extract(full_text, '^RT @([A-Za-z0-9_]+)', 1)) end
        as retweeted_screen_name,
    case when is_retweet then coalesce(
        retweeted_user_id,
        list_filter(
            entities.user_mentions,
            lambda m: lower(m.screen_name) = lower(regexp_extract(full_text, '^RT @([A-Za-z0-9_]+)', 1))
        )[1].id_str
    ) end as retweeted_user_id,
    case when is_retweet then retweeted_tweet_id end as retweeted_tweet_id,
    version_count,
    possibly_sensitive,
    coalesce(len(extended_entities.media) > 0 or len(entities.media) > 0, false) as has_media,
    coalesce(len(entities.urls) > 0, false) as has_links,
    file_id
from flagged
left join clients on flagged.source is not distinct from clients.source;

create table tweets as select * from int_tweets;
