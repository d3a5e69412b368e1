"""Given a few rows in the loaded tables, each added indicator gives exactly the expected value.

Harness: the ytd2022_parts_edits fixture is loaded once into a DuckDB file; every test works on a copy.
`given(...)` empties the tweet tables and fills them with a handful of tweets (their entities written as
the archive would, and unnested into mentions, hashtags, links and media by the load's own views), sets followers,
following and direct messages, and rebuilds `handles` and `interactions`. `run(...)` sets the options
and runs one indicator the way `roost indicators` does.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest

from roost.indicators import Options, available_types, compute, discover, run_indicator, set_params
from roost.load import connect, load_to_file, open_archive
from roost.raw import declared_raw_tables
from roost.resources import sql_text
from roost.steps import sql_code

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
REAL = os.environ.get("ROOST_REAL_ARCHIVES")
OWNER = "42"
EVERYTHING = {"tweets", "follower", "following", "like", "direct_messages", "engagement"}

ADDED = {
    # id: (section, shape, table cap or None)
    "activity_heatmap": ("publishing", "table", 168),
    "longest_streak_days": ("publishing", "number", None),
    "weeks_active_share": ("publishing", "share", None),
    "tweet_types_per_month": ("publishing", "table", None),
    "media_share": ("publishing", "share", None),
    "link_share": ("publishing", "share", None),
    "clients": ("publishing", "table", 10),
    "languages": ("publishing", "table", 10),
    "top_retweeted_accounts": ("relaying", "table", 10),
    "top_tweets_by_retweets": ("relaying", "table", 10),
    "top_tweets_by_likes": ("relaying", "table", 10),
    "top_conversation_partners": ("interaction", "table", 20),
    "followers_never_interacted": ("interaction", "number", None),
    "mutuals_talked": ("interaction", "number", None),
    "friends_never_addressed": ("interaction", "table", 200),
    "followers_to_follow_back": ("interaction", "table", 20),
    "talked_accounts": ("interaction", "number", None),
    "retweeted_only_accounts": ("interaction", "number", None),
    "tweets_last_12_months": ("publishing", "number", None),
    "top_hashtags": ("publishing", "table", 10),
    "linked_domains": ("publishing", "table", 10),
    "topic_followers_talked": ("fit", "number", None),
    "topic_followers_talked_share": ("fit", "share", None),
    "topic_relayed_accounts": ("fit", "table", 10),
    "strategy_verdict": ("strategy", "text", None),
    "strategy_verdict_reasons": ("strategy", "table", 27),
    "strategy_trend": ("strategy", "text", None),
    "dm_conversations_count": ("interaction", "number", None),
    "dm_partners_count": ("interaction", "number", None),
    "followers_dm_partners": ("interaction", "number", None),
    "engagement_per_month": ("buzz", "table", None),
    "buzz_days": ("buzz", "table", 20),
    "engagement_gini": ("buzz", "number", None),
    "engagement_last_12_months_share": ("buzz", "share", None),
    "follower_account_age": ("quality", "table", 40),
    "followers_undated": ("quality", "number", None),
    "new_accounts_share": ("quality", "share", None),
    "followers_median_account_year": ("quality", "number", None),
    "topic_tweets_share": ("fit", "share", None),
    "topic_engagement_ratio": ("fit", "number", None),
    "site_tweets": ("fit", "number", None),
    "site_engagement_ratio": ("fit", "number", None),
}
INDICATORS = {ind.id: ind for ind in discover()}


# --- harness ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "archive.duckdb"
    load_to_file(FIXTURES / "ytd2022_parts_edits", path)
    with connect(path) as con:
        _entity_views(con)
    return path


@pytest.fixture
def con(template: Path, tmp_path: Path):
    path = tmp_path / "archive.duckdb"
    shutil.copy(template, path)
    connection = connect(path)
    connection.execute("update archive set owner_id = ?, username = 'roost_owner', generated_at = null", [OWNER])
    given(connection)
    yield connection
    connection.close()


def ts(text: str) -> dt.datetime:
    """A UTC time from `YYYY-MM-DD HH:MM[:SS]`."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)


def tweet(tweet_id: str | int, created_at: str | None, **kw: Any) -> dict[str, Any]:
    """One tweets row; `mentions` [(id, screen_name)], `urls` [expanded_url], `hashtags` [text] become entities."""
    entities = {
        "user_mentions": [
            {"id_str": uid, "screen_name": name, "name": name.title()} for uid, name in kw.pop("mentions", [])
        ],
        "urls": [
            {"url": f"https://t.co/{i}", "expanded_url": u, "display_url": u.split("://")[-1][:20]}
            for i, u in enumerate(kw.pop("urls", []))
        ],
        "hashtags": [{"text": h} for h in kw.pop("hashtags", [])],
    }
    row = {
        "tweet_id": str(tweet_id),
        "created_at": ts(created_at) if created_at else None,
        "full_text": "",
        "lang": "en",
        "source_name": "Twitter Web App",
        "favorite_count": 0,
        "retweet_count": 0,
        "is_retweet": False,
        "is_reply": False,
        "is_self_reply": False,
        "is_quote": False,
        "has_media": False,
        "has_links": bool(entities["urls"]),
        "entities": json.dumps(entities),
    }
    row.update(kw)
    row.setdefault("is_own", not row["is_retweet"])
    return row


def retweet(tweet_id: str | int, created_at: str, author_id: str | None, author: str, **kw: Any) -> dict[str, Any]:
    kw.setdefault("full_text", f"RT @{author}: something")
    kw.setdefault("mentions", [(author_id, author)] if author_id else [])
    return tweet(
        tweet_id, created_at, is_retweet=True, retweeted_user_id=author_id, retweeted_screen_name=author, **kw
    )


def reply(tweet_id: str | int, created_at: str, to_id: str, to_name: str, **kw: Any) -> dict[str, Any]:
    return tweet(
        tweet_id, created_at, is_reply=True, is_self_reply=to_id == OWNER, in_reply_to_status_id="1",
        in_reply_to_user_id=to_id, in_reply_to_screen_name=to_name, **kw,
    )


