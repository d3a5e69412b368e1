"""DuckDB as a sandbox: once an archive is loaded, SQL (roost's and the user's) reads the loaded tables only.

After `lock`, a connection cannot read or write files outside roost's private temporary folder (and the
paths given), cannot install or load an extension, and cannot change its configuration back. A `.duckdb`
given as input is attached read-only to such a connection, so a view or macro hidden in it that reads a
local file (`read_text('/etc/passwd')`) fails instead of leaking that file into a report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import duckdb

from roost.errors import RoostError


def lock(
    con: duckdb.DuckDBPyConnection,
    *,
    spill_dir: str,
    allowed_paths: Sequence[str | Path] = (),
    threads: int | None = None,
) -> None:
    """Forbid file access outside `spill_dir` (and `allowed_paths`), extensions, and configuration changes."""
    if threads is not None:
        con.execute(f"set threads = {max(1, int(threads))}")
    con.execute("set allowed_directories = ?", [[str(Path(spill_dir)) + "/"]])
    con.execute("set allowed_paths = ?", [[str(p) for p in allowed_paths]])
    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")


def open_database(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    spill_dir: str,
    tables: Sequence[str],
    threads: int | None = None,
    spare: Sequence[duckdb.DuckDBPyConnection] = (),
    check: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
) -> None:
    """Attach a `.duckdb` from `roost load` read-only to a fresh connection, locked before it is read.

    The database is data: its tables are read, and any view or macro in it runs under the lock (no file, no
    extension). `tables`, the ones roost reads, must be tables, not views standing in for them. `check` runs
    once `roost_meta` is found, before the tables are checked (a file of another roost version is said so,
    not said to be odd).
    """
    resolved = path.resolve()
    lock(con, spill_dir=spill_dir, allowed_paths=[resolved, Path(str(resolved) + ".wal")], threads=threads)
    try:
        con.execute("attach ? as loaded (read_only)", [str(resolved)])
        con.execute("use loaded")
        for cur in spare:  # more connections to the same database (see load.LoadResult.spare)
            cur.execute("use loaded")
        kinds = dict(
            con.execute(
                "select table_name, 'table' from duckdb_tables() where database_name = 'loaded' and schema_name = 'main' "
                "union all "
                "select view_name, 'view' from duckdb_views() where database_name = 'loaded' and schema_name = 'main'"
            ).fetchall()
        )
    except duckdb.Error as e:
        raise RoostError(f"{path} cannot be opened as a DuckDB database ({_first_line(e)})") from None
    if "roost_meta" not in kinds:
        raise RoostError(f"{path} is not a database written by `roost load`: load the archive itself instead")
    if check is not None:
        check(con)
    odd = [name for name in tables if kinds.get(name) != "table"]
    if odd:
        raise RoostError(
            f"{path} is not as `roost load` writes it ({', '.join(odd)} should be tables): "
            "load the archive itself instead of this database"
        )


def _first_line(e: BaseException) -> str:
    return str(e).strip().splitlines()[0][:200] if str(e).strip() else type(e).__name__
