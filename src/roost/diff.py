"""Growth between two archives of one account: followers gained and lost, follow-backs, mutuals lost.

An archive holds no follow dates, so growth exists only between snapshots: two archives of the same
account taken at different times. Follower and following ids stay in Parquet files and DuckDB (an account
may have millions); only the accounts a change lists ever reach Python.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from roost.errors import RoostError

# Each change: (its key in the result, the id set it is in, the id set it is not in), both of one kind.
CHANGES = (
    ("followers_gained", "new", "old", "followers"),
    ("followers_lost", "old", "new", "followers"),
    ("following_added", "new", "old", "following"),
    ("following_removed", "old", "new", "following"),
    ("follow_backs", "new", "old", "mutuals"),
    ("mutuals_lost", "old", "new", "mutuals"),
)
KINDS = ("followers", "following", "mutuals")


@dataclass(frozen=True)
class Snapshot:
    """What one archive says about its owner's network at the time it was made."""

    source: str
    owner_id: str | None
    username: str | None
    taken_at: dt.datetime | None  # the archive's generation date, else its last tweet
    taken_at_source: str  # "generation date", "last tweet" or "unknown"
    followers: str | None  # a Parquet file of the follower ids (column account_id); None: no follower file
    following: str | None  # the same for the accounts followed
    handles: str | None  # a Parquet file of (account_id, screen_name), one row per account
    counts: dict[str, int | None] = field(default_factory=dict)  # followers, following, mutuals


def parquet_path(path: str | Path) -> str:
    """A file path as read_parquet takes it: DuckDB globs `*`, `?` and `[`, so each is made literal."""
    return re.sub(r"([*?\[])", r"[\1]", str(path))


def snapshot(con: duckdb.DuckDBPyConnection, source: str, folder: Path) -> Snapshot:
    """Read a snapshot from a loaded archive, its ids written as Parquet files into folder."""
    from roost.indicators import available_types

    owner_id, username, generated_at = con.execute(
        "select owner_id, username, generated_at from archive"
    ).fetchone() or (None, None, None)
    taken_at, taken_from = generated_at, "generation date"
    if taken_at is None:
        row = con.execute("select max(created_at) from tweets").fetchone()
        taken_at = row[0] if row else None
        taken_from = "last tweet" if taken_at is not None else "unknown"
    available = available_types(con)

    def export(table: str, query: str) -> str:
        target = folder / f"{table}.parquet"
        con.execute(f"copy ({query}) to ? (format parquet)", [str(target)])
        return str(target)

    def ids(table: str, data_type: str) -> str | None:
        return export(table, f"select account_id from {table}") if data_type in available else None

    followers, following = ids("followers", "follower"), ids("following", "following")
    handles = export("handles", "select account_id, screen_name from handles")
    return Snapshot(
        source=source,
        owner_id=owner_id,
        username=username,
        taken_at=taken_at,
        taken_at_source=taken_from,
        followers=followers,
        following=following,
        handles=handles,
        counts=network_counts(con, followers, following),
    )


def network_counts(con: duckdb.DuckDBPyConnection, followers: str | None, following: str | None) -> dict[str, int | None]:
    """How many followers, accounts followed and mutuals a snapshot's Parquet files hold (None: unknown)."""
    counts: dict[str, int | None] = {}
    for kind in KINDS:
        files = _files(followers, following, kind)
        if files is None:
            counts[kind] = None
            continue
        sql, params = _ids(kind, files, "s")
        counts[kind] = _count(con, f"select count(*) from {sql}", params)
    return counts


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, str]) -> int:
    """The one number a count query gives."""
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


Files = tuple[str | None, str | None]  # a snapshot's (followers, following) Parquet files


def _files(followers: str | None, following: str | None, kind: str) -> Files | None:
    """The files one kind of ids needs, or None when the snapshot lacks one of them (the kind is unknown)."""
    if kind == "followers":
        return None if followers is None else (followers, None)
    if kind == "following":
        return None if following is None else (None, following)
    return None if followers is None or following is None else (followers, following)


def _ids(kind: str, files: Files, tag: str) -> tuple[str, dict[str, str]]:
    """A subquery of one snapshot's distinct ids of one kind, and its named parameters (the file paths)."""
    followers, following = files
    params = {f"{tag}_{name}": parquet_path(p) for name, p in (("fr", followers), ("fg", following)) if p is not None}
    one = "(select distinct account_id from read_parquet(${}) where account_id is not null)"
    if kind == "mutuals":
        return f"({one.format(tag + '_fr')} intersect {one.format(tag + '_fg')})", params
    return one.format(f"{tag}_fr" if kind == "followers" else f"{tag}_fg"), params


def _iso(v: dt.datetime | None) -> str | None:
    return v.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if v else None


