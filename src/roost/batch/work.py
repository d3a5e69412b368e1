"""One archive of the batch: analysed, its report and results written, its part of the dataset exported;
and the record of what finished, so a rerun skips it."""

from __future__ import annotations

import contextlib
import datetime as dt
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path

import orjson

from roost.batch.model import (
    DATASET_TABLES,
    STATE_DIR,
    ArchiveOutcome,
    BatchOptions,
    Source,
)
from roost.errors import RoostError
from roost.files import write_atomic


def process_archive(item: Source, key: str, out_dir: str, options: BatchOptions) -> ArchiveOutcome:
    """Load one archive, compute its indicators, write its report and its part of the Parquet dataset.

    Runs in a worker process (or a Dask worker): everything it returns is plain data.
    """
    from roost.batch.dataset import export_dataset
    from roost.options import Options
    from roost.pipeline import (
        AnalyzeOptions,
        ReportOptions,
        analyze,
        default_report_name,
        render,
    )
    from roost.privacy import shared_document, without_texts
    from roost.pseudonym import pseudonymize_document, read_key
    from roost.registry import mentions_private

    out = Path(out_dir)
    source = item.label
    try:
        secret = read_key(Path(options.pseudonymize)) if options.pseudonymize else None
        analysis = analyze(
            Path(item.path),
            AnalyzeOptions(
                indicators=Options(tz=options.tz, topic=options.topic, site=options.site),
                indicators_dirs=tuple(Path(d) for d in options.indicators_dirs),
                skip_broken=options.skip_broken, root=item.root, threads=max(1, options.threads_per_job),
            ),
            # Written before any custom SQL runs; the locked connection writes the dataset through DuckDB
            # only into roost's own temporary folder, so the parts are copied into place from there.
            with_loaded=lambda con: export_dataset(con, out / "dataset", key, options, secret),
        )
        document = dict(analysis.document)
        document.pop("private", None)  # the batch's outputs never carry the e-mail or phone number
        document["archive"] = {**document["archive"], "source": source}
        share = options.share or secret is not None
        warnings = list(analysis.warnings)
        if share:
            document = shared_document(document, keep_text=options.keep_text, no_text=options.no_text)
            warnings = [w for w in warnings if not mentions_private(w)]
        elif options.no_text:
            document = without_texts(document)
        if secret is not None:
            document = pseudonymize_document(document, secret, label=pseudonymous_label(key))
        when = dt.datetime.fromisoformat(options.generated_at.replace("Z", "+00:00"))
        html = render(document, ReportOptions(lang=options.lang, share=share,
                                              keep_handles=options.keep_handles or secret is not None,
                                              generated_at=when))
        stem = f"{Path(default_report_name(document)).stem}-{key[:8]}"
        write_atomic(out / "reports" / f"{stem}.html", html.encode("utf-8"))
        _remove_others(out / "reports", key, f"{stem}.html")
        if share:  # a shared batch keeps figures only in its tables (no raw documents)
            _remove_others(out / "results", key, "")
        else:
            write_atomic(out / "results" / f"{stem}.json", orjson.dumps(document, option=orjson.OPT_INDENT_2))
            _remove_others(out / "results", key, f"{stem}.json")
        archive = {k: v for k, v in document["archive"].items() if k not in ("files", "warnings", "notices")}
        return ArchiveOutcome(
            source=source,
            key=key,
            status="done",
            report=f"reports/{stem}.html",
            account=document["account"],
            archive=archive,
            indicators=document["indicators"],
            warnings=warnings,
        )
    except RoostError as e:
        return ArchiveOutcome(source=source, key=key, status="failed", error=str(e))
    except Exception as e:
        where = traceback.extract_tb(e.__traceback__)[-1]
        return ArchiveOutcome(
            source=source, key=key, status="failed",
            error=f"internal error {type(e).__name__} at {Path(where.filename).name}:{where.lineno} (a bug in roost; please report it)",
        )


def _remove_others(folder: Path, key: str, keep: str) -> None:
    """Remove this archive's earlier outputs in `folder` (named `<account>-<date>-<key8>.<ext>` by roost) other
    than `keep`: a rerun under other options (pseudonymized, shared) leaves no copy made under the old ones."""
    if not folder.is_dir() or folder.is_symlink():
        return
    for f in folder.glob(f"*-{key[:8]}.*"):
        if f.name != keep and f.suffix in (".html", ".json") and f.is_file() and not f.is_symlink():
            with contextlib.suppress(OSError):
                f.unlink()


def pseudonymous_label(key: str) -> str:
    """How a pseudonymized batch names an archive (its file name may name its owner)."""
    return f"archive {key[:12]}" if key else "archive (unreadable)"


def _state_path(out: Path, key: str) -> Path:
    return out / STATE_DIR / f"{key}.json"


def load_state(out: Path, key: str, run: str, tables: Iterable[str] = DATASET_TABLES) -> ArchiveOutcome | None:
    """The outcome of an earlier run of this archive with the same options, if its outputs (its report, its part
    of each of `tables`) are all still there."""
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
    if not all((out / "dataset" / t / f"archive_key={key}" / "part.parquet").is_file() for t in tables):
        return None
    return outcome


def save_state(out: Path, outcome: ArchiveOutcome) -> None:
    """Remember a finished archive so a re-run with the same options skips it."""
    if outcome.status == "done":  # its source is the rerun's to say: a file name may name the owner
        write_atomic(_state_path(out, outcome.key), orjson.dumps({**outcome.__dict__, "source": ""}))


def forget_state(out: Path, key: str) -> None:
    """Drop an archive's record before it is processed again, so a run killed halfway never passes for done."""
    with contextlib.suppress(FileNotFoundError):
        _state_path(out, key).unlink()


Progress = Callable[[str, str, int, int], None]  # (archive, state, finished, total)


