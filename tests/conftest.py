"""Shared test helpers: fixtures zipped on the fly, the real archives, running the CLI in-process."""

from __future__ import annotations

import contextlib
import fcntl
import json
import math
import os
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FIXTURES = ROOT / "fixtures"
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
REAL = os.environ.get("ROOST_REAL_ARCHIVES")
REAL_SKIP = "ROOST_REAL_ARCHIVES is unset: point it at ../shared/archives to check roost against real archives"


def edit_data_file(folder: Path, rel: str, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite one data file's JSON through `change(value)`, its `window.YTD... =` envelope kept."""
    path = folder / rel
    prefix, _, body = path.read_text(encoding="utf-8").partition("=")
    value = json.loads(body)
    change(value)
    path.write_text(prefix + "= " + json.dumps(value, indent=2), encoding="utf-8")


def zip_folder(folder: Path, out: Path, top: str = "") -> Path:
    """Zip a folder (optionally under one extra top folder), as a user would."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, top + path.relative_to(folder).as_posix())
    return out


def as_form(folder: Path, form: str, tmp_path: Path) -> Path:
    """The archive as a folder, a zip, or a zip with an extra top folder."""
    if form == "folder":
        return folder
    if form == "zip":
        return zip_folder(folder, tmp_path / f"{folder.name}.zip")
    return zip_folder(folder, tmp_path / f"{folder.name}-nested.zip", top="twitter-2024-01-01-abc/")


def real_archives() -> list[str]:
    """Names of the real archives with expected figures, or [] without ROOST_REAL_ARCHIVES."""
    if not REAL:
        return []
    return sorted(json.loads((Path(REAL) / "EXPECTED.json").read_text()))


def differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """Every expected figure that got lacks or disagrees with (floats to 1e-9)."""
    out = []
    for key, expected in want.items():
        actual = got.get(key, "<missing>")
        if isinstance(expected, float) or isinstance(actual, float):
            ok = (
                isinstance(actual, (int, float))
                and isinstance(expected, (int, float))
                and math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9)
            )
        else:
            ok = actual == expected
        if not ok:
            out.append(f"{key}: got {actual!r}, expected {expected!r}")
    return out


class Cli:
    """Runs roost's typer app in-process, returning (exit code, stdout, stderr)."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, args: Sequence[str | os.PathLike[str]]) -> tuple[int, str, str]:
        from roost.cli import app

        result = self.runner.invoke(app, [str(a) for a in args], catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def cli() -> Cli:
    return Cli()


@contextlib.contextmanager
def package_indicators(mode: int) -> Iterator[None]:
    """A lock between test workers around the package's own indicators: a test that adds one (LOCK_EX, see
    tests/test_pipeline.py) never runs while a test compares renders byte for byte (LOCK_SH: the golden
    reports, two renders of one archive), or that render would show an extra indicator."""
    with open(Path(tempfile.gettempdir()) / "roost-tests-package-indicators.lock", "a") as f:
        fcntl.flock(f, mode)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)
