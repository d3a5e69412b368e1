-- title: Tweet types per month | Types de tweets par mois
-- shape: table
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: Per UTC month (YYYY-MM), each tweet counted once in the first type that fits: retweet; reply to someone else; thread (reply to yourself); quote (own tweet linking to a tweet); original (every other own tweet). Months without tweets left out.
-- definition_fr: Par mois UTC (AAAA-MM), chaque tweet compté une fois dans le premier type qui lui va : RT ; réponse à quelqu'un d'autre ; fil (réponse à soi-même) ; citation (tweet propre qui lie un tweet) ; original (tout autre tweet propre). Mois sans tweet omis.
-- limits: Unlike original_tweets, quotes are not counted as originals, and a reply that quotes a tweet counts as a reply.
-- limits_fr: Contrairement à original_tweets, les citations ne comptent pas comme originaux, et une réponse qui cite compte comme réponse.
with typed as (
    select
        date_trunc('month', roost_utc(created_at)) as month,
        case
            when is_retweet then 'retweet'
            when is_reply and not is_self_reply then 'reply'
            when is_self_reply then 'thread'
            when is_quote then 'quote'
            else 'original'
        end as tweet_type
    from tweets
    where created_at is not null
),
monthly as (
    select
        month,
        count(*) filter (where tweet_type = 'original') as original,
        count(*) filter (where tweet_type = 'reply') as reply,
        count(*) filter (where tweet_type = 'thread') as thread,
        count(*) filter (where tweet_type = 'retweet') as retweet,
        count(*) filter (where tweet_type = 'quote') as quote
    from typed
    group by month
)
select strftime(month, '%Y-%m') as month, original, reply, thread, retweet, quote
from monthly
order by month
