-- title: Accounts you talked with | Comptes avec qui vous avez échangé
-- shape: number
-- unit: accounts
-- section: interaction
-- needs: tweets
-- definition: Accounts you replied to or mentioned in an own tweet (retweets left out), yourself excluded.
-- definition_fr: Comptes à qui vous avez répondu ou que vous avez mentionnés dans un tweet propre (RT exclus), vous exclu.
select count(*) as value
from partners
