"""Blocks drawn over time: tweets per month, the weekly heatmap, the mix of tweets, engagement and buzz days."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from roost import charts
from roost.report.model import Block, Cell, Table
from roost.report.text import clean
from roost.report.view import View

MAX_TABLE_ROWS = 100
MAX_MONTHS = 360
NARROW_WIDTH, NARROW_LEFT = 360.0, 40.0  # a chart's view box on a phone
NARROW_PERIODS = 24
TWEET_TYPES = ("original", "reply", "thread", "retweet", "quote")
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def months_axis(v: View) -> list[str]:
    """Every month from the first to the last with tweets or engagement figures (gaps filled)."""
    keys = set()
    series = v.val("tweets_per_month")
    if isinstance(series, dict):
        keys |= {k for k in series if _MONTH.match(k)}
    keys |= {str(r.get("month")) for r in v.rows("engagement_per_month") if _MONTH.match(str(r.get("month")))}
    if not keys:
        return []
    last = max(keys)
    # At most MAX_MONTHS bars: a tweet dated 1970 by a broken client must not draw fifty empty years.
    y, m = int(last[:4]), int(last[5:])
    first = max(min(keys), f"{y - MAX_MONTHS // 12:04d}-{m:02d}")
    y, m = int(first[:4]), int(first[5:])
    out: list[str] = []
    while f"{y:04d}-{m:02d}" <= last and len(out) <= MAX_MONTHS:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_ticks(v: View, months: Sequence[str]) -> list[tuple[int, str]]:
    n = len(months)
    if n <= 12:
        return [(i, v.t.month(k)) for i, k in enumerate(months)]
    if n <= 36:
        return [(i, v.t.month(k)) for i, k in enumerate(months) if int(k[5:]) in (1, 7) or i == 0]
    years = n / 12
    every = max(1, -(-int(years) // 14))
    return [
        (i, k[:4]) for i, k in enumerate(months)
        if (k.endswith("-01") or (i == 0 and int(k[5:]) <= 6)) and int(k[:4]) % every == 0
    ]


def buzz_marks(v: View, months: Sequence[str]) -> dict[int, str]:
    t = v.t
    by_month: dict[str, list[str]] = {}
    days = sorted(
        (str(r.get("day")), r.get("engagement")) for r in v.rows("buzz_days")
        if re.match(r"^\d{4}-\d{2}-\d{2}$", str(r.get("day") or ""))
    )
    for day, engagement in days:
        label = t.date(day) + (f" ({t.integer(engagement)})" if isinstance(engagement, (int, float)) else "")
        by_month.setdefault(day[:7], []).append(label)
    index = {k: i for i, k in enumerate(months)}
    return {index[m]: f"{t('buzz_days')}: " + ", ".join(labels) for m, labels in by_month.items() if m in index}


def _recent(months: Sequence[str]) -> int:
    """Where a phone's chart starts: the last NARROW_PERIODS periods."""
    return max(0, len(months) - NARROW_PERIODS)


def _narrow_note(v: View, months: Sequence[str]) -> str:
    return v.t("narrow_recent", n=NARROW_PERIODS) if len(months) > NARROW_PERIODS else ""


def _narrow_ticks(v: View, months: Sequence[str], *, yearly: bool = False) -> list[tuple[int, str]]:
    if yearly:
        return [(i, k) for i, k in enumerate(months) if len(months) <= 8 or i % 3 == 0]
    return [(i, v.t.month(k)) for i, k in enumerate(months) if i % 6 == 0 or len(months) <= 6]


def timeline(v: View, ident: str) -> Block | None:
    t = v.t
    r = v.claim(ident)
    if r is None:
        return None
    if r.value is None:
        return v.unknown(t("timeline"), r)
    months = months_axis(v)
    series = r.value if isinstance(r.value, dict) else {}
    if not months:
        return Block("notes", title=t("timeline"), notes=(t("empty"),))
    values = [float(series.get(k, 0) or 0) if isinstance(series.get(k, 0), (int, float)) else 0.0 for k in months]
    marks = buzz_marks(v, months)
    titles = [f"{t.month(k)}: {t.integer(x)} {t('tweets').lower()}" for k, x in zip(months, values, strict=True)]
    chart = charts.column_chart(values, titles, month_ticks(v, months), t.axis, marked=marks, title=t("timeline"),
                                integers=True)
    cut = _recent(months)
    narrow = charts.column_chart(values[cut:], titles[cut:], _narrow_ticks(v, months[cut:]), t.axis,
                                 marked={i - cut: m for i, m in marks.items() if i >= cut}, title=t("timeline"),
                                 integers=True, width=NARROW_WIDTH, left=NARROW_LEFT)
    table = Table(
        (t("month"), t("tweets")),
        (False, True),
        tuple((Cell(t.month(k)), Cell(t.integer(x if isinstance(x, (int, float)) else 0), numeric=True))
              for k, x in sorted(series.items())),
    )
    desc = (t("timeline_desc") if marks else t("timeline_desc_plain")) + " " + t("utc_note")
    return Block("chart", title=t("timeline"), desc=desc, chart=chart, table=table, narrow=narrow,
                 narrow_note=_narrow_note(v, months))


