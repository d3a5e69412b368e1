"""The wheel ships the templates and SQL files: built, installed in a fresh virtual environment, run."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.slow


def test_wheel_contains_templates_and_sql_and_runs(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stdout[-2000:] + build.stderr[-2000:]
    wheel = next(dist.glob("roost-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "roost/templates/report.html.j2" in names
    assert "roost/templates/batch_index.html.j2" in names
    assert "roost/sql/raw.sql" in names and "roost/sql/intermediate/21_tweets.sql" in names
    assert "roost/indicators/followers.sql" in names
    assert sum(n.startswith("roost/indicators/") and n.endswith(".sql") for n in names) >= 50

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    py = env_dir / "bin" / "python"
    install = subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-2000:]
    work = tmp_path / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    roost = env_dir / "bin" / "roost"
    demo = subprocess.run([str(roost), "demo", "--tweets", "200"], cwd=work, capture_output=True, text=True, env=env)
    assert demo.returncode == 0, demo.stderr
    html = (work / "roost-demo.html").read_text()
    assert "Content-Security-Policy" in html and "roost_sample" in html
    where = subprocess.run([str(py), "-c", "import roost, roost.resources as r; print(r.templates_dir())"],
                           cwd=work, capture_output=True, text=True, env=env)
    assert str(env_dir) in where.stdout, where.stdout  # the installed copy, not the source tree
    ind = subprocess.run([str(roost), "indicators", str(FIXTURES / "ytd2020_wrapped"), "--format", "json"],
                         cwd=work, capture_output=True, text=True, env=env)
    assert ind.returncode == 0 and '"tweets_total"' in ind.stdout, ind.stderr
