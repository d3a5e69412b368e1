"""What a shared output may hold: one rule, from the data-type registry, applied to the analysis document
(and to the batch's dataset) before anything is written; and when the owner's tweets were protected.

    shared_document(document, ...)    the document a --share output is made from: no private figure, file
                                      count or warning, no e-mail or phone, no text of a protected tweet
    protected_periods(...)            when the archive says the account was protected (protected-history.js)

A tweet posted while the account was protected was meant for its followers only: a shared output does not
quote it unless the owner asks (--keep-text).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import orjson

from roost import registry
from roost.errors import RoostError

PROTECTED_TABLE = "protected_periods"  # a temporary table of the loaded connection, one row per period
TEXT_KEYS = ("full_text", "text_expanded", "text")  # where a table indicator's rows quote a tweet
_HISTORY_MAX_BYTES = 4 * 1024**2  # a real protected-history.js holds a few actions (six months of them)


@dataclass(frozen=True)
class Period:
    """A time the account was protected; None is an open end (before the history starts, or still protected)."""

    start: dt.datetime | None
    end: dt.datetime | None

    def holds(self, when: dt.datetime | None) -> bool:
        """Whether a tweet posted at `when` falls in it (an undated tweet might: it does)."""
        if when is None:
            return True
        return (self.start is None or when >= self.start) and (self.end is None or when < self.end)


UNKNOWN = (Period(None, None),)  # the archive says the account was protected, not when: every tweet may be


def _when(v: Any) -> dt.datetime | None:
    """An ISO-8601 time from the archive or a document, in UTC; None when it is not one."""
    if not isinstance(v, str) or not 10 <= len(v) <= 40:
        return None
    try:
        t = dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)


def periods_of(items: Sequence[Any]) -> tuple[Period, ...]:
    """The protected periods of protected-history.js items (`{"protectedHistory": {protectedAt, action}}`).

    Before the first action the account was in the state that action left: unprotected before a
    "Protect", protected before an "Unprotect". Anything unreadable makes every tweet possibly protected.
    """
    actions: list[tuple[dt.datetime, bool]] = []
    for item in items:
        inner = item.get("protectedHistory", item) if isinstance(item, dict) else None
        if not isinstance(inner, dict):
            return UNKNOWN
        when, action = _when(inner.get("protectedAt")), inner.get("action")
        if when is None or not isinstance(action, str):
            return UNKNOWN
        word = action.strip().lower()
        if word.startswith("unprotect"):
            actions.append((when, False))
        elif word.startswith("protect"):
            actions.append((when, True))
        else:
            return UNKNOWN
    actions.sort(key=lambda a: a[0])
    periods: list[Period] = []
    start: dt.datetime | None = None
    protected = bool(actions) and not actions[0][1]  # the state before the first action
    for when, protect in actions:
        if protect and not protected:
            start, protected = when, True
        elif not protect and protected:
            periods.append(Period(start, when))
            start, protected = None, False
    if protected:
        periods.append(Period(start, None))
    return tuple(periods)


def protected_periods(source: Path | Sequence[Path], root: str | None = None) -> tuple[Period, ...]:
    """When the archive (zip or folder) says its account was protected: () when it never says so."""
    from roost.archive import open_archive_files

    sources = [source] if isinstance(source, (str, Path)) else list(source)
    items: list[Any] = []
    try:
        with open_archive_files(sources, root=root) as archive:
            for f in archive.files:
                if f.data_type != "protected_history" or not f.present:
                    continue
                value, _ = archive.read_small_json(f.path, limit=_HISTORY_MAX_BYTES)
                if value is None:
                    continue
                if not isinstance(value, list):
                    return UNKNOWN
                items.extend(value)
    except (RoostError, OSError):
        return UNKNOWN  # the load read this archive: a history that cannot be read hides nothing
    return periods_of(items)


def protected_periods_loaded(con: duckdb.DuckDBPyConnection) -> tuple[Period, ...]:
    """For a `.duckdb` from `roost load`: its file list says whether a protected history was read, not what
    it held, so any history makes every tweet possibly protected."""
    row = con.execute(
        "select count(*) from archive_files where data_type = 'protected_history' and coalesce(items_read, 0) > 0"
    ).fetchone()
    return UNKNOWN if row and row[0] else ()


def keep_periods(con: duckdb.DuckDBPyConnection, periods: Sequence[Period]) -> None:
    """Keep the periods in a temporary table of the loaded connection, for the dataset's SQL."""
    con.execute(f"create or replace temp table {PROTECTED_TABLE} (protected_from timestamptz, protected_until timestamptz)")
    for p in periods:
        con.execute(f"insert into {PROTECTED_TABLE} values (?, ?)", [p.start, p.end])


