-- title: Tweets on your topic | Tweets sur votre sujet
-- shape: share
-- section: fit
-- needs: tweets
-- params: topic
-- definition: Share of own tweets (not retweets) whose lowercased text contains one of the --topic keywords (as a substring) or that carry a hashtag equal to one (case-insensitive, without #).
-- definition_fr: Part des tweets propres (hors RT) dont le texte en minuscules contient un des mots-clés --topic (comme sous-chaîne) ou qui portent un hashtag égal à l'un d'eux (sans casse, sans #).
-- limits: Plain substring matching: a short keyword also matches inside longer words.
-- limits_fr: Simple recherche de sous-chaîne : un mot-clé court correspond aussi à l'intérieur de mots plus longs.
with keywords as (
    select distinct ltrim(trim(lower(keyword)), '#') as keyword
    from (select unnest(getvariable('roost_topic')) as keyword) as given
    where ltrim(trim(keyword), '#') <> ''
),
own as (
    select tweet_id, lower(coalesce(full_text, '')) as text, favorite_count + retweet_count as engagement
    from tweets
    where is_own
),
on_topic as (
    select o.tweet_id
    from own as o
    join keywords as k on contains(o.text, k.keyword)
    union
    select h.tweet_id
    from tweet_hashtags as h
    join keywords as k on lower(h.hashtag) = k.keyword
),
flagged as (
    select o.tweet_id, o.engagement, t.tweet_id is not null as is_on_topic
    from own as o
    left join on_topic as t using (tweet_id)
)
select (count(*) filter (where is_on_topic))::double / nullif(count(*), 0) as value
from flagged
