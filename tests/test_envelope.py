"""The envelope reader and hostile-but-well-formed files: nothing silently lost, limits said in words, linear time.

Each test builds its archive from the ytd2022_parts_edits fixture, damaging one file. The slow-path tests are
not timing assertions: their inputs are sized so the old code took from half a minute to several minutes (the
test would hang), while the linear code takes about a second.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES
from roost import archive as archive_module
from roost.archive import envelope, jsontext
from roost.load import open_archive

BASE = FIXTURES / "ytd2022_parts_edits"
SECRET = "SECRET-TWEET-TEXT-7"


def _expected_tweets() -> int:
    return json.loads((BASE / "EXPECTED.json").read_text())["tweets_total"]


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "archive"
    shutil.copytree(BASE, dest)
    return dest


def _edit(folder: Path, name: str, change) -> None:  # type: ignore[no-untyped-def]
    path = folder / "data" / name
    path.write_bytes(change(path.read_bytes()))


def _body(folder: Path, name: str) -> bytes:
    """The JSON of a data file, without its `name = ` prefix."""
    data = (folder / "data" / name).read_bytes()
    return data[data.index(b"=") + 1 :].strip()


def _rows(loaded, path: str) -> tuple:  # type: ignore[no-untyped-def]
    return loaded.con.execute(
        "select items_read, status, part, manifest_count from archive_files where path = ?", [path]
    ).fetchone()


def _manifest(folder: Path) -> dict:
    text = (folder / "data" / "manifest.js").read_text()
    return json.loads(text.split("=", 1)[1])


def _write_manifest(folder: Path, doc: dict) -> None:
    (folder / "data" / "manifest.js").write_text("window.__THAR_CONFIG = " + json.dumps(doc, indent=2))


def _assert_one_line_error(code: int, err: str, *needles: str) -> str:
    assert code == 1, err
    lines = [line for line in err.strip().splitlines() if line.startswith("roost: error:")]
    assert len(lines) == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


# --- silent loss: blank lines, padding and comments around the JSON ----------------------------------------


@pytest.mark.parametrize("where", ["before the prefix", "after the equals sign", "both, with CRLF"])
def test_megabytes_of_blank_lines_lose_no_tweet(tmp_path: Path, where: str) -> None:
    """A valid tweets.js after 2 MB of blank lines once loaded 0 tweets, exit 0 (the head search gave up at 1 MB)."""
    folder = _copy(tmp_path)
    blank = b"\n" * 2_000_000
    if where == "before the prefix":
        _edit(folder, "tweets.js", lambda b: blank + b)
    elif where == "after the equals sign":
        _edit(folder, "tweets.js", lambda b: b.replace(b"= ", b"=" + blank, 1))
    else:
        _edit(folder, "tweets.js", lambda b: b"\r\n" * 1_000_000 + b.replace(b"= ", b"=" + b"\r\n" * 1_000_000, 1))
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()
        items, status, _, manifest_count = _rows(loaded, "data/tweets.js")
        assert (items, status) == (manifest_count, "loaded")
        assert not any("tweets.js" in w for w in loaded.warnings), loaded.warnings


@pytest.mark.parametrize(
    "tail",
    [
        b"\x00" * 300,  # past the 256 bytes the old tail trim looked at
        b";\n" * 300,
        b"\x00" * 3_000_000,
        b";\r\n\x00 \t" * 100_000,
    ],
    ids=["300 NULs", "300 semicolon lines", "3 MB of NULs", "mixed padding"],
)
def test_trailing_padding_of_any_length_is_accepted(tmp_path: Path, tail: bytes) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "tweets.js", lambda b: b + tail)
    _edit(folder, "follower.js", lambda b: b + tail)
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()
        for path in ("data/tweets.js", "data/follower.js"):
            items, status, _, manifest_count = _rows(loaded, path)
            assert (items, status) == (manifest_count, "loaded"), path


ENVELOPES = {
    "BOM and line comment first": lambda body: b"\xef\xbb\xbf// exported by a tool\nwindow.YTD.tweets.part0 = " + body,
    "block comment holding = before the name": lambda body: b"/* a = b; [1] */ window.YTD.tweets.part0 = " + body,
    "comments between name and JSON": lambda body: b"window.YTD.tweets.part0 /* x */ = // y\n /* z */ " + body,
    "comments after the JSON": lambda body: b"window.YTD.tweets.part0 = " + body + b" // end ] of file\n/* trailer } */;\n",
    "line comment without a final newline": lambda body: b"window.YTD.tweets.part0 = " + body + b";// done",
    "var and CRLF": lambda body: b"var tweets_part0 =\r\n\r\n " + body.replace(b"\n", b"\r\n") + b";\r\n",
    "bare JSON, blanks around": lambda body: b"\n\n  " + body + b"\n\n",
    "one long line": lambda body: b"window.YTD.tweets.part0 = " + json.dumps(json.loads(body)).encode() + b" /* c */",
}


@pytest.mark.parametrize("name", sorted(ENVELOPES))
def test_envelopes_a_javascript_engine_accepts(tmp_path: Path, name: str) -> None:
    folder = _copy(tmp_path)
    body = _body(folder, "tweets.js")
    (folder / "data" / "tweets.js").write_bytes(ENVELOPES[name](body))
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()
        assert _rows(loaded, "data/tweets.js")[1] == "loaded"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"window.YTD.tweets.part0 = /* never closed [ ]", "never ends"),
        (b"x" * 10_000 + b" = []", "no `name = ` prefix"),
        (b"window.YTD.tweets.part0 = 42", "does not hold a JSON array or object"),
        (b"window.YTD.tweets.part0 = [] trailing junk", "not valid JSON"),
    ],
)
def test_what_is_not_an_envelope_is_one_clear_error(cli, tmp_path: Path, data: bytes, message: str) -> None:
    folder = _copy(tmp_path)
    (folder / "data" / "tweets.js").write_bytes(data)
    code, _, err = cli(["indicators", folder])
    _assert_one_line_error(code, err, "data/tweets.js", message)


def test_a_blank_file_is_still_blank(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "data" / "block.js").write_bytes(b"\n" * 2_000_000 + b"// nothing\n/* here */\n")
    (folder / "data" / "mute.js").write_bytes(b"window.YTD.mute.part0 = \n\n")
    with open_archive(folder) as loaded:
        assert _rows(loaded, "data/block.js")[:2] == (0, "blank")
        assert _rows(loaded, "data/mute.js")[:2] == (0, "blank")


def test_a_file_of_items_that_are_not_objects_is_not_zero_items(cli, tmp_path: Path) -> None:
    """A tweets file whose items are all unreadable is an error (a warning for other files), never "0 items"."""
    folder = _copy(tmp_path)
    (folder / "data" / "tweets.js").write_bytes(b'window.YTD.tweets.part0 = [1, "two", [3]]')
    (folder / "data" / "follower.js").write_bytes(b'window.YTD.follower.part0 = [1, {"follower": {"accountId": "9"}}]')
    code, _, err = cli(["indicators", folder])
    _assert_one_line_error(code, err, "data/tweets.js", "none is a JSON object", "--skip-broken")
    code, _, err = cli(["indicators", folder, "--skip-broken"])
    assert code == 0, err
    assert "data/follower.js: 1 of its 2 items are not JSON objects" in err


# --- lone surrogates ------------------------------------------------------------------------------------------


def test_a_lone_surrogate_is_replaced_with_one_warning(cli, tmp_path: Path) -> None:
    """One `\\ud800` in a tweet's text once refused the whole tweets.js as "not valid JSON"."""
    folder = _copy(tmp_path)
    _edit(folder, "tweets.js", lambda b: b.replace(b'"full_text" : "', b'"full_text" : "' + SECRET.encode() + b"\\ud800 ", 1))
    _edit(folder, "tweets-part1.js", lambda b: b.replace(b'"full_text" : "', b'"full_text" : "\\uDC00\\\\ud800', 1))
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()
        texts = [r[0] for r in loaded.con.execute("select full_text from raw_tweets where full_text like '%\ufffd%'").fetchall()]
        assert len(texts) == 2
        assert any(t.startswith(SECRET + "\ufffd ") for t in texts)
        assert any(t.startswith("\ufffd\\ud800") for t in texts)  # an escaped backslash is text, left alone
        warned = [w for w in loaded.warnings if "surrogate" in w]
        assert len(warned) == 2 and any(w.startswith("data/tweets.js ") for w in warned)
    code, _, err = cli(["indicators", folder])
    assert code == 0 and err.count("surrogate") == 2 and SECRET not in err, err


