-- raw.sql: the raw contract, declared once. One table per data type roost reads, one row per item of its
-- files, as the archive writes it; load.py creates these tables first, then learns from them (duckdb_tables()
-- and duckdb_columns()) which fields to read from each file. Only the staging views read these tables.
--
-- A table with named columns is read by DuckDB's typed reader: each column is a field of the item, named as
-- in the archive, scalars kept as the archive's text (varchar), nested parts as STRUCTs and lists of them
-- holding only the fields staging reads (other keys are skipped unparsed), so each byte is parsed once and
-- staging unnests typed lists. A nested value of another shape (a string where an object is, an object
-- where a list is) makes the reader refuse the file: raw.py then reads that file's nested parts as JSON
-- and casts them leniently (what does not fit becomes null). Its comment names the
-- key items are wrapped in (`wrapper: tweet` for `{"tweet": {...}}`); items may also come flat (2018-2019
-- archives), told by the first key of the first item: one of the columns or of the `flat:` keys. A file of
-- any other shape is read item by item, the same fields extracted. A table with a single `doc` column keeps
-- each item as one JSON document.
--
-- The raw tables live in `roost_raw`, an in-memory database the load attaches (DuckDB spills it to roost's
-- private temporary folder past its memory limit): every connection of the load sees them, so independent
-- steps run side by side, and they are never written to a database file. `roost load` writes only what
-- staging and the intermediate layer make of them, once; the staging views and the intermediate views that
-- read them are left out of that file with them. Queries name them unqualified (the load's search path).

-- What roost itself records about the load: schema and roost version, the source, the generation.
create table roost_meta (key varchar primary key, value varchar);

-- One row per data file found, or listed by the manifest: what was read from it.
create table archive_files (
    file_id integer,
    path varchar,
    data_type varchar,
    part integer,
    bytes bigint,
    items_read bigint,
    manifest_count bigint,
    status varchar,
    note varchar
);

-- data/manifest.js, one document (it has no file id: it is read before the data files).
create table roost_raw.raw_manifest (doc json);

-- Tweet files: tweets.js and its parts, one row per tweet version (an edit is a row of its own).
create table roost_raw.raw_tweets (
    file_id integer,
    "id_str" varchar,
    "id" varchar,
    "created_at" varchar,
    "full_text" varchar,
    "text" varchar,
    "lang" varchar,
    "source" varchar,
    "favorite_count" varchar,
    "retweet_count" varchar,
    "in_reply_to_status_id_str" varchar,
    "in_reply_to_status_id" varchar,
    "in_reply_to_user_id_str" varchar,
    "in_reply_to_user_id" varchar,
    "in_reply_to_screen_name" varchar,
    "possibly_sensitive" varchar,
    "deleted_at" varchar,
    "community_id_str" varchar,
    "entities" struct(
        "user_mentions" struct("id_str" varchar, "id" varchar, "screen_name" varchar, "name" varchar)[],
        "urls" struct("url" varchar, "expanded_url" varchar, "display_url" varchar)[],
        "hashtags" struct("text" varchar)[],
        "media" struct(
            "id_str" varchar, "id" varchar, "type" varchar, "media_url_https" varchar, "media_url" varchar,
            "expanded_url" varchar
        )[]
    ),
    "extended_entities" struct(
        "media" struct(
            "id_str" varchar, "id" varchar, "type" varchar, "media_url_https" varchar, "media_url" varchar,
            "expanded_url" varchar
        )[]
    ),
    -- Edited versions (late 2022 on) name their chain's first tweet.
    "edit_info" struct("edit" struct("initialTweetId" varchar)),
    -- Grailbird's retweets embed the original tweet and its author.
    "retweeted_status" struct("id_str" varchar, "user" struct("id_str" varchar, "screen_name" varchar))
);
-- Flat tweets (2018-2019) start with `retweeted`, a flag that means nothing in archives (always false).
comment on table roost_raw.raw_tweets is 'wrapper: tweet; flat: retweeted';

-- The other tweet-shaped files have the same fields: Grailbird's monthly files, deleted, community and
-- Twitter Circle tweets.
create table roost_raw.raw_grailbird_tweets as select * from roost_raw.raw_tweets limit 0;
comment on table roost_raw.raw_grailbird_tweets is 'wrapper: tweet; flat: retweeted';
create table roost_raw.raw_deleted_tweets as select * from roost_raw.raw_tweets limit 0;
comment on table roost_raw.raw_deleted_tweets is 'wrapper: tweet; flat: retweeted';
create table roost_raw.raw_community_tweet as select * from roost_raw.raw_tweets limit 0;
comment on table roost_raw.raw_community_tweet is 'wrapper: tweet; flat: retweeted';
create table roost_raw.raw_twitter_circle_tweet as select * from roost_raw.raw_tweets limit 0;
comment on table roost_raw.raw_twitter_circle_tweet is 'wrapper: tweet; flat: retweeted';

-- Likes: a tweet id, and since 2019 its text and link.
create table roost_raw.raw_like (file_id integer, "tweetId" varchar, "fullText" varchar, "expandedUrl" varchar);
comment on table roost_raw.raw_like is 'wrapper: like';

-- Followers and following: an account id (2018: `accountId` alone; later also `userLink`).
create table roost_raw.raw_follower (file_id integer, "accountId" varchar, "userLink" varchar);
comment on table roost_raw.raw_follower is 'wrapper: follower';
create table roost_raw.raw_following (file_id integer, "accountId" varchar, "userLink" varchar);
comment on table roost_raw.raw_following is 'wrapper: following';

-- Every other data type roost reads: one JSON document per item.
create table roost_raw.raw_note_tweet (file_id integer, doc json);
create table roost_raw.raw_block (file_id integer, doc json);
create table roost_raw.raw_mute (file_id integer, doc json);
create table roost_raw.raw_account (file_id integer, doc json);
create table roost_raw.raw_profile (file_id integer, doc json);
create table roost_raw.raw_account_timezone (file_id integer, doc json);
create table roost_raw.raw_screen_name_change (file_id integer, doc json);
create table roost_raw.raw_lists_created (file_id integer, doc json);
create table roost_raw.raw_lists_member (file_id integer, doc json);
create table roost_raw.raw_lists_subscribed (file_id integer, doc json);
create table roost_raw.raw_direct_messages (file_id integer, doc json);
create table roost_raw.raw_direct_messages_group (file_id integer, doc json);
create table roost_raw.raw_phone_number (file_id integer, doc json);
create table roost_raw.raw_email_address_change (file_id integer, doc json);
create table roost_raw.raw_verified (file_id integer, doc json);
create table roost_raw.raw_ageinfo (file_id integer, doc json);
create table roost_raw.raw_grailbird_user_details (file_id integer, doc json);
create table roost_raw.raw_grailbird_payload_details (file_id integer, doc json);
create table roost_raw.raw_grailbird_tweet_index (file_id integer, doc json);
-- Data types roost does not know (new files Twitter/X adds), all in one table.
create table roost_raw.raw_other (file_id integer, doc json);
