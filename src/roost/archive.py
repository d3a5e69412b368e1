"""Find the data files of a Twitter/X archive (zip or folder) and strip their JavaScript envelopes.

Nothing here extracts a zip entry to a path taken from the zip: members are read as streams and the
stripped JSON is written to files whose names roost chooses.
"""

from __future__ import annotations

import os
import re
import stat
import threading
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

import orjson

from roost.errors import ArchiveFileError, NotAnArchiveError, RoostError

# Caps against zip bombs; module-level so tests can lower them.
MAX_MEMBER_BYTES = 16 * 1024**3
MAX_TOTAL_BYTES = 128 * 1024**3
MAX_RATIO = 1000  # uncompressed / compressed, checked for members above RATIO_FLOOR
RATIO_FLOOR = 16 * 1024**2
CHUNK = 1024 * 1024
_TOTAL_LOCK = threading.Lock()

GENERATION_YTD = "ytd"  # 2020+: data/ with manifest.js
GENERATION_ROOT = "ytd-root"  # 2018-2019: files at the archive root, no manifest
GENERATION_GRAILBIRD = "grailbird"  # 2012-2018 "tweet archive"

_PART = re.compile(r"^(?P<stem>.+?)(?:-part(?P<part>\d+))?\.js$")
_GRAILBIRD_MONTH = re.compile(r"^data/js/tweets/(?P<y>\d{4})_(?P<m>\d{2})\.js$")
_ALIASES = {
    "tweet": "tweets",
    "direct_message": "direct_messages",
    "direct_message_group": "direct_messages_group",
    "direct_message_headers": "direct_message_headers",
}
# Data types whose content roost never loads: not needed by any indicator, and private
# (address book, IP addresses, device tokens, keys) or bulky (ad logs).
SKIPPED_TYPES = frozenset(
    {
        "contact",
        "ip_audit",
        "account_creation_ip",
        "device_token",
        "key_registry",
        "ni_devices",
        "ad_engagements",
        "ad_impressions",
        "ad_mobile_conversions_attributed",
        "ad_mobile_conversions_unattributed",
        "ad_online_conversions_attributed",
        "ad_online_conversions_unattributed",
        "ads_revenue_sharing",
        "connected_application",
        "sso",
        "branch_links",
        "readme",
    }
)


def data_type_of(name: str) -> tuple[str, int] | None:
    """The canonical data type and part number of a data file name such as `tweets-part2.js`."""
    m = _PART.match(PurePosixPath(name).name)
    if not m:
        return None
    stem = m["stem"].lower().replace("-", "_")
    return _ALIASES.get(stem, stem), int(m["part"] or 0)


@dataclass
class DataFile:
    """One data file of the archive, found on disk or listed by the manifest."""

    path: str  # relative to the archive root, posix
    data_type: str
    part: int
    size: int | None = None  # bytes as stored (uncompressed); None when missing
    manifest_count: int | None = None
    present: bool = True
    note: str = ""


