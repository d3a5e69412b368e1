"""Load an archive into DuckDB: raw tables (one JSON document per item), then the staging layer.

The flow: archive files -> `raw_*` tables (`file_id`, `doc JSON`) -> `stg_*` views (staging.sql, the only
SQL that knows raw field names) -> typed tables (`tweets`, `followers`, ...) that indicators read.
"""

from __future__ import annotations

import codecs
import concurrent.futures
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from roost import __version__
from roost.archive import (
    SKIPPED_TYPES,
    Archive,
    DataFile,
    locate_json_error,
    lone_surrogates_warning,
    open_archive_files,
    replace_lone_surrogates,
)
from roost.errors import ArchiveFileError, OutputExistsError, RoostError
from roost import sandbox
from roost.resources import sql_text

# Data types with a raw table of their own; every other data file goes to `raw_other`.
RAW_TYPES = (
    "tweets",
    "grailbird_tweets",
    "deleted_tweets",
    "community_tweet",
    "twitter_circle_tweet",
    "note_tweet",
    "follower",
    "following",
    "like",
    "block",
    "mute",
    "account",
    "profile",
    "account_timezone",
    "screen_name_change",
    "lists_created",
    "lists_member",
    "lists_subscribed",
    "direct_messages",
    "direct_messages_group",
    "phone_number",
    "email_address_change",
    "verified",
    "ageinfo",
    "grailbird_user_details",
    "grailbird_payload_details",
    "grailbird_tweet_index",
)
# Tweet-shaped files get a raw table with one column per field roost reads (named as in the archive, every
# scalar kept as the archive's text, nested parts kept as JSON): DuckDB's reader then parses each tweet once.
# Everything else keeps one JSON document per item.
TWEET_TYPES = ("tweets", "grailbird_tweets", "deleted_tweets", "community_tweet", "twitter_circle_tweet")
TWEET_FIELDS = (
    ("id_str", "varchar"),
    ("id", "varchar"),
    ("created_at", "varchar"),
    ("full_text", "varchar"),
    ("text", "varchar"),
    ("lang", "varchar"),
    ("source", "varchar"),
    ("favorite_count", "varchar"),
    ("retweet_count", "varchar"),
    ("in_reply_to_status_id_str", "varchar"),
    ("in_reply_to_status_id", "varchar"),
    ("in_reply_to_user_id_str", "varchar"),
    ("in_reply_to_user_id", "varchar"),
    ("in_reply_to_screen_name", "varchar"),
    ("possibly_sensitive", "varchar"),
    ("deleted_at", "varchar"),
    ("community_id_str", "varchar"),
    ("entities", "json"),
    ("extended_entities", "json"),
    ("edit_info", "json"),
    ("retweeted_status", "json"),
)
ACCOUNT_FIELDS = (("accountId", "varchar"), ("userLink", "varchar"))
# Data types read with DuckDB's typed reader: (the wrapper key of their items, their fields). Items may also
# come unwrapped (2018-2019 tweets); irregular files fall back to one JSON document per item.
TYPED_TYPES: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    **{t: ("tweet", TWEET_FIELDS) for t in TWEET_TYPES},
    "like": ("like", (("tweetId", "varchar"), ("fullText", "varchar"), ("expandedUrl", "varchar"))),
    "follower": ("follower", ACCOUNT_FIELDS),
    "following": ("following", ACCOUNT_FIELDS),
}
# A broken file of these types is an error (unless --skip-broken); of any other type, a warning.
ESSENTIAL_TYPES = frozenset({"tweets", "grailbird_tweets"})
# Tables the staging layer materializes, in dependency order.
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
    "follower_ages",
    "date_checks",
    "value_checks",
)
SCHEMA_VERSION = "2"
PREFETCH = 2  # files stripped ahead of the one DuckDB is reading
MAX_OBJECT_SIZE = 32 * 1024**2  # one item (a tweet, a whole DM conversation) larger than this is refused

Progress = Callable[[str, int, int], None]  # (file name, bytes done, bytes total)


