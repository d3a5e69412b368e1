"""Load an archive into DuckDB, layer by layer: raw tables, staging views, the intermediate tables and views.

The flow: archive files -> `raw_*` tables (declared in sql/raw.sql, filled by roost.raw) -> `stg_*` views
(sql/staging/: the only SQL that reads raw fields; renames, casts, unescapes) -> sql/intermediate/: the tables
users and indicators read (`tweets`, `followers`, ...) and the views indicators share (`own_tweets`,
`mutuals`, `archive_time`, ...) -> indicators, one query each (roost.indicators).
"""

from __future__ import annotations

import concurrent.futures
import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from roost import __version__, registry, sandbox
from roost.archive import Archive, open_archive_files
from roost.errors import OutputExistsError, RoostError
from roost.notices import Notice
from roost.raw import (
    RAW_DATABASE,
    RawTable,
    create_raw_tables,
    is_loadable,
    load_file,
    memory_limit,
    use_raw_tables,
)
from roost.resources import sql_files
from roost.steps import RunAlone, Step, run_steps, sql_names, sql_needs, sql_reads

# Tables the intermediate layer materializes (sql/intermediate/): users' SQL, the batch dataset, the indicators read.
TABLES = (
    "archive",
    "tweets",
    "tweet_mentions",
    "tweet_hashtags",
    "tweet_urls",
    "tweet_media",
    "deleted_tweets",
    "community_tweets",
    "note_tweets",
    "followers",
    "following",
    "likes",
    "blocks",
    "mutes",
    "lists",
    "screen_name_changes",
    "profile",
    "dm_conversations",
    "dm_messages",
    "handles",
    "interactions",
    "interacted",
    "partners",
    "top_own_tweets",
    "follower_ages",
    "strategy_signals",
    "date_checks",
    "value_checks",
)
SCHEMA_VERSION = "10"
PREFETCH = 3  # files stripped ahead of the ones DuckDB is reading

Progress = Callable[[str, int, int], None]  # (file name, bytes done, bytes total)


@dataclass
class LoadResult:
    """An archive loaded into a DuckDB connection, with the warnings the load produced."""

    con: duckdb.DuckDBPyConnection
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    spare: list[duckdb.DuckDBPyConnection] = field(default_factory=list)  # more connections to the same tables

    def close(self) -> None:
        """Close the connections."""
        for cur in self.spare:
            cur.close()
        self.con.close()

    def __enter__(self) -> LoadResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_SPILL_DIR: str | None = None


def spill_dir() -> str:
    """One private temporary folder per process for DuckDB to spill to (never the user's current folder)."""
    global _SPILL_DIR
    if _SPILL_DIR is None or not os.path.isdir(_SPILL_DIR):
        _SPILL_DIR = tempfile.mkdtemp(prefix="roost-spill-")
        import atexit

        atexit.register(shutil.rmtree, _SPILL_DIR, True)
    return _SPILL_DIR


