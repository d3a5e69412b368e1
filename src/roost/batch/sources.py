"""Which archives a batch was given, and the keys that say whether one changed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson

from roost import __version__
from roost.batch.model import BatchOptions, Source
from roost.errors import RoostError


def looks_like_archive_folder(folder: Path) -> bool:
    """Whether a folder is itself an extracted archive (rather than a folder of archives)."""
    names = ("data/manifest.js", "data/tweets.js", "data/tweet.js", "tweet.js", "tweets.js", "account.js",
             "data/js/user_details.js", "data/account.js")
    return any((folder / n).is_file() for n in names)


def _inside(path: Path) -> list[Source]:
    """The archives of one zip or extracted folder: itself, or each archive it holds when it holds several."""
    from roost.archive import archive_roots

    try:
        roots = archive_roots(path) if path.suffix.lower() != ".duckdb" else []
    except RoostError:
        roots = []  # not an archive at all: processed alone, so it fails with its own reason
    if len(roots) > 1:
        return [Source(str(path), r) for r in roots]
    return [Source(str(path))]


def find_archives(inputs: Sequence[Path]) -> list[Source]:
    """Every archive named or found one level inside the folders given (zips, folders, .duckdb files);
    a zip or folder holding several archives gives each of them."""
    found: list[Path] = []
    for p in inputs:
        if not p.exists():
            raise RoostError(f"{p} does not exist: pass archives (.zip, folders, .duckdb) or a folder holding them")
        if p.is_file() or looks_like_archive_folder(p):
            found.append(p)
        else:
            inner = sorted(
                c for c in p.iterdir()
                if (c.is_file() and c.suffix.lower() in (".zip", ".duckdb"))
                or (c.is_dir() and not c.name.startswith(".") and looks_like_archive_folder(c))
            )
            if not inner:
                raise RoostError(f"{p} holds no archive (.zip, .duckdb or extracted folder)")
            found.extend(inner)
    seen: set[Path] = set()
    unique: list[Source] = []
    for f in found:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.extend(_inside(f))
    return unique


def _field(h: Any, data: bytes) -> None:
    """Feed one length-prefixed field to a hash, so two different sequences of fields never hash alike."""
    h.update(len(data).to_bytes(8, "big"))
    h.update(data)


def _file_digest(path: Path) -> bytes:
    """The SHA-256 of one file's bytes."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1024 * 1024):
            h.update(chunk)
    return h.digest()


def archive_key(source: Source) -> str:
    """A hash of the archive alone: its bytes (a folder: each data file's path and the hash of its bytes) and
    which archive inside; never the options, so a rerun with other options replaces its outputs."""
    path = Path(source.path)
    h = hashlib.sha256()
    _field(h, b"roost archive key 2")
    _field(h, orjson.dumps(source.root))
    if path.is_file():
        _field(h, b"file")
        _field(h, _file_digest(path))
        return h.hexdigest()[:20]
    _field(h, b"folder")
    files = sorted(
        (f.relative_to(path).as_posix(), f)
        for f in path.rglob("*")
        if f.suffix in (".js", ".csv") and f.is_file() and not f.is_symlink()
    )
    for rel, f in files:
        _field(h, rel.encode("utf-8", "surrogateescape"))
        _field(h, _file_digest(f))
    return h.hexdigest()[:20]


def run_key(key: str, options: BatchOptions) -> str:
    """A hash of the archive key, roost's version and the options that shape the outputs: what a run must redo."""
    shaping = {**options.__dict__, "generated_at": "", "threads_per_job": 0}
    return hashlib.sha256(orjson.dumps({"archive": key, "v": __version__, "options": shaping})).hexdigest()[:20]


def _safe_name(text: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_." else "-" for c in text)
    return keep.strip(".-")[:80] or "archive"


