"""An archive's data files: their data type and part from their names, their counts from the manifest."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from roost import registry
from roost.archive.members import Member
from roost.archive.util import as_dict, as_list, names_of, short_name
from roost.errors import ArchiveFileError, RoostError

if TYPE_CHECKING:
    from roost.archive import Archive

# Limits past anything a real archive holds (about 100 data files, parts numbered from 1 up, counts of items
# in one file of at most a few GB), so a crafted archive is refused in seconds rather than read for hours.
MAX_DATA_FILES = 2_000
MAX_MANIFEST_FILES = 2_000
MAX_MANIFEST_BYTES = 16 * 1024**2
MAX_PART = 999_999_999
MAX_COUNT = 2**31 - 1

GENERATION_YTD = "ytd"  # 2020+: data/ with manifest.js
GENERATION_ROOT = "ytd-root"  # 2018-2019: files at the archive root, no manifest
GENERATION_GRAILBIRD = "grailbird"  # 2012-2018 "tweet archive"

_PART = re.compile(r"^(?P<stem>.+?)(?:-part(?P<part>\d+))?\.js$")
_GRAILBIRD_MONTH = re.compile(r"^data/js/tweets/(?P<y>\d{4})_(?P<m>\d{2})\.js$")


def data_type_of(name: str) -> tuple[str, int | None] | None:
    """The canonical data type and part number of a data file name such as `tweets-part2.js`.

    The part is None when it is past MAX_PART (`tweets-part3000000000.js`): no archive has one, no integer
    column holds the longest, and Python refuses to read numbers of thousands of digits.
    """
    m = _PART.match(name.rsplit("/", 1)[-1])  # not PurePosixPath: this runs for every member of the zip
    if not m:
        return None
    stem = m["stem"].lower().replace("-", "_")
    digits = (m["part"] or "0").lstrip("0") or "0"
    part = int(digits) if len(digits) <= len(str(MAX_PART)) else None
    return registry.ALIASES.get(stem, stem), part if part is not None and part <= MAX_PART else None



@dataclass
class DataFile:
    """One data file of the archive, found on disk or listed by the manifest."""

    path: str  # relative to the archive root, posix
    data_type: str
    part: int | None  # None for a part number no archive has (past MAX_PART)
    size: int | None = None  # bytes as stored (uncompressed); None when missing
    manifest_count: int | None = None
    present: bool = True
    note: str = ""
    json_at: tuple[int, int] = (1, 1)  # line and column of the file where its JSON starts, once stripped



def data_files(archive: Archive) -> list[DataFile]:
    """The archive's data files: found by name, then completed (counts, absent files) from its manifest."""
    root = archive.root
    rels = {n[len(root) :]: m for n, m in archive._members.items() if n.startswith(root)}
    if archive.generation == GENERATION_GRAILBIRD:
        files = _grailbird_files(rels)
    else:
        files = _named_files(rels, "data/" if archive.generation == GENERATION_YTD else "")
    if len(files) > MAX_DATA_FILES:
        raise RoostError(
            f"{archive.source_label} holds {len(files):,} data files, where a Twitter/X archive holds about 100 "
            f"(roost reads at most {MAX_DATA_FILES:,}): this is not an archive as downloaded; pass the .zip "
            "from Settings > Download an archive, or its extracted folder"
        )
    odd = sorted(rel for rel, f in files.items() if f.part is None)
    if odd:
        archive.warnings.append(
            f"{names_of(odd)}: part number past {MAX_PART:,}, which no archive has: read with no part number"
        )
    manifest = files.pop("data/manifest.js", None)
    if manifest is not None:
        if (manifest.size or 0) > MAX_MANIFEST_BYTES:  # refused before parsing: it would take memory to read
            raise RoostError(
                f"{archive.source_label}: data/manifest.js is {manifest.size:,} bytes, where a Twitter/X archive's "
                f"is about 10 KB (roost reads at most {MAX_MANIFEST_BYTES:,}): the manifest is damaged or not from "
                "Twitter/X; download the archive again"
            )
        _complete_from_manifest(archive, files)
    return sorted(files.values(), key=lambda f: (f.data_type, -1 if f.part is None else f.part, f.path))


