-- title: Followers of unknown account age | Abonnés d'ancienneté inconnue
-- shape: number
-- unit: accounts
-- section: quality
-- needs: follower
-- definition: Followers whose account creation date cannot be estimated from the id (Snowflake ids, from 10^15 up, carry their creation time; older sequential ids are placed by linear interpolation between known (id, creation date) anchors of real accounts; ids past the last anchor (2016-02) and below 10^15 stay undated).
-- definition_fr: Abonnés dont la date de création du compte ne peut être estimée à partir de l'id (les ids Snowflake, dès 10^15, portent leur date de création ; les ids séquentiels plus anciens sont placés par interpolation linéaire entre des repères (id, date de création) de comptes réels ; les ids au-delà du dernier repère (2016-02) et sous 10^15 restent sans date).
select count(*) as value
from follower_ages
where created_at_estimate is null