def _entity_views(con) -> None:
    """The load's views that unnest mentions, hashtags, links and media, reading the harness's tweet_entities.

    In a loaded file they are gone with the raw rows they read; here `int_tweet_entities` reads a table that
    `given` fills, typed as the archive's entities are, and the other views are the load's own SQL.
    """
    kinds = dict(declared_raw_tables()["raw_tweets"].fields)
    con.execute(f"create table tweet_entities (tweet_id varchar, entities {kinds['entities']}, "
                f"extended_entities {kinds['extended_entities']})")
    for statement in duckdb.extract_statements(sql_text("sql/intermediate/22_tweet_entities.sql")):
        text = sql_code(statement.query).strip()
        if text.startswith("create or replace view int_tweet_entities "):
            text = "create or replace view int_tweet_entities as select * from tweet_entities"
        if text.startswith("create or replace view"):
            con.execute(text)


def _fill(con, table: str, rows: list[dict[str, Any]]) -> None:
    con.execute(f"delete from {table}")
    kinds = dict(con.execute(
        "select column_name, data_type from duckdb_columns() where table_name = ? and database_name = current_database()",
        [table],
    ).fetchall())
    for row in rows:
        cols = ", ".join(row)
        # Entities are typed lists: JSON text is cast as the load casts odd values (unknown keys left out).
        marks = ", ".join(f"try_cast(json(?) as {kinds[c]})" if kinds[c].startswith("STRUCT") else "?" for c in row)
        con.execute(f"insert into {table} ({cols}) values ({marks})", list(row.values()))


def rebuild(con, *tables: str) -> None:
    """Build again, from its `int_` view, each table the load builds from the others."""
    for table in tables:
        con.execute(f"delete from {table}; insert into {table} select * from int_{table}")


def given(
    con,
    tweets: list[dict[str, Any]] = (),
    followers: list[str] = (),
    following: list[str] = (),
    dms: list[dict[str, Any]] = (),
) -> None:
    """Replace the archive's tweets, followers, following and direct messages; rebuild what derives from them."""
    _fill(con, "tweets", [{k: v for k, v in t.items() if k != "entities"} for t in tweets])
    _fill(con, "tweet_entities", [{"tweet_id": t["tweet_id"], "entities": t["entities"]} for t in tweets])
    rebuild(con, "tweet_mentions", "tweet_urls", "tweet_media")
    con.execute("delete from tweet_hashtags")
    con.execute("insert into tweet_hashtags select * from int_tweet_hashtags where hashtag is not null")
    _fill(con, "followers", [{"account_id": a} for a in followers])
    _fill(con, "following", [{"account_id": a} for a in following])
    _fill(con, "dm_messages", list(dms))
    con.execute("delete from screen_name_changes")
    rebuild(con, "dm_conversations", "handles", "interactions", "interacted", "partners", "follower_ages",
            "strategy_signals", "top_own_tweets")


def dm(conversation_id: str, sender: str, recipient: str | None, at: str, n: int) -> dict[str, Any]:
    return {
        "conversation_id": conversation_id, "is_group": recipient is None, "message_id": f"{conversation_id}:{n}",
        "sender_id": sender, "recipient_id": recipient, "created_at": ts(at), "text": "private",
    }


def run(con, ident: str, *, tz: str = "UTC", topic: tuple[str, ...] = (), site: str | None = None,
        available: set[str] | None = None) -> Any:
    options = Options(tz=tz, topic=topic, site=site)
    set_params(con, options, tz)
    return run_indicator(con, INDICATORS[ident], EVERYTHING if available is None else available, options).value