def ordered(a: Snapshot, b: Snapshot) -> tuple[Snapshot, Snapshot]:
    """The two snapshots oldest first, whatever order they were given in."""
    if a.taken_at and b.taken_at and b.taken_at < a.taken_at:
        return b, a
    return a, b


def _named(old: Snapshot, new: Snapshot) -> tuple[str, str, dict[str, str]]:
    """Joins naming each account by the newer archive's handle, else the older's: (joins, name, parameters)."""
    joins, names, params = "", [], {}
    for tag, s in (("new", new), ("old", old)):
        if s.handles is not None:
            joins += f" left join read_parquet(${tag}_h) as {tag}_h on {tag}_h.account_id = d.account_id"
            names.append(f"{tag}_h.screen_name")
            params[f"{tag}_h"] = parquet_path(s.handles)
    name = f"coalesce({', '.join(names)})" if names else "null::varchar"
    return joins, name, params


def _change(
    con: duckdb.DuckDBPyConnection, old: Snapshot, new: Snapshot, plus: str, minus: str, kind: str, lists: bool
) -> list[dict[str, str | None]] | int | None:
    """The ids of one kind in the `plus` snapshot and not the `minus` one: named and in id order, or counted."""
    sides = {"old": old, "new": new}
    files_in = _files(sides[plus].followers, sides[plus].following, kind)
    files_out = _files(sides[minus].followers, sides[minus].following, kind)
    if files_in is None or files_out is None:
        return None
    a_sql, a_params = _ids(kind, files_in, plus)
    b_sql, b_params = _ids(kind, files_out, minus)
    diff_sql = f"select account_id from {a_sql} except select account_id from {b_sql}"
    if not lists:
        return _count(con, f"select count(*) from ({diff_sql})", {**a_params, **b_params})
    joins, name, n_params = _named(old, new)
    cur = con.execute(
        f"select d.account_id, {name} from ({diff_sql}) as d{joins} order by length(d.account_id), d.account_id",
        {**a_params, **b_params, **n_params},
    )
    return list(_accounts(cur))


def _accounts(cur: duckdb.DuckDBPyConnection) -> Iterator[dict[str, str | None]]:
    """Rows as account dicts, fetched in chunks so the tuples and the dicts are never both held whole."""
    while rows := cur.fetchmany(50_000):
        yield from ({"account_id": i, "screen_name": n} for i, n in rows)


@contextmanager
def _connection() -> Iterator[duckdb.DuckDBPyConnection]:
    from roost.load import connect

    con = connect()
    try:
        yield con
    finally:
        con.close()


def growth(old: Snapshot, new: Snapshot, *, lists: bool = True) -> dict[str, Any]:
    """Changes from old to new, each account named where either archive knows its handle.

    With lists=False each change is only counted (an int, or None when unknown).
    """
    with _connection() as con:
        changes = {key: _change(con, old, new, plus, minus, kind, lists) for key, plus, minus, kind in CHANGES}
    return {
        "account": {"id": new.owner_id, "username": new.username or old.username},
        "old": {"source": old.source, "taken_at": _iso(old.taken_at), "taken_at_source": old.taken_at_source},
        "new": {"source": new.source, "taken_at": _iso(new.taken_at), "taken_at_source": new.taken_at_source},
        "counts": {k: [old.counts.get(k), new.counts.get(k)] for k in KINDS},
        **changes,
    }


def check_same_account(a: Snapshot, b: Snapshot) -> None:
    """Refuse two archives of different accounts."""
    if a.owner_id is None or b.owner_id is None:
        raise RoostError(
            f"{a.source if a.owner_id is None else b.source} does not say whose archive it is (no account id): "
            "cannot compare it"
        )
    if a.owner_id != b.owner_id:
        raise RoostError(
            f"{a.source} (account {a.owner_id}) and {b.source} (account {b.owner_id}) are archives of two "
            "different accounts: roost diff compares two archives of the same account"
        )


def diff_archives(first: Path, second: Path) -> dict[str, Any]:
    """Load two archives of one account and return what changed from the older to the newer."""
    # The ids go to a private temporary folder as Parquet, so the two archives are never loaded at once.
    from roost.load import open_archive, spill_dir

    # Inside roost's own temporary folder: the only place a loaded (locked) connection may write.
    with tempfile.TemporaryDirectory(prefix="roost-diff-", dir=spill_dir()) as tmp:
        snaps = []
        for i, path in enumerate((first, second)):
            folder = Path(tmp) / str(i)
            folder.mkdir()
            with open_archive(path, keep_raw=False) as loaded:
                snaps.append(snapshot(loaded.con, str(path), folder))
        check_same_account(snaps[0], snaps[1])
        old, new = ordered(snaps[0], snaps[1])
        return growth(old, new)
