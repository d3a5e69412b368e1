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


_STRONG_ROOT_FILES = frozenset({"tweet", "tweets", "account"})


def _find_roots(names: Sequence[str]) -> list[tuple[str, str]]:
    """(generation, root prefix) of every archive found among member names, shallowest first.

    The shallowest is found as before; any other prefix counts as another archive only on a strong sign
    (a manifest, Grailbird's files, or a tweets/account file), so viewer scripts never look like archives.
    """
    found: dict[str, tuple[int, str, bool]] = {}  # prefix -> (rank, generation, strong)

    def consider(gen: str, prefix: str, rank: int, strong: bool) -> None:
        old = found.get(prefix)
        if old is None or rank < old[0]:
            found[prefix] = (rank, gen, strong or (old[2] if old else False))
        elif strong and not old[2]:
            found[prefix] = (old[0], old[1], True)

    for n in names:
        low = n.lower()
        if low.endswith("data/manifest.js") and (len(n) == 16 or n[-17] == "/"):
            consider(GENERATION_YTD, n[: -len("data/manifest.js")], 0, True)
        elif re.search(r"(^|/)data/js/tweets/\d{4}_\d{2}\.js$", n) or low.endswith("data/js/user_details.js"):
            i = n.rfind("data/js/")
            consider(GENERATION_GRAILBIRD, n[:i], 2, True)
        else:
            base = PurePosixPath(n).name
            dt = data_type_of(base)
            if dt and dt[0] in ("tweets", "account", "follower", "following", "like", "profile"):
                parent = n[: -len(base)]
                strong = dt[0] in _STRONG_ROOT_FILES
                if parent == "data/" or parent.endswith("/data/"):
                    consider(GENERATION_YTD, parent[: -len("data/")], 1, strong)
                else:
                    consider(GENERATION_ROOT, parent, 3, strong)
    if not found:
        return []
    ordered = sorted(found.items(), key=lambda kv: (kv[0].count("/") * 10 + kv[1][0], kv[1][1], kv[0]))
    first = ordered[0]
    # A YTD root's own data folder is not another (root-style) archive.
    rest = [
        kv for kv in ordered[1:]
        if kv[1][2] and not (first[1][1] == GENERATION_YTD and kv[0] == first[0] + "data/")
    ]
    return [(first[1][1], first[0])] + [(kv[1][1], kv[0]) for kv in rest]


def _find_root(names: Sequence[str]) -> tuple[str, str] | None:
    """(generation, root prefix) of the shallowest archive found among member names."""
    roots = _find_roots(names)
    return roots[0] if roots else None


@dataclass(frozen=True)
class Identity:
    """Who a part of an archive belongs to and when it was made, as its own files say."""

    part: str  # the path the user gave
    account_id: str | None
    username: str | None
    generated_at: str | None  # the archive's generation date as written (manifest, Grailbird payload)
    evidence: str  # the file it was read from

    @property
    def label(self) -> str:
        """`@handle (id 123)`, or whichever of the two is known."""
        handle = f"@{self.username}" if self.username else "an account without a handle"
        return f"{handle} (id {self.account_id})" if self.account_id else handle

    def same_account(self, other: Identity) -> bool:
        """Whether both name one account: by id when both have one, else by handle."""
        if self.account_id and other.account_id:
            return self.account_id == other.account_id
        if self.username and other.username:
            return self.username.lower() == other.username.lower()
        return True


class AmbiguousInputError(RoostError):
    """What was given is not one archive of one account (several accounts, snapshots or archives)."""