@dataclass
class LoadResult:
    """An archive loaded into a DuckDB connection, with the warnings the load produced."""

    con: duckdb.DuckDBPyConnection
    warnings: list[str] = field(default_factory=list)
    source: str = ""
    temp_database: Path | None = None  # a database file roost made for this load, removed on close

    def close(self) -> None:
        """Close the connection (and remove the temporary database, if one was made)."""
        self.con.close()
        if self.temp_database is not None:
            for p in (self.temp_database, Path(str(self.temp_database) + ".wal")):
                if p.exists():
                    p.unlink()

    def __enter__(self) -> LoadResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# DuckDB's memory limit; past it, DuckDB spills to a temporary folder rather than growing. Set
# ROOST_MEMORY_LIMIT (e.g. "512MB") to change it.
DEFAULT_MEMORY_LIMIT = "700MB"
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
    config = {
        "memory_limit": os.environ.get("ROOST_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT),
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
    con.execute("set TimeZone = 'UTC'")
    con.execute("set enable_progress_bar = false")  # DuckDB draws it on stdout, where JSON output goes
    return con


# Archives with more data than this are loaded into a temporary database file rather than memory, so
# DuckDB can evict and memory follows its limit, not the archive.
IN_MEMORY_MAX_BYTES = 256 * 1024**2


def open_archive(
    source: str | Path | list[str | Path],
    *,
    database: str | Path | None = None,
    skip_broken: bool = False,
    progress: Progress | None = None,
    keep_raw: bool = True,
    root: str | None = None,
    threads: int | None = None,
) -> LoadResult:
    """Open an archive (zip, folder, or a `.duckdb` from `roost load`) as a DuckDB connection.

    This is roost's public entry point: `open_archive("twitter-2024.zip").con.sql("from tweets")`.
    `database` is where to build the tables: a DuckDB file path, ":memory:", or None to choose (memory,
    or a temporary file for archives too large to hold in memory). `root` picks one archive of a zip or
    folder that holds several (see `roost.archive.archive_roots`).

    The connection comes back locked (`roost.sandbox`): its SQL reads the loaded tables and no file, loads
    no extension, and cannot change its configuration (`threads` is set before the lock).
    """
    sources = [Path(s) for s in (source if isinstance(source, list) else [source])]
    if len(sources) == 1 and sources[0].suffix.lower() == ".duckdb" and sources[0].is_file():
        con = connect(":memory:")
        try:
            sandbox.open_database(con, sources[0], spill_dir=spill_dir(), threads=threads,
                                  tables=("roost_meta", "archive_files", *TABLES))
        except BaseException:
            con.close()
            raise
        _check_roost_database(con, sources[0])
        return LoadResult(con, [], str(sources[0]))
    _refuse_databases_among(sources)
    # Identify what was given before any table is built: several accounts or snapshots are refused here.
    with open_archive_files(sources, root=root) as archive:
        temp: Path | None = None
        if database is None:
            database = ":memory:"
            if sum(_input_bytes(s) for s in sources) > IN_MEMORY_MAX_BYTES:
                fd, name = tempfile.mkstemp(prefix="archive-", suffix=".duckdb", dir=spill_dir())
                os.close(fd)
                os.unlink(name)
                database = temp = Path(name)
        con = connect(database)
        result = LoadResult(con, [], archive.source_label, temp)
        try:
            result.warnings = load_archive(archive, con, skip_broken=skip_broken, progress=progress, keep_raw=keep_raw)
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


def _input_bytes(path: Path) -> int:
    """Roughly how much data an archive holds: a zip's uncompressed data files, a folder's .js files."""
    import zipfile

    try:
        if path.is_file():
            with zipfile.ZipFile(path) as z:
                return sum(i.file_size for i in z.infolist() if i.filename.endswith(".js"))
        return sum(p.stat().st_size for p in path.rglob("*.js") if p.is_file())
    except (OSError, zipfile.BadZipFile):
        return 0


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
    source: str | Path | list[str | Path],
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
    sources = [Path(s) for s in (source if isinstance(source, list) else [source])]
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
                warnings = load_archive(archive, con, skip_broken=skip_broken, progress=progress)
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
        _create_raw_schema(con)
        warnings = list(archive.warnings)
        total = sum(f.size or 0 for f in archive.files if f.present)
        done = 0
        # Envelopes are stripped (and zip members inflated) in threads, a couple of files ahead of
        # DuckDB, which reads the previous file meanwhile; both release the GIL.
        with concurrent.futures.ThreadPoolExecutor(max_workers=PREFETCH) as pool:
            ahead = iter([(i, f) for i, f in enumerate(archive.files, start=1) if _is_loadable(f)])
            stripping: dict[int, concurrent.futures.Future[str]] = {}

            def prefetch() -> None:
                nxt = next(ahead, None)
                if nxt is not None:
                    stripping[nxt[0]] = pool.submit(archive.strip_to, nxt[1].path, Path(tmpdir) / f"{nxt[0]}.json")

            for _ in range(PREFETCH):
                prefetch()
            for file_id, f in enumerate(archive.files, start=1):
                if progress:
                    progress(f.path, done, total)
                stripped = stripping.pop(file_id, None)
                if stripped is not None:
                    prefetch()
                status, items, note = _load_file(con, f, file_id, Path(tmpdir), stripped, skip_broken, warnings)
                done += f.size or 0
                con.execute(
                    "insert into archive_files values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [file_id, f.path, f.data_type, f.part, f.size, items, f.manifest_count, status, note or f.note],
                )
                if f.manifest_count is not None and items is not None and items != f.manifest_count:
                    warnings.append(
                        f"{f.path} holds {items} items but the manifest says {f.manifest_count}: "
                        "the archive may be incomplete"
                    )
        missing = [f.path for f in archive.files if not f.present and (f.manifest_count or 0) > 0]
        if missing:
            shown = ", ".join(missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
            warnings.append(f"{len(missing)} files listed by the manifest are not in the archive: {shown}")
        if progress:
            progress("", total, total)
        meta = {
            "schema_version": SCHEMA_VERSION,
            "roost_version": __version__,
            "source_path": archive.source_label,
            "source_kind": archive.kind,
            "generation": archive.generation,
        }
        con.executemany("insert into roost_meta values (?, ?)", list(meta.items()))
        if archive.manifest is not None:
            try:
                con.execute("insert into raw_manifest values (?::json)", [archive.manifest_text.decode("utf-8", "replace")])
            except duckdb.Error:
                warnings.append("data/manifest.js cannot be stored as JSON: the owner is taken from account.js")
        _build_tables(con, keep_raw=keep_raw)
        warnings.extend(_date_warnings(con))
        return warnings


def _create_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create table roost_meta (key varchar primary key, value varchar)")
    con.execute(
        """create table archive_files (
            file_id integer, path varchar, data_type varchar, part integer, bytes bigint,
            items_read bigint, manifest_count bigint, status varchar, note varchar)"""
    )
    con.execute("create table raw_manifest (doc json)")
    for t in RAW_TYPES:
        fields = TYPED_TYPES[t][1] if t in TYPED_TYPES else (("doc", "json"),)
        columns = ", ".join(f'"{name}" {kind}' for name, kind in fields)
        con.execute(f"create table raw_{t} (file_id integer, {columns})")
    con.execute("create table raw_other (file_id integer, doc json)")


# Headers files repeat the ids and dates of tweets.js (and DM files) without their content.
REDUNDANT_TYPES = frozenset(
    {"tweet_headers", "deleted_tweet_headers", "direct_message_headers", "direct_message_group_headers", "grailbird_csv"}
)


def _is_loadable(f: DataFile) -> bool:
    """Whether roost reads this file's content (it is present and neither private nor redundant)."""
    return f.present and f.data_type not in SKIPPED_TYPES and f.data_type not in REDUNDANT_TYPES


def _load_file(
    con: duckdb.DuckDBPyConnection,
    f: DataFile,
    file_id: int,
    tmpdir: Path,
    stripped: concurrent.futures.Future[str] | None,
    skip_broken: bool,
    warnings: list[str],
) -> tuple[str, int | None, str]:
    """Load one data file, whose stripped JSON is being written to tmpdir; return (status, items, note)."""
    if not f.present:
        return "missing", None, ""
    if f.data_type in SKIPPED_TYPES:
        return "skipped", None, "not loaded: no indicator needs it, and it is private or bulky"
    if f.data_type in REDUNDANT_TYPES or stripped is None:
        return "skipped", None, "not loaded: it repeats what the tweet (or message) files hold"
    table = f"raw_{f.data_type}" if f.data_type in RAW_TYPES else "raw_other"
    tmp = tmpdir / f"{file_id}.json"

    def insert(shape: str) -> int:
        if f.data_type in TYPED_TYPES:
            wrapper, fields = TYPED_TYPES[f.data_type]
            return _insert_typed(con, table, file_id, tmp, shape, f.path, warnings, wrapper, fields)
        return _insert_json(con, table, file_id, tmp, shape, f.path, warnings)

    try:
        shape = stripped.result()
        if shape == "empty":
            return "blank", 0, "blank file"
        try:
            return "loaded", insert(shape), ""
        except duckdb.InvalidInputException as e:
            # DuckDB refuses a lone surrogate escape (half an emoji, cut by some exporter) anywhere in the file:
            # only then is the file rewritten, so the fast path stays one read.
            if "surrogate in string" not in str(e) or not (replaced := replace_lone_surrogates(tmp)):
                raise
        warnings.append(lone_surrogates_warning(f.path, replaced))
        con.execute(f"delete from {table} where file_id = ?", [file_id])
        return "loaded", insert(shape), ""
    except (ArchiveFileError, duckdb.Error, UnicodeDecodeError) as e:
        message = str(e) if isinstance(e, ArchiveFileError) else _json_error(f.path, tmp, e, f.json_at)
        if isinstance(e, duckdb.OutOfMemoryException):
            raise RoostError(message) from None
        if f.data_type in ESSENTIAL_TYPES and not skip_broken:
            raise RoostError(message + "; pass --skip-broken to load the rest without it") from None
        warnings.append(message + " (skipped; the rest is loaded)")
        con.execute(f"delete from {table} where file_id = ?", [file_id])
        return "broken", None, "unreadable: skipped"
    finally:
        if tmp.exists():
            tmp.unlink()


def _max_object_size() -> int:
    """The largest JSON item DuckDB's reader accepts: 32 MiB, less under a small memory limit."""
    text = os.environ.get("ROOST_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT).strip().upper()
    units = {"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "KIB": 2**10, "MIB": 2**20, "GIB": 2**30, "B": 1}
    for unit in sorted(units, key=len, reverse=True):
        if text.endswith(unit):
            try:
                limit = float(text[: -len(unit)]) * units[unit]
            except ValueError:
                break
            return int(max(1 * 1024**2, min(MAX_OBJECT_SIZE, limit // 8)))
    return MAX_OBJECT_SIZE


def _insert_json(
    con: duckdb.DuckDBPyConnection,
    table: str,
    file_id: int | None,
    tmp: Path,
    shape: str,
    rel: str,
    warnings: list[str],
    *,
    with_file_id: bool = True,
) -> int:
    """Insert one JSON document per item of the file (the whole value when it is an object)."""
    fmt = "array" if shape == "array" else "unstructured"
    source = f"read_json_objects(?, format = '{fmt}', maximum_object_size = {_max_object_size()})"
    if with_file_id:
        query, params = f"insert into {table} select ? as file_id, json as doc from {source}", [file_id, str(tmp)]
        clear = f"delete from {table} where file_id = {int(file_id or 0)}"
        count = f"select count(*) from {table} where file_id = {int(file_id or 0)}"
    else:
        query, params = f"insert into {table} select json as doc from {source}", [str(tmp)]
        clear, count = f"delete from {table}", f"select count(*) from {table}"
    try:
        con.execute(query, params)
    except (duckdb.InvalidInputException, UnicodeDecodeError) as e:
        if isinstance(e, duckdb.InvalidInputException) and "UTF-8" not in str(e) and "utf-8" not in str(e):
            raise
        _replace_bad_utf8(tmp)
        warnings.append(f"{rel} has bytes that are not UTF-8: they were replaced with U+FFFD")
        con.execute(clear)
        con.execute(query, params)
    row = con.execute(count).fetchone()
    return int(row[0]) if row else 0


def _first_key(path: Path) -> str | None:
    """The first key of the first item of a JSON array file (tells wrapped `{"tweet": ...}` from flat)."""
    import re

    head = b""
    with open(path, "rb") as f:
        while len(head) < 256 and (chunk := f.read(64 * 1024)):
            # Runs of blanks shrink to one, so any amount of them before the first key costs one read.
            head = re.sub(rb"\s+", b" ", head + chunk)
    m = re.match(rb'\s*\[\s*\{\s*"([^"\\]{1,40})"', head)
    return m.group(1).decode() if m else None


def _insert_typed(
    con: duckdb.DuckDBPyConnection,
    table: str,
    file_id: int,
    tmp: Path,
    shape: str,
    rel: str,
    warnings: list[str],
    wrapper: str,
    fields: tuple[tuple[str, str], ...],
) -> int:
    """Insert a file of a typed data type: DuckDB's typed reader when the file is regular, else item by item."""
    names = ", ".join(f'"{name}"' for name, _ in fields)
    struct = ", ".join(f'"{name}" {kind}' for name, kind in fields)
    first = _first_key(tmp) if shape == "array" else None
    all_null = " and ".join(f'"{name}" is null' for name, _ in fields)
    if first is not None and (first == wrapper or first in {name for name, _ in fields} or first == "retweeted"):
        if first == wrapper:
            columns = f"{{'{wrapper}': 'struct({struct})'}}"
            select = ", ".join(f'"{wrapper}"."{name}"' for name, _ in fields)
        else:
            columns = "{" + ", ".join(f"'{name}': '{kind}'" for name, kind in fields) + "}"
            select = names
        try:
            con.execute("begin")
            con.execute(
                f"insert into {table} (file_id, {names}) select ?, {select} from read_json(?, format = 'array', "
                f"columns = {columns}, maximum_object_size = {_max_object_size()})",
                [file_id, str(tmp)],
            )
            # An item of another shape (flat among wrapped ones, or the reverse) comes out all null.
            odd = con.execute(f"select count(*) from {table} where file_id = ? and {all_null}", [file_id]).fetchone()
            if odd and odd[0] == 0:
                con.execute("commit")
                row = con.execute(f"select count(*) from {table} where file_id = ?", [file_id]).fetchone()
                return int(row[0]) if row else 0
            con.execute("rollback")
        except (duckdb.Error, UnicodeDecodeError) as e:
            # UnicodeDecodeError: DuckDB's message quoted bytes cut inside a character (seen by the fuzzer).
            con.execute("rollback")
            if isinstance(e, duckdb.InvalidInputException) and "surrogate in string" in str(e):
                raise  # _load_file replaces lone surrogates, then this fast path is taken again
    # The general path: one JSON document per item, unwrapped when wrapped, the same fields extracted.
    docs = f"raw_docs_{file_id}"
    con.execute(f"create temp table {docs} (doc json)")
    try:
        _insert_json(con, docs, None, tmp, shape, rel, warnings, with_file_id=False)
        paths = ", ".join(f"'$.\"{name}\"'" for name, _ in fields)
        picks = ", ".join(
            f"s[{i}]" if kind == "varchar" else f"j[{i}]" for i, (_, kind) in enumerate(fields, start=1)
        )
        con.execute(
            f"""insert into {table} (file_id, {names})
            select ?, {picks} from (
                select json_extract_string(t, [{paths}]) as s, json_extract(t, [{paths}]) as j
                from (select case when json_type(doc, '$.{wrapper}') = 'OBJECT' then doc -> '$.{wrapper}' else doc end as t
                      from {docs})
                where json_type(t) = 'OBJECT'
            )""",
            [file_id],
        )
        row = con.execute(f"select count(*) from {table} where file_id = ?", [file_id]).fetchone()
        items = int(row[0]) if row else 0
        odd = con.execute(f"select count(*) from {docs}").fetchone()[0] - items  # type: ignore[index]
        if odd and not items:  # nothing readable: a broken file (an error for tweets), never "0 items"
            raise ArchiveFileError(
                f"{rel} holds {odd:,} items but none is a JSON object: the file is damaged; download the archive again",
                path=rel,
            )
        if odd:
            warnings.append(f"{rel}: {odd:,} of its {odd + items:,} items are not JSON objects: they were skipped")
        return items
    finally:
        con.execute(f"drop table if exists {docs}")


def _replace_bad_utf8(path: Path) -> None:
    fixed = path.with_suffix(".utf8")
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    with open(path, "rb") as src, open(fixed, "wb") as out:
        while chunk := src.read(1024 * 1024):
            out.write(decoder.decode(chunk).encode("utf-8"))
        out.write(decoder.decode(b"", final=True).encode("utf-8"))
    shutil.move(fixed, path)


def _json_error(
    rel: str, tmp: Path, e: duckdb.Error | UnicodeDecodeError, json_at: tuple[int, int] = (1, 1)
) -> str:
    """One line naming the file and, where it can be found, the line of the first JSON error.

    DuckDB's own message is never shown: it can quote the file's content (tweet or message text). `json_at`
    is where the stripped JSON starts in the data file, so the line given is the file's own.
    """
    if isinstance(e, duckdb.OutOfMemoryException):
        limit = os.environ.get("ROOST_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT)
        return f"{rel} needs more memory than DuckDB's limit ({limit}): set ROOST_MEMORY_LIMIT higher, e.g. 4GB"
    if not isinstance(e, (duckdb.InvalidInputException, duckdb.ConversionException, UnicodeDecodeError)):
        return f"{rel} cannot be loaded ({type(e).__name__}): the file may be damaged; download the archive again"
    if isinstance(e, duckdb.Error) and "maximum_object_size" in str(e):
        return (
            f"{rel} holds an item larger than {_max_object_size() // 1024**2} MB, more than roost reads: "
            "no tweet or message is that large, so the file is damaged; download the archive again"
        )
    where = ""
    # Read once, one item at a time (memory stays near the largest item); past this size, too slow to be worth it.
    if tmp.exists() and tmp.stat().st_size <= 512 * 1024**2:
        found = locate_json_error(tmp)
        if found is not None:
            line, column = found
            if line == 1:
                column += json_at[1] - 1
            where = f" (line {line + json_at[0] - 1}, column {column})"
    return f"{rel} is not valid JSON{where}: the file is damaged or truncated; download the archive again"


def _build_tables(con: duckdb.DuckDBPyConnection, *, keep_raw: bool) -> None:
    con.execute(sql_text("staging.sql"))
    if not keep_raw:
        for t in (*RAW_TYPES, "other"):
            con.execute(f"delete from raw_{t}")


def _date_warnings(con: duckdb.DuckDBPyConnection) -> list[str]:
    """One warning per file and field of absurd values, per kind of impossible date (counts, never values)."""
    out = []
    for path, field, items in con.execute("select path, field, items from value_checks").fetchall():
        what = "a plausible date (2006 to 2099)" if "date" in field.lower() or field.endswith("_at") or field == "createdAt" else (
            "a plausible count"
        )
        out.append(f"{path}: {items:,} {field} value{'s' if items != 1 else ''} not {what}: treated as unknown")
    for data, problem, items, bound in con.execute("select data, problem, items, bound from date_checks").fetchall():
        day = bound.strftime("%Y-%m-%d") if bound is not None else "?"
        when = f"before the account was created ({day})" if problem == "before_account_creation" else (
            f"after the archive was made ({day})"
        )
        out.append(
            f"{items:,} {data} are dated {when}: the archive may be damaged or edited; "
            "they are kept in every figure as dated"
        )
    return out


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0][:200] if str(e).strip() else type(e).__name__
