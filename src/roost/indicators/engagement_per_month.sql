-- title: Engagement per month | Engagement par mois
-- shape: table
-- section: buzz
-- needs: tweets, engagement
-- definition: Per UTC month (YYYY-MM) of posting: own tweets (not retweets), the likes and retweets they had at the archive's date, and (likes + retweets) per own tweet; months without own tweets left out.
-- definition_fr: Par mois UTC (AAAA-MM) de publication : tweets propres (hors RT), les j'aime et RT qu'ils avaient à la date de l'archive, et (j'aime + RT) par tweet propre ; mois sans tweet propre omis.
-- limits: Counts are totals at the archive's date, credited to the month of posting.
-- limits_fr: Les compteurs sont ceux de la date de l'archive, attribués au mois de publication.
with own as (
    select date_trunc('month', roost_utc(created_at)) as month, favorite_count, retweet_count
    from own_tweets
    where created_at is not null
),
monthly as (
    select
        month,
        count(*) as own_tweets,
        case when count(favorite_count) = count(*) then sum(favorite_count) end as likes,
        case when count(retweet_count) = count(*) then sum(retweet_count) end as retweets
    from own
    group by month
)
select
    strftime(month, '%Y-%m') as month, own_tweets, likes, retweets,
    (likes + retweets)::double / own_tweets as engagement_per_tweet
from monthly
order by month