@pytest.mark.parametrize(
    "text, fixed",
    [
        (rb"\ud800", rb"\ufffd"),
        (rb"a\udfffb", rb"a\ufffdb"),
        (rb"\ud83d\ude00", rb"\ud83d\ude00"),  # a pair is one character
        (rb"\uD83D\uDE00\ud83d", rb"\uD83D\uDE00\ufffd"),
        (rb"\ude00\ud83d", rb"\ufffd\ufffd"),  # low then high is no pair
        (rb"\\ud800", rb"\\ud800"),  # an escaped backslash, then text
        (rb"\\\ud800", rb"\\\ufffd"),
        (rb"\u00e9\ud7ff\ue000", rb"\u00e9\ud7ff\ue000"),  # around the surrogate range
    ],
)
@pytest.mark.parametrize("chunk", [1, 5, 7, 13, 1024])
def test_lone_surrogate_rewriting_across_chunk_boundaries(
    tmp_path: Path, monkeypatch, text: bytes, fixed: bytes, chunk: int
) -> None:
    monkeypatch.setattr(jsontext, "CHUNK", chunk)
    path = tmp_path / "f.json"
    prefix = b'["' + b"x" * 11
    path.write_bytes(prefix + text + b'"]')
    archive_module.replace_lone_surrogates(path)
    assert path.read_bytes() == prefix + fixed + b'"]'


