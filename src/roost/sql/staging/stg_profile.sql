-- stg_profile: one row per item of profile.js: bio, website, location and pictures.
create or replace view stg_profile as
with items as (
    select coalesce(doc -> '$.profile', doc) as p
    from raw_profile
)
select
    p ->> '$.description.bio' as bio,
    p ->> '$.description.website' as website,
    p ->> '$.description.location' as location,
    p ->> '$.avatarMediaUrl' as avatar_url,
    p ->> '$.headerMediaUrl' as header_url
from items;
