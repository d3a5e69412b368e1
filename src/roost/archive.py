"""Find the data files of a Twitter/X archive (zip or folder) and strip their JavaScript envelopes.

Nothing here extracts a zip entry to a path taken from the zip: members are read as streams and the
stripped JSON is written to files whose names roost chooses.
"""

from __future__ import annotations

import codecs
import io
import json
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
# Limits past anything a real archive holds (about 100 data files, parts numbered from 1 up, counts of items
# in one file of at most a few GB), so a crafted archive is refused in seconds rather than read for hours.
MAX_DATA_FILES = 2_000
MAX_MANIFEST_FILES = 2_000
MAX_MANIFEST_BYTES = 16 * 1024**2
MAX_PART = 999_999_999
MAX_COUNT = 2**31 - 1
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
    return _ALIASES.get(stem, stem), part if part is not None and part <= MAX_PART else None


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
                shape, written, json_at = _copy_stripped(src, out, rel)
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
        shape, size, (line, _) = _copy_stripped(io.BytesIO(raw), out, rel)
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


# What a JavaScript engine skips around the envelope: ASCII whitespace, byte-order marks (U+FEFF) and line
# comments (block comments are skipped by _Envelope itself, as they may span reads).
_BLANK = re.compile(rb"(?:[ \t\r\n\x0b\x0c]+|\xef\xbb\xbf|//[^\n]*)*")
# The `window.YTD.tweets.part0` of `name = ...`: anything up to `=`, a blank or a `/` (which may open a comment).
_NAME = re.compile(rb"[^=\s/]+|/")
MAX_NAME_BYTES = 4096  # a real global name is under 100 bytes; past this the file is not an envelope
# What may follow the JSON value: blanks, `;`, NUL padding and JS comments.
_PAD = b" \t\r\n\x0b\x0c;\x00"
# A block comment may be cut by the end (its rest was read as a comment already, or it never ends: lenient).
_TAIL_TOKEN = re.compile(rb"[ \t\r\n\x0b\x0c;\x00]+|//[^\n]*|/\*.*?\*/|/\*.*", re.DOTALL)
TAIL_WINDOW = 64 * 1024  # how far back from the end trailing comments are looked for


