-- title: Accounts only retweeted | Comptes seulement retweetés
-- shape: number
-- unit: accounts
-- section: interaction
-- needs: tweets
-- definition: Accounts your retweets name (as author or mention) that you never replied to nor mentioned in an own tweet: relayed, never talked with.
-- definition_fr: Comptes nommés par vos RT (auteur ou mention) à qui vous n'avez jamais répondu et que vous n'avez jamais mentionnés dans un tweet propre : relayés, jamais interpellés.
select count(distinct account_id) as value
from interactions
where is_retweet
    and account_id not in (select account_id from partners)