def in_protected_sql(created_at: str) -> str:
    """A SQL condition: the tweet with this `created_at` column was posted while the account was protected."""
    return (
        f"exists (select 1 from {PROTECTED_TABLE} as p where {created_at} is null "
        f"or ((p.protected_from is null or {created_at} >= p.protected_from) "
        f"and (p.protected_until is null or {created_at} < p.protected_until)))"
    )


def periods_record(periods: Sequence[Period]) -> list[dict[str, str | None]]:
    """The periods as the document holds them."""
    def iso(t: dt.datetime | None) -> str | None:
        return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if t else None

    return [{"from": iso(p.start), "until": iso(p.end)} for p in periods]


def _periods_from_record(record: Any) -> tuple[Period, ...]:
    if not isinstance(record, list):
        return ()
    out = []
    for r in record:
        if not isinstance(r, dict):
            return UNKNOWN
        out.append(Period(_when(r.get("from")), _when(r.get("until"))))
    return tuple(out)


def _part(d: dict[str, Any], key: str) -> dict[str, Any]:
    v = d.get(key)
    if not isinstance(v, dict):
        v = d[key] = {}
    return v


def shared_document(document: dict[str, Any], *, keep_text: bool = False, no_text: bool = False) -> dict[str, Any]:
    """The document a shared output is made from (a copy): the registry's private data types leave no
    value, count or warning in it; no e-mail, phone or source path; texts of protected tweets are left out
    unless `keep_text`, every tweet text with `no_text`, and the document says how many."""
    doc: dict[str, Any] = orjson.loads(orjson.dumps(document))
    doc.pop("private", None)
    indicators, definitions, unknown = _part(doc, "indicators"), _part(doc, "definitions"), _part(doc, "unknown")
    for ident in list(indicators):
        d = definitions.get(ident)
        d = d if isinstance(d, dict) else {}
        needs = [n for n in d.get("needs") or [] if isinstance(n, str)]
        if registry.is_private_indicator(ident, needs, custom=d.get("custom") is True,
                                         reads_private=d.get("reads_private") is True):
            indicators[ident] = None  # the definition stays: a shared report says what it left out
            unknown.pop(ident, None)
    archive = _part(doc, "archive")
    files = archive.get("files")
    if isinstance(files, list):
        archive["files"] = [
            {**f, "items": None, "manifest_count": None, "bytes": None}
            if isinstance(f, dict) and registry.is_private(str(f.get("data_type") or "")) else f
            for f in files if isinstance(f, dict)
        ]
    available = archive.get("available")
    if isinstance(available, list):
        archive["available"] = [a for a in available if isinstance(a, str) and not registry.is_private(a)]
    for key in ("date_checks", "value_checks"):
        listed = archive.get(key)
        if isinstance(listed, list):
            archive[key] = [w for w in listed if not registry.mentions_private(orjson.dumps(w).decode())]
    warnings, notices = archive.get("warnings"), archive.get("notices")
    if isinstance(warnings, list):  # each notice is its warning in other words: both go, or neither
        paired = notices if isinstance(notices, list) and len(notices) == len(warnings) else [None] * len(warnings)
        kept = [(w, n) for w, n in zip(warnings, paired, strict=True)
                if not registry.mentions_private(orjson.dumps([w, n]).decode())]
        archive["warnings"], archive["notices"] = [w for w, _ in kept], [n for _, n in kept]
    archive["source"] = None
    periods = _periods_from_record(archive.pop("protected_periods", None))
    _leave_out_texts(doc, periods, keep_text=keep_text, no_text=no_text)
    return doc


def without_texts(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of the document quoting no tweet (--no-text)."""
    doc: dict[str, Any] = orjson.loads(orjson.dumps(document))
    _leave_out_texts(doc, (), keep_text=False, no_text=True)
    return doc


def _leave_out_texts(doc: dict[str, Any], periods: Sequence[Period], *, keep_text: bool, no_text: bool) -> None:
    """Blank the texts of the tweets a table indicator quotes: all of them (`no_text`), or those posted while
    the account was protected (unless `keep_text`); the archive part says how many."""
    left_out: set[str] = set()  # tweets, each once though several tables quote it
    kept: set[str] = set()
    for value in _part(doc, "indicators").values():
        if not isinstance(value, list):
            continue
        for row in value:
            if not isinstance(row, dict) or not any(k in row for k in TEXT_KEYS):
                continue
            protected = any(p.holds(_when(row.get("created_at"))) for p in periods)
            tweet = str(row.get("tweet_id") or row.get(TEXT_KEYS[0]) or id(row))
            if no_text or (protected and not keep_text):
                for k in TEXT_KEYS:
                    if k in row:
                        row[k] = None
                row["text_left_out"] = True
                if protected:
                    left_out.add(tweet)
            elif protected:
                kept.add(tweet)
    archive = _part(doc, "archive")
    archive["protected_texts_left_out"] = len(left_out)
    archive["protected_texts_kept"] = len(kept)
    archive["texts_left_out"] = no_text
