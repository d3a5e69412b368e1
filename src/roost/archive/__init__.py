"""Find the data files of a Twitter/X archive (zip or folder, one archive in one or several parts) and read
them as streams, their JavaScript envelopes stripped.

Nothing here extracts a zip entry to a path taken from the zip: members are read as streams and the
stripped JSON is written to files whose names roost chooses. The package's modules: members (listing a zip
or folder), roots (where archives are among its members), identity (whose archive, made when), datafiles
(data types, parts and manifest counts), envelope (stripping), jsontext (the loader's slow paths).
"""

from __future__ import annotations

import io
import threading
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import orjson

from roost.archive.datafiles import (
    GENERATION_GRAILBIRD,
    GENERATION_ROOT,
    GENERATION_YTD,
    MAX_COUNT,
    MAX_DATA_FILES,
    MAX_MANIFEST_BYTES,
    MAX_MANIFEST_FILES,
    MAX_PART,
    DataFile,
    data_files,
    data_type_of,
    iter_present,
)
from roost.archive.envelope import copy_stripped
from roost.archive.identity import AmbiguousInputError, Identity, identity_of
from roost.archive.jsontext import (
    fix_surrogates_in,
    locate_json_error,
    lone_surrogates_warning,
    replace_lone_surrogates,
)
from roost.archive.members import Member, list_source
from roost.archive.roots import find_root, find_roots
from roost.archive.util import CHUNK, ByteStream, short_error
from roost.errors import ArchiveFileError, NotAnArchiveError, RoostError
from roost.notices import Notice
from roost.registry import SKIPPED_TYPES

__all__ = [
    "CHUNK", "GENERATION_GRAILBIRD", "GENERATION_ROOT", "GENERATION_YTD", "MAX_COUNT", "MAX_DATA_FILES",
    "MAX_MANIFEST_BYTES", "MAX_MANIFEST_FILES", "MAX_MEMBER_BYTES", "MAX_PART", "MAX_RATIO", "MAX_TOTAL_BYTES",
    "RATIO_FLOOR", "SKIPPED_TYPES", "AmbiguousInputError", "Archive", "DataFile", "Identity", "archive_roots",
    "data_type_of", "find_root", "fix_surrogates_in", "iter_present", "locate_json_error", "lone_surrogates_warning",
    "open_archive_files", "replace_lone_surrogates",
]

# Caps against zip bombs; module-level so tests can lower them.
MAX_MEMBER_BYTES = 16 * 1024**3
MAX_TOTAL_BYTES = 128 * 1024**3
MAX_RATIO = 1000  # uncompressed / compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 16 * 1024**2
_TOTAL_LOCK = threading.Lock()