@dataclass
class _Member:
    container: Path | None  # the zip holding it, None for a folder
    name: str  # name inside the zip, or full path on disk
    info: zipfile.ZipInfo | None = None  # the zip entry itself (names may repeat in a zip)
    size: int = 0
    compressed: int = 0


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
    _members: dict[str, _Member] = field(default_factory=dict, repr=False)
    _zips: dict[Path, zipfile.ZipFile] = field(default_factory=dict, repr=False)
    _read_total: int = 0

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

    def open_member(self, rel: str) -> BinaryIO:
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
                f"{rel} in {member.container.name} cannot be read ({_short(e)}): the zip is damaged; "
                "download the archive again",
                path=rel,
            ) from None

    def strip_to(self, rel: str, dest: Path) -> str:
        """Copy the JSON of data file `rel` without its `x = ` envelope to `dest`; return its shape.

        The shape is "array", "object" or "empty" (a blank file or `= [ ]`-like nothing).
        """
        with self.open_member(rel) as src, open(dest, "w+b") as out:
            try:
                shape, written = _copy_stripped(src, out, rel)
            except (zipfile.BadZipFile, OSError, EOFError) as e:
                if isinstance(e, ArchiveFileError):
                    raise
                raise ArchiveFileError(
                    f"{rel} cannot be read ({_short(e)}): the archive is damaged; download it again",
                    path=rel,
                ) from None
        with _TOTAL_LOCK:
            self._read_total += written
            over = self._read_total > MAX_TOTAL_BYTES
        if over:
            raise RoostError(
                f"{self.source_label} decompresses to more than {MAX_TOTAL_BYTES:,} bytes of data: refusing it"
            )
        return shape

    def read_small_json(self, rel: str, limit: int = 64 * 1024**2) -> tuple[object, bytes]:
        """Parse a small data file (the manifest) in Python; return the value and its JSON text."""
        with self.open_member(rel) as src:
            raw = src.read(limit + 1)
        if len(raw) > limit:
            raise ArchiveFileError(f"{rel} is larger than {limit:,} bytes: not a real archive file", path=rel)
        body = _strip_bytes(raw, rel)
        if not body.strip():
            return None, b""
        try:
            return orjson.loads(body), body
        except orjson.JSONDecodeError as e:
            raise ArchiveFileError(
                f"{rel} is not valid JSON (line {_line_of(body, e.pos) + _prefix_lines(raw)}): "
                "the file is damaged; download the archive again",
                path=rel,
            ) from None


class _CappedStream:
    """A zip member stream that refuses to yield more than the size its header declared."""

    def __init__(self, inner: BinaryIO, rel: str, container: str, declared: int) -> None:
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


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
    return text[:160]


def _line_of(body: bytes | str, pos: int) -> int:
    chunk = body[:pos]
    return (chunk.count(b"\n") if isinstance(chunk, bytes) else chunk.count("\n")) + 1


def _prefix_lines(raw: bytes) -> int:
    eq = raw.find(b"=")
    return raw[:eq].count(b"\n") if eq >= 0 else 0


def _strip_bytes(raw: bytes, rel: str) -> bytes:
    """The JSON text of a whole small file: BOM, `name =` prefix and trailing `;` removed."""
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    first = body.lstrip()[:1]
    if first not in (b"[", b"{", b""):
        eq = body.find(b"=")
        if eq < 0:
            raise ArchiveFileError(f"{rel} has no `name = ` prefix and is not JSON: not an archive data file", path=rel)
        body = body[eq + 1 :]
    return body.strip().rstrip(b";").strip()


def _copy_stripped(src: BinaryIO, out: BinaryIO, rel: str) -> tuple[str, int]:
    """Stream src to out without its envelope; return (shape, bytes written)."""
    head = b""
    while True:
        chunk = src.read(64 * 1024)
        head += chunk
        probe = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
        stripped = probe.lstrip()
        if not chunk or (stripped and (stripped[:1] in (b"[", b"{") or b"=" in probe)):
            break
        if len(head) > 1024 * 1024:
            break
    body = head[3:] if head.startswith(b"\xef\xbb\xbf") else head
    first = body.lstrip()[:1]
    if first == b"":
        return "empty", 0
    if first not in (b"[", b"{"):
        eq = body.find(b"=")
        if eq < 0:
            raise ArchiveFileError(
                f"{rel} has no `name = ` prefix and is not JSON: not an archive data file; "
                "download the archive again",
                path=rel,
            )
        body = body[eq + 1 :]
        # The array may start beyond this first chunk only in absurd files; read on until it shows.
        while not body.strip():
            more = src.read(64 * 1024)
            if not more:
                return "empty", 0
            body += more
    body = body.lstrip()
    shape = "array" if body[:1] == b"[" else "object" if body[:1] == b"{" else "bad"
    if shape == "bad":
        raise ArchiveFileError(
            f"{rel} does not hold a JSON array or object after its prefix: the file is damaged", path=rel
        )
    written = 0
    out.write(body)
    written += len(body)
    while True:
        chunk = src.read(CHUNK)
        if not chunk:
            break
        out.write(chunk)
        written += len(chunk)
    # Trailing `;`, whitespace and NULs are not JSON: cut them off the end.
    out.flush()
    tail_len = min(written, 256)
    out.seek(written - tail_len)
    tail = out.read(tail_len)
    if tail:
        keep = len(tail.rstrip(b" \t\r\n;\x00"))
        if keep < tail_len:
            out.truncate(written - tail_len + keep)
            written = written - tail_len + keep
    return shape, written


