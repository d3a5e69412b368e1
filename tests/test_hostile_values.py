"""Hostile but well-formed input: absurd values, contributed databases, custom SQL, look-alike names."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES
from conftest import edit_data_file as _edit

BASE = FIXTURES / "ytd2020_wrapped"
SECRET = "LOCAL-FILE-SECRET-7731"


@pytest.mark.parametrize("bad", ["0000-01-01T00:00:00.000Z", "+20000-01-01T00:00:00.000Z", "99999999999999",
                                 "Mon Jan 01 00:00:00 +0000 275760", "1e309", ""])
def test_absurd_archive_dates_are_unknown_not_a_crash(cli, tmp_path: Path, bad: str) -> None:
    folder = tmp_path / "archive"
    shutil.copytree(BASE, folder)

    def manifest(v: dict) -> None:
        v["archiveInfo"]["generationDate"] = bad

    def account(v: list) -> None:
        v[0]["account"]["createdAt"] = bad

    _edit(folder, "data/manifest.js", manifest)
    _edit(folder, "data/account.js", account)
    code, out, err = cli(["indicators", folder, "--format", "json"])
    assert code == 0, err
    doc = json.loads(out)
    assert doc["archive"]["generated_at"] is None and doc["account"]["created_at"] is None
    if bad:
        assert "data/manifest.js" in err and "generationDate" in err and "treated as unknown" in err
        assert "data/account.js" in err and "createdAt" in err
        assert bad not in err
    for args in (["report", folder, "-o", tmp_path / "r.html"], ["report", folder, "-o", tmp_path / "s.html", "--share"],
                 ["diff", BASE, folder], ["batch", folder, BASE, "-o", tmp_path / "out", "--jobs", "1"]):
        code, _, err = cli(args)
        assert code in (0, 1) and "Traceback" not in err, (args, err)
    rows = json.loads((tmp_path / "out" / "indicators.json").read_text())["archives"]
    assert [r["status"] for r in rows] == ["done", "done"], rows
    assert (tmp_path / "out" / "index.html").is_file()


def test_absurd_tweet_values_are_unknown_with_one_warning_per_field(cli, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    shutil.copytree(BASE, folder)

    def tweets(v: list) -> None:
        v[0]["tweet"]["created_at"] = "Mon Jan 01 00:00:00 +0000 0001"
        v[1]["tweet"]["created_at"] = "+20000-01-01T00:00:00.000Z"
        v[2]["tweet"]["favorite_count"] = str(2**63)
        v[3]["tweet"]["retweet_count"] = "-5"

    _edit(folder, "data/tweet.js", tweets)
    code, out, err = cli(["indicators", folder, "--format", "json"])
    assert code == 0, err
    lines = [line for line in err.splitlines() if "treated as unknown" in line]
    assert any("data/tweet.js" in x and "2 created_at" in x for x in lines), err
    assert any("favorite_count" in x for x in lines) and any("retweet_count" in x for x in lines), err
    doc = json.loads(out)
    assert {"path": "data/tweet.js", "field": "created_at", "items": 2} in doc["archive"]["value_checks"]
    assert doc["indicators"]["likes_received"] is None  # a count is unknown: the sum is unknown, not wrong


def test_the_largest_counts_on_many_tweets_are_figures_not_a_crash(cli, tmp_path: Path) -> None:
    """50,000 own tweets at the largest count roost keeps (10^15 likes and retweets each): sums pass 64 bits,
    and the engagement figures multiply such counts by tweet counts (it once overflowed, and stopped the run)."""
    folder = tmp_path / "archive"
    shutil.copytree(BASE, folder)
    n, top = 50_000, 10**15

    def tweets(v: list) -> None:
        model = v[0]["tweet"]
        v[:] = [{"tweet": {**model, "id_str": str(1_300_000_000_000_000_000 + i), "id": "0", "full_text": f"hit {i}",
                           "entities": {"hashtags": [], "user_mentions": [], "urls": []},
                           "favorite_count": str(top), "retweet_count": str(top)}} for i in range(n)]

    _edit(folder, "data/tweet.js", tweets)
    code, out, err = cli(["indicators", folder, "--format", "json"])
    assert code == 0, err
    figures = json.loads(out)["indicators"]
    assert figures["tweets_total"] == n
    assert figures["likes_received"] == float(n * top)  # past 64 bits, JSON holds it as a float
    assert figures["engagement_gini"] == 0.0  # every tweet has the same engagement
    assert figures["engagement_top10_share"] == pytest.approx(0.1)
    assert figures["strategy_verdict"] is not None
    code, _, err = cli(["report", folder, "-o", tmp_path / "r.html"])
    assert code == 0, err
    assert "50,000,000,000,000,000,000" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_numbers_past_64_bits_from_custom_sql_are_written_not_a_crash(cli) -> None:
    query = "select 12345678901234567890123::hugeint as big, (10::hugeint ** 30)::decimal(38, 0) as d, 7 as small"
    code, out, err = cli(["sql", BASE, query, "--format", "json"])
    assert code == 0, err
    assert json.loads(out) == [{"big": 1.2345678901234568e22, "d": 1e30, "small": 7}]  # JSON stops at 64 bits
    code, out, err = cli(["sql", BASE, query, "--format", "csv"])
    assert code == 0, err
    assert "12345678901234567890123" in out  # CSV keeps every digit


def _hostile_database(tmp_path: Path, *, view: str) -> Path:
    """A real `roost load` database, then altered by hand as an attacker would."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    db = tmp_path / "hostile.duckdb"
    from roost.load import load_to_file

    load_to_file(BASE, db)
    con = duckdb.connect(str(db))
    con.execute(f"drop table if exists {view}")
    con.execute(f"create view {view} as select * from read_text('{secret}')")
    con.close()
    return db


