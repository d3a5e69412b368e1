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
FOLLOW_BACK_LISTED = 20  # followers_to_follow_back lists at most this many
# The guard's figures: said in the sentence under the verdict, not in the table of what it rests on.
GUARD_FIGURES = ("own_tweets", "engagement", "tweets_without_counts")


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


def minute_claim(v: View, *ids: str) -> None:
    """Figures drawn elsewhere (the verdict's on the first screen, a funnel's steps in the funnel): their
    place in the layout draws nothing."""
    for ident in ids:
        v.claim(ident)


def _reason_rows(v: View) -> list[dict[str, Any]]:
    return v.rows("strategy_verdict_reasons")


def signal(v: View, figure: str, period: str = "all") -> dict[str, Any] | None:
    """One row of strategy_verdict_reasons: a figure in a period, or None."""
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
    if v.res("tweets_total") is not None and v.num("tweets_total") is None:  # unknown: no tweet file
        return t("verdict_no_tweets")
    tweets, engagement = signal(v, "own_tweets"), signal(v, "engagement")
    without = signal(v, "tweets_without_counts")
    n = _number(tweets)
    if n == 0 and _number(without) > 0:
        return t("verdict_no_counts")
    return t("verdict_too_little", tweets=t.integer(n), engagement=t.integer(_number(engagement)))


def _number(row: dict[str, Any] | None) -> float:
    value = row.get("value") if row else None
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


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
    top, engaged = signal(v, "top_tweet_share"), signal(v, "engaged_tweets_share")
    if not top or not isinstance(top.get("value"), (int, float)) or not engaged:
        return ""
    return t("m_concentration", top=t.share(top["value"]), n=t.integer(top.get("n") or 0),
             engaged=t.share(engaged.get("value") or 0))


def conversation(v: View) -> str:
    t = v.t
    share = signal(v, "conversation_share")
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
    if value not in ("toward_long_term", "toward_buzz", "stable", "not_enough_data"):
        return ""
    if value == "not_enough_data" and v.val("strategy_verdict") in (None, "not_enough_data"):
        return ""  # the sentence under the verdict already says there is too little
    recent = signal(v, "own_tweets", "recent")
    n = recent.get("value") if recent else None
    return t(f"m_trend_{value}", n=t.integer(n if isinstance(n, (int, float)) else 0))


def next_steps(v: View) -> list[str]:
    """Two or three things to do, from the data; the last is always to measure again."""
    t = v.t
    steps = []
    never = v.rows("friends_never_addressed")
    if never:
        # The list stops at 200 rows: the whole count is mutuals less those talked with, where known.
        mutuals, talked = v.num("mutuals"), v.num("mutuals_talked")
        total = int(mutuals - talked) if mutuals is not None and talked is not None else len(never)
        steps.append(t("step_friends", names=_named(v, never, max(total, len(never)))))
    back = v.rows("followers_to_follow_back")
    if back:
        # The list stops at its 20 first: past that, how many more is not known here.
        steps.append(t("step_follow_back", names=_named(v, back, None if len(back) >= FOLLOW_BACK_LISTED else len(back))))
    conv = signal(v, "conversation_share")
    if conv and isinstance(conv.get("value"), (int, float)) and conv["value"] < 0.3:
        steps.append(t("step_converse"))
    return steps[:2] + [t("step_diff")]


def _named(v: View, rows: list[dict[str, Any]], total: int | None) -> str:
    """The first accounts of a list by handle (or id), then how many more of `total` (None: unknown)."""
    t = v.t
    names = [v.accounts.label(r.get("account_id"), r.get("screen_name")).text for r in rows[:MAX_NAMED]]
    if total is None:
        return t.list_and(names) + t("and_others")
    more = total - len(names)
    return t.list_and(names) + (t("and_more", n=t.integer(more)) if more > 0 else "")


def reasons_table(v: View) -> Table | None:
    """What the verdict rests on: each figure, its value, its n, and which way it points; with the trend, the
    same figure before and in the recent period (with their n)."""
    t = v.t
    rows = [r for r in _reason_rows(v) if r.get("period") == "all" and r.get("figure") not in GUARD_FIGURES]
    if not rows:
        return None
    with_trend = v.val("strategy_trend") in ("toward_long_term", "toward_buzz", "stable")

    def value(r: dict[str, Any] | None) -> Cell:
        x = r.get("value") if r else None
        if not isinstance(x, (int, float)) or isinstance(x, bool):
            return Cell("–", numeric=True)
        n = r.get("n") if r else None
        sub = t("sig_n_is", n=t.integer(n)) if with_trend and isinstance(n, int) else ""
        return Cell(t.share(x) if x <= 1 else t.number(x), numeric=True, sub=sub)

    body = []
    for r in rows:
        figure, n, points = str(r.get("figure")), r.get("n"), str(r.get("points") or "")
        cells = [
            Cell(t(f"sig_{figure}") if t.has(f"sig_{figure}") else figure),
            value(r) if with_trend or r.get("value") is not None else Cell(t("unknown"), numeric=True),
        ]
        if not with_trend:
            cells.append(Cell(t.integer(n) if isinstance(n, (int, float)) else "–", numeric=True))
        cells.append(Cell(t(f"points_{points}") if t.has(f"points_{points}") else points))
        if with_trend:
            cells += [value(signal(v, figure, "before")), value(signal(v, figure, "recent"))]
        body.append(tuple(cells))
    if with_trend:
        columns = (t("sig_figure"), t("sig_all"), t("sig_points"), t("sig_before"), t("sig_recent"))  # n under each
        return Table(columns, (False, True, False, True, True), tuple(body), note=t("sig_trend_note"))
    return Table((t("sig_figure"), t("value"), t("sig_n"), t("sig_points")), (False, True, True, False), tuple(body))
