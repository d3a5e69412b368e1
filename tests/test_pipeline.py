"""One pipeline: the report is a pure function of the analysis document; the layout follows the SQL headers;
a new indicator is one .sql file; the report package runs no SQL; no module grows past ~500 lines."""

from __future__ import annotations

import ast
import fcntl
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURE_NAMES, FIXTURES, REAL, ROOT, package_indicators, real_archives
from roost.indicators import discover
from roost.report import layout

VARIANTS = {"en": [], "fr": ["--lang", "fr"], "share": ["--share"], "share-fr": ["--share", "--lang", "fr"]}
OPTIONS = ["--topic", "roost, css", "--site", "example.com"]


def _sources() -> list[Path]:
    real = [Path(REAL) / name for name in real_archives()] if REAL else []
    return [FIXTURES / name for name in FIXTURE_NAMES] + real


@pytest.mark.parametrize("source", _sources(), ids=lambda p: p.name)
def test_a_report_from_the_json_equals_the_report_from_the_archive(cli, source: Path, tmp_path: Path,
                                                                   monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764547200")
    with package_indicators(fcntl.LOCK_SH):
        _compare_renders(cli, source, tmp_path)


def _compare_renders(cli, source: Path, tmp_path: Path) -> None:
    results = tmp_path / "results.json"
    code, out, err = cli(["indicators", source, "--format", "json", *OPTIONS])
    assert code == 0, err
    results.write_text(out)
    for name, flags in VARIANTS.items():
        direct, rendered = tmp_path / f"direct-{name}.html", tmp_path / f"json-{name}.html"
        assert cli(["report", source, "-o", direct, *OPTIONS, *flags])[0] == 0
        code, _, err = cli(["report", results, "-o", rendered, *flags])
        assert code == 0, err
        assert rendered.read_bytes() == direct.read_bytes(), name


def test_a_results_file_that_is_not_one_is_one_line(cli, tmp_path: Path) -> None:
    for text in ("not json", "[1, 2]", '{"indicators": {}}'):
        bad = tmp_path / "bad.json"
        bad.write_text(text)
        code, _, err = cli(["report", bad, "-o", tmp_path / "r.html"])
        assert code == 1 and "roost indicators" in err and "Traceback" not in err
    code, _, err = cli(["report", bad, "--tz", "UTC"])
    assert code == 2


def test_a_hostile_results_file_renders_or_fails_in_one_line(cli, tmp_path: Path) -> None:
    code, out, _ = cli(["indicators", FIXTURES / "ytd2022_parts_edits", "--format", "json"])
    doc = json.loads(out)
    for ident in doc["indicators"]:
        doc["indicators"][ident] = [{"year": 10**9, "weekday": -1, "screen_name": "<b>x</b>"}] if isinstance(
            doc["indicators"][ident], list) else {"x": "y"} if isinstance(doc["indicators"][ident], dict) else "<i>"
    doc["definitions"]["followers"] = {"shape": "no such shape", "title": ["not", "text"]}
    doc["archive"]["files"] = "not a list"
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc))
    code, _, err = cli(["report", path, "-o", tmp_path / "r.html", "--share"])
    assert code == 0, err
    html = (tmp_path / "r.html").read_text()
    assert "<b>x</b>" not in html and "<i>" not in html


def test_every_indicator_the_layout_places_sits_in_its_header_section() -> None:
    headers = {ind.id: ind.section for ind in discover()}
    for section, slots in layout.SECTIONS:
        for slot in slots:
            if not slot.places:
                continue
            for ident in slot.ids:
                assert ident in headers, f"the layout names {ident}, which no .sql file defines"
                assert layout.report_section(headers[ident]) == section, (
                    f"{ident}: its header says section {headers[ident]!r}, the layout draws it in {section!r}"
                )


@pytest.fixture
def new_indicator():
    """A new packaged indicator, added as one .sql file and removed after the test."""
    from roost.resources import indicators_dir

    with package_indicators(fcntl.LOCK_EX):
        yield from _new_indicator(indicators_dir() / "tweets_with_a_question.sql")


