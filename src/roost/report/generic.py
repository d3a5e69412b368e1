"""Indicators drawn by their shape alone (the ones no block names, and custom ones), and the last section:
every indicator's definition, the archive's files, the load's warnings, what no archive can tell."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from roost import charts
from roost.registry import PRIVATE_TYPES
from roost.report.model import Block, Cell, Table
from roost.report.text import clean, web_link
from roost.report.view import Res, View, short

MAX_TABLE_ROWS = 100
MAX_LIST_ROWS = 20  # a list the layout places: the first rows, the rest in the JSON
MAX_SERIES_BARS = 400
MAX_TEXT = 280
# Identifiers in a definition: ids and values of the indicator contract (`top_tweet_share`, `not_enough_data`)
# and options (`--topic`), drawn as code.
_IDENTIFIER = re.compile(r"--[a-z][a-z-]*|\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?$")


def generic(v: View, results: Sequence[Res], *, more: bool = False) -> list[Block | None]:
    """Numbers as cards, a series as columns, a table as a table."""
    blocks: list[Block | None] = []
    cards = [v.card(r.id, short(v.definition(r))) for r in results if r.d.shape in ("number", "share", "text")]
    blocks.append(v.cards(*cards, title=v.t("more") if more and cards else ""))
    for r in results:
        if r.d.shape == "series":
            blocks.append(generic_series(v, r))
        elif r.d.shape == "table":
            blocks.append(generic_table(v, r))
    return blocks


def custom(v: View) -> list[Block | None]:
    """The user's own indicators, and which ones a shared report left out."""
    pending = [r for r in v.results.values() if r.d.custom]
    left_out = sorted(v.private_custom)
    if not pending and not left_out:
        return []
    for r in pending:
        v.placed.add(r.id)
    blocks = generic(v, pending)
    if left_out:
        blocks.append(Block("notes", notes=(v.t("custom_private_left_out", ids=", ".join(left_out)),)))
    return blocks


def tables(v: View, *ids: str) -> list[Block | None]:
    """Table indicators the layout places, each drawn as a table."""
    out: list[Block | None] = []
    for ident in ids:
        r = v.claim(ident)
        if r is not None:
            out.append(generic_table(v, r, max_rows=MAX_LIST_ROWS))
    return out


def heading(v: View, column: str) -> str:
    """A table column's heading: the report's word for it where it has one, else its name."""
    key = f"col_{column}"
    return v.t(key) if v.t.has(key) else clean(column, 40)


