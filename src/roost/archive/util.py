"""Small helpers the archive reader's modules share: pieces of messages, loose JSON values, read sizes."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import Protocol

CHUNK = 1024 * 1024  # bytes read at a time


class ByteStream(Protocol):
    """What the reader needs of a file or a zip member: bytes read in chunks, then closed."""

    def read(self, n: int = -1, /) -> bytes: ...

    def close(self) -> None: ...

    def __enter__(self) -> ByteStream: ...

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None, /
    ) -> None: ...


def short_error(e: BaseException) -> str:
    """The first line of an error's message, cut short (never a whole traceback or file content)."""
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:160]


def short_name(name: str, limit: int = 80) -> str:
    """A file name cut short for a message (a crafted one may be thousands of characters long)."""
    return name if len(name) <= limit else f"{name[: limit - 20]}...{name[-15:]}"


def names_of(rels: Sequence[str], shown: int = 3) -> str:
    """A few file names for a message, and how many more."""
    names = ", ".join(short_name(r) for r in rels[:shown])
    return names + (f" and {len(rels) - shown:,} more" if len(rels) > shown else "")


def as_dict(v: object) -> dict:
    """v when it is a JSON object, else an empty one."""
    return v if isinstance(v, dict) else {}


def as_list(v: object) -> list:
    """v when it is a JSON array, else an empty one."""
    return v if isinstance(v, list) else []
