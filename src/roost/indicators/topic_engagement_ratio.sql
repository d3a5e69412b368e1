-- title: Engagement on your topic | Engagement sur votre sujet
-- shape: number
-- unit: ratio
-- section: fit
-- needs: tweets, engagement
-- params: topic
-- definition: Mean likes + retweets of own on-topic tweets (as in topic_tweets_share) over that of own off-topic tweets: above 1, your audience rewards your topic; null when either side has no tweet, the off-topic mean is 0 or counts are missing.
-- definition_fr: Moyenne des j'aime + RT des tweets propres sur le sujet (comme topic_tweets_share) sur celle des tweets propres hors sujet : au-dessus de 1, votre audience récompense votre sujet ; inconnu si un des côtés n'a aucun tweet, si la moyenne hors sujet est 0 ou si les compteurs manquent.
-- limits: Unknown when no own tweet is on topic, when every one is, or when the others got no engagement.
-- limits_fr: Inconnu si aucun tweet n'est dans le sujet, si tous le sont, ou si les autres n'ont aucun engagement.
with sides as (
    select
        count(*) filter (where engagement is null) as missing,
        count(*) filter (where is_on_topic) as on_topic_tweets,
        count(*) filter (where not is_on_topic) as off_topic_tweets,
        avg(engagement) filter (where is_on_topic) as on_topic_mean,
        avg(engagement) filter (where not is_on_topic) as off_topic_mean
    from own_tweets_by_topic
)
select
    case when missing = 0 and on_topic_tweets > 0 and off_topic_tweets > 0 and off_topic_mean > 0
        then on_topic_mean / off_topic_mean end as value
from sides
