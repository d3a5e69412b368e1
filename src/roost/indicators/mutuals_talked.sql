-- title: Friends you talked with | Amis avec qui vous avez échangé
-- shape: number
-- unit: accounts
-- section: interaction
-- needs: tweets, follower, following
-- definition: Mutuals (they follow you and you follow them) you replied to or mentioned in at least one own tweet (retweets do not count).
-- definition_fr: Amis (ils vous suivent et vous les suivez) à qui vous avez répondu ou que vous avez mentionnés dans au moins un tweet propre (les RT ne comptent pas).
-- limits: Likes and direct messages name no account here, so they do not count as talking; mutuals are those of the archive's date.
-- limits_fr: Les j'aime et les messages privés ne nomment aucun compte ici : ils ne comptent pas ; les amis sont ceux de la date de l'archive.
select count(*) as value
from mutuals as m
where m.account_id in (select account_id from partners)