def connect(database: str | Path = ":memory:", *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection set up the way roost's SQL expects (UTC, bounded memory, private spill folder)."""
    config: dict[str, str | bool | int | float | list[str]] = {
        "memory_limit": memory_limit(),
        "temp_directory": spill_dir(),
        # roost never opens a network connection: no extension is ever downloaded or auto-loaded
        # (JSON and ICU are built into DuckDB's Python package).
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
    }
    try:
        con = duckdb.connect(str(database), read_only=read_only, config=config)
    except duckdb.Error as e:
        raise RoostError(f"{database} cannot be opened as a DuckDB database ({_first_line(e)})") from None
    _session(con)
    return con


def _session(con: duckdb.DuckDBPyConnection) -> None:
    """The settings each connection (session) has its own of."""
    con.execute("set TimeZone = 'UTC'")
    con.execute("set enable_progress_bar = false")  # DuckDB draws it on stdout, where JSON output goes


def _side_by_side(con: duckdb.DuckDBPyConnection, threads: int | None) -> tuple[list[duckdb.DuckDBPyConnection], int]:
    """For small queries side by side (`indicators.compute`): a connection per thread beyond the first (4 at most),
    made before the lock; one DuckDB thread per query, which costs less than each on every core (RESULTS.md)."""
    return _cursors(con, (_threads(con) if threads is None else min(threads, 4)) - 1), 1


def open_archive(
    source: str | Path | Sequence[str | Path],
    *,
    database: str | Path | None = None,
    skip_broken: bool = False,
    progress: Progress | None = None,
    keep_raw: bool = True,
    root: str | None = None,
    threads: int | None = None,
    side_by_side: bool = False,
) -> LoadResult:
    """Open an archive (zip, folder, or a `.duckdb` from `roost load`) as a DuckDB connection.

    This is roost's public entry point: `open_archive("twitter-2024.zip").con.sql("from tweets")`.
    `database` is where to build the tables: a DuckDB file path, or None (or ":memory:") for memory (DuckDB
    spills past its memory limit to roost's private temporary folder). `root` picks one archive of a zip or
    folder that holds several (see `roost.archive.archive_roots`).

    The connection comes back locked (`roost.sandbox`): its SQL reads the loaded tables and no file, loads
    no extension, and cannot change its configuration (`threads`, DuckDB's threads once loaded, is set before
    the lock). `side_by_side`: set for many small queries at once (`_side_by_side`); a load uses every thread.
    """
    sources = [Path(source)] if isinstance(source, (str, Path)) else [Path(s) for s in source]
    if len(sources) == 1 and sources[0].suffix.lower() == ".duckdb" and sources[0].is_file():
        con = connect(":memory:")
        spare: list[duckdb.DuckDBPyConnection] = []
        try:
            if side_by_side:
                spare, threads = _side_by_side(con, threads)
            sandbox.open_database(con, sources[0], spill_dir=spill_dir(), threads=threads, spare=spare,
                                  tables=("roost_meta", "archive_files", *TABLES),
                                  check=functools.partial(_check_roost_database, path=sources[0]))
        except BaseException:
            for cur in spare:
                cur.close()
            con.close()
            raise
        return LoadResult(con, [], str(sources[0]), spare)
    _refuse_databases_among(sources)
    # Identify what was given before any table is built: several accounts or snapshots are refused here.
    with open_archive_files(sources, root=root) as archive:
        # An in-memory database by default, whatever the archive's size: past DuckDB's memory limit it spills
        # to roost's private temporary folder, so memory follows the limit (829 MiB at 1M tweets), and nothing
        # is compressed to disk for a run that keeps no database (benchmarks/RESULTS.md).
        database = ":memory:" if database is None else database
        con = connect(database)
        result = LoadResult(con, [], archive.source_label)
        try:
            result.warnings = load_archive(archive, con, skip_broken=skip_broken, progress=progress, keep_raw=keep_raw)
            if side_by_side:
                result.spare, threads = _side_by_side(con, threads)
            sandbox.lock(con, spill_dir=spill_dir(), threads=threads)
        except BaseException:
            result.close()
            raise
    return result


def _refuse_databases_among(sources: list[Path]) -> None:
    """A `.duckdb` holds a whole loaded archive: it cannot be one part among others, nor be loaded again."""
    for s in sources:
        if s.suffix.lower() == ".duckdb" and s.is_file():
            if len(sources) > 1:
                raise RoostError(
                    f"{s} is a database from `roost load`: give it alone (it holds a whole archive), not with other parts"
                )
            raise RoostError(f"{s} is already a database from `roost load`: query it with `roost sql {s} ...`, "
                             "or give the archive's .zip or folder to load it again")


def _check_roost_database(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    try:
        row = con.execute("select value from roost_meta where key = 'schema_version'").fetchone()
    except duckdb.Error:
        row = None
    if row is None:
        con.close()
        raise RoostError(f"{path} is not a database written by `roost load`: load the archive itself instead")
    if row[0] != SCHEMA_VERSION:
        con.close()
        raise RoostError(
            f"{path} was written by another roost version (schema {row[0]}, this one reads {SCHEMA_VERSION}): "
            "run `roost load` on the archive again"
        )


def load_to_file(
    source: str | Path | Sequence[str | Path],
    output: str | Path,
    *,
    force: bool = False,
    skip_broken: bool = False,
    progress: Progress | None = None,
) -> list[str]:
    """Load an archive into a new DuckDB file, written to a temporary name and renamed when complete."""
    out = Path(output)
    if out.is_dir():
        raise RoostError(f"{out} is a folder: give -o the name of the database file to write, e.g. {out / 'me.duckdb'}")
    if out.exists() and not force:
        raise OutputExistsError(f"{out} already exists: use --force to overwrite it, or choose another -o")
    sources = [Path(source)] if isinstance(source, (str, Path)) else [Path(s) for s in source]
    _refuse_databases_among(sources)
    # Identify what was given before anything is written: several accounts or snapshots are refused here.
    with open_archive_files(sources) as archive:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
        except OSError as e:
            raise RoostError(f"{out} cannot be written ({e.strerror or e}): choose another -o") from None
        os.close(fd)
        os.unlink(tmp_name)  # DuckDB wants to create the file itself
        tmp = Path(tmp_name)
        try:
            con = connect(tmp)
            try:
                warnings = load_archive(archive, con, skip_broken=skip_broken, progress=progress, keep_raw=False)
                con.execute("checkpoint")
            finally:
                con.close()
            try:
                os.replace(tmp, out)
            except OSError as e:
                raise RoostError(f"{out} cannot be written ({e.strerror or e}): choose another -o") from None
        finally:
            for leftover in (tmp, Path(str(tmp) + ".wal")):
                if leftover.exists():
                    leftover.unlink()
    return warnings


def load_archive(
    archive: Archive,
    con: duckdb.DuckDBPyConnection,
    *,
    skip_broken: bool = False,
    progress: Progress | None = None,
    keep_raw: bool = True,
) -> list[str]:
    """Read every data file of an opened archive into raw tables of `con`, then build the typed tables."""
    with tempfile.TemporaryDirectory(prefix="roost-") as tmpdir:
        contract = create_raw_tables(con)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "roost_version": __version__,
            "source_path": archive.source_label,
            "source_kind": archive.kind,
            "generation": archive.generation,
        }
        con.executemany("insert into roost_meta values (?, ?)", list(meta.items()))
        manifest_stored = True
        if archive.manifest is not None:
            try:
                con.execute("insert into raw_manifest values (?::json)", [archive.manifest_text.decode("utf-8", "replace")])
            except duckdb.Error:
                manifest_stored = False
        reads = _Reads(archive, contract, Path(tmpdir), skip_broken, progress)
        _build_tables(con, reads, keep_raw=keep_raw)
        warnings = [*archive.warnings, *reads.warnings()]
        missing = [f.path for f in archive.files if not f.present and (f.manifest_count or 0) > 0]
        if missing:
            warnings.append(Notice("manifest_missing", n=len(missing), files=missing))
        if not manifest_stored:
            warnings.append(Notice("manifest_not_stored"))
        warnings.extend(_date_warnings(con))
        return warnings


class _Reads:
    """The reads of an archive's data files as load steps, one per file.

    Envelopes are stripped (and zip members inflated) in threads, a few files ahead of DuckDB, which reads
    the previous files meanwhile; both release the GIL. Files of a typed raw table (tweets-partN.js, the like
    and follower parts) are read side by side: DuckDB reads one JSON array on one thread, and two arrays on
    two connections cost less than one call over both files (benchmarks/RESULTS.md). Each file's rows keep
    their order (what is repeated across files is told apart by file, then place); the order in which the
    files land in the table changes no figure, since every query orders what it shows, and the tables hold
    their rows in no set order (sorting the tweets cost 10 s at 1M tweets). Files read as one JSON document
    per item go into their table in the archive's order, one after the other."""

    def __init__(self, archive: Archive, contract: dict[str, RawTable], tmpdir: Path, skip_broken: bool,
                 progress: Progress | None) -> None:
        self.archive, self.contract, self.tmpdir = archive, contract, tmpdir
        self.skip_broken, self.progress = skip_broken, progress
        self.files = list(enumerate(archive.files, start=1))
        self.total = sum(f.size or 0 for f in archive.files if f.present)
        self.done = 0
        self._warnings: list[list[str]] = [[] for _ in self.files]
        self._lock = threading.Lock()
        self._ahead = iter([(i, f) for i, f in self.files if is_loadable(f)])
        self._stripping: dict[int, concurrent.futures.Future[str]] = {}
        self._taken: set[int] = set()
        self._pool: concurrent.futures.ThreadPoolExecutor | None = None

    def steps(self) -> tuple[list[Step], dict[str, list[str]]]:
        """One step per file, and the steps that fill each raw table (and `archive_files`, which all fill)."""
        steps, fills = [], {"archive_files": [self._name(n) for n in range(len(self.files))]}
        for n, (_, f) in enumerate(self.files):
            table = registry.raw_table(f.data_type) if is_loadable(f) else None
            before = fills.setdefault(table, []) if table else []
            side_by_side = table is not None and self.contract[table].typed
            steps.append(Step(self._name(n), functools.partial(self._read, n=n),
                              frozenset() if side_by_side else frozenset(before[-1:])))
            if table:
                before.append(self._name(n))
        return steps, fills

    def __enter__(self) -> _Reads:
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=PREFETCH)
        with self._lock:
            for _ in range(PREFETCH):
                self._prefetch()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        if self.progress:
            self.progress("", self.total, self.total)

    def warnings(self) -> list[str]:
        """The reads' warnings, in the order of the files (whatever order the reads ran in)."""
        return [w for file_warnings in self._warnings for w in file_warnings]

    @staticmethod
    def _name(n: int) -> str:
        return f"read {n}"

    def _prefetch(self) -> bool:
        nxt = next(self._ahead, None)
        if nxt is not None and self._pool is not None:
            self._stripping[nxt[0]] = self._pool.submit(
                self.archive.strip_to, nxt[1].path, self.tmpdir / f"{nxt[0]}.json")
        return nxt is not None

    def _take(self, n: int) -> concurrent.futures.Future[str] | None:
        """The stripping of file n (started now if not yet), with the next PREFETCH files' started."""
        file_id, f = self.files[n]
        with self._lock:
            if self.progress:
                self.progress(f.path, self.done, self.total)
            if n in self._taken and is_loadable(f) and self._pool is not None:  # read again (RunAlone)
                return self._pool.submit(self.archive.strip_to, f.path, self.tmpdir / f"{file_id}.json")
            self._taken.add(n)
            while is_loadable(f) and file_id not in self._stripping and self._prefetch():
                pass
            stripped = self._stripping.pop(file_id, None)
            for _ in range(PREFETCH - len(self._stripping)):
                self._prefetch()
            return stripped

    def _read(self, cur: duckdb.DuckDBPyConnection, *, n: int) -> None:
        file_id, f = self.files[n]
        warnings = self._warnings[n] = []  # (a read again keeps only its own warnings)
        status, items, note = load_file(
            cur, self.contract, f, file_id, self.tmpdir, self._take(n), self.skip_broken, warnings)
        cur.execute(
            "insert into archive_files values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [file_id, f.path, f.data_type, f.part, f.size, items, f.manifest_count, status, note or f.note],
        )
        if f.manifest_count is not None and items is not None and items != f.manifest_count:
            warnings.append(Notice("count_mismatch", path=f.path, items=items, count=f.manifest_count))
        with self._lock:
            self.done += f.size or 0


