-- Staging macros: how the archive writes dates, counts, escaped text and account links, read once.

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

-- Tweet text is HTML-escaped in every generation (`&amp;`, `&lt;`, `&gt;`); most texts hold no `&` at all.
create or replace macro roost_unescape(s) as case when contains(s, '&') then
    replace(replace(replace(replace(replace(s, '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&')
    else s end;

-- Like and retweet counts: absurd values (negative, or beyond 10^15) are treated as missing, so sums never overflow.
create or replace macro roost_count(s) as
    case when try_cast(s as bigint) between 0 and 1000000000000000 then try_cast(s as bigint) end;

-- An account id from an item of the follower, following, block or mute files: `accountId`, else the
-- `user_id=` of its `userLink` (2018 files have `accountId` alone).
create or replace macro roost_link_id(account_id, user_link) as coalesce(
    nullif(account_id, ''), nullif(regexp_extract(user_link, 'user_id=([0-9]+)', 1), '')
);

-- The same from a JSON item, wrapped (`{"blocking": {...}}`) or not.
create or replace macro roost_account_id(item, wrapper) as roost_link_id(
    coalesce(item -> ('$.' || wrapper), item) ->> '$.accountId',
    coalesce(item -> ('$.' || wrapper), item) ->> '$.userLink'
);