def _grailbird_files(rels: dict[str, Member]) -> dict[str, DataFile]:
    """The data files of a Grailbird archive: monthly tweet files, user and payload details, tweets.csv."""
    files: dict[str, DataFile] = {}
    for rel, member in rels.items():
        m = _GRAILBIRD_MONTH.match(rel)
        if m:
            files[rel] = DataFile(rel, "grailbird_tweets", int(m["y"]) * 100 + int(m["m"]), size=member.size)
        elif rel in ("data/js/user_details.js", "data/js/payload_details.js", "data/js/tweet_index.js"):
            files[rel] = DataFile(rel, "grailbird_" + PurePosixPath(rel).stem, 0, size=member.size)
        elif rel == "tweets.csv":
            files[rel] = DataFile(rel, "grailbird_csv", 0, size=member.size)
    return files


def _named_files(rels: dict[str, Member], folder: str) -> dict[str, DataFile]:
    """The `.js` files directly in `folder`, each with the data type and part its name gives."""
    files: dict[str, DataFile] = {}
    for rel, member in rels.items():
        if not rel.startswith(folder) or "/" in rel[len(folder) :] or not rel.endswith(".js"):
            continue
        dt = data_type_of(rel)
        if dt is not None:
            files[rel] = DataFile(rel, dt[0], dt[1], size=member.size)
    return files


def _complete_from_manifest(archive: Archive, files: dict[str, DataFile]) -> None:
    """Read data/manifest.js: item counts for the files found, and the files it lists that are absent."""
    rel = "data/manifest.js"
    try:
        manifest, text = archive.read_small_json(rel, limit=MAX_MANIFEST_BYTES)
    except ArchiveFileError as e:
        archive.warnings.append(f"{e} (the manifest is ignored; files are found by name)")
        return
    if manifest is None:
        return
    if not isinstance(manifest, dict):
        archive.warnings.append(f"{rel} is not a JSON object: ignored; files are found by name")
        return
    entries = [
        (key, as_dict(entry)) for key, spec in as_dict(manifest.get("dataTypes")).items()
        for entry in as_list(as_dict(spec).get("files"))
    ]
    if len(entries) > MAX_MANIFEST_FILES:
        raise RoostError(
            f"{archive.source_label}: {rel} lists {len(entries):,} files, where a Twitter/X archive lists about 100 "
            f"(roost reads at most {MAX_MANIFEST_FILES:,}): the manifest is damaged or not from Twitter/X; "
            "download the archive again"
        )
    archive.manifest, archive.manifest_text = manifest, text
    bad_counts: list[str] = []
    odd_parts: list[str] = []
    for key, entry in entries:
        name = entry.get("fileName")
        if not isinstance(name, str) or not name.endswith(".js") or (dt := data_type_of(name)) is None:
            continue
        listed = name.lstrip("/")
        count, believable = _count_of(entry.get("count"))
        if not believable:
            bad_counts.append(listed)
        if listed in files:
            files[listed].manifest_count = count
        elif dt[1] is None:
            odd_parts.append(listed)
        else:
            files[listed] = DataFile(
                listed, dt[0], dt[1], size=None, manifest_count=count, present=False,
                note=f"listed by the manifest ({short_name(key)}) but not in the archive",
            )
    if bad_counts:
        archive.warnings.append(
            f"{rel} gives {names_of(bad_counts)} a `count` that is not a number of items (0 to {MAX_COUNT:,}): "
            "treated as unknown"
        )
    if odd_parts:
        archive.warnings.append(
            f"{rel} lists {names_of(odd_parts)}, with a part number past {MAX_PART:,} and not in the archive: ignored"
        )


def _count_of(value: object) -> tuple[int | None, bool]:
    """A manifest `count` (a string of digits) as an int, and whether it was believable (absent counts are)."""
    if value is None:
        return None, True
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= len(str(MAX_COUNT)):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT:
        return value, True
    return None, False



def iter_present(files: Sequence[DataFile], types: frozenset[str] | set[str]) -> Iterator[DataFile]:
    """The files of the given data types that are in the archive."""
    return (f for f in files if f.present and f.data_type in types)
