-- title: Following | Abonnements
-- shape: number
-- unit: accounts
-- section: network
-- needs: following
-- definition: Distinct accounts in the following files: whom you followed when the archive was made.
-- definition_fr: Comptes distincts des fichiers following : ceux que vous suiviez à la date de l'archive.
select count(distinct account_id) as value
from following
