-- title: What the verdict rests on | Sur quoi repose le verdict
-- shape: table
-- section: strategy
-- definition: One row per figure and period (all; recent = the 12 months before the archive's date, or its last 90 days when 365 own tweets or more fall in those 12 months; before = earlier): value, n (own tweets with counts; active months; mutuals) and where it points. Spread figures: top_tweet_share (best tweet's share of likes + retweets: buzz from 0.35, long term under 0.2), top10_share (best tenth's share: buzz from 0.85, long term under 0.65), engaged_tweets_share (tweets with at least one like or retweet: buzz under 0.2, long term from 0.4), engaged_months_share (months with own tweets where one got engagement: buzz under 0.4, long term from 0.6). Talk figures: conversation_share (own tweets replying to or mentioning someone else: long term from 0.3), mutuals_talked_share (mutuals replied to or mentioned, not by retweet: long term from 0.2).
-- definition_fr: Une ligne par mesure et période (all ; recent = les 12 mois avant la date de l'archive, ou ses 90 derniers jours si 365 tweets propres ou plus tombent dans ces 12 mois ; before = avant) : valeur, n (tweets propres avec compteurs ; mois actifs ; amis) et sa direction. Répartition : top_tweet_share (part des j'aime + RT du meilleur tweet : buzz dès 0,35, long terme sous 0,2), top10_share (part du meilleur dixième : buzz dès 0,85, long terme sous 0,65), engaged_tweets_share (tweets avec au moins un j'aime ou RT : buzz sous 0,2, long terme dès 0,4), engaged_months_share (mois avec tweets dont l'un a eu de l'engagement : buzz sous 0,4, long terme dès 0,6). Échange : conversation_share (tweets propres qui répondent à quelqu'un d'autre ou le mentionnent : long terme dès 0,3), mutuals_talked_share (amis à qui vous avez répondu ou que vous avez mentionnés, hors RT : long terme dès 0,2).
-- limits: Counts are totals at the archive's date, credited to the tweet's own month; mutuals are those of the archive's date, also in the recent and before rows.
-- limits_fr: Les compteurs sont ceux de la date de l'archive, attribués au mois du tweet ; les amis sont ceux de la date de l'archive, aussi pour les lignes recent et before.
select
    figure,
    period,
    value,
    n,
    points
from strategy_signals
order by
    case period when 'all' then 0 when 'recent' then 1 else 2 end,
    case figure
        when 'own_tweets' then 0 when 'engagement' then 1 when 'tweets_without_counts' then 2
        when 'top_tweet_share' then 3 when 'top10_share' then 4 when 'engaged_tweets_share' then 5
        when 'engaged_months_share' then 6 when 'conversation_share' then 7 else 8
    end