@pytest.mark.parametrize("view", ["tweets", "interacted", "handles"])
def test_a_database_whose_tables_are_views_is_refused(cli, tmp_path: Path, view: str) -> None:
    db = _hostile_database(tmp_path, view=view)
    for args in (["report", db, "-o", tmp_path / "r.html", "--share"], ["indicators", db, "--format", "json"],
                 ["batch", db, "-o", tmp_path / "out", "--jobs", "1"]):
        code, out, err = cli(args)
        assert code == 1 and SECRET not in out + err, (args, err)
    assert not (tmp_path / "r.html").exists()
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path


def test_a_view_hidden_in_a_database_cannot_read_files(cli, tmp_path: Path) -> None:
    db = _hostile_database(tmp_path, view="my_notes")  # not a table roost reads: the database opens
    con = duckdb.connect(str(db))
    con.execute("create macro leak() as (select content from read_text('/etc/hostname'))")
    con.close()
    code, out, err = cli(["sql", db, "select * from my_notes"])
    assert code == 1 and SECRET not in out + err
    code, out, err = cli(["sql", db, "select leak()"])
    assert code == 1
    code, out, err = cli(["report", db, "-o", tmp_path / "r.html"])
    assert code == 0, err
    assert SECRET not in (tmp_path / "r.html").read_text()


CUSTOM = {
    "install": "install httpfs; select 1 as value",
    "autoinstall": "set autoinstall_known_extensions = true; select 1 as value",
    "read_file": "select content as value from read_text('{secret}')",
    "copy_out": "copy (select 1) to '{out}'; select 1 as value",
    "attach": "attach '{other}' as other; select 1 as value",
}


