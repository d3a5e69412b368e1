"""The batch's index.html: each account once (its newest archive's key figures, every snapshot linked),
the failed archives and why, and the growth of accounts with several archives."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from roost import __version__

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


def _shown(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:.3f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def _sized(account: dict[str, Any]) -> dict[str, Any]:
    """The account's growth with each counted change as a range: the template shows `|length` of each change,
    and a range has that length without holding a single id."""
    steps = [{k: range(v) if isinstance(v, int) else v for k, v in st.items()} for st in account["steps"]]
    return {**account, "steps": steps}


def render_batch_index(rows: Sequence[dict[str, Any]], accounts: Sequence[dict[str, Any]], *, generated_at: str) -> str:
    """Render index.html from plain rows (one per archive) and the growth of each account."""
    from roost.report import jinja_env

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
                "account": "@" + newest["username"] if newest["username"] else (newest["account_id"] or "unknown"),
                "account_id": newest["account_id"],
                "report": _link(newest["report"] or ""),
                "date": (newest["generated_at"] or "")[:10],
                "snapshots": [
                    {"date": (s["generated_at"] or "")[:10]
                     or ((s.get("last_tweet_at") or "")[:10] + " (last tweet)" if s.get("last_tweet_at") else "date unknown"),
                     "report": _link(s["report"] or ""),
                     "source": s["source"]}
                    for s in snaps
                ],
                "values": [(c, newest.get(c), _shown(newest.get(c))) for c in INDEX_COLUMNS],
            }
        )
    table.sort(key=lambda a: a["account"].lower())
    failed = [{"source": r["source"], "error": r["error"]} for r in rows if r["status"] == "failed"]
    return jinja_env().get_template("batch_index.html.j2").render(
        accounts_table=table,
        columns=INDEX_COLUMNS,
        failed=failed,
        archives=len(rows),
        growth=[_sized(a) for a in accounts if len(a["snapshots"]) > 1],
        generated_at=generated_at,
        version=__version__,
        script=Markup(SORT_SCRIPT),
        script_hash=SORT_HASH,
    )
