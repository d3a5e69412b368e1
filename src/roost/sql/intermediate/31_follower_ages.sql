-- follower_ages: one row per follower: the estimated creation time of its account, from its id alone.
-- Snowflake ids (from 10^15 up) carry their creation time; older sequential ids are placed by linear
-- interpolation between known (id, creation date) anchors of real accounts; ids past the last anchor
-- (2016-02) and below 10^15 stay null.
create or replace view int_follower_ages as
with anchors (anchor_id, created_on) as (
    -- (account id, creation date) of real accounts, read from their public profiles.
    values
        (12, date '2006-03-21'),
        (56873, date '2006-12-11'),
        (783214, date '2007-02-20'),
        (793754, date '2007-02-25'),
        (813286, date '2007-03-05'),
        (15435394, date '2008-07-15'),
        (17461068, date '2008-11-18'),
        (18133725, date '2008-12-15'),
        (18965916, date '2009-01-14'),
        (22353877, date '2009-03-01'),
        (29098296, date '2009-04-05'),
        (34713362, date '2009-04-23'),
        (40173650, date '2009-05-15'),
        (44144749, date '2009-06-02'),
        (51002583, date '2009-06-26'),
        (58164856, date '2009-07-19'),
        (65109514, date '2009-08-12'),
        (86030794, date '2009-10-29'),
        (100185915, date '2009-12-29'),
        (107145172, date '2010-01-21'),
        (118099082, date '2010-02-27'),
        (133378751, date '2010-04-15'),
        (159002601, date '2010-06-24'),
        (177458594, date '2010-08-12'),
        (228310395, date '2010-12-19'),
        (243821406, date '2011-01-27'),
        (267570919, date '2011-03-17'),
        (290502791, date '2011-04-30'),
        (322291006, date '2011-06-22'),
        (356017534, date '2011-08-16'),
        (378420614, date '2011-09-23'),
        (423661014, date '2011-11-28'),
        (486172437, date '2012-02-08'),
        (588261604, date '2012-05-23'),
        (624496137, date '2012-07-02'),
        (756796452, date '2012-08-14'),
        (803214192, date '2012-09-04'),
        (889926294, date '2012-10-18'),
        (958842956, date '2012-11-19'),
        (1036115508, date '2012-12-26'),
        (1147386834, date '2013-02-04'),
        (1284923442, date '2013-03-21'),
        (1426865454, date '2013-05-14'),
        (1612535575, date '2013-07-22'),
        (1740060962, date '2013-09-07'),
        (2165329988, date '2013-10-30'),
        (2256275845, date '2013-12-21'),
        (2323102484, date '2014-02-02'),
        (2426661938, date '2014-04-04'),
        (2941134302, date '2014-12-23'),
        (3045738188, date '2015-02-27'),
        (3238757417, date '2015-05-06'),
        (3305348538, date '2015-08-03'),
        (4756700294, date '2016-01-14'),
        (4924072528, date '2016-02-17')
),
segments as (
    select
        anchor_id as low_id,
        created_on as low_day,
        lead(anchor_id) over (order by anchor_id) as high_id,
        lead(created_on) over (order by anchor_id) as high_day
    from anchors
),
follower_ids as (
    select distinct account_id, try_cast(account_id as hugeint) as numeric_id
    from followers
),
estimated as (
    select
        f.account_id,
        case
            when f.numeric_id >= 1000000000000000 and f.numeric_id <= 9223372036854775807 then
                to_timestamp(((f.numeric_id::bigint >> 22) + 1288834974657) / 1000.0)
            when f.numeric_id >= 1 and f.numeric_id <= (select min(anchor_id) from anchors) then
                (select min(created_on) from anchors)::timestamp at time zone 'UTC'
            when s.low_id is not null then
                to_timestamp(
                    epoch(s.low_day::timestamp)
                    + (f.numeric_id - s.low_id)::double / (s.high_id - s.low_id)
                    * (epoch(s.high_day::timestamp) - epoch(s.low_day::timestamp))
                )
        end as created_at
    from follower_ids as f
    left join segments as s
        on f.numeric_id > s.low_id and f.numeric_id <= s.high_id and f.numeric_id < 1000000000000000
)
select account_id, created_at as created_at_estimate
from estimated;

create table follower_ages as select * from int_follower_ages;
