"""Growth between two archives of one account: followers gained and lost, follow-backs, mutuals lost.

An archive holds no follow dates, so growth exists only between snapshots: two archives of the same
account taken at different times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from roost.errors import RoostError


@dataclass(frozen=True)
class Snapshot:
    """What one archive says about its owner's network at the time it was made."""

    source: str
    owner_id: str | None
    username: str | None
    taken_at: dt.datetime | None  # the archive's generation date, else its last tweet
    taken_at_source: str  # "generation date", "last tweet" or "unknown"
    followers: frozenset[str] | None
    following: frozenset[str] | None
    handles: dict[str, str]

    @property
    def mutuals(self) -> frozenset[str] | None:
        """Accounts in both followers and following."""
        if self.followers is None or self.following is None:
            return None
        return self.followers & self.following


def snapshot(con: duckdb.DuckDBPyConnection, source: str) -> Snapshot:
    """Read a snapshot from a loaded archive."""
    from roost.indicators import available_types

    owner_id, username, generated_at = con.execute(
        "select owner_id, username, generated_at from archive"
    ).fetchone() or (None, None, None)
    taken_at, taken_from = generated_at, "generation date"
    if taken_at is None:
        taken_at = con.execute("select max(created_at) from tweets").fetchone()[0]
        taken_from = "last tweet" if taken_at is not None else "unknown"
    available = available_types(con)

    def ids(table: str, data_type: str) -> frozenset[str] | None:
        if data_type not in available:
            return None
        return frozenset(r[0] for r in con.execute(f"select account_id from {table}").fetchall())

    handles = dict(con.execute("select account_id, screen_name from handles").fetchall())
    return Snapshot(
        source=source,
        owner_id=owner_id,
        username=username,
        taken_at=taken_at,
        taken_at_source=taken_from,
        followers=ids("followers", "follower"),
        following=ids("following", "following"),
        handles=handles,
    )


def _iso(v: dt.datetime | None) -> str | None:
    return v.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if v else None


def ordered(a: Snapshot, b: Snapshot) -> tuple[Snapshot, Snapshot]:
    """The two snapshots oldest first, whatever order they were given in."""
    if a.taken_at and b.taken_at and b.taken_at < a.taken_at:
        return b, a
    return a, b


def growth(old: Snapshot, new: Snapshot) -> dict[str, Any]:
    """Changes from old to new, with each account named where either archive knows its handle."""
    names = {**old.handles, **new.handles}

    def accounts(ids: frozenset[str] | set[str] | None) -> list[dict[str, str | None]] | None:
        if ids is None:
            return None
        return [{"account_id": i, "screen_name": names.get(i)} for i in sorted(ids, key=lambda x: (len(x), x))]

    def minus(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
        return None if a is None or b is None else a - b

    def size(s: frozenset[str] | None) -> int | None:
        return None if s is None else len(s)

    return {
        "account": {"id": new.owner_id, "username": new.username or old.username},
        "old": {"source": old.source, "taken_at": _iso(old.taken_at), "taken_at_source": old.taken_at_source},
        "new": {"source": new.source, "taken_at": _iso(new.taken_at), "taken_at_source": new.taken_at_source},
        "counts": {
            "followers": [size(old.followers), size(new.followers)],
            "following": [size(old.following), size(new.following)],
            "mutuals": [size(old.mutuals), size(new.mutuals)],
        },
        "followers_gained": accounts(minus(new.followers, old.followers)),
        "followers_lost": accounts(minus(old.followers, new.followers)),
        "following_added": accounts(minus(new.following, old.following)),
        "following_removed": accounts(minus(old.following, new.following)),
        "follow_backs": accounts(minus(new.mutuals, old.mutuals)),
        "mutuals_lost": accounts(minus(old.mutuals, new.mutuals)),
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
    from roost.load import open_archive

    snaps = []
    for path in (first, second):
        with open_archive(path, keep_raw=False) as loaded:
            snaps.append(snapshot(loaded.con, str(path)))
    check_same_account(snaps[0], snaps[1])
    old, new = ordered(snaps[0], snaps[1])
    return growth(old, new)
