-- title: Sites you link to | Sites vers lesquels vous renvoyez
-- shape: table
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: The 10 domains (lowercase, without www.) linked from the most own tweets (retweets left out; links to tweets do not count); tweets = own tweets linking there; ties by domain.
-- definition_fr: Les 10 domaines (en minuscules, sans www.) vers lesquels renvoient le plus de tweets propres (RT exclus ; les liens vers des tweets ne comptent pas) ; tweets = tweets propres qui y renvoient ; égalités par domaine.
-- limits: A shortened link (bit.ly, ...) counts as its shortener's domain: the archive keeps the address as it was tweeted.
-- limits_fr: Un lien raccourci (bit.ly, ...) compte pour le domaine du raccourcisseur : l'archive garde l'adresse telle que tweetée.
-- Own tweets' links: those of every tweet but the retweets and the tweets of unknown kind (a null flag), fewer ids
-- to look up than the own tweets'.
select u.domain, count(distinct u.tweet_id) as tweets
from tweet_urls as u
anti join (select tweet_id from tweets where is_retweet is not false) as r using (tweet_id)
where nullif(u.domain, '') is not null and not u.links_to_tweet
group by u.domain
order by tweets desc, u.domain
limit 10
