"""Many archives at once: one report each, an index, indicators as CSV and JSON, a Parquet dataset.

Each archive is one task (`process_archive`), run in worker processes (or on a Dask cluster); a failed
archive is recorded and the others go on. Finished work is keyed by the archive's content hash, so an
interrupted batch resumes without redoing it. Every output is written atomically.
"""

from __future__ import annotations

import concurrent.futures as cf
import csv
import datetime as dt
import hashlib
import io
import multiprocessing
import os
import tempfile
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from roost import __version__
from roost.errors import RoostError

# Tables exported to the Parquet dataset, with the columns left out for privacy (the dataset is meant
# to be queried across a corpus, often by someone other than the account owner).
DATASET_TABLES: dict[str, str] = {
    "archive": "select * exclude (email, phone_number, source_path) from archive",
    "archive_files": "select * from archive_files",
    "tweets": "select * exclude (entities, extended_entities) from tweets",
    "tweet_mentions": "select * from tweet_mentions",
    "tweet_hashtags": "select * from tweet_hashtags",
    "tweet_urls": "select * from tweet_urls",
    "tweet_media": "select * from tweet_media",
    "followers": "select * from followers",
    "following": "select * from following",
    "likes": "select * from likes",
    "interactions": "select * from interactions",
    "handles": "select * from handles",
    "dm_conversations": "select conversation_id, is_group, message_count, first_message_at, last_message_at, "
    "len(partner_ids) as partner_count from dm_conversations",
}
STATE_DIR = ".roost-batch"


@dataclass
class BatchOptions:
    """What every archive of the batch is processed with."""

    lang: str = "en"
    tz: str | None = None
    topic: tuple[str, ...] = ()
    site: str | None = None
    share: bool = False
    keep_handles: bool = False
    indicators_dirs: tuple[str, ...] = ()
    skip_broken: bool = False
    generated_at: str = ""  # ISO time shown in reports, passed in for determinism
    threads_per_job: int = 1


@dataclass
class ArchiveOutcome:
    """What happened to one archive of the batch."""

    source: str
    key: str
    status: str  # "done", "skipped" (already done and unchanged) or "failed"
    error: str = ""
    report: str = ""
    account: dict[str, Any] = field(default_factory=dict)
    archive: dict[str, Any] = field(default_factory=dict)
    indicators: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """One archive of the batch: a zip, a folder or a .duckdb, and which archive inside it when it holds several."""

    path: str
    root: str | None = None  # prefix of the archive inside a zip or folder that holds several

    @property
    def label(self) -> str:
        """How the archive is named in outputs and messages."""
        return self.path if self.root is None else f"{self.path} ({self.root.rstrip('/') or '.'})"


def looks_like_archive_folder(folder: Path) -> bool:
    """Whether a folder is itself an extracted archive (rather than a folder of archives)."""
    names = ("data/manifest.js", "data/tweets.js", "data/tweet.js", "tweet.js", "tweets.js", "account.js",
             "data/js/user_details.js", "data/account.js")
    return any((folder / n).is_file() for n in names)


def _inside(path: Path) -> list[Source]:
    """The archives of one zip or extracted folder: itself, or each archive it holds when it holds several."""
    from roost.archive import archive_roots

    try:
        roots = archive_roots(path) if path.suffix.lower() != ".duckdb" else []
    except RoostError:
        roots = []  # not an archive at all: processed alone, so it fails with its own reason
    if len(roots) > 1:
        return [Source(str(path), r) for r in roots]
    return [Source(str(path))]


def find_archives(inputs: Sequence[Path]) -> list[Source]:
    """Every archive named or found one level inside the folders given (zips, folders, .duckdb files);
    a zip or folder holding several archives gives each of them."""
    found: list[Path] = []
    for p in inputs:
        if not p.exists():
            raise RoostError(f"{p} does not exist: pass archives (.zip, folders, .duckdb) or a folder holding them")
        if p.is_file():
            found.append(p)
        elif looks_like_archive_folder(p):
            found.append(p)
        else:
            inner = sorted(
                c for c in p.iterdir()
                if (c.is_file() and c.suffix.lower() in (".zip", ".duckdb"))
                or (c.is_dir() and not c.name.startswith(".") and looks_like_archive_folder(c))
            )
            if not inner:
                raise RoostError(f"{p} holds no archive (.zip, .duckdb or extracted folder)")
            found.extend(inner)
    seen: set[Path] = set()
    unique: list[Source] = []
    for f in found:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.extend(_inside(f))
    return unique


