"""Strip a data file's JavaScript envelope (`window.YTD.tweets.part0 = [...]`), leaving its JSON.

One linear pass whatever the file holds around the JSON: blank lines, byte-order marks, JS comments and
padding of any length are skipped, never searched again.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from roost.archive.util import CHUNK, ByteStream
from roost.errors import ArchiveFileError

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

    def __init__(self, src: ByteStream, rel: str) -> None:
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


def copy_stripped(src: ByteStream, out: BinaryIO, rel: str) -> tuple[str, int, tuple[int, int]]:
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
