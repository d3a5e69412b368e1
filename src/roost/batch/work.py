"""One archive of the batch: analysed, its report and results written, its part of the dataset exported;
and the record of what finished, so a rerun skips it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from roost.batch.model import (
    DATASET_TABLES,
    STATE_DIR,
    ArchiveOutcome,
    BatchOptions,
    Source,
)
from roost.errors import RoostError
from roost.files import atomic_path, write_atomic


def process_archive(item: Source, key: str, out_dir: str, options: BatchOptions) -> ArchiveOutcome:
    """Load one archive, compute its indicators, write its report and its part of the Parquet dataset.

    Runs in a worker process (or a Dask worker): everything it returns is plain data.
    """
    from roost.options import Options
    from roost.pipeline import (
        AnalyzeOptions,
        ReportOptions,
        analyze,
        default_report_name,
        render,
    )

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
        archive = {k: v for k, v in document["archive"].items() if k not in ("files", "warnings", "notices")}
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
    except Exception as e:
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