def test_a_lone_surrogate_in_the_manifest_is_replaced_with_one_warning(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "manifest.js", lambda b: b.replace(b'"Roost Owner"', b'"Roost \\ud800Owner"'))
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()
        assert loaded.con.execute("select owner_id from archive").fetchone()[0] == "1000000000000000042"
        assert len([w for w in loaded.warnings if "data/manifest.js" in w and "surrogate" in w]) == 1


# --- limits said in words -------------------------------------------------------------------------------------


def test_an_item_larger_than_roost_reads_says_so(cli, tmp_path: Path) -> None:
    """A 100 MB tweet text was reported as "not valid JSON" (and its error path read it all with orjson)."""
    folder = _copy(tmp_path)
    _edit(folder, "tweets.js", lambda b: b.replace(b'"full_text" : "', b'"full_text" : "' + b"x" * 100_000_000, 1))
    code, _, err = cli(["indicators", folder])
    _assert_one_line_error(
        code, err, "data/tweets.js holds an item larger than 32 MB, more than roost reads", "--skip-broken"
    )
    assert "xxxxxxxx" not in err


def _zip_with_members(path: Path, count: int) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for p in sorted(BASE.rglob("*")):
            if p.is_file():
                z.write(p, p.relative_to(BASE).as_posix())
        for i in range(count):
            z.writestr(f"data/junk-{i}.js", b"window.YTD.junk.part0 = [ ]")
    return path


def test_more_data_files_than_any_archive_is_refused_in_words(cli, tmp_path: Path) -> None:
    """20,000 tiny `.js` members took over a minute (200,000 took 9 minutes); now one line, at once."""
    z = _zip_with_members(tmp_path / "many.zip", 20_000)
    code, _, err = cli(["indicators", z])
    _assert_one_line_error(code, err, "many.zip", "20,019 data files", "at most 2,000")


def test_a_real_number_of_data_files_still_loads(tmp_path: Path) -> None:
    z = _zip_with_members(tmp_path / "some.zip", 200)
    with open_archive(z) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()


@pytest.mark.parametrize("entries, message", [(100_000, "data/manifest.js lists 100,018 files"),
                                              (400_000, "data/manifest.js is 20,")])
def test_more_manifest_entries_than_any_archive_is_refused_in_words(
    cli, tmp_path: Path, entries: int, message: str
) -> None:
    """Each manifest entry naming an absent file cost about 1 ms: 100,000 of them took minutes."""
    folder = _copy(tmp_path)
    doc = _manifest(folder)
    doc["dataTypes"]["junk"] = {"files": [{"fileName": f"data/junk-part{i}.js", "count": "1"} for i in range(entries)]}
    (folder / "data" / "manifest.js").write_text("window.__THAR_CONFIG = " + json.dumps(doc, separators=(",", ":")))
    code, _, err = cli(["indicators", folder])
    _assert_one_line_error(code, err, str(folder), message)


# --- part numbers and counts past 32 and 64 bits ---------------------------------------------------------------


