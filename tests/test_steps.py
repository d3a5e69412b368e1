"""The load's steps side by side (roost.steps): each waits for what it needs, failures stop the load, and a
load in any order the needs allow, on one connection or several, builds the same tables."""

from __future__ import annotations

import random
import threading
import time
from pathlib import Path

import duckdb
import pytest

import roost.load as load
from conftest import FIXTURES
from roost.steps import RunAlone, Step, run_steps, sql_code, sql_needs, sql_reads


def _cursors(n: int) -> list[duckdb.DuckDBPyConnection]:
    con = duckdb.connect()
    return [con, *(con.cursor() for _ in range(n - 1))]


def test_a_step_starts_only_after_what_it_needs() -> None:
    log: list[tuple[str, str]] = []
    lock = threading.Lock()

    def step(name: str, *needs: str, pause: float = 0.0) -> Step:
        def run(cur: duckdb.DuckDBPyConnection) -> None:
            with lock:
                log.append(("start", name))
            time.sleep(pause)
            with lock:
                log.append(("end", name))

        return Step(name, run, frozenset(needs))

    steps = [step("slow", pause=0.2), step("a"), step("b", "a"), step("c", "slow", "b"), step("d", "a")]
    run_steps(_cursors(2), steps)
    at = {event: i for i, event in enumerate(log)}
    for s in steps:
        for need in s.needs:
            assert at[("end", need)] < at[("start", s.name)], (s.name, need)
    assert len(log) == 2 * len(steps)
    # side by side: the quick steps ran while the slow one did
    assert at[("start", "a")] < at[("end", "slow")]


def test_the_first_failure_stops_the_steps_after_it() -> None:
    ran: list[str] = []

    def ok(name: str, *needs: str) -> Step:
        return Step(name, lambda cur: ran.append(name), frozenset(needs))

    def broken(cur: duckdb.DuckDBPyConnection) -> None:
        raise ValueError("broken file")

    with pytest.raises(ValueError, match="broken file"):
        run_steps(_cursors(2), [ok("a"), Step("b", broken, frozenset({"a"})), ok("c", "b"), ok("d", "c")])
    assert "c" not in ran and "d" not in ran


def test_a_step_short_of_memory_runs_again_alone() -> None:
    running: set[str] = set()
    beside: dict[str, set[str]] = {}
    tries: dict[str, int] = {}
    lock = threading.Lock()

    def step(name: str, *, fails: int = 0) -> Step:
        def run(cur: duckdb.DuckDBPyConnection) -> None:
            with lock:
                tries[name] = tries.get(name, 0) + 1
                beside[name] = set(running)
                running.add(name)
            time.sleep(0.05)
            with lock:
                beside[name] |= running - {name}
                running.discard(name)
            if tries[name] <= fails:
                raise RunAlone(MemoryError(f"{name} alone"))

        return Step(name, run)

    run_steps(_cursors(2), [step("a"), step("big", fails=1), step("b"), step("c"), step("d")])
    assert tries == {"a": 1, "big": 2, "b": 1, "c": 1, "d": 1}
    assert beside["big"] == set()  # its second run: nothing beside it, from start to end
    with pytest.raises(MemoryError, match="too big alone"):
        run_steps(_cursors(2), [step("a"), step("too big", fails=2), step("b")])


def test_steps_that_wait_on_each_other_are_refused() -> None:
    noop = lambda cur: None  # noqa: E731
    with pytest.raises(RuntimeError, match="wait on each other"):
        run_steps(_cursors(2), [Step("a", noop, frozenset({"b"})), Step("b", noop, frozenset({"a"}))])
    with pytest.raises(ValueError, match="unknown"):
        run_steps(_cursors(1), [Step("a", noop, frozenset({"nowhere"}))])


def test_what_a_statement_needs_is_read_from_its_text() -> None:
    assert sql_code("select 'a -- b' as x -- a comment\nfrom t") == "select 'a -- b' as x \nfrom t"
    assert sql_code("select 'it''s -- here' from t") == "select 'it''s -- here' from t"
    views = {"stg_like": "select tweetId from raw_like", "stg_tweets": "select * from raw_tweets",
             "stg_both": "select * from stg_like, stg_tweets"}
    fills = {"raw_like": ["read like"], "raw_tweets": ["read tweets 1", "read tweets 2"],
             "archive_files": ["read like", "read tweets 1", "read tweets 2"]}
    statements = [
        ("likes", "create table likes as select * from stg_like -- not stg_tweets"),
        ("tweets", "create table tweets as select * from stg_tweets"),
        ("both", "create table both_ as select * from stg_both join likes using (x)"),
        ("files", "create view counts as select 'tweets' as t, * from archive_files"),
        ("alone", "create macro m(x) as x + 1"),
        ("kept aside", "create table roost_raw.heads as select * from stg_tweets"),
        ("after", "create table t as select * from heads"),
    ]
    needs = sql_needs(statements, views, fills)
    assert needs["likes"] == {"read like"}
    assert needs["tweets"] == {"read tweets 1", "read tweets 2"}
    assert needs["both"] == {"read like", "read tweets 1", "read tweets 2", "likes"}
    # every read fills archive_files; 'tweets' in a string is a name too many (it only makes the step wait)
    assert needs["files"] == {"read like", "read tweets 1", "read tweets 2", "tweets"}
    assert needs["alone"] == frozenset()
    assert needs["after"] == {"kept aside"}  # a table created in another database is named without it
    # What each statement reads of the raw tables (to drop each once read): through the staging views and
    # through the views and macros earlier statements create, not through the tables they create.
    more = [("view", "create or replace view v as select * from stg_like"), ("uses view", "create table u as select * from v"),
            ("macro", "create macro tm() as table select * from raw_tweets"), ("uses macro", "select * from tm()")]
    reads = sql_reads([*statements, *more], views, ["raw_like", "raw_tweets"])
    assert reads["likes"] == {"raw_like"} and reads["tweets"] == {"raw_tweets"}
    assert reads["both"] == {"raw_like", "raw_tweets"}
    assert reads["kept aside"] == {"raw_tweets"} and reads["after"] == frozenset()
    assert reads["files"] == reads["alone"] == frozenset()
    assert reads["uses view"] == {"raw_like"} and reads["uses macro"] == {"raw_tweets"}


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    names = [r[0] for r in con.execute(
        "select table_name from duckdb_tables() where database_name = current_database() order by 1").fetchall()]
    return {name: sorted(map(repr, con.execute(f'select * from "{name}"').fetchall())) for name in names}


