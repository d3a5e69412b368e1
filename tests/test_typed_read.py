"""The typed read: nested parts (entities, edits, Grailbird's embedded retweets) read as STRUCTs in one parse,
parts of a data type read side by side, and odd values that such a read refuses loaded all the same."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

import roost.load
import roost.raw
from conftest import FIXTURES
from conftest import edit_data_file as _edit
from roost.load import open_archive

PARTS = FIXTURES / "ytd2022_parts_edits"
TABLES = ("tweets", "tweet_mentions", "tweet_hashtags", "tweet_urls", "tweet_media", "deleted_tweets",
          "community_tweets", "likes", "followers", "following", "handles", "interactions")


def _tables(source: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the tables that come from typed files, in a stable order (the nested lists as JSON)."""
    with open_archive(source) as loaded:
        out = {}
        for table in TABLES:
            out[table] = sorted(
                loaded.con.execute(f"select columns(*)::varchar from {table}").fetchall(), key=repr
            )
        out["archive_files"] = loaded.con.execute(
            "select path, status, items_read from archive_files order by path"
        ).fetchall()
        return out


def test_parts_read_side_by_side_give_what_parts_read_one_after_the_other_give(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[int | None] = []
    read_typed = roost.raw.read_typed

    def spy(con, table, file_id, path, first):
        count = read_typed(con, table, file_id, path, first)
        if table.name in ("raw_tweets", "raw_like", "raw_follower"):
            read.append(count)
        return count

    monkeypatch.setattr(roost.raw, "read_typed", spy)
    side_by_side = _tables(PARTS)
    assert len(read) == 6 and None not in read  # tweets, likes, followers: two parts each, by the typed reader
    real = roost.load.run_steps

    def one_after_the_other(cursors, steps):  # one connection, the steps in the reverse of their order
        return real(cursors[:1], list(reversed(steps)))

    monkeypatch.setattr(roost.load, "run_steps", one_after_the_other)
    assert _tables(PARTS) == side_by_side
    assert ("data/tweets-part1.js", "loaded", 5) in side_by_side["archive_files"]


def test_the_lists_staging_unnests_are_typed() -> None:
    with open_archive(PARTS) as loaded:
        kinds = dict(loaded.con.execute(
            "select column_name, data_type from duckdb_columns() where table_name = 'raw_tweets'"
        ).fetchall())
        assert kinds["entities"].startswith("STRUCT(user_mentions STRUCT(")
        assert "initialTweetId" in kinds["edit_info"]
        # Users' JSON paths still work on the typed entities.
        row = loaded.con.execute("select count(*) from raw_tweets where entities ->> '$.urls' is not null").fetchone()
        assert row is not None and row[0] > 0


ODD_VALUES: list[tuple[str, Any]] = [
    ("entities", "not an object"),
    ("entities", ["a", "list"]),
    ("entities.user_mentions", {"id_str": "1", "screen_name": "an_object_not_a_list"}),
    ("entities.user_mentions", ["a string among mentions"]),
    ("entities.urls", 7),
    ("extended_entities", "media"),
    ("extended_entities.media", {"type": "photo"}),
    ("edit_info", 12),
    ("edit_info.edit", ["1"]),
]


@pytest.mark.parametrize(("where", "value"), ODD_VALUES, ids=[f"{w}={json.dumps(v)}" for w, v in ODD_VALUES])
def test_an_odd_nested_value_nulls_that_value_alone(tmp_path: Path, where: str, value: Any) -> None:
    """A string where an object is, an object where a list is: the typed read refuses the file, roost reads it
    again leniently. Every tweet stays, every other tweet keeps its entities; only the odd value is lost."""
    folder = tmp_path / "archive"
    shutil.copytree(PARTS, folder)
    clean = _tables(PARTS)
    odd_id = None

    def tweets(items: list[dict[str, Any]]) -> None:
        nonlocal odd_id
        tweet = next(i["tweet"] for i in items if "edit" not in i["tweet"].get("edit_info", {}))  # not in a chain
        odd_id = tweet["id_str"]
        *path, key = where.split(".")
        target = tweet
        for step in path:
            target = target.setdefault(step, {})
        target[key] = value

    _edit(folder, "data/tweets.js", tweets)
    got = _tables(folder)
    assert got["archive_files"] == clean["archive_files"]  # nothing refused, every item read
    for table in TABLES:
        if table in ("handles", "interactions"):
            continue
        keep = [r for r in clean[table] if r[0] != odd_id]
        assert [r for r in got[table] if r[0] != odd_id] == keep, table
    assert len(got["tweets"]) == len(clean["tweets"])


def test_odd_values_in_one_part_leave_the_other_parts_alone(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    shutil.copytree(PARTS, folder)

    def part(items: list[dict[str, Any]]) -> None:
        items[0]["tweet"]["entities"] = {"user_mentions": "nobody", "hashtags": [{"text": "kept"}]}

    _edit(folder, "data/tweets-part1.js", part)
    got, clean = _tables(folder), _tables(PARTS)
    assert got["archive_files"] == clean["archive_files"]
    assert len(got["tweets"]) == len(clean["tweets"])
    assert ("kept",) in [r[1:] for r in got["tweet_hashtags"]]


def test_a_flat_item_among_wrapped_ones_is_still_read(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    shutil.copytree(PARTS, folder)

    def tweets(items: list[dict[str, Any]]) -> None:
        items[0] = items[0]["tweet"]  # one item without its {"tweet": ...} wrapper

    _edit(folder, "data/tweets.js", tweets)
    assert _tables(folder)["tweets"] == _tables(PARTS)["tweets"]