def generic_series(v: View, r: Res) -> Block | None:
    t = v.t
    title = v.title(r.id)
    if r.value is None:
        return v.unknown(title, r)
    items = list(r.value.items()) if isinstance(r.value, dict) else []
    if not items:
        return Block("notes", title=title, desc=v.plain(r), notes=(t("empty"),))
    shown = items[:MAX_TABLE_ROWS]
    note = t("rows", n=t.integer(len(items))) if len(items) > len(shown) else ""
    table = Table(
        ("", t("value")), (False, True),
        tuple((Cell(clean(v.accounts.text(str(k)), 80)), value_cell(v, x, "value")) for k, x in shown),
        note=note,
    )
    numeric = all(isinstance(x, (int, float)) and not isinstance(x, bool) for _, x in items)
    if not numeric or len(items) > MAX_SERIES_BARS:
        return Block("table", title=title, desc=v.plain(r), table=table)
    values = [float(x) for _, x in items]
    titles = [f"{clean(v.accounts.text(str(k)), 60)}: {t.number(x)}" for k, x in items]
    step = max(1, -(-len(items) // 12))
    ticks = [(i, clean(v.accounts.text(str(k)), 12)) for i, (k, _) in enumerate(items) if i % step == 0]
    chart = charts.column_chart(values, titles, ticks, t.axis, title=title)
    return Block("chart", title=title, desc=v.plain(r), chart=chart, table=table)


def generic_table(v: View, r: Res, max_rows: int = MAX_TABLE_ROWS) -> Block | None:
    t = v.t
    title = v.title(r.id)
    if r.value is None:
        return v.unknown(title, r)
    rows = [x for x in r.value if isinstance(x, dict)] if isinstance(r.value, list) else []
    if not rows:
        return Block("notes", title=title, desc=v.plain(r), notes=(t("empty"),))
    columns = [c for c in rows[0] if isinstance(c, str)]
    id_cols = [c for c in columns if c in ("account_id", "user_id") or c.endswith(("_account_id", "_user_id"))]
    name_cols = [c for c in columns if c in ("screen_name", "handle", "username")
                 or c.endswith(("screen_name", "_handle", "_username"))]
    display_cols = [c for c in columns if c in ("name", "display_name") or c.endswith("_display_name")]
    account_cols = id_cols + name_cols + (display_cols if id_cols or name_cols else [])
    shown_cols = [c for c in columns if c not in account_cols]
    has_account = bool(account_cols)
    headings = ([t("account_col")] if has_account else []) + [heading(v, c) for c in shown_cols]
    numeric = ([False] if has_account else []) + [
        all(isinstance(x.get(c), (int, float)) and not isinstance(x.get(c), bool) for x in rows if x.get(c) is not None)
        and any(x.get(c) is not None for x in rows)
        for c in shown_cols
    ]
    body = []
    for x in rows[:max_rows]:
        cells = []
        if has_account:
            account_id = next((x.get(c) for c in id_cols if x.get(c) not in (None, "")), None)
            name = next((x.get(c) for c in name_cols if x.get(c) not in (None, "")), None)
            display = next((x.get(c) for c in display_cols if x.get(c) not in (None, "")), None)
            cells.append(v.accounts.label(account_id, name, display))
        cells += [value_cell(v, x.get(c), c) for c in shown_cols]
        body.append(tuple(cells))
    note = t("first_rows", shown=t.integer(max_rows), n=t.integer(len(rows))) if len(rows) > max_rows else ""
    table = Table(tuple(headings), tuple(numeric), tuple(body), note=note)
    return Block("table", title=title, desc=v.plain(r), table=table)


def identifiers(text: str) -> tuple[tuple[str, bool], ...]:
    """A definition in pieces: plain text, and the identifiers in it."""
    out: list[tuple[str, bool]] = []
    at = 0
    for m in _IDENTIFIER.finditer(text):
        if m.start() > at:
            out.append((text[at:m.start()], False))
        out.append((m.group(0), True))
        at = m.end()
    if at < len(text):
        out.append((text[at:], False))
    return tuple(out)


def value_cell(v: View, x: Any, column: str) -> Cell:
    t = v.t
    if x is None:
        return Cell("–")
    if isinstance(x, bool):
        return Cell(t("yes") if x else t("no"))
    if isinstance(x, (int, float)):
        if "share" in column and isinstance(x, float) and 0 <= x <= 1:
            return Cell(t.share(x), numeric=True)
        if column in ("year",) and isinstance(x, int):
            return Cell(str(x), numeric=True)
        return Cell(t.number(x), numeric=True)
    if isinstance(x, (list, dict)):
        return Cell(clean(v.accounts.text(str(x)), 120))
    s = str(x)
    if _ISO_TIME.match(s):
        return Cell(t.date(s))
    href = web_link(s) if ("url" in column or "link" in column) and not v.accounts.anonymize else ""
    return Cell(clean(v.accounts.text(s), MAX_TEXT), href=href)


def methods(v: View, warnings: Sequence[str]) -> list[Block | None]:
    """Every indicator with its value and definition, the files, the warnings, what no archive tells."""
    t = v.t
    rows = []
    for ident, r in v.results.items():
        if r.value is None:
            value = Cell(t("unknown"), sub=clean(v.why(r)))
        elif r.d.shape in ("series", "table"):
            n = len(r.value) if isinstance(r.value, (list, dict)) else 0
            value = Cell(t("see_above") if ident in v.placed else t("rows", n=t.integer(n)),
                         sub=t("rows", n=t.integer(n)) if ident in v.placed else "")
        else:
            value = Cell(v.fmt(r))
        definition = v.definition(r)
        rows.append((Cell(v.title(ident), sub=ident, sub_is_code=True), value,
                     Cell(definition, parts=identifiers(definition), sub=clean(v.limits(r)))))
    blocks: list[Block | None] = [
        Block("table", title=t("indicators"), folded=True,
              table=Table((t("indicator"), t("value"), t("definition")), (False, False, False), tuple(rows), cls="methods"))
    ]
    blocks.append(files(v))
    shown = [clean(w, 400) for w in warnings if isinstance(w, str) and not (v.share and mentions_private(w))]
    blocks.append(Block("notes", title=t("warnings"), notes=tuple(shown) or (t("no_warnings"),)))
    blocks.append(Block("notes", title=t("limits"), notes=(t("limit_1"), t("limit_2"), t("limit_3"))))
    return blocks


def files(v: View) -> Block | None:
    """The archive's data files: what was read of each, what its manifest said."""
    t = v.t
    listed = v.archive.get("files")
    rows = [f for f in listed if isinstance(f, dict)] if isinstance(listed, list) else []
    if not rows:
        return None

    def count(x: Any) -> str:
        return t.integer(x) if isinstance(x, int) and not isinstance(x, bool) else "–"

    body = []
    for f in rows[: MAX_TABLE_ROWS * 3]:
        data_type, status = str(f.get("data_type") or ""), str(f.get("status") or "")
        private = v.share and data_type in PRIVATE_TYPES
        status_key = f"status_{status}"
        body.append((
            Cell(clean(f.get("path"), 200), sub=clean(data_type, 60), sub_is_code=True),
            Cell(t("left_out") if private else count(f.get("items")), numeric=True),
            Cell(t("left_out") if private else count(f.get("manifest_count")), numeric=True),
            Cell(t(status_key) if t.has(status_key) else clean(status, 40)),
        ))
    note = t("rows", n=t.integer(len(rows))) if len(rows) > len(body) else ""
    table = Table((t("file"), t("items"), t("manifest"), t("status")), (False, True, True, False), tuple(body), note=note)
    return Block("table", title=t("files"), table=table, folded=True)


def mentions_private(warning: str) -> bool:
    """Whether a load warning is about a private file (a shared report leaves it out)."""
    from roost.registry import TYPES

    w = warning.lower()
    names = {ty.file.lower() for ty in TYPES if ty.private} | {ty.name for ty in TYPES if ty.private}
    return any(n in w for n in names) or any(k in w for k in ("phone", "email", "e-mail"))
