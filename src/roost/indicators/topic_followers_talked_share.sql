-- title: Share of followers talked with on your topic | Part des abonnés avec qui vous avez échangé sur votre sujet
-- shape: share
-- section: fit
-- needs: tweets, follower
-- params: topic
-- definition: topic_followers_talked over followers.
-- definition_fr: topic_followers_talked divisé par le nombre d'abonnés.
-- limits: Unknown without followers. An archive holds no follower bios: this is measured through your conversations.
-- limits_fr: Inconnu sans abonné. Une archive ne contient pas les bios des abonnés : c'est mesuré par vos échanges.
select
    (select count(*) from followers_talked_on_topic)::double
    / nullif((select count(*) from followers), 0) as value
