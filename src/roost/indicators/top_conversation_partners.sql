-- title: Top conversation partners | Principaux interlocuteurs
-- shape: table
-- unit: tweets
-- section: interaction
-- needs: tweets
-- definition: The 20 accounts you addressed in the most own tweets (retweets left out): replies = your replies to them (not to yourself), mentions = your tweets mentioning them, total = distinct tweets doing either (a reply that also mentions counts once); is_follower = they follow you, you_follow = you follow them (null without the follower or following file); ties by account id.
-- definition_fr: Les 20 comptes interpellés dans le plus de tweets propres (RT exclus) : Réponses = vos réponses (hors à vous-même), Mentions = vos tweets qui les mentionnent, Total = tweets distincts faisant l'un ou l'autre (une réponse qui mentionne compte une fois) ; Vous suit = ils vous suivent, Vous suivez = vous les suivez (inconnu sans fichier des abonnés ou des abonnements) ; égalités par id.
-- limits: The screen name is the latest one the archive shows for the id and may be missing; follower and following files are snapshots of the archive's date.
-- limits_fr: Le nom affiché est le dernier que l'archive montre pour l'id et peut manquer ; abonnés et abonnements sont ceux de la date de l'archive.
with top_accounts as (
    select account_id, replies, mentions, tweets as total
    from partners
    order by total desc, account_id
    limit 20
)
select
    p.account_id,
    h.screen_name,
    p.replies,
    p.mentions,
    p.total,
    case when k.has_followers then p.account_id in (select account_id from followers) end as is_follower,
    case when k.has_following then p.account_id in (select account_id from following) end as you_follow
from top_accounts as p
cross join network_files as k
left join handles as h using (account_id)
order by p.total desc, p.account_id
