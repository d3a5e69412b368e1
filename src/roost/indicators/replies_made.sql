-- title: Replies made | Réponses
-- shape: number
-- unit: tweets
-- section: interaction
-- needs: tweets
-- definition: Own tweets that reply to a tweet or an account, replies to yourself (threads) included.
-- definition_fr: Tweets qui répondent à un tweet ou à un compte, réponses à soi-même (fils) comprises.
select count(*) as value
from tweets
where is_reply