def _build_tables(con: duckdb.DuckDBPyConnection, reads: _Reads, *, keep_raw: bool) -> None:
    """Create the staging views, then read the data files and run the intermediate SQL's statements as steps
    side by side (roost.steps), on as many connections as DuckDB has threads (up to 4). Unless kept, each raw
    table is dropped once its files are read and every statement reading it is done, and what is left of
    them at the end (`drop_raw`)."""
    layers: dict[str, list[Path]] = {}
    for path in sql_files():
        layers.setdefault(path.parent.name, []).append(path)
    for path in layers.pop("staging", []):
        con.execute(path.read_text(encoding="utf-8"))
    views = dict(con.execute(
        "select view_name, sql from duckdb_views() where not internal and database_name = current_database()"
    ).fetchall())
    read_steps, fills = reads.steps()
    # One step per statement: a file's tables are built side by side when they need only what came before.
    statements = [
        (f"{path.name} #{n}", statement.query)
        for paths in layers.values()
        for path in paths
        for n, statement in enumerate(duckdb.extract_statements(path.read_text(encoding="utf-8")), start=1)
    ]
    needs = sql_needs(statements, views, fills)
    builds = [Step(name, functools.partial(_execute, sql=sql, name=name), needs[name]) for name, sql in statements]
    # A raw table is dropped as soon as its files are read and every statement reading it is done (unless the
    # raw tables are kept): what it frees is memory the rest of the load does not spill.
    filled = [table for table in fills if table in reads.contract]
    reading = sql_reads(statements, views, filled)
    drops = [] if keep_raw else [
        Step(f"drop {table}", functools.partial(_drop, table=table),
             frozenset(fills[table]) | {name for name, tables in reading.items() if table in tables})
        for table in filled
    ]
    # A ready step runs before a read: the likes' table is built while the tweets are read, then dropped.
    steps = [*drops, *builds, *read_steps]
    cursors = [con, *_cursors(con, _threads(con) - 1)]
    try:
        with reads:
            run_steps(cursors, steps)
    finally:
        for cur in cursors[1:]:
            cur.close()
    if not keep_raw:
        drop_raw(con, reads.contract)


