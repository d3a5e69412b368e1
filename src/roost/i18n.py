"""The report's words in English and French, and numbers and dates written the way each language writes them.

The French follows the lesson on Twitter strategy the report comes from: abonnés, abonnements, amis,
ratio abonnements/abonnés, tweets par jour, RT faits, RT reçus, qualité des abonnés, conversion.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from roost.errors import RoostError

LANGS = ("en", "fr")

# French writes 1 234 and 12,5 %: a narrow no-break space between thousands, a no-break space before %.
_NNBSP = "\u202f"
_NBSP = "\u00a0"

MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}
WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
}

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "doc_title": "Twitter/X report: {who}",
        "doc_title_anon": "Twitter/X report",
        "kicker": "roost · Twitter/X archive report",
        "subtitle": "Buzz or long-term community work? What your archive says about your strategy.",
        "sample_banner": "Sample data: this report was made from roost's synthetic sample archive, not from a real account.",
        "share_banner": "Shared report. Left out: e-mail, phone number, direct-message figures and the archive's location on disk.",
        "share_banner_anon": "Other accounts appear as neutral labels (account 1, account 2…), the same label for the same account throughout.",
        "share_banner_handles": "Other accounts' handles are kept (--keep-handles).",
        "owner_banner": "Private report: it includes your e-mail and direct-message figures. Use --share for a copy to pass on.",
        "account_since": "On Twitter since",
        "archive_date": "Archive made",
        "archive_kind": "Archive format",
        "email": "E-mail",
        "phone": "Phone",
        "source": "Read from",
        "sample_source": "roost's sample archive, generated for this report",
        "time_zone": "Time zone",
        "tz_option": "{tz}, chosen with --tz",
        "tz_archive": "{tz}, from the archive's account settings",
        "tz_default": "{tz}, by default (the archive names none; use --tz to choose)",
        "verdict": "In a minute",
        "verdict_none": "This archive holds too little for a verdict: see what it cannot tell at the end.",
        "v_pace": "You publish {tpd} tweets a day on average, with at least one tweet on {active} of {span} days.",
        "v_conv_high": "{share} of your own tweets are conversations (replies to others or mentions): you talk with people more than you broadcast.",
        "v_conv_mid": "{share} of your own tweets are conversations (replies to others or mentions): a mix of broadcast and dialogue.",
        "v_conv_low": "Only {share} of your own tweets are conversations (replies to others or mentions): you mostly broadcast.",
        "v_buzz_high": "{share} of your engagement comes from your top 10% tweets: a few hits carry it, buzz-driven.",
        "v_buzz_mid": "{share} of your engagement comes from your top 10% tweets: some hits, some steady engagement.",
        "v_buzz_low": "{share} of your engagement comes from your top 10% tweets: engagement is steady, long-term work.",
        "v_friends": "{mutual} of your followers are friends (you follow each other) and you have talked with {interacted} of them.",
        "v_friends_only": "{mutual} of your followers are friends (you follow each other).",
        "v_ratio": "You follow {ratio} accounts for each follower.",
        "unknown": "unknown",
        "why_unknown": "Unknown: {reason}.",
        "none_yet": "Nothing to show: {reason}.",
        "empty": "Nothing in the archive for this.",
        "chart_numbers": "The numbers behind the chart",
        "more": "More",
        "utc_note": "Months are UTC months.",
        # sections
        "s_network": "Who you are on the network",
        "s_network_intro": "Your audience and your community: who follows you, whom you follow, and the friends in between (you follow each other).",
        "s_publishing": "How you publish",
        "s_publishing_intro": "Your pace and your habits: how often, when, what kind of tweets and from which apps.",
        "s_relaying": "Relaying: retweets and likes",
        "s_relaying_intro": "What you pass on (RT made) and what others pass on of yours (RT received).",
        "s_interaction": "Interaction and conversion",
        "s_interaction_intro": "The long-term work: turning followers into friends, and friends into people you talk with.",
        "s_buzz": "Buzz or long term",
        "s_buzz_intro": "Does your engagement come from a few hits (buzz) or from steady work (long term)?",
        "s_quality": "Quality of your followers",
        "s_quality_intro": "Not how many, but who: friends, people you talk with, real accounts, people of your field.",
        "s_custom": "Your indicators",
        "s_custom_intro": "Indicators from your own .sql files (--indicators-dir): written by you, not by roost, and not checked by it.",
        "custom_private_left_out": "Left out of this shared report because their SQL reads private data (messages, e-mail, phone): {ids}.",
        "s_methods": "How each number is computed, and what this archive cannot tell",
        "s_methods_intro": "Every indicator with its definition. An unknown value is not zero: the reason says what is missing.",
        # cards: one plain sentence each
        "c_followers": "People who follow you: your potential audience.",
        "c_following": "Accounts you follow: the people you listen to.",
        "c_mutuals": "Friends: you follow them and they follow you back. The core of a community.",
        "c_ratio_high": "You follow more accounts than follow you: above 1, the account looks like it follows to be followed.",
        "c_ratio_mid": "About as many accounts followed as followers: a balanced account.",
        "c_ratio_low": "More followers than accounts you follow: people come to you more than you go to them.",
        "c_ratio_very_low": "Far more followers than accounts followed: an audience account.",
        "gen_ytd": "Twitter/X data archive (2020 or later)",
        "gen_ytd-root": "Twitter data archive (2018-2019)",
        "gen_grailbird": "Twitter tweet archive (2012-2018)",
        "period": "Tweets",
        "from_to": "{first} – {last}",
        "c_ratio": "Following divided by followers.",
        "c_mutual_share": "Followers you follow back: followers turned into friends.",
        "c_tweets_total": "Tweets in the archive, retweets included.",
        "c_tweets_per_day": "Tweets divided by the days from your first tweet to your last.",
        "c_active_days": "Days with at least one tweet, out of {span} days covered.",
        "c_active_days_plain": "Days with at least one tweet.",
        "c_span_days": "From {first} to {last}.",
        "c_longest_streak_days": "Your longest run of consecutive days with a tweet.",
        "c_weeks_active_share": "Weeks with at least one tweet: how regular your presence is.",
        "c_media_share": "Own tweets with a photo, video or GIF.",
        "c_link_share": "Own tweets with a link to the outside (not to another tweet).",
        "c_retweets_made": "Tweets of others you relayed.",
        "c_retweets_received": "Times others relayed your own tweets.",
        "c_likes_received": "Likes on your own tweets.",
        "c_likes_given": "Tweets you liked.",
        "c_quotes_made": "Tweets you relayed with your own comment.",
        "c_replies_made": "Your replies, threads included.",
        "c_self_replies": "Replies to yourself: mostly threads.",
        "c_original_tweets": "Tweets that are neither retweets nor replies.",
        "c_conversation_share": "Own tweets that reply to someone else or mention an account: dialogue rather than broadcast.",
        "c_interacted_accounts": "Accounts you mentioned or replied to.",
        "c_followers_interacted": "Followers you mentioned or replied to.",
        "c_followers_interacted_share": "Followers you talked with: followers turned into conversation.",
        "c_followers_never_interacted": "Followers you never mentioned nor replied to.",
        "c_mutuals_never_interacted": "Friends (mutual follows) you never talk to: easy conversations to start.",
        "c_dm_conversations_count": "Private conversations in your direct messages.",
        "c_dm_partners_count": "Accounts you exchanged direct messages with.",
        "c_followers_dm_partners": "Followers you exchanged direct messages with.",
        "c_engagement_top10_share": "Likes and retweets of your best tenth of tweets over all of them.",
        "c_engagement_gini": "0 when every tweet gets the same engagement, near 1 when one tweet gets it all.",
        "c_engagement_last_12_months_share": "Engagement of your last 12 months of tweets over all of it.",
        "c_new_accounts_share": "Followers whose account was created shortly before the archive: possibly new or fake accounts.",
        "c_followers_undated": "Followers whose account age could not be estimated.",
        "c_followers_median_account_year": "Half of your dated followers opened their account before this year (an estimate).",
        "c_topic_tweets_share": "Own tweets about your field (--topic).",
        "c_topic_engagement_ratio": "Engagement of tweets about your field compared with the others: above 1, your field works better.",
        "c_site_tweets": "Own tweets with a link to your site (--site).",
        "c_site_engagement_ratio": "Engagement of tweets linking to your site compared with the others.",
        "buzz_high": "Above 0.6: a few hits carry your engagement. Buzz.",
        "buzz_mid": "Between 0.35 and 0.6: a mix of hits and steady engagement.",
        "buzz_low": "Below 0.35: engagement spread over many tweets. Long-term work.",
        "gini_high": "High: engagement is concentrated on a few tweets.",
        "gini_low": "Moderate: engagement is spread over your tweets.",
        # charts and tables
        "timeline": "Tweets per month",
        "timeline_desc": "Each bar is one month. Marks above the bars are months with a buzz day.",
        "timeline_desc_plain": "Each bar is one month.",
        "month": "Month",
        "year": "Year",
        "tweets": "Tweets",
        "heatmap": "When you tweet",
        "heatmap_desc": "Tweets per weekday and hour, in {tz}. Darker is more.",
        "heatmap_no_time": "{n} old tweets carry a date but no time of day: they all count at midnight UTC, which swells that hour.",
        "weekday": "Day",
        "mix": "The mix of your tweets",
        "mix_desc": "Share of each kind of tweet per {period}.",
        "per_year": "year",
        "per_month": "month",
        "t_original": "original",
        "t_reply": "reply",
        "t_thread": "thread",
        "t_retweet": "retweet",
        "t_quote": "quote",
        "clients": "Apps you tweet from",
        "client": "App",
        "languages": "Languages of your tweets",
        "language": "Language",
        "share": "Share",
        "top_rt": "Your most retweeted tweets",
        "top_likes": "Your most liked tweets",
        "top_relayed_accounts": "Accounts you retweet most",
        "retweets": "Retweets",
        "likes": "Likes",
        "likes_word": "likes",
        "like_word": "like",
        "retweets_word": "retweets",
        "retweet_word": "retweet",
        "fit": "Fit with your field and your site",
        "view_on_x": "view on x.com",
        "account_col": "Account",
        "funnel": "From followers to conversation",
        "funnel_desc": "Each step as a share of your followers.",
        "f_followers": "Followers",
        "f_mutuals": "Friends: you follow them back",
        "f_interacted": "Followers you talked with",
        "f_dm": "Followers you messaged privately",
        "of_followers": "{share} of followers",
        "partners": "Whom you talk with most",
        "replies": "Replies",
        "mentions": "Mentions",
        "total": "Total",
        "is_follower": "Follows you",
        "you_follow": "You follow",
        "yes": "yes",
        "no": "no",
        "engagement_chart": "Engagement per tweet, month by month",
        "engagement_chart_desc": "Likes + retweets of the month's own tweets, divided by their number. Marked months hold a buzz day.",
        "engagement": "Engagement",
        "engagement_per_tweet": "Per tweet",
        "own_tweets": "Own tweets",
        "buzz_days": "Buzz days",
        "no_buzz_days": "No buzz day: no day stands far above your usual engagement.",
        "buzz_days_desc": "Days whose engagement stands far above your usual level.",
        "day": "Day",
        "threshold": "Threshold",
        "account_age": "Estimated age of your followers' accounts",
        "account_age_desc": "Followers per year their account was created. An estimate from the account ids: recent ids carry their creation time, older ones are placed between accounts of known age; {undated} could not be dated.",
        "account_age_desc_plain": "Followers per year their account was created. An estimate from the account ids: recent ids carry their creation time, older ones are placed between accounts of known age.",
        "undated": "undated",
        "followers": "Followers",
        "fit_hint_topic": "Give your field with --topic \"seo, marketing\" to see how many of your tweets are about it and how they do.",
        "fit_hint_site": "Give your site with --site example.com to see how often you link to it and how those tweets do.",
        "indicator": "Indicator",
        "indicators": "Every indicator",
        "contents": "Contents",
        "account_label": "account\u00a0{n}",
        "value": "Value",
        "definition": "Definition",
        "see_above": "see above",
        "rows": "{n} rows",
        "files": "The archive's files",
        "file": "File",
        "items": "Items read",
        "manifest": "Manifest says",
        "status": "Status",
        "left_out": "left out",
        "warnings": "Load warnings",
        "no_warnings": "The archive loaded without warnings.",
        "limits": "What the archive cannot tell at all",
        "limit_1": "Who saw your tweets (impressions), who unfollowed you, and when anyone followed you: the archive only lists followers at the date it was made.",
        "limit_2": "Likes you gave carry no date and no author; likes and retweets you received carry no names, only counts.",
        "limit_3": "Your followers' own followers, tweets and interests: only their ids are in the archive.",
        "generated": "Generated by roost {version} on {at}. Everything was computed on this computer; nothing was sent anywhere.",
        "status_loaded": "loaded",
        "status_blank": "empty",
        "status_missing": "missing",
        "status_skipped": "not read",
        "status_broken": "unreadable",
    },
    "fr": {
        "doc_title": "Rapport Twitter/X : {who}",
        "doc_title_anon": "Rapport Twitter/X",
        "kicker": "roost · rapport d'archive Twitter/X",
        "subtitle": "Buzz ou travail de fond avec une communauté ? Ce que votre archive dit de votre stratégie.",
        "sample_banner": "Données d'exemple : ce rapport vient de l'archive synthétique fournie avec roost, pas d'un vrai compte.",
        "share_banner": "Rapport à partager. Retirés : e-mail, numéro de téléphone, chiffres des messages privés et emplacement de l'archive sur le disque.",
        "share_banner_anon": "Les autres comptes apparaissent sous des noms neutres (compte 1, compte 2…), le même nom pour le même compte partout.",
        "share_banner_handles": "Les noms des autres comptes sont conservés (--keep-handles).",
        "owner_banner": "Rapport privé : il contient votre e-mail et les chiffres de vos messages privés. Utilisez --share pour une copie à transmettre.",
        "account_since": "Sur Twitter depuis",
        "archive_date": "Archive créée",
        "archive_kind": "Format d'archive",
        "email": "E-mail",
        "phone": "Téléphone",
        "source": "Lue depuis",
        "sample_source": "l'archive d'exemple de roost, générée pour ce rapport",
        "time_zone": "Fuseau horaire",
        "tz_option": "{tz}, choisi avec --tz",
        "tz_archive": "{tz}, d'après les réglages du compte dans l'archive",
        "tz_default": "{tz}, par défaut (l'archive n'en indique pas ; choisissez avec --tz)",
        "verdict": "En une minute",
        "verdict_none": "Cette archive contient trop peu pour un verdict : voyez à la fin ce qu'elle ne peut pas dire.",
        "v_pace": "Vous publiez en moyenne {tpd} tweets par jour, avec au moins un tweet {active} jours sur {span}.",
        "v_conv_high": "{share} de vos tweets propres sont des conversations (réponses aux autres ou mentions) : vous échangez plus que vous ne diffusez.",
        "v_conv_mid": "{share} de vos tweets propres sont des conversations (réponses aux autres ou mentions) : un mélange de diffusion et de dialogue.",
        "v_conv_low": "Seulement {share} de vos tweets propres sont des conversations (réponses aux autres ou mentions) : vous diffusez surtout.",
        "v_buzz_high": "{share} de votre engagement vient de vos 10 % meilleurs tweets : quelques coups d'éclat portent tout, c'est du buzz.",
        "v_buzz_mid": "{share} de votre engagement vient de vos 10 % meilleurs tweets : des coups d'éclat et un engagement régulier.",
        "v_buzz_low": "{share} de votre engagement vient de vos 10 % meilleurs tweets : un engagement régulier, un travail de fond.",
        "v_friends": "{mutual} de vos abonnés sont des amis (vous vous suivez mutuellement) et vous avez échangé avec {interacted} d'entre eux.",
        "v_friends_only": "{mutual} de vos abonnés sont des amis (vous vous suivez mutuellement).",
        "v_ratio": "Vous suivez {ratio} comptes pour chaque abonné.",
        "unknown": "inconnu",
        "why_unknown": "Inconnu : {reason}.",
        "none_yet": "Rien à montrer : {reason}.",
        "empty": "Rien dans l'archive pour cela.",
        "chart_numbers": "Les chiffres du graphique",
        "more": "Autres",
        "utc_note": "Les mois sont des mois UTC.",
        "s_network": "Qui vous êtes sur le réseau",
        "s_network_intro": "Votre audience et votre communauté : qui vous suit, qui vous suivez, et les amis entre les deux (vous vous suivez mutuellement).",
        "s_publishing": "Comment vous publiez",
        "s_publishing_intro": "Votre rythme et vos habitudes : à quelle fréquence, quand, quels types de tweets, depuis quelles applications.",
        "s_relaying": "Relayer : RT et j'aime",
        "s_relaying_intro": "Ce que vous relayez (RT faits) et ce que les autres relaient de vous (RT reçus).",
        "s_interaction": "Interaction et conversion",
        "s_interaction_intro": "Le travail de fond : convertir les abonnés en amis, et les amis en personnes avec qui vous échangez.",
        "s_buzz": "Buzz ou long terme",
        "s_buzz_intro": "Votre engagement vient-il de quelques coups d'éclat (buzz) ou d'un travail régulier (long terme) ?",
        "s_quality": "Qualité des abonnés",
        "s_quality_intro": "Pas combien, mais qui : des amis, des personnes avec qui vous échangez, de vrais comptes, des gens de votre domaine.",
        "s_custom": "Vos indicateurs",
        "s_custom_intro": "Les indicateurs de vos propres fichiers .sql (--indicators-dir) : écrits par vous, pas par roost, qui ne les vérifie pas.",
        "custom_private_left_out": "Laissés hors de ce rapport partagé parce que leur SQL lit des données privées (messages, e-mail, téléphone) : {ids}.",
        "s_methods": "Comment chaque chiffre est calculé, et ce que l'archive ne dit pas",
        "s_methods_intro": "Chaque indicateur et sa définition. Une valeur inconnue n'est pas zéro : la raison dit ce qui manque.",
        "c_followers": "Les comptes qui vous suivent : votre audience potentielle.",
        "c_following": "Les comptes que vous suivez : ceux que vous écoutez.",
        "c_mutuals": "Vos amis : vous les suivez et ils vous suivent. Le cœur d'une communauté.",
        "c_ratio_high": "Vous suivez plus de comptes qu'il ne vous en suit : au-dessus de 1, le compte semble suivre pour être suivi.",
        "c_ratio_mid": "Autant d'abonnements que d'abonnés, à peu près : un compte équilibré.",
        "c_ratio_low": "Plus d'abonnés que d'abonnements : on vient à vous plus que vous n'allez vers les autres.",
        "c_ratio_very_low": "Bien plus d'abonnés que d'abonnements : un compte d'audience.",
        "gen_ytd": "archive de données Twitter/X (2020 ou après)",
        "gen_ytd-root": "archive de données Twitter (2018-2019)",
        "gen_grailbird": "archive de tweets Twitter (2012-2018)",
        "period": "Tweets",
        "from_to": "du {first} au {last}",
        "c_ratio": "Abonnements divisés par abonnés.",
        "c_mutual_share": "Les abonnés que vous suivez aussi : les abonnés convertis en amis.",
        "c_tweets_total": "Les tweets de l'archive, RT compris.",
        "c_tweets_per_day": "Les tweets divisés par les jours entre votre premier et votre dernier tweet.",
        "c_active_days": "Jours avec au moins un tweet, sur {span} jours couverts.",
        "c_active_days_plain": "Jours avec au moins un tweet.",
        "c_span_days": "Du {first} au {last}.",
        "c_longest_streak_days": "Votre plus longue suite de jours consécutifs avec un tweet.",
        "c_weeks_active_share": "Les semaines avec au moins un tweet : la régularité de votre présence.",
        "c_media_share": "Tweets propres avec une photo, une vidéo ou un GIF.",
        "c_link_share": "Tweets propres avec un lien vers l'extérieur (pas vers un autre tweet).",
        "c_retweets_made": "Les tweets des autres que vous avez relayés.",
        "c_retweets_received": "Les fois où d'autres ont relayé vos propres tweets.",
        "c_likes_received": "Les j'aime reçus par vos propres tweets.",
        "c_likes_given": "Les tweets que vous avez aimés.",
        "c_quotes_made": "Les tweets que vous avez relayés avec votre commentaire.",
        "c_replies_made": "Vos réponses, fils compris.",
        "c_self_replies": "Les réponses à vous-même : surtout des fils.",
        "c_original_tweets": "Les tweets qui ne sont ni des RT ni des réponses.",
        "c_conversation_share": "Tweets propres qui répondent à quelqu'un d'autre ou mentionnent un compte : le dialogue plutôt que la diffusion.",
        "c_interacted_accounts": "Les comptes que vous avez mentionnés ou à qui vous avez répondu.",
        "c_followers_interacted": "Les abonnés que vous avez mentionnés ou à qui vous avez répondu.",
        "c_followers_interacted_share": "Les abonnés avec qui vous avez échangé : les abonnés convertis en conversation.",
        "c_followers_never_interacted": "Les abonnés que vous n'avez jamais mentionnés ni à qui vous n'avez répondu.",
        "c_mutuals_never_interacted": "Les amis (abonnements réciproques) à qui vous ne parlez jamais : des conversations faciles à lancer.",
        "c_dm_conversations_count": "Les conversations privées de vos messages directs.",
        "c_dm_partners_count": "Les comptes avec qui vous avez échangé des messages privés.",
        "c_followers_dm_partners": "Les abonnés avec qui vous avez échangé des messages privés.",
        "c_engagement_top10_share": "J'aime et RT de votre meilleur dixième de tweets sur l'ensemble.",
        "c_engagement_gini": "0 quand chaque tweet reçoit le même engagement, proche de 1 quand un seul tweet reçoit tout.",
        "c_engagement_last_12_months_share": "L'engagement de vos 12 derniers mois de tweets sur l'ensemble.",
        "c_new_accounts_share": "Les abonnés dont le compte a été créé peu avant l'archive : peut-être de nouveaux comptes ou de faux comptes.",
        "c_followers_undated": "Les abonnés dont l'âge du compte n'a pas pu être estimé.",
        "c_followers_median_account_year": "La moitié de vos abonnés datés ont ouvert leur compte avant cette année (une estimation).",
        "c_topic_tweets_share": "Tweets propres sur votre domaine (--topic).",
        "c_topic_engagement_ratio": "L'engagement des tweets sur votre domaine comparé aux autres : au-dessus de 1, votre domaine marche mieux.",
        "c_site_tweets": "Tweets propres avec un lien vers votre site (--site).",
        "c_site_engagement_ratio": "L'engagement des tweets avec un lien vers votre site comparé aux autres.",
        "buzz_high": "Au-dessus de 0,6 : quelques coups d'éclat portent votre engagement. Du buzz.",
        "buzz_mid": "Entre 0,35 et 0,6 : des coups d'éclat et un engagement régulier.",
        "buzz_low": "Sous 0,35 : l'engagement se répartit sur beaucoup de tweets. Un travail de fond.",
        "gini_high": "Élevé : l'engagement se concentre sur quelques tweets.",
        "gini_low": "Modéré : l'engagement se répartit sur vos tweets.",
        "timeline": "Tweets par mois",
        "timeline_desc": "Chaque barre est un mois. Les marques au-dessus des barres signalent un jour de buzz.",
        "timeline_desc_plain": "Chaque barre est un mois.",
        "month": "Mois",
        "year": "Année",
        "tweets": "Tweets",
        "heatmap": "Quand vous tweetez",
        "heatmap_desc": "Tweets par jour de la semaine et par heure, en {tz}. Plus foncé, plus de tweets.",
        "heatmap_no_time": "{n} anciens tweets n'ont qu'une date, sans heure : ils comptent tous à minuit UTC, ce qui gonfle cette heure-là.",
        "weekday": "Jour",
        "mix": "La composition de vos tweets",
        "mix_desc": "Part de chaque type de tweet par {period}.",
        "per_year": "année",
        "per_month": "mois",
        "t_original": "original",
        "t_reply": "réponse",
        "t_thread": "fil",
        "t_retweet": "RT",
        "t_quote": "citation",
        "clients": "Les applications d'où vous tweetez",
        "client": "Application",
        "languages": "Les langues de vos tweets",
        "language": "Langue",
        "share": "Part",
        "top_rt": "Vos tweets les plus retweetés",
        "top_likes": "Vos tweets les plus aimés",
        "top_relayed_accounts": "Les comptes que vous retweetez le plus",
        "retweets": "RT",
        "likes": "J'aime",
        "likes_word": "j'aime",
        "like_word": "j'aime",
        "retweets_word": "RT",
        "retweet_word": "RT",
        "fit": "Adéquation avec votre domaine et votre site",
        "view_on_x": "voir sur x.com",
        "account_col": "Compte",
        "funnel": "Des abonnés à la conversation",
        "funnel_desc": "Chaque étape en part de vos abonnés.",
        "f_followers": "Abonnés",
        "f_mutuals": "Amis : vous les suivez aussi",
        "f_interacted": "Abonnés avec qui vous avez échangé",
        "f_dm": "Abonnés en message privé",
        "of_followers": "{share} des abonnés",
        "partners": "Avec qui vous échangez le plus",
        "replies": "Réponses",
        "mentions": "Mentions",
        "total": "Total",
        "is_follower": "Vous suit",
        "you_follow": "Vous suivez",
        "yes": "oui",
        "no": "non",
        "engagement_chart": "Engagement par tweet, mois par mois",
        "engagement_chart_desc": "J'aime + RT des tweets propres du mois, divisés par leur nombre. Les mois marqués contiennent un jour de buzz.",
        "engagement": "Engagement",
        "engagement_per_tweet": "Par tweet",
        "own_tweets": "Tweets propres",
        "buzz_days": "Jours de buzz",
        "no_buzz_days": "Aucun jour de buzz : aucun jour ne dépasse de loin votre engagement habituel.",
        "buzz_days_desc": "Les jours dont l'engagement dépasse de loin votre niveau habituel.",
        "day": "Jour",
        "threshold": "Seuil",
        "account_age": "Âge estimé des comptes de vos abonnés",
        "account_age_desc": "Abonnés par année de création de leur compte. Une estimation tirée des identifiants : les récents portent leur date de création, les plus anciens sont placés entre des comptes d'âge connu ; {undated} n'ont pas pu être datés.",
        "account_age_desc_plain": "Abonnés par année de création de leur compte. Une estimation tirée des identifiants : les récents portent leur date de création, les plus anciens sont placés entre des comptes d'âge connu.",
        "undated": "non daté",
        "followers": "Abonnés",
        "fit_hint_topic": "Indiquez votre domaine avec --topic \"seo, marketing\" pour voir combien de vos tweets en parlent et comment ils marchent.",
        "fit_hint_site": "Indiquez votre site avec --site exemple.fr pour voir combien de fois vous le citez et comment ces tweets marchent.",
        "indicator": "Indicateur",
        "indicators": "Tous les indicateurs",
        "contents": "Sommaire",
        "account_label": "compte\u00a0{n}",
        "value": "Valeur",
        "definition": "Définition",
        "see_above": "voir plus haut",
        "rows": "{n} lignes",
        "files": "Les fichiers de l'archive",
        "file": "Fichier",
        "items": "Éléments lus",
        "manifest": "Selon le manifeste",
        "status": "État",
        "left_out": "retiré",
        "warnings": "Avertissements du chargement",
        "no_warnings": "L'archive s'est chargée sans avertissement.",
        "limits": "Ce que l'archive ne peut pas dire du tout",
        "limit_1": "Qui a vu vos tweets (impressions), qui s'est désabonné, et quand quelqu'un s'est abonné : l'archive ne liste les abonnés qu'à sa date de création.",
        "limit_2": "Les j'aime donnés n'ont ni date ni auteur ; les j'aime et RT reçus ne sont que des compteurs, sans noms.",
        "limit_3": "Les abonnés, tweets et centres d'intérêt de vos abonnés : seuls leurs identifiants sont dans l'archive.",
        "generated": "Produit par roost {version} le {at}. Tout a été calculé sur cet ordinateur ; rien n'a été envoyé nulle part.",
        "status_loaded": "chargé",
        "status_blank": "vide",
        "status_missing": "absent",
        "status_skipped": "non lu",
        "status_broken": "illisible",
    },
}

# Reasons come from the indicator runner in English; these patterns say them in French.
_REASONS_FR = (
    (re.compile(r"^the archive has no like and retweet counts on its tweets.*$"),
     "l'archive n'a pas les compteurs de j'aime et de RT de ses tweets (les archives Grailbird n'en ont pas)"),
    (re.compile(r"^the archive has no (.+)$"), "l'archive ne contient pas {0}"),
    (re.compile(r"^no --topic given$"), "pas d'option --topic"),
    (re.compile(r"^no --site given$"), "pas d'option --site"),
    (re.compile(r"^not computable here$"), "non calculable avec cette archive"),
)


@dataclass(frozen=True)
class Translator:
    """The report's words and number formats for one language."""

    lang: str

    def __call__(self, key: str, **kw: object) -> str:
        """The text for `key` in this language, with `{name}` fields filled in."""
        text = STRINGS[self.lang].get(key)
        if text is None:
            text = STRINGS["en"][key]
        return text.format(**kw) if kw else text

    def has(self, key: str) -> bool:
        """Whether `key` is a known text."""
        return key in STRINGS["en"]

    def integer(self, n: float) -> str:
        """1,234 in English; 1 234 in French."""
        s = f"{round(n):,}"
        return s.replace(",", _NNBSP) if self.lang == "fr" else s

    def decimal(self, x: float, digits: int = 2) -> str:
        """A decimal number with `digits` digits after the point (or comma), thousands separated."""
        if not math.isfinite(x):
            return "–"
        s = f"{x:,.{digits}f}"
        if self.lang == "fr":
            s = s.replace(",", "\x00").replace(".", ",").replace("\x00", _NNBSP)
        return s

    def number(self, x: float) -> str:
        """An integer as an integer, anything else with as many decimals as make sense."""
        if isinstance(x, bool):
            return self.integer(int(x))
        if isinstance(x, int) or (isinstance(x, float) and x.is_integer()):
            return self.integer(x)
        ax = abs(x)
        digits = 0 if ax >= 100 else 1 if ax >= 10 else 2 if ax >= 0.1 or ax == 0 else 3
        return self.decimal(x, digits)

    def axis(self, x: float) -> str:
        """A value on a chart's axis: as few decimals as it needs (0, 2.5, 0.25)."""
        if float(x).is_integer():
            return self.integer(x)
        for digits in (1, 2, 3):
            if abs(round(x, digits) - x) < 1e-9:
                return self.decimal(x, digits)
        return self.decimal(x, 3)

    def share(self, x: float) -> str:
        """12.5% in English; 12,5 % in French."""
        pct = x * 100
        digits = 0 if pct == round(pct) else 1
        s = self.decimal(pct, digits)
        return f"{s}{_NBSP}%" if self.lang == "fr" else f"{s}%"

    def date(self, iso: str) -> str:
        """A `YYYY-MM-DD...` date as 3 Nov 2022 or 3 nov. 2022 (the text itself when it is not a date)."""
        m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", iso or "")
        if not m or not 1 <= int(m[2]) <= 12:
            return iso
        return f"{int(m[3])} {MONTHS[self.lang][int(m[2]) - 1]} {m[1]}"

    def month(self, key: str) -> str:
        """A `YYYY-MM` month as Nov 2022 or nov. 2022."""
        m = re.match(r"^(\d{4})-(\d{2})$", key or "")
        if not m or not 1 <= int(m[2]) <= 12:
            return key
        return f"{MONTHS[self.lang][int(m[2]) - 1]} {m[1]}"

    def month_short(self, month: int) -> str:
        """The month's abbreviation (1 = January)."""
        return MONTHS[self.lang][month - 1]

    def weekday(self, day: int) -> str:
        """The weekday's abbreviation (0 = Monday)."""
        return WEEKDAYS[self.lang][day % 7]

    def reason(self, reason: str) -> str:
        """An unknown value's reason, in this language when it is one of the runner's usual reasons."""
        reason = (reason or "").strip().rstrip(".")
        if self.lang == "fr":
            for pattern, template in _REASONS_FR:
                m = pattern.match(reason)
                if m:
                    return template.format(*m.groups())
        return reason or self("unknown")


def translator(lang: str) -> Translator:
    """The Translator for `lang` ("en" or "fr"); anything else is a RoostError."""
    if lang not in LANGS:
        raise RoostError(f"the report language {lang!r} is not one of {', '.join(LANGS)}: use --lang en or --lang fr")
    return Translator(lang)
