-- What tweets carry (retweets included), unnested from their typed entities: mentions, hashtags, links, media.

-- int_tweet_entities: one row per tweet (the row that stands for its chain, as in `tweets`), with what it
-- carries as the archive's typed lists: `entities` (user_mentions, urls, hashtags, media) and
-- `extended_entities` (media). Each table below unnests its list from the raw rows, with no table between.
create or replace view int_tweet_entities as
select chain_id as tweet_id, entities, extended_entities
from int_tweet_chains;

-- tweet_mentions: one row per mention in a tweet, in order; ids as the archive wrote them.
create or replace view int_tweet_mentions as
with mentions as (
    select
        tweet_id,
        unnest(entities.user_mentions) as m,
        generate_subscripts(entities.user_mentions, 1) as position
    from int_tweet_entities
)
select
    tweet_id,
    position,
    coalesce(nullif(m.id_str, ''), nullif(m.id, '')) as user_id,
    m.screen_name,
    m.name
from mentions;

create table tweet_mentions as select * from int_tweet_mentions;

-- tweet_hashtags: one row per hashtag in a tweet, as written (without #).
create or replace view int_tweet_hashtags as
select tweet_id, unnest(list_transform(entities.hashtags, lambda h: h.text)) as hashtag
from int_tweet_entities;

create table tweet_hashtags as select * from int_tweet_hashtags where hashtag is not null;

-- tweet_urls: one row per link in a tweet: the t.co address, where it leads, that place's domain
-- (lowercase, without www.), and whether it leads to a tweet (quoted, or a long post's "read more").
create or replace view int_tweet_urls as
with urls as (
    select tweet_id, unnest(entities.urls) as u
    from int_tweet_entities
)
select
    tweet_id,
    u.url,
    coalesce(u.expanded_url, u.url) as expanded_url,
    u.display_url,
    lower(regexp_extract(coalesce(u.expanded_url, u.url), '^[A-Za-z][A-Za-z0-9+.-]*://(www\.)?([^/:?#]+)', 2))
        as domain,
    roost_links_to_tweet(coalesce(u.expanded_url, u.url, '')) as links_to_tweet
from urls;

create table tweet_urls as select * from int_tweet_urls;

-- tweet_media: one row per photo, video or GIF of a tweet (extended_entities when present, even without
-- media, else entities).
create or replace view int_tweet_media as
with media as (
    select tweet_id, unnest(case
        when extended_entities is not null then coalesce(extended_entities.media, [])
        else entities.media
    end) as m
    from int_tweet_entities
)
select
    tweet_id,
    coalesce(m.id_str, m.id) as media_id,
    coalesce(m.type, 'photo') as media_type,
    coalesce(m.media_url_https, m.media_url) as media_url,
    m.expanded_url
from media;

create table tweet_media as select * from int_tweet_media;
