"""roost's one pipeline: an archive analysed into a document, a document rendered into a report.

    analyze(source, options) -> Analysis       load, compute every indicator and the archive's facts
    render(document, report_options) -> str    the HTML report, from the document alone
    read_document(path) -> dict                a document saved by `roost indicators --format json`

The CLI, `roost batch` and `roost demo` call these and nothing deeper; the document is plain data that JSON
holds, so a report can be rendered again (another language, shared) without reading the archive again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import orjson

from roost import __version__
from roost.errors import RoostError
from roost.files import write_atomic
from roost.notices import notices_of
from roost.options import Options
from roost.report import ReportOptions, default_report_name, render_report
from roost.resources import sql_text

__all__ = ["AnalyzeOptions", "Analysis", "analyze", "document_of", "render", "read_document", "write_atomic",
           "default_report_name", "ReportOptions"]
DOCUMENT_KEYS = ("roost_version", "account", "archive", "indicators", "unknown", "definitions")


@dataclass(frozen=True)
class AnalyzeOptions:
    """How to read and measure an archive."""

    indicators: Options = field(default_factory=Options)
    indicators_dirs: tuple[Path, ...] = ()
    skip_broken: bool = False
    root: str | None = None  # one archive of a zip or folder holding several
    threads: int | None = None


@dataclass(frozen=True)
class Analysis:
    """An analysed archive: the document every output is made from, and what the load noticed."""

    document: dict[str, Any]
    warnings: list[str]


def analyze(
    source: Path | Sequence[Path],
    options: AnalyzeOptions | None = None,
    *,
    progress: Callable[[str, int, int], None] | None = None,
    with_loaded: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> Analysis:
    """Load an archive (zip, folder, split parts, or a `.duckdb`), compute every indicator and its facts.

    `with_loaded` sees the loaded, locked connection before any indicator runs (the batch writes its
    dataset there).
    """
    from roost.indicators import compute
    from roost.load import open_archive
    from roost.privacy import keep_periods, periods_record, protected_periods, protected_periods_loaded

    options = options or AnalyzeOptions()
    given = source if isinstance(source, (str, Path)) else (source[0] if len(source) == 1 else list(source))
    with open_archive(given, skip_broken=options.skip_broken, progress=progress, keep_raw=False,
                      root=options.root, threads=options.threads, side_by_side=True) as loaded:
        parts = [Path(p) for p in given] if isinstance(given, list) else [Path(given)]
        if len(parts) == 1 and parts[0].suffix.lower() == ".duckdb" and parts[0].is_file():
            periods = protected_periods_loaded(loaded.con)
        else:  # read apart from the load: a few bytes, and the raw tables are emptied once built
            periods = protected_periods(parts, options.root)
        keep_periods(loaded.con, periods)
        if with_loaded is not None:
            with_loaded(loaded.con)
        results = compute(loaded.con, options.indicators, extra_dirs=options.indicators_dirs, spare=loaded.spare)
        doc = document_of(loaded.con, results, loaded.warnings)
        doc["archive"]["protected_periods"] = periods_record(periods)
    return Analysis(doc, list(loaded.warnings))


def _iso(v: Any) -> Any:
    if isinstance(v, dt.datetime):
        return v.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if v.tzinfo else v.strftime(
            "%Y-%m-%dT%H:%M:%SZ")
    return v


def facts_of(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The archive's facts record (facts.sql), as plain data."""
    cur = con.execute(sql_text("facts.sql"))
    columns = [d[0] for d in cur.description or []]
    row = cur.fetchone()
    return {c: _iso(v) for c, v in zip(columns, row, strict=True)} if row else {}


def document_of(con: duckdb.DuckDBPyConnection, results: Any, warnings: Sequence[str]) -> dict[str, Any]:
    """The document `roost indicators --format json` prints, and every report is rendered from."""
    f = facts_of(con)
    return {
        "roost_version": __version__,
        "account": {
            "id": f.get("owner_id"), "username": f.get("username"), "display_name": f.get("display_name"),
            "created_at": f.get("account_created_at"),
        },
        "archive": {
            "generation": f.get("generation"), "generated_at": f.get("generated_at"),
            "archive_time": f.get("archive_time"), "archive_time_source": f.get("archive_time_source"),
            "source": f.get("source_path"), "source_kind": f.get("source_kind"), "time_zone": f.get("time_zone"),
            "time_zone_used": results.tz, "time_zone_source": results.tz_source,
            "tweets_without_time": f.get("tweets_without_time"), "available": f.get("available") or [],
            "files": f.get("files") or [], "date_checks": f.get("date_checks") or [],
            "value_checks": f.get("value_checks") or [], "warnings": [str(w) for w in warnings],
            "notices": notices_of(warnings),
        },
        # Only the owner's own outputs carry these; a shared report and the batch outputs leave them out.
        "private": {"email": f.get("email"), "phone_number": f.get("phone_number")},
        "options": {"tz": results.options.tz, "topic": list(results.options.topic), "site": results.options.site},
        "indicators": results.values(),
        "unknown": {
            k: {"code": r.why.code, "args": r.why.args, "text": r.reason}
            for k, r in results.results.items() if r.value is None and r.why is not None
        },
        "definitions": {k: r.indicator.definition_record() for k, r in results.results.items()},
    }


def render(document: dict[str, Any], options: ReportOptions) -> str:
    """The HTML report of a document."""
    return render_report(document, options)


def read_document(path: Path) -> dict[str, Any]:
    """A document saved from `roost indicators --format json`; anything else is one clear error."""
    try:
        with open(path, "rb") as f:
            raw = f.read(256 * 1024**2 + 1)
    except OSError as e:
        raise RoostError(f"{path} cannot be read ({e.strerror or e})") from None
    if len(raw) > 256 * 1024**2:
        raise RoostError(f"{path} is larger than any roost results file: give the archive itself")
    try:
        doc = orjson.loads(raw)
    except orjson.JSONDecodeError:
        raise RoostError(f"{path} is not valid JSON: give the output of `roost indicators ARCHIVE --format json`") from None
    if not isinstance(doc, dict) or any(k not in doc for k in DOCUMENT_KEYS):
        raise RoostError(
            f"{path} is not the output of `roost indicators ARCHIVE --format json` (it lacks "
            f"{', '.join(k for k in DOCUMENT_KEYS if not isinstance(doc, dict) or k not in doc)}): run that command again"
        )
    return doc
