-- title: Languages | Langues
-- shape: table
-- unit: tweets
-- section: publishing
-- needs: tweets
-- definition: The 10 most frequent languages of own tweets as detected by Twitter (`und` = undetermined), with their tweets and their share of own tweets with a language; ties by code.
-- definition_fr: Les 10 langues les plus fréquentes des tweets propres selon la détection de Twitter (`und` = indéterminée), avec leurs tweets et leur part des tweets propres dotés d'une langue ; égalités par code.
with own_languages as (
    select lang
    from own_tweets
    where lang is not null and lang <> ''
),
per_language as (
    select lang, count(*) as tweets
    from own_languages
    group by lang
)
select lang, tweets, tweets::double / (select count(*) from own_languages) as share
from per_language
order by tweets desc, lang
limit 10
