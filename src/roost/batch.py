"""Many archives at once: one report each, an index, indicators as CSV and JSON, a Parquet dataset.

Each archive is one task (`process_archive`), run in worker processes (or on a Dask cluster); a failed
archive is recorded and the others go on. Each archive's outputs are keyed by a hash of its content alone
(a rerun replaces them, never adds a copy); what a run already did is keyed by that hash, roost's version
and the options, so an interrupted batch resumes without redoing it. Every output is written atomically.
"""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import contextlib
import csv
import datetime as dt
import hashlib
import io
import itertools
import multiprocessing
import os
import signal
import shutil
import tempfile
import threading
import traceback
import uuid
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from roost import __version__
from roost.errors import RoostError
from roost.files import TMP_PREFIX, atomic_path, write_atomic

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
# Every temporary file roost writes under -o starts with this, so a later run removes only its own leftovers.


class BatchInterrupted(RoostError):
    """A signal stopped the batch: what finished is kept and listed in the index, the rest is for the next run."""

    exit_code = 130


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
    key: str  # the archive key (its content alone): names its report and its part of the dataset
    status: str  # "done", "skipped" (already done and unchanged) or "failed"
    error: str = ""
    report: str = ""
    account: dict[str, Any] = field(default_factory=dict)
    archive: dict[str, Any] = field(default_factory=dict)
    indicators: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    run_key: str = ""  # the archive key with roost's version and the options: a rerun with the same one skips it


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
        if p.is_file() or looks_like_archive_folder(p):
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


def _field(h: Any, data: bytes) -> None:
    """Feed one length-prefixed field to a hash, so two different sequences of fields never hash alike."""
    h.update(len(data).to_bytes(8, "big"))
    h.update(data)