class _Envelope:
    """A forward-only reader of a data file's `name =` prefix that skips blanks and JS comments in one pass."""

    def __init__(self, src: BinaryIO, rel: str) -> None:
        self.src = src
        self.rel = rel
        self.buf = b""
        self.pos = 0
        self.eof = False
        # Line and column (from 1, in bytes) of pos in the file, so JSON errors can be placed in the file itself.
        self.line = 1
        self.column = 1

    def ahead(self, n: int) -> bytes:
        """The next n bytes (fewer only at the end of the file), reading more as needed."""
        while len(self.buf) - self.pos < n and not self.eof:
            more = self.src.read(64 * 1024)
            self.eof = not more
            # Only the unread rest is kept, so skipping any amount of blanks stays linear.
            self.buf = self.buf[self.pos :] + more
            self.pos = 0
        return self.buf[self.pos : self.pos + n]

    def advance(self, to: int) -> None:
        """Move to buffer position `to`, counting the lines passed."""
        newlines = self.buf.count(b"\n", self.pos, to)
        if newlines:
            self.line += newlines
            self.column = to - self.buf.rfind(b"\n", self.pos, to)
        else:
            self.column += to - self.pos
        self.pos = to

    def skip_blanks(self) -> None:
        """Move past blanks, byte-order marks, `// ...` and `/* ... */` comments."""
        while head := self.ahead(3):
            end = _BLANK.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if end == len(self.buf) and not self.eof:
                cut = self.buf.rfind(b"//", self.pos, end)
                if cut >= 0 and self.buf.find(b"\n", cut, end) < 0:
                    end = cut  # a line comment the next read continues: read it as a comment then
            if end > self.pos:
                self.advance(end)
            elif head.startswith(b"//"):
                self._skip_comment(b"\n")
            elif head.startswith(b"/*"):
                self._skip_comment(b"*/")
            else:
                return

    def _skip_comment(self, close: bytes) -> None:
        """Move past a comment that ends with `close` (a line comment may also end the file)."""
        self.advance(self.pos + 2)
        while True:
            found = self.buf.find(close, self.pos)
            if found >= 0:
                self.advance(found + len(close))
                return
            self.advance(max(self.pos, len(self.buf) - len(close) + 1))  # keep a `*` that may start `*/`
            if self.eof:
                if close == b"\n":
                    return
                raise ArchiveFileError(
                    f"{self.rel} has a `/*` comment that never ends: the file is damaged; download the archive again",
                    path=self.rel,
                )
            self.ahead(len(close) + 1)

    def skip_name(self) -> None:
        """Move past `name =` (blanks and comments allowed inside); refuse a file with no such prefix."""
        seen = 0
        while True:
            self.skip_blanks()
            head = self.ahead(1)
            if head == b"=":
                self.advance(self.pos + 1)
                return
            m = _NAME.match(self.buf, self.pos)
            seen += m.end() - self.pos if m else 0
            if not m or seen > MAX_NAME_BYTES:
                raise ArchiveFileError(
                    f"{self.rel} has no `name = ` prefix and is not JSON: not an archive data file; "
                    "download the archive again",
                    path=self.rel,
                )
            self.advance(m.end())

    def skip_to_json(self) -> str:
        """Move to the first byte of the JSON value; return its shape: "array", "object" or "empty"."""
        self.skip_blanks()
        first = self.ahead(1)
        if first and first not in (b"[", b"{"):
            self.skip_name()
            self.skip_blanks()
            first = self.ahead(1)
            if first and first not in (b"[", b"{"):
                raise ArchiveFileError(
                    f"{self.rel} does not hold a JSON array or object after its prefix: the file is damaged; "
                    "download the archive again",
                    path=self.rel,
                )
        return "empty" if not first else "array" if first == b"[" else "object"


def _copy_stripped(src: BinaryIO, out: BinaryIO, rel: str) -> tuple[str, int, tuple[int, int]]:
    """Stream src to out without its envelope; return (shape, bytes written, (line, column) where the JSON starts).

    Linear in the file's size: blanks, comments and padding of any length are skipped, never searched again.
    """
    env = _Envelope(src, rel)
    shape = env.skip_to_json()
    if shape == "empty":
        return shape, 0, (env.line, env.column)
    out.write(env.buf[env.pos :])
    written = len(env.buf) - env.pos
    while chunk := src.read(CHUNK):
        out.write(chunk)
        written += len(chunk)
    out.flush()
    end = _trim_tail(out, written)
    if end < written:
        out.truncate(end)
    return shape, end, (env.line, env.column)


def _trim_tail(out: BinaryIO, size: int) -> int:
    """Where the JSON written to out ends, once trailing `;`, blanks, NULs and JS comments are cut off.

    Read backwards, a line at a time (many comment lines at a time), so any amount of them costs one read.
    """
    tail = _Tail(out, size)
    for _ in range(MAX_TAIL_STEPS):
        tail.strip_padding()
        if tail.end == 0:
            return 0
        if tail.skip_comment_lines():
            continue
        line_start = tail.find_back(b"\n", tail.end) + 1
        if tail.end - line_start > MAX_TAIL_LINE:  # too long to read whole (minified JSON, a huge comment)
            if tail.read(line_start, line_start + 4096).lstrip(_PAD).startswith(b"//"):
                tail.end = line_start
            elif not _trim_long_line(out, tail):
                return tail.end
            continue
        line = tail.read(line_start, tail.end)
        cut = _trailer_start(line)
        if cut is not None:
            tail.end = line_start + cut
        elif line.endswith((b"]", b"}")) and _comment_start(line) is None:
            return tail.end  # a line of JSON (no `//` or `/*` outside its strings): the JSON ends here
        else:  # the line may end a block comment opened above: go to its `/*`
            closed = line.find(b"*/")
            opened = tail.find_back(b"/*", line_start) if closed >= 0 and _only_padding(line, closed + 2) else -1
            if opened < 0:
                return tail.end
            tail.end = opened
    return tail.end  # more separate comments than any exporter writes: left for the JSON reader to refuse


