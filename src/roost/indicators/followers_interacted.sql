-- title: Followers you interacted with | Abonnés avec qui vous avez interagi
-- shape: number
-- unit: accounts
-- section: interaction
-- needs: tweets, follower
-- definition: Followers among the accounts you mentioned or replied to.
-- definition_fr: Abonnés parmi les comptes mentionnés ou à qui vous avez répondu.
select count(*) as value
from interacted_followers
