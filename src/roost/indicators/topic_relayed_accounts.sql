-- title: Accounts you relay on your topic | Comptes que vous relayez sur votre sujet
-- shape: table
-- unit: retweets
-- section: fit
-- needs: tweets
-- params: topic
-- definition: The 10 accounts whose tweets on your --topic (text containing a keyword, or a hashtag equal to one) you retweeted most, by author id, with their latest known screen name and whether they follow you (null without the follower file); ties by screen name then id.
-- definition_fr: Les 10 comptes dont vous avez le plus retweeté les tweets sur votre --topic (texte contenant un mot-clé ou hashtag égal à l'un d'eux), par id d'auteur, avec leur dernier nom connu et s'ils vous suivent (inconnu sans fichier des abonnés) ; égalités par nom puis id.
with on_topic as (
    select t.tweet_id, t.retweeted_user_id as account_id
    from tweets as t
    join tweets_on_topic using (tweet_id)
    where t.is_retweet and t.retweeted_user_id not in ('', '-1')
)
select
    o.account_id,
    h.screen_name,
    count(distinct o.tweet_id) as retweets,
    case when k.has_followers then o.account_id in (select account_id from followers) end as is_follower
from on_topic as o
cross join network_files as k
left join handles as h using (account_id)
group by o.account_id, h.screen_name, k.has_followers
order by retweets desc, lower(h.screen_name) nulls last, o.account_id
limit 10
