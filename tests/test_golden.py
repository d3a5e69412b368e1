"""Golden reports: each fixture's report, in English, in French and shared, compared byte for byte.

A change to the report shows here as a diff to read. When it is meant, regenerate the files with
`ROOST_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py` and commit them with the change.
The reports are made by the `roost report` command in a separate process, with SOURCE_DATE_EPOCH fixed and
the archive given by a relative path, so nothing of this machine or this run is in them.
"""

from __future__ import annotations

import difflib
import fcntl
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_NAMES, FIXTURES, HERE, package_indicators

GOLDEN = HERE / "golden"
VARIANTS = {"en": [], "fr": ["--lang", "fr"], "share": ["--share"]}
UPDATE = os.environ.get("ROOST_UPDATE_GOLDEN") == "1"
EPOCH = "1764547200"  # 2025-12-01T00:00:00Z


def render(fixture: str, variant: str, work: Path, *, hash_seed: str = "0") -> bytes:
    """The report of one fixture, made by the CLI in a fresh process."""
    shutil.copytree(FIXTURES / fixture, work / fixture, dirs_exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": hash_seed, "COLUMNS": "100"}
    out = work / f"{fixture}-{variant}.html"
    with package_indicators(fcntl.LOCK_SH):  # no test adds an indicator to the package meanwhile
        run = subprocess.run(
            [sys.executable, "-m", "roost.cli", "report", fixture, "-o", out.name, "--topic", "roost, css",
             "--site", "example.com", *VARIANTS[variant]],
            cwd=work, env=env, capture_output=True, text=True, timeout=300, check=False,
        )
    assert run.returncode == 0, run.stderr
    return out.read_bytes()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("fixture", FIXTURE_NAMES)
def test_report_matches_its_golden_file(fixture: str, variant: str, tmp_path: Path) -> None:
    got = render(fixture, variant, tmp_path)
    golden = GOLDEN / f"{fixture}-{variant}.html"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(got)
        return
    assert golden.is_file(), f"{golden} is missing: run ROOST_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py"
    want = golden.read_bytes()
    if got != want:
        diff = "".join(difflib.unified_diff(
            want.decode().splitlines(keepends=True), got.decode().splitlines(keepends=True),
            fromfile=str(golden), tofile="now", n=1,
        ))
        pytest.fail(f"the report of {fixture} ({variant}) changed; if that is meant, regenerate "
                    f"(ROOST_UPDATE_GOLDEN=1):\n{diff[:6000]}")


def test_the_same_report_from_two_processes_with_other_hash_seeds(tmp_path: Path) -> None:
    fixture = "ytd2022_parts_edits"
    first = render(fixture, "share", tmp_path / "a", hash_seed="1")
    second = render(fixture, "share", tmp_path / "b", hash_seed="4242")
    assert first == second
