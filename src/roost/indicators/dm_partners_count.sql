-- title: Direct message partners | Correspondants en message privé
-- shape: number
-- unit: accounts
-- section: interaction
-- needs: direct_messages
-- definition: Distinct accounts other than you taking part in your direct message conversations, one-to-one or group.
-- definition_fr: Comptes distincts autres que vous participant à vos conversations privées, à deux ou de groupe.
-- limits: Archives shared publicly usually leave out direct messages; then this is unknown. Group members who never wrote are not in the archive.
-- limits_fr: Les archives partagées omettent souvent les messages privés ; c'est alors inconnu. Les membres de groupe qui n'ont jamais écrit n'y figurent pas.
with partners as (
    select distinct unnest(partner_ids) as account_id
    from dm_conversations
)
select count(*) as value
from partners
where account_id is not null and account_id <> ''