def _list_folder(folder: Path, warnings: list[str]) -> dict[str, _Member]:
    members: dict[str, _Member] = {}
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
                    warnings.append(f"{rel} is a symbolic link: skipped")
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            members[rel] = _Member(None, str(full), None, st.st_size, st.st_size)
    return members


def _list_zip(path: Path, zf: zipfile.ZipFile, members: dict[str, _Member], warnings: list[str]) -> None:
    for info in zf.infolist():
        name = info.filename.replace("\\", "/")
        if info.is_dir() or name.startswith("__MACOSX/"):
            continue
        parts = PurePosixPath(name.lstrip("/")).parts
        if ".." in parts or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
            if name.endswith(".js"):
                warnings.append(f"{path.name}: member with an unsafe name skipped")
            continue
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            if name.endswith(".js"):
                warnings.append(f"{path.name}: {name} is a symbolic link entry: skipped")
            continue
        rel = "/".join(parts)
        if rel in members:
            if rel.endswith(".js"):
                warnings.append(f"{rel} appears more than once in the zip(s): the first copy is used")
            continue
        members[rel] = _Member(path, info.filename, info, info.file_size, info.compress_size)


def _find_root(names: Sequence[str]) -> tuple[str, str] | None:
    """(generation, root prefix) of the shallowest archive found among member names."""
    best: tuple[int, str, str] | None = None

    def consider(gen: str, prefix: str, rank: int) -> None:
        nonlocal best
        key = (prefix.count("/") * 10 + rank, gen, prefix)
        if best is None or key < best:
            best = key

    for n in names:
        low = n.lower()
        if low.endswith("data/manifest.js"):
            consider(GENERATION_YTD, n[: -len("data/manifest.js")], 0)
        elif re.search(r"(^|/)data/js/tweets/\d{4}_\d{2}\.js$", n) or low.endswith("data/js/user_details.js"):
            i = n.find("data/js/")
            consider(GENERATION_GRAILBIRD, n[:i], 2)
        else:
            base = PurePosixPath(n).name
            dt = data_type_of(base)
            if dt and dt[0] in ("tweets", "account", "follower", "following", "like", "profile"):
                parent = n[: -len(base)]
                if parent.endswith("data/"):
                    consider(GENERATION_YTD, parent[: -len("data/")], 1)
                else:
                    consider(GENERATION_ROOT, parent, 3)
    if best is None:
        return None
    return best[1], best[2]