@pytest.mark.parametrize("fixture", ["ytd2022_parts_edits", "grailbird", "ytd2018_root_flat", "unknown_files"])
def test_any_order_the_needs_allow_builds_the_same_tables(fixture: str, monkeypatch, tmp_path: Path) -> None:
    """The needs read from the SQL are enough: steps shuffled (each still after what it needs), on one
    connection, give the same tables as the load side by side; a need missing would leave a table empty or
    a name unknown in some order. Without the raw tables kept, each is dropped as soon as its needs (its reads,
    every statement reading it) are done: a reader missing from them would fail or come out short."""
    with load.open_archive(FIXTURES / fixture) as loaded:
        expected = _tables(loaded.con)
    real = load.run_steps
    for seed in range(4):
        rng = random.Random(seed)

        def shuffled(cursors, steps, rng=rng):
            order = list(steps)
            rng.shuffle(order)
            # a drop listed first runs as soon as its needs are done, before any reader it does not wait for
            order.sort(key=lambda s: not s.name.startswith("drop "))
            return real(cursors[:1], order)

        monkeypatch.setattr(load, "run_steps", shuffled)
        with load.open_archive(FIXTURES / fixture, keep_raw=bool(seed % 2)) as loaded:
            assert _tables(loaded.con) == expected, seed


def test_a_load_short_of_memory_beside_other_steps_goes_on_alone(monkeypatch, tmp_path: Path) -> None:
    """DuckDB out of memory in a read or a statement run beside others: that step runs again alone and the
    load ends as it would have, each warning once; out of memory alone too, one clear error."""
    import shutil

    import roost.raw
    from roost.errors import RoostError

    source = tmp_path / "archive"
    shutil.copytree(FIXTURES / "ytd2022_parts_edits", source)
    part = source / "data" / "tweets-part1.js"  # a lone surrogate: the read warns, rewrites it, reads again
    part.write_bytes(part.read_bytes().replace(b'"full_text" : "', b'"full_text" : "\\ud800 ', 1))
    with load.open_archive(source) as loaded:
        expected, expected_warnings = _tables(loaded.con), [str(w) for w in loaded.warnings]
    assert len(expected_warnings) == 1 and "surrogate" in expected_warnings[0]

    class Short:
        def execute(self, *args, **kwargs):
            raise duckdb.OutOfMemoryException("failed to allocate data of size 128.0 MiB")

    real_execute, real_read = load._execute, roost.raw.read_typed
    always: list[bool] = []
    failed: list[str] = []
    reads: dict[int, int] = {}

    def execute(cur, *, sql, name):
        if "create table tweets " in sql and (always or "tweets" not in failed):
            failed.append("tweets")
            return real_execute(Short(), sql=sql, name=name)
        return real_execute(cur, sql=sql, name=name)

    def read_typed(con, table, file_id, path, first):
        reads[file_id] = reads.get(file_id, 0) + 1
        if table.name == "raw_tweets" and reads[file_id] == 2 and "raw_tweets" not in failed:
            failed.append("raw_tweets")  # short of memory once the surrogate was warned about
            raise duckdb.OutOfMemoryException("failed to allocate data of size 128.0 MiB")
        return real_read(con, table, file_id, path, first)

    monkeypatch.setattr(load, "_execute", execute)
    monkeypatch.setattr(roost.raw, "read_typed", read_typed)
    with load.open_archive(source, keep_raw=False) as loaded:  # the raw tables dropped once read: after a read again
        assert _tables(loaded.con) == expected
        assert [str(w) for w in loaded.warnings] == expected_warnings  # the file read again warns once
    assert failed == ["raw_tweets", "tweets"]
    always.append(True)
    with pytest.raises(RoostError, match=r"building the tables \(21_tweets.sql #\d+\) needs more memory"):
        load.open_archive(source)
