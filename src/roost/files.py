"""Writing outputs atomically, the one way roost does it: a temporary file beside the target, flushed to disk,
given the permissions a new file would get, then renamed over the target. A reader never sees half a file;
an interrupted run leaves at most a `.roost-tmp-*` file, which only roost itself ever cleans up.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from roost.errors import OutputExistsError, RoostError

TMP_PREFIX = ".roost-tmp-"


class OutputWriteError(RoostError, OSError):
    """An output cannot be written (disk full, no permission, a folder in the way): a RoostError the CLI
    prints as one line, and an OSError to code that catches those."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_path(target: Path, *, force: bool = True, create: bool = True) -> Iterator[Path]:
    """A temporary path beside `target`; when the block ends without error, it replaces `target`.

    `create=False` leaves the temporary path absent (for writers, such as DuckDB, that create it themselves).
    """
    target = Path(target)
    if target.is_dir():
        raise OutputWriteError(f"{target} is a folder: give the name of the file to write, e.g. {target / 'out'}")
    if target.exists() and not force:
        raise OutputExistsError(f"{target} already exists: use --force to overwrite it, or choose another -o")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f"{TMP_PREFIX}{target.name[:80]}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        if not create:
            os.unlink(name)
    except OSError as e:
        raise OutputWriteError(f"{target} cannot be written ({e.strerror or e}): choose another -o") from None
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as e:
        if isinstance(e, RoostError):
            raise
        raise OutputWriteError(f"{target} cannot be written ({e.strerror or e}): free some space or choose another -o") from None
    finally:
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            if leftover.exists():
                leftover.unlink()


def write_atomic(target: Path, data: bytes | str, *, force: bool = True) -> None:
    """Write `data` (text is written as UTF-8) to `target` atomically."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_path(target, force=force) as tmp, open(tmp, "wb") as f:
        f.write(payload)
