-- title: Mutuals never addressed | Amis jamais interpellés
-- shape: number
-- unit: accounts
-- section: interaction
-- needs: tweets, follower, following
-- definition: Mutuals (they follow you and you follow them) you never mentioned nor replied to in any tweet of the archive.
-- definition_fr: Amis (ils vous suivent et vous les suivez) que vous n'avez jamais mentionnés ni à qui vous n'avez jamais répondu dans un tweet de l'archive.
-- limits: Likes and direct messages carry no account id here, so they do not count as interaction.
-- limits_fr: Les j'aime et les messages privés ne portent pas d'identifiant de compte ici : ils ne comptent pas comme interaction.
select count(*) as value
from mutuals as m
where not exists (select 1 from interacted as i where i.account_id = m.account_id)
