"""The batch's index.html: every archive's key figures, failures and why, and each account's growth."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

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


def _link(report: str) -> str | None:
    """Only relative links to the batch's own reports folder."""
    return report if report.startswith("reports/") and ".." not in report and ":" not in report else None


def render_batch_index(rows: Sequence[dict[str, Any]], accounts: Sequence[dict[str, Any]], *, generated_at: str) -> str:
    """Render index.html from plain rows (one per archive) and the growth of each account."""
    from roost.report import jinja_env

    template = jinja_env().get_template("batch_index.html.j2")
    archives = [
        {
            "source": r["source"],
            "status": r["status"],
            "error": r["error"],
            "account_id": r["account_id"],
            "username": r["username"],
            "generated_at": (r["generated_at"] or "")[:10],
            "report": _link(r["report"] or ""),
            "values": [(c, r.get(c)) for c in INDEX_COLUMNS],
        }
        for r in rows
    ]
    return template.render(
        archives=archives,
        columns=INDEX_COLUMNS,
        accounts=[a for a in accounts if len(a["snapshots"]) > 1],
        failed=sum(1 for r in rows if r["status"] == "failed"),
        generated_at=generated_at,
        version=__version__,
    )
