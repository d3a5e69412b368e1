"""Hostile input, faults and privacy: crafted zips, no network, no leaked text, atomic outputs."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, zip_folder
from roost.errors import RoostError
from roost.indicators import compute
from roost.load import open_archive

BASE = FIXTURES / "ytd2022_parts_edits"
HOSTILE = FIXTURES / "hostile_strings"


def _expected(name: str = "ytd2022_parts_edits") -> dict:
    return json.loads((FIXTURES / name / "EXPECTED.json").read_text())


def _zip_with(tmp_path: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]], skip: set[str] = frozenset()) -> Path:
    z = tmp_path / "crafted.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        for p in sorted(BASE.rglob("*")):
            rel = p.relative_to(BASE).as_posix()
            if p.is_file() and rel not in skip:
                f.write(p, rel)
        for info, data in extra:
            f.writestr(info, data)
    return z


# --- crafted zips -------------------------------------------------------------------------------------


def test_absolute_and_dotdot_names_are_never_used(tmp_path: Path) -> None:
    evil = [("../../escape.js", b"window.x = []"), ("/abs/tweets.js", b"window.x = []"), ("data/../../x.js", b"[]")]
    z = _zip_with(tmp_path, evil)
    with open_archive(z) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected()["tweets_total"]
        assert any("unsafe name" in w for w in loaded.warnings)
    assert not (tmp_path.parent / "escape.js").exists()


def test_symlink_entries_are_skipped(tmp_path: Path) -> None:
    info = zipfile.ZipInfo("data/like-part9.js")
    info.external_attr = (0o120777 << 16)  # a symbolic link to /etc/passwd
    z = _zip_with(tmp_path, [(info, b"/etc/passwd")])
    with open_archive(z) as loaded:
        assert any("symbolic link" in w for w in loaded.warnings)
        paths = [r[0] for r in loaded.con.execute("select path from archive_files").fetchall()]
        assert "data/like-part9.js" not in paths


def test_symlinks_in_a_folder_are_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    shutil.copytree(BASE, folder)
    (folder / "data" / "like-part7.js").symlink_to("/etc/passwd")
    with open_archive(folder) as loaded:
        assert any("symbolic link" in w for w in loaded.warnings)


def test_duplicate_names_use_the_first(tmp_path: Path) -> None:
    z = tmp_path / "dup.zip"
    with zipfile.ZipFile(z, "w") as f:
        for p in sorted(BASE.rglob("*")):
            if p.is_file():
                f.write(p, p.relative_to(BASE).as_posix())
        with pytest.warns(UserWarning):
            f.writestr("data/follower.js", b"window.YTD.follower.part0 = []")
    with open_archive(z) as loaded:
        assert any("more than once" in w for w in loaded.warnings)
        assert loaded.con.execute("select count(*) from followers").fetchone()[0] == _expected()["followers"]


def test_non_utf8_member_names(tmp_path: Path) -> None:
    z = _zip_with(tmp_path, [])
    raw = bytearray(z.read_bytes())
    with zipfile.ZipFile(tmp_path / "n.zip", "w") as f:
        info = zipfile.ZipInfo("data/caf\xe9-\xff.js")
        f.writestr(info, b"window.x = []")
        for p in sorted(BASE.rglob("*")):
            if p.is_file():
                f.write(p, p.relative_to(BASE).as_posix())
    assert raw
    with open_archive(tmp_path / "n.zip") as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected()["tweets_total"]


def test_nested_zips_are_listed_not_opened(tmp_path: Path) -> None:
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as f:
        f.writestr("data/tweets.js", b"window.YTD.tweets.part0 = [ ]")
    z = _zip_with(tmp_path, [("data/tweet_media.zip", inner.read_bytes())])
    with open_archive(z) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected()["tweets_total"]


def test_a_lying_header_is_refused(tmp_path: Path, monkeypatch) -> None:
    """A member that inflates past the size its header declares is cut off, not read on."""
    import roost.archive as archive

    z = _zip_with(tmp_path, [("data/like-part5.js", b"window.YTD.like.part5 = [" + b" " * 200_000 + b"]")])
    original = archive._CappedStream.__init__

    def lying(self, inner, rel, container, declared):  # the header claims 1 KiB
        original(self, inner, rel, container, 1024 if rel.endswith("like-part5.js") else declared)

    monkeypatch.setattr(archive._CappedStream, "__init__", lying)
    with open_archive(z) as loaded:  # like.js is optional: a warning, the rest loads
        assert any("more data than its header" in w for w in loaded.warnings)


def test_huge_total_is_refused(tmp_path: Path, monkeypatch) -> None:
    import roost.archive as archive

    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 10_000)
    with pytest.raises(RoostError, match="refusing"):
        open_archive(zip_folder(BASE, tmp_path / "a.zip"))


# --- no network ---------------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    """Every Python-level way to open a connection raises, and is recorded."""
    attempts: list[str] = []

    def refuse(*args, **kwargs):
        attempts.append(repr(args)[:80])
        raise OSError(errno.ENETUNREACH, "network blocked by the test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_every_command_works_with_sockets_blocked(cli, no_network, tmp_path: Path) -> None:
    src = FIXTURES / "ytd2020_wrapped"
    db = tmp_path / "me.duckdb"
    runs = [
        ["load", src, "-o", db],
        ["indicators", db, "--format", "json"],
        ["indicators", src, "--format", "csv", "--topic", "seo", "--site", "example.com"],
        ["sql", src, "select count(*) from tweets"],
        ["report", src, "-o", tmp_path / "r.html"],
        ["report", db, "--share", "-o", tmp_path / "s.html"],
        ["demo", "-o", tmp_path / "demo.html", "--tweets", "300"],
        ["diff", src, db, "--format", "json"],
        ["batch", src, FIXTURES / "ytd2018_root_flat", "-o", tmp_path / "out", "--jobs", "1"],
    ]
    for args in runs:
        code, _, err = cli(args)
        assert code == 0, (args, err)
    assert no_network == []


@pytest.mark.skipif(shutil.which("unshare") is None, reason="unshare (util-linux) is not installed")
def test_the_whole_process_needs_no_network(tmp_path: Path) -> None:
    """roost in a network namespace with no interface at all (C-level sockets included) still works."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("this machine does not allow network namespaces (unshare -n needs root)")
    cmd = ["unshare", "-n", sys.executable, "-m", "roost.cli", "report", str(FIXTURES / "ytd2022_parts_edits"),
           "-o", str(tmp_path / "r.html")]
    run = subprocess.run(cmd, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "r.html").stat().st_size > 10_000