@pytest.mark.parametrize("attack", sorted(CUSTOM))
def test_custom_sql_cannot_reach_outside(tmp_path: Path, attack: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    sql_dir = tmp_path / "sql"
    sql_dir.mkdir()
    query = CUSTOM[attack].format(secret=secret, out=tmp_path / "copied.csv", other=tmp_path / "other.duckdb")
    (sql_dir / "attack.sql").write_text(
        f"-- title: Attack | Attaque\n-- shape: text\n-- section: custom\n-- definition: An attack.\n{query}\n"
    )
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home)}
    run = subprocess.run(
        [sys.executable, "-m", "roost.cli", "report", str(BASE), "--indicators-dir", str(sql_dir), "--share",
         "-o", str(tmp_path / "r.html")],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert run.returncode == 1, run.stderr
    assert "attack.sql" in run.stderr and "Traceback" not in run.stderr
    assert SECRET not in run.stdout + run.stderr
    assert not (tmp_path / "r.html").exists() and not (tmp_path / "copied.csv").exists()
    assert not (tmp_path / "other.duckdb").exists()
    assert not any(home.rglob("*")), "nothing may be written under the home folder (extensions)"


def test_shared_report_leaves_out_custom_sql_that_reads_private_data(cli, tmp_path: Path) -> None:
    sql_dir = tmp_path / "sql"
    sql_dir.mkdir()
    (sql_dir / "dm_words.sql").write_text(
        "-- title: Messages | Messages\n-- shape: number\n-- section: custom\n-- definition: DM count.\n"
        "select count(*) as value from dm_messages\n"
    )
    (sql_dir / "question_tweets.sql").write_text(
        "-- title: Questions | Questions\n-- shape: number\n-- section: custom\n-- definition: Tweets with a ?.\n"
        "select count(*) as value from tweets where full_text like '%?%'\n"
    )
    archive = FIXTURES / "ytd2022_parts_edits"
    code, _, err = cli(["report", archive, "--indicators-dir", sql_dir, "-o", tmp_path / "owner.html"])
    assert code == 0, err
    code, _, err = cli(["report", archive, "--indicators-dir", sql_dir, "--share", "-o", tmp_path / "shared.html"])
    assert code == 0, err
    owner, shared = (tmp_path / "owner.html").read_text(), (tmp_path / "shared.html").read_text()
    assert "Messages" in owner and "dm_words" in owner
    assert "Questions" in shared and "written by you, not by roost" in shared
    assert "dm_words" in shared  # named in the note that says it was left out...
    assert ">Messages<" not in shared  # ...but its value is not shown


def test_look_alike_handles_never_render_as_one(cli, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    shutil.copytree(BASE, folder)
    spoofs = [("90001", "famous"), ("90002", "famous\u200b"), ("90003", "fa\u202emous"), ("90004", "famou\u0455")]

    def tweets(v: list) -> None:
        for (account_id, name), item in zip(spoofs, v, strict=False):
            t = item["tweet"]
            t["full_text"] = f"@{name} hello"
            t["entities"]["user_mentions"] = [{"id_str": account_id, "id": account_id, "screen_name": name,
                                               "name": "Famous\u202e Person", "indices": ["0", "7"]}]

    _edit(folder, "data/tweet.js", tweets)
    code, _, err = cli(["report", folder, "-o", tmp_path / "r.html"])
    assert code == 0, err
    html = (tmp_path / "r.html").read_text()
    assert "\u202e" not in html  # a bidi override is never drawn (it would reorder what follows)
    # The real one links to its profile; the others are shown with what makes them differ, never linked.
    assert html.count('href="https://x.com/famous"') >= 1
    assert "@famous[U+200B]" in html and "[U+202E]" in html
    assert not re.search(r'href="https://x\.com/fa[^"]*[\u0400-\u04ff]', html)


def test_an_output_that_is_a_folder_is_one_line(cli, tmp_path: Path) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    for args in (["load", BASE, "-o", folder, "--force"], ["load", BASE, "-o", folder], ["report", BASE, "-o", folder]):
        code, _, err = cli(args)
        assert code == 1 and "is a folder" in err and "Traceback" not in err, (args, err)
    assert list(folder.iterdir()) == []
