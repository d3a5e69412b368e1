-- staging.sql: the only SQL that knows the archive's raw field names, string-typed numbers and date formats.
-- Each `stg_*` view maps raw JSON documents (`raw_*` tables, one document per item) to typed rows; the
-- `create table` after it materializes the view under the name indicators read. Runs once per load, in order.

-- Timestamps: tweets use `Sat Aug 12 16:10:37 +0000 2023` (Grailbird 2018: `2018-03-05 23:08:49 +0000`),
-- everything else ISO-8601; the 2018 archive writes epoch milliseconds (account) or seconds (name changes).
-- Only dates in a plausible window are kept (Twitter began in 2006; nothing past 2100): anything else is
-- unknown (null), so no later step meets year 0 or year 20000.
create or replace macro roost_ts_any(s) as case
    when s is null or length(s) > 64 or trim(s) = '' then null
    when regexp_full_match(s, '[0-9]{12,15}') then try(to_timestamp(cast(s as bigint) / 1000.0))
    when regexp_full_match(s, '[0-9]{9,11}') then try(to_timestamp(cast(s as bigint)))
    else coalesce(
        try_strptime(s, '%a %b %d %H:%M:%S %z %Y'),
        try_strptime(s, '%Y-%m-%d %H:%M:%S %z'),
        try_cast(s as timestamptz)
    )
end;

create or replace macro roost_ts(s) as case
    when roost_ts_any(s) >= timestamptz '2006-01-01 00:00:00+00' and roost_ts_any(s) < timestamptz '2100-01-01 00:00:00+00'
        then roost_ts_any(s)
end;

