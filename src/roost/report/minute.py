"""The first screen, "in a minute": the verdict of the lesson's question (buzz or long-term work?), three to
five sentences each true of the figure it quotes (with its n), and two or three next steps from the data.

The verdict itself is an indicator (`strategy_verdict`, with `strategy_verdict_reasons` and
`strategy_trend`): this module only says it in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from roost.report.model import Cell, Table
from roost.report.view import View

VERDICTS = ("buzz", "long_term", "mixed", "not_enough_data")
MAX_NAMED = 5


@dataclass(frozen=True)
class Minute:
    """What the first screen draws."""

    verdict: str  # one of VERDICTS, or "" when the archive gives no verdict indicator
    headline: str
    why: str
    lines: tuple[str, ...]
    steps: tuple[str, ...]
    reasons: Table | None


def minute(v: View) -> Minute:
    """The first screen of the report."""
    t = v.t
    verdict = v.val("strategy_verdict")
    verdict = verdict if verdict in VERDICTS else ""
    headline = t(f"verdict_{verdict}") if verdict else t("verdict")
    lines = [line for line in (pace(v), concentration(v), conversation(v), friends(v), trend(v)) if line]
    return Minute(
        verdict=verdict,
        headline=headline,
        why=why(v, verdict),
        lines=tuple(lines[:5]) or (t("verdict_none"),),
        steps=tuple(next_steps(v)),
        reasons=reasons_table(v),
    )


def _reason_rows(v: View) -> list[dict[str, Any]]:
    return v.rows("strategy_verdict_reasons")


def _signal(v: View, figure: str, period: str = "all") -> dict[str, Any] | None:
    for row in _reason_rows(v):
        if row.get("figure") == figure and row.get("period") == period:
            return row
    return None


def why(v: View, verdict: str) -> str:
    """One sentence: why this verdict (or why none)."""
    t = v.t
    if not verdict:
        return ""
    if verdict != "not_enough_data":
        return t(f"verdict_{verdict}_why")
    tweets, engagement = _signal(v, "own_tweets"), _signal(v, "engagement")
    if v.res("strategy_verdict") is not None and (engagement is None or engagement.get("value") is None):
        return t("verdict_no_counts")
    n = tweets.get("value") if tweets else 0
    e = engagement.get("value") if engagement else 0
    return t("verdict_too_little", tweets=t.integer(n if isinstance(n, (int, float)) else 0),
             engagement=t.integer(e if isinstance(e, (int, float)) else 0))


def pace(v: View) -> str:
    t = v.t
    recent, tpd, span = v.num("tweets_last_12_months"), v.num("tweets_per_day"), v.num("span_days")
    if recent is not None and tpd is not None and span:
        if recent == 0:
            return t("m_pace_quiet", tpd=t.number(tpd), span=t.integer(span))
        return t("m_pace", n=t.integer(recent), per_day=t.number(recent / 365), tpd=t.number(tpd), span=t.integer(span))
    if tpd is not None and span:
        return t("m_pace_all", tpd=t.number(tpd), span=t.integer(span))
    return ""


def concentration(v: View) -> str:
    t = v.t
    top, engaged = _signal(v, "top_tweet_share"), _signal(v, "engaged_tweets_share")
    if not top or not isinstance(top.get("value"), (int, float)) or not engaged:
        return ""
    return t("m_concentration", top=t.share(top["value"]), n=t.integer(top.get("n") or 0),
             engaged=t.share(engaged.get("value") or 0))


def conversation(v: View) -> str:
    t = v.t
    share = _signal(v, "conversation_share")
    if not share or not isinstance(share.get("value"), (int, float)):
        return ""
    return t("m_conversation", share=t.share(share["value"]), n=t.integer(share.get("n") or 0))


def friends(v: View) -> str:
    t = v.t
    followers, mutuals, talked = v.num("followers"), v.num("mutuals"), v.num("mutuals_talked")
    if followers is None or mutuals is None or not followers:
        return ""
    if talked is None or not mutuals:
        return t("m_friends_only", share=t.share(mutuals / followers), mutuals=t.integer(mutuals),
                 followers=t.integer(followers))
    return t("m_friends", share=t.share(mutuals / followers), mutuals=t.integer(mutuals), followers=t.integer(followers),
             talked=t.integer(talked))


def trend(v: View) -> str:
    t = v.t
    value = v.val("strategy_trend")
    if value not in ("toward_long_term", "toward_buzz", "stable"):
        return ""
    recent = _signal(v, "own_tweets", "recent")
    n = recent.get("value") if recent else None
    return t(f"m_trend_{value}", n=t.integer(n if isinstance(n, (int, float)) else 0))


def next_steps(v: View) -> list[str]:
    """Two or three things to do, from the data; the last is always to measure again."""
    t = v.t
    steps = []
    never = v.rows("friends_never_addressed")
    if never:
        names = []
        for row in never[:MAX_NAMED]:
            cell = v.accounts.label(row.get("account_id"), row.get("screen_name"))
            names.append(cell.text)
        more = len(never) - len(names)
        listed = t.list_and(names) + (t("and_more", n=t.integer(more)) if more > 0 else "")
        steps.append(t("step_friends", names=listed))
    conv = _signal(v, "conversation_share")
    if conv and isinstance(conv.get("value"), (int, float)) and conv["value"] < 0.3:
        steps.append(t("step_converse"))
    steps.append(t("step_diff"))
    return steps[:3]


def reasons_table(v: View) -> Table | None:
    """What the verdict rests on: each figure, its value, its n, and which way it points."""
    t = v.t
    rows = [r for r in _reason_rows(v) if r.get("period") == "all" and r.get("figure") not in ("own_tweets", "engagement")]
    if not rows:
        return None
    body = []
    for r in rows:
        figure, value, n, points = str(r.get("figure")), r.get("value"), r.get("n"), str(r.get("points") or "")
        shown = t("unknown") if not isinstance(value, (int, float)) else (
            t.share(value) if value <= 1 else t.number(value))
        body.append((
            Cell(t(f"sig_{figure}") if t.has(f"sig_{figure}") else figure),
            Cell(shown, numeric=True),
            Cell(t.integer(n) if isinstance(n, (int, float)) else "–", numeric=True),
            Cell(t(f"points_{points}") if t.has(f"points_{points}") else points),
        ))
    return Table((t("sig_figure"), t("value"), t("sig_n"), t("sig_points")), (False, True, True, False), tuple(body))
