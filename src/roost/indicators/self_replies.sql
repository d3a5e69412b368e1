-- title: Self-replies (threads) | Réponses à soi-même (fils)
-- shape: number
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: Replies to your own account, usually the tweets of a thread.
-- definition_fr: Réponses à votre propre compte, le plus souvent les tweets d'un fil.
select count(*) as value
from tweets
where is_self_reply
