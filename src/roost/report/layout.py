"""The report's layout, declared once: its sections, in the lesson's order, and in each the blocks that draw
which indicators. An indicator sits in the section its SQL header names (`-- section:`); one that no block
names is still drawn, by its shape, at the end of that section; a test keeps this list and the headers
agreeing. A new indicator needs no change here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    """A block of a section: its kind (`cards`, or a drawing in roost.report.blocks_*), the indicators it
    draws, and whether it places them (a block that only reads a figure another block shows does not)."""

    kind: str
    ids: tuple[str, ...]
    places: bool = True


def cards(*ids: str) -> Slot:
    return Slot("cards", ids)


def draw(kind: str, *ids: str, places: bool = True) -> Slot:
    return Slot(kind, ids, places)


# `first_screen`: drawn on the first screen (roost.report.minute), not in the section; `shown_above`: a figure
# the block before shows (the funnel's steps), placed here so that it is not drawn a second time.


SECTIONS: tuple[tuple[str, tuple[Slot, ...]], ...] = (
    # The verdict is drawn on the first screen (roost.report.minute); this section only claims it.
    ("strategy", (
        draw("first_screen", "strategy_verdict", "strategy_verdict_reasons", "strategy_trend"),
    )),
    ("network", (
        cards("followers", "following", "mutuals", "following_followers_ratio", "mutual_share"),
    )),
    ("publishing", (
        cards("tweets_last_12_months", "tweets_per_day", "tweets_total", "active_days", "span_days",
              "longest_streak_days", "weeks_active_share"),
        draw("dates", "first_tweet_at", "last_tweet_at"),
        draw("timeline", "tweets_per_month"),
        draw("heatmap", "activity_heatmap"),
        draw("mix", "tweet_types_per_month"),
        cards("original_tweets", "self_replies", "media_share", "link_share"),
        draw("share_table", "clients"),
        draw("share_table", "languages"),
        draw("table", "top_hashtags", "linked_domains"),
    )),
    ("relaying", (
        cards("retweets_made", "retweets_received", "likes_received", "likes_given", "quotes_made"),
        draw("top_tweets", "top_tweets_by_retweets"),
        draw("top_tweets", "top_tweets_by_likes"),
        draw("relayed", "top_retweeted_accounts"),
    )),
    ("interaction", (
        cards("conversation_share", "replies_made", "talked_accounts", "retweeted_only_accounts",
              "followers_interacted_share", "followers_never_interacted"),
        draw("funnel", "followers", "mutuals", "mutuals_talked", "followers_dm_partners", places=False),
        draw("shown_above", "mutuals_talked", "followers_interacted"),
        draw("table", "friends_never_addressed", "followers_to_follow_back"),
        draw("partners", "top_conversation_partners"),
        cards("interacted_accounts", "dm_conversations_count", "dm_partners_count", "followers_dm_partners"),
    )),
    ("buzz", (
        cards("engagement_top10_share", "engagement_gini", "engagement_last_12_months_share"),
        draw("engagement_chart", "engagement_per_month"),
        draw("buzz_days", "buzz_days"),
    )),
    ("quality", (
        cards("new_accounts_share", "followers_median_account_year", "followers_undated"),
        draw("account_age", "follower_account_age"),
        draw("fit", "topic_tweets_share", "topic_engagement_ratio", "site_tweets", "site_engagement_ratio"),
        cards("topic_followers_talked_share"),
        draw("shown_above", "topic_followers_talked"),
        draw("table", "topic_relayed_accounts"),
    )),
)
# Header sections drawn inside another report section.
DRAWN_IN = {"fit": "quality"}


def report_section(header_section: str) -> str:
    """The report section an indicator whose header names `header_section` is drawn in."""
    return DRAWN_IN.get(header_section, header_section)
