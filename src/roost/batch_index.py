"""The batch's index.html: each account once (its newest archive's key figures, every snapshot linked),
the failed archives and why, and the growth of accounts with several archives."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from roost import __version__
from roost.i18n import Translator, translator

# Columns of the index table: contract ids a reader compares across accounts.
INDEX_COLUMNS = (
    "followers",
    "following",
    "mutuals",
    "mutual_share",
    "tweets_total",
    "tweets_per_day",
    "retweets_received",
    "likes_received",
    "conversation_share",
    "followers_interacted_share",
    "engagement_top10_share",
)
PAGE_ROWS = 100  # accounts per page of the index
MAX_FAILED = 1000  # failed archives listed (all of them are in indicators.csv)
MAX_GROWTH = 200  # accounts whose growth is drawn (all of them are in the dataset)
# Sorting by a column header; roost's own code (never data), allowed by its hash in the CSP.
SORT_SCRIPT = """
document.querySelectorAll("table.sortable th button").forEach(function (button, i) {
  button.addEventListener("click", function () {
    var th = button.parentElement, table = th.closest("table"), body = table.tBodies[0];
    var col = Array.prototype.indexOf.call(th.parentElement.children, th);
    var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
    var key = function (row) {
      var cell = row.cells[col], v = cell.getAttribute("data-v");
      v = v === null ? cell.textContent.trim().toLowerCase() : v;
      var n = parseFloat(v);
      return v !== "" && !isNaN(n) && isFinite(v) ? [0, n] : [v === "" ? 2 : 1, v];
    };
    Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x = key(a), y = key(b);
      if (x[0] !== y[0]) return x[0] - y[0];
      return (x[1] > y[1] ? 1 : x[1] < y[1] ? -1 : 0) * dir;
    }).forEach(function (row) { body.appendChild(row); });
  });
});
"""
SORT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SORT_SCRIPT.encode()).digest()).decode()


def _link(report: str) -> str | None:
    """Only relative links into the batch's own reports folder."""
    return report if report.startswith("reports/") and ".." not in report and ":" not in report else None


def _shown(t: Translator, column: str, shapes: dict[str, str], v: Any) -> str:
    """A figure as the index's language writes it."""
    if v is None or isinstance(v, bool) or not isinstance(v, (int, float)):
        return "" if v is None else str(v)
    if shapes.get(column) == "share":
        return t.share(v)
    if isinstance(v, int):
        return t.integer(v)
    return t.number(v)


def _sized(account: dict[str, Any]) -> dict[str, Any]:
    """The account's growth with each counted change as a range: the template shows `|length` of each change,
    and a range has that length without holding a single id."""
    steps = [{k: range(v) if isinstance(v, int) else v for k, v in st.items()} for st in account["steps"]]
    return {**account, "steps": steps}


def _column_titles(lang: str) -> tuple[dict[str, str], dict[str, str]]:
    """(title, shape) of each index column, from the indicators' own SQL headers."""
    from roost.indicators import discover

    found = {ind.id: ind for ind in discover() if ind.id in INDEX_COLUMNS}
    titles = {c: (found[c].title_fr if lang == "fr" else found[c].title) if c in found else c for c in INDEX_COLUMNS}
    return titles, {c: found[c].shape for c in found}


def render_batch_index(rows: Sequence[dict[str, Any]], accounts: Sequence[dict[str, Any]], *, generated_at: str,
                       lang: str = "en") -> str:
    """Render index.html from plain rows (one per archive) and the growth of each account, in `lang`."""
    from roost.report import jinja_env

    t = translator(lang)
    titles, shapes = _column_titles(lang)
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        if r["status"] != "failed":
            groups.setdefault(r["account_id"] or f"source:{r['source']}", []).append(r)
    table = []
    for snaps in groups.values():
        snaps = sorted(snaps, key=lambda r: r["generated_at"] or r.get("last_tweet_at") or "")
        newest = snaps[-1]
        table.append(
            {
                "account": "@" + newest["username"] if newest["username"] else (newest["account_id"] or t("unknown")),
                "account_id": newest["account_id"],
                "report": _link(newest["report"] or ""),
                "date": t.date((newest["generated_at"] or "")[:10]),
                "snapshots": [
                    {"date": t.date((s["generated_at"] or "")[:10]) if s["generated_at"] else t("date_unknown"),
                     "report": _link(s["report"] or ""),
                     "source": s["source"]}
                    for s in snaps
                ],
                "values": [(c, newest.get(c), _shown(t, c, shapes, newest.get(c))) for c in INDEX_COLUMNS],
            }
        )
    table.sort(key=lambda a: a["account"].lower())
    failed = [{"source": r["source"], "error": r["error"]} for r in rows if r["status"] == "failed"]
    growth = [_sized(a) for a in accounts if len(a["snapshots"]) > 1]
    # Past PAGE_ROWS accounts the tables are cut into pages the reader opens one at a time (each a <details>),
    # so a batch of a thousand archives still opens fast.
    pages = [table[i : i + PAGE_ROWS] for i in range(0, len(table), PAGE_ROWS)] or [[]]
    return jinja_env().get_template("batch_index.html.j2").render(
        lang=lang,
        pages=pages,
        accounts_count=len(table),
        columns=[(c, titles[c]) for c in INDEX_COLUMNS],
        failed=failed[:MAX_FAILED],
        failed_count=len(failed),
        archives=len(rows),
        growth=growth[:MAX_GROWTH],
        growth_count=len(growth),
        generated_at=t.date(generated_at[:10]) if generated_at else "",
        version=__version__,
        script=Markup(SORT_SCRIPT),
        script_hash=SORT_HASH,
        _=t,
        n=t.integer,
    )
