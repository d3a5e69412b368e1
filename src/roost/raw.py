"""The raw layer: each data file of an archive read into its raw table, as `sql/raw.sql` declares them.

`sql/raw.sql` is the raw contract: one table per data type, one row per item, named as in the archive. This
module runs it, then learns each table's fields and its items' wrapper key from DuckDB (`raw_contract`), so
no raw field name is written here. A table with named fields is filled by DuckDB's typed reader (each item
parsed once, straight into typed columns); a table with one `doc` column keeps each item as a JSON document.
"""

from __future__ import annotations

import codecs
import concurrent.futures
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from roost import registry
from roost.archive import DataFile, locate_json_error, lone_surrogates_warning, replace_lone_surrogates
from roost.errors import ArchiveFileError, RoostError
from roost.notices import Notice
from roost.resources import sql_text
from roost.steps import RunAlone

# DuckDB's memory limit; past it, DuckDB spills to a temporary folder rather than growing. Set
# ROOST_MEMORY_LIMIT (e.g. "512MB") to change it.
DEFAULT_MEMORY_LIMIT = "700MB"
MAX_OBJECT_SIZE = 32 * 1024**2  # one item (a tweet, a whole DM conversation) larger than this is refused


def memory_limit() -> str:
    """DuckDB's memory limit, as ROOST_MEMORY_LIMIT gives it (else the default)."""
    return os.environ.get("ROOST_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT)


@dataclass(frozen=True)
class RawTable:
    """One raw table as `sql/raw.sql` declares it."""

    name: str
    fields: tuple[tuple[str, str], ...]  # (field, DuckDB type) after file_id, in order: (("doc", "json"),) for documents
    wrapper: str | None  # the key its items are wrapped in, for a table read by the typed reader
    flat_starts: frozenset[str]  # keys other than its fields that may start a flat (unwrapped) item

    @property
    def typed(self) -> bool:
        """Whether files of this table are read by DuckDB's typed reader (else one JSON document per item)."""
        return self.wrapper is not None


RAW_DATABASE = "roost_raw"  # the in-memory database the raw tables live in (see sql/raw.sql)


def create_raw_tables(con: duckdb.DuckDBPyConnection) -> dict[str, RawTable]:
    """Create roost's bookkeeping and raw tables (`sql/raw.sql`); return the raw tables by name."""
    con.execute(f"attach ':memory:' as {RAW_DATABASE}")
    use_raw_tables(con)
    con.execute(sql_text("sql/raw.sql"))
    return raw_contract(con)


def use_raw_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Let `con` (a connection to the database being loaded) name the raw tables unqualified."""
    con.execute(f"set search_path = 'main,{RAW_DATABASE}.main'")


def declared_raw_tables() -> dict[str, RawTable]:
    """The raw tables as `sql/raw.sql` declares them, read from a scratch in-memory database (for tools)."""
    con = duckdb.connect()
    try:
        return create_raw_tables(con)
    finally:
        con.close()


def typed_data_types() -> dict[str, RawTable]:
    """The data types whose files DuckDB's typed reader reads, with their raw table (for tools: the benchmarks)."""
    tables = declared_raw_tables()
    return {t.name: tables[t.raw_table] for t in registry.TYPES if t.raw_table and tables[t.raw_table].typed}


def raw_contract(con: duckdb.DuckDBPyConnection) -> dict[str, RawTable]:
    """The raw tables of `con`'s database, their fields and wrapper, as DuckDB's catalog holds them."""
    rows = con.execute(
        """
        select
            t.table_name,
            coalesce(t.comment, '') as comment,
            list(c.column_name order by c.column_index) as names,
            list(c.data_type order by c.column_index) as kinds
        from duckdb_tables() as t
        join duckdb_columns() as c using (database_name, schema_name, table_name)
        where t.database_name = ? and starts_with(t.table_name, 'raw_')
        group by all
        order by t.table_name
        """,
        [RAW_DATABASE],
    ).fetchall()
    tables = {}
    for name, comment, names, kinds in rows:
        notes = {key.strip(): value.strip() for key, _, value in (part.partition(":") for part in comment.split(";"))}
        # Types keep their case: a STRUCT's field names are JSON keys, which DuckDB's reader matches exactly.
        fields = tuple((n, _lower_scalar(k)) for n, k in zip(names, kinds, strict=True) if n != "file_id")
        tables[name] = RawTable(
            name, fields, notes.get("wrapper") or None, frozenset(notes.get("flat", "").replace(",", " ").split())
        )
    return tables


def _lower_scalar(kind: str) -> str:
    """`varchar`, `json`... in lower case; a nested type as DuckDB writes it (its field names are JSON keys)."""
    return kind.lower() if kind.isalnum() else kind


def is_loadable(f: DataFile) -> bool:
    """Whether roost reads this file's content (it is present and its type is neither skipped nor redundant)."""
    return f.present and registry.handling(f.data_type) == registry.READ


def load_file(
    con: duckdb.DuckDBPyConnection,
    contract: dict[str, RawTable],
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
    handling = registry.handling(f.data_type)
    if handling == registry.SKIPPED:
        return "skipped", None, "not loaded: no indicator needs it, and it is private or bulky"
    if handling == registry.REDUNDANT or stripped is None:
        return "skipped", None, "not loaded: it repeats what the tweet (or message) files hold"
    table = contract[registry.raw_table(f.data_type) or "raw_other"]
    tmp = tmpdir / f"{file_id}.json"

    def insert(shape: str) -> int:
        if table.typed:
            return _insert_typed(con, table, file_id, tmp, shape, f.path, warnings)
        return _insert_json(con, table.name, file_id, tmp, shape, f.path, warnings)

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
        con.execute(f"delete from {table.name} where file_id = ?", [file_id])
        return "loaded", insert(shape), ""
    except (ArchiveFileError, duckdb.Error, UnicodeDecodeError) as e:
        message = str(e) if isinstance(e, ArchiveFileError) else json_error(f.path, tmp, e, f.json_at)
        if isinstance(e, duckdb.OutOfMemoryException):
            # Read beside other steps, it may fit alone: the load reads it again with nothing beside it.
            con.execute(f"delete from {table.name} where file_id = ?", [file_id])
            raise RunAlone(RoostError(message)) from None
        if f.data_type in registry.ESSENTIAL_TYPES and not skip_broken:
            raise RoostError(message + "; pass --skip-broken to load the rest without it") from None
        warnings.append(_skipped_notice(f.path, message))
        con.execute(f"delete from {table.name} where file_id = ?", [file_id])
        return "broken", None, "unreadable: skipped"
    finally:
        if tmp.exists():
            tmp.unlink()


def max_object_size() -> int:
    """The largest JSON item DuckDB's reader accepts: 32 MiB, less under a small memory limit."""
    text = memory_limit().strip().upper()
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
    source = f"read_json_objects(?, format = '{fmt}', maximum_object_size = {max_object_size()})"
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
        warnings.append(Notice("not_utf8", path=rel))
        con.execute(clear)
        con.execute(query, params)
    row = con.execute(count).fetchone()
    return int(row[0]) if row else 0


def _first_key(path: Path) -> str | None:
    """The first key of the first item of a JSON array file (tells wrapped `{"tweet": ...}` from flat)."""
    head = b""
    with open(path, "rb") as f:
        while len(head) < 256 and (chunk := f.read(64 * 1024)):
            # Runs of blanks shrink to one, so any amount of them before the first key costs one read.
            head = re.sub(rb"\s+", b" ", head + chunk)
    m = re.match(rb'\s*\[\s*\{\s*"([^"\\]{1,40})"', head)
    # A key that is not UTF-8 names no known field: the general path reads (and repairs) that file.
    return m.group(1).decode(errors="replace") if m else None


def _lenient(expr: str, kind: str) -> str:
    """`expr`, a JSON value, as `kind`; a value of another shape (a string where an object is) becomes null."""
    if kind in ("varchar", "json"):
        return expr
    shape = "OBJECT" if kind.lower().startswith("struct") else "ARRAY" if kind.endswith("]") else None
    cast = f"try_cast({expr} as {kind})"
    return f"case when json_type({expr}) = '{shape}' then {cast} end" if shape else cast


def read_typed(con: duckdb.DuckDBPyConnection, table: RawTable, file_id: int, path: Path, first: str | None) -> int | None:
    """Read a file of a typed raw table with DuckDB's typed reader.

    `path` is a stripped JSON array whose first item starts with key `first`. Returns the items read, or None
    when the reader cannot take them (an item of another shape, a value the types refuse): nothing is then
    inserted, and `_insert_typed` reads the file item by item. A nested value of another shape is first
    retried with nested parts read as JSON and cast leniently (that value alone becomes null).

    Files are read side by side, each with buffers the size of the largest item it may hold: a quarter of
    `max_object_size()` here, so memory stays within the limit (no tweet, like or follower comes near 8 MiB;
    a file with a larger item goes item by item, where the whole size is allowed).
    """
    wrapper, fields = table.wrapper, table.fields
    if first is None or not (first == wrapper or first in {n for n, _ in fields} or first in table.flat_starts):
        return None
    names = ", ".join(f'"{name}"' for name, _ in fields)
    all_null = " and ".join(f'"{name}" is null' for name, _ in fields)
    nested = any(kind not in ("varchar", "json") for _, kind in fields)
    for lenient in (False, True) if nested else (False,):
        read = [(name, "json" if lenient and kind != "varchar" else kind) for name, kind in fields]
        if first == wrapper:
            struct = ", ".join(f'"{name}" {kind}' for name, kind in read).replace("'", "''")
            columns = f"{{'{wrapper}': 'struct({struct})'}}"
            picks = [f'"{wrapper}"."{name}"' for name, _ in fields]
        else:
            columns = "{" + ", ".join(f"""'{name}': '{kind.replace("'", "''")}'""" for name, kind in read) + "}"
            picks = [f'"{name}"' for name, _ in fields]
        select = ", ".join(_lenient(p, kind) if lenient else p for p, (_, kind) in zip(picks, fields, strict=True))
        try:
            con.execute("begin")
            con.execute(
                f"insert into {table.name} (file_id, {names}) select {int(file_id)}, {select} from read_json(?, "
                f"format = 'array', columns = {columns}, maximum_object_size = {max_object_size() // 4})",
                [str(path)],
            )
            # An item of another shape (flat among wrapped ones, or the reverse) comes out all null.
            row = con.execute(
                f"select count(*), count(*) filter (where {all_null}) from {table.name} where file_id = {int(file_id)}"
            ).fetchone()
            items, odd_rows = row if row else (0, 0)
            if odd_rows == 0:
                con.execute("commit")
                return int(items)
            con.execute("rollback")
            return None
        except (duckdb.Error, UnicodeDecodeError) as e:
            # UnicodeDecodeError: DuckDB's message quoted bytes cut inside a character (seen by the fuzzer).
            con.execute("rollback")
            if isinstance(e, duckdb.InvalidInputException) and "surrogate in string" in str(e):
                raise  # load_file replaces lone surrogates, then this fast path is taken again
            if isinstance(e, duckdb.OutOfMemoryException):
                raise
    return None


def _insert_typed(
    con: duckdb.DuckDBPyConnection,
    table: RawTable,
    file_id: int,
    tmp: Path,
    shape: str,
    rel: str,
    warnings: list[str],
) -> int:
    """Insert a file of a typed raw table: DuckDB's typed reader when the file is regular, else item by item."""
    wrapper, fields = table.wrapper, table.fields
    names = ", ".join(f'"{name}"' for name, _ in fields)
    if shape == "array":
        count = read_typed(con, table, file_id, tmp, _first_key(tmp))
        if count is not None:
            return count
    # The general path: one JSON document per item, unwrapped when wrapped, the same fields extracted.
    docs = f"raw_docs_{file_id}"
    con.execute(f"create temp table {docs} (doc json)")
    try:
        _insert_json(con, docs, None, tmp, shape, rel, warnings, with_file_id=False)
        paths = ", ".join(f"'$.\"{name}\"'" for name, _ in fields)
        picks = ", ".join(
            f"s[{i}]" if kind == "varchar" else _lenient(f"j[{i}]", kind) for i, (_, kind) in enumerate(fields, start=1)
        )
        con.execute(
            f"""insert into {table.name} (file_id, {names})
            select ?, {picks} from (
                select json_extract_string(t, [{paths}]) as s, json_extract(t, [{paths}]) as j
                from (select case when json_type(doc, '$.{wrapper}') = 'OBJECT' then doc -> '$.{wrapper}' else doc end as t
                      from {docs})
                where json_type(t) = 'OBJECT'
            )""",
            [file_id],
        )
        row = con.execute(f"select count(*) from {table.name} where file_id = ?", [file_id]).fetchone()
        items = int(row[0]) if row else 0
        total = con.execute(f"select count(*) from {docs}").fetchone()
        odd = (int(total[0]) if total else 0) - items
        if odd and not items:  # nothing readable: a broken file (an error for tweets), never "0 items"
            raise ArchiveFileError(
                f"{rel} holds {odd:,} items but none is a JSON object: the file is damaged; download the archive again",
                path=rel,
            )
        if odd:
            warnings.append(Notice("not_objects", path=rel, odd=odd, total=odd + items))
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


def json_error(rel: str, tmp: Path, e: duckdb.Error | UnicodeDecodeError, json_at: tuple[int, int] = (1, 1)) -> Notice:
    """One line naming the file and, where it can be found, the line of the first JSON error.

    DuckDB's own message is never shown: it can quote the file's content (tweet or message text). `json_at`
    is where the stripped JSON starts in the data file, so the line given is the file's own.
    """
    if isinstance(e, duckdb.OutOfMemoryException):
        return Notice("json_memory", path=rel, limit=memory_limit())
    if not isinstance(e, (duckdb.InvalidInputException, duckdb.ConversionException, UnicodeDecodeError)):
        return Notice("json_unreadable", path=rel, kind=type(e).__name__)
    if isinstance(e, duckdb.Error) and "maximum_object_size" in str(e):
        return Notice("json_too_large", path=rel, mb=max_object_size() // 1024**2)
    # Read once, one item at a time (memory stays near the largest item); past this size, too slow to be worth it.
    if tmp.exists() and tmp.stat().st_size <= 512 * 1024**2:
        found = locate_json_error(tmp)
        if found is not None:
            line, column = found
            if line == 1:
                column += json_at[1] - 1
            # As text: a line number is not a count (no thousands separator).
            return Notice("json_invalid_at", path=rel, line=str(line + json_at[0] - 1), column=str(column))
    return Notice("json_invalid", path=rel)


def _skipped_notice(rel: str, problem: str) -> Notice:
    """The warning for a damaged file skipped while the rest loads: the problem inside, said in the report's
    language where roost knows its key (a JSON error), else a translated sentence around the English detail."""
    if isinstance(problem, Notice):
        return Notice("skipped", problem=problem)
    return Notice("skipped_damaged", path=rel, detail=str(problem))
