"""The README stays true: every command documented with an example, every indicator with its definition."""

from __future__ import annotations

import fcntl
import re

from conftest import ROOT, package_indicators
from roost.docs import END, START, indicators_markdown
from roost.indicators import discover


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_indicator_table_matches_the_sql_headers() -> None:
    block = _readme().split(START, 1)[1].split(END, 1)[0].strip()
    with package_indicators(fcntl.LOCK_SH):  # no test adds an indicator to the package meanwhile
        table = indicators_markdown()
    assert block == table, "run: python -m roost.docs README.md"


def test_every_indicator_is_in_the_readme_with_its_definition() -> None:
    text = _readme()
    with package_indicators(fcntl.LOCK_SH):
        indicators = discover()
    for ind in indicators:
        assert f"`{ind.id}`" in text
        assert ind.definition.replace("|", "\\|") in text


def test_every_command_has_a_section_and_an_example() -> None:
    from roost.cli import app

    text = _readme()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"load", "indicators", "sql", "report", "demo", "batch", "diff"} <= set(names)
    for name in names:
        assert f"### `roost {name}`" in text, name
        assert re.search(rf"^roost {name}\b", text, re.M), f"no example of roost {name}"


def test_the_two_commands_come_first() -> None:
    text = _readme()
    first_block = text.split("```sh", 1)[1].split("```", 1)[0]
    assert "pip install ." in first_block and "roost demo" in first_block
    second = text.split("```sh", 2)[2].split("```", 1)[0]
    assert "pip install -e '.[test]'" in second and "pytest" in second
