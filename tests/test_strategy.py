"""The lesson's verdict (`strategy_verdict`, its reasons and its trend), checked on tweets made for each
case and on a real archive's tweets: steady engagement with conversation is long-term work; one viral tweet
among zeros is buzz however much the account replies; no counts, or too few tweets, is not enough data.
The harness is test_indicator_logic's: a loaded fixture whose tweets each test replaces."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

import test_indicator_logic as logic
from roost.cli import app
from roost.load import open_archive
from test_indicator_logic import given, grailbird, reply, run, tweet

# The harness's fixtures: a loaded fixture archive, copied for each test.
template = logic.template
con = logic.con

REAL = os.environ.get("ROOST_REAL_ARCHIVES")
MUTUALS = [str(600 + i) for i in range(10)]


def days(start: str, n: int, step: int = 1) -> list[str]:
    first = dt.datetime.fromisoformat(start)
    return [(first + dt.timedelta(days=i * step)).strftime("%Y-%m-%d %H:%M") for i in range(n)]


def steady(n: int = 120, start: str = "2023-01-01 09:00", step: int = 3, replies_every: int = 3,
           first_id: int = 1000) -> list[dict[str, Any]]:
    """n own tweets, one every `step` days, each with 2 to 5 likes and a retweet now and then; every
    `replies_every`-th one a reply to a mutual."""
    out = []
    for i, at in enumerate(days(start, n, step)):
        likes, rts = 2 + i % 4, i % 5 == 0
        if i % replies_every == 0:
            m = MUTUALS[i % len(MUTUALS)]
            out.append(reply(first_id + i, at, m, f"friend{m}", mentions=[(m, f"friend{m}")],
                             favorite_count=likes, retweet_count=int(rts)))
        else:
            out.append(tweet(first_id + i, at, favorite_count=likes, retweet_count=int(rts)))
    return out


def reasons(con, period: str = "all") -> dict[str, dict[str, Any]]:
    return {r["figure"]: r for r in run(con, "strategy_verdict_reasons") if r["period"] == period}


def test_steady_engagement_and_conversation_is_long_term(con) -> None:
    given(con, steady(), followers=MUTUALS + ["900"], following=MUTUALS)
    assert run(con, "strategy_verdict") == "long_term"
    got = reasons(con)
    assert got["own_tweets"]["value"] == 120 and got["own_tweets"]["n"] == 120
    assert got["engaged_tweets_share"]["value"] == 1.0 and got["engaged_tweets_share"]["points"] == "long_term"
    assert got["conversation_share"]["value"] == pytest.approx(40 / 120)
    assert got["mutuals_talked_share"]["value"] == 1.0 and got["mutuals_talked_share"]["n"] == 10
    assert not any(r["points"] == "buzz" for r in got.values())


def test_one_viral_tweet_among_zeros_is_buzz_however_much_one_replies(con) -> None:
    tweets = [
        reply(2000 + i, at, MUTUALS[i % 10], "f", mentions=[(MUTUALS[i % 10], "f")])
        for i, at in enumerate(days("2023-01-01 09:00", 150, 2))
    ]
    tweets.append(tweet(1, "2023-06-01 12:00", favorite_count=5000, retweet_count=1200))
    given(con, tweets, followers=MUTUALS, following=MUTUALS)
    got = reasons(con)
    assert got["conversation_share"]["value"] > 0.99 and got["conversation_share"]["points"] == "long_term"
    assert got["mutuals_talked_share"]["points"] == "long_term"
    assert got["top_tweet_share"]["value"] == 1.0 and got["top_tweet_share"]["points"] == "buzz"
    assert run(con, "strategy_verdict") == "buzz"


def test_a_few_hits_over_little_engagement_is_buzz_without_one_decisive_tweet(con) -> None:
    # Three hits of 40% / 25% / 20% of everything, the rest almost nothing: two spread figures point to buzz.
    tweets = [tweet(3000 + i, at) for i, at in enumerate(days("2023-01-01 09:00", 97, 3))]
    tweets[10]["favorite_count"], tweets[50]["favorite_count"], tweets[90]["favorite_count"] = 400, 250, 200
    for i in (3, 20, 33, 70):
        tweets[i]["favorite_count"] = 37
    given(con, tweets)
    got = reasons(con)
    assert got["top_tweet_share"]["points"] == "buzz" and not run(con, "strategy_verdict_reasons")[0].get("decisive")
    assert got["engaged_tweets_share"]["points"] == "buzz"
    assert run(con, "strategy_verdict") == "buzz"


def test_steady_but_silent_is_mixed(con) -> None:
    # Engagement spread over tweets and months, but never a reply nor a mention: not the lesson's long term.
    given(con, steady(replies_every=10_000), followers=MUTUALS, following=MUTUALS)
    got = reasons(con)
    assert got["conversation_share"]["value"] == pytest.approx(1 / 120)
    assert got["mutuals_talked_share"]["value"] == pytest.approx(0.1)
    assert run(con, "strategy_verdict") == "mixed"


def test_no_counts_is_not_enough_data(con) -> None:
    given(con, grailbird(steady()), followers=MUTUALS, following=MUTUALS)
    assert run(con, "strategy_verdict") == "not_enough_data"
    got = reasons(con)
    assert got["own_tweets"]["value"] == 0 and got["tweets_without_counts"]["value"] == 120
    assert run(con, "strategy_trend") == "not_enough_data"


def test_too_few_tweets_or_too_little_engagement_is_not_enough_data(con) -> None:
    given(con, steady(n=29))
    assert run(con, "strategy_verdict") == "not_enough_data"
    few = [tweet(4000 + i, at, favorite_count=1 if i < 19 else 0) for i, at in enumerate(days("2023-01-01 09:00", 60))]
    given(con, few)
    assert reasons(con)["engagement"]["value"] == 19
    assert run(con, "strategy_verdict") == "not_enough_data"
    few[-1]["favorite_count"] = 1
    given(con, few)
    assert run(con, "strategy_verdict") != "not_enough_data"


def test_without_a_tweets_file_the_verdict_is_not_enough_data(con) -> None:
    # The verdict is always one of its four values: an archive with no tweet file has no tweets to read.
    given(con, [], followers=MUTUALS, following=MUTUALS)
    assert run(con, "strategy_verdict", available={"follower", "following"}) == "not_enough_data"
    assert run(con, "strategy_trend", available={"follower", "following"}) == "not_enough_data"


def test_trend_compares_the_last_12_months_with_before(con) -> None:
    # Before: steady conversation. The last 12 months (the last tweet is "now" here): broadcast around one hit.
    before = steady(n=100, start="2021-01-01 09:00", step=3)
    recent = [tweet(5000 + i, at, favorite_count=1 if i % 2 else 0) for i, at in enumerate(days("2023-03-01 09:00", 40, 7))]
    recent[5]["favorite_count"] = 300
    given(con, before + recent, followers=MUTUALS, following=MUTUALS)
    got = reasons(con, "recent")
    assert got["own_tweets"]["value"] == 40 and reasons(con, "before")["own_tweets"]["value"] == 100
    assert run(con, "strategy_trend") == "toward_buzz"
    # The same two periods the other way round: moving toward long-term work.
    old = [tweet(6000 + i, at, favorite_count=1 if i % 2 else 0) for i, at in enumerate(days("2020-01-01 09:00", 40, 7))]
    old[5]["favorite_count"] = 300
    given(con, old + steady(n=100, start="2022-10-01 09:00", step=3), followers=MUTUALS, following=MUTUALS)
    assert run(con, "strategy_trend") == "toward_long_term"
    # Alike on both sides: stable. Fewer than 15 tweets on one side: not enough data.
    given(con, steady(n=100, start="2021-01-01 09:00", step=7))
    assert run(con, "strategy_trend") == "stable"
    given(con, steady(n=60, start="2018-01-01 09:00", step=30))
    assert reasons(con, "recent")["own_tweets"]["value"] < 15
    assert run(con, "strategy_trend") == "not_enough_data"


def test_a_busy_account_compares_its_last_90_days(con) -> None:
    # 2 tweets a day for 14 months: 365 or more in the last 12 months, so "recent" is the last 90 days.
    times = [(dt.datetime(2022, 1, 1, 8) + dt.timedelta(hours=12 * i)).strftime("%Y-%m-%d %H:%M") for i in range(850)]
    tweets = [tweet(7000 + i, at, favorite_count=1 + i % 3) for i, at in enumerate(times)]
    given(con, tweets)
    recent = reasons(con, "recent")["own_tweets"]["value"]
    assert 179 <= recent <= 181  # 90 days of 2 tweets, the last one included
    assert run(con, "tweets_last_12_months") in (729, 730, 731)


@pytest.mark.skipif(not REAL, reason="ROOST_REAL_ARCHIVES is not set: the real archives' tweets are not here")
def test_steady_engagement_on_a_real_archives_tweets_is_long_term(tmp_path: Path) -> None:
    # andreruffert's own tweets (half of them talk to someone, 43 of 66 mutuals addressed), with their real
    # counts (long_term), then with a steady 1 to 3 likes each (long_term), then with every like and
    # retweet moved onto one tweet (buzz, the replies notwithstanding).
    with open_archive(Path(REAL) / "andreruffert__twitter") as loaded:
        c = loaded.con
        from roost.indicators import Options, available_types, discover, run_indicator, set_params

        inds = {i.id: i for i in discover()}
        options = Options()

        def verdict() -> Any:
            # strategy_signals is a table built at load: rebuilt from the changed tweets.
            c.execute("delete from strategy_signals; insert into strategy_signals select * from int_strategy_signals")
            set_params(c, options, "UTC")
            return run_indicator(c, inds["strategy_verdict"], available_types(c), options).value

        assert verdict() == "long_term"
        c.execute("update tweets set favorite_count = 1 + (try_cast(tweet_id as hugeint) % 3)::int, retweet_count = 0")
        assert verdict() == "long_term"
        top = c.execute("select min(tweet_id) from tweets where is_own").fetchone()[0]
        c.execute("update tweets set favorite_count = case when tweet_id = ? then 5000 else 0 end, retweet_count = 0",
                  [top])
        assert verdict() == "buzz"


def test_the_report_says_why_there_is_no_verdict(tmp_path: Path) -> None:
    """A Grailbird archive: one sentence says it has no counts; no verdict is drawn."""
    from typer.testing import CliRunner

    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    grail = next(p for p in sorted(fixtures.iterdir()) if p.is_dir() and "grailbird" in p.name)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(grail), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "Not enough data for a verdict" in html
    assert "carries no like or retweet counts" in html


def _visible_text(html: str) -> str:
    import html as html_lib
    import re

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_few_tweets_get_no_reading_of_buzz_on_the_cards(lang: str, tmp_path: Path) -> None:
    """6 own tweets with counts (a fixture): the verdict says not enough data, and the cards of how engagement
    is spread say so too instead of reading a share of 6 tweets as a sign of buzz or of steady work."""
    from typer.testing import CliRunner

    source = Path(__file__).resolve().parent.parent / "fixtures" / "ytd2022_parts_edits"
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(source), "-o", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    text = _visible_text(out.read_text())
    few = {"en": "Read on 6 own tweets with like and retweet counts: too few to be a sign either way.",
           "fr": "Lu sur 6 tweets propres avec compteurs de j'aime et de RT : trop peu"}[lang]
    assert text.count(few) == 2  # the best tenth's share and the Gini
    for reading in ("a sign of buzz", "a sign of long-term work", "un signe de buzz", "High: engagement",
                    "Moderate: engagement", "Élevé :", "Modéré :"):
        assert reading not in text


@pytest.mark.skipif(not REAL, reason="ROOST_REAL_ARCHIVES is not set: the real archives' tweets are not here")
def test_the_best_tenth_card_reads_as_the_verdict_does(tmp_path: Path) -> None:
    """larsbrinkhoff: the best tenth holds 56% of engagement; the verdict reads that toward long-term work,
    and so does the card (one reading, the SQL's)."""
    from typer.testing import CliRunner

    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(Path(REAL) / "larsbrinkhoff__twitter-data"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = _visible_text(out.read_text())
    assert "Under 65%: engagement spread over many tweets, a sign of long-term work." in text
    assert "too few to be a sign" not in text
