"""Writing the archive: members of a folder or of a deterministic zip, YTD data files split into parts.

Items are pretty-printed as the 2022+ archives are: 2-space indent, `" : "` between a key and its value,
`[ ]` and `{ }` for empty containers, one array element per line, `\\n` line ends and no final newline.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import orjson

_KEY = re.compile(rb'(\n *"[^"\\\n]*"): ')
_EMPTY = re.compile(rb"(: |\n *)(\[\]|\{\})")


def _spaced(m: re.Match[bytes]) -> bytes:
    """`[ ]` or `{ }` for an empty container matched by `_EMPTY`."""
    return m.group(1) + (b"[ ]" if m.group(2) == b"[]" else b"{ }")


def dump_item(item: Any) -> bytes:
    """Serialize one array item in the archive's pretty-print style, indented for its array.

    Byte for byte what the real files hold (checked on a real tweets.js in tests/test_sample.py). Unless a
    string holds an escaped quote followed by a colon, `": ` can only end a key, so plain replacements do
    (fast); otherwise keys and empty containers are found where they can only be: at a line start, after a key.
    """
    raw = orjson.dumps(item, option=orjson.OPT_INDENT_2)
    out = b"  " + raw.replace(b"\n", b"\n  ")
    if b'\\":' not in raw and b'\\" :' not in raw:
        return out.replace(b'": ', b'" : ').replace(b'" : []', b'" : [ ]').replace(b'" : {}', b'" : { }')
    return _EMPTY.sub(_spaced, _KEY.sub(rb"\1 : ", out))


def jackson(v: Any, level: int = 0) -> str:
    """Serialize a value in the manifest's Jackson style (`"files" : [ {`)."""
    if isinstance(v, dict):
        if not v:
            return "{ }"
        pad = "  " * (level + 1)
        body = ",\n".join(f"{pad}{orjson.dumps(k).decode()} : {jackson(x, level + 1)}" for k, x in v.items())
        return "{\n" + body + "\n" + "  " * level + "}"
    if isinstance(v, list):
        return "[ " + ", ".join(jackson(x, level) for x in v) + " ]" if v else "[ ]"
    return orjson.dumps(v).decode()


class Sink:
    """Writes archive members into a folder or, streaming, into a deterministic zip."""

    def __init__(self, dest: Path, as_zip: bool, date_time: tuple[int, int, int, int, int, int], zip64: bool) -> None:
        self.dest, self.date_time, self.zip64, self.total = dest, date_time, zip64, 0
        self.zf = zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) if as_zip else None

    def open(self, name: str) -> IO[bytes]:
        """Open member `name` (e.g. `data/tweets.js`) for writing."""
        if self.zf is None:
            path = self.dest / name
            path.parent.mkdir(parents=True, exist_ok=True)
            return open(path, "wb", buffering=1 << 20)
        info = zipfile.ZipInfo(name, date_time=self.date_time)
        info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o100644 << 16
        return self.zf.open(info, "w", force_zip64=self.zip64)

    def write(self, name: str, data: bytes) -> None:
        """Write a whole small member."""
        with self.open(name) as fh:
            fh.write(data)
        self.total += len(data)

    def close(self) -> None:
        """Finish the zip, if any."""
        if self.zf is not None:
            self.zf.close()


class YtdWriter:
    """Streams items into `data/<stem>.js`, `<stem>-part1.js`... keeping each part within `part_bytes`."""

    def __init__(self, sink: Sink, stem: str, part_bytes: int) -> None:
        self.sink, self.stem, self.part_bytes = sink, stem, part_bytes
        self.glob = stem.replace("-", "_")
        self.files: list[dict[str, str]] = []
        self.count = self.size = 0
        self.fh: IO[bytes] | None = None

    def _name(self) -> str:
        """Return the member name of the current part."""
        n = len(self.files)
        return f"data/{self.stem}.js" if n == 0 else f"data/{self.stem}-part{n}.js"

    def _finish(self) -> None:
        """Close the current part and record its manifest entry."""
        assert self.fh is not None
        self.fh.write(b"\n]")
        self.fh.close()
        self.sink.total += self.size + 2
        self.files.append({"fileName": self._name(), "globalName": f"YTD.{self.glob}.part{len(self.files)}",
                           "count": str(self.count)})
        self.fh = None

    def add(self, item: Any) -> None:
        """Append one item, starting a new part first if this one would outgrow `part_bytes`."""
        blob = dump_item(item)
        if self.fh is not None and self.size + len(blob) + 4 > self.part_bytes:
            self._finish()
        if self.fh is None:
            head = f"window.YTD.{self.glob}.part{len(self.files)} = [\n".encode()
            self.fh = self.sink.open(self._name())
            self.fh.write(head)
            self.count, self.size = 0, len(head)
        else:
            self.fh.write(b",\n")
            self.size += 2
        self.fh.write(blob)
        self.size += len(blob)
        self.count += 1

    def close(self) -> list[dict[str, str]]:
        """Close the last part (or write an empty file) and return the manifest entries."""
        if self.fh is not None:
            self._finish()
        elif not self.files:
            self.sink.write(self._name(), f"window.YTD.{self.glob}.part0 = [ ]".encode())
            self.files.append({"fileName": self._name(), "globalName": f"YTD.{self.glob}.part0", "count": "0"})
        return self.files


class Archive:
    """One archive being written: its sink, its part size and the manifest's dataTypes so far."""

    def __init__(self, sink: Sink, part_bytes: int) -> None:
        self.sink, self.part_bytes = sink, part_bytes
        self.types: dict[str, dict[str, Any]] = {}

    def emit(self, dtype: str, stem: str, items: Iterable[Any], media_dir: str | None = None) -> None:
        """Stream `items` into `data/<stem>.js` (and parts) and record them under manifest key `dtype`."""
        w = YtdWriter(self.sink, stem, self.part_bytes)
        for item in items:
            w.add(item)
        self.types[dtype] = ({"mediaDirectory": media_dir} if media_dir else {}) | {"files": w.close()}

    def manifest(self, owner_id: str, username: str, generated_at: str) -> bytes:
        """The `data/manifest.js` of everything emitted, media-only dataTypes included."""
        for dtype in ("tweetsMedia", "profileMedia", "communityTweetMedia", "deletedTweetsMedia",
                      "directMessagesMedia", "directMessagesGroupMedia"):
            snake = "".join("_" + c.lower() if c.isupper() else c for c in dtype[:-5])
            self.types[dtype] = {"mediaDirectory": f"data/{snake}_media"}
        manifest = {"userInfo": {"accountId": owner_id, "userName": username, "displayName": "Roost Sample"},
                    "archiveInfo": {"sizeBytes": str(self.sink.total), "generationDate": generated_at,
                                    "isPartialArchive": False, "maxPartSizeBytes": "53687091200"},
                    "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
                    "dataTypes": dict(sorted(self.types.items()))}
        return ("window.__THAR_CONFIG = " + jackson(manifest)).encode()