def _new_indicator(path: Path) -> Iterator[str]:
    path.write_text(
        "-- title: Tweets with a question | Tweets avec une question\n-- shape: number\n-- unit: tweets\n"
        "-- section: interaction\n-- needs: tweets\n"
        "-- definition: Own tweets whose text holds a question mark.\n"
        "-- definition_fr: Tweets propres dont le texte contient un point d'interrogation.\n"
        "select count(*) as value from tweets where is_own and full_text like '%?%'\n"
    )
    yield "tweets_with_a_question"
    path.unlink()


def test_a_new_indicator_is_one_sql_file(cli, new_indicator: str, tmp_path: Path) -> None:
    from roost.docs import indicators_markdown

    archive = FIXTURES / "ytd2022_parts_edits"
    code, out, err = cli(["indicators", archive, "--format", "json"])
    assert code == 0, err
    assert isinstance(json.loads(out)["indicators"][new_indicator], int)
    assert f"`{new_indicator}`" in indicators_markdown()
    assert cli(["report", archive, "-o", tmp_path / "r.html"])[0] == 0
    html = (tmp_path / "r.html").read_text()
    section = html[html.index('id="interaction"'):html.index('id="buzz"')]
    assert f'id="i-{new_indicator}"' in section and "Tweets with a question" in section


def test_the_report_package_runs_no_sql() -> None:
    package = ROOT / "src" / "roost" / "report"
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text())
        imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(m.startswith(("duckdb", "roost.load", "roost.indicators", "roost.pipeline")) for m in imported), path
        calls = {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
        assert "execute" not in calls and "sql" not in calls, path


def test_no_source_module_is_over_500_lines() -> None:
    long = {p.relative_to(ROOT).as_posix(): n for p in (ROOT / "src" / "roost").rglob("*.py")
            if (n := len(p.read_text().splitlines())) > 520}
    assert not long, f"split these modules: {long}"


def test_cli_is_thin() -> None:
    """The commands call the pipeline; they neither load nor compute nor render themselves."""
    tree = ast.parse((ROOT / "src" / "roost" / "cli.py").read_text())
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert not names & {"compute", "build_report", "render_report", "load_archive"}


def test_every_fixture_copy_has_a_results_file_roundtrip(tmp_path: Path) -> None:
    """The document is plain data: JSON holds it exactly."""
    from roost.pipeline import analyze

    shutil.copytree(FIXTURES / "grailbird", tmp_path / "g")
    doc = analyze(tmp_path / "g").document
    assert json.loads(json.dumps(doc)) == doc


@pytest.mark.parametrize("as_database", [False, True], ids=["folder", "duckdb"])
def test_indicators_side_by_side_equal_one_by_one(tmp_path: Path, as_database: bool) -> None:
    """`compute` on the spare connections gives every figure, in the same order, as on one connection; the
    spare connections see the same tables and session (UTC) as the first, also on a `.duckdb`."""
    from roost.indicators import Options, compute
    from roost.load import load_to_file, open_archive

    source = FIXTURES / "ytd2022_parts_edits"
    if as_database:
        load_to_file(source, tmp_path / "me.duckdb")
        source = tmp_path / "me.duckdb"
    options = Options(tz="Europe/Paris", topic=("css",), site="example.com")
    with open_archive(source, threads=2, side_by_side=True) as loaded:
        assert len(loaded.spare) == 1
        for c in (loaded.con, *loaded.spare):
            assert c.execute("select current_setting('TimeZone'), count(*) from tweets").fetchone()[0] == "UTC"
            # One DuckDB thread per query: the queries run side by side, one per connection.
            assert c.execute("select current_setting('threads')").fetchone() == (1,)
            # The spare connections are locked like the first (custom indicators run on them).
            with pytest.raises(duckdb.Error):
                c.execute("select * from read_text(?)", [str(ROOT / "README.md")])
            with pytest.raises(duckdb.Error):
                c.execute("set enable_external_access = true")
        side_by_side = compute(loaded.con, options, spare=loaded.spare)
        one_by_one = compute(loaded.con, options)
    assert list(side_by_side.results) == list(one_by_one.results)
    assert json.dumps(side_by_side.values(), sort_keys=True, default=str) == json.dumps(
        one_by_one.values(), sort_keys=True, default=str)
    assert sum(v is not None for v in one_by_one.values().values()) > 40
    with open_archive(source, threads=1) as loaded:
        assert loaded.spare == []