def test_a_part_number_past_32_bits_is_read_with_no_part(cli, tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "data" / "tweets-part1.js").rename(folder / "data" / "tweets-part3000000000.js")
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()
        items, status, part, _ = _rows(loaded, "data/tweets-part3000000000.js")
        assert (status, part) == ("loaded", None) and items > 0
        assert len([w for w in loaded.warnings if "tweets-part3000000000.js" in w and "part number" in w]) == 1
    code, _, err = cli(["indicators", folder])
    assert code == 0 and "Traceback" not in err, err


def test_a_5000_digit_part_number_in_a_zip_member_is_no_crash(tmp_path: Path) -> None:
    z = tmp_path / "a.zip"
    long_name = "data/like-part" + "7" * 5000 + ".js"
    with zipfile.ZipFile(z, "w") as f:
        for p in sorted(BASE.rglob("*")):
            if p.is_file():
                f.write(p, p.relative_to(BASE).as_posix())
        f.writestr(long_name, (BASE / "data" / "like-part1.js").read_bytes())
    with open_archive(z) as loaded:
        assert _rows(loaded, long_name)[1:3] == ("loaded", None)
        warned = [w for w in loaded.warnings if "part number" in w]
        assert len(warned) == 1 and len(warned[0]) < 300


def test_a_5000_digit_part_number_in_the_manifest_is_no_crash(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    doc = _manifest(folder)
    doc["dataTypes"]["tweets"]["files"].append({"fileName": "data/tweets-part" + "9" * 5000 + ".js", "count": "3"})
    _write_manifest(folder, doc)
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()
        warned = [w for w in loaded.warnings if "part number" in w]
        assert len(warned) == 1 and "data/manifest.js" in warned[0] and len(warned[0]) < 300


@pytest.mark.parametrize("count", [str(2**63), str(10**30), "9" * 5000, "-3", 2**63, 1.5])
def test_an_absurd_manifest_count_is_unknown_with_one_warning(tmp_path: Path, count: object) -> None:
    folder = _copy(tmp_path)
    doc = _manifest(folder)
    for spec in doc["dataTypes"].values():
        for entry in spec.get("files", []):
            if entry["fileName"] in ("data/tweets.js", "data/like.js"):
                entry["count"] = count
    doc["dataTypes"]["tweets"]["files"].append({"fileName": "data/tweets-part7.js", "count": count})  # absent
    _write_manifest(folder, doc)
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()
        for path in ("data/tweets.js", "data/like.js", "data/tweets-part7.js"):
            assert _rows(loaded, path)[3] is None, path
        warned = [w for w in loaded.warnings if "`count`" in w]
        assert len(warned) == 1, loaded.warnings
        assert "data/manifest.js" in warned[0] and "data/tweets.js" in warned[0] and len(warned[0]) < 400


# --- slow paths: linear in the file's size --------------------------------------------------------------------


def test_fifty_megabytes_of_spaces_after_the_equals_sign(tmp_path: Path) -> None:
    """The old reader grew its buffer by 64 KB at a time and stripped it again each time: 50 MB took 36 s."""
    folder = _copy(tmp_path)
    _edit(folder, "tweets.js", lambda b: b.replace(b"= ", b"=" + b" " * 50_000_000, 1))
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] == _expected_tweets()


