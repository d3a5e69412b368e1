"""Property-based fuzzing of the loader: any damaged archive ends in a loaded database or one RoostError line.

The number of generated archives is ROOST_FUZZ_EXAMPLES (default 300 for a quick local run; `.ci/run`
sets 10,000). Each case writes a small archive in the current format whose files are mutated at the JSON
level (wrong types, nulls, missing and extra keys, deep nesting, huge strings, duplicate ids, odd dates)
and at the byte level (truncation, garbage, BOM, wrong envelope, non-UTF-8 bytes), then loads it and
computes every indicator.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from roost.errors import RoostError
from roost.indicators import compute
from roost.load import open_archive

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("ROOST_FUZZ_EXAMPLES", "300"))
SHARDS = 4  # separate hypothesis runs, so pytest-xdist spreads the cases over every core
BASE = FIXTURES / "ytd2022_parts_edits"
MARKER = "FUZZ-SECRET-TEXT"
FILES = ["data/tweets.js", "data/tweets-part1.js", "data/follower.js", "data/like.js", "data/account.js",
         "data/manifest.js", "data/direct-messages.js", "data/note-tweet.js", "data/following.js"]
DATES = [
    "Sat Aug 12 16:10:37 +0000 2023", "2018-03-05 23:08:49 +0000", "2023-08-12T17:10:37.000Z", "1346793019000",
    "1346923039", "", "not a date", "Feb 30 2023", "Sat Aug 99 99:99:99 +9999 2023", "0", "-1",
    "99999999999999999999", "2023-13-45T25:61:61Z", "Mon Jan 01 00:00:00 +0000 0000",
]
KEYS = ["id_str", "id", "created_at", "full_text", "favorite_count", "retweet_count", "in_reply_to_user_id_str",
        "in_reply_to_status_id_str", "entities", "edit_info", "source", "lang", "accountId", "tweetId",
        "userLink", "tweet", "follower", "like", "account", "dataTypes", "files", "count", "messages"]

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=40), st.sampled_from(DATES),
    st.just(MARKER), st.just("-1"), st.just("<script>alert(1)</script>"),
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4)),
    max_leaves=12,
)


def _items(text: str) -> Any:
    return json.loads(text.split("=", 1)[1])


def _walk_dicts(value: Any) -> list[dict]:
    out: list[dict] = []
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            out.append(v)
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return out


@st.composite
def json_mutation(draw: st.DrawFn, doc: Any) -> Any:
    """Apply a few structural mutations to the parsed content of a data file."""
    dicts = _walk_dicts(doc)
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["set", "delete", "add", "swap", "date", "dup", "empty", "nest", "huge"]))
        if kind == "empty":
            return [] if isinstance(doc, list) else {}
        if kind == "dup" and isinstance(doc, list) and doc:
            doc.append(json.loads(json.dumps(draw(st.sampled_from(doc)))))
            continue
        if not dicts:
            continue
        d = draw(st.sampled_from(dicts))
        keys = sorted(d)
        if kind == "set" and keys:
            d[draw(st.sampled_from(keys))] = draw(json_values)
        elif kind == "delete" and keys:
            d.pop(draw(st.sampled_from(keys)))
        elif kind == "add":
            d[draw(st.sampled_from(KEYS))] = draw(json_values)
        elif kind == "swap" and keys:
            k = draw(st.sampled_from(keys))
            v = d[k]
            if isinstance(v, str) and v.lstrip("-").isdigit():
                d[k] = int(v)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                d[k] = str(v)
            else:
                d[k] = [v]
        elif kind == "date":
            d[draw(st.sampled_from(["created_at", "createdAt", "deleted_at", "changedAt"]))] = draw(st.sampled_from(DATES))
        elif kind == "nest":
            depth = draw(st.integers(10, 3000))
            d["deep"] = f"__DEEP__{depth}"
        elif kind == "huge":
            d[draw(st.sampled_from(keys or ["full_text"]))] = MARKER + "x" * draw(st.integers(1000, 300_000))
    return doc


@st.composite
def damaged_file(draw: st.DrawFn, original: str) -> bytes:
    """The bytes of one data file after JSON-level and byte-level damage."""
    prefix, _, body = original.partition("=")
    data: bytes
    if draw(st.booleans()):
        doc = draw(json_mutation(json.loads(body)))
        text = json.dumps(doc, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from([None, 1])))
        while "\"__DEEP__" in text:
            start = text.index("\"__DEEP__")
            end = text.index("\"", start + 1)
            depth = int(text[start + 9 : end])
            text = text[:start] + "[" * depth + "]" * depth + text[end + 1 :]
        data = (prefix + "= " + text).encode("utf-8", "surrogatepass")
    else:
        data = original.encode("utf-8")
    for _ in range(draw(st.integers(0, 2))):
        kind = draw(st.sampled_from(["truncate", "garbage", "bom", "envelope", "semicolon", "utf8", "blank", "none"]))
        at = draw(st.integers(0, max(0, len(data))))
        if kind == "truncate":
            data = data[:at]
        elif kind == "garbage":
            data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
        elif kind == "bom":
            data = b"\xef\xbb\xbf" + data
        elif kind == "envelope":
            data = draw(st.sampled_from([b"", b"var x ", b"window.YTD.other.part9 ", b"==", b"\x00"])) + data[data.find(b"=") + 1 :] if b"=" in data else data
        elif kind == "semicolon":
            data = data + b";\n"
        elif kind == "utf8":
            data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80"])) + data[at:]
        elif kind == "blank":
            data = b""
    return data


_ORIGINALS = {rel: (BASE / rel).read_text(encoding="utf-8") for rel in FILES if (BASE / rel).is_file()}


@st.composite
def damaged_archive(draw: st.DrawFn) -> dict[str, bytes]:
    """Which files to damage, and their new bytes."""
    names = draw(st.lists(st.sampled_from(sorted(_ORIGINALS)), min_size=1, max_size=3, unique=True))
    return {rel: draw(damaged_file(_ORIGINALS[rel])) for rel in names}


def check_damaged_archive(shard: int, damage: dict[str, bytes], skip_broken: bool, indicators: int) -> None:
    """Load (and for a quarter of the cases, compute every indicator): a database or one RoostError line."""
    folder = _work_copy(shard)
    try:
        for rel, data in damage.items():
            (folder / rel).write_bytes(data)
        try:
            with open_archive(folder, skip_broken=skip_broken, keep_raw=False) as loaded:
                assert loaded.con.execute("select count(*) from tweets").fetchone()[0] >= 0
                if indicators == 0:  # every indicator too, for a quarter of the cases (the slow part)
                    results = compute(loaded.con)
                    assert "tweets_total" in results.results
                for w in loaded.warnings:
                    assert "\n" not in w and MARKER not in w
        except RoostError as e:
            message = str(e)
            assert message and "\n" not in message, message
            assert MARKER not in message
    finally:
        for rel in damage:
            shutil.copyfile(BASE / rel, folder / rel)


def _shard(shard: int):  # type: ignore[no-untyped-def]
    """One hypothesis test per shard, so pytest-xdist spreads them; in CI each has a fixed seed, so a run
    that passed passes again (locally the cases are new every run, and failures are kept in .hypothesis/)."""

    @settings(
        max_examples=max(1, EXAMPLES // SHARDS),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
    )
    @given(damage=damaged_archive(), skip_broken=st.booleans(), indicators=st.integers(0, 3))
    def test(damage: dict[str, bytes], skip_broken: bool, indicators: int) -> None:
        check_damaged_archive(shard, damage, skip_broken, indicators)

    if os.environ.get("CI"):
        test = seed(20261126 + shard)(test)
    test.__name__ = f"test_damaged_archives_load_or_fail_with_one_line_{shard}"
    return test


test_damaged_archives_load_or_fail_with_one_line_0 = _shard(0)
test_damaged_archives_load_or_fail_with_one_line_1 = _shard(1)
test_damaged_archives_load_or_fail_with_one_line_2 = _shard(2)
test_damaged_archives_load_or_fail_with_one_line_3 = _shard(3)


_COPIES: dict[int, Path] = {}


def _work_copy(shard: int) -> Path:
    """One copy of the base archive per shard and process, restored after each case."""
    if shard not in _COPIES:
        _COPIES[shard] = Path(tempfile.mkdtemp(prefix="roost-fuzz-")) / "archive"
        shutil.copytree(BASE, _COPIES[shard])
    return _COPIES[shard]
