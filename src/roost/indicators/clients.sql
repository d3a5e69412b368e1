-- title: Clients used | Applications utilisées
-- shape: table
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: The 10 apps most used to tweet (retweets included), with their tweets and their share of the tweets whose app is known; ties by name.
-- definition_fr: Les 10 applications les plus utilisées pour tweeter (RT compris), avec leurs tweets et leur part des tweets dont l'application est connue ; égalités par nom.
with known as (
    select source_name as client
    from tweets
    where source_name is not null and source_name <> ''
),
per_client as (
    select client, count(*) as tweets
    from known
    group by client
)
select client, tweets, tweets::double / (select count(*) from known) as share
from per_client
order by tweets desc, client
limit 10