# --- no text in errors and logs -----------------------------------------------------------------------


SECRETS = ["SECRET-DM-TEXT-42", "victim@example.invalid", "+15550001111", "<script>alert(1)</script>"]


def test_no_private_text_on_stderr_for_hostile_inputs(cli, tmp_path: Path) -> None:
    folder = tmp_path / "h"
    shutil.copytree(HOSTILE, folder)
    # Damage each file in turn: the errors and warnings must name files, never quote them.
    for f in sorted((folder / "data").glob("*.js")):
        original = f.read_bytes()
        f.write_bytes(original[: len(original) * 2 // 3])
        for args in (["indicators", folder, "--format", "json"], ["indicators", folder, "--skip-broken"]):
            code, _, err = cli(args)
            assert code in (0, 1)
            for secret in SECRETS:
                assert secret not in err, (f.name, err)
            assert "Traceback" not in err
        f.write_bytes(original)


# --- faults: atomic outputs ---------------------------------------------------------------------------


def test_a_failing_load_leaves_the_previous_database(cli, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "me.duckdb"
    assert cli(["load", BASE, "-o", out])[0] == 0
    before = out.read_bytes()
    import roost.load as load

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(load, "_build_tables", disk_full)
    with pytest.raises(OSError):
        load.load_to_file(BASE, out, force=True)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["me.duckdb"]


def test_a_failing_report_write_leaves_the_previous_report(tmp_path: Path, monkeypatch) -> None:
    from roost.files import write_atomic

    target = tmp_path / "r.html"
    target.write_text("previous report")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_atomic(target, "<html>" + "x" * 100_000)
    assert target.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_load_leaves_no_half_written_file(tmp_path: Path, sig: int) -> None:
    from roost.sample import write_sample_archive

    archive = write_sample_archive(tmp_path / "big", tweets=20_000)
    out = tmp_path / "out" / "me.duckdb"
    out.parent.mkdir()
    out.write_bytes(b"previous")
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "roost.cli", "load", str(archive), "-o", str(out), "--force"],
                            stderr=subprocess.PIPE, env=env)
    # Signal once the load is writing (its temporary file is there), not while Python is still starting: an
    # interrupt during the interpreter's own imports is not roost's to catch.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None and len(list(out.parent.iterdir())) < 2:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    leftovers = sorted(p.name for p in out.parent.iterdir())
    if proc.returncode == 0:  # it finished before the signal: the output is complete
        assert out.read_bytes()[:8] != b"previous"
    else:
        assert out.read_bytes() == b"previous", err.decode()[-500:]
        assert b"Traceback" not in err
    assert leftovers == ["me.duckdb"], leftovers
    archive_files = sorted(p.name for p in (archive / "data").iterdir())
    assert "tweets.js" in archive_files  # the input is untouched


def test_spilling_under_a_small_memory_limit_gives_the_same_figures(tmp_path: Path, monkeypatch) -> None:
    from roost.sample import write_sample_archive

    archive = write_sample_archive(tmp_path / "a", tweets=20_000)
    with open_archive(archive) as loaded:
        free = compute(loaded.con).values()
    monkeypatch.setenv("ROOST_MEMORY_LIMIT", "128MB")  # about the smallest DuckDB's JSON reader accepts here
    with open_archive(archive, database=tmp_path / "spill.duckdb") as loaded:
        limit = loaded.con.execute("select current_setting('memory_limit')").fetchone()[0]
        assert limit.startswith("122") or limit.startswith("128"), limit
        tight = compute(loaded.con).values()
    assert tight == free


def test_an_interrupted_batch_resumes_without_losing_finished_work(tmp_path: Path) -> None:
    from roost.sample import write_sample_archive

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(6):
        write_sample_archive(corpus / f"a{i}.zip", tweets=3000, seed=i, owner_id=str(7000 + i), zip=True)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "roost.cli", "batch", str(corpus), "-o", str(out), "--jobs", "1"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and not list(out.glob(".roost-batch/*.json")):
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
    half_written = [p for p in out.rglob("*") if p.is_file() and p.name.endswith(".tmp")]
    assert half_written == []
    finished = [json.loads(p.read_text()) for p in out.glob(".roost-batch/*.json")]
    assert finished, "at least one archive finished before the signal"
    done_before = {Path(o["report"]).name: (out / o["report"]).stat().st_mtime_ns for o in finished}
    rerun = subprocess.run(cmd, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(finished)} unchanged" in rerun.stderr
    after = {p.name: p.stat().st_mtime_ns for p in (out / "reports").glob("*.html")}
    assert len(after) == 6
    assert all(after[name] == mtime for name, mtime in done_before.items())