def test_fifty_megabytes_of_comments_and_blank_lines_around_the_json(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    comment = b"/*" + b"*" * 20_000_000 + b"*/"
    lines = b"// padding\n" * 1_000_000
    _edit(folder, "follower.js", lambda b: lines + comment + b + comment + lines)
    with open_archive(folder) as loaded:
        items, status, _, manifest_count = _rows(loaded, "data/follower.js")
        assert (items, status) == (manifest_count, "loaded")


# --- memory on the error path ---------------------------------------------------------------------------------


def _damaged_json(path: Path, items: int) -> tuple[int, int]:
    """A large array of tweets with one error near its end; returns the error's (line, column)."""
    tweet = json.dumps({"tweet": {"id_str": "1", "full_text": "caf\u00e9 " * 40, "entities": {"urls": []}}}, indent=2)
    body = ",\n".join([tweet] * items)
    bad = body.rindex('"full_text"')
    body = body[:bad] + "oops" + body[bad:]
    text = "[\n" + body + "\n]"
    path.write_text(text, encoding="utf-8")
    at = text.index("oops")
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def test_the_error_path_reads_a_damaged_file_in_bounded_memory(tmp_path: Path) -> None:
    """The old error path parsed the whole file with orjson: a 300 MB file peaked at 1.3 GB."""
    from roost.raw import json_error

    path = tmp_path / "big.json"
    line, column = _damaged_json(path, 70_000)
    assert path.stat().st_size > 30 * 1024**2
    tracemalloc.start()
    try:
        message = json_error("data/tweets.js", path, duckdb.InvalidInputException("malformed"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert f"(line {line}, column {column})" in message
    assert peak < 16 * 1024**2, f"{peak:,} bytes"


@pytest.mark.parametrize(
    "text",
    [
        '[{"a": 1},\n {"b": oops}]',
        '[\n  {"a": "x"}\n  {"b": 2}\n]',
        '[{"a": "unterminated',
        '[{"a": 1}] extra',
        '[{"a": NaN}]',
        '{"a": [1, 2,, 3]}',
        '[1, 2',
        "[" + ('{"k": "' + "v" * 5000 + '"},') * 300 + " }]",
    ],
)
@pytest.mark.parametrize("chunk", [3, 64, 1024 * 1024])
def test_the_json_error_is_placed_where_a_full_parser_places_it(tmp_path: Path, text: str, chunk: int) -> None:
    import orjson

    path = tmp_path / "f.json"
    path.write_text(text)
    with pytest.raises(orjson.JSONDecodeError) as full:
        orjson.loads(text)
    assert archive_module.locate_json_error(path, chunk) == (full.value.lineno, full.value.colno)


def test_the_error_line_counts_the_files_own_lines(cli, tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    _edit(folder, "tweets.js", lambda b: b"\n\n\n" + b.replace(b'"full_text" : "', b'"full_text" : oops "', 1))
    data = (folder / "data" / "tweets.js").read_bytes()
    at = data.index(b"oops")
    line = data.count(b"\n", 0, at) + 1
    column = at - data.rfind(b"\n", 0, at)
    code, _, err = cli(["indicators", folder])
    _assert_one_line_error(code, err, f"data/tweets.js is not valid JSON (line {line}, column {column})")


def test_copy_stripped_places_the_json_start(tmp_path: Path) -> None:
    src = io.BytesIO(b"// a\n\n  window.x /* b */ =  [1]  ;")
    out = io.BytesIO()
    shape, size, start = envelope.copy_stripped(src, out, "data/x.js")
    assert (shape, out.getvalue()[:size], start) == ("array", b"[1]", (3, 23))
    assert re.fullmatch(rb"\[1\]", out.getvalue()[:size])


def _random_tail(rng) -> bytes:  # type: ignore[no-untyped-def]
    """Padding and JS comments in some random order, with the characters that could confuse a reader."""
    words = [b"end", b"]", b"}", b"[1]", b"//", b"/", b"*", b"=", b";", b" ", b"x", b"http://a", b"\xc3\xa9", b"\""]
    parts = []
    for _ in range(rng.randint(0, 6)):
        kind = rng.choice(["pad", "line", "block", "multiline"])
        text = b"".join(rng.choice(words) for _ in range(rng.randint(0, 5)))
        if kind == "pad":
            parts.append(bytes(rng.choice(b" \t\r\n;\x00") for _ in range(rng.randint(1, 5))))
        elif kind == "line":
            parts.append(b"//" + text + b"\n")
        elif kind == "block":
            parts.append(b"/*" + text.replace(b"*", b"") + b"*/")
        else:
            parts.append(b"/*\n" + text.replace(b"*", b"") + b"\n" + text.replace(b"*", b"") + b"\n*/")
    if rng.random() < 0.3:
        parts.append(b"// no final newline " + rng.choice(words))
    return b"".join(parts)


@pytest.mark.parametrize("chunk", [16, 64, 1024 * 1024])
def test_random_trailers_are_cut_exactly(monkeypatch, chunk: int) -> None:
    import random

    monkeypatch.setattr(envelope, "CHUNK", chunk)
    rng = random.Random(20261203 + chunk)
    bodies = [
        b'[ {\n  "a" : "http://x // y /* z */ ]"\n} ]',
        b'[\n  "a",\n  "b // c"\n]',
        b'{"k": ["*/", "/*", "]"]}',
        b"[]",
        b'[\n  { "t" : "' + b"w" * 100 + b'" }\n]',
    ]
    for _ in range(400):
        body = rng.choice(bodies)
        tail = _random_tail(rng)
        out = io.BytesIO()
        _, size, _ = envelope.copy_stripped(io.BytesIO(b"window.x = " + body + tail), out, "x.js")
        assert out.getvalue()[:size] == body, (body, tail)