def _text_field(v: object, limit: int = 100) -> str | None:
    """A short identity field as text: ids and handles only, never free text; None when absent or absurd."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        v = str(v)
    if not isinstance(v, str):
        return None
    v = v.strip()
    return v[:limit] if v and v != "-" else None


_HANDLE = re.compile(r"[A-Za-z0-9_]{1,50}")
_ID = re.compile(r"[0-9]{1,30}")


def _identity_of(part: Archive, label: str) -> Identity | None:
    """The identity a part declares: manifest.js userInfo, else account.js, else Grailbird user_details.js.

    A part whose manifest and account.js name different accounts is refused.
    """
    rels = {n[len(part.root) :] for n in part._members if n.startswith(part.root)}

    def read(rel: str) -> object:
        if rel not in rels:
            return None
        try:
            value, _ = part.read_small_json(rel, limit=16 * 1024**2)
        except ArchiveFileError:
            return None
        return value

    def clean(account_id: object, username: object) -> tuple[str | None, str | None]:
        aid, user = _text_field(account_id), _text_field(username)
        return (aid if aid and _ID.fullmatch(aid) else None, user if user and _HANDLE.fullmatch(user) else None)

    found: list[Identity] = []
    manifest = read("data/manifest.js")
    if isinstance(manifest, dict):
        info, arch = _dict(manifest.get("userInfo")), _dict(manifest.get("archiveInfo"))
        aid, user = clean(info.get("accountId"), info.get("userName"))
        gen = _text_field(arch.get("generationDate"), 40)
        if aid or user or gen:
            found.append(Identity(label, aid, user, gen, "data/manifest.js"))
    for rel in ("data/account.js", "account.js"):
        value = read(rel)
        items = value if isinstance(value, list) else [value]
        first = _dict(items[0]) if items else {}
        account = _dict(first.get("account")) or first
        aid, user = clean(account.get("accountId"), account.get("username"))
        if aid or user:
            found.append(Identity(label, aid, user, None, rel))
            break
    details = read("data/js/user_details.js")
    if isinstance(details, dict):
        aid, user = clean(details.get("id_str") or details.get("id"), details.get("screen_name"))
        payload = read("data/js/payload_details.js")
        gen = _text_field(_dict(payload).get("created_at"), 40)
        if aid or user:
            found.append(Identity(label, aid, user, gen, "data/js/user_details.js"))
    if not found:
        return None
    for other in found[1:]:
        if not found[0].same_account(other):
            raise AmbiguousInputError(
                f"{label}: {found[0].evidence} names {found[0].label} but {other.evidence} names {other.label}: "
                "this is not one account's archive; download the archive again"
            )
    merged_gen = next((i.generated_at for i in found if i.generated_at), None)
    merged_id = next((i.account_id for i in found if i.account_id), None)
    merged_user = next((i.username for i in found if i.username), None)
    evidence = next(i.evidence for i in found if i.account_id or i.username or i.generated_at)
    return Identity(label, merged_id, merged_user, merged_gen, evidence)


def _list_source(src: Path, warnings: list[str]) -> tuple[str, dict[str, _Member], zipfile.ZipFile | None]:
    """(kind, members, open zip) of one given path."""
    if not src.exists():
        raise RoostError(f"{src} does not exist: pass the archive's .zip or its extracted folder")
    if src.is_dir():
        return "folder", _list_folder(src, warnings), None
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
        raise RoostError(f"{src} cannot be opened ({_short(e)})") from None
    members: dict[str, _Member] = {}
    try:
        _list_zip(src, zf, members, warnings)
    except BaseException:
        zf.close()
        raise
    return "zip", members, zf


def _several_archives_error(src: Path, roots: list[tuple[str, str]], part: Archive) -> AmbiguousInputError:
    shown = []
    for gen, prefix in roots[:8]:
        sub = Archive([src], part.kind, gen, prefix, [], None, _members=part._members, _zips=part._zips)
        ident = _identity_of(sub, str(src))
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
    _, members, zf = _list_source(path, warnings)
    try:
        return [prefix for _, prefix in _find_roots(sorted(members))]
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
            warnings.append(f"{src} was given twice: it is read once")
            continue
        seen[key] = src
        sources.append(src)
    zips: dict[Path, zipfile.ZipFile] = {}
    try:
        parts: list[tuple[Archive, Identity | None]] = []
        for src in sources:
            kind, members, zf = _list_source(src, warnings)
            if zf is not None:
                zips[src] = zf
            roots = _find_roots(sorted(members))
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
                    warnings.append(f"{src} holds no archive data file: ignored")
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
            parts.append((part, _identity_of(part, str(src))))
        if not parts:
            raise NotAnArchiveError(
                f"no data/manifest.js, tweets.js or Grailbird files found in {', '.join(map(str, sources))}: "
                "is this the archive from Settings > Download an archive?"
            )
        _check_one_account(parts)
        archive = _merge_parts(parts, warnings)
        archive._zips = zips
        archive.files = _data_files(archive)
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
    members: dict[str, _Member] = {}
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
                warnings.append(f"{rel_part.source_label} holds the same data files as another part given: read once")
    idents = [i for _, i in parts if i is not None]
    if not idents:
        labels = ", ".join(str(p.sources[0]) for p, _ in parts)
        warnings.append(
            f"no manifest.js, account.js or user_details.js in {labels}: the owner is unknown, so roost cannot "
            "check whose archive this is, and figures that need the owner (self-replies, mentions of others) "
            "count every account as someone else"
        )
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
