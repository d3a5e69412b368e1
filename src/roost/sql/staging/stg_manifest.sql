-- stg_manifest: one row (or none): the owner and the archive as data/manifest.js gives them.
create or replace view stg_manifest as
select
    doc ->> '$.userInfo.accountId' as account_id,
    doc ->> '$.userInfo.userName' as username,
    doc ->> '$.userInfo.displayName' as display_name,
    roost_ts(doc ->> '$.archiveInfo.generationDate') as generated_at,
    doc ->> '$.archiveInfo.generationDate' as generated_at_text,
    try_cast(doc ->> '$.archiveInfo.sizeBytes' as bigint) as size_bytes,
    try_cast(doc ->> '$.archiveInfo.isPartialArchive' as boolean) as is_partial_archive
from raw_manifest;
