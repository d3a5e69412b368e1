"""The sample generator (roost.sample): archives roost loads, counts that add up, tweets shaped like real ones.

The shape targets are the pooled figures of the real YTD archives (../shared/archives: andreruffert, eroija,
joellindstrom, larsbrinkhoff; 4,311 tweets), written here as constants; with ROOST_REAL_ARCHIVES set, a test
recomputes them from the archives. See benchmarks/shape.py for the per-archive table.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import REAL, REAL_SKIP
from roost.sample import write_sample_archive
from roost.sample.shape import figures, measure, pool

TWEETS = 3000
# Pooled figures of the real YTD archives (tweet rows: 4,311), measured with roost.sample.shape.
REAL_YTD = {
    "bytes_per_tweet_today": 1864,
    "text_length": 97.48,
    "mentions": 0.9715,
    "urls": 0.4092,
    "hashtags": 0.1837,
    "media": 0.1222,
    "extended_media": 0.1276,
    "retweet": 0.1554,
    "reply": 0.4776,
    "self_reply": 0.1097,
    "mention_reply": 0.02807,
    "quote": 0.05382,
    "possibly_sensitive": 0.5006,
    "extended_entities": 0.1222,
    "video_info": 0.01137,
    "media_source": 0.01508,
    "escaped": 0.02459,
    "newline": 0.1895,
    "beyond_bmp": 0.09696,
    "rt_cut": 0.3731,
    "lang_en": 0.8882,
    "special_lang": 0.05567,
}
# How far the generated archive may be: relative for sizes and entity counts, absolute for shares.
RELATIVE = {"bytes_per_tweet_today": 0.05, "text_length": 0.05, "mentions": 0.1, "urls": 0.1, "hashtags": 0.15,
            "media": 0.15, "extended_media": 0.15}
ABSOLUTE = {"video_info": 0.006, "media_source": 0.008, "escaped": 0.01, "beyond_bmp": 0.025, "rt_cut": 0.06,
            "lang_en": 0.04}
DEFAULT_ABSOLUTE = 0.015


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    return write_sample_archive(tmp_path_factory.mktemp("sample") / "archive", tweets=TWEETS)


def _items(path: Path) -> list[Any]:
    data = path.read_bytes()
    return json.loads(data[data.index(b"=") + 1:])


def _manifest(folder: Path) -> dict[str, Any]:
    text = (folder / "data" / "manifest.js").read_text()
    return json.loads(text[text.index("=") + 1:])


def _tweet_rows(folder: Path) -> list[dict[str, Any]]:
    return [item["tweet"] for f in sorted((folder / "data").glob("tweets*.js")) for item in _items(f)]


def test_roost_loads_it_and_every_manifest_count_matches_the_items(cli, sample: Path) -> None:
    code, out, err = cli(["indicators", sample, "--format", "json"])
    assert code == 0, err
    result = json.loads(out)
    files = {f["path"]: f for f in result["archive"]["files"]}
    checked = 0
    for dtype, entry in _manifest(sample)["dataTypes"].items():
        for part in entry.get("files", []):
            items = len(_items(sample / part["fileName"]))
            assert int(part["count"]) == items, (dtype, part)
            seen = files.get(part["fileName"])
            if seen and seen["status"] == "loaded":  # roost's own reading of the same file
                assert seen["items"] == items == seen["manifest_count"], seen
                checked += 1
    assert checked >= 10
    assert "tweets" in result["archive"]["available"] and "note_tweet" in result["archive"]["available"]
    assert not [w for w in err.splitlines() if "warning" in w.lower()], err


def test_tweets_are_counted_as_roost_counts_them(cli, sample: Path) -> None:
    rows = _tweet_rows(sample)
    edited = [t for t in rows if "edit" in t["edit_info"]]
    chains = {t["edit_info"]["edit"]["initialTweetId"] for t in edited}
    assert len(edited) >= 5 and len(chains) >= 5, "a few real edit chains"
    assert len(rows) == TWEETS + len(edited)  # an edit chain is one tweet
    by_id = {t["id_str"]: t for t in rows}
    for head in chains:  # every version is a row, listed by the initial row, which names them all
        ids = by_id[head]["edit_info"]["initial"]["editTweetIds"]
        assert ids[0] == head and len(ids) >= 2 and all(i in by_id for i in ids)
        assert by_id[head]["edit_info"]["initial"]["editsRemaining"] == str(6 - len(ids))
    assert all("initial" in t["edit_info"] or "edit" in t["edit_info"] for t in rows)
    heads = [t for t in rows if "edit" not in t["edit_info"]]
    rts = sum(t["full_text"].startswith("RT @") for t in heads)
    self_replies = sum(t.get("in_reply_to_user_id_str") == "1000000000000000001" for t in heads)
    replies = sum("in_reply_to_user_id_str" in t for t in heads)
    code, out, err = cli(["indicators", sample, "--format", "json"])
    assert code == 0, err
    ind = json.loads(out)["indicators"]
    assert ind["tweets_total"] == TWEETS
    assert ind["retweets_made"] == rts and ind["self_replies"] == self_replies and ind["replies_made"] == replies
    assert ind["quotes_made"] > 0 and ind["original_tweets"] > 0
    code, out, err = cli(["sql", sample, "select count(*) as n, sum(version_count) as versions, "
                          "count(*) filter (where version_count > 1) as edited from tweets", "--format", "json"])
    assert code == 0, err
    assert json.loads(out) == [{"n": TWEETS, "versions": len(rows), "edited": len(chains)}]


def test_note_tweets_are_present_and_matched_to_their_tweet(cli, sample: Path) -> None:
    notes = [n["noteTweet"] for n in _items(sample / "data" / "note-tweet.js")]
    assert len(notes) >= 2 and all(len(n["core"]["text"]) > 280 for n in notes)
    code, out, err = cli(["sql", sample, "select count(*) as notes, count(tweet_id) as matched, "
                          "count(distinct tweet_id) as tweets from note_tweets", "--format", "json"])
    assert code == 0, err
    assert json.loads(out) == [{"notes": len(notes), "matched": len(notes), "tweets": len(notes)}]


def test_tweets_carry_the_rare_keys_and_consistent_entities(sample: Path) -> None:
    rows = _tweet_rows(sample)
    for key in ("withheld_in_countries", "contributors", "possibly_sensitive", "extended_entities"):
        assert any(key in t for t in rows), key
    media = [m for t in rows for m in t.get("extended_entities", {}).get("media", [])]
    assert {m["type"] for m in media} == {"photo", "animated_gif", "video"}
    assert any("call_to_actions" in m.get("additional_media_info", {}) for m in media)
    assert all(set(m["sizes"]) == {"thumb", "small", "medium", "large"} for m in media)
    assert any("source_status_id_str" in m for m in media)
    langs = {t["lang"] for t in rows}
    assert {"en", "fr", "und", "qme"} <= langs and len(langs) >= 15
    assert any("&amp;" in t["full_text"] for t in rows)
    for t in rows:
        text = t["full_text"]
        assert t["display_text_range"] == ["0", str(len(text))]
        ents = t["entities"]
        for m in ents["user_mentions"]:
            a, b = map(int, m["indices"])
            assert text[a:b] == "@" + m["screen_name"], (text, m)
        for h in ents["hashtags"]:
            a, b = map(int, h["indices"])
            assert text[a:b] == "#" + h["text"], (text, h)
        for u in ents["urls"] + ents.get("media", []):
            a, b = map(int, u["indices"])
            assert text[a:b] == u["url"] and len(u["url"]) == 23, (text, u)
        if "media" in ents:
            assert ents["media"][0]["id_str"] == t["extended_entities"]["media"][0]["id_str"]
            assert "video_info" not in ents["media"][0]
        if text.startswith("RT @"):
            assert t["favorite_count"] == t["retweet_count"] == "0" and len(text) <= 140


def test_the_shape_is_close_to_the_real_archives(sample: Path) -> None:
    got = figures(measure(sample))
    assert got["edit_info"] == 1.0  # today's format: every row
    off = []
    for key, want in REAL_YTD.items():
        if key in RELATIVE:
            ok = abs(got[key] - want) <= RELATIVE[key] * want
        else:
            ok = abs(got[key] - want) <= ABSOLUTE.get(key, DEFAULT_ABSOLUTE)
        if not ok:
            off.append(f"{key}: generated {got[key]:.4g}, real {want:.4g}")
    assert not off, off


@pytest.mark.skipif(not REAL, reason=REAL_SKIP)
def test_the_targets_are_still_what_the_real_archives_say() -> None:
    assert REAL
    sums = [measure(p) for p in sorted(Path(REAL).iterdir()) if p.is_dir()]
    sums = [s for s in sums if s["tweets"]]
    assert len(sums) == 4
    real = figures(pool(sums))
    assert real["tweets"] == 4311
    for key, want in REAL_YTD.items():
        assert abs(real[key] - want) <= abs(want) * 0.001 + 1e-9, (key, real[key], want)


@pytest.mark.skipif(not REAL, reason=REAL_SKIP)
def test_items_are_pretty_printed_byte_for_byte_as_in_a_real_file() -> None:
    from roost.sample.sink import dump_item

    assert REAL
    original = (Path(REAL) / "andreruffert__twitter" / "data" / "tweets.js").read_bytes()
    items = json.loads(original[original.index(b"=") + 1:])
    rebuilt = b"window.YTD.tweets.part0 = [\n" + b",\n".join(dump_item(i) for i in items) + b"\n]"
    assert rebuilt == original


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if f.is_file():
            h.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes())
    return h.hexdigest()


def test_same_arguments_same_bytes(tmp_path: Path) -> None:
    kw: dict[str, Any] = {"tweets": 400, "owner_id": "4242", "username": "det"}
    a = write_sample_archive(tmp_path / "a", **kw)
    b = write_sample_archive(tmp_path / "b", **kw)
    c = write_sample_archive(tmp_path / "c", seed=7, **kw)
    assert _digest(a) == _digest(b) != _digest(c)
    z1 = write_sample_archive(tmp_path / "a.zip", zip=True, **kw)
    z2 = write_sample_archive(tmp_path / "b.zip", zip=True, **kw)
    assert z1.read_bytes() == z2.read_bytes()
    with zipfile.ZipFile(z1) as zf:
        assert zf.read("data/tweets.js") == (a / "data" / "tweets.js").read_bytes()


def test_parts_stay_within_part_bytes(tmp_path: Path) -> None:
    folder = write_sample_archive(tmp_path / "parts", tweets=1500, part_bytes=1_000_000)
    parts = sorted((folder / "data").glob("tweets*.js"))
    assert len(parts) >= 3 and all(p.stat().st_size <= 1_000_000 for p in parts)
    entries = _manifest(folder)["dataTypes"]["tweets"]["files"]
    assert [e["globalName"] for e in entries] == [f"YTD.tweets.part{k}" for k in range(len(parts))]
    assert sum(int(e["count"]) for e in entries) == len(_tweet_rows(folder))


def test_module_command_line(tmp_path: Path) -> None:
    out = tmp_path / "cli.zip"
    proc = subprocess.run([sys.executable, "-m", "roost.sample", str(out), "--tweets", "120", "--zip"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "120 tweets" in proc.stdout
    with zipfile.ZipFile(out) as zf:
        assert "data/manifest.js" in zf.namelist() and "data/tweets.js" in zf.namelist()
