-- title: Followers reached by direct message | Abonnés joints en message privé
-- shape: number
-- unit: accounts
-- section: interaction
-- needs: direct_messages, follower
-- definition: Followers who take part in at least one of your direct message conversations, one-to-one or group.
-- definition_fr: Abonnés qui participent à au moins une de vos conversations privées, à deux ou de groupe.
-- limits: Archives shared publicly usually leave out direct messages; then this is unknown.
-- limits_fr: Les archives partagées publiquement omettent souvent les messages privés ; c'est alors inconnu.
with partners as (
    select distinct unnest(partner_ids) as account_id
    from dm_conversations
)
select count(*) as value
from partners
where account_id in (select account_id from followers)
