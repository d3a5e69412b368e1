-- title: Followers with a new account | Abonnés aux comptes récents
-- shape: share
-- section: quality
-- needs: follower
-- definition: Share of dated followers whose account was created less than 365 days before the archive's date (else the last tweet's time), creation estimated from the id (Snowflake ids, from 10^15 up, carry their creation time; older sequential ids are placed by linear interpolation between known (id, creation date) anchors of real accounts; ids past the last anchor (2016-02) and below 10^15 stay undated): many new accounts may hint at bought or fake followers.
-- definition_fr: Part des abonnés datés dont le compte a été créé moins de 365 jours avant la date de l'archive (sinon l'heure du dernier tweet), création estimée à partir de l'id (les ids Snowflake, dès 10^15, portent leur date de création ; les ids séquentiels plus anciens sont placés par interpolation linéaire entre des repères (id, date de création) de comptes réels ; les ids au-delà du dernier repère (2016-02) et sous 10^15 restent sans date) : beaucoup de comptes récents peut signaler des abonnés achetés ou factices.
-- limits: An estimate; unknown when no follower can be dated or the archive has no date and no tweet.
-- limits_fr: Une estimation ; inconnu si aucun abonné n'est datable ou si l'archive n'a ni date ni tweet.
select (count(*) filter (where f.created_at_estimate > t.archive_at - interval 365 day))::double
    / nullif(count(*), 0) as value
from follower_ages as f
cross join archive_time as t
where f.created_at_estimate is not null and t.archive_at is not null
