"""What a whole batch writes: indicators.csv and .json, the growth of accounts with several archives, the
index; and the cleanup of roost's own leftovers."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from roost import __version__
from roost.batch.model import STATE_DIR, ArchiveOutcome, BatchOptions
from roost.files import TMP_PREFIX, write_atomic

# ----------------------------------------------------------------------------------------------------------
# Summaries: indicators.csv / indicators.json, growth of accounts with several snapshots, index.html


def write_summaries(out: Path, outcomes: list[ArchiveOutcome], lang: str = "en",
                    options: BatchOptions | None = None) -> None:
    """Write indicators.csv, indicators.json, index.html and dataset/datapackage.json for the whole batch."""
    from roost.batch.dataset import write_datapackage
    from roost.indicators import CORE_IDS

    options = options or BatchOptions(lang=lang)
    named = _namer(options)
    rows = []
    for o in outcomes:
        row: dict[str, Any] = {
            "source": named(o),
            "status": "failed" if o.status == "failed" else "done",
            "error": _error(o, named(o)) if options.pseudonymize else o.error,
            "account_id": o.account.get("id"),
            "username": o.account.get("username"),
            "generated_at": o.archive.get("generated_at"),
            "report": o.report,
        }
        for k in CORE_IDS:
            row[k] = o.indicators.get(k)
        rows.append(row)
    write_atomic(
        out / "indicators.json", orjson.dumps({"roost_version": __version__, "archives": rows}, option=orjson.OPT_INDENT_2)
    )
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()) if rows else ["source"], lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: orjson.dumps(v).decode() if isinstance(v, (dict, list)) else ("" if v is None else v) for k, v in row.items()})
    write_atomic(out / "indicators.csv", buf.getvalue().encode("utf-8"))
    accounts = account_growth(out, outcomes, named)
    from roost.batch_index import render_batch_index

    html = render_batch_index(rows, accounts, generated_at=_batch_time(outcomes), lang=lang)
    write_atomic(out / "index.html", html.encode("utf-8"))
    write_datapackage(out, options)


def _namer(options: BatchOptions) -> Callable[[ArchiveOutcome], str]:
    """How outputs name an archive: its source, or (pseudonymized) its key, as a file name may name its owner."""
    from roost.batch.work import pseudonymous_label

    if options.pseudonymize:
        return lambda o: pseudonymous_label(o.key)
    return lambda o: o.source


def _error(o: ArchiveOutcome, label: str) -> str:
    """A failed archive's error naming it by its label, not by its path."""
    error = o.error
    for name in sorted({o.source, o.source.split(" (", 1)[0]}, key=len, reverse=True):
        if name:
            error = error.replace(name, label)
    return error


def _batch_time(outcomes: list[ArchiveOutcome]) -> str:
    return max((o.archive.get("generated_at") or "" for o in outcomes), default="")


def account_growth(out: Path, outcomes: list[ArchiveOutcome],
                   named: Callable[[ArchiveOutcome], str] | None = None) -> list[dict[str, Any]]:
    """For every account with several archives: its snapshots in date order and how many accounts each change
    between two of them counts (the ids stay in the Parquet dataset; the index shows only counts)."""
    from roost.diff import growth

    by_owner: dict[str, list[ArchiveOutcome]] = {}
    for o in outcomes:
        if o.status != "failed" and o.account.get("id"):
            by_owner.setdefault(o.account["id"], []).append(o)
    result = []
    for owner, snaps in sorted(by_owner.items()):
        if len(snaps) < 2:
            continue
        snapshots = [_snapshot_from_dataset(out, o, named(o) if named else o.source) for o in snaps]
        snapshots.sort(key=lambda s: (s.taken_at is None, s.taken_at or dt.datetime.min.replace(tzinfo=dt.timezone.utc)))
        steps = [growth(a, b, lists=False) for a, b in itertools.pairwise(snapshots)]
        result.append(
            {
                "account_id": owner,
                "username": next((o.account.get("username") for o in snaps if o.account.get("username")), None),
                "snapshots": [
                    {"source": s.source, "taken_at": s.taken_at.strftime("%Y-%m-%d") if s.taken_at else None, **s.counts}
                    for s in snapshots
                ],
                "steps": steps,
            }
        )
    return result


def _snapshot_from_dataset(out: Path, o: ArchiveOutcome, source: str) -> Any:
    """Rebuild an archive's snapshot from its part of the Parquet dataset (no need to load it again)."""
    from roost.diff import Snapshot, network_counts, parquet_path
    from roost.load import connect

    def part(table: str) -> str:
        return str(out / "dataset" / table / f"archive_key={o.key}" / "part.parquet")

    with contextlib.closing(connect()) as con:

        def ids(table: str, data_type: str) -> str | None:
            row = con.execute(
                "select count(*) from read_parquet($files) where data_type = $type and status in ('loaded', 'blank')",
                {"files": parquet_path(part("archive_files")), "type": data_type},
            ).fetchone()
            return part(table) if row and row[0] else None

        taken = con.execute(
            "select coalesce(a.generated_at, (select max(created_at) from read_parquet($tweets))) "
            "from read_parquet($archive) as a",
            {"tweets": parquet_path(part("tweets")), "archive": parquet_path(part("archive"))},
        ).fetchone()
        followers, following = ids("followers", "follower"), ids("following", "following")
        return Snapshot(
            source=source,
            owner_id=o.account.get("id"),
            username=o.account.get("username"),
            taken_at=taken[0] if taken else None,
            taken_at_source="generation date" if o.archive.get("generated_at") else "last tweet",
            followers=followers,
            following=following,
            handles=part("handles"),
            counts=network_counts(con, followers, following),
        )


def clean_stale(out: Path) -> None:
    """Remove the temporary files a killed run left: only roost's own (`.roost-tmp-*`), only where roost writes."""
    folders = [out, out / "reports", out / "results", out / STATE_DIR, *(out / "dataset").glob("*/archive_key=*")]
    for folder in folders:
        if folder.is_symlink() or not folder.is_dir():
            continue
        for tmp in folder.glob(f"{TMP_PREFIX}*"):
            if tmp.is_symlink() or tmp.is_file():
                with contextlib.suppress(OSError):
                    tmp.unlink()
