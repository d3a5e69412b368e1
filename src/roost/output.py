"""Print indicators and query results as a terminal table, JSON or CSV."""

from __future__ import annotations

import csv
import sys
from typing import Any

import duckdb
import orjson

from roost.errors import RoostError
from roost.options import FORMATS, check_choice


def check_format(fmt: str) -> None:
    """Refuse an unknown --format before any work is done."""
    check_choice("--format", fmt, FORMATS)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, (dict, list)):
        return orjson.dumps(v).decode()
    return str(v)


def _short(v: Any, shape: str) -> str:
    if v is None:
        return "unknown"
    if shape == "share" and isinstance(v, (int, float)):
        return f"{v:.1%}"
    if isinstance(v, float):
        return f"{v:,.3f}"
    if isinstance(v, int):
        return f"{v:,}"
    if isinstance(v, dict):
        return f"{len(v)} entries"
    if isinstance(v, list):
        return f"{len(v)} rows"
    return str(v)


def print_indicators(doc: dict[str, Any], fmt: str) -> None:
    """Write an analysis document's indicators to stdout in the chosen format."""
    if fmt == "json":
        sys.stdout.write(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    definitions = doc.get("definitions", {})
    unknown = doc.get("unknown", {})
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["id", "title", "shape", "value"])
        for k, value in doc["indicators"].items():
            d = definitions.get(k, {})
            w.writerow([k, d.get("title", k), d.get("shape", ""), _cell(value)])
        return
    from rich.console import Console
    from rich.table import Table

    acc = doc["account"]
    table = Table(title=f"@{acc.get('username') or '?'} ({acc.get('id') or 'unknown id'})", title_justify="left")
    table.add_column("indicator")
    table.add_column("value", justify="right")
    table.add_column("why unknown / note", overflow="fold")
    for k, value in doc["indicators"].items():
        note = unknown.get(k, {}).get("text", "") if value is None else ""
        table.add_row(k, _short(value, definitions.get(k, {}).get("shape", "")), note)
    Console(soft_wrap=False).print(table)
    archive = doc["archive"]
    Console().print(f"hours and weekdays in {archive['time_zone_used']} ({archive['time_zone_source']})")


def print_query(con: duckdb.DuckDBPyConnection, query: str, fmt: str) -> None:
    """Run a user's query and print its rows."""
    try:
        cur = con.execute(query)
        cols = [d[0] for d in cur.description or []]
        rows = cur.fetchall()
    except duckdb.Error as e:
        raise RoostError(f"the query fails: {str(e).strip().splitlines()[0][:300]}") from None
    if fmt == "json":
        from roost.indicators import _plain

        data = [dict(zip(cols, (_plain(x) for x in row), strict=True)) for row in rows]
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2, default=str).decode() + "\n")
    elif fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(cols)
        for row in rows:
            w.writerow([_cell(x) for x in row])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for c in cols:
            table.add_column(c)
        for row in rows:
            table.add_row(*(_cell(x) for x in row))
        Console().print(table)


_DIFF_LISTS = (
    ("followers_gained", "followers gained"),
    ("followers_lost", "followers lost"),
    ("follow_backs", "follow-backs (new mutuals)"),
    ("mutuals_lost", "mutuals lost"),
    ("following_added", "accounts you started following"),
    ("following_removed", "accounts you stopped following"),
)


def print_diff(result: dict[str, Any], fmt: str) -> None:
    """Print the changes between two snapshots of one account."""
    if fmt == "json":
        sys.stdout.write(orjson.dumps(result, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(["change", "account_id", "screen_name"])
        for key, _ in _DIFF_LISTS:
            for acc in result[key] or []:
                w.writerow([key, acc["account_id"], acc["screen_name"] or ""])
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    acc = result["account"]
    console.print(
        f"@{acc['username'] or acc['id']}: {result['old']['taken_at'] or '?'} -> {result['new']['taken_at'] or '?'}"
    )
    counts = Table("", "before", "after", "change")
    for name, (a, b) in result["counts"].items():
        delta = "" if a is None or b is None else f"{b - a:+,}"
        counts.add_row(name, _short(a, "number"), _short(b, "number"), delta)
    console.print(counts)
    for key, title in _DIFF_LISTS:
        accounts = result[key]
        if accounts is None:
            console.print(f"{title}: unknown (an archive has no follower or following file)")
            continue
        shown = ", ".join("@" + a["screen_name"] if a["screen_name"] else a["account_id"] for a in accounts[:30])
        more = f" and {len(accounts) - 30} more" if len(accounts) > 30 else ""
        console.print(f"{title} ({len(accounts)}): {shown}{more}")
