-- title: Conversation share | Part de conversation
-- shape: share
-- section: interaction
-- needs: tweets
-- definition: Share of own tweets that reply to someone else or mention an account: interaction against broadcast.
-- definition_fr: Part des tweets propres qui répondent à quelqu'un d'autre ou mentionnent un compte : interaction contre diffusion.
-- limits: Unknown when you have no own tweet (only retweets, or none).
-- limits_fr: Inconnu sans tweet propre (seulement des RT, ou aucun).
with mentioning as (
    select distinct m.tweet_id
    from tweet_mentions as m
    cross join archive as a
    where m.user_id is not null and m.user_id <> '-1' and m.user_id is distinct from a.owner_id
)
select
    (count(*) filter (where (o.is_reply and not o.is_self_reply) or m.tweet_id is not null))::double
    / nullif(count(*), 0) as value
from own_tweets as o
left join mentioning as m using (tweet_id)
