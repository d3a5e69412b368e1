-- title: Followers you talk with but do not follow | Abonnés avec qui vous échangez sans les suivre
-- shape: table
-- unit: tweets
-- section: interaction
-- needs: tweets, follower, following
-- definition: Followers you replied to or mentioned in own tweets (retweets left out) whom you do not follow: candidates to follow back; tweets = your own tweets addressing them; the 20 with the most, ties by screen name then id.
-- definition_fr: Abonnés à qui vous avez répondu ou que vous avez mentionnés dans des tweets propres (RT exclus) et que vous ne suivez pas : à suivre en retour ? tweets = vos tweets qui s'adressent à eux ; les 20 premiers, égalités par nom puis id.
-- limits: The archive holds none of their tweets: that they write to you cannot be seen, only that you wrote to them.
-- limits_fr: L'archive ne contient aucun de leurs tweets : qu'ils vous écrivent ne se voit pas, seulement que vous leur avez écrit.
select a.account_id, h.screen_name, a.tweets
from partners as a
join followers as f using (account_id)
left join handles as h using (account_id)
where a.account_id not in (select account_id from following)
order by a.tweets desc, lower(h.screen_name) nulls last, a.account_id
limit 20
