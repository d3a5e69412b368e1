"""Property-based test of values: well-formed archives whose fields take extreme values.

Where tests/test_fuzz.py damages bytes and JSON structure, this keeps every file well-formed and puts
absurd values where numbers, ids, dates, counts and part numbers go (huge and negative numbers, 5,000-digit
strings, dates from year 0 to 275760, epochs, NaN and Infinity spellings, empty strings, wrong types). Each
case runs `indicators`, `report`, and for some cases `diff` and `batch`, in-process: each ends with exit 0
or 1, never an exception (a traceback), and a batch never records an internal error.

The number of cases is ROOST_VALUE_FUZZ_EXAMPLES (default 40 for a quick local run; `.ci/run` sets more).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import FIXTURES

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("ROOST_VALUE_FUZZ_EXAMPLES", "40"))
SHARDS = 2
BASE = FIXTURES / "ytd2022_parts_edits"
MARKER = "VALUE-FUZZ-SECRET"
FILES = sorted(p.relative_to(BASE).as_posix() for p in (BASE / "data").glob("*.js"))
# Keys whose values are numbers, ids, dates or counts somewhere in an archive.
VALUE_KEYS = (
    "created_at", "favorite_count", "retweet_count", "id_str", "id", "in_reply_to_user_id_str",
    "in_reply_to_status_id_str", "in_reply_to_user_id", "accountId", "tweetId", "createdAt", "updatedAt",
    "generationDate", "count", "sizeBytes", "maxPartSizeBytes", "changedAt", "noteTweetId", "editableUntil",
    "initialTweetId", "deleted_at", "senderId", "recipientId", "conversationId", "indices", "display_text_range",
    "editsRemaining", "editTweetIds", "userLink", "expandedUrl", "screen_name", "userName", "username",
)


def _date_spellings(year: int) -> list[str]:
    iso_year = f"{year:04d}" if year <= 9999 else f"+{year:06d}"
    return [
        f"{iso_year}-01-31T12:00:00.000Z",
        f"Mon Jan 31 12:00:00 +0000 {year}",
        f"{iso_year}-01-31 12:00:00 +0000",
    ]


extreme = st.one_of(
    st.integers(min_value=-(2**80), max_value=2**80),
    st.sampled_from([2**63, 2**63 - 1, -(2**63), 2**64, 10**30, -1, 0, 2**31, 2**53 + 1]),
    st.sampled_from([2**63, 10**30, -1, 2**64 + 5, 10**19]).map(str),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "nan", "inf", "1e309", "-0", "1e-400", "0x10", "1_000"]),
    st.integers(min_value=1, max_value=5000).map(lambda n: "9" * n),
    st.integers(min_value=0, max_value=275760).flatmap(lambda y: st.sampled_from(_date_spellings(y))),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),  # epochs in seconds or milliseconds
    st.sampled_from(["", " ", "-", "null", MARKER]),
    st.none(),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.just([]),
    st.just({}),
    st.lists(st.integers(min_value=-(2**66), max_value=2**66), max_size=3),
)


def _parse(text: str) -> tuple[str, Any]:
    prefix, _, body = text.partition("=")
    return prefix + "= ", json.loads(body)


def _dicts(value: Any) -> list[dict]:
    out, stack = [], [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            out.append(v)
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return out


_ORIGINALS = {rel: (BASE / rel).read_text(encoding="utf-8") for rel in FILES}


@st.composite
def extreme_archive(draw: st.DrawFn) -> tuple[dict[str, str], dict[str, str]]:
    """(new text of each changed file, renames old -> new): every file still well-formed."""
    changed: dict[str, Any] = {}
    for _ in range(draw(st.integers(1, 8))):
        rel = draw(st.sampled_from(FILES))
        prefix, doc = changed.get(rel) or _parse(_ORIGINALS[rel])
        targets = [d for d in _dicts(doc) if any(k in d for k in VALUE_KEYS)] or _dicts(doc)
        if not targets:
            continue
        d = draw(st.sampled_from(targets))
        present = [k for k in VALUE_KEYS if k in d]
        key = draw(st.sampled_from(present)) if present and draw(st.booleans()) else draw(st.sampled_from(VALUE_KEYS))
        d[key] = draw(extreme)
        changed[rel] = (prefix, doc)
    texts = {rel: prefix + json.dumps(doc, indent=1) for rel, (prefix, doc) in changed.items()}
    renames: dict[str, str] = {}
    if draw(st.integers(0, 4)) == 0:  # a part number past 32 or 64 bits, in the file name and the manifest
        number = draw(st.sampled_from(["3000000000", "18446744073709551617", "9" * 5000]))
        renames["data/tweets-part1.js"] = f"data/tweets-part{number}.js"
        manifest = texts.get("data/manifest.js", _ORIGINALS["data/manifest.js"])
        texts["data/manifest.js"] = manifest.replace("data/tweets-part1.js", f"data/tweets-part{number}.js")
    return texts, renames


def _build(folder: Path, texts: dict[str, str], renames: dict[str, str]) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(BASE, folder)
    for rel, text in texts.items():
        (folder / rel).write_text(text, encoding="utf-8")
    for old, new in renames.items():
        with contextlib.suppress(OSError):  # a name too long for the file system: the manifest alone names it
            (folder / old).rename(folder / new)


def _run(args: list[str]) -> tuple[int, str]:
    from roost.cli import app

    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code in (0, 1), (args, result.exit_code, result.stderr[-2000:])
    assert MARKER not in result.stderr
    if result.exit_code == 1:
        assert "roost: error:" in result.stderr, result.stderr[-2000:]
    return result.exit_code, result.stderr


def check_extreme_values(shard: int, texts: dict[str, str], renames: dict[str, str], extra: int) -> None:
    """indicators and report (and diff or batch for some cases): exit 0 or 1, never an exception."""
    work = Path(tempfile.mkdtemp(prefix=f"roost-values-{shard}-"))
    try:
        folder = work / "archive"
        _build(folder, texts, renames)
        _run(["indicators", str(folder), "--format", "json"])
        _run(["report", str(folder), "-o", str(work / "report.html"), "--lang", "fr" if extra % 2 else "en"])
        if extra == 0:
            _run(["diff", str(BASE), str(folder), "--format", "json"])
        if extra == 1:
            code, _ = _run(["batch", str(folder), str(BASE), "-o", str(work / "out"), "--jobs", "1"])
            rows = json.loads((work / "out" / "indicators.json").read_text())["archives"]
            assert not any("internal error" in (r.get("error") or "") for r in rows), rows
            assert (work / "out" / "index.html").is_file()
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _shard(shard: int):  # type: ignore[no-untyped-def]
    @settings(
        max_examples=max(1, EXAMPLES // SHARDS),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(case=extreme_archive(), extra=st.integers(0, 5))
    def test(case: tuple[dict[str, str], dict[str, str]], extra: int) -> None:
        check_extreme_values(shard, case[0], case[1], extra)

    if os.environ.get("ROOST_FUZZ_SEED"):
        test = seed(int(os.environ["ROOST_FUZZ_SEED"]) + shard)(test)
    test.__name__ = f"test_extreme_values_exit_0_or_1_{shard}"
    return test


test_extreme_values_exit_0_or_1_0 = _shard(0)
test_extreme_values_exit_0_or_1_1 = _shard(1)