@dataclass
class Archive:
    """An opened archive: its generation, its data files and a way to read them."""

    sources: list[Path]
    kind: str  # "zip" or "folder"
    generation: str
    root: str  # prefix of the archive root inside the container ("" or "folder/")
    files: list[DataFile]
    manifest: dict | None
    warnings: list[str] = field(default_factory=list)
    manifest_text: bytes = b""
    _members: dict[str, Member] = field(default_factory=dict, repr=False)
    _zips: dict[Path, zipfile.ZipFile] = field(default_factory=dict, repr=False)
    _read_total: int = 0
    _files_by_path: dict[str, DataFile] = field(default_factory=dict, repr=False)

    @property
    def source_label(self) -> str:
        """The archive's path(s) as the user gave them."""
        return ", ".join(str(s) for s in self.sources)

    def close(self) -> None:
        """Close the zip files."""
        for z in self._zips.values():
            z.close()
        self._zips.clear()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open_member(self, rel: str) -> ByteStream:
        """A binary stream of the file at `rel` (relative to the archive root), size-capped."""
        member = self._members[self.root + rel]
        if member.container is None:
            return open(member.name, "rb")
        zf = self._zips[member.container]
        try:
            info = member.info or zf.getinfo(member.name)
            if info.flag_bits & 0x1:
                raise ArchiveFileError(
                    f"{rel} in {member.container.name} is encrypted: roost cannot read encrypted zips; "
                    "download the archive again or extract it with your password and pass the folder",
                    path=rel,
                )
            if info.file_size > MAX_MEMBER_BYTES or (
                info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size)
            ):
                raise ArchiveFileError(
                    f"{rel} in {member.container.name} would decompress to {info.file_size:,} bytes "
                    f"from {info.compress_size:,}: refusing a likely zip bomb",
                    path=rel,
                )
            return _CappedStream(zf.open(info), rel, member.container.name, info.file_size)
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
            raise ArchiveFileError(
                f"{rel} in {member.container.name} cannot be read ({short_error(e)}): the zip is damaged; "
                "download the archive again",
                path=rel,
            ) from None

    def strip_to(self, rel: str, dest: Path) -> str:
        """Copy the JSON of data file `rel` without its `x = ` envelope to `dest`; return its shape.

        The shape is "array", "object" or "empty" (a blank file or `= [ ]`-like nothing).
        """
        with self.open_member(rel) as src, open(dest, "w+b") as out:
            try:
                shape, written, json_at = copy_stripped(src, out, rel)
            except (zipfile.BadZipFile, OSError, EOFError) as e:
                if isinstance(e, ArchiveFileError):
                    raise
                raise ArchiveFileError(
                    f"{rel} cannot be read ({short_error(e)}): the archive is damaged; download it again",
                    path=rel,
                ) from None
        with _TOTAL_LOCK:
            self._read_total += written
            over = self._read_total > MAX_TOTAL_BYTES
        if over:
            raise RoostError(
                f"{self.source_label} decompresses to more than {MAX_TOTAL_BYTES:,} bytes of data: refusing it"
            )
        listed = self._by_path().get(rel)
        if listed is not None:
            listed.json_at = json_at
        return shape

    def _by_path(self) -> dict[str, DataFile]:
        """The data files by path (made once; strip_to runs in several threads, which may each make it)."""
        if len(self._files_by_path) != len(self.files):
            self._files_by_path = {f.path: f for f in self.files}
        return self._files_by_path

    def read_small_json(self, rel: str, limit: int = 64 * 1024**2) -> tuple[object, bytes]:
        """Parse a small data file (the manifest) in Python; return the value and its JSON text."""
        with self.open_member(rel) as src:
            raw = src.read(limit + 1)
        if len(raw) > limit:
            raise ArchiveFileError(f"{rel} is larger than {limit:,} bytes: not a real archive file", path=rel)
        out = io.BytesIO()
        shape, size, (line, _) = copy_stripped(io.BytesIO(raw), out, rel)
        if shape == "empty":
            return None, b""
        body = out.getvalue()[:size]
        try:
            return orjson.loads(body), body
        except orjson.JSONDecodeError as e:
            error = e
        if "surrogate" in str(error):  # Python's readers refuse lone surrogates too: replace them, as the loader does
            fixed, replaced = fix_surrogates_in(body)
            try:
                value = orjson.loads(fixed)
            except orjson.JSONDecodeError as e:
                error = e
            else:
                self.warnings.append(lone_surrogates_warning(rel, replaced))
                return value, fixed
        raise ArchiveFileError(
            f"{rel} is not valid JSON (line {error.lineno + line - 1}): the file is damaged; download the archive again",
            path=rel,
        ) from None



class _CappedStream:
    """A zip member stream that refuses to yield more than the size its header declared."""

    def __init__(self, inner: ByteStream, rel: str, container: str, declared: int) -> None:
        self._inner = inner
        self._rel = rel
        self._container = container
        self._left = min(declared, MAX_MEMBER_BYTES)

    def read(self, n: int = -1) -> bytes:
        data = self._inner.read(n if n >= 0 else CHUNK * 64)
        self._left -= len(data)
        if self._left < 0:
            raise ArchiveFileError(
                f"{self._rel} in {self._container} holds more data than its header says: refusing it",
                path=self._rel,
            )
        return data

    def __enter__(self) -> _CappedStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.close()

    def close(self) -> None:
        self._inner.close()



