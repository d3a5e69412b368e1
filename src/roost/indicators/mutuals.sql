-- title: Friends (mutual follows) | Amis (abonnements réciproques)
-- shape: number
-- unit: accounts
-- section: network
-- needs: follower, following
-- definition: Accounts that both follow you and are followed by you.
-- definition_fr: Comptes qui vous suivent et que vous suivez.
select count(*) as value
from mutuals
