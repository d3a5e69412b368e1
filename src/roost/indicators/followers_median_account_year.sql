-- title: Median account year of followers | Année médiane des comptes abonnés
-- shape: number
-- unit: year
-- section: quality
-- needs: follower
-- definition: UTC year of the median estimated creation date of dated followers' accounts (the lower middle one when even), estimated from the id (Snowflake ids, from 10^15 up, carry their creation time; older sequential ids are placed by linear interpolation between known (id, creation date) anchors of real accounts; ids past the last anchor (2016-02) and below 10^15 stay undated).
-- definition_fr: Année UTC de la date de création médiane estimée des comptes des abonnés datés (celle du bas quand leur nombre est pair), estimée à partir de l'id (les ids Snowflake, dès 10^15, portent leur date de création ; les ids séquentiels plus anciens sont placés par interpolation linéaire entre des repères (id, date de création) de comptes réels ; les ids au-delà du dernier repère (2016-02) et sous 10^15 restent sans date).
-- limits: An estimate; unknown when no follower can be dated.
-- limits_fr: Une estimation ; inconnu si aucun abonné ne peut être daté.
select year(quantile_disc(created_at_estimate, 0.5) at time zone 'UTC') as value
from follower_ages
where created_at_estimate is not null
