-- title: Your hashtags | Vos hashtags
-- shape: table
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: The 10 hashtags in the most own tweets (retweets left out), compared without case (shown as most often written, ties by the first in sort order); tweets = own tweets carrying it; ties by hashtag.
-- definition_fr: Les 10 hashtags présents dans le plus de tweets propres (RT exclus), comparés sans la casse (affichés comme le plus souvent écrits, égalités par le premier dans l'ordre de tri) ; tweets = tweets propres qui le portent ; égalités par hashtag.
-- Own tweets' hashtags: those of every tweet but the retweets and the tweets of unknown kind (a null flag), fewer
-- ids to look up than the own tweets'.
with own as (
    select h.tweet_id, h.hashtag
    from tweet_hashtags as h
    anti join (select tweet_id from tweets where is_retweet is not false) as r using (tweet_id)
    where trim(h.hashtag) <> ''
),
spellings as (
    select lower(hashtag) as tag, hashtag, count(*) as uses
    from own
    group by all
),
shown as (
    select tag, first(hashtag order by uses desc, hashtag) as hashtag
    from spellings
    group by tag
)
select '#' || s.hashtag as hashtag, count(distinct o.tweet_id) as tweets
from own as o
join shown as s on s.tag = lower(o.hashtag)
group by s.tag, s.hashtag
order by tweets desc, s.tag
limit 10
