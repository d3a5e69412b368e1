"""Keyed pseudonyms for a research corpus: every account id and handle becomes HMAC-SHA256(key, it), in SQL.

The same key gives the same pseudonym to the same account in every archive of a study, so follower
graphs, mutuals and shared followers still join across archives and snapshots; without the key nobody
can tell whom a pseudonym stands for (short of guessing an id and holding the key). The hashing runs in
DuckDB as macros over the key (`roost_pseudo_id`, `roost_pseudo_handle`, `roost_pseudo_text`), for the
dataset's rows and the document's few values alike, so both always agree.

    account id   -> 16 hex digits                  HMAC(key, "account:" + id)
    handle       -> "h" + 14 hex digits (a handle)  HMAC(key, "handle:" + lowercase handle)
    text         -> every @handle and twitter.com/x.com/<handle> inside it replaced by the handle's pseudonym
    display name -> null
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import orjson

from roost.errors import RoostError

KEY_BYTES = 32
# Columns of the dataset (and keys of the document's table rows) by what they hold; column names never change.
ID_COLUMNS = frozenset({"owner_id", "account_id", "user_id", "in_reply_to_user_id", "retweeted_user_id"})
HANDLE_COLUMNS = frozenset({"username", "screen_name", "in_reply_to_screen_name", "retweeted_screen_name"})
HANDLE_LIST_COLUMNS = frozenset({"screen_names"})
NAME_COLUMNS = frozenset({"display_name", "name"})
TEXT_COLUMNS = frozenset({"full_text", "text_expanded", "text", "expanded_url", "display_url", "url"})
# A mention: @ (or the full-width ＠ Twitter also reads) not glued to a word before it, then a handle.
_MENTION = r"((?:^|[^A-Za-z0-9_])[@＠])([A-Za-z0-9_]+)"
# A profile or status address: twitter.com/<handle>, x.com/<handle> (paths that are not handles kept).
_PROFILE = r"((?:^|[^A-Za-z0-9_.-])(?:[Ww][Ww][Ww]\.|[Mm][Oo][Bb][Ii][Ll][Ee]\.)?(?:[Tt][Ww][Ii][Tt][Tt][Ee][Rr]|[Xx])\.[Cc][Oo][Mm]/)([A-Za-z0-9_]+)"
_NOT_HANDLES = ("i", "intent", "home", "search", "hashtag", "share", "settings", "explore", "notifications",
                "messages", "compose", "login", "signup", "tos", "privacy", "download")


def read_key(path: Path) -> bytes:
    """The study's key from KEYFILE (64 hex digits); one clear error when it is not one."""
    try:
        with open(path, "rb") as f:
            text = f.read(4 * KEY_BYTES + 16).decode("ascii", "replace").strip()
    except OSError as e:
        raise RoostError(f"{path} cannot be read ({e.strerror or e}): give the key file of the study") from None
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise RoostError(
            f"{path} is not a roost pseudonym key (64 hex digits): give the study's key file, or a new path "
            "for roost to create one"
        )
    return key


def load_or_create_key(path: Path) -> tuple[bytes, bool]:
    """The key in `path`, or a new random one written there (mode 0600); and whether it was created."""
    if path.exists() or path.is_symlink():
        return read_key(path), False
    key = secrets.token_bytes(KEY_BYTES)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made meanwhile by another run: use it
        return read_key(path), False
    except OSError as e:
        raise RoostError(f"cannot create the key file {path} ({e.strerror or e}): give a path in a folder you can write to") from None
    with os.fdopen(fd, "w") as f:
        f.write(key.hex() + "\n")
    return key, True


def key_id(key: bytes) -> str:
    """A fingerprint of the key (not the key): a batch made with another key is redone, never mixed."""
    return hmac.new(key, b"roost pseudonym key id", hashlib.sha256).hexdigest()[:16]


def macros_sql(key: bytes) -> str:
    """The temporary macros that pseudonymize, the key folded in as HMAC's inner and outer pads."""
    padded = key.ljust(64, b"\0")
    inner = bytes(b ^ 0x36 for b in padded).hex()
    outer = bytes(b ^ 0x5C for b in padded).hex()
    reserved = ", ".join(f"'{w}'" for w in _NOT_HANDLES)

    def substitute(name: str, pattern: str, replace: str) -> str:
        return f"""create or replace temp macro {name}(s) as
            case when s is null or not regexp_matches(s, '{pattern}') then s else array_to_string(list_transform(
                list_zip(regexp_split_to_array(s, '{pattern}'), regexp_extract_all(s, '{pattern}', 1),
                         regexp_extract_all(s, '{pattern}', 2)),
                lambda z: z[1] || coalesce(z[2] || {replace}, '')), '') end;"""

    return f"""
        create or replace temp macro roost_hmac(s) as
            sha256(unhex('{outer}') || unhex(sha256(unhex('{inner}') || encode(s))));
        create or replace temp macro roost_pseudo_id(x) as
            case when x is null or x in ('', '-1') then x else left(roost_hmac('account:' || x), 16) end;
        create or replace temp macro roost_pseudo_handle(x) as
            case when x is null or x = '' then x else 'h' || left(roost_hmac('handle:' || lower(x)), 14) end;
        {substitute("roost_pseudo_mentions", _MENTION, "roost_pseudo_handle(z[3])")}
        {substitute("roost_pseudo_profiles", _PROFILE,
                    f"case when lower(z[3]) in ({reserved}) then z[3] else roost_pseudo_handle(z[3]) end")}
        create or replace temp macro roost_pseudo_text(s) as roost_pseudo_profiles(roost_pseudo_mentions(s));
    """