-- Tweet text is HTML-escaped in every generation (`&amp;`, `&lt;`, `&gt;`).
create or replace macro roost_unescape(s) as
    replace(replace(replace(replace(replace(s, '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&');

-- Names compared as they look: bidi controls and zero-width characters removed, Greek and Cyrillic letters
-- that look Latin mapped to Latin, accents and case ignored. `roost_skeleton_plain` keeps case.
create or replace macro roost_skeleton_plain(s) as translate(
    regexp_replace(s, '[\x{00AD}\x{034F}\x{061C}\x{115F}\x{1160}\x{180E}\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{206F}\x{FEFF}]', '', 'g'),
    'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιρνАВЕКМНОРСТХаеорсухіјѕԁӏ',
    'ABEZHIKMNOPTYXoipvABEKMHOPCTXaeopcyxijsdl'
);

create or replace macro roost_skeleton(s) as lower(strip_accents(roost_skeleton_plain(s)));

-- Like and retweet counts: absurd values (negative, or beyond 10^15) are treated as missing, so sums never overflow.
create or replace macro roost_count(s) as
    case when try_cast(s as bigint) between 0 and 1000000000000000 then try_cast(s as bigint) end;

-- A file of this data type was read (possibly empty): the data is known, not absent.
create or replace macro roost_has(data_type_name) as exists (
    select 1 from archive_files
    where data_type = data_type_name and status in ('loaded', 'blank')
);

create or replace macro roost_has_tweets() as (roost_has('tweets') or roost_has('grailbird_tweets'));

-- One row: who owns the archive and what kind of archive it is.
create or replace view stg_archive as
with account as (
    select json_extract_string(
        coalesce(doc -> '$.account', doc),
        ['$.accountId', '$.username', '$.accountDisplayName', '$.createdAt', '$.email', '$.phoneNumber', '$.timeZone']
    ) as v
    from raw_account
    limit 1
),
manifest as (
    select json_extract_string(
        doc,
        ['$.userInfo.accountId', '$.userInfo.userName', '$.userInfo.displayName', '$.archiveInfo.generationDate',
         '$.archiveInfo.sizeBytes', '$.archiveInfo.isPartialArchive']
    ) as v
    from raw_manifest
    limit 1
),
grailbird_user as (
    select json_extract_string(doc, ['$.id', '$.screen_name', '$.full_name', '$.created_at', '$.id_str']) as v
    from raw_grailbird_user_details
    limit 1
),
grailbird_payload as (
    select doc ->> '$.created_at' as created_at from raw_grailbird_payload_details limit 1
),
time_zone as (
    select coalesce(doc -> '$.accountTimezone', doc) ->> '$.timeZone' as time_zone
    from raw_account_timezone
    limit 1
),
phone as (
    select coalesce(doc -> '$.device', doc) ->> '$.phoneNumber' as phone_number from raw_phone_number limit 1
),
meta as (
    select
        max(value) filter (where key = 'generation') as generation,
        max(value) filter (where key = 'source_path') as source_path,
        max(value) filter (where key = 'source_kind') as source_kind,
        max(value) filter (where key = 'roost_version') as roost_version
    from roost_meta
)
select
    coalesce(nullif(account.v[1], ''), nullif(manifest.v[1], ''), nullif(grailbird_user.v[5], ''),
             nullif(grailbird_user.v[1], '')) as owner_id,
    coalesce(nullif(account.v[2], ''), nullif(manifest.v[2], ''), nullif(grailbird_user.v[2], '')) as username,
    coalesce(nullif(account.v[3], ''), nullif(manifest.v[3], ''), nullif(grailbird_user.v[3], '')) as display_name,
    roost_ts(coalesce(account.v[4], grailbird_user.v[4])) as account_created_at,
    nullif(nullif(account.v[5], ''), '-') as email,
    coalesce(nullif(account.v[6], ''), nullif(phone.phone_number, '')) as phone_number,
    coalesce(nullif(time_zone.time_zone, ''), nullif(account.v[7], '')) as time_zone,
    roost_ts(coalesce(manifest.v[4], grailbird_payload.created_at)) as generated_at,
    try_cast(manifest.v[5] as bigint) as size_bytes,
    try_cast(manifest.v[6] as boolean) as is_partial_archive,
    meta.generation,
    meta.source_path,
    meta.source_kind,
    meta.roost_version
from meta
left join account on true
left join manifest on true
left join grailbird_user on true
left join grailbird_payload on true
left join time_zone on true
left join phone on true;

create table archive as select * from stg_archive;

-- One row per item of a tweet-shaped file (tweets, Grailbird months, deleted, community, Circle tweets).
-- The raw tweet tables hold the archive's own fields as text (load.py's TWEET_FIELDS) and nested parts as JSON.
create or replace view stg_tweet_rows as
with items as (
    select 'tweet' as kind, * from raw_tweets
    union all
    select 'tweet', * from raw_grailbird_tweets
    union all
    select 'deleted', * from raw_deleted_tweets
    union all
    select 'community', * from raw_community_tweet
    union all
    select 'circle', * from raw_twitter_circle_tweet
)
select
    kind,
    file_id,
    coalesce(nullif(id_str, ''), nullif(id, '')) as row_id,
    roost_ts(created_at) as created_at,
    coalesce(full_text, text) as text_raw,
    lang,
    source,
    roost_count(favorite_count) as favorite_count,
    roost_count(retweet_count) as retweet_count,
    -- The archive's own text of the checked values, for stg_value_checks.
    created_at as created_at_text,
    favorite_count as favorite_count_text,
    retweet_count as retweet_count_text,
    coalesce(nullif(in_reply_to_status_id_str, ''), nullif(in_reply_to_status_id, '')) as in_reply_to_status_id,
    coalesce(nullif(in_reply_to_user_id_str, ''), nullif(in_reply_to_user_id, '')) as in_reply_to_user_id,
    nullif(in_reply_to_screen_name, '') as in_reply_to_screen_name,
    nullif(edit_info ->> '$.edit.initialTweetId', '') as edit_initial_id,
    retweeted_status ->> '$.user.id_str' as retweeted_user_id,
    retweeted_status ->> '$.user.screen_name' as retweeted_screen_name,
    retweeted_status ->> '$.id_str' as retweeted_tweet_id,
    roost_ts(deleted_at) as deleted_at,
    community_id_str as community_id,
    try_cast(possibly_sensitive as boolean) as possibly_sensitive,
    entities,
    extended_entities,
    coalesce(json_type(retweeted_status) = 'OBJECT', false) as has_retweeted_status
from items;

-- One row per tweet: an edit chain counts once, with its initial row's fields (else its earliest row's)
-- and its rows' favorite and retweet counts summed (null when any row lacks them, as in Grailbird).
create or replace view stg_tweets as
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
    select distinct edit_initial_id as chain_id from rows where edit_initial_id is not null
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
        select *, coalesce(edit_initial_id, row_id) as chain_id from rows
        where edit_initial_id is not null or row_id in (select chain_id from edited_chains)
    )
    window chain as (partition by chain_id)
),
ranked as (
    select * from single
    union all by name
    select * from edited where chain_pos = 1
),
flagged as (
    select
        ranked.*,
        (starts_with(text_raw, 'RT @') or has_retweeted_status) as is_retweet,
        coalesce(len(list_filter(
            json_extract_string(entities, '$.urls[*].expanded_url'),
            lambda u: regexp_matches(u, '^https?://(www\.|mobile\.)?(twitter|x)\.com/[A-Za-z0-9_]+/status(es)?/[0-9]+', 'i')
        )) > 0, false) as has_status_link,
        archive.owner_id
    from ranked
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
    from (select source, count(*) as tweets from flagged group by source)
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
    roost_unescape(text_raw) as full_text,
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
    case when is_retweet then coalesce(retweeted_screen_name, regexp_extract(text_raw, '^RT @([A-Za-z0-9_]+)', 1)) end
        as retweeted_screen_name,
    case when is_retweet then coalesce(
        retweeted_user_id,
        list_filter(
            json_extract(entities, '$.user_mentions[*]'),
            lambda m: lower(m ->> '$.screen_name') = lower(regexp_extract(text_raw, '^RT @([A-Za-z0-9_]+)', 1))
        )[1] ->> '$.id_str'
    ) end as retweeted_user_id,
    case when is_retweet then retweeted_tweet_id end as retweeted_tweet_id,
    version_count,
    possibly_sensitive,
    coalesce(
        json_array_length(extended_entities, '$.media') > 0 or json_array_length(entities, '$.media') > 0, false
    ) as has_media,
    coalesce(json_array_length(entities, '$.urls') > 0, false) as has_links,
    entities,
    extended_entities,
    file_id
from flagged
left join clients on flagged.source is not distinct from clients.source;

create table tweets as select * from stg_tweets;

-- One row per mention in a tweet (retweets included), in order; ids as the archive wrote them.
create or replace view stg_tweet_mentions as
with mentions as (
    select tweet_id, unnest(json_extract(entities, '$.user_mentions[*]')) as m,
        generate_subscripts(json_extract(entities, '$.user_mentions[*]'), 1) as position
    from tweets
)
select
    tweet_id,
    position,
    coalesce(nullif(m ->> '$.id_str', ''), nullif(m ->> '$.id', '')) as user_id,
    m ->> '$.screen_name' as screen_name,
    m ->> '$.name' as name
from mentions;

create table tweet_mentions as select * from stg_tweet_mentions;

create or replace view stg_tweet_hashtags as
select tweet_id, unnest(json_extract_string(entities, '$.hashtags[*].text')) as hashtag from tweets;

create table tweet_hashtags as select * from stg_tweet_hashtags where hashtag is not null;

create or replace view stg_tweet_urls as
with urls as (select tweet_id, unnest(json_extract(entities, '$.urls[*]')) as u from tweets)
select
    tweet_id,
    u ->> '$.url' as url,
    coalesce(u ->> '$.expanded_url', u ->> '$.url') as expanded_url,
    u ->> '$.display_url' as display_url,
    lower(regexp_extract(coalesce(u ->> '$.expanded_url', u ->> '$.url'), '^[A-Za-z][A-Za-z0-9+.-]*://(www\.)?([^/:?#]+)', 2))
        as domain
from urls;

create table tweet_urls as select * from stg_tweet_urls;

create or replace view stg_tweet_media as
with media as (
    select tweet_id, unnest(coalesce(
        json_extract(extended_entities, '$.media[*]'), json_extract(entities, '$.media[*]')
    )) as m
    from tweets
)
select
    tweet_id,
    coalesce(m ->> '$.id_str', m ->> '$.id') as media_id,
    coalesce(m ->> '$.type', 'photo') as media_type,
    coalesce(m ->> '$.media_url_https', m ->> '$.media_url') as media_url,
    m ->> '$.expanded_url' as expanded_url
from media;

create table tweet_media as select * from stg_tweet_media;

create or replace view stg_deleted_tweets as
select row_id as tweet_id, created_at, deleted_at, roost_unescape(text_raw) as full_text,
    favorite_count, retweet_count, file_id
from stg_tweet_rows
where kind = 'deleted' and row_id is not null;

create table deleted_tweets as select * from stg_deleted_tweets;

create or replace view stg_community_tweets as
select row_id as tweet_id, created_at, community_id, roost_unescape(text_raw) as full_text,
    favorite_count, retweet_count, file_id
from stg_tweet_rows
where kind = 'community' and row_id is not null;

create table community_tweets as select * from stg_community_tweets;

-- Long posts (2023+): `noteTweetId` is not the tweet's id; the tweet is the one created within a second
-- whose (truncated) text starts like the note's.
create or replace view stg_note_tweets as
with notes as (
    select
        coalesce(doc -> '$.noteTweet', doc) as n
    from raw_note_tweet
),
typed as (
    select
        coalesce(n ->> '$.noteTweetId', n ->> '$.tweetId') as note_tweet_id,
        n ->> '$.tweetId' as declared_tweet_id,
        roost_ts(n ->> '$.createdAt') as created_at,
        roost_ts(n ->> '$.updatedAt') as updated_at,
        coalesce(n ->> '$.core.text', n ->> '$.noteTweetResults.text') as full_text
    from notes
)
select
    typed.note_tweet_id,
    coalesce(typed.declared_tweet_id, (
        select t.tweet_id from tweets as t
        where abs(epoch(t.created_at) - epoch(typed.created_at)) <= 1
            and left(t.full_text, 20) = left(typed.full_text, 20)
        order by t.tweet_id
        limit 1
    )) as tweet_id,
    typed.created_at,
    typed.updated_at,
    typed.full_text
from typed;

create table note_tweets as select * from stg_note_tweets;

-- Follower and following files hold only ids (2018: `accountId` alone; later also `userLink`).
create or replace macro roost_account_id(item, wrapper) as coalesce(
    nullif(coalesce(item -> ('$.' || wrapper), item) ->> '$.accountId', ''),
    nullif(regexp_extract(coalesce(item -> ('$.' || wrapper), item) ->> '$.userLink', 'user_id=([0-9]+)', 1), '')
);

create or replace macro roost_link_id(account_id, user_link) as coalesce(
    nullif(account_id, ''), nullif(regexp_extract(user_link, 'user_id=([0-9]+)', 1), '')
);

create or replace view stg_followers as
select distinct roost_link_id("accountId", "userLink") as account_id
from raw_follower
where roost_link_id("accountId", "userLink") is not null;

create table followers as select * from stg_followers order by account_id;

create or replace view stg_following as
select distinct roost_link_id("accountId", "userLink") as account_id
from raw_following
where roost_link_id("accountId", "userLink") is not null;

create table following as select * from stg_following order by account_id;

-- One row per follower: the estimated creation time of its account, from its id alone. Snowflake ids (from
-- 10^15 up) carry their creation time; older sequential ids are placed by linear interpolation between known
-- (id, creation date) anchors of real accounts; ids past the last anchor (2016-02) and below 10^15 stay null.
create or replace view stg_follower_ages as
with anchors (anchor_id, created_on) as (
    -- (account id, creation date) of real accounts, read from their public profiles.
    values
        (12, date '2006-03-21'),
        (56873, date '2006-12-11'),
        (783214, date '2007-02-20'),
        (793754, date '2007-02-25'),
        (813286, date '2007-03-05'),
        (15435394, date '2008-07-15'),
        (17461068, date '2008-11-18'),
        (18133725, date '2008-12-15'),
        (18965916, date '2009-01-14'),
        (22353877, date '2009-03-01'),
        (29098296, date '2009-04-05'),
        (34713362, date '2009-04-23'),
        (40173650, date '2009-05-15'),
        (44144749, date '2009-06-02'),
        (51002583, date '2009-06-26'),
        (58164856, date '2009-07-19'),
        (65109514, date '2009-08-12'),
        (86030794, date '2009-10-29'),
        (100185915, date '2009-12-29'),
        (107145172, date '2010-01-21'),
        (118099082, date '2010-02-27'),
        (133378751, date '2010-04-15'),
        (159002601, date '2010-06-24'),
        (177458594, date '2010-08-12'),
        (228310395, date '2010-12-19'),
        (243821406, date '2011-01-27'),
        (267570919, date '2011-03-17'),
        (290502791, date '2011-04-30'),
        (322291006, date '2011-06-22'),
        (356017534, date '2011-08-16'),
        (378420614, date '2011-09-23'),
        (423661014, date '2011-11-28'),
        (486172437, date '2012-02-08'),
        (588261604, date '2012-05-23'),
        (624496137, date '2012-07-02'),
        (756796452, date '2012-08-14'),
        (803214192, date '2012-09-04'),
        (889926294, date '2012-10-18'),
        (958842956, date '2012-11-19'),
        (1036115508, date '2012-12-26'),
        (1147386834, date '2013-02-04'),
        (1284923442, date '2013-03-21'),
        (1426865454, date '2013-05-14'),
        (1612535575, date '2013-07-22'),
        (1740060962, date '2013-09-07'),
        (2165329988, date '2013-10-30'),
        (2256275845, date '2013-12-21'),
        (2323102484, date '2014-02-02'),
        (2426661938, date '2014-04-04'),
        (2941134302, date '2014-12-23'),
        (3045738188, date '2015-02-27'),
        (3238757417, date '2015-05-06'),
        (3305348538, date '2015-08-03'),
        (4756700294, date '2016-01-14'),
        (4924072528, date '2016-02-17')
),
segments as (
    select
        anchor_id as low_id,
        created_on as low_day,
        lead(anchor_id) over (order by anchor_id) as high_id,
        lead(created_on) over (order by anchor_id) as high_day
    from anchors
),
follower_ids as (
    select distinct account_id, try_cast(account_id as hugeint) as numeric_id
    from followers
),
estimated as (
    select
        f.account_id,
        case
            when f.numeric_id >= 1000000000000000 and f.numeric_id <= 9223372036854775807 then
                to_timestamp(((f.numeric_id::bigint >> 22) + 1288834974657) / 1000.0)
            when f.numeric_id >= 1 and f.numeric_id <= (select min(anchor_id) from anchors) then
                (select min(created_on) from anchors)::timestamp at time zone 'UTC'
            when s.low_id is not null then
                to_timestamp(
                    epoch(s.low_day::timestamp)
                    + (f.numeric_id - s.low_id)::double / (s.high_id - s.low_id)
                    * (epoch(s.high_day::timestamp) - epoch(s.low_day::timestamp))
                )
        end as created_at
    from follower_ids as f
    left join segments as s
        on f.numeric_id > s.low_id and f.numeric_id <= s.high_id and f.numeric_id < 1000000000000000
)
select account_id, created_at as created_at_estimate
from estimated;

create table follower_ages as select * from stg_follower_ages;

-- Likes carry no date and no author: a tweet id, and since 2019 its text and link.
create or replace view stg_likes as
select "tweetId" as tweet_id, max(roost_unescape("fullText")) as full_text, max("expandedUrl") as expanded_url
from raw_like
where "tweetId" is not null and "tweetId" <> ''
group by "tweetId";

create table likes as select * from stg_likes;

create or replace view stg_blocks as
select distinct roost_account_id(doc, 'blocking') as account_id from raw_block
where roost_account_id(doc, 'blocking') is not null;

create table blocks as select * from stg_blocks;

create or replace view stg_mutes as
select distinct roost_account_id(doc, 'muting') as account_id from raw_mute
where roost_account_id(doc, 'muting') is not null;

create table mutes as select * from stg_mutes;

-- Lists: 2023+ one `{"userListInfo": {"url"}}` per list; 2018 one object with a `urls` array.
create or replace view stg_lists as
with info as (
    select 'created' as relation, coalesce(doc -> '$.userListInfo', doc) as u from raw_lists_created
    union all
    select 'member', coalesce(doc -> '$.userListInfo', doc) from raw_lists_member
    union all
    select 'subscribed', coalesce(doc -> '$.userListInfo', doc) from raw_lists_subscribed
),
urls as (
    select relation, unnest(
        case when json_type(u, '$.urls') = 'ARRAY' then json_extract_string(u, '$.urls[*]')
        else [u ->> '$.url'] end
    ) as url
    from info
)
select relation, url, regexp_extract(url, '/lists/([^/?#]+)', 1) as list_name
from urls
where url is not null;

create table lists as select * from stg_lists;

create or replace view stg_screen_name_changes as
with changes as (
    select coalesce(doc -> '$.screenNameChange', doc) as c from raw_screen_name_change
)
select
    c ->> '$.accountId' as account_id,
    roost_ts(c ->> '$.screenNameChange.changedAt') as changed_at,
    c ->> '$.screenNameChange.changedFrom' as changed_from,
    c ->> '$.screenNameChange.changedTo' as changed_to
from changes;

create table screen_name_changes as select * from stg_screen_name_changes order by changed_at;

create or replace view stg_profile as
with p as (select coalesce(doc -> '$.profile', doc) as p from raw_profile limit 1)
select
    p ->> '$.description.bio' as bio,
    p ->> '$.description.website' as website,
    p ->> '$.description.location' as location,
    p ->> '$.avatarMediaUrl' as avatar_url,
    p ->> '$.headerMediaUrl' as header_url
from p;

create table profile as select * from stg_profile;

-- Direct messages: one conversation per item, its events newest first; only `messageCreate` events are
-- messages. Their text stays in this local database.
create or replace view stg_dm_messages as
with conversations as (
    select false as is_group, coalesce(doc -> '$.dmConversation', doc) as c from raw_direct_messages
    union all
    select true, coalesce(doc -> '$.dmConversation', doc) from raw_direct_messages_group
),
events as (
    select is_group, c ->> '$.conversationId' as conversation_id, unnest(json_extract(c, '$.messages[*]')) as e
    from conversations
),
messages as (
    select is_group, conversation_id, e -> '$.messageCreate' as m from events
    where json_type(e, '$.messageCreate') = 'OBJECT'
)
select
    conversation_id,
    is_group,
    m ->> '$.id' as message_id,
    m ->> '$.senderId' as sender_id,
    m ->> '$.recipientId' as recipient_id,
    roost_ts(m ->> '$.createdAt') as created_at,
    m ->> '$.text' as text
from messages;

create table dm_messages as select * from stg_dm_messages order by created_at;

create or replace view stg_dm_conversations as
with one_to_one as (
    select conversation_id, unnest(string_split(conversation_id, '-')) as account_id
    from dm_messages
    where not is_group
),
participants as (
    select conversation_id, account_id from one_to_one
    union
    select conversation_id, sender_id from dm_messages
    union
    select conversation_id, recipient_id from dm_messages where recipient_id is not null
)
select
    m.conversation_id,
    any_value(m.is_group) as is_group,
    count(*) as message_count,
    min(m.created_at) as first_message_at,
    max(m.created_at) as last_message_at,
    (
        select list(distinct p.account_id order by p.account_id) from participants as p
        where p.conversation_id = m.conversation_id and p.account_id <> (select owner_id from archive)
            and p.account_id <> ''
    ) as partner_ids
from dm_messages as m
group by m.conversation_id;

create table dm_conversations as select * from stg_dm_conversations order by conversation_id;

-- Every account id seen with the screen names it appears under: mentions (and so RT prefixes, whose
-- first mention is the relayed author), replies, the owner's own name and name changes.
create or replace view stg_handles as
with seen as (
    select m.user_id as account_id, m.screen_name, m.name, t.created_at as seen_at
    from tweet_mentions as m join tweets as t using (tweet_id)
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

create table handles as select * from stg_handles order by account_id;

-- One row per interaction of yours with another account: each mention in a tweet (retweets included,
-- yourself and `-1` left out) and each reply to someone else.
create or replace view stg_interactions as
select m.tweet_id, m.user_id as account_id, 'mention' as kind, t.created_at, t.is_retweet
from tweet_mentions as m
join tweets as t using (tweet_id)
cross join archive as a
where m.user_id is not null and m.user_id not in ('', '-1') and m.user_id is distinct from a.owner_id
union all
select tweet_id, in_reply_to_user_id, 'reply', created_at, false
from tweets
where is_reply and not is_self_reply and in_reply_to_user_id is not null and in_reply_to_user_id <> '-1';

create table interactions as select * from stg_interactions;

create or replace view stg_interacted as select distinct account_id from interactions;

create table interacted as select * from stg_interacted order by account_id;

-- Dates that cannot be true: items dated before the account was created, or after the archive was made
-- (an hour of slack for clocks). They stay in every figure; the load warns once per kind with their count.
create or replace view stg_date_checks as
with dated as (
    select 'tweets' as data, created_at from tweets
    union all
    select 'direct messages', created_at from dm_messages
),
bounds as (
    select account_created_at, generated_at from archive
)
select
    dated.data,
    problem,
    count(*) as items,
    any_value(case problem when 'before_account_creation' then bounds.account_created_at
                           else bounds.generated_at end) as bound
from dated
cross join bounds
cross join (values ('before_account_creation'), ('after_archive_generation')) as p(problem)
where case problem
    -- Old Grailbird tweets carry only their day (midnight UTC): compare those by day.
    when 'before_account_creation' then case
        when dated.created_at = date_trunc('day', dated.created_at)
            then dated.created_at < date_trunc('day', bounds.account_created_at)
        else dated.created_at < bounds.account_created_at - interval 1 hour
    end
    else dated.created_at > bounds.generated_at + interval 1 hour
end
group by dated.data, problem;

create table date_checks as select * from stg_date_checks order by data, problem;

-- Values the archive gives but that cannot be true (a date before 2006 or after 2099, a negative or absurd
-- count): each became unknown (null). One row per file and field with how many; the load warns once each.
create or replace view stg_value_checks as
with tweet_fields as (
    select file_id, 'created_at' as field, count(*) as items from stg_tweet_rows
    where nullif(trim(created_at_text), '') is not null and created_at is null group by file_id
    union all
    select file_id, 'favorite_count', count(*) from stg_tweet_rows
    where nullif(trim(favorite_count_text), '') is not null and favorite_count is null group by file_id
    union all
    select file_id, 'retweet_count', count(*) from stg_tweet_rows
    where nullif(trim(retweet_count_text), '') is not null and retweet_count is null group by file_id
),
archive_fields as (
    select 'data/manifest.js' as path, 'archiveInfo.generationDate' as field, count(*) as items from raw_manifest
    where nullif(trim(doc ->> '$.archiveInfo.generationDate'), '') is not null
        and roost_ts(doc ->> '$.archiveInfo.generationDate') is null
    union all
    select f.path, 'createdAt', count(*) from raw_account as a join archive_files as f using (file_id)
    where nullif(trim(coalesce(a.doc -> '$.account', a.doc) ->> '$.createdAt'), '') is not null
        and roost_ts(coalesce(a.doc -> '$.account', a.doc) ->> '$.createdAt') is null
    group by f.path
)
select f.path, t.field, t.items from tweet_fields as t join archive_files as f using (file_id)
union all
select path, field, items from archive_fields where items > 0;

create table value_checks as select * from stg_value_checks order by path, field;
