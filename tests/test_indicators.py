"""`roost indicators`: the contract's figures on every fixture and real archive, in every form; shapes;
the user's own SQL; output formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import FIXTURE_NAMES, FIXTURES, REAL, REAL_SKIP, as_form, differences, real_archives
from roost.indicators import CORE_IDS, discover


def _indicators(cli, source: Path, *args: str) -> dict:
    code, out, err = cli(["indicators", source, "--format", "json", *args])
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("form", ("folder", "zip", "nested-zip", "duckdb"))
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_core_figures_equal_the_reference_on_fixtures(cli, name: str, form: str, tmp_path: Path) -> None:
    want = json.loads((FIXTURES / name / "EXPECTED.json").read_text())
    if form == "duckdb":
        source = tmp_path / "me.duckdb"
        assert cli(["load", FIXTURES / name, "-o", source])[0] == 0
    else:
        source = as_form(FIXTURES / name, form, tmp_path)
    doc = _indicators(cli, source)
    assert set(CORE_IDS) <= set(doc["indicators"])
    assert differences(doc["indicators"], want) == []
    assert set(doc) >= {"roost_version", "account", "archive", "indicators"}
    for ident, value in doc["indicators"].items():
        if value is None:
            assert doc["unknown"][ident], f"{ident} is unknown without a reason"


@pytest.mark.skipif(not REAL, reason=REAL_SKIP)
@pytest.mark.parametrize("form", ("folder", "zip"))
@pytest.mark.parametrize("name", real_archives() or ["none"])
def test_core_figures_equal_expected_on_real_archives(cli, name: str, form: str, tmp_path: Path) -> None:
    want = json.loads((Path(REAL) / "EXPECTED.json").read_text())[name]
    doc = _indicators(cli, as_form(Path(REAL) / name, form, tmp_path))
    assert differences(doc["indicators"], want) == []


def test_every_packaged_indicator_returns_its_declared_shape() -> None:
    from roost.indicators import Options, compute
    from roost.load import open_archive

    for name in FIXTURE_NAMES:
        with open_archive(FIXTURES / name) as loaded:
            results = compute(loaded.con, Options(topic=("seo",), site="example.com")).results
        for ident, r in results.items():
            v, shape = r.value, r.indicator.shape
            if v is None:
                assert r.reason, (name, ident)
            elif shape in ("number", "share"):
                assert isinstance(v, (int, float)) and not isinstance(v, bool), (name, ident, v)
                if shape == "share":
                    assert 0 <= v <= 1, (name, ident, v)
            elif shape == "text":
                assert isinstance(v, str), (name, ident)
            elif shape == "series":
                assert isinstance(v, dict) and all(isinstance(k, str) for k in v), (name, ident)
            else:
                assert isinstance(v, list) and all(isinstance(row, dict) for row in v), (name, ident)


def test_csv_and_table_formats(cli) -> None:
    code, out, err = cli(["indicators", FIXTURES / "ytd2020_wrapped", "--format", "csv"])
    assert code == 0, err
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(out))}
    want = json.loads((FIXTURES / "ytd2020_wrapped" / "EXPECTED.json").read_text())
    assert int(rows["tweets_total"]["value"]) == want["tweets_total"]
    assert json.loads(rows["tweets_per_month"]["value"]) == want["tweets_per_month"]
    code, out, err = cli(["indicators", FIXTURES / "ytd2020_wrapped"])
    assert code == 0 and "tweets_total" in out and "hours and weekdays in" in out


def test_time_zone_comes_from_the_archive_or_the_option(cli) -> None:
    doc = _indicators(cli, FIXTURES / "ytd2020_wrapped")
    assert doc["archive"]["time_zone_source"] in ("archive", "default")
    doc2 = _indicators(cli, FIXTURES / "ytd2020_wrapped", "--tz", "Asia/Tokyo")
    assert doc2["archive"]["time_zone_used"] == "Asia/Tokyo" and doc2["archive"]["time_zone_source"] == "option"
    assert doc["indicators"]["tweets_total"] == doc2["indicators"]["tweets_total"]


def test_topic_and_site_options(cli) -> None:
    doc = _indicators(cli, FIXTURES / "ytd2022_parts_edits")
    assert doc["indicators"]["topic_tweets_share"] is None and "--topic" in doc["unknown"]["topic_tweets_share"]["text"]
    doc = _indicators(cli, FIXTURES / "ytd2022_parts_edits", "--topic", "seo, #marketing", "--site", "example.com")
    assert doc["indicators"]["topic_tweets_share"] is not None
    assert doc["indicators"]["site_tweets"] is not None


def test_users_own_indicators_flow_into_every_output(cli, tmp_path: Path) -> None:
    mine = tmp_path / "my_sql"
    mine.mkdir()
    (mine / "question_tweets.sql").write_text(
        "-- title: Tweets with a question | Tweets avec une question\n-- shape: number\n-- section: custom\n"
        "-- needs: tweets\n-- definition: Own tweets whose text contains a question mark.\n"
        "select count(*) as value from tweets where is_own and full_text like '%?%'\n"
    )
    src = FIXTURES / "ytd2020_wrapped"
    doc = _indicators(cli, src, "--indicators-dir", mine)
    assert isinstance(doc["indicators"]["question_tweets"], int)
    code, out, _ = cli(["indicators", src, "--format", "csv", "--indicators-dir", mine])
    assert code == 0 and "question_tweets" in out
    html = tmp_path / "r.html"
    code, _, err = cli(["report", src, "-o", html, "--indicators-dir", mine])
    assert code == 0, err
    assert "Tweets with a question" in html.read_text()


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("-- title: X\n-- shape: number\n-- definition: d.\nselect count(*) as value from no_such_table\n", "query fails"),
        ("-- shape: number\n-- definition: d.\nselect 1 as value\n", "title"),
        ("-- title: X\n-- shape: pie\n-- definition: d.\nselect 1 as value\n", "shape"),
        ("-- title: X\n-- shape: number\n-- definition: d.\nselect 1 as a, 2 as b\n", "value"),
        ("-- title: X\n-- shape: number\n-- definition: d.\nselect 'text' as value\n", "number"),
        ("-- title: X\n-- shape: series\n-- definition: d.\nselect 1 as value\n", "key, value"),
    ],
)
def test_a_broken_user_indicator_is_one_error_naming_the_file(cli, tmp_path: Path, content: str, needle: str) -> None:
    mine = tmp_path / "my_sql"
    mine.mkdir()
    (mine / "broken_one.sql").write_text(content)
    code, _, err = cli(["indicators", FIXTURES / "ytd2020_wrapped", "--indicators-dir", mine])
    assert code == 1, err
    lines = [line for line in err.splitlines() if line.startswith("roost: error:")]
    assert len(lines) == 1 and "broken_one.sql" in lines[0] and needle in lines[0], err
    assert "Traceback" not in err


def test_a_user_indicator_cannot_shadow_a_packaged_one(cli, tmp_path: Path) -> None:
    mine = tmp_path / "my_sql"
    mine.mkdir()
    (mine / "followers.sql").write_text("-- title: X\n-- shape: number\n-- definition: d.\nselect 1 as value\n")
    code, _, err = cli(["indicators", FIXTURES / "ytd2020_wrapped", "--indicators-dir", mine])
    assert code == 1 and "already a packaged indicator" in err


def test_sql_command_formats(cli) -> None:
    src = FIXTURES / "ytd2022_parts_edits"
    want = json.loads((src / "EXPECTED.json").read_text())
    code, out, err = cli(["sql", src, "select count(*) as n from tweets", "--format", "json"])
    assert code == 0, err
    assert json.loads(out) == [{"n": want["tweets_total"]}]
    code, out, _ = cli(["sql", src, "select count(*) as n from followers", "--format", "csv"])
    assert out.splitlines() == ["n", str(want["followers"])]
    code, _, err = cli(["sql", src, "select * from nowhere"])
    assert code == 1 and "the query fails" in err


def test_packaged_indicator_headers_are_complete() -> None:
    for ind in discover():
        assert ind.title and ind.title_fr and ind.definition and ind.definition_fr, ind.id
        assert ind.section != "custom", ind.id
