-- stg_lists: one row per list you created, are a member of, or subscribe to (`relation`), by its address.
-- 2023+: one `{"userListInfo": {"url"}}` per list; 2018: one object with a `urls` array.
create or replace view stg_lists as
with info as (
    select 'created' as relation, coalesce(doc -> '$.userListInfo', doc) as u from raw_lists_created
    union all
    select 'member', coalesce(doc -> '$.userListInfo', doc) from raw_lists_member
    union all
    select 'subscribed', coalesce(doc -> '$.userListInfo', doc) from raw_lists_subscribed
),
urls as (
    select relation, unnest(
        case when json_type(u, '$.urls') = 'ARRAY' then json_extract_string(u, '$.urls[*]')
        else [u ->> '$.url'] end
    ) as url
    from info
)
select relation, url, regexp_extract(url, '/lists/([^/?#]+)', 1) as list_name
from urls
where url is not null;
