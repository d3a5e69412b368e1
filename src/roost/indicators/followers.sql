-- title: Followers | Abonnés
-- shape: number
-- unit: accounts
-- section: network
-- needs: follower
-- definition: Distinct accounts in the follower files: who followed you when the archive was made.
-- definition_fr: Comptes distincts des fichiers follower : qui vous suivait à la date de l'archive.
select count(distinct account_id) as value
from followers