def heatmap(v: View, ident: str) -> Block | None:
    t = v.t
    r = v.claim(ident)
    if r is None:
        return None
    if r.value is None:
        return v.unknown(t("heatmap"), r)
    counts: dict[tuple[int, int], float] = {}
    for row in v.rows(ident):
        d, h, n = row.get("weekday"), row.get("hour"), row.get("tweets")
        if isinstance(d, int) and isinstance(h, int) and isinstance(n, (int, float)) and 0 <= d < 7 and 0 <= h < 24:
            counts[(d, h)] = counts.get((d, h), 0) + n
    if not counts:
        return Block("notes", title=t("heatmap"), notes=(t("empty"),))

    def title(d: int, h: int, n: float) -> str:
        return f"{t.weekday(d)} {h:02d}:00–{(h + 1) % 24:02d}:00: {t.integer(n)} {t('tweets').lower()}"

    grid = charts.heatmap(counts, [t.weekday(d) for d in range(7)], [str(h) for h in range(24)], title,
                          title=t("heatmap"))
    upright = charts.heatmap({(h, d): n for (d, h), n in counts.items()}, [f"{h}:00" for h in range(24)],
                             [t.weekday(d) for d in range(7)], lambda h, d, n: title(d, h, n), cell_w=44, cell_h=18,
                             left=46, title=t("heatmap"))
    table = Table(
        (t("weekday"), *[f"{h}" for h in range(24)]),
        (False, *[True] * 24),
        tuple(
            (Cell(t.weekday(d)), *[Cell(t.integer(counts.get((d, h), 0)), numeric=True) for h in range(24)])
            for d in range(7)
        ),
    )
    desc = t("heatmap_desc", tz=v.tz_sentence())
    undated = v.fact_int("tweets_without_time")
    if undated:
        desc += " " + t("heatmap_no_time", n=t.integer(undated))
    return Block("heatmap", title=t("heatmap"), desc=desc, heatmap=grid, table=table, narrow=upright)


def mix(v: View, ident: str) -> Block | None:
    t = v.t
    r = v.claim(ident)
    if r is None:
        return None
    if r.value is None:
        return v.unknown(t("mix"), r)
    rows = [row for row in v.rows(ident) if _MONTH.match(str(row.get("month")))]
    if not rows:
        return Block("notes", title=t("mix"), notes=(t("empty"),))
    per_year = len(rows) > 60
    periods: dict[str, list[float]] = {}
    for row in sorted(rows, key=lambda x: str(x["month"])):
        key = str(row["month"])[:4] if per_year else str(row["month"])
        acc = periods.setdefault(key, [0.0] * len(TWEET_TYPES))
        for j, kind in enumerate(TWEET_TYPES):
            x = row.get(kind)
            acc[j] += x if isinstance(x, (int, float)) else 0
    keys = list(periods)
    names = [t(f"t_{k}") for k in TWEET_TYPES]

    def label(k: str) -> str:
        return k if per_year else t.month(k)

    titles = []
    for k in keys:
        total = sum(periods[k]) or 1
        titles.append([f"{label(k)}, {names[j]}: {t.integer(x)} ({t.share(x / total)})" for j, x in enumerate(periods[k])])
    if per_year:
        ticks = [(i, k) for i, k in enumerate(keys)]
        if len(keys) > 16:
            ticks = [(i, k) for i, k in enumerate(keys) if int(k) % 2 == 0]
    else:
        ticks = month_ticks(v, keys)
    chart = charts.stacked_share_chart([periods[k] for k in keys], titles, ticks, names, t.share, title=t("mix"))
    cut = _recent(keys)
    narrow = charts.stacked_share_chart([periods[k] for k in keys[cut:]], titles[cut:],
                                        _narrow_ticks(v, keys[cut:], yearly=per_year), names, t.share,
                                        title=t("mix"), width=NARROW_WIDTH, left=NARROW_LEFT)
    table = Table(
        (t("year") if per_year else t("month"), *names, t("total")),
        (False, *[True] * (len(TWEET_TYPES) + 1)),
        tuple(
            (Cell(label(k)), *[Cell(t.integer(x), numeric=True) for x in periods[k]],
             Cell(t.integer(sum(periods[k])), numeric=True))
            for k in keys
        ),
    )
    desc = t("mix_desc", period=t("per_year") if per_year else t("per_month"))
    return Block("chart", title=t("mix"), desc=desc, chart=chart, table=table, narrow=narrow,
                 narrow_note=_narrow_note(v, keys))


