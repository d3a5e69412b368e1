-- title: Tweets on your topic | Tweets sur votre sujet
-- shape: share
-- section: fit
-- needs: tweets
-- params: topic
-- definition: Share of own tweets (not retweets) whose lowercased text contains one of the --topic keywords (as a substring) or that carry a hashtag equal to one (case-insensitive, without #).
-- definition_fr: Part des tweets propres (hors RT) dont le texte en minuscules contient un des mots-clés --topic (comme sous-chaîne) ou qui portent un hashtag égal à l'un d'eux (sans casse, sans #).
-- limits: Plain substring matching: a short keyword also matches inside longer words.
-- limits_fr: Simple recherche de sous-chaîne : un mot-clé court correspond aussi à l'intérieur de mots plus longs.
select (count(*) filter (where is_on_topic))::double / nullif(count(*), 0) as value
from own_tweets_by_topic
