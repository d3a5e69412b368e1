-- Direct messages, one-to-one and group. Their text stays in this local database.

-- dm_messages: one row per message, oldest first.
create table dm_messages as select * from stg_dm_messages order by created_at;

-- dm_conversations: one row per conversation with at least one message: its size, its dates and the
-- accounts other than you taking part (from a one-to-one conversation's id, senders and recipients).
create or replace view int_dm_conversations as
with one_to_one as (
    select conversation_id, unnest(string_split(conversation_id, '-')) as account_id
    from dm_messages
    where not is_group
),
participants as (
    select conversation_id, account_id from one_to_one
    union
    select conversation_id, sender_id from dm_messages
    union
    select conversation_id, recipient_id from dm_messages where recipient_id is not null
)
select
    m.conversation_id,
    any_value(m.is_group) as is_group,
    count(*) as message_count,
    min(m.created_at) as first_message_at,
    max(m.created_at) as last_message_at,
    (
        select list(distinct p.account_id order by p.account_id)
        from participants as p
        where p.conversation_id = m.conversation_id and p.account_id <> (select owner_id from archive)
            and p.account_id <> ''
    ) as partner_ids
from dm_messages as m
group by m.conversation_id;

create table dm_conversations as select * from int_dm_conversations order by conversation_id;
