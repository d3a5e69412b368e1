-- title: Tweets linking to your site | Tweets avec un lien vers votre site
-- shape: number
-- unit: tweets
-- section: fit
-- needs: tweets
-- params: site
-- definition: Own tweets (not retweets) with a link to the --site domain or one of its subdomains (www. ignored).
-- definition_fr: Tweets propres (hors RT) avec un lien vers le domaine --site ou l'un de ses sous-domaines (www. ignoré).
-- limits: Links hidden behind another shortener than t.co are not followed.
-- limits_fr: Les liens cachés derrière un autre raccourcisseur que t.co ne sont pas suivis.
with site as (
    select split_part(
        regexp_replace(regexp_replace(lower(trim(getvariable('roost_site'))), '^[a-z][a-z0-9+.-]*://', ''), '^www\.', ''),
        '/', 1
    ) as domain
),
linking as (
    select distinct u.tweet_id
    from tweet_urls as u
    cross join site as s
    where s.domain <> '' and (u.domain = s.domain or ends_with(u.domain, '.' || s.domain))
),
flagged as (
    select t.tweet_id, t.favorite_count + t.retweet_count as engagement, l.tweet_id is not null as links_site
    from tweets as t
    left join linking as l using (tweet_id)
    where t.is_own
)
select count(*) filter (where links_site) as value
from flagged