def _file_digest(path: Path) -> bytes:
    """The SHA-256 of one file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            h.update(chunk)
    return h.digest()


def archive_key(source: Source) -> str:
    """A hash of the archive alone: its bytes (a folder: each data file's path and the hash of its bytes) and
    which archive inside; never the options, so a rerun with other options replaces its outputs."""
    path = Path(source.path)
    h = hashlib.sha256()
    _field(h, b"roost archive key 2")
    _field(h, orjson.dumps(source.root))
    if path.is_file():
        _field(h, b"file")
        _field(h, _file_digest(path))
        return h.hexdigest()[:20]
    _field(h, b"folder")
    files = sorted(
        (f.relative_to(path).as_posix(), f)
        for f in path.rglob("*")
        if f.suffix in (".js", ".csv") and f.is_file() and not f.is_symlink()
    )
    for rel, f in files:
        _field(h, rel.encode("utf-8", "surrogateescape"))
        _field(h, _file_digest(f))
    return h.hexdigest()[:20]


def run_key(key: str, options: BatchOptions) -> str:
    """A hash of the archive key, roost's version and the options that shape the outputs: what a run must redo."""
    shaping = {**options.__dict__, "generated_at": "", "threads_per_job": 0}
    return hashlib.sha256(orjson.dumps({"archive": key, "v": __version__, "options": shaping})).hexdigest()[:20]


def _safe_name(text: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_." else "-" for c in text)
    return keep.strip(".-")[:80] or "archive"


def process_archive(item: Source, key: str, out_dir: str, options: BatchOptions) -> ArchiveOutcome:
    """Load one archive, compute its indicators, write its report and its part of the Parquet dataset.

    Runs in a worker process (or a Dask worker): everything it returns is plain data.
    """
    from roost.options import Options
    from roost.pipeline import AnalyzeOptions, ReportOptions, analyze, default_report_name, render

    out = Path(out_dir)
    source = item.label
    try:
        analysis = analyze(
            Path(item.path),
            AnalyzeOptions(
                indicators=Options(tz=options.tz, topic=options.topic, site=options.site),
                indicators_dirs=tuple(Path(d) for d in options.indicators_dirs),
                skip_broken=options.skip_broken, root=item.root, threads=max(1, options.threads_per_job),
            ),
            # Written before any custom SQL runs; the locked connection writes the dataset through DuckDB
            # only into roost's own temporary folder, so the parts are copied into place from there.
            with_loaded=lambda con: _export_dataset(con, out / "dataset", key),
        )
        document = dict(analysis.document)
        document.pop("private", None)  # the batch's outputs never carry the e-mail or phone number
        document["archive"] = {**document["archive"], "source": source}
        when = dt.datetime.fromisoformat(options.generated_at.replace("Z", "+00:00"))
        html = render(document, ReportOptions(lang=options.lang, share=options.share,
                                              keep_handles=options.keep_handles, generated_at=when))
        stem = f"{Path(default_report_name(document)).stem}-{key[:8]}"
        write_atomic(out / "reports" / f"{stem}.html", html.encode("utf-8"))
        if not options.share:  # a shared batch keeps figures only in its tables (no raw documents)
            write_atomic(out / "results" / f"{stem}.json", orjson.dumps(document, option=orjson.OPT_INDENT_2))
        archive = {k: v for k, v in document["archive"].items() if k not in ("files", "warnings")}
        return ArchiveOutcome(
            source=source,
            key=key,
            status="done",
            report=f"reports/{stem}.html",
            account=document["account"],
            archive=archive,
            indicators=document["indicators"],
            warnings=list(analysis.warnings),
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
    from roost.load import spill_dir

    for table, query in DATASET_TABLES.items():
        target = dataset / table / f"archive_key={key}" / "part.parquet"
        # The locked connection may write only into roost's own temporary folder: DuckDB writes there, and
        # the file is copied into place atomically (its temporary name ends in .tmp, so a reader's
        # `*/*.parquet` never picks up a half-written file).
        fd, written = tempfile.mkstemp(prefix="part.", suffix=".parquet", dir=spill_dir())
        os.close(fd)
        try:
            con.execute(f"copy ({query}) to ? (format parquet, compression zstd)", [written])  # a path is never SQL text
            with atomic_path(target) as tmp:
                shutil.copyfile(written, tmp)
        finally:
            os.unlink(written)


def _state_path(out: Path, key: str) -> Path:
    return out / STATE_DIR / f"{key}.json"


def load_state(out: Path, key: str, run: str) -> ArchiveOutcome | None:
    """The outcome of an earlier run of this archive with the same options, if its outputs are all still there."""
    p = _state_path(out, key)
    if not p.is_file():
        return None
    try:
        outcome = ArchiveOutcome(**orjson.loads(p.read_bytes()))
    except (orjson.JSONDecodeError, TypeError):
        return None
    if outcome.status != "done" or outcome.run_key != run or outcome.key != key:
        return None
    if not (out / outcome.report).is_file():
        return None
    if not all((out / "dataset" / t / f"archive_key={key}" / "part.parquet").is_file() for t in DATASET_TABLES):
        return None
    return outcome


def save_state(out: Path, outcome: ArchiveOutcome) -> None:
    """Remember a finished archive so a re-run with the same options skips it."""
    if outcome.status == "done":
        write_atomic(_state_path(out, outcome.key), orjson.dumps(outcome.__dict__))


def forget_state(out: Path, key: str) -> None:
    """Drop an archive's record before it is processed again, so a run killed halfway never passes for done."""
    with contextlib.suppress(FileNotFoundError):
        _state_path(out, key).unlink()


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
    """Process every archive, then write the index, the indicator tables and the growth of each account.

    Interrupted (Ctrl-C, SIGTERM), it stops the workers, writes the summaries of what finished and raises
    BatchInterrupted.
    """
    check_output(out)
    archives = find_archives(inputs)
    make_output(out)
    clean_stale(out)
    jobs = max(1, jobs or os.cpu_count() or 1)
    options.threads_per_job = max(1, (os.cpu_count() or 1) // jobs)
    if not options.generated_at:
        options.generated_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
    outcomes: dict[str, ArchiveOutcome] = {}
    with _watch_signals() as signals:
        try:
            _run(archives, out, options, outcomes, signals, jobs=jobs, scheduler=scheduler, progress=progress)
            ordered = [outcomes[item.label] for item in archives]
            write_summaries(out, ordered)
        except BaseException as e:
            if not (isinstance(e, KeyboardInterrupt) or (signals.seen and isinstance(e, Exception))):
                raise
            finished = [outcomes[item.label] for item in archives if item.label in outcomes]
            with _signals_ignored():  # a second Ctrl-C must not leave the index of what finished unwritten
                write_summaries(out, finished)
            raise BatchInterrupted(_interrupted_message(out, len(finished), len(archives))) from None
    return ordered


def _run(
    archives: list[Source],
    out: Path,
    options: BatchOptions,
    outcomes: dict[str, ArchiveOutcome],
    signals: _Signals,
    *,
    jobs: int,
    scheduler: str | None,
    progress: Progress | None,
) -> None:
    """Skip the archives already done with these options, process the others; outcomes fill in as they finish."""
    todo: list[tuple[Source, str]] = []
    runs: dict[str, str] = {}
    total = len(archives)
    for item in archives:
        try:
            key = archive_key(item)
        except OSError as e:
            outcomes[item.label] = ArchiveOutcome(item.label, "", "failed", error=f"{item.path} cannot be read ({e})")
            continue
        runs[item.label] = run = run_key(key, options)
        previous = load_state(out, key, run)
        if previous is not None:
            previous.status = "skipped"
            previous.source = item.label
            outcomes[item.label] = previous
            if progress:
                progress(item.label, "unchanged, skipped", len(outcomes), total)
        else:
            forget_state(out, key)
            todo.append((item, key))
    work = _execute(todo, out, options, jobs, scheduler, progress, len(outcomes), total, signals)
    try:
        for outcome in work:
            if signals.seen:  # finished after the signal, perhaps failed by it: left for the next run
                raise KeyboardInterrupt
            outcome.run_key = runs.get(outcome.source, "")
            save_state(out, outcome)
            outcomes[outcome.source] = outcome
    finally:
        work.close()  # when interrupted here rather than inside it: stops the workers now


def _interrupted_message(out: Path, finished: int, total: int) -> str:
    """What an interrupted batch kept, and the way to finish it."""
    text = f"interrupted: {finished} of {total} archives finished; {out / 'index.html'} lists them"
    if finished < total:
        text += f"; run the same command again to finish the other {total - finished}"
    return text


@dataclass
class _Signals:
    """Whether SIGINT or SIGTERM arrived during the batch."""

    seen: bool = False


@contextlib.contextmanager
def _watch_signals() -> Iterator[_Signals]:
    """Note SIGINT and SIGTERM during a batch, then raise KeyboardInterrupt as Python does for Ctrl-C.

    DuckDB can turn that KeyboardInterrupt into a query error which the loader handles, so the batch also
    checks `seen` to stop.
    """
    signals = _Signals()

    def note(signum: int, frame: object) -> None:
        signals.seen = True
        raise KeyboardInterrupt

    with _handling(note):
        yield signals


def _signals_ignored() -> contextlib.AbstractContextManager[None]:
    """Ignore SIGINT and SIGTERM for a moment."""
    return _handling(signal.SIG_IGN)


@contextlib.contextmanager
def _handling(handler: Any) -> Iterator[None]:
    """SIGINT and SIGTERM go to handler for a while: only in the main thread (the only one that may change
    handlers), and a signal already ignored (nohup, a background job) stays ignored."""
    saved: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(signum) is not signal.SIG_IGN:
                saved[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, previous in saved.items():
            signal.signal(signum, previous if previous is not None else signal.SIG_DFL)


def check_output(out: Path) -> None:
    """Refuse an -o that cannot be the batch's folder (a file, a dangling link) before any work."""
    if out.is_symlink() and not out.exists():
        raise RoostError(
            f"{out} is a symbolic link to {os.readlink(out)}, which does not exist: create the folder it points to, "
            "or give -o another folder"
        )
    if out.exists() and not out.is_dir():
        raise RoostError(f"{out} is a file, not a folder: give -o a folder (new or existing) for the reports, index and dataset")


def make_output(out: Path) -> None:
    """Create the output folder, or say in one line why it cannot be."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise RoostError(f"cannot create the folder {out} ({e.strerror or type(e).__name__}): give -o a folder you can write to") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise RoostError(f"{out} is not writable: give -o a folder you can write to")


def _execute(
    todo: list[tuple[Source, str]],
    out: Path,
    options: BatchOptions,
    jobs: int,
    scheduler: str | None,
    progress: Progress | None,
    finished: int,
    total: int,
    signals: _Signals,
) -> Generator[ArchiveOutcome, None, None]:
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
            if signals.seen:  # the loader may have turned the interrupt into a failure: it is not one
                raise KeyboardInterrupt
            finished += 1
            if progress:
                progress(item.label, outcome.status, finished, total)
            yield outcome
        return
    yield from _execute_pool(todo, out, options, jobs, progress, finished, total)


def _execute_pool(
    todo: list[tuple[Source, str]],
    out: Path,
    options: BatchOptions,
    jobs: int,
    progress: Progress | None,
    finished: int,
    total: int,
) -> Iterator[ArchiveOutcome]:
    ctx = multiprocessing.get_context("spawn")
    # No max_tasks_per_child: with it, CPython 3.11's pool can hang once it replaces workers (seen at 50 archives).
    pool = cf.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_worker_init)
    try:
        futures = {pool.submit(_work, s, k, str(out), options): s.label for s, k in todo}
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
    except BaseException:  # interrupted, or the caller stopped early: stop the workers now, not after their archives
        _stop_pool(pool)
        raise
    pool.shutdown(wait=True)


def _stop_pool(pool: cf.ProcessPoolExecutor, grace: float = 10.0) -> None:
    """Cancel the queued archives and stop the running ones (SIGTERM, then SIGKILL past the grace period)."""
    # CPython keeps the workers in _processes; the executor has no public way to stop them before 3.14.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.terminate()
    for p in processes:
        p.join(grace)
        if p.is_alive():
            p.kill()
            p.join(1)


# In a worker process: whether it is processing an archive, and whether it was told to stop.
_BUSY = False
_STOPPING = False


def _worker_init() -> None:
    """Worker setup: Ctrl-C is the main process's to handle; SIGTERM (sent by it) stops the worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_stop)


def _worker_stop(signum: int, frame: object) -> None:
    """Stop now: mid-archive, unwind so its temporary files are removed; idle, leave the worker loop."""
    global _STOPPING
    if _STOPPING:  # already on its way out (the pool also signals its workers once one has gone)
        return
    _STOPPING = True
    if _BUSY:
        raise KeyboardInterrupt
    raise SystemExit(0)


def _work(item: Source, key: str, out_dir: str, options: BatchOptions) -> ArchiveOutcome:
    """process_archive in a worker process, which exits once the archive has unwound if it was told to stop."""
    global _BUSY
    _BUSY = True
    try:
        return process_archive(item, key, out_dir, options)
    finally:
        _BUSY = False
        if _STOPPING:
            # The pool's worker loop would catch any exception and take the next archive: exit here instead,
            # after the exit handlers (they remove DuckDB's spill folder).
            atexit._run_exitfuncs()
            os._exit(1)


def _execute_dask(
    todo: list[tuple[Source, str]],
    out: Path,
    options: BatchOptions,
    scheduler: str,
    progress: Progress | None,
    finished: int,
    total: int,
) -> Iterator[ArchiveOutcome]:
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise RoostError("--scheduler needs Dask: pip install 'roost[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as e:
        raise RoostError(f"cannot reach the Dask scheduler at {scheduler} ({type(e).__name__})") from None
    run = uuid.uuid4().hex[:8]  # task keys unique to this run, even for two archives with the same content
    with client:
        labels = {f"roost-{run}-{i}-{k}": s.label for i, (s, k) in enumerate(todo)}
        futures = [
            client.submit(process_archive, s, k, str(out), options, pure=False, key=f"roost-{run}-{i}-{k}")
            for i, (s, k) in enumerate(todo)
        ]
        try:
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
        except BaseException:  # interrupted: the cluster drops the archives not yet done
            client.cancel(futures)
            raise


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
    write_atomic(
        out / "indicators.json", orjson.dumps({"roost_version": __version__, "archives": rows}, option=orjson.OPT_INDENT_2)
    )
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0].keys()) if rows else ["source"], lineterminator="\n")
    w.writeheader()
    for row in rows:
        w.writerow({k: orjson.dumps(v).decode() if isinstance(v, (dict, list)) else ("" if v is None else v) for k, v in row.items()})
    write_atomic(out / "indicators.csv", buf.getvalue().encode("utf-8"))
    accounts = account_growth(out, outcomes)
    from roost.batch_index import render_batch_index

    html = render_batch_index(rows, accounts, generated_at=_batch_time(outcomes))
    write_atomic(out / "index.html", html.encode("utf-8"))


def _batch_time(outcomes: list[ArchiveOutcome]) -> str:
    return max((o.archive.get("generated_at") or "" for o in outcomes), default="")


def account_growth(out: Path, outcomes: list[ArchiveOutcome]) -> list[dict[str, Any]]:
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
        snapshots = [_snapshot_from_dataset(out, o) for o in snaps]
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


def _snapshot_from_dataset(out: Path, o: ArchiveOutcome) -> Any:
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
            source=o.source,
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
