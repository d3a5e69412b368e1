-- title: Friends you never addressed | Amis jamais interpellés
-- shape: table
-- section: interaction
-- needs: tweets, follower, following
-- definition: Mutuals you never replied to nor mentioned in an own tweet (retweets do not count): those whose screen name the archive shows first, by screen name, then the others by id; at most 200.
-- definition_fr: Amis à qui vous n'avez jamais répondu et que vous n'avez jamais mentionnés dans un tweet propre (les RT ne comptent pas) : ceux dont l'archive montre le nom d'abord, par nom, puis les autres par id ; 200 au plus.
-- limits: The archive names an account only where one of your tweets did (a mention, a reply, a retweet); the others show as ids.
-- limits_fr: L'archive ne nomme un compte que là où l'un de vos tweets l'a fait (mention, réponse, RT) ; les autres apparaissent par leur id.
select m.account_id, h.screen_name
from mutuals as m
left join handles as h using (account_id)
where m.account_id not in (select account_id from partners)
order by h.screen_name is null, lower(h.screen_name), try_cast(m.account_id as hugeint), m.account_id
limit 200