def _several_archives_error(src: Path, roots: list[tuple[str, str]], part: Archive) -> AmbiguousInputError:
    shown = []
    for gen, prefix in roots[:8]:
        sub = Archive([src], part.kind, gen, prefix, [], None, _members=part._members, _zips=part._zips)
        ident = identity_of(sub, str(src))
        shown.append(f"{prefix or './'} ({ident.label if ident else 'owner unknown'})")
    more = f" and {len(roots) - 8} more" if len(roots) > 8 else ""
    return AmbiguousInputError(
        f"{src} holds {len(roots)} archives, not one: {'; '.join(shown)}{more}. roost reads one archive at a time: "
        f"pass one of them, or run `roost batch {src} -o OUT` to process each"
    )


def _data_member(rel: str) -> bool:
    """Whether a member is one roost may read (so two parts must agree on its content)."""
    return rel.endswith((".js", ".csv")) and (rel.startswith("data/") or "/" not in rel)


def _same_content(a: Archive, rel: str, b: Archive) -> bool:
    """Whether member `rel` holds the same bytes in parts a and b (sizes, then CRCs, then SHA-256)."""
    ma, mb = a._members[rel], b._members[rel]
    if ma.size != mb.size:
        return False
    if ma.info is not None and mb.info is not None:
        return ma.info.CRC == mb.info.CRC
    import hashlib

    digests = []
    for part in (a, b):
        h = hashlib.sha256()
        with part.open_member(rel) as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
        digests.append(h.digest())
    return digests[0] == digests[1]


def archive_roots(path: Path) -> list[str]:
    """The root prefix of every archive inside one zip or folder ("" for the archive itself), shallowest first.

    `roost batch` uses it to process each archive of a zip or folder that holds several.
    """
    warnings: list[str] = []
    _, members, zf = list_source(path, warnings)
    try:
        return [prefix for _, prefix in find_roots(sorted(members))]
    finally:
        if zf is not None:
            zf.close()



