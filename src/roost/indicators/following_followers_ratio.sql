-- title: Following / followers ratio | Ratio abonnements / abonnés
-- shape: number
-- unit: ratio
-- section: network
-- needs: follower, following
-- definition: Following divided by followers; above 1 you follow more accounts than follow you; unknown with no followers.
-- definition_fr: Abonnements divisés par abonnés ; au-dessus de 1 vous suivez plus de comptes qu'il ne vous en suit.
-- limits: Unknown when you have no followers (a ratio over zero).
-- limits_fr: Inconnu sans abonnés (division par zéro).
select
    (select count(distinct account_id) from following)::double
    / nullif((select count(distinct account_id) from followers), 0) as value