def _trailer_start(line: bytes) -> int | None:
    """Where the comments ending a line of JSON start, when it is JSON (or nothing) then only comments."""
    cut = _comment_start(line)
    if cut is None:
        return None
    before = line[:cut].rstrip(_PAD)
    if before and not before.endswith((b"]", b"}")):
        return None  # not the end of the JSON: the line starts inside a block comment, or is junk
    return cut if _only_padding(line, cut) else None


def _trim_long_line(out: BinaryIO, tail: _Tail) -> bool:
    """Cut block comments, and comments found near the end, off a line too long to read; whether end moved."""
    before = tail.end
    for _ in range(MAX_TAIL_STEPS):
        tail.strip_padding()
        if tail.endswith(b"*/"):
            opened = tail.find_back(b"/*", tail.end - 2)
            if opened < 0:
                break
            tail.end = opened
            continue
        cut = _cut_trailing_comments(out, tail.end)
        if cut == tail.end:
            break
        tail.end = cut
    return tail.end < before


class _Tail:
    """The end of a stripped file, read backwards one block at a time; `end` moves back as padding is cut."""

    def __init__(self, out: BinaryIO, end: int) -> None:
        self.out = out
        self.end = end
        self.start = end  # file offset of block[0]
        self.block = b""

    def _load(self, end: int) -> None:
        """Make the block the CHUNK bytes before file offset `end`."""
        self.start = max(0, end - CHUNK)
        self.out.seek(self.start)
        self.block = self.out.read(end - self.start)

    def _rel(self) -> int:
        """end, as an index into the block (reloading it when end has left it)."""
        if not self.start < self.end <= self.start + len(self.block):
            self._load(self.end)
        return self.end - self.start

    def strip_padding(self) -> None:
        """Move end back past `;`, blanks and NULs."""
        while self.end > 0:
            rel = self._rel()
            piece = self.block[max(0, rel - 4096) : rel]
            kept = len(piece.rstrip(_PAD))
            self.end -= len(piece) - kept
            if kept:
                return

    def endswith(self, suffix: bytes) -> bool:
        """Whether the bytes before end are `suffix`."""
        return self.end >= len(suffix) and self.read(self.end - len(suffix), self.end) == suffix

    def read(self, start: int, end: int) -> bytes:
        """The file's bytes from start to end."""
        if self.start <= start and end <= self.start + len(self.block):
            return self.block[start - self.start : end - self.start]
        self.out.seek(start)
        return self.out.read(end - start)

    def find_back(self, pattern: bytes, before: int) -> int:
        """File offset of the last `pattern` that ends by `before`, or -1; reads back as far as needed."""
        self.end, saved = before, self.end
        hi = self._rel()
        self.end = saved
        while True:
            found = self.block.rfind(pattern, 0, hi)
            if found >= 0:
                return self.start + found
            if self.start == 0:
                return -1
            self._load(self.start + len(pattern) - 1)  # overlap, so a pattern across blocks is found
            hi = len(self.block)

    def skip_comment_lines(self) -> bool:
        """Move end back past whole lines holding only padding or a `//` comment; whether it moved.

        Many lines per step (one split of a span that doubles while every line in it is a comment), so a
        million comment lines cost about a second, and a step where nothing is skipped costs little.
        """
        moved = False
        span = 256
        while self.end > 0:
            rel = self._rel()
            low = max(0, rel - span)
            lines = self.block[low:rel].split(b"\n")
            keep = len(lines)
            while keep > 1 and _is_comment_line(lines[keep - 1]):
                keep -= 1
            skipped = sum(len(line) + 1 for line in lines[keep:])
            self.end -= skipped
            moved = moved or skipped > 0
            if keep > 1 or low == 0:
                return moved  # a line holding JSON, or the block's start: the line-by-line path goes on
            span = min(2 * span, CHUNK)
        return moved


