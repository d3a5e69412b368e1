-- title: Followers who are friends | Abonnés devenus amis
-- shape: share
-- section: network
-- needs: follower, following
-- definition: Mutuals divided by followers: the followers you converted into friends (you follow them back).
-- definition_fr: Amis divisés par abonnés : les abonnés convertis en amis (vous les suivez aussi).
-- limits: Unknown when you have no followers (a share of zero).
-- limits_fr: Inconnu sans abonnés (part de zéro).
select (select count(*) from mutuals)::double / nullif((select count(distinct account_id) from followers), 0) as value