def content_key(source: Source, options: BatchOptions) -> str:
    """A hash of the archive's bytes (for a folder, its data files) and of the options that shape outputs."""
    path = Path(source.path)
    h = hashlib.sha256()
    h.update(orjson.dumps({**options.__dict__, "generated_at": "", "threads_per_job": 0, "v": __version__,
                           "root": source.root}))
    if path.is_file():
        with open(path, "rb") as f:
            while chunk := f.read(1024 * 1024):
                h.update(chunk)
    else:
        for f in sorted(path.rglob("*")):
            if f.is_file() and not f.is_symlink() and f.suffix in (".js", ".csv"):
                h.update(f.relative_to(path).as_posix().encode() + b"\0")
                with open(f, "rb") as fh:
                    while chunk := fh.read(1024 * 1024):
                        h.update(chunk)
    return h.hexdigest()[:20]


def atomic_write_bytes(data: bytes, target: Path) -> None:
    """Write to a temporary file beside target, then rename it over target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def _safe_name(text: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_." else "-" for c in text)
    return keep.strip(".-")[:80] or "archive"


def process_archive(item: Source, key: str, out_dir: str, options: BatchOptions) -> ArchiveOutcome:
    """Load one archive, compute its indicators, write its report and its part of the Parquet dataset.

    Runs in a worker process (or a Dask worker): everything it returns is plain data.
    """
    from roost.indicators import Options, compute
    from roost.load import open_archive
    from roost.output import archive_info
    from roost.report import ReportOptions, build_report, default_report_name

    out = Path(out_dir)
    source = item.label
    try:
        with open_archive(Path(item.path), skip_broken=options.skip_broken, keep_raw=False, root=item.root) as loaded:
            con = loaded.con
            con.execute(f"set threads = {max(1, options.threads_per_job)}")
            results = compute(
                con,
                Options(tz=options.tz, topic=options.topic, site=options.site),
                extra_dirs=[Path(d) for d in options.indicators_dirs],
            )
            when = dt.datetime.fromisoformat(options.generated_at.replace("Z", "+00:00"))
            html = build_report(
                con,
                results,
                ReportOptions(
                    lang=options.lang, share=options.share, keep_handles=options.keep_handles, generated_at=when
                ),
                loaded.warnings,
            )
            report_name = f"{Path(default_report_name(con)).stem}-{key[:8]}.html"
            atomic_write_bytes(html.encode("utf-8"), out / "reports" / report_name)
            _export_dataset(con, out / "dataset", key)
            account, archive = archive_info(con)
            archive.pop("files", None)
            archive["source"] = source
            archive["time_zone_used"] = results.tz
            return ArchiveOutcome(
                source=source,
                key=key,
                status="done",
                report=f"reports/{report_name}",
                account=account,
                archive=archive,
                indicators=results.values(),
                warnings=list(loaded.warnings),
            )
    except RoostError as e:
        return ArchiveOutcome(source=source, key=key, status="failed", error=str(e))
    except Exception as e:  # noqa: BLE001 - one archive's crash must not stop the batch; it is a bug, shown as such
        where = traceback.extract_tb(e.__traceback__)[-1]
        return ArchiveOutcome(
            source=source, key=key, status="failed",
            error=f"internal error {type(e).__name__} at {Path(where.filename).name}:{where.lineno} (a bug in roost; please report it)",
        )


def _export_dataset(con: Any, dataset: Path, key: str) -> None:
    """Write each table as `dataset/<table>/archive_key=<key>/part.parquet`, each file atomically."""
    for table, query in DATASET_TABLES.items():
        folder = dataset / table / f"archive_key={key}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / "part.parquet"
        fd, tmp = tempfile.mkstemp(prefix=".part.", suffix=".parquet.tmp", dir=folder)
        os.close(fd)
        try:
            con.execute(f"copy ({query}) to '{tmp}' (format parquet, compression zstd)")
            os.replace(tmp, target)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


def _state_path(out: Path, key: str) -> Path:
    return out / STATE_DIR / f"{key}.json"


def load_state(out: Path, key: str) -> ArchiveOutcome | None:
    """The outcome of an earlier run for this content key, if its outputs are all still there."""
    p = _state_path(out, key)
    if not p.is_file():
        return None
    try:
        data = orjson.loads(p.read_bytes())
        outcome = ArchiveOutcome(**data)
    except (orjson.JSONDecodeError, TypeError):
        return None
    if outcome.status != "done" or not (out / outcome.report).is_file():
        return None
    if not all((out / "dataset" / t / f"archive_key={key}" / "part.parquet").is_file() for t in DATASET_TABLES):
        return None
    return outcome


def save_state(out: Path, outcome: ArchiveOutcome) -> None:
    """Remember a finished archive so a re-run skips it."""
    if outcome.status == "done":
        atomic_write_bytes(orjson.dumps(outcome.__dict__), _state_path(out, outcome.key))


Progress = Callable[[str, str, int, int], None]  # (archive, state, finished, total)


def run_batch(
    inputs: Sequence[Path],
    out: Path,
    options: BatchOptions,
    *,
    jobs: int | None = None,
    scheduler: str | None = None,
    progress: Progress | None = None,
) -> list[ArchiveOutcome]:
    """Process every archive, then write the index, the indicator tables and the growth of each account."""
    archives = find_archives(inputs)
    out.mkdir(parents=True, exist_ok=True)
    clean_stale(out)
    jobs = max(1, jobs or os.cpu_count() or 1)
    options.threads_per_job = max(1, (os.cpu_count() or 1) // jobs)
    if not options.generated_at:
        options.generated_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    outcomes: dict[str, ArchiveOutcome] = {}
    todo: list[tuple[Source, str]] = []
    total = len(archives)
    for item in archives:
        try:
            key = content_key(item, options)
        except OSError as e:
            outcomes[item.label] = ArchiveOutcome(item.label, "", "failed", error=f"{item.path} cannot be read ({e})")
            continue
        previous = load_state(out, key)
        if previous is not None:
            previous.status = "skipped"
            previous.source = item.label
            outcomes[item.label] = previous
            if progress:
                progress(item.label, "unchanged, skipped", len(outcomes), total)
        else:
            todo.append((item, key))
    for outcome in _execute(todo, out, options, jobs, scheduler, progress, len(outcomes), total):
        save_state(out, outcome)
        outcomes[outcome.source] = outcome
    ordered = [outcomes[item.label] for item in archives]
    write_summaries(out, ordered)
    return ordered


def _execute(
    todo: list[tuple[Source, str]],
    out: Path,
    options: BatchOptions,
    jobs: int,
    scheduler: str | None,
    progress: Progress | None,
    finished: int,
    total: int,
) -> Iterable[ArchiveOutcome]:
    if not todo:
        return
    if scheduler:
        yield from _execute_dask(todo, out, options, scheduler, progress, finished, total)
        return
    if jobs == 1 or len(todo) == 1:
        for item, key in todo:
            if progress:
                progress(item.label, "loading", finished, total)
            outcome = process_archive(item, key, str(out), options)
            finished += 1
            if progress:
                progress(item.label, outcome.status, finished, total)
            yield outcome
        return
    ctx = multiprocessing.get_context("spawn")
    # No max_tasks_per_child: with it, CPython 3.11's pool can hang once it replaces workers (seen at 50 archives).
    with cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        futures = {pool.submit(process_archive, s, k, str(out), options): s.label for s, k in todo}
        for fut in cf.as_completed(futures):
            source = futures[fut]
            try:
                outcome = fut.result()
            except Exception as e:  # noqa: BLE001 - a worker killed (out of memory, signal) fails one archive
                outcome = ArchiveOutcome(source, "", "failed", error=f"the worker processing it died ({type(e).__name__})")
            finished += 1
            if progress:
                progress(source, outcome.status, finished, total)
            yield outcome


def _execute_dask(
    todo: list[tuple[Source, str]],
    out: Path,
    options: BatchOptions,
    scheduler: str,
    progress: Progress | None,
    finished: int,
    total: int,
) -> Iterable[ArchiveOutcome]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise RoostError("--scheduler needs Dask: pip install 'roost[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as e:
        raise RoostError(f"cannot reach the Dask scheduler at {scheduler} ({type(e).__name__})") from None
    with client:
        labels = {f"roost-{k}": s.label for s, k in todo}
        futures = [client.submit(process_archive, s, k, str(out), options, pure=False, key=f"roost-{k}") for s, k in todo]
        for fut in as_completed(futures):
            try:
                outcome = fut.result()
            except Exception as e:  # noqa: BLE001 - a lost worker fails one archive, not the batch
                label = labels.get(str(fut.key), str(fut.key))
                outcome = ArchiveOutcome(label, "", "failed", error=f"the Dask task failed ({type(e).__name__})")
            finished += 1
            if progress:
                progress(outcome.source, outcome.status, finished, total)
            yield outcome


# ----------------------------------------------------------------------------------------------------------
# Summaries: indicators.csv / indicators.json, growth of accounts with several snapshots, index.html


def write_summaries(out: Path, outcomes: list[ArchiveOutcome]) -> None:
    """Write indicators.csv, indicators.json and index.html for the whole batch."""
    from roost.indicators import CORE_IDS

    rows = []
    for o in outcomes:
        row: dict[str, Any] = {
            "source": o.source,
            "status": "failed" if o.status == "failed" else "done",
            "error": o.error,
            "account_id": o.account.get("id"),
            "username": o.account.get("username"),
            "generated_at": o.archive.get("generated_at"),
            "report": o.report,
        }
        for k in CORE_IDS:
            row[k] = o.indicators.get(k)
        rows.append(row)
    atomic_write_bytes(
        orjson.dumps({"roost_version": __version__, "archives": rows}, option=orjson.OPT_INDENT_2), out / "indicators.json"
    )
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()) if rows else ["source"], lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: orjson.dumps(v).decode() if isinstance(v, (dict, list)) else ("" if v is None else v) for k, v in row.items()})
    atomic_write_bytes(buf.getvalue().encode("utf-8"), out / "indicators.csv")
    accounts = account_growth(out, outcomes)
    from roost.batch_index import render_batch_index

    html = render_batch_index(rows, accounts, generated_at=_batch_time(outcomes))
    atomic_write_bytes(html.encode("utf-8"), out / "index.html")


def _batch_time(outcomes: list[ArchiveOutcome]) -> str:
    return max((o.archive.get("generated_at") or "" for o in outcomes), default="")


def account_growth(out: Path, outcomes: list[ArchiveOutcome]) -> list[dict[str, Any]]:
    """For every account with several archives: its snapshots in date order and the changes between them."""
    from roost.diff import growth

    by_owner: dict[str, list[ArchiveOutcome]] = {}
    for o in outcomes:
        if o.status != "failed" and o.account.get("id"):
            by_owner.setdefault(o.account["id"], []).append(o)
    result = []
    for owner, snaps in sorted(by_owner.items()):
        snapshots = [_snapshot_from_dataset(out, o) for o in snaps]
        snapshots.sort(key=lambda s: (s.taken_at is None, s.taken_at or dt.datetime.min.replace(tzinfo=dt.timezone.utc)))
        steps = [growth(a, b) for a, b in zip(snapshots, snapshots[1:])]
        result.append(
            {
                "account_id": owner,
                "username": next((o.account.get("username") for o in snaps if o.account.get("username")), None),
                "snapshots": [
                    {
                        "source": s.source,
                        "taken_at": s.taken_at.strftime("%Y-%m-%d") if s.taken_at else None,
                        "followers": None if s.followers is None else len(s.followers),
                        "following": None if s.following is None else len(s.following),
                        "mutuals": None if s.mutuals is None else len(s.mutuals),
                    }
                    for s in snapshots
                ],
                "steps": steps,
            }
        )
    return result


def _snapshot_from_dataset(out: Path, o: ArchiveOutcome) -> Any:
    """Rebuild an archive's snapshot from its part of the Parquet dataset (no need to load it again)."""
    import duckdb

    from roost.diff import Snapshot

    base = out / "dataset"
    con = duckdb.connect()
    con.execute("set TimeZone = 'UTC'")

    def part(table: str) -> str:
        return str(base / table / f"archive_key={o.key}" / "part.parquet")

    def known(data_type: str) -> bool:
        row = con.execute(
            f"select count(*) from read_parquet('{part('archive_files')}') where data_type = ? and status in ('loaded', 'blank')",
            [data_type],
        ).fetchone()
        return bool(row and row[0])

    def ids(table: str, data_type: str) -> frozenset[str] | None:
        if not known(data_type):
            return None
        return frozenset(r[0] for r in con.execute(f"select account_id from read_parquet('{part(table)}')").fetchall())

    taken = con.execute(
        f"select coalesce(a.generated_at, (select max(created_at) from read_parquet('{part('tweets')}'))) "
        f"from read_parquet('{part('archive')}') as a"
    ).fetchone()
    snap = Snapshot(
        source=o.source,
        owner_id=o.account.get("id"),
        username=o.account.get("username"),
        taken_at=taken[0] if taken else None,
        taken_at_source="generation date" if o.archive.get("generated_at") else "last tweet",
        followers=ids("followers", "follower"),
        following=ids("following", "following"),
        handles=dict(con.execute(f"select account_id, screen_name from read_parquet('{part('handles')}')").fetchall()),
    )
    con.close()
    return snap


def clean_stale(out: Path) -> None:
    """Remove temporary files a killed run may have left (they never replace a finished output)."""
    for tmp in out.rglob(".*.tmp"):
        try:
            tmp.unlink()
        except OSError:
            pass