def _drop(cur: duckdb.DuckDBPyConnection, *, table: str) -> None:
    """Drop one raw table, read by every statement that reads it."""
    cur.execute(f'drop table {RAW_DATABASE}."{table}"')


def _execute(cur: duckdb.DuckDBPyConnection, *, sql: str, name: str) -> None:
    """Run one statement of the intermediate SQL; short of memory beside other steps, it runs again alone."""
    try:
        cur.execute(sql)
    except duckdb.OutOfMemoryException:
        raise RunAlone(RoostError(
            f"building the tables ({name}) needs more memory than DuckDB's limit ({memory_limit()}): "
            "set ROOST_MEMORY_LIMIT higher, e.g. 4GB"
        )) from None


def _threads(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("select current_setting('threads')").fetchone()
    return max(1, min(int(row[0]) if row else 1, 4))


def _cursors(con: duckdb.DuckDBPyConnection, n: int) -> list[duckdb.DuckDBPyConnection]:
    """`n` more connections to `con`'s database, with its session settings (time zone, the raw tables' names)."""
    has_raw = con.execute("select count(*) from duckdb_databases() where database_name = ?", [RAW_DATABASE]).fetchone()
    out = []
    for _ in range(max(0, n)):
        cur = con.cursor()
        _session(cur)
        if has_raw != (0,):
            use_raw_tables(cur)
        out.append(cur)
    return out


def drop_raw(con: duckdb.DuckDBPyConnection, dropped: Iterable[str] = ()) -> None:
    """Drop the raw tables and what the load kept beside them (their in-memory database, see sql/raw.sql) and
    every view that reads them, directly or through another such view (the staging views, the intermediate
    views that build tables): what remains holds no reference to them, so a `roost load` file opens whole.
    `dropped`: raw tables dropped already, whose views go too."""
    raw = {r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = ?", [RAW_DATABASE]).fetchall()} | set(dropped)
    views = {name: sql_names(sql) for name, sql in con.execute(
        "select view_name, sql from duckdb_views() where not internal and not temporary "
        "and database_name = current_database()"
    ).fetchall()}
    reading = set(raw)
    while found := {name for name, names in views.items() if name not in reading and reading & names}:
        reading |= found
    for name in sorted(reading - raw):
        con.execute(f'drop view if exists "{name}"')
    con.execute("set search_path = 'main'")
    con.execute(f"detach {RAW_DATABASE}")


def _date_warnings(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One warning per file and field of absurd values, per kind of impossible date (counts, never values)."""
    out: list[str] = []
    for path, name, items in con.execute("select path, field, items from value_checks").fetchall():
        is_date = "date" in name.lower() or name.endswith("_at") or name == "createdAt"
        out.append(Notice("value_date" if is_date else "value_count", path=path, n=items, field=name))
    for data, problem, items, bound in con.execute("select data, problem, items, bound from date_checks").fetchall():
        day = bound.strftime("%Y-%m-%d") if bound is not None else "?"
        when = "before" if problem == "before_account_creation" else "after"
        out.append(Notice(f"dated_{when}_{'tweets' if data == 'tweets' else 'messages'}", n=items, day=day))
    return out


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0][:200] if str(e).strip() else type(e).__name__
