-- title: Followers turned into conversation | Abonnés convertis en conversation
-- shape: share
-- section: interaction
-- needs: tweets, follower
-- definition: Followers you interacted with divided by followers.
-- definition_fr: Abonnés avec qui vous avez interagi divisés par le nombre d'abonnés.
-- limits: Unknown when you have no followers (a share of zero).
-- limits_fr: Inconnu sans abonnés (part de zéro).
select (select count(*) from interacted_followers)::double
    / nullif((select count(distinct account_id) from followers), 0) as value
