-- title: Accounts you retweet most | Comptes que vous retweetez le plus
-- shape: table
-- unit: retweets
-- section: relaying
-- needs: tweets
-- definition: The 10 accounts whose tweets you retweeted most (by author id, else by screen name when the archive lacks the id), with their latest known screen name; ties by screen name then id.
-- definition_fr: Les 10 comptes dont vous avez le plus retweeté les tweets (par id d'auteur, sinon par nom d'utilisateur quand l'archive n'a pas l'id), avec leur dernier nom connu ; égalités par nom puis id.
with retweets as (
    select
        nullif(nullif(retweeted_user_id, ''), '-1') as account_id,
        retweeted_screen_name as screen_name,
        created_at
    from tweets
    where is_retweet and (nullif(nullif(retweeted_user_id, ''), '-1') is not null or nullif(retweeted_screen_name, '') is not null)
),
per_author as (
    select
        account_id,
        arg_max(screen_name, (coalesce(created_at, '1970-01-01'::timestamptz), screen_name)) as seen_name,
        count(*) as retweets
    from retweets
    group by account_id, case when account_id is null then lower(screen_name) end
),
named as (
    select p.account_id, coalesce(h.screen_name, p.seen_name) as screen_name, p.retweets
    from per_author as p
    left join handles as h using (account_id)
)
select account_id, screen_name, retweets
from named
order by retweets desc, lower(screen_name), account_id
limit 10
