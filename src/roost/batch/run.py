"""Running a batch: workers (processes or a Dask cluster), signals that stop them, what finished kept."""

from __future__ import annotations

import atexit
import concurrent.futures as cf
import contextlib
import datetime as dt
import multiprocessing
import os
import signal
import threading
import uuid
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from roost.batch.dataset import dataset_tables
from roost.batch.model import (
    ArchiveOutcome,
    BatchInterrupted,
    BatchOptions,
    Progress,
    Source,
)
from roost.batch.sources import archive_key, find_archives, run_key
from roost.batch.summaries import clean_stale, write_summaries
from roost.batch.work import forget_state, load_state, process_archive, save_state
from roost.errors import RoostError


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
            write_summaries(out, ordered, options.lang, options)
        except BaseException as e:
            if not (isinstance(e, KeyboardInterrupt) or (signals.seen and isinstance(e, Exception))):
                raise
            finished = [outcomes[item.label] for item in archives if item.label in outcomes]
            with _signals_ignored():  # a second Ctrl-C must not leave the index of what finished unwritten
                write_summaries(out, finished, options.lang, options)
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
    tables = dataset_tables(options)
    total = len(archives)
    for item in archives:
        try:
            key = archive_key(item)
        except OSError as e:
            outcomes[item.label] = ArchiveOutcome(item.label, "", "failed", error=f"{item.path} cannot be read ({e})")
            continue
        runs[item.label] = run = run_key(key, options)
        previous = load_state(out, key, run, tables)
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
            except Exception as e:
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
                except Exception as e:
                    label = labels.get(str(fut.key), str(fut.key))
                    outcome = ArchiveOutcome(label, "", "failed", error=f"the Dask task failed ({type(e).__name__})")
                finished += 1
                if progress:
                    progress(outcome.source, outcome.status, finished, total)
                yield outcome
        except BaseException:  # interrupted: the cluster drops the archives not yet done
            client.cancel(futures)
            raise


