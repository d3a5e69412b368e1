"""roost batch and roost diff: many archives, failures recorded, resumable, growth between snapshots."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, zip_folder
from roost.sample import write_sample_archive

OWNER = "1000000000000000777"


def _followers_of(archive: Path) -> set[str]:
    """The follower ids of a sample archive, read straight from its file (independent of roost)."""
    text = (archive / "data" / "follower.js").read_text()
    return {item["follower"]["accountId"] for item in json.loads(text.split("=", 1)[1])}


def _following_of(archive: Path) -> set[str]:
    text = (archive / "data" / "following.js").read_text()
    return {item["following"]["accountId"] for item in json.loads(text.split("=", 1)[1])}


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory) -> tuple[Path, Path]:
    """Two archives of one account, months apart, with known followers gained and lost."""
    base = tmp_path_factory.mktemp("snap")
    old = write_sample_archive(base / "old", tweets=400, owner_id=OWNER, username="same_account",
                               generated_at="2025-06-01T08:00:00.000Z", drop_followers=("900000001",))
    new = write_sample_archive(base / "new", tweets=400, owner_id=OWNER, username="same_account",
                               generated_at="2025-06-01T08:00:00.000Z",
                               extra_followers=("900000001", "900000002", "900000003"))
    # The same base account; make the newer archive newer without touching its followers.
    manifest = new / "data" / "manifest.js"
    manifest.write_text(manifest.read_text().replace("2025-06-01T08:00:00.000Z", "2026-02-01T08:00:00.000Z"))
    return old, new


def test_diff_gives_exact_gained_and_lost_lists(cli, snapshots) -> None:
    old, new = snapshots
    code, out, err = cli(["diff", new, old, "--format", "json"])  # newest first: roost reorders
    assert code == 0, err
    result = json.loads(out)
    assert result["old"]["taken_at"].startswith("2025-06-01")
    assert result["new"]["taken_at"].startswith("2026-02-01")
    f_old, f_new = _followers_of(old), _followers_of(new)
    g_old, g_new = _following_of(old), _following_of(new)
    assert {a["account_id"] for a in result["followers_gained"]} == f_new - f_old
    assert {a["account_id"] for a in result["followers_lost"]} == f_old - f_new
    assert {"900000001", "900000002", "900000003"} <= f_new - f_old
    assert {a["account_id"] for a in result["follow_backs"]} == (f_new & g_new) - (f_old & g_old)
    assert {a["account_id"] for a in result["mutuals_lost"]} == (f_old & g_old) - (f_new & g_new)
    assert result["counts"]["followers"] == [len(f_old), len(f_new)]
    assert result["account"]["id"] == OWNER


def test_diff_refuses_two_accounts(cli, snapshots) -> None:
    code, _, err = cli(["diff", FIXTURES / "ytd2020_wrapped", snapshots[0]])
    assert code == 1 and "different accounts" in err and "Traceback" not in err


def test_diff_names_accounts_where_known(cli, snapshots) -> None:
    old, new = snapshots
    code, out, _ = cli(["diff", old, new])
    assert code == 0
    assert "followers gained" in out


def test_batch_three_good_one_corrupt(cli, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    zip_folder(FIXTURES / "ytd2020_wrapped", corpus / "a.zip")
    zip_folder(FIXTURES / "ytd2022_parts_edits", corpus / "b.zip")
    zip_folder(FIXTURES / "ytd2018_root_flat", corpus / "c.zip")
    (corpus / "d.zip").write_bytes(b"PK\x03\x04 this zip is corrupt")
    out = tmp_path / "out"
    code, _, err = cli(["batch", corpus, "-o", out, "--jobs", "2"])
    assert code == 1
    assert "d.zip" in err and "Traceback" not in err
    reports = sorted((out / "reports").glob("*.html"))
    assert len(reports) == 3
    index = (out / "index.html").read_text()
    for name in ("a.zip", "b.zip", "c.zip", "d.zip"):
        assert name in index
    assert index.count('class="failed"') == 1
    rows = list(csv.DictReader((out / "indicators.csv").open()))
    assert len(rows) == 4 and sum(r["status"] == "failed" for r in rows) == 1
    data = json.loads((out / "indicators.json").read_text())
    by_source = {Path(a["source"]).name: a for a in data["archives"]}
    expected = json.loads((FIXTURES / "ytd2020_wrapped" / "EXPECTED.json").read_text())
    assert by_source["a.zip"]["tweets_total"] == expected["tweets_total"]
    assert by_source["a.zip"]["followers"] == expected["followers"]

    # The Parquet dataset reads back in DuckDB with the same counts.
    con = duckdb.connect()
    counts = dict(con.execute(
        f"select archive_key, count(*) from read_parquet('{out}/dataset/tweets/*/*.parquet', hive_partitioning = true) group by 1"
    ).fetchall())
    assert sorted(counts.values()) == sorted(
        json.loads((FIXTURES / n / "EXPECTED.json").read_text())["tweets_total"]
        for n in ("ytd2020_wrapped", "ytd2022_parts_edits", "ytd2018_root_flat")
    )
    followers = con.execute(
        f"select count(*) from read_parquet('{out}/dataset/followers/*/*.parquet', hive_partitioning = true)"
    ).fetchone()[0]
    assert followers == sum(
        json.loads((FIXTURES / n / "EXPECTED.json").read_text())["followers"]
        for n in ("ytd2020_wrapped", "ytd2022_parts_edits", "ytd2018_root_flat")
    )

    # A second run does no work: every good archive is unchanged and skipped.
    before = {p: p.stat().st_mtime_ns for p in reports}
    code, _, err = cli(["batch", corpus, "-o", out, "--jobs", "2"])
    assert code == 1
    assert "3 unchanged" in err and "0 processed" in err
    assert {p: p.stat().st_mtime_ns for p in reports} == before


def test_batch_groups_snapshots_of_one_account(cli, snapshots, tmp_path: Path) -> None:
    old, new = snapshots
    out = tmp_path / "out"
    code, _, err = cli(["batch", new, old, "-o", out, "--jobs", "1"])
    assert code == 0, err
    index = (out / "index.html").read_text()
    assert "Growth of accounts" in index
    gained = len(_followers_of(new) - _followers_of(old))
    lost = len(_followers_of(old) - _followers_of(new))
    assert re.search(rf"1 Jun 2025 → 1 Feb 2026</td>\s*<td>{gained}</td><td>{lost}</td>", index), index[-3000:]


def test_batch_on_a_dask_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="the dask extra is not installed: pip install '.[dask]'")
    from roost.batch import BatchOptions, run_batch

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    zip_folder(FIXTURES / "ytd2020_wrapped", corpus / "a.zip")
    zip_folder(FIXTURES / "ytd2022_parts_edits", corpus / "b.zip")
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        outcomes = run_batch([corpus], out, BatchOptions(), scheduler=cluster.scheduler_address)
    assert [o.status for o in outcomes] == ["done", "done"]
    con = duckdb.connect()
    n = con.execute(
        f"select count(distinct archive_key) from read_parquet('{out}/dataset/tweets/*/*.parquet', hive_partitioning = true)"
    ).fetchone()[0]
    assert n == 2


def test_batch_of_many_archives_in_two_processes_finishes(tmp_path: Path) -> None:
    """Regression: with max_tasks_per_child, CPython 3.11's process pool hung once it replaced a worker."""
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(20):
        write_sample_archive(corpus / f"a{i:02d}.zip", tweets=100, seed=i, owner_id=str(9000 + i), zip=True)
    run = subprocess.run([sys.executable, "-m", "roost.cli", "batch", str(corpus), "-o", str(tmp_path / "out"),
                          "--jobs", "2"], capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "20 processed" in run.stderr
    assert len(list((tmp_path / "out" / "reports").glob("*.html"))) == 20
