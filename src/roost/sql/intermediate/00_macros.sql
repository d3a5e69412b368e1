-- Intermediate macros: a time in UTC, what a link points to, names compared as they look, links written out.

-- A tweet's time as a UTC wall-clock timestamp: `ts at time zone 'UTC'` done in arithmetic, without the
-- time-zone library (about 5 times faster per row; indicators take days and months of every tweet). Exact for
-- every finite time, so for every `created_at` of the tables (2006 to 2100, roost_ts).
create or replace macro roost_utc(ts) as make_timestamp(epoch_us(ts));

-- A tweet's time on the wall clock of the report's time zone (`getvariable('roost_tz')`): in UTC, the same
-- arithmetic as roost_utc; elsewhere the time-zone library.
create or replace macro roost_local(ts) as case
    when getvariable('roost_tz') = 'UTC' then roost_utc(ts)
    else ts at time zone getvariable('roost_tz')
end;

-- A tweet's address, as the indicator contract defines a quote: twitter.com or x.com (www. or mobile.),
-- an account's handle, /status/ or /statuses/, the tweet's id; anything may follow (`?s=20`).
create or replace macro roost_is_tweet_address(url) as
    regexp_matches(url, '^https?://(www\.|mobile\.)?(twitter|x)\.com/[A-Za-z0-9_]+/status(es)?/[0-9]+', 'i');

-- A "read more" link: a tweet cut short (a long post) links to its own full text at /i/web/status/<id>.
-- Not a quote (no account's handle in it), yet not a link out of Twitter/X either.
create or replace macro roost_is_read_more_link(url) as
    regexp_matches(url, '^https?://(www\.|mobile\.)?(twitter|x)\.com/i/web/status(es)?/[0-9]+', 'i');

-- A link to a tweet, quoted or "read more": what does not count as a link out (link_share).
create or replace macro roost_links_to_tweet(url) as
    roost_is_tweet_address(url) or roost_is_read_more_link(url);

-- A tweet's text with each t.co link of its `entities.urls` written out as its expanded address; longest
-- links first, so `https://t.co/ab` never eats the start of `https://t.co/abc`.
create or replace macro roost_expand_links(text, entities) as coalesce(
    list_reduce(
        list_sort(list_transform(
            list_filter(entities.urls, lambda u: nullif(u.url, '') is not null),
            lambda u: {'length': -length(u.url), 'url': u.url, 'expanded_url': coalesce(u.expanded_url, u.url)}
        )),
        lambda expanded, link: replace(expanded, link.url, link.expanded_url),
        text
    ),
    text
);

-- Names compared as they look: bidi controls and zero-width characters removed, Greek and Cyrillic letters
-- that look Latin mapped to Latin, accents and case ignored. `roost_skeleton_plain` keeps case.
create or replace macro roost_skeleton_plain(s) as translate(
    regexp_replace(s, '[\x{00AD}\x{034F}\x{061C}\x{115F}\x{1160}\x{180E}\x{200B}-\x{200F}\x{202A}-\x{202E}\x{2060}-\x{206F}\x{FEFF}]', '', 'g'),
    'ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιρνАВЕКМНОРСТХаеорсухіјѕԁӏ',
    'ABEZHIKMNOPTYXoipvABEKMHOPCTXaeopcyxijsdl'
);

create or replace macro roost_skeleton(s) as lower(strip_accents(roost_skeleton_plain(s)));