def open_archive_files(paths: Path | str | Sequence[Path | str], *, root: str | None = None) -> Archive:
    """Open an archive given as a zip, a folder, or the several zips of one split archive.

    Each given part is identified first (whose account, made when); parts of different accounts, two
    snapshots of one account, a container holding several archives, or one file with two contents are
    refused before anything is read (AmbiguousInputError). `root` picks one archive of a zip or folder
    that holds several (its prefix, as `archive_roots` gives it).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    given = [Path(p) for p in paths]
    if not given:
        raise RoostError("no archive given: pass the .zip from Settings > Download an archive, or its folder")
    warnings: list[str] = []
    sources: list[Path] = []
    seen: dict[Path, Path] = {}
    for src in given:
        try:
            key = src.resolve()
        except OSError:
            key = src.absolute()
        if key in seen:
            warnings.append(Notice("given_twice", source=str(src)))
            continue
        seen[key] = src
        sources.append(src)
    zips: dict[Path, zipfile.ZipFile] = {}
    try:
        parts: list[tuple[Archive, Identity | None]] = []
        for src in sources:
            kind, members, zf = list_source(src, warnings)
            if zf is not None:
                zips[src] = zf
            roots = find_roots(sorted(members))
            part = Archive([src], kind, "", "", [], None, _members=members, _zips={src: zf} if zf else {})
            if not roots:
                inner = sorted(
                    PurePosixPath(n).name for n in members if "/" not in n and n.lower().endswith((".zip", ".duckdb"))
                )
                if kind == "folder" and inner:
                    raise AmbiguousInputError(
                        f"{src} holds {len(inner)} archive file(s) ({', '.join(inner[:5])}"
                        f"{' ...' if len(inner) > 5 else ''}), not an extracted archive: pass the .zip itself "
                        f"(all parts of a split archive), or run `roost batch {src} -o OUT` to process each"
                    )
                if len(sources) > 1:
                    warnings.append(Notice("no_data_file", source=str(src)))
                    continue
                raise NotAnArchiveError(
                    f"no data/manifest.js, tweets.js or Grailbird files found in {src}: "
                    "is this the archive from Settings > Download an archive?"
                )
            if root is not None:
                roots = [r for r in roots if r[1] == root]
                if not roots:
                    raise NotAnArchiveError(f"{src} holds no archive under {root or './'}")
            if len(roots) > 1:
                raise _several_archives_error(src, roots, part)
            part.generation, part.root = roots[0]
            parts.append((part, identity_of(part, str(src))))
        if not parts:
            raise NotAnArchiveError(
                f"no data/manifest.js, tweets.js or Grailbird files found in {', '.join(map(str, sources))}: "
                "is this the archive from Settings > Download an archive?"
            )
        _check_one_account(parts)
        archive = _merge_parts(parts, warnings)
        archive._zips = zips
        archive.files = data_files(archive)
        return archive
    except BaseException:
        for z in zips.values():
            z.close()
        raise


def _check_one_account(parts: list[tuple[Archive, Identity | None]]) -> None:
    """Refuse parts that belong to different accounts, or to two snapshots of one account."""
    known = [i for _, i in parts if i is not None]
    accounts: list[Identity] = []
    for ident in known:
        if not any(a.same_account(ident) for a in accounts):
            accounts.append(ident)
    if len(accounts) > 1:
        listed = "; ".join(f"{i.label} in {i.part}" for i in known)
        raise AmbiguousInputError(
            f"these are archives of {len(accounts)} different accounts, not the parts of one archive: {listed}. "
            "Give one archive at a time; run `roost batch` to process many archives, or `roost diff OLD NEW` "
            "to compare two archives of one account"
        )
    dates = sorted({i.generated_at for i in known if i.generated_at})
    if len(dates) > 1:
        listed = "; ".join(f"{i.part} made {i.generated_at}" for i in known if i.generated_at)
        raise AmbiguousInputError(
            f"these are {len(dates)} archives of {known[0].label} made at different times, not the parts of one "
            f"archive: {listed}. Compare two of them with `roost diff OLD NEW`, or give one"
        )
    generations = {p.generation for p, _ in parts}
    if len(generations) > 1:
        listed = "; ".join(f"{p.source_label} ({p.generation})" for p, _ in parts)
        raise AmbiguousInputError(
            f"these parts are archives of different generations, not the parts of one archive: {listed}. "
            "Give one archive at a time, or run `roost batch` to process each"
        )


def _merge_parts(parts: list[tuple[Archive, Identity | None]], warnings: list[str]) -> Archive:
    """One archive whose members are keyed relative to its root, each data file read from one part."""
    members: dict[str, Member] = {}
    owner: dict[str, Archive] = {}
    rel_parts: list[Archive] = []
    for part, _ in parts:
        rel_members = {n[len(part.root) :]: m for n, m in part._members.items() if n.startswith(part.root)}
        rel_part = Archive(part.sources, part.kind, part.generation, "", [], None,
                           _members=rel_members, _zips=part._zips)
        rel_parts.append(rel_part)
        repeated = 0
        for rel, m in rel_members.items():
            first = owner.get(rel)
            if first is None:
                members[rel] = m
                owner[rel] = rel_part
                continue
            if not _data_member(rel) or rel == "data/manifest.js":
                continue  # viewer files, README, media; the manifest's identity was compared above
            if not _same_content(first, rel, rel_part):
                raise AmbiguousInputError(
                    f"{rel} is in both {first.source_label} and {rel_part.source_label} with different content: "
                    "they are not parts of one archive. Give one at a time; `roost diff OLD NEW` compares two "
                    "archives of one account"
                )
            repeated += 1
        if repeated and len(parts) > 1:
            data_rels = [r for r in rel_members if _data_member(r) and r != "data/manifest.js"]
            if repeated == len(data_rels):
                warnings.append(Notice("same_files", source=rel_part.source_label))
    idents = [i for _, i in parts if i is not None]
    if not idents:
        warnings.append(Notice("no_owner", sources=", ".join(str(p.sources[0]) for p, _ in parts)))
    kinds = {p.kind for p, _ in parts}
    return Archive(
        sources=[s for p, _ in parts for s in p.sources],
        kind="zip" if kinds == {"zip"} else "folder" if kinds == {"folder"} else "mixed",
        generation=parts[0][0].generation,
        root="",
        files=[],
        manifest=None,
        warnings=warnings,
        _members=members,
    )
