"""JSON the loader cannot take as it is: lone surrogate escapes replaced, the place of the first error found.

Both are the loader's slow paths, taken only when DuckDB refuses a file; both read it once, in bounded memory.
"""

from __future__ import annotations

import codecs
import json
import os
import re
from pathlib import Path

from roost.archive.util import CHUNK, ByteStream

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
    from roost.notices import Notice

    return Notice("lone_surrogates", path=rel, n=replaced)


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

    def __init__(self, f: ByteStream, chunk: int) -> None:
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
                err, unterminated = int(e.value), False  # where the scanner stopped
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
