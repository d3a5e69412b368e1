"""ruff and mypy (strict) stay clean on src/; ruff on tests/ too. Versions are pinned in the test extras
so that a new release does not turn CI red on unchanged code."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_ruff_is_clean() -> None:
    done = run("ruff", "check", "src", "tests", "--output-format", "concise")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean_on_src() -> None:
    done = run("mypy", "--no-incremental")
    assert done.returncode == 0, done.stdout + done.stderr
