-- stg_like: one row per item of the like files: a tweet id, and since 2019 its text (unescaped) and link.
-- Likes carry no date and no author.
create or replace view stg_like as
select file_id, "tweetId" as tweet_id, roost_unescape("fullText") as full_text, "expandedUrl" as expanded_url
from raw_like;