MACROS = ("roost_pseudo_text", "roost_pseudo_profiles", "roost_pseudo_mentions", "roost_pseudo_handle",
          "roost_pseudo_id", "roost_hmac")


@contextlib.contextmanager
def macros(con: duckdb.DuckDBPyConnection, key: bytes) -> Iterator[None]:
    """The pseudonymizing macros on `con` for a while, dropped after (custom SQL never sees the key)."""
    con.execute(macros_sql(key))
    try:
        yield
    finally:
        for name in MACROS:
            con.execute(f"drop macro if exists temp.{name}")


def column_expression(column: str, kind: str) -> str | None:
    """The SQL that pseudonymizes a column of the dataset, keeping its name; None when it holds no account."""
    q = f'"{column}"'
    if column in ID_COLUMNS:
        return f"roost_pseudo_id({q}) as {q}"
    if column in HANDLE_COLUMNS:
        return f"roost_pseudo_handle({q}) as {q}"
    if column in HANDLE_LIST_COLUMNS:
        return f"list_transform({q}, lambda h: roost_pseudo_handle(h)) as {q}"
    if column in NAME_COLUMNS:
        return f"null::{kind} as {q}"
    if column in TEXT_COLUMNS and kind.upper() == "VARCHAR":
        return f"roost_pseudo_text({q}) as {q}"
    return None


def is_pseudonymized(column: str) -> bool:
    """Whether --pseudonymize changes this column of the dataset."""
    return column in ID_COLUMNS | HANDLE_COLUMNS | HANDLE_LIST_COLUMNS | NAME_COLUMNS | TEXT_COLUMNS


def pseudonymous_query(con: duckdb.DuckDBPyConnection, query: str) -> str:
    """`query` with every account id, handle, name and text column pseudonymized (the macros must be there)."""
    columns = con.execute(f"describe {query}").fetchall()
    exprs = [column_expression(name, str(kind)) or f'"{name}"' for name, kind, *_ in columns]
    return f"select {', '.join(exprs)} from ({query})"


def pseudonymize_document(document: dict[str, Any], key: bytes, label: str) -> dict[str, Any]:
    """A copy of a (shared) document with its accounts, handles and texts pseudonymized, its source `label`."""
    from roost.load import connect

    doc: dict[str, Any] = orjson.loads(orjson.dumps(document))
    slots: dict[str, list[tuple[Any, Any]]] = {"id": [], "handle": [], "text": []}  # (container, key) to replace

    def note(container: Any, k: Any, column: str) -> None:
        v = container[k]
        if isinstance(v, str):
            if column in ID_COLUMNS:
                slots["id"].append((container, k))
            elif column in HANDLE_COLUMNS:
                slots["handle"].append((container, k))
            elif column in NAME_COLUMNS:
                container[k] = None
            else:
                slots["text"].append((container, k))
        elif isinstance(v, list) and column in HANDLE_LIST_COLUMNS:
            for i, x in enumerate(v):
                if isinstance(x, str):
                    slots["handle"].append((v, i))
        elif isinstance(v, (list, dict)):
            walk(v)

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for k in list(value):
                note(value, k, str(k))
        elif isinstance(value, list):
            for i in range(len(value)):
                note(value, i, "")

    account = doc.get("account") if isinstance(doc.get("account"), dict) else {}
    if isinstance(account, dict):
        for k, column in (("id", "account_id"), ("username", "username"), ("display_name", "name")):
            if k in account:
                note(account, k, column)
    walk(doc.get("indicators"))
    archive = doc.get("archive")
    if isinstance(archive, dict):
        archive["source"] = label
    with contextlib.closing(connect()) as con:
        con.execute(macros_sql(key))
        for kind, function in (("id", "roost_pseudo_id"), ("handle", "roost_pseudo_handle"), ("text", "roost_pseudo_text")):
            places = slots[kind]
            if not places:
                continue
            row = con.execute(f"select list_transform($v::varchar[], lambda x: {function}(x))",
                              {"v": [c[k] for c, k in places]}).fetchone()
            for (c, k), new in zip(places, row[0] if row else [], strict=True):
                c[k] = new
    return doc
