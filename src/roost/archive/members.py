"""The members of a zip or folder: listed safely (no unsafe name, no symbolic link), read as streams.

Nothing here extracts a zip entry to a path taken from the zip.
"""

from __future__ import annotations

import os
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from roost.archive.util import short_error, short_name
from roost.errors import RoostError
from roost.notices import Notice


@dataclass
class Member:
    container: Path | None  # the zip holding it, None for a folder
    name: str  # name inside the zip, or full path on disk
    info: zipfile.ZipInfo | None = None  # the zip entry itself (names may repeat in a zip)
    size: int = 0
    compressed: int = 0




def list_folder(folder: Path, warnings: list[str]) -> dict[str, Member]:
    """The regular files under folder (symbolic links skipped, with one warning for all of them)."""
    members: dict[str, Member] = {}
    links: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith("__MACOSX")]
        for fn in filenames:
            full = Path(dirpath) / fn
            try:
                st = full.lstat()
            except OSError:
                continue
            rel = full.relative_to(folder).as_posix()
            if stat.S_ISLNK(st.st_mode):
                if fn.endswith(".js"):
                    links.append(rel)
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            members[rel] = Member(None, str(full), None, st.st_size, st.st_size)
    if links:
        warnings.append(Notice("symlinks", names=[short_name(r) for r in sorted(links)]))
    return members


def list_zip(path: Path, zf: zipfile.ZipFile, members: dict[str, Member], warnings: list[str]) -> None:
    """Add the zip's safe file members to `members`; one warning per kind of member skipped (never one each)."""
    unsafe: list[str] = []
    links: list[str] = []
    repeated: list[str] = []
    for info in zf.infolist():
        name = info.filename.replace("\\", "/")
        if info.is_dir() or name.startswith("__MACOSX/"):
            continue
        parts = [p for p in name.lstrip("/").split("/") if p not in ("", ".")]  # as PurePosixPath would, faster
        if ".." in parts or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
            if name.endswith(".js"):
                unsafe.append(name)
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            if name.endswith(".js"):
                links.append(name)
            continue
        rel = "/".join(parts)
        if rel in members:
            if rel.endswith(".js"):
                repeated.append(rel)
            continue
        members[rel] = Member(path, info.filename, info, info.file_size, info.compress_size)
    if unsafe:
        warnings.append(Notice("unsafe_names", zip=path.name, n=len(unsafe)))
    if links:
        warnings.append(Notice("zip_symlinks", zip=path.name, names=[short_name(r) for r in links]))
    if repeated:
        warnings.append(Notice("repeated", names=[short_name(r) for r in sorted(set(repeated))]))



def list_source(src: Path, warnings: list[str]) -> tuple[str, dict[str, Member], zipfile.ZipFile | None]:
    """(kind, members, open zip) of one given path."""
    if not src.exists():
        raise RoostError(f"{src} does not exist: pass the archive's .zip or its extracted folder")
    if src.is_dir():
        return "folder", list_folder(src, warnings), None
    if src.suffix.lower() == ".duckdb":
        raise RoostError(
            f"{src} is a database from `roost load`: give it alone (it holds a whole archive), not with other parts"
        )
    try:
        zf = zipfile.ZipFile(src)
    except zipfile.BadZipFile:
        raise RoostError(
            f"{src} is not a zip file (or is truncated): pass the archive's .zip as downloaded, "
            "or its extracted folder"
        ) from None
    except OSError as e:
        raise RoostError(f"{src} cannot be opened ({short_error(e)})") from None
    members: dict[str, Member] = {}
    try:
        list_zip(src, zf, members, warnings)
    except BaseException:
        zf.close()
        raise
    return "zip", members, zf
