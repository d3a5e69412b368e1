-- title: Tweets in the last 12 months | Tweets des 12 derniers mois
-- shape: number
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: Tweets (retweets included) dated in the 12 months before the archive's date (else its last tweet): the pace of now, where tweets per day is a lifetime average.
-- definition_fr: Tweets (RT compris) datés des 12 mois avant la date de l'archive (sinon son dernier tweet) : le rythme d'aujourd'hui, quand les tweets par jour sont une moyenne de toute la vie du compte.
-- limits: Unknown when no date is known (neither the archive's nor any tweet's).
-- limits_fr: Inconnu quand aucune date n'est connue (ni celle de l'archive ni celle d'un tweet).
select
    case when a.archive_at is not null then (
        select count(*)
        from tweets as t
        where t.created_at > a.archive_at - interval 12 month and t.created_at <= a.archive_at
    ) end as value
from archive_time as a
