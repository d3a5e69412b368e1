"""How the report reads a figure in words: the thresholds behind its sentences, in one place."""

from __future__ import annotations

from roost.report.minute import signal
from roost.report.view import View

# The lesson: buzz against long-term work. Where the best tenth's share points is the verdict's own reading
# (`strategy_verdict_reasons`, bounds in sql/intermediate/73_strategy.sql), not a second copy of its bounds.
TOP10_READING = {"buzz": "buzz_high", "neither": "buzz_mid", "long_term": "buzz_low"}
GINI_HIGH = 0.6
CONVERSATION_HIGH, CONVERSATION_LOW = 0.5, 0.25
RATIO_HIGH, RATIO_LOW, RATIO_VERY_LOW = 1.25, 0.8, 0.4
# An engagement ratio between two groups of tweets is read only when each group has this many tweets.
MIN_GROUP_TWEETS = 10
SAME_LOW, SAME_HIGH = 0.9, 1.1


def groups(v: View, ident: str) -> tuple[int, int] | None:
    """(tweets in the group, tweets outside it) behind an engagement ratio, when the report can tell."""
    total, retweets = v.num("tweets_total"), v.num("retweets_made")
    if total is None or retweets is None:
        return None
    own = int(total - retweets)
    if ident == "topic_engagement_ratio":
        share = v.num("topic_tweets_share")
        inside = round(share * own) if share is not None else None
    elif ident == "site_engagement_ratio":
        count = v.num("site_tweets")
        inside = int(count) if count is not None else None
    else:
        return None
    return None if inside is None else (inside, own - inside)


def too_few(v: View, ident: str) -> bool:
    """Whether a ratio rests on too few tweets to be shown at all."""
    sizes = groups(v, ident)
    return sizes is not None and min(sizes) < MIN_GROUP_TWEETS


def _top10_points(v: View) -> str | None:
    """Where the best tenth's share of engagement points (buzz, neither, long_term), as the verdict reads it."""
    points = (signal(v, "top10_share") or {}).get("points")
    return points if isinstance(points, str) else None


def _too_few(v: View) -> bool:
    """Whether the verdict has too little to go on (its guard: own tweets with counts, likes + retweets)."""
    return bool(v.val("strategy_verdict") == "not_enough_data")


def _too_few_sentence(v: View) -> str:
    """The sentence that replaces a reading of how engagement is spread on too few tweets: a share of 15
    tweets is no sign of buzz."""
    n = (signal(v, "own_tweets") or {}).get("n")
    return v.t("reading_too_few", n=v.t.integer(n)) if isinstance(n, int) else v.t("reading_too_few_plain")


def card_sentence(v: View, ident: str) -> str | None:
    """The sentence under a card when it reads the card's own value; None for the plain one."""
    t = v.t
    x = v.num(ident)
    if ident == "following_followers_ratio":
        if x is None:
            return t("c_ratio")
        if x > RATIO_HIGH:
            return t("c_ratio_high")
        if x < RATIO_VERY_LOW:
            return t("c_ratio_very_low")
        return t("c_ratio_low") if x < RATIO_LOW else t("c_ratio_mid")
    if ident in ("engagement_top10_share", "engagement_gini") and x is not None and _too_few(v):
        return t(f"c_{ident}") + " " + _too_few_sentence(v)
    if ident == "engagement_top10_share" and x is not None:
        points = _top10_points(v)
        return t("c_engagement_top10_share") + (" " + t(TOP10_READING[points]) if points in TOP10_READING else "")
    if ident == "engagement_gini" and x is not None:
        return t("c_engagement_gini") + " " + t("gini_high" if x >= GINI_HIGH else "gini_low")
    if ident in ("topic_engagement_ratio", "site_engagement_ratio") and x is not None:
        sizes = groups(v, ident)
        n = t.integer(sizes[0]) if sizes else "?"
        what = "topic" if ident.startswith("topic") else "site"
        if x > SAME_HIGH:
            return t(f"r_{what}_above", x=t.decimal(x, 2), n=n)
        if x < SAME_LOW:
            return t(f"r_{what}_below", x=t.decimal(x, 2), n=n)
        return t(f"r_{what}_same", n=n)
    if ident == "topic_followers_talked_share" and x is not None:
        talked, followers = v.num("topic_followers_talked"), v.num("followers")
        if talked is not None and followers:
            return t("c_topic_followers_talked_share_n", n=t.integer(talked), followers=t.integer(followers))
    if ident == "active_days":
        span = v.num("span_days")
        return t("c_active_days", span=t.integer(span)) if span else t("c_active_days_plain")
    if ident == "span_days":
        first, last = v.val("first_tweet_at"), v.val("last_tweet_at")
        if isinstance(first, str) and isinstance(last, str):
            return t("c_span_days", first=t.date(first), last=t.date(last))
    return None


def verdict(v: View) -> tuple[str, ...]:
    """The first screen: a few sentences, each true of the figure it quotes."""
    t = v.t
    lines = []
    tpd, active, span = v.num("tweets_per_day"), v.num("active_days"), v.num("span_days")
    if tpd is not None and active is not None and span:
        lines.append(t("v_pace", tpd=t.number(tpd), active=t.integer(active), span=t.integer(span)))
    conv = v.num("conversation_share")
    if conv is not None:
        key = "v_conv_high" if conv >= CONVERSATION_HIGH else "v_conv_mid" if conv >= CONVERSATION_LOW else "v_conv_low"
        lines.append(t(key, share=t.share(conv)))
    top10, points = v.num("engagement_top10_share"), _top10_points(v)
    if top10 is not None and points in TOP10_READING and not _too_few(v):
        lines.append(t(f"v_{TOP10_READING[points]}", share=t.share(top10)))
    mutual, interacted = v.num("mutual_share"), v.num("followers_interacted_share")
    if mutual is not None and interacted is not None:
        lines.append(t("v_friends", mutual=t.share(mutual), interacted=t.share(interacted)))
    elif mutual is not None:
        lines.append(t("v_friends_only", mutual=t.share(mutual)))
    ratio = v.num("following_followers_ratio")
    if ratio is not None:
        lines.append(t("v_ratio", ratio=t.decimal(ratio, 2)))
    return tuple(lines) or (t("verdict_none"),)
