"""The reference implementation (tests/reference.py) agrees with EXPECTED.json, for real and hand-made archives.

Real archives: set ROOST_REAL_ARCHIVES to a folder like ../shared/archives (one sub-folder per archive and
an EXPECTED.json keyed by folder name); without it those tests skip. Fixtures: each fixtures/<variant>/
holds an EXPECTED.json written by the reference itself
(`python tests/reference.py fixtures/<variant> > fixtures/<variant>/EXPECTED.json`), so this keeps the
two in step. Every archive is checked as a folder, as a zip, and (fixtures) as a zip with one extra
top folder, the way users re-zip an extracted archive.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
REAL = os.environ.get("ROOST_REAL_ARCHIVES")

_spec = importlib.util.spec_from_file_location("roost_reference", HERE / "reference.py")
assert _spec is not None and _spec.loader is not None
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)


def _zipped(folder: Path, out: Path, top: str = "") -> Path:
    """Zip folder into out, optionally under one extra top folder."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, top + path.relative_to(folder).as_posix())
    return out


def _source(folder: Path, form: str, tmp_path: Path) -> Path:
    if form == "folder":
        return folder
    if form == "zip":
        return _zipped(folder, tmp_path / (folder.name + ".zip"))
    return _zipped(folder, tmp_path / (folder.name + ".zip"), top="twitter-2024-01-01-abc123/")


def _differences(got: dict[str, Any], want: dict[str, Any]) -> list[str]:
    """Every figure of want that got lacks or disagrees with (floats to rel 1e-9)."""
    out = []
    for key, expected in want.items():
        if key not in got:
            out.append(f"{key}: missing (expected {expected!r})")
            continue
        actual = got[key]
        if isinstance(expected, float) or isinstance(actual, float):
            same = (
                isinstance(actual, (int, float))
                and isinstance(expected, (int, float))
                and math.isclose(actual, expected, rel_tol=1e-9)
            )
        else:
            same = actual == expected and type(actual) is type(expected)
        if not same:
            out.append(f"{key}: got {actual!r}, expected {expected!r}")
    out.extend(f"{key}: not in EXPECTED.json" for key in sorted(set(got) - set(want)))
    return out


def _real_names() -> list[str]:
    if not REAL:
        return ["(ROOST_REAL_ARCHIVES unset)"]
    return sorted(json.loads((Path(REAL) / "EXPECTED.json").read_text(encoding="utf-8")))


def _fixture_names() -> list[str]:
    return sorted(p.parent.name for p in FIXTURES.glob("*/EXPECTED.json"))


@pytest.mark.skipif(
    not REAL, reason="ROOST_REAL_ARCHIVES is unset: point it at a folder like ../shared/archives to check real archives"
)
@pytest.mark.parametrize("form", ["folder", "zip"])
@pytest.mark.parametrize("name", _real_names())
def test_reference_matches_expected_on_real_archives(name: str, form: str, tmp_path: Path) -> None:
    root = Path(REAL or "")
    want = json.loads((root / "EXPECTED.json").read_text(encoding="utf-8"))[name]
    got = reference.compute_indicators(_source(root / name, form, tmp_path))
    assert _differences(got, want) == []


@pytest.mark.parametrize("form", ["folder", "zip", "zip_in_top_folder"])
@pytest.mark.parametrize("name", _fixture_names())
def test_reference_matches_fixture_expected(name: str, form: str, tmp_path: Path) -> None:
    want = json.loads((FIXTURES / name / "EXPECTED.json").read_text(encoding="utf-8"))
    got = reference.compute_indicators(_source(FIXTURES / name, form, tmp_path))
    assert _differences(got, want) == []


def test_every_fixture_has_expected_and_notes() -> None:
    folders = sorted(p for p in FIXTURES.iterdir() if p.is_dir())
    assert folders, "no fixtures found"
    for folder in folders:
        assert (folder / "EXPECTED.json").is_file(), f"{folder.name} lacks EXPECTED.json"
        assert (folder / "FIXTURE.md").is_file(), f"{folder.name} lacks FIXTURE.md"


def test_every_core_id_is_reported_even_for_an_empty_folder(tmp_path: Path) -> None:
    got = reference.compute_indicators(tmp_path)
    assert sorted(got) == sorted(reference.CORE_IDS)
    assert all(value is None for value in got.values())


def test_present_but_empty_tweet_file_gives_zero_counts_and_null_ratios(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "tweets.js").write_text("\ufeffwindow.YTD.tweets.part0 = [ ];", encoding="utf-8")
    (data / "follower.js").write_text("window.YTD.follower.part0 = []", encoding="utf-8")
    got = reference.compute_indicators(tmp_path)
    assert got["tweets_total"] == 0 and got["active_days"] == 0 and got["interacted_accounts"] == 0
    assert got["retweets_received"] == 0 and got["likes_received"] == 0
    assert got["tweets_per_month"] == {}
    for key in ("first_tweet_at", "last_tweet_at", "span_days", "tweets_per_day", "conversation_share",
                "engagement_top10_share", "following", "mutuals", "followers_interacted_share"):
        assert got[key] is None, key
    assert got["followers"] == 0 and got["followers_interacted"] == 0


def test_envelope_with_bom_trailing_semicolon_and_any_global_name(tmp_path: Path) -> None:
    source = (FIXTURES / "ytd2020_wrapped" / "data" / "tweet.js").read_text(encoding="utf-8")
    body = source[source.index("=") + 1 :]
    (tmp_path / "tweets-part3.js").write_text("\ufeffwindow.YTD.some_other_name.part7 =" + body + ";\n", encoding="utf-8")
    want = json.loads((FIXTURES / "ytd2020_wrapped" / "EXPECTED.json").read_text(encoding="utf-8"))
    got = reference.compute_indicators(tmp_path)
    assert got["tweets_total"] == want["tweets_total"]
    assert got["tweets_per_month"] == want["tweets_per_month"]


def test_differences_reports_a_wrong_figure() -> None:
    want = {"tweets_total": 3, "mutual_share": 0.5, "tweets_per_month": {"2020-01": 3}}
    assert _differences(dict(want), want) == []
    assert _differences({**want, "mutual_share": 0.5000001}, want) != []
    assert _differences({**want, "tweets_total": None}, want) != []
    assert _differences({**want, "tweets_per_month": {"2020-01": 2}}, want) != []