def grailbird(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The same tweets as a Grailbird archive has them: no like or retweet counts."""
    return [{**r, "favorite_count": None, "retweet_count": None} for r in rows]


# --- headers and every archive -------------------------------------------------------------------


@pytest.mark.parametrize("ident", sorted(ADDED))
def test_header_is_complete(ident: str) -> None:
    ind = INDICATORS[ident]
    section, shape, _ = ADDED[ident]
    assert (ind.section, ind.shape) == (section, shape)
    assert ind.title and ind.title_fr != ind.title and ind.definition_fr != ind.definition
    assert ind.sql.split(None, 1)[0] in ("with", "select")
    assert "dm_messages" not in ind.sql  # never near message text


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()))
def test_every_indicator_runs_on_every_fixture(name: str) -> None:
    with open_archive(FIXTURES / name) as loaded:
        results = compute(loaded.con, Options(topic=("css", "roost"), site="example.com")).results
    for ident, (_, shape, cap) in ADDED.items():
        value = results[ident].value
        if shape == "table" and value is not None:
            assert isinstance(value, list)
            if cap:
                assert len(value) <= cap, ident
        if shape == "share" and value is not None:
            assert 0 <= value <= 1, ident


def _real_names() -> list[str]:
    return sorted(p.name for p in Path(REAL).iterdir() if p.is_dir()) if REAL else []


@pytest.mark.skipif(not REAL, reason="set ROOST_REAL_ARCHIVES to a folder of real archives (../shared/archives)")
@pytest.mark.parametrize("name", _real_names())
def test_added_indicators_agree_with_the_core_ones_on_real_archives(name: str) -> None:
    with open_archive(Path(REAL) / name) as loaded:
        results = compute(loaded.con, Options(topic=("css",), site="github.com")).results
        day_only = loaded.con.execute(
            "select count(*) from tweets cross join archive where generation = 'grailbird' "
            "and strftime(created_at at time zone 'UTC', '%H:%M:%S') = '00:00:00'"
        ).fetchone()[0]
    value = {k: r.value for k, r in results.items()}
    for ident in ("dm_conversations_count", "dm_partners_count", "followers_dm_partners"):
        assert value[ident] is None  # no real archive here carries direct messages
    if value["tweets_total"] is None:
        assert value["activity_heatmap"] is None and value["tweet_types_per_month"] is None
        return
    # Grailbird tweets dated to the day only have no hour: the heatmap leaves exactly those out.
    assert sum(c["tweets"] for c in value["activity_heatmap"]) == value["tweets_total"] - day_only
    assert day_only == 0 or name.startswith("dchest")
    types = value["tweet_types_per_month"]
    assert {r["month"]: sum(v for k, v in r.items() if k != "month") for r in types} == value["tweets_per_month"]
    assert sum(r["retweet"] for r in types) == value["retweets_made"]
    assert sum(r["thread"] for r in types) == value["self_replies"]
    assert sum(r["reply"] + r["thread"] for r in types) == value["replies_made"]
    assert 1 <= value["longest_streak_days"] <= value["active_days"]
    if value["likes_received"] is None:
        assert value["engagement_gini"] is None and value["buzz_days"] is None and value["top_tweets_by_likes"] is None
    else:
        assert sum(r["likes"] for r in value["engagement_per_month"]) == value["likes_received"]
        assert sum(r["retweets"] for r in value["engagement_per_month"]) == value["retweets_received"]
        assert 0 <= value["engagement_gini"] <= 1
    if value["followers"] is not None:
        assert sum(r["followers"] for r in value["follower_account_age"]) == value["followers"]
        assert value["followers_never_interacted"] == value["followers"] - value["followers_interacted"]


def test_dm_indicators_are_null_without_dm_files(con) -> None:
    available = EVERYTHING - {"direct_messages"}
    for ident in ("dm_conversations_count", "dm_partners_count", "followers_dm_partners"):
        assert run(con, ident, available=available) is None


def test_the_fixture_reports_dm_files_as_available(con) -> None:
    assert "direct_messages" in available_types(con)


# --- publishing ------------------------------------------------------------------------------------


def test_activity_heatmap_counts_local_weekday_and_hour(con) -> None:
    given(con, [
        tweet(1, "2024-01-01 10:00"),  # Monday
        tweet(2, "2024-01-01 10:45"),
        retweet(3, "2024-01-01 23:30", "7", "seven"),  # Monday 23:30 UTC, Tuesday 00:30 in Paris
        tweet(4, "2024-07-01 23:30"),  # summer time: Tuesday 01:30 in Paris
    ])
    assert run(con, "activity_heatmap") == [
        {"weekday": 0, "hour": 10, "tweets": 2},
        {"weekday": 0, "hour": 23, "tweets": 2},
    ]
    assert run(con, "activity_heatmap", tz="Europe/Paris") == [
        {"weekday": 0, "hour": 11, "tweets": 2},
        {"weekday": 1, "hour": 0, "tweets": 1},
        {"weekday": 1, "hour": 1, "tweets": 1},
    ]


def test_activity_heatmap_sunday_is_6_and_empty_is_empty(con) -> None:
    assert run(con, "activity_heatmap") == []
    given(con, [tweet(1, "2024-01-07 05:00")])
    assert run(con, "activity_heatmap") == [{"weekday": 6, "hour": 5, "tweets": 1}]


def test_longest_streak_crosses_a_month_boundary(con) -> None:
    given(con, [
        tweet(1, "2024-01-30 08:00"), tweet(2, "2024-01-31 08:00"), tweet(3, "2024-01-31 09:00"),
        retweet(4, "2024-02-01 12:00", "7", "seven"),
        tweet(5, "2024-02-03 08:00"), tweet(6, "2024-02-04 08:00"),
    ])
    assert run(con, "longest_streak_days") == 3


def test_longest_streak_uses_local_dates(con) -> None:
    given(con, [tweet(1, "2024-03-01 23:30"), tweet(2, "2024-03-02 22:30"), tweet(3, "2024-03-04 00:30")])
    assert run(con, "longest_streak_days") == 2  # UTC: 1, 2, 4 March
    assert run(con, "longest_streak_days", tz="Asia/Tokyo") == 3  # Tokyo: 2, 3, 4 March


def test_longest_streak_is_zero_without_tweets(con) -> None:
    assert run(con, "longest_streak_days") == 0
    given(con, [tweet(1, "2024-03-01 23:30")])
    assert run(con, "longest_streak_days") == 1


def test_weeks_active_share_counts_iso_weeks(con) -> None:
    # Weeks starting 1, 8, 15, 22 January: the tweets fall in the 1st, 3rd and 4th (Sunday 28th).
    given(con, [tweet(1, "2024-01-01 00:30"), tweet(2, "2024-01-17 12:00"), tweet(3, "2024-01-28 23:30")])
    assert run(con, "weeks_active_share") == 3 / 4
    # In Paris the last tweet is on Monday 29 January, a fifth week.
    assert run(con, "weeks_active_share", tz="Europe/Paris") == 3 / 5


def test_weeks_active_share_is_null_without_tweets(con) -> None:
    assert run(con, "weeks_active_share") is None
    given(con, [tweet(1, "2024-01-03 00:30")])
    assert run(con, "weeks_active_share") == 1.0


def test_tweet_types_per_month_counts_each_tweet_once(con) -> None:
    given(con, [
        tweet(1, "2024-01-02 10:00"),
        reply(2, "2024-01-03 10:00", "500", "five"),
        reply(3, "2024-01-04 10:00", OWNER, "roost_owner"),
        retweet(4, "2024-01-05 10:00", "7", "seven"),
        tweet(5, "2024-01-06 10:00", is_quote=True, urls=["https://twitter.com/a/status/9"]),
        reply(6, "2024-01-07 10:00", "500", "five", is_quote=True, urls=["https://x.com/a/status/9"]),
        tweet(7, "2024-01-31 23:30", is_quote=True),  # still January in UTC, whatever the time zone
        tweet(8, "2024-03-01 10:00"),
    ])
    expected = [
        {"month": "2024-01", "original": 1, "reply": 2, "thread": 1, "retweet": 1, "quote": 2},
        {"month": "2024-03", "original": 1, "reply": 0, "thread": 0, "retweet": 0, "quote": 0},
    ]
    assert run(con, "tweet_types_per_month") == expected
    assert run(con, "tweet_types_per_month", tz="Europe/Paris") == expected


def test_media_share_counts_own_tweets_only(con) -> None:
    assert run(con, "media_share") is None
    given(con, [
        tweet(1, "2024-01-02 10:00", has_media=True), tweet(2, "2024-01-02 11:00"),
        tweet(3, "2024-01-02 12:00"), reply(4, "2024-01-02 13:00", "5", "five"),
        retweet(5, "2024-01-02 14:00", "7", "seven", has_media=True),
    ])
    assert run(con, "media_share") == 0.25


def test_link_share_ignores_links_to_tweets(con) -> None:
    given(con, [
        tweet(1, "2024-01-02 10:00", urls=["https://example.com/post"]),
        tweet(2, "2024-01-02 11:00", is_quote=True, urls=["https://twitter.com/someone/status/123?s=20"]),
        tweet(3, "2024-01-02 12:00", urls=["https://x.com/i/web/status/4", "https://mobile.twitter.com/a/statuses/7"]),
        tweet(4, "2024-01-02 13:00"),
        tweet(5, "2024-01-02 14:00", urls=["https://twitter.com/someone"]),  # a profile is not a tweet
        retweet(6, "2024-01-02 15:00", "7", "seven", urls=["https://example.com/other"]),
    ])
    assert run(con, "link_share") == 2 / 5


def test_clients_top_10_with_shares_and_ties_by_name(con) -> None:
    rows = [tweet(i, "2024-01-02 10:00", source_name="Beta") for i in range(1, 4)]
    rows += [retweet(i, "2024-01-02 10:00", "7", "seven", source_name="Alpha") for i in range(4, 7)]
    rows += [tweet(10 + i, "2024-01-02 10:00", source_name=f"C{i}") for i in range(1, 11)]
    rows += [tweet(99, "2024-01-02 10:00", source_name=None)]
    given(con, rows)
    got = run(con, "clients")
    assert len(got) == 10
    assert got[0] == {"client": "Alpha", "tweets": 3, "share": 3 / 16}
    assert got[1] == {"client": "Beta", "tweets": 3, "share": 3 / 16}
    assert [r["client"] for r in got[2:]] == ["C1", "C10", "C2", "C3", "C4", "C5", "C6", "C7"]
    assert got[2]["share"] == 1 / 16


def test_languages_of_own_tweets(con) -> None:
    given(con, [
        tweet(1, "2024-01-02 10:00", lang="en"), tweet(2, "2024-01-02 10:00", lang="en"),
        tweet(3, "2024-01-02 10:00", lang="fr"), tweet(4, "2024-01-02 10:00", lang="en"),
        tweet(5, "2024-01-02 10:00", lang=None), retweet(6, "2024-01-02 10:00", "7", "seven", lang="de"),
    ])
    assert run(con, "languages") == [
        {"lang": "en", "tweets": 3, "share": 0.75},
        {"lang": "fr", "tweets": 1, "share": 0.25},
    ]


# --- relaying --------------------------------------------------------------------------------------


def test_top_retweeted_accounts_by_id_with_latest_name(con) -> None:
    given(con, [
        retweet(1, "2024-01-01 10:00", "100", "old_name"),
        retweet(2, "2024-02-01 10:00", "100", "new_name"),
        retweet(3, "2024-01-01 10:00", "200", "bee"),
        retweet(4, "2024-01-02 10:00", "200", "bee"),
        retweet(5, "2024-01-01 10:00", None, "Ghost"),  # no id: grouped by name, whatever its case
        retweet(6, "2024-01-03 10:00", None, "ghost"),
        retweet(7, "2024-01-01 10:00", "300", "solo"),
        tweet(8, "2024-01-01 10:00", mentions=[("300", "solo")]),
    ])
    assert run(con, "top_retweeted_accounts") == [
        {"account_id": "200", "screen_name": "bee", "retweets": 2},
        {"account_id": None, "screen_name": "ghost", "retweets": 2},
        {"account_id": "100", "screen_name": "new_name", "retweets": 2},
        {"account_id": "300", "screen_name": "solo", "retweets": 1},
    ]


def test_top_retweeted_accounts_keeps_10(con) -> None:
    given(con, [retweet(i, "2024-01-01 10:00", str(1000 + i), f"user{i:02d}") for i in range(15)])
    got = run(con, "top_retweeted_accounts")
    assert [r["screen_name"] for r in got] == [f"user{i:02d}" for i in range(10)]


def _engaged_tweets() -> list[dict[str, Any]]:
    return [
        tweet(10, "2024-01-01 10:00", full_text="ten", favorite_count=1, retweet_count=5),
        tweet(9, "2024-01-02 11:30:05", full_text="nine", favorite_count=9, retweet_count=5),
        tweet(11, "2024-01-03 10:00", full_text="eleven", favorite_count=9, retweet_count=0),
        tweet(12, "2024-01-04 10:00", full_text="nothing", favorite_count=0, retweet_count=0),
        retweet(13, "2024-01-05 10:00", "7", "seven", favorite_count=500, retweet_count=500),
    ]


def test_top_tweets_by_retweets_ties_by_id_as_a_number(con) -> None:
    given(con, _engaged_tweets())
    assert run(con, "top_tweets_by_retweets") == [
        {"tweet_id": "9", "created_at": "2024-01-02T11:30:05Z", "full_text": "nine", "likes": 9, "retweets": 5,
         "url": "https://x.com/roost_owner/status/9", "text_expanded": "nine"},
        {"tweet_id": "10", "created_at": "2024-01-01T10:00:00Z", "full_text": "ten", "likes": 1, "retweets": 5,
         "url": "https://x.com/roost_owner/status/10", "text_expanded": "ten"},
    ]


def test_top_tweets_write_out_their_t_co_links(con) -> None:
    """text_expanded: each t.co link of entities.urls replaced by its expanded address, a longer link never
    cut by a shorter one it starts with; media links and links the entities do not list stay as they are."""
    urls = [{"url": f"https://t.co/{i}", "expanded_url": f"https://example.com/{i}"} for i in (1, 12)]
    urls.append({"url": "https://t.co/7"})  # no expanded address: kept
    entities = json.dumps({"urls": urls, "media": [{"url": "https://t.co/9", "expanded_url": "https://x.com/p"}]})
    text = "see https://t.co/12, https://t.co/1 & https://t.co/7 https://t.co/9 https://t.co/3"
    given(con, [tweet(1, "2024-01-01 10:00", full_text=text, favorite_count=2, retweet_count=1, entities=entities),
                tweet(2, "2024-01-01 11:00", full_text="plain", favorite_count=1, retweet_count=1,
                      urls=["https://example.org/x"])])
    want = "see https://example.com/12, https://example.com/1 & https://t.co/7 https://t.co/9 https://t.co/3"
    for ident in ("top_tweets_by_likes", "top_tweets_by_retweets"):
        rows = run(con, ident)
        assert [(r["tweet_id"], r["full_text"], r["text_expanded"]) for r in rows] == [
            ("1", text, want), ("2", "plain", "plain"),
        ]


def test_top_tweets_by_likes_and_the_i_web_link_without_username(con) -> None:
    given(con, _engaged_tweets())
    con.execute("update archive set username = null")
    # top_own_tweets is a table built at load: rebuilt from the changed archive row.
    rebuild(con, "top_own_tweets")
    got = run(con, "top_tweets_by_likes")
    assert [(r["tweet_id"], r["likes"], r["url"]) for r in got] == [
        ("9", 9, "https://x.com/i/web/status/9"),
        ("11", 9, "https://x.com/i/web/status/11"),
        ("10", 1, "https://x.com/i/web/status/10"),
    ]


def test_top_tweets_keep_10_and_are_empty_without_counts(con) -> None:
    rows = [tweet(i, "2024-01-01 10:00", favorite_count=i, retweet_count=i) for i in range(1, 15)]
    given(con, rows)
    assert [r["likes"] for r in run(con, "top_tweets_by_likes")] == list(range(14, 4, -1))
    given(con, grailbird(rows))
    assert run(con, "top_tweets_by_likes") == []
    assert run(con, "top_tweets_by_retweets") == []


# --- interaction -----------------------------------------------------------------------------------


def _conversation() -> list[dict[str, Any]]:
    return [
        reply(1, "2024-01-01 10:00", "500", "five", mentions=[("500", "five")]),
        tweet(2, "2024-01-02 10:00", mentions=[("500", "five"), ("600", "six")]),
        retweet(3, "2024-01-03 10:00", "700", "seven"),  # relaying, not conversation
        reply(4, "2024-01-04 10:00", OWNER, "roost_owner"),  # a thread
        tweet(5, "2024-01-05 10:00", mentions=[(OWNER, "roost_owner"), ("-1", "ghost")]),
        reply(6, "2024-01-06 10:00", "800", "eight"),
    ]


def test_top_conversation_partners(con) -> None:
    given(con, _conversation(), followers=["500", "900"], following=["600"])
    assert run(con, "top_conversation_partners") == [
        {"account_id": "500", "screen_name": "five", "replies": 1, "mentions": 2, "total": 2,
         "is_follower": True, "you_follow": False},
        {"account_id": "600", "screen_name": "six", "replies": 0, "mentions": 1, "total": 1,
         "is_follower": False, "you_follow": True},
        {"account_id": "800", "screen_name": "eight", "replies": 1, "mentions": 0, "total": 1,
         "is_follower": False, "you_follow": False},
    ]


def test_top_conversation_partners_without_follower_files(con) -> None:
    given(con, _conversation())
    con.execute("delete from archive_files where data_type in ('follower', 'following')")
    got = run(con, "top_conversation_partners")
    assert [(r["account_id"], r["is_follower"], r["you_follow"]) for r in got] == [
        ("500", None, None), ("600", None, None), ("800", None, None),
    ]


def test_top_conversation_partners_keeps_20(con) -> None:
    given(con, [tweet(i, "2024-01-01 10:00", mentions=[(str(100 + i), f"u{i}")]) for i in range(25)]
          + [tweet(99, "2024-01-01 10:00", mentions=[("124", "u24")])])
    got = run(con, "top_conversation_partners")
    assert len(got) == 20
    assert got[0]["account_id"] == "124" and got[0]["total"] == 2
    assert [r["account_id"] for r in got[1:3]] == ["100", "101"]


def test_followers_never_interacted(con) -> None:
    # Mentions inside retweets count as interaction (the contract's interacted accounts).
    given(con, _conversation(), followers=["500", "700", "800", "900", "901"])
    assert run(con, "followers_never_interacted") == 2
    assert run(con, "followers_never_interacted", available={"tweets"}) is None


def test_friends_talked_with_and_never_addressed(con) -> None:
    # 500 is replied to and mentioned; 700 only retweeted (not talking); 900 and 901 never named.
    given(con, _conversation() + [retweet(9, "2024-01-09 10:00", "900", "nine_hundred")],
          followers=["500", "700", "900", "901"], following=["500", "700", "900", "901", "902"])
    assert run(con, "mutuals_talked") == 1
    assert run(con, "friends_never_addressed") == [
        {"account_id": "900", "screen_name": "nine_hundred"},
        {"account_id": "700", "screen_name": "seven"},
        {"account_id": "901", "screen_name": None},
    ]
    assert run(con, "mutuals_talked", available={"tweets", "follower"}) is None
    assert run(con, "friends_never_addressed", available={"tweets", "following"}) is None


def test_talked_with_is_kept_apart_from_retweeted(con) -> None:
    # Talked with: 500, 600 (mention), 800 (reply). Only retweeted: 700; 600 is also retweeted but talked with.
    given(con, _conversation() + [retweet(9, "2024-01-09 10:00", "600", "six")])
    assert run(con, "talked_accounts") == 3
    assert run(con, "retweeted_only_accounts") == 1
    assert run(con, "interacted_accounts") == 4


def test_followers_to_follow_back(con) -> None:
    given(con, _conversation(), followers=["500", "600", "800", "900"], following=["600"])
    assert run(con, "followers_to_follow_back") == [
        {"account_id": "500", "screen_name": "five", "tweets": 2},
        {"account_id": "800", "screen_name": "eight", "tweets": 1},
    ]


def test_top_hashtags_and_linked_domains(con) -> None:
    given(con, [
        tweet(1, "2024-01-01 10:00", hashtags=["CSS", "roost"], urls=["https://www.example.com/a"]),
        tweet(2, "2024-01-02 10:00", hashtags=["css", "css"], urls=["https://example.com/b", "https://blog.example.org"]),
        tweet(3, "2024-01-03 10:00", hashtags=["Roost"], urls=["https://x.com/someone/status/123"]),
        retweet(4, "2024-01-04 10:00", "700", "seven", hashtags=["css"], urls=["https://retweeted.example"]),
        # No text and no embedded retweet: neither own nor a retweet (null flags), so not counted.
        tweet(5, "2024-01-05 10:00", full_text=None, is_retweet=None, is_own=None, hashtags=["css", "unknown"],
              urls=["https://unknown.example"]),
    ])
    assert run(con, "top_hashtags") == [{"hashtag": "#css", "tweets": 2}, {"hashtag": "#Roost", "tweets": 2}]
    assert run(con, "linked_domains") == [
        {"domain": "example.com", "tweets": 2}, {"domain": "blog.example.org", "tweets": 1},
    ]


def test_tweets_last_12_months(con) -> None:
    given(con, [tweet(1, "2022-01-01 10:00"), retweet(2, "2023-02-01 10:00", "7", "s"), tweet(3, "2024-01-01 10:00")])
    assert run(con, "tweets_last_12_months") == 2  # "now" is the last tweet: 2023-01-01 excluded, retweets in
    con.execute("update archive set generated_at = '2025-06-01'::timestamptz")
    assert run(con, "tweets_last_12_months") == 0


def test_topic_followers_and_relayed_accounts(con) -> None:
    given(con, [
        reply(1, "2024-01-01 10:00", "500", "five", full_text="@five nice CSS trick"),
        tweet(2, "2024-01-02 10:00", full_text="gardening with @six", mentions=[("600", "six")]),
        tweet(3, "2024-01-03 10:00", full_text="hello @eight", hashtags=["css"], mentions=[("800", "eight")]),
        retweet(4, "2024-01-04 10:00", "700", "seven", full_text="RT @seven: grid and CSS"),
        retweet(5, "2024-01-05 10:00", "700", "seven", full_text="RT @seven: more #CSS", hashtags=["CSS"]),
        retweet(6, "2024-01-06 10:00", "900", "nine", full_text="RT @nine: cats"),
    ], followers=["500", "600", "700", "901"])
    assert run(con, "topic_followers_talked", topic=("css",)) == 1  # 500; 800 does not follow
    assert run(con, "topic_followers_talked_share", topic=("css",)) == 0.25
    assert run(con, "topic_followers_talked") is None  # no --topic
    assert run(con, "topic_relayed_accounts", topic=("css",)) == [
        {"account_id": "700", "screen_name": "seven", "retweets": 2, "is_follower": True},
    ]


def test_a_long_posts_whole_text_is_read(con) -> None:
    # The tweet's text is cut; note-tweet.js holds the whole of it, where the topic's keyword is.
    given(con, [tweet(1, "2024-01-01 10:00", full_text="A long post about https://t.co/x", favorite_count=3)])
    con.execute("delete from note_tweets")
    con.execute("insert into note_tweets values ('n1', '1', '2024-01-01 10:00:00+00', null, "
                "'A long post about many things, CSS among them')")
    # top_own_tweets is a table built at load: rebuilt from the changed notes.
    rebuild(con, "top_own_tweets")
    assert run(con, "topic_tweets_share", topic=("css",)) == 1.0
    top = run(con, "top_tweets_by_likes")
    assert top[0]["full_text"] == "A long post about many things, CSS among them"


def _messages() -> list[dict[str, Any]]:
    return [
        dm(f"{OWNER}-500", OWNER, "500", "2024-01-01 10:00", 1),
        dm(f"{OWNER}-500", "500", OWNER, "2024-01-01 10:05", 2),
        dm("group1", "500", None, "2024-01-02 10:00", 3),
        dm("group1", "600", None, "2024-01-02 10:01", 4),
        dm(f"700-{OWNER}", "700", OWNER, "2024-01-03 10:00", 5),
    ]


def test_dm_conversations_and_partners(con) -> None:
    given(con, dms=_messages(), followers=["500", "700", "900"])
    assert run(con, "dm_conversations_count") == 3
    assert run(con, "dm_partners_count") == 3
    assert run(con, "followers_dm_partners") == 2
    assert run(con, "followers_dm_partners", available={"direct_messages"}) is None


def test_dm_counts_are_zero_when_the_files_are_empty(con) -> None:
    assert run(con, "dm_conversations_count") == 0
    assert run(con, "dm_partners_count") == 0


# --- buzz ------------------------------------------------------------------------------------------


def test_engagement_per_month(con) -> None:
    rows = [
        tweet(1, "2024-01-02 10:00", favorite_count=3, retweet_count=1),
        reply(2, "2024-01-31 23:30", "5", "five", favorite_count=0, retweet_count=0),
        retweet(3, "2024-01-15 10:00", "7", "seven", favorite_count=100, retweet_count=100),
        tweet(4, "2024-03-01 10:00", favorite_count=5, retweet_count=5),
    ]
    given(con, rows)
    expected = [
        {"month": "2024-01", "own_tweets": 2, "likes": 3, "retweets": 1, "engagement_per_tweet": 2.0},
        {"month": "2024-03", "own_tweets": 1, "likes": 5, "retweets": 5, "engagement_per_tweet": 10.0},
    ]
    assert run(con, "engagement_per_month") == expected
    assert run(con, "engagement_per_month", tz="Asia/Tokyo") == expected
    given(con, grailbird(rows))
    assert run(con, "engagement_per_month") == [
        {"month": "2024-01", "own_tweets": 2, "likes": None, "retweets": None, "engagement_per_tweet": None},
        {"month": "2024-03", "own_tweets": 1, "likes": None, "retweets": None, "engagement_per_tweet": None},
    ]


def _daily(engagements: list[int]) -> list[dict[str, Any]]:
    """One own tweet a day from 1 March 2024 at noon UTC, the day's engagement split in likes and retweets."""
    start = dt.date(2024, 3, 1)
    return [
        tweet(i + 1, f"{start + dt.timedelta(days=i)} 12:00", favorite_count=e - e // 3, retweet_count=e // 3)
        for i, e in enumerate(engagements)
    ]


def test_buzz_days_threshold_is_five_times_the_median_inclusive(con) -> None:
    # Median 6: the threshold is 30, and a day at exactly 30 is a buzz day; 29 is not.
    rows = _daily([2, 4, 6, 30, 8, 6, 29])
    rows.append(retweet(50, "2024-03-02 12:00", "7", "seven", favorite_count=1000, retweet_count=0))
    given(con, rows)
    assert run(con, "buzz_days") == [{"day": "2024-03-04", "tweets": 1, "engagement": 30, "threshold": 30.0}]


def test_buzz_days_threshold_is_at_least_10_and_sums_a_day(con) -> None:
    rows = _daily([0, 0, 1, 9, 2])
    rows += [
        tweet(20, "2024-03-04 23:59", favorite_count=1, retweet_count=0),  # day 4 reaches 10
        tweet(21, "2024-03-05 23:30", favorite_count=12, retweet_count=0),  # UTC day 5 whatever the zone
    ]
    given(con, rows)
    expected = [
        {"day": "2024-03-05", "tweets": 2, "engagement": 14, "threshold": 10.0},
        {"day": "2024-03-04", "tweets": 2, "engagement": 10, "threshold": 10.0},
    ]
    assert run(con, "buzz_days") == expected
    assert run(con, "buzz_days", tz="Asia/Tokyo") == expected


def test_buzz_days_with_an_even_number_of_days_uses_the_mean_of_the_middle_two(con) -> None:
    given(con, _daily([1, 3, 5, 100, 19, 21]))  # median (5 + 19) / 2 = 12: threshold 60
    assert run(con, "buzz_days") == [{"day": "2024-03-04", "tweets": 1, "engagement": 100, "threshold": 60.0}]


def test_buzz_days_keeps_the_20_highest_ties_by_date(con) -> None:
    loud = [10 + i // 2 for i in range(25)]  # 10, 10, 11, 11, ... 22
    given(con, _daily([0] * 26 + loud))  # median 0: threshold 10, 25 buzz days
    got = run(con, "buzz_days")
    days = [(e, str(dt.date(2024, 3, 1) + dt.timedelta(days=26 + i))) for i, e in enumerate(loud)]
    expected = sorted(days, key=lambda d: (-d[0], d[1]))[:20]
    assert [(r["engagement"], r["day"]) for r in got] == expected
    assert {r["threshold"] for r in got} == {10.0}


def test_buzz_days_are_empty_without_counts(con) -> None:
    given(con, grailbird(_daily([0, 0, 50])))
    assert run(con, "buzz_days") == []


def test_engagement_gini_of_known_vectors(con) -> None:
    def gini(values: list[int]) -> Any:
        rows = [tweet(i + 1, "2024-01-01 10:00", favorite_count=v, retweet_count=0) for i, v in enumerate(values)]
        rows.append(retweet(99, "2024-01-01 10:00", "7", "seven", favorite_count=1000, retweet_count=0))
        given(con, rows)
        return run(con, "engagement_gini")

    assert gini([0, 0, 0, 10]) == pytest.approx(0.75)
    assert gini([4, 1, 3, 2]) == pytest.approx(0.25)
    assert gini([5, 5, 5]) == 0.0
    assert gini([7]) == 0.0
    assert gini([0, 0]) is None
    assert gini([]) is None


def test_engagement_gini_is_null_without_counts(con) -> None:
    given(con, grailbird([tweet(1, "2024-01-01 10:00"), tweet(2, "2024-01-01 11:00")]))
    assert run(con, "engagement_gini") is None


def _yearly() -> list[dict[str, Any]]:
    return [
        tweet(1, "2023-06-29 12:00", favorite_count=10, retweet_count=0),
        tweet(2, "2023-07-01 12:00", favorite_count=20, retweet_count=10),
        tweet(3, "2024-06-01 12:00", favorite_count=50, retweet_count=10),
        retweet(4, "2024-06-02 12:00", "7", "seven", favorite_count=1000, retweet_count=0),
    ]


def test_engagement_last_12_months_share_counts_back_from_the_archive_date(con) -> None:
    given(con, _yearly())
    con.execute("update archive set generated_at = '2024-06-30 00:00:00+00'")
    assert run(con, "engagement_last_12_months_share") == 0.9


def test_engagement_last_12_months_share_falls_back_to_the_last_tweet(con) -> None:
    given(con, _yearly())  # generated_at is null: "now" is the retweet of 2 June 2024
    assert run(con, "engagement_last_12_months_share") == 1.0
    con.execute("update archive set generated_at = '2025-06-02 12:00:00+00'")
    assert run(con, "engagement_last_12_months_share") == 0.0


def test_engagement_last_12_months_share_is_null_without_counts_or_engagement(con) -> None:
    given(con, grailbird(_yearly()))
    assert run(con, "engagement_last_12_months_share") is None
    given(con, [tweet(1, "2024-01-01 10:00")])
    assert run(con, "engagement_last_12_months_share") is None


# --- quality ---------------------------------------------------------------------------------------

FOLLOWERS = [
    "1588091220244369409",  # Snowflake: 2022-11-03T08:50:26.871Z
    "12",  # first anchor: 2006-03-21
    "5",  # before the first anchor: its date
    "788484",  # halfway between 783214 (2007-02-20) and 793754 (2007-02-25): 2007-02-22T12:00Z
    "800000000",  # between 756796452 (2012-08-14) and 803214192 (2012-09-04)
    "2000000000",  # between 1740060962 (2013-09-07) and 2165329988 (2013-10-30)
    "4924072529",  # past the last anchor, below 10^15: undated
    "999999999999",  # undated
    "not-an-id",  # undated
]


def test_follower_account_age_by_year(con) -> None:
    given(con, followers=FOLLOWERS)
    assert run(con, "follower_account_age") == [
        {"year": 2006, "followers": 2},
        {"year": 2007, "followers": 1},
        {"year": 2012, "followers": 1},
        {"year": 2013, "followers": 1},
        {"year": 2022, "followers": 1},
        {"year": None, "followers": 3},
    ]
    assert run(con, "followers_undated") == 3
    assert run(con, "follower_account_age", available={"tweets"}) is None


def test_snowflake_follower_is_dated_to_the_second(con) -> None:
    given(con, followers=["1588091220244369409"])
    con.execute("update archive set generated_at = '2023-11-03 08:50:26+00'")  # 365 days after, minus 0.871 s
    assert run(con, "new_accounts_share") == 1.0
    con.execute("update archive set generated_at = '2023-11-03 08:50:27+00'")
    assert run(con, "new_accounts_share") == 0.0


def test_sequential_follower_is_interpolated_between_anchors(con) -> None:
    given(con, followers=["788484"])
    con.execute("update archive set generated_at = '2008-02-22 11:59:00+00'")
    assert run(con, "new_accounts_share") == 1.0
    con.execute("update archive set generated_at = '2008-02-22 12:01:00+00'")
    assert run(con, "new_accounts_share") == 0.0


def test_new_accounts_share_of_dated_followers(con) -> None:
    given(con, followers=FOLLOWERS, tweets=[tweet(1, "2023-06-01 00:00")])  # "now": the last tweet
    assert run(con, "new_accounts_share") == 1 / 6
    given(con, followers=["999999999999"])
    assert run(con, "new_accounts_share") is None


def test_followers_median_account_year(con) -> None:
    given(con, followers=FOLLOWERS)  # 2006, 2006, 2007, 2012, 2013, 2022: the lower middle is 2007
    assert run(con, "followers_median_account_year") == 2007
    given(con, followers=FOLLOWERS[:3])  # 2022, 2006, 2006
    assert run(con, "followers_median_account_year") == 2006
    given(con, followers=["not-an-id"])
    assert run(con, "followers_median_account_year") is None


# --- fit -------------------------------------------------------------------------------------------


def _topical() -> list[dict[str, Any]]:
    return [
        tweet(1, "2024-01-01 10:00", full_text="I love CSS grid", favorite_count=10, retweet_count=0),
        tweet(2, "2024-01-01 11:00", full_text="tips", hashtags=["WebDev"], favorite_count=15, retweet_count=5),
        tweet(3, "2024-01-01 12:00", full_text="nothing here", favorite_count=4, retweet_count=1),
        tweet(4, "2024-01-01 13:00", full_text="the CSSOM", favorite_count=30, retweet_count=0),
        retweet(5, "2024-01-01 14:00", "7", "seven", full_text="RT @seven: css", favorite_count=0),
        tweet(6, "2024-01-01 15:00", full_text="web dev", favorite_count=0, retweet_count=5),
    ]


def test_topic_tweets_share_by_keyword_or_hashtag(con) -> None:
    given(con, _topical())
    assert run(con, "topic_tweets_share", topic=("CSS", "#webdev")) == 3 / 5
    assert run(con, "topic_tweets_share", topic=("grid",)) == 1 / 5
    assert run(con, "topic_tweets_share") is None


def test_topic_engagement_ratio(con) -> None:
    given(con, _topical())
    # On topic: 10, 20, 30 (mean 20); off topic: 5, 5 (mean 5).
    assert run(con, "topic_engagement_ratio", topic=("css", "webdev")) == 4.0
    assert run(con, "topic_engagement_ratio", topic=("css", "webdev", "here", "web")) is None  # nothing off topic
    assert run(con, "topic_engagement_ratio", topic=("zzz",)) is None  # nothing on topic
    given(con, [tweet(1, "2024-01-01 10:00", full_text="css", favorite_count=3), tweet(2, "2024-01-01 10:00")])
    assert run(con, "topic_engagement_ratio", topic=("css",)) is None  # off-topic mean 0
    given(con, grailbird(_topical()))
    assert run(con, "topic_engagement_ratio", topic=("css",)) is None


def _linking() -> list[dict[str, Any]]:
    return [
        tweet(1, "2024-01-01 10:00", urls=["https://example.com/a"], favorite_count=8),
        tweet(2, "2024-01-01 10:00", urls=["http://blog.Example.com/b"], favorite_count=4),
        tweet(3, "2024-01-01 10:00", urls=["https://notexample.com/"], favorite_count=2),
        tweet(4, "2024-01-01 10:00", urls=["https://example.com.evil.net/"], favorite_count=4),
        tweet(5, "2024-01-01 10:00", urls=["https://www.example.com/", "https://docs.example.com/"], favorite_count=6),
        retweet(6, "2024-01-01 10:00", "7", "seven", urls=["https://example.com/c"], favorite_count=90),
    ]


def test_site_tweets_counts_the_domain_and_its_subdomains(con) -> None:
    given(con, _linking())
    assert run(con, "site_tweets", site="example.com") == 3
    assert run(con, "site_tweets", site="https://www.Example.com/") == 3
    assert run(con, "site_tweets", site="blog.example.com") == 1
    assert run(con, "site_tweets", site="other.org") == 0
    assert run(con, "site_tweets") is None


def test_site_engagement_ratio(con) -> None:
    given(con, _linking())
    # Linking: 8, 4, 6 (mean 6); others: 2, 4 (mean 3).
    assert run(con, "site_engagement_ratio", site="example.com") == 2.0
    assert run(con, "site_engagement_ratio", site="other.org") is None
    given(con, grailbird(_linking()))
    assert run(con, "site_engagement_ratio", site="example.com") is None


def test_engagement_tables_are_unknown_without_counts() -> None:
    """Grailbird tweets carry no like or retweet counts: engagement tables are null, not empty lists."""
    from roost.load import open_archive

    with open_archive(FIXTURES / "grailbird") as loaded:
        results = compute(loaded.con)
    for ident in ("top_tweets_by_likes", "top_tweets_by_retweets", "buzz_days", "engagement_per_month"):
        assert results.results[ident].value is None, ident
        assert "counts" in results.results[ident].reason
    assert results.results["tweets_total"].value == 9


def test_follower_ids_beyond_64_bits_stay_undated(con) -> None:
    """A hostile follower id too large for a Snowflake must not break the query."""
    given(con, followers=["99999999999999999999999", "1588091220244369409", "not-a-number"])
    assert run(con, "followers_undated") == 2
    assert run(con, "follower_account_age") == [{"year": 2022, "followers": 1}, {"year": None, "followers": 2}]
