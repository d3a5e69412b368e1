-- stg_account: one row per item of account.js (one in practice): the owner as the account file gives it.
-- Items are wrapped (`{"account": {...}}`) since 2019; `createdAt` is ISO-8601, or epoch milliseconds (2018).
create or replace view stg_account as
with items as (
    select file_id, coalesce(doc -> '$.account', doc) as account
    from raw_account
)
select
    file_id,
    account ->> '$.accountId' as account_id,
    account ->> '$.username' as username,
    account ->> '$.accountDisplayName' as display_name,
    roost_ts(account ->> '$.createdAt') as created_at,
    account ->> '$.createdAt' as created_at_text,
    account ->> '$.email' as email,
    account ->> '$.phoneNumber' as phone_number,
    account ->> '$.timeZone' as time_zone
from items;
