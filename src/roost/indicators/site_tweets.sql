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
select count(*) filter (where links_site) as value
from own_tweets_by_site
