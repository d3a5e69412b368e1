-- title: Followers by account creation year | Abonnés par année de création du compte
-- shape: table
-- unit: accounts
-- section: quality
-- needs: follower
-- definition: Followers per estimated UTC creation year of their account (an estimate from the id alone: Snowflake ids, from 10^15 up, carry their creation time; older sequential ids are placed by linear interpolation between known (id, creation date) anchors of real accounts; ids past the last anchor (2016-02) and below 10^15 stay undated); a row with year null counts the undated.
-- definition_fr: Abonnés par année UTC estimée de création de leur compte (une estimation à partir du seul id : les ids Snowflake, dès 10^15, portent leur date de création ; les ids séquentiels plus anciens sont placés par interpolation linéaire entre des repères (id, date de création) de comptes réels ; les ids au-delà du dernier repère (2016-02) et sous 10^15 restent sans date) ; une ligne à année inconnu compte les non datés.
-- limits: An estimate: sequential ids were not handed out in perfect date order, so a date may be off by weeks near a year's edge.
-- limits_fr: Une estimation : les anciens identifiants n'ont pas été attribués dans un ordre parfait, une date peut être décalée de quelques semaines.
with per_year as (
    select year(created_at_estimate at time zone 'UTC') as year, count(*) as followers
    from follower_ages
    group by year
)
select year, followers
from per_year
order by year nulls last
