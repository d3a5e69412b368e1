-- title: Conversation share | Part de conversation
-- shape: share
-- section: interaction
-- needs: tweets
-- definition: Share of own tweets that reply to someone else or mention an account: interaction against broadcast.
-- definition_fr: Part des tweets propres qui répondent à quelqu'un d'autre ou mentionnent un compte : interaction contre diffusion.
-- limits: Unknown when you have no own tweet (only retweets, or none).
-- limits_fr: Inconnu sans tweet propre (seulement des RT, ou aucun).
-- A mention that talks to someone is in talked_with (kind 'mention': not yourself, not `-1`, not in a retweet).
select
    (count(*) filter (
        where (o.is_reply and not o.is_self_reply)
            or o.tweet_id in (select tweet_id from talked_with where kind = 'mention')
    ))::double / nullif(count(*), 0) as value
from own_tweets as o
