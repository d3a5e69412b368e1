-- Views that follow the options (`--topic`, `--site`), read when a query runs: getvariable('roost_topic')
-- is the list of keywords, getvariable('roost_site') the site's domain ('' without the option).

-- topic_keywords: one row per --topic keyword, lowercase, without #.
create or replace view topic_keywords as
select distinct ltrim(trim(lower(keyword)), '#') as keyword
from (select unnest(getvariable('roost_topic')) as keyword) as given
where ltrim(trim(keyword), '#') <> '';

-- tweets_on_topic: one row per tweet (own or retweet) on your topic: its lowercased text contains a keyword,
-- as a substring, or it carries a hashtag equal to one, case-insensitive; a long post's whole text is read.
create or replace view tweets_on_topic as
with texts as (
    select tweet_id, lower(coalesce(text_full, '')) as text
    from own_tweets
    union all
    select tweet_id, lower(coalesce(full_text, ''))
    from tweets
    where is_retweet
)
select t.tweet_id
from texts as t
join topic_keywords as k on contains(t.text, k.keyword)
union
select h.tweet_id
from tweet_hashtags as h
join topic_keywords as k on lower(h.hashtag) = k.keyword;

-- own_tweets_by_topic: one row per own tweet: whether it is on your topic, and its engagement.
create or replace view own_tweets_by_topic as
select o.tweet_id, o.engagement, t.tweet_id is not null as is_on_topic
from own_tweets as o
left join tweets_on_topic as t using (tweet_id);

-- followers_talked_on_topic: one row per follower you replied to or mentioned in a tweet on your topic.
create or replace view followers_talked_on_topic as
select distinct w.account_id
from talked_with as w
join tweets_on_topic as t using (tweet_id)
join followers as f on f.account_id = w.account_id;

-- site_domain: one row: the --site domain, lowercase, without scheme, www. or path.
create or replace view site_domain as
select split_part(
    regexp_replace(regexp_replace(lower(trim(getvariable('roost_site'))), '^[a-z][a-z0-9+.-]*://', ''), '^www\.', ''),
    '/', 1
) as domain;

-- own_tweets_by_site: one row per own tweet: whether it links to your site or one of its subdomains, and
-- its engagement.
create or replace view own_tweets_by_site as
with linking as (
    select distinct u.tweet_id
    from tweet_urls as u
    cross join site_domain as s
    where s.domain <> '' and (u.domain = s.domain or ends_with(u.domain, '.' || s.domain))
)
select t.tweet_id, t.engagement, l.tweet_id is not null as links_site
from own_tweets as t
left join linking as l using (tweet_id);
