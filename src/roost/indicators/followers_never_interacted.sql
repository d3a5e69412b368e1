-- title: Followers never addressed | Abonnés jamais interpellés
-- shape: number
-- unit: accounts
-- section: interaction
-- needs: tweets, follower
-- definition: Followers you never mentioned nor replied to in any tweet of the archive: the silent part of your audience.
-- definition_fr: Abonnés que vous n'avez jamais mentionnés ni à qui vous n'avez jamais répondu dans un tweet de l'archive : la part silencieuse de votre audience.
-- limits: Likes and direct messages carry no account id here, so they do not count as interaction.
-- limits_fr: Les j'aime et les messages privés ne portent pas d'identifiant de compte ici : ils ne comptent pas comme interaction.
with follower_ids as (
    select distinct account_id
    from followers
)
select count(*) as value
from follower_ids as f
where not exists (select 1 from interacted as i where i.account_id = f.account_id)
