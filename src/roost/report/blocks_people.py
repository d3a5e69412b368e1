"""Blocks about people and tweets: apps and languages, top tweets, relayed accounts, the road from followers
to conversation, partners, followers' account age, fit with a field and a site."""

from __future__ import annotations

from typing import Any

from roost import charts
from roost.report import readings
from roost.report.model import Block, Card, Cell, FunnelStep, Table, TweetItem
from roost.report.text import clean, web_link
from roost.report.view import View

MAX_TABLE_ROWS = 100
MAX_TEXT = 280


def _whole(v: View, x: Any) -> str:
    return v.t.integer(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else "–"


def share_table(v: View, ident: str) -> Block | None:
    """Apps or languages with their tweets and share."""
    t = v.t
    key, title, heading = {
        "clients": ("client", t("clients"), t("client")),
        "languages": ("lang", t("languages"), t("language")),
    }.get(ident, ("name", v.title(ident), ""))
    r = v.claim(ident)
    if r is None:
        return None
    if r.value is None:
        return v.unknown(title, r)
    rows = v.rows(ident)[:MAX_TABLE_ROWS]
    if not rows:
        return Block("notes", title=title, notes=(t("empty"),))
    top = max((x.get("share") or 0 for x in rows if isinstance(x.get("share"), (int, float))), default=0)
    cells = []
    for x in rows:
        name = clean(x.get(key), 80) if x.get(key) is not None else "–"
        sub = ""
        if ident == "languages" and t.language_name(name):
            name, sub = t.language_name(name) or name, name
        share = x.get("share")
        cells.append((
            Cell(name, sub=sub),
            Cell(_whole(v, x.get("tweets") or 0), numeric=True),
            Cell(t.share(share) if isinstance(share, (int, float)) else "–", numeric=True,
                 bar=charts.share_width(share, top) if isinstance(share, (int, float)) else None),
        ))
    table = Table((heading, t("tweets"), t("share")), (False, True, True), tuple(cells))
    return Block("table", title=title, desc=v.plain(r), table=table)


def top_tweets(v: View, ident: str) -> Block | None:
    """The owner's best tweets, their t.co links shown expanded (the indicator's `text_expanded`)."""
    t = v.t
    title = t("top_rt") if ident == "top_tweets_by_retweets" else t("top_likes")
    r = v.claim(ident)
    if r is None:
        return None
    if r.value is None:
        return v.unknown(title, r)
    rows = v.rows(ident)[:MAX_TABLE_ROWS]
    if not rows:
        return Block("notes", title=title, notes=(t("empty"),))
    items = []
    for x in rows:
        tweet_id = str(x.get("tweet_id") or "")
        expanded = x.get("text_expanded")
        text = expanded if isinstance(expanded, str) else str(x.get("full_text") or "")
        if x.get("text_left_out") is True:  # protected, or --no-text: blanked before rendering
            text = t("text_left_out")
        href = web_link(x.get("url")) or (f"https://x.com/i/web/status/{tweet_id}" if tweet_id.isdigit() else "")
        created = x.get("created_at")
        likes, retweets = x.get("likes"), x.get("retweets")
        items.append(TweetItem(
            text=clean(v.accounts.text(text), MAX_TEXT),
            date=t.date(created) if isinstance(created, str) else "",
            likes=_whole(v, likes),
            likes_word=t("like_word") if likes == 1 else t("likes_word"),
            retweets=_whole(v, retweets),
            retweets_word=t("retweet_word") if retweets == 1 else t("retweets_word"),
            href=href,
        ))
    return Block("tweets", title=title, desc=v.plain(r), tweets=tuple(items))


def relayed(v: View, ident: str) -> Block | None:
    t = v.t
    r = v.claim(ident)
    if r is None:
        return None
    title = t("top_relayed_accounts")
    if r.value is None:
        return v.unknown(title, r)
    rows = v.rows(ident)[:MAX_TABLE_ROWS]
    if not rows:
        return Block("notes", title=title, notes=(t("empty"),))
    top = max((x.get("retweets") or 0 for x in rows if isinstance(x.get("retweets"), (int, float))), default=0)
    cells = tuple(
        (v.accounts.label(x.get("account_id"), x.get("screen_name")),
         Cell(_whole(v, x.get("retweets")), numeric=True, bar=charts.share_width(x.get("retweets"), top)))
        for x in rows
    )
    return Block("table", title=title, desc=v.plain(r),
                 table=Table((t("account_col"), t("retweets")), (False, True), cells))


def funnel(v: View, *idents: str) -> Block | None:
    """From followers to conversation: each step (the ids after the first) as a share of followers."""
    t = v.t
    keys = {"mutuals": "f_mutuals", "mutuals_talked": "f_mutuals_talked", "followers_interacted": "f_interacted",
            "followers_dm_partners": "f_dm"}
    base = idents[0]
    followers = v.num(base)
    if followers is None:
        return None  # unknown: said once, in the box of what this archive can tell
    steps = [FunnelStep(t("f_followers"), t.integer(followers), t("of_followers", share=t.share(1.0)) if followers else "",
                        100.0 if followers else 0.0)]
    for ident in idents[1:]:
        r = v.res(ident)
        if r is None:
            continue
        x = v.num(ident)
        label = t(keys[ident]) if ident in keys else v.title(ident)
        if x is None:
            continue  # unknown: said once, in the box of what this archive can tell
        share = x / followers if followers else None
        steps.append(FunnelStep(label, t.integer(x), t("of_followers", share=t.share(share)) if share is not None else "",
                                charts.share_width(x, followers)))
    return Block("funnel", title=t("funnel"), desc=t("funnel_desc"), funnel=tuple(steps))


def partners(v: View, ident: str) -> Block | None:
    t = v.t
    r = v.claim(ident)
    if r is None:
        return None
    title = t("partners")
    if r.value is None:
        return v.unknown(title, r)
    rows = v.rows(ident)[:MAX_TABLE_ROWS]
    if not rows:
        return Block("notes", title=title, notes=(t("empty"),))

    def yes_no(x: Any) -> Cell:
        return Cell("–" if x is None else t("yes") if x else t("no"))

    top = max((x.get("total") or 0 for x in rows if isinstance(x.get("total"), (int, float))), default=0)
    cells = tuple(
        (
            v.accounts.label(x.get("account_id"), x.get("screen_name")),
            Cell(_whole(v, x.get("replies") or 0), numeric=True),
            Cell(_whole(v, x.get("mentions") or 0), numeric=True),
            Cell(_whole(v, x.get("total") or 0), numeric=True, bar=charts.share_width(x.get("total"), top)),
            yes_no(x.get("is_follower")),
            yes_no(x.get("you_follow")),
        )
        for x in rows
    )
    table = Table(
        (t("account_col"), t("replies"), t("mentions"), t("total"), t("is_follower"), t("you_follow")),
        (False, True, True, True, False, False),
        cells,
    )
    return Block("table", title=title, desc=v.plain(r), table=table)


def account_age(v: View, ident: str) -> Block | None:
    t = v.t
    r = v.claim(ident)
    if r is None:
        return None
    title = t("account_age")
    if r.value is None:
        return v.unknown(title, r)
    rows = v.rows(ident)
    plausible = [x for x in rows if isinstance(x.get("year"), int) and 2006 <= x["year"] <= 2100]
    dated = sorted(plausible, key=lambda x: x["year"])
    undated = sum(x.get("followers") or 0 for x in rows if x.get("year") is None
                  and isinstance(x.get("followers"), (int, float)))
    if not dated and not undated:
        return Block("notes", title=title, notes=(t("empty"),))
    desc = t("account_age_desc", undated=t.integer(undated)) if undated else t("account_age_desc_plain")
    table_rows = [(Cell(str(x["year"])), Cell(_whole(v, x.get("followers") or 0), numeric=True)) for x in dated]
    if undated:
        table_rows.append((Cell(t("undated")), Cell(t.integer(undated), numeric=True)))
    table = Table((t("year"), t("followers")), (False, True), tuple(table_rows))
    if not dated:
        return Block("table", title=title, desc=desc, table=table)
    years = list(range(dated[0]["year"], dated[-1]["year"] + 1))
    by_year = {x["year"]: x.get("followers") or 0 for x in dated}
    values = [float(by_year.get(y, 0)) if isinstance(by_year.get(y, 0), (int, float)) else 0.0 for y in years]
    titles = [f"{y}: {t.integer(n)} {t('followers').lower()}" for y, n in zip(years, values, strict=True)]
    ticks = [(i, str(y)) for i, y in enumerate(years) if len(years) <= 16 or y % 2 == 0]
    chart = charts.column_chart(values, titles, ticks, t.axis, title=title, height=200, integers=True)
    narrow_ticks = [(i, str(y)) for i, y in enumerate(years) if len(years) <= 6 or (y - years[0]) % 4 == 0]
    narrow = charts.column_chart(values, titles, narrow_ticks, t.axis, title=title, height=200, integers=True,
                                 width=360, left=40)
    return Block("chart", title=title, desc=desc, chart=chart, table=table, narrow=narrow)


def fit(v: View, *idents: str) -> list[Block | None]:
    """Fit with a field (--topic) and a site (--site): the cards, or how to get them."""
    t = v.t
    cards: list[Card | None] = []
    hints: list[str] = []
    for ident in idents:
        r = v.res(ident)
        if r is None:
            continue
        option = (r.args or {}).get("option")
        if r.value is not None and readings.too_few(v, ident):
            sizes = readings.groups(v, ident)
            v.placed.add(ident)
            hints.append(t("r_too_few", title=v.title(ident), n=t.integer(sizes[0] if sizes else 0)))
            continue
        if r.value is None and r.code == "needs_option" and isinstance(option, str) and option in r.d.params:
            v.placed.add(ident)
            hint = t(f"fit_hint_{option}") if t.has(f"fit_hint_{option}") else v.why(r)
            if hint not in hints:
                hints.append(hint)
        else:
            cards.append(v.card(ident, readings.card_sentence(v, ident)))
    blocks: list[Block | None] = [v.cards(*cards, title=t("fit"))]
    if hints:
        blocks.append(Block("notes", title="" if any(cards) else t("fit"), notes=tuple(hints)))
    return blocks
