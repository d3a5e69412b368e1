"""`roost load` and the library's open_archive: every generation, every form, counts as the files say."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURE_NAMES, FIXTURES, REAL, REAL_SKIP, as_form, real_archives
from roost.load import open_archive

FORMS = ("folder", "zip", "nested-zip")


def _count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_every_fixture_loads_with_its_tweet_count(name: str, form: str, tmp_path: Path) -> None:
    expected = json.loads((FIXTURES / name / "EXPECTED.json").read_text())
    with open_archive(as_form(FIXTURES / name, form, tmp_path)) as loaded:
        tweets = _count(loaded.con, "select count(*) from tweets")
        assert tweets == (expected["tweets_total"] or 0)
        files = loaded.con.execute(
            "select path, items_read, manifest_count from archive_files where manifest_count is not null "
            "and status = 'loaded'"
        ).fetchall()
        for path, items, manifest_count in files:
            assert items == manifest_count, path


def test_generations_are_detected(tmp_path: Path) -> None:
    want = {
        "grailbird": "grailbird",
        "ytd2018_root_flat": "ytd-root",
        "ytd2020_wrapped": "ytd",
        "ytd2022_parts_edits": "ytd",
    }
    for name, generation in want.items():
        with open_archive(FIXTURES / name) as loaded:
            assert loaded.con.execute("select generation from archive").fetchone()[0] == generation


def test_edit_chain_counts_once_with_summed_counts() -> None:
    with open_archive(FIXTURES / "ytd2022_parts_edits") as loaded:
        con = loaded.con
        rows = _count(con, "select count(*) from raw_tweets")
        tweets = _count(con, "select count(*) from tweets")
        assert rows > tweets
        chains = con.execute("select tweet_id, version_count, favorite_count from tweets where version_count > 1").fetchall()
        assert chains, "the fixture has edit chains"
        for tweet_id, _versions, favorites in chains:
            raw = con.execute(
                "select sum(cast(favorite_count as bigint)) from raw_tweets "
                "where coalesce(edit_info->>'$.edit.initialTweetId', "
                "id_str) = ?",
                [tweet_id],
            ).fetchone()[0]
            assert favorites == raw


def test_grailbird_has_no_followers_and_no_counts() -> None:
    with open_archive(FIXTURES / "grailbird") as loaded:
        con = loaded.con
        assert _count(con, "select count(*) from archive_files where data_type = 'follower'") == 0
        assert _count(con, "select count(*) from tweets where favorite_count is not null") == 0
        assert con.execute("select owner_id, username from archive").fetchone()[0]


def test_typed_columns_and_unescaped_text() -> None:
    with open_archive(FIXTURES / "ytd2020_wrapped") as loaded:
        con = loaded.con
        types = dict(con.execute(
            "select column_name, data_type from information_schema.columns where table_name = 'tweets'"
        ).fetchall())
        assert types["created_at"] == "TIMESTAMP WITH TIME ZONE"
        assert types["favorite_count"] == "BIGINT"
        assert _count(con, "select count(*) from tweets where full_text like '%&amp;%'") == 0
        assert _count(con, "select count(*) from tweets where full_text like '%&%'") >= 1
        assert _count(con, "select count(*) from tweets where source_name like '%<%'") == 0


def test_unknown_files_are_listed_not_fatal() -> None:
    with open_archive(FIXTURES / "unknown_files") as loaded:
        con = loaded.con
        types = {r[0] for r in con.execute("select data_type from archive_files").fetchall()}
        assert {"grok_chat_item", "some_future_thing"} <= types
        blank = con.execute("select status from archive_files where data_type = 'ageinfo'").fetchone()[0]
        assert blank == "blank"


def test_note_tweets_are_matched_and_not_counted() -> None:
    with open_archive(FIXTURES / "ytd2022_parts_edits") as loaded:
        con = loaded.con
        notes = con.execute("select tweet_id from note_tweets").fetchall()
        assert notes and all(n[0] is not None for n in notes)
        assert _count(con, "select count(*) from tweets t join deleted_tweets d using (tweet_id)") == 0
        assert _count(con, "select count(*) from deleted_tweets") >= 1
        assert _count(con, "select count(*) from dm_messages") >= 1


def test_handles_know_mentioned_accounts() -> None:
    with open_archive(FIXTURES / "ytd2020_wrapped") as loaded:
        con = loaded.con
        missing = _count(
            con,
            "select count(*) from tweet_mentions m left join handles h on h.account_id = m.user_id "
            "where m.user_id not in ('-1') and h.account_id is null",
        )
        assert missing == 0


def test_load_writes_a_duckdb_file_and_refuses_to_overwrite(cli, tmp_path: Path) -> None:
    out = tmp_path / "me.duckdb"
    code, _, err = cli(["load", FIXTURES / "ytd2022_parts_edits", "-o", out])
    assert code == 0, err
    con = duckdb.connect(str(out), read_only=True)
    assert con.execute("select count(*) from tweets").fetchone()[0] == json.loads(
        (FIXTURES / "ytd2022_parts_edits" / "EXPECTED.json").read_text())["tweets_total"]
    con.close()
    before = out.read_bytes()
    code, _, err = cli(["load", FIXTURES / "ytd2020_wrapped", "-o", out])
    assert code == 1 and "--force" in err and "Traceback" not in err
    assert out.read_bytes() == before
    code, _, err = cli(["load", FIXTURES / "ytd2020_wrapped", "-o", out, "--force"])
    assert code == 0, err
    assert list(tmp_path.iterdir()) == [out], "no temporary file left behind"


def test_a_database_of_another_roost_version_is_said_so(cli, tmp_path: Path) -> None:
    """A `.duckdb` of an older roost lacks the tables added since: the message names the version, not odd tables."""
    from roost.load import SCHEMA_VERSION, load_to_file

    out = tmp_path / "old.duckdb"
    load_to_file(FIXTURES / "ytd2020_wrapped", out)
    con = duckdb.connect(str(out))
    con.execute("update roost_meta set value = '1' where key = 'schema_version'")
    con.execute("drop table partners")
    con.close()
    for args in (["report", out, "-o", tmp_path / "r.html"], ["sql", out, "select 1"]):
        code, _, err = cli(args)
        assert code == 1 and "Traceback" not in err, err
        assert f"written by another roost version (schema 1, this one reads {SCHEMA_VERSION})" in err, err
        assert "run `roost load` on the archive again" in err and "should be tables" not in err, err


def test_a_split_archive_reads_as_one(tmp_path: Path) -> None:
    folder = FIXTURES / "ytd2022_parts_edits"
    one = tmp_path / "part1.zip"
    two = tmp_path / "part2.zip"
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(one, "w") as a, zipfile.ZipFile(two, "w") as b:
        for i, p in enumerate(files):
            (a if i % 2 else b).write(p, p.relative_to(folder).as_posix())
    expected = json.loads((folder / "EXPECTED.json").read_text())
    with open_archive([one, two]) as loaded:
        assert _count(loaded.con, "select count(*) from tweets") == expected["tweets_total"]
        assert _count(loaded.con, "select count(*) from followers") == expected["followers"]


@pytest.mark.skipif(not REAL, reason=REAL_SKIP)
@pytest.mark.parametrize("form", ("folder", "zip"))
@pytest.mark.parametrize("name", real_archives() or ["none"])
def test_real_archives_load_with_manifest_counts(name: str, form: str, tmp_path: Path) -> None:
    expected = json.loads((Path(REAL) / "EXPECTED.json").read_text())[name]
    with open_archive(as_form(Path(REAL) / name, form, tmp_path)) as loaded:
        con = loaded.con
        assert _count(con, "select count(*) from tweets") == (expected["tweets_total"] or 0)
        mismatched = con.execute(
            "select path from archive_files where status = 'loaded' and manifest_count is not null "
            "and items_read <> manifest_count"
        ).fetchall()
        assert mismatched == []