def _is_comment_line(line: bytes) -> bool:
    """Whether a line holds only padding and one comment (`//`, or a whole `/* */`); JSON never starts with `/`."""
    rest = line.lstrip(_PAD)
    if not rest or rest.startswith(b"//"):
        return True
    rest = rest.rstrip(_PAD)
    return rest.startswith(b"/*") and rest.find(b"*/", 2) == len(rest) - 2


# JSON strings, lone slashes and anything but `"` and `/`: what precedes a comment on a line of JSON (which
# starts outside strings: a JSON string cannot hold a raw newline). One match, at C speed, however long.
_NO_COMMENT = re.compile(rb'(?:[^"/]+|"(?:[^"\\]|\\.)*"|/(?![/*]))*', re.DOTALL)
MAX_TAIL_LINE = 16 * 1024**2  # a longer last line is only looked at near its end (_trim_long_line)
MAX_TAIL_STEPS = 100_000  # comments and lines looked at one by one (runs of comment lines go many at a time)


def _comment_start(line: bytes) -> int | None:
    """Where the first `//` or `/*` outside a JSON string starts in a line, or None."""
    end = _NO_COMMENT.match(line).end()  # type: ignore[union-attr]
    return end if line.startswith((b"//", b"/*"), end) else None


def _cut_trailing_comments(out: BinaryIO, end: int) -> int:
    """Where comments after the JSON start, judged from the last TAIL_WINDOW bytes only: right after the last
    `]`, `}` or `*/` that only comments and padding follow. Returns `end` when there is no such point.
    """
    start = max(0, end - TAIL_WINDOW)
    out.seek(start)
    window = out.read(end - start)
    high = len(window)
    for _ in range(64):  # a real trailer is one or two comments; bounded so junk cannot cost much
        found = [at + len(mark) for mark in (b"]", b"}", b"*/") if (at := window.rfind(mark, 0, high)) >= 0]
        if not found:
            break
        cut = max(found)
        if _only_padding(window, cut):
            return start + cut
        high = cut - 1
    return end


def _only_padding(data: bytes, pos: int) -> bool:
    """Whether data[pos:] is nothing but blanks, `;`, NULs and complete JS comments."""
    while pos < len(data):
        m = _TAIL_TOKEN.match(data, pos)
        if not m:
            return False
        pos = m.end()
    return True


def _list_folder(folder: Path, warnings: list[str]) -> dict[str, _Member]:
    """The regular files under folder (symbolic links skipped, with one warning for all of them)."""
    members: dict[str, _Member] = {}
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
            members[rel] = _Member(None, str(full), None, st.st_size, st.st_size)
    if links:
        warnings.append(f"{_names(sorted(links))}: symbolic link(s), skipped")
    return members


def _list_zip(path: Path, zf: zipfile.ZipFile, members: dict[str, _Member], warnings: list[str]) -> None:
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
        members[rel] = _Member(path, info.filename, info, info.file_size, info.compress_size)
    if unsafe:
        warnings.append(f"{path.name}: {len(unsafe):,} member(s) with an unsafe name skipped")
    if links:
        warnings.append(f"{path.name}: {_names(links)}: symbolic link entries, skipped")
    if repeated:
        warnings.append(f"{_names(sorted(set(repeated)))} appear(s) more than once in the zip(s): the first copy is used")


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
            base = n.rsplit("/", 1)[-1]
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
            f"{_names(odd)}: part number past {MAX_PART:,}, which no archive has: read with no part number"
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


def _grailbird_files(rels: dict[str, _Member]) -> dict[str, DataFile]:
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


