-- title: Direct message conversations | Conversations en message privé
-- shape: number
-- unit: conversations
-- section: interaction
-- needs: direct_messages
-- definition: Direct message conversations (one-to-one and group) with at least one message in the archive.
-- definition_fr: Conversations en message privé (à deux et de groupe) avec au moins un message dans l'archive.
-- limits: Archives shared publicly usually leave out direct messages; then this is unknown.
-- limits_fr: Les archives partagées publiquement omettent souvent les messages privés ; c'est alors inconnu.
select count(distinct conversation_id) as value
from dm_conversations
