-- stg_dm_messages: one row per direct message, one-to-one or group. Each item of the DM files is a
-- conversation with its events, newest first; only `messageCreate` events are messages. Their text stays
-- in the local database.
create or replace view stg_dm_messages as
with conversations as (
    select false as is_group, coalesce(doc -> '$.dmConversation', doc) as c from raw_direct_messages
    union all
    select true, coalesce(doc -> '$.dmConversation', doc) from raw_direct_messages_group
),
events as (
    select is_group, c ->> '$.conversationId' as conversation_id, unnest(json_extract(c, '$.messages[*]')) as e
    from conversations
),
messages as (
    select is_group, conversation_id, e -> '$.messageCreate' as m
    from events
    where json_type(e, '$.messageCreate') = 'OBJECT'
)
select
    conversation_id,
    is_group,
    m ->> '$.id' as message_id,
    m ->> '$.senderId' as sender_id,
    m ->> '$.recipientId' as recipient_id,
    roost_ts(m ->> '$.createdAt') as created_at,
    m ->> '$.text' as text
from messages;