def engagement_chart(v: View, ident: str) -> Block | None:
    t = v.t
    r = v.claim(ident)
    if r is None:
        return None
    title = t("engagement_chart")
    if r.value is None:
        return v.unknown(title, r)
    rows = {str(x.get("month")): x for x in v.rows(ident)}
    months = months_axis(v)
    if not rows or not months or all(x.get("engagement_per_tweet") is None for x in rows.values()):
        reason = clean(v.limits(r)) if r.d.limits else t("empty")
        return Block("notes", title=title, notes=(t("none_yet", reason=reason.rstrip(".")),))
    values, titles = [], []
    for k in months:
        x = rows.get(k, {})
        e = x.get("engagement_per_tweet")
        e = float(e) if isinstance(e, (int, float)) else 0.0
        values.append(e)
        own = x.get("own_tweets")
        titles.append(f"{t.month(k)}: {t.number(e)} ({t.integer(own if isinstance(own, (int, float)) else 0)} "
                      f"{t('own_tweets').lower()})")
    marks = buzz_marks(v, months)
    chart = charts.column_chart(values, titles, month_ticks(v, months), t.axis, marked=marks, title=title)
    cut = _recent(months)
    narrow = charts.column_chart(values[cut:], titles[cut:], _narrow_ticks(v, months[cut:]), t.axis,
                                 marked={i - cut: m for i, m in marks.items() if i >= cut}, title=title, width=NARROW_WIDTH, left=NARROW_LEFT)

    def n(x: Any) -> Cell:
        if isinstance(x, float) and not x.is_integer():
            return Cell(t.number(x), numeric=True)
        return Cell(t.integer(x) if isinstance(x, (int, float)) else "–", numeric=True)

    table = Table(
        (t("month"), t("own_tweets"), t("likes"), t("retweets"), t("engagement_per_tweet")),
        (False, True, True, True, True),
        tuple(
            (Cell(t.month(k)), n(rows[k].get("own_tweets")), n(rows[k].get("likes")), n(rows[k].get("retweets")),
             n(rows[k].get("engagement_per_tweet")))
            for k in months if k in rows
        ),
    )
    return Block("chart", title=title, desc=t("engagement_chart_desc") + " " + t("utc_note"), chart=chart, table=table,
                 narrow=narrow, narrow_note=_narrow_note(v, months))


def buzz_days(v: View, ident: str) -> Block | None:
    t = v.t
    r = v.claim(ident)
    if r is None:
        return None
    title = t("buzz_days")
    if r.value is None:
        return v.unknown(title, r)
    rows = v.rows(ident)[:MAX_TABLE_ROWS]
    if not rows:
        reason = clean(v.limits(r)) if r.d.limits and v.num("likes_received") is None else t("empty")
        return Block("notes", title=title, notes=(reason if reason != t("empty") else t("no_buzz_days"),))
    top = max((x.get("engagement") or 0 for x in rows if isinstance(x.get("engagement"), (int, float))), default=0)

    def whole(x: Any) -> str:
        return t.integer(x) if isinstance(x, (int, float)) else "–"

    cells = tuple(
        (
            Cell(t.date(str(x.get("day") or ""))),
            Cell(whole(x.get("tweets")), numeric=True),
            Cell(whole(x.get("engagement")), numeric=True, bar=charts.share_width(x.get("engagement"), top)),
        )
        for x in rows
    )
    table = Table((t("day"), t("tweets"), t("engagement")), (False, True, True), cells)
    return Block("table", title=title, desc=t("buzz_days_desc"), table=table)
