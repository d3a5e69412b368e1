"""The SQL in layers: raw contract (sql/raw.sql) -> staging (sql/staging/) -> intermediate (sql/intermediate/)
-> indicators; each layer reads only the one before it, and the data-type registry agrees with the SQL."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES
from roost import registry
from roost.load import SCHEMA_VERSION, TABLES, connect, load_to_file, open_archive
from roost.raw import declared_raw_tables
from roost.resources import SQL_DIR, indicators_dir, sql_files

RAW_NAME = re.compile(r"\braw_\w+")
CREATED = re.compile(r"create (?:or replace )?(table|view|macro) (\w+)")


def _sql(path: Path) -> str:
    """A SQL file without its comments."""
    return "\n".join(line.split("--", 1)[0] for line in path.read_text(encoding="utf-8").splitlines())


def test_the_registry_and_the_raw_contract_agree() -> None:
    tables = declared_raw_tables()
    own = {t.raw_table for t in registry.TYPES if t.raw_table}
    assert own <= set(tables), "every data type read into a table of its own has it in sql/raw.sql"
    assert set(tables) - own == {"raw_manifest", "raw_other"}, "no raw table that no data type fills"
    for t in registry.TYPES:
        assert (registry.raw_table(t.name) in tables) == (t.handling == registry.READ), t.name
        assert (registry.raw_table(t.name) is None) == (t.handling != registry.READ), t.name
    assert registry.raw_table("some_future_thing") == "raw_other"
    assert registry.raw_table("tweet") == "raw_tweets"  # an alias
    for name, table in tables.items():
        if table.typed:
            # Scalars as the archive's text; nested parts as STRUCTs (lists of them), never re-parsed JSON text.
            assert table.fields and all(
                kind == "varchar" or kind.startswith("STRUCT(") for _, kind in table.fields
            ), name
        elif name != "raw_manifest":
            assert table.fields == (("doc", "json"),), name
    assert tables["raw_tweets"].wrapper == "tweet" and "retweeted" in tables["raw_tweets"].flat_starts
    assert tables["raw_follower"].wrapper == "follower"


def test_the_registry_names_only_loaded_tables() -> None:
    for t in registry.TYPES:
        assert set(t.feeds) <= set(TABLES), t.name
    assert set(TABLES) >= registry.PRIVATE_TABLES
    assert {"tweets", "grailbird_tweets"} == registry.ESSENTIAL_TYPES
    assert registry.is_private("direct_message") and registry.is_private("never_heard_of")
    assert registry.file_name("follower") == "follower.js"


def test_only_staging_reads_the_raw_tables() -> None:
    for path in sql_files():
        layer = path.parent.name
        raw = set(RAW_NAME.findall(_sql(path)))
        created = CREATED.findall(_sql(path))
        if layer == "staging":
            assert all(kind in ("view", "macro") for kind, _ in created), path.name
            assert all(name.startswith(("stg_", "roost_")) for _, name in created), path.name
        else:
            assert not raw, f"{path.name} reads {raw}: only sql/staging/ reads the raw tables"
            assert not any(name.startswith("stg_") for _, name in created), path.name
    for path in sorted(indicators_dir().glob("*.sql")):
        body = _sql(path)
        assert not RAW_NAME.search(body) and "stg_" not in body, f"{path.name} reads below the intermediate layer"


def test_every_sql_file_says_what_it_holds() -> None:
    for path in [SQL_DIR / "raw.sql", *sql_files()]:
        text = path.read_text(encoding="utf-8")
        assert text.startswith("-- "), path.name
        assert not re.search(r"\b(SELECT|FROM|WHERE|CREATE|JOIN|GROUP BY|ORDER BY|UNION)\b", _sql(path)), path.name
        for m in CREATED.finditer(text):
            kind, name = m.groups()
            if kind == "macro" or text.startswith(f" as select * from int_{name}", m.end()):
                continue  # a table materializing its int_ view: the comment is the view's
            # The comment right before a view or table says what it holds (its grain).
            before = text[: m.start()].rsplit("\n\n", 1)[-1]
            assert before.startswith("--"), (path.name, name)


def test_the_intermediate_layer_materializes_exactly_the_public_tables(tmp_path: Path) -> None:
    out = tmp_path / "me.duckdb"
    load_to_file(FIXTURES / "ytd2022_parts_edits", out)
    con = duckdb.connect(str(out), read_only=True)
    try:
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()}
        views = {r[0] for r in con.execute(
            "select view_name from duckdb_views() where schema_name = 'main' and not internal").fetchall()}
        version = con.execute("select value from roost_meta where key = 'schema_version'").fetchone()
        # The file opens whole: every view it keeps reads only what the file holds (the raw tables and the
        # views over them lived in the load's memory only).
        for view in views:
            con.execute(f'select * from "{view}" limit 0')
    finally:
        con.close()
    assert tables == {"roost_meta", "archive_files", *TABLES}
    assert not {v for v in views if v.startswith(("raw_", "stg_"))}
    assert {"own_tweets", "mutuals", "archive_time", "own_tweets_by_topic",
            "own_tweets_by_site", "interacted_followers"} <= views
    assert version == (SCHEMA_VERSION,)


def test_the_views_indicators_share(tmp_path: Path) -> None:
    with open_archive(FIXTURES / "ytd2022_parts_edits") as loaded:
        con = loaded.con
        own = con.execute("select count(*) from tweets where not is_retweet").fetchone()
        assert con.execute("select count(*) from own_tweets").fetchone() == own
        assert con.execute(
            "select count(*) from own_tweets where engagement is distinct from favorite_count + retweet_count"
        ).fetchone() == (0,)
        assert con.execute("select count(*) from mutuals").fetchone() == con.execute(
            "select count(*) from (select account_id from followers intersect select account_id from following)"
        ).fetchone()
        at, source = con.execute("select archive_at, source from archive_time").fetchone()
        assert (at, source) == (con.execute("select generated_at from archive").fetchone()[0], "generation date")


def test_archive_time_falls_back_to_the_last_tweet(tmp_path: Path) -> None:
    out = tmp_path / "me.duckdb"
    load_to_file(FIXTURES / "ytd2018_root_flat", out)  # no manifest: no archive date
    con = connect(out, read_only=True)
    try:
        assert con.execute("select generated_at from archive").fetchone() == (None,)
        assert con.execute("select archive_at, source from archive_time").fetchone() == (
            con.execute("select max(created_at) from tweets").fetchone()[0], "last tweet")
    finally:
        con.close()


@pytest.mark.parametrize(
    ("url", "tweet_address", "links_to_tweet"),
    [
        ("https://twitter.com/carol/status/1262669320811755508?s=20", True, True),
        ("http://mobile.x.com/a_b/statuses/7", True, True),
        ("HTTPS://WWW.X.COM/Someone/status/1", True, True),
        # A "read more" link of a long post: not a quote (no handle), not a link out either.
        ("https://twitter.com/i/web/status/1", False, True),
        ("https://x.com/carol", False, False),
        ("https://x.com/carol/status/", False, False),
        ("https://nottwitter.com/a/status/1", False, False),
        ("https://example.com/?u=https://x.com/a/status/1", False, False),
    ],
)
def test_what_a_link_to_a_tweet_is(url: str, tweet_address: bool, links_to_tweet: bool) -> None:
    with open_archive(FIXTURES / "ytd2020_wrapped") as loaded:
        got = loaded.con.execute(
            "select roost_is_tweet_address(?), roost_links_to_tweet(?)", [url, url]
        ).fetchone()
    assert got == (tweet_address, links_to_tweet)


def test_option_views_follow_the_options_at_query_time() -> None:
    with open_archive(FIXTURES / "ytd2020_wrapped") as loaded:
        con = loaded.con
        con.execute("set variable roost_topic = ?::varchar[]", [[" #Gull", "fish", "  "]])
        con.execute("set variable roost_site = ?", ["https://www.Example.com/blog"])
        assert con.execute("select list(keyword order by keyword) from topic_keywords").fetchone() == (
            ["fish", "gull"],)
        assert con.execute("select domain from site_domain").fetchone() == ("example.com",)
        on_topic = con.execute("select count(*) filter (where is_on_topic) from own_tweets_by_topic").fetchone()[0]
        con.execute("set variable roost_topic = ?::varchar[]", [[]])
        assert on_topic > 0
        assert con.execute("select count(*) filter (where is_on_topic) from own_tweets_by_topic").fetchone() == (0,)