def open_archive_files(paths: Path | str | Sequence[Path | str]) -> Archive:
    """Open an archive given as a zip, a folder, or the several zips of one split archive."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    sources = [Path(p) for p in paths]
    if not sources:
        raise RoostError("no archive given: pass the .zip from Settings > Download an archive, or its folder")
    warnings: list[str] = []
    members: dict[str, _Member] = {}
    zips: dict[Path, zipfile.ZipFile] = {}
    kinds = set()
    try:
        for src in sources:
            if not src.exists():
                raise RoostError(f"{src} does not exist: pass the archive's .zip or its extracted folder")
            if src.is_dir():
                kinds.add("folder")
                for rel, m in _list_folder(src, warnings).items():
                    members.setdefault(rel, m)
                continue
            kinds.add("zip")
            try:
                zf = zipfile.ZipFile(src)
            except zipfile.BadZipFile:
                raise RoostError(
                    f"{src} is not a zip file (or is truncated): pass the archive's .zip as downloaded, "
                    "or its extracted folder"
                ) from None
            except OSError as e:
                raise RoostError(f"{src} cannot be opened ({_short(e)})") from None
            zips[src] = zf
            _list_zip(src, zf, members, warnings)
        found = _find_root(sorted(members))
        if found is None:
            where = sources[0]
            raise NotAnArchiveError(
                f"no data/manifest.js, tweets.js or Grailbird files found in {where}: "
                "is this the archive from Settings > Download an archive?"
            )
        generation, root = found
        archive = Archive(
            sources=sources,
            kind="zip" if kinds == {"zip"} else "folder" if kinds == {"folder"} else "mixed",
            generation=generation,
            root=root,
            files=[],
            manifest=None,
            warnings=warnings,
            _members=members,
            _zips=zips,
        )
        archive.files = _data_files(archive)
        return archive
    except BaseException:
        for z in zips.values():
            z.close()
        raise


def _data_files(archive: Archive) -> list[DataFile]:
    root = archive.root
    rels = {n[len(root) :]: m for n, m in archive._members.items() if n.startswith(root)}
    files: dict[str, DataFile] = {}

    def add(rel: str, data_type: str, part: int) -> None:
        files[rel] = DataFile(rel, data_type, part, size=rels[rel].size)

    if archive.generation == GENERATION_GRAILBIRD:
        for rel in rels:
            m = _GRAILBIRD_MONTH.match(rel)
            if m:
                add(rel, "grailbird_tweets", int(m["y"]) * 100 + int(m["m"]))
            elif rel in ("data/js/user_details.js", "data/js/payload_details.js", "data/js/tweet_index.js"):
                add(rel, "grailbird_" + PurePosixPath(rel).stem, 0)
            elif rel == "tweets.csv":
                add(rel, "grailbird_csv", 0)
        return sorted(files.values(), key=lambda f: (f.data_type, f.part, f.path))

    folder = "data/" if archive.generation == GENERATION_YTD else ""
    for rel in rels:
        if not rel.startswith(folder) or "/" in rel[len(folder) :] or not rel.endswith(".js"):
            continue
        dt = data_type_of(rel)
        if dt is None:
            continue
        add(rel, dt[0], dt[1])

    manifest_rel = "data/manifest.js"
    if manifest_rel in files:
        files.pop(manifest_rel)
        try:
            manifest, text = archive.read_small_json(manifest_rel)
        except ArchiveFileError as e:
            archive.warnings.append(f"{e} (the manifest is ignored; files are found by name)")
            manifest, text = None, b""
        if isinstance(manifest, dict):
            archive.manifest = manifest
            archive.manifest_text = text
            for key, spec in _dict(manifest.get("dataTypes")).items():
                for entry in _list(_dict(spec).get("files")):
                    entry = _dict(entry)
                    name = entry.get("fileName")
                    if not isinstance(name, str) or not name.endswith(".js"):
                        continue
                    rel = name.lstrip("/")
                    dt = data_type_of(rel)
                    if dt is None:
                        continue
                    count = _int_or_none(entry.get("count"))
                    if rel in files:
                        files[rel].manifest_count = count
                    else:
                        files[rel] = DataFile(
                            rel, dt[0], dt[1], size=None, manifest_count=count, present=False,
                            note=f"listed by the manifest ({key}) but not in the archive",
                        )
        elif manifest is not None:
            archive.warnings.append(f"{manifest_rel} is not a JSON object: ignored; files are found by name")
    return sorted(files.values(), key=lambda f: (f.data_type, f.part, f.path))


def _dict(v: object) -> dict:
    return v if isinstance(v, dict) else {}


def _list(v: object) -> list:
    return v if isinstance(v, list) else []


def _int_or_none(v: object) -> int | None:
    try:
        return int(str(v))
    except (TypeError, ValueError):
        return None


def iter_present(files: Sequence[DataFile], types: frozenset[str] | set[str]) -> Iterator[DataFile]:
    """The files of the given data types that are in the archive."""
    return (f for f in files if f.present and f.data_type in types)
