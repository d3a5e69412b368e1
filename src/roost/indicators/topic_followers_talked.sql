-- title: Followers you talked with on your topic | Abonnés avec qui vous avez échangé sur votre sujet
-- shape: number
-- unit: accounts
-- section: fit
-- needs: tweets, follower
-- params: topic
-- definition: Followers you replied to or mentioned in own tweets on your --topic (retweets left out): followers who are relevant to your field, as far as your conversations show.
-- definition_fr: Abonnés à qui vous avez répondu ou que vous avez mentionnés dans des tweets propres sur votre --topic (RT exclus) : abonnés pertinents pour votre domaine, autant que vos échanges le montrent.
-- limits: An archive holds no follower bios or tweets: relevance is measured through your own conversations only.
-- limits_fr: Une archive ne contient ni les bios ni les tweets des abonnés : la pertinence n'est mesurée que par vos propres échanges.
select count(*) as value
from followers_talked_on_topic