def _named_files(rels: dict[str, _Member], folder: str) -> dict[str, DataFile]:
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
        (key, _dict(entry)) for key, spec in _dict(manifest.get("dataTypes")).items()
        for entry in _list(_dict(spec).get("files"))
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
                note=f"listed by the manifest ({_short_name(key)}) but not in the archive",
            )
    if bad_counts:
        archive.warnings.append(
            f"{rel} gives {_names(bad_counts)} a `count` that is not a number of items (0 to {MAX_COUNT:,}): "
            "treated as unknown"
        )
    if odd_parts:
        archive.warnings.append(
            f"{rel} lists {_names(odd_parts)}, with a part number past {MAX_PART:,} and not in the archive: ignored"
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


def _short_name(name: str, limit: int = 80) -> str:
    """A file name cut short for a message (a crafted one may be thousands of characters long)."""
    return name if len(name) <= limit else f"{name[: limit - 20]}...{name[-15:]}"


def _names(rels: Sequence[str], shown: int = 3) -> str:
    """A few file names for a message, and how many more."""
    names = ", ".join(_short_name(r) for r in rels[:shown])
    return names + (f" and {len(rels) - shown:,} more" if len(rels) > shown else "")


def _dict(v: object) -> dict:
    return v if isinstance(v, dict) else {}


def _list(v: object) -> list:
    return v if isinstance(v, list) else []


def iter_present(files: Sequence[DataFile], types: frozenset[str] | set[str]) -> Iterator[DataFile]:
    """The files of the given data types that are in the archive."""
    return (f for f in files if f.present and f.data_type in types)


# --- helpers for the loader's slow paths: lone surrogates and the place of a JSON error --------------------

# A `\\` escape (so the backslash after it starts nothing), a surrogate pair, or a lone surrogate escape.
_SURROGATE_ESCAPE = re.compile(
    rb"\\\\|\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}|\\u[dD][89a-fA-F][0-9a-fA-F]{2}"
)
_LONGEST_ESCAPE = 12  # a surrogate pair, `\ud83d\ude00`


def _fix_surrogates(buf: bytes, final: bool) -> tuple[bytes, int, int]:
    """buf's lone surrogate escapes made `\\ufffd`; returns (fixed bytes, bytes of buf used, replacements).

    Unless final, an escape that may continue past buf's end is left unused, to be read with what follows.
    """
    safe = len(buf) if final else len(buf) - _LONGEST_ESCAPE
    pieces: list[bytes] = []
    done = replaced = 0
    cut = max(0, safe)
    for m in _SURROGATE_ESCAPE.finditer(buf):
        if m.end() > safe:
            cut = m.start()
            break
        if len(m[0]) == 6:  # a surrogate escape that is not half of a pair
            pieces += [buf[done : m.start()], b"\\ufffd"]
            done = m.end()
            replaced += 1
    pieces.append(buf[done:cut])
    return b"".join(pieces), cut, replaced


def replace_lone_surrogates(path: Path) -> int:
    """Rewrite the JSON file's escapes of lone UTF-16 surrogates (DuckDB refuses them) as U+FFFD; return how many."""
    fixed = path.with_name(path.name + ".fffd")
    replaced = 0
    carry = b""
    with open(path, "rb") as src, open(fixed, "wb") as out:
        while True:
            chunk = src.read(CHUNK)
            buf = carry + chunk
            text, used, n = _fix_surrogates(buf, final=not chunk)
            out.write(text)
            replaced += n
            carry = buf[used:]
            if not chunk:
                break
    os.replace(fixed, path)
    return replaced


def fix_surrogates_in(body: bytes) -> tuple[bytes, int]:
    """body with its lone surrogate escapes made U+FFFD, and how many there were."""
    text, _, n = _fix_surrogates(body, final=True)
    return text, n


def lone_surrogates_warning(rel: str, replaced: int) -> str:
    """The one warning for a file whose lone surrogate escapes were replaced."""
    return (
        f"{rel} has {replaced:,} escaped lone UTF-16 surrogate(s) (\\ud800 to \\udfff, half an emoji), which are "
        "not text: replaced with U+FFFD"
    )


class _NotJson(ValueError):
    """NaN, Infinity and the like, which Python's reader accepts and JSON does not."""


def _refuse_constant(name: str) -> object:
    raise _NotJson(name)


class _TooLarge(Exception):
    """An item too large to look into for the place of an error."""


_SCAN = json.JSONDecoder(parse_constant=_refuse_constant).scan_once  # type: ignore[attr-defined]
# Everything before the first NaN, Infinity or -Infinity outside a string.
_BEFORE_CONSTANT = re.compile(r'(?:[^"NI-]+|"(?:[^"\\]|\\.)*"|-(?!Infinity)|N(?!aN)|I(?!nfinity))*')
_WS = re.compile(r"[ \t\n\r]*")
MAX_LOCATE_ITEM = 64 * 1024**2  # characters; past this an item is too large to look into


class _JsonCursor:
    """A window over a JSON file, decoded as it is read, that remembers the line and column of its start."""

    def __init__(self, f: BinaryIO, chunk: int) -> None:
        self.f = f
        self.chunk = chunk
        self.decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line = 1
        self.column = 1  # of buf[0]

    def more(self, at_least: int) -> None:
        """Drop what was read, then read at least `at_least` more bytes (or to the end)."""
        done = self.buf[: self.pos]
        newlines = done.count("\n")
        self.line += newlines
        self.column = len(done) - done.rfind("\n") if newlines else self.column + len(done)
        self.buf, self.pos = self.buf[self.pos :], 0
        data = self.f.read(max(at_least, self.chunk))
        self.eof = not data
        self.buf += self.decoder.decode(data, final=self.eof)

    def blank(self) -> str:
        """Skip whitespace; the next character ("" at the end)."""
        while True:
            self.pos = _WS.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos : self.pos + 1]
            self.more(self.chunk)

    def where(self, at: int) -> tuple[int, int]:
        """(line, column) of buffer position `at`, both from 1."""
        newlines = self.buf.count("\n", 0, at)
        if newlines:
            return self.line + newlines, at - self.buf.rfind("\n", 0, at)
        return self.line, self.column + at

    def value(self) -> int | None:
        """Read one JSON value at pos and move past it; None when it is valid, else the position of the error."""
        while True:
            try:
                self.pos = _SCAN(self.buf, self.pos)[1]
                return None
            except StopIteration as e:
                err, unterminated = e.value, False
            except json.JSONDecodeError as e:
                err, unterminated = e.pos, e.msg.startswith("Unterminated string")
            except _NotJson:
                return _BEFORE_CONSTANT.match(self.buf, self.pos).end()  # type: ignore[union-attr]
            except RecursionError:  # nested deeper than Python goes: the item is all that can be told
                return self.pos
            # The value may just go on past what was read: read more (as much again, so this stays linear).
            cut_short = unterminated or err >= len(self.buf) - _LONGEST_ESCAPE
            if self.eof and unterminated:
                return len(self.buf)  # the file ends inside a string: its end is where it was cut
            if self.eof or not cut_short:
                return err
            if len(self.buf) - self.pos > MAX_LOCATE_ITEM:
                raise _TooLarge
            self.more(len(self.buf) - self.pos)


def locate_json_error(path: Path, chunk: int = CHUNK) -> tuple[int, int] | None:
    """(line, column) of the first JSON error of a file holding one array or value, or None when it is valid.

    Reads the file once, one item at a time, so memory stays around the size of the largest item.
    """
    with open(path, "rb") as f:
        cur = _JsonCursor(f, chunk)
        cur.more(chunk)
        try:
            if cur.blank() == "[":
                cur.pos += 1
                bad = _locate_in_array(cur)
            else:
                bad = cur.value()
        except _TooLarge:
            return None
        if bad is None and cur.blank():
            bad = cur.pos  # something after the value
    return None if bad is None else cur.where(bad)


def _locate_in_array(cur: _JsonCursor) -> int | None:
    """The error position inside an array whose `[` was just read, or None once its `]` is read."""
    if cur.blank() == "]":
        cur.pos += 1
        return None
    while True:
        cur.blank()
        bad = cur.value()
        if bad is not None:
            return bad
        sep = cur.blank()
        if sep not in (",", "]"):
            return cur.pos
        cur.pos += 1
        if sep == "]":
            return None
