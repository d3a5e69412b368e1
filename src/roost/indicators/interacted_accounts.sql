-- title: Accounts you interacted with | Comptes avec qui vous avez interagi
-- shape: number
-- unit: accounts
-- section: interaction
-- needs: tweets
-- definition: Accounts you mentioned (retweets included) or replied to, yourself excluded.
-- definition_fr: Comptes mentionnés (retweets compris) ou à qui vous avez répondu, vous exclu.
select count(*) as value
from interacted
