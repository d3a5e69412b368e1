"""Bad input: one clear line naming the file and what to do, exit 1, no traceback, no tweet text."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, zip_folder

SECRET_TEXT = "This tweet text must never appear in an error"


def _assert_one_line_error(code: int, err: str, *needles: str) -> None:
    assert code == 1, err
    lines = [line for line in err.strip().splitlines() if line.startswith("roost: error:")]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for n in needles:
        assert n in lines[0], lines[0]


def _copy(tmp_path: Path, name: str = "ytd2022_parts_edits") -> Path:
    dest = tmp_path / name
    shutil.copytree(FIXTURES / name, dest)
    return dest


def test_missing_path(cli, tmp_path: Path) -> None:
    code, _, err = cli(["indicators", tmp_path / "nope.zip"])
    _assert_one_line_error(code, err, "nope.zip", "does not exist")


def test_not_a_zip(cli, tmp_path: Path) -> None:
    bad = tmp_path / "archive.zip"
    bad.write_bytes(b"this is not a zip at all")
    code, _, err = cli(["indicators", bad])
    _assert_one_line_error(code, err, "archive.zip", "not a zip")


def test_zip_without_an_archive(cli, tmp_path: Path) -> None:
    z = tmp_path / "holiday.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.writestr("photos/beach.jpg", b"\xff\xd8")
    code, _, err = cli(["indicators", z])
    _assert_one_line_error(code, err, "holiday.zip", "Download an archive")


def test_folder_without_an_archive(cli, tmp_path: Path) -> None:
    code, _, err = cli(["indicators", tmp_path])
    _assert_one_line_error(code, err, str(tmp_path), "manifest.js")


def test_truncated_zip(cli, tmp_path: Path) -> None:
    z = zip_folder(FIXTURES / "ytd2022_parts_edits", tmp_path / "a.zip")
    data = z.read_bytes()
    z.write_bytes(data[: len(data) // 2])
    code, _, err = cli(["indicators", z])
    _assert_one_line_error(code, err, "a.zip")


def test_corrupt_member(cli, tmp_path: Path) -> None:
    z = tmp_path / "c.zip"
    folder = FIXTURES / "ytd2022_parts_edits"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_STORED) as f:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                f.write(p, p.relative_to(folder).as_posix())
    raw = bytearray(z.read_bytes())
    with zipfile.ZipFile(z) as f:
        info = f.getinfo("data/tweets.js")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + 40
    raw[start : start + 20] = b"X" * 20
    z.write_bytes(bytes(raw))
    code, _, err = cli(["indicators", z])
    _assert_one_line_error(code, err, "data/tweets.js")


def test_encrypted_member(cli, tmp_path: Path) -> None:
    z = zip_folder(FIXTURES / "ytd2022_parts_edits", tmp_path / "e.zip")
    raw = bytearray(z.read_bytes())
    with zipfile.ZipFile(z) as f:
        infos = f.infolist()
    for info in infos:  # set the "encrypted" flag bit in the local and central headers
        raw[info.header_offset + 6] |= 0x1
    cd = raw.find(b"PK\x01\x02")
    while cd != -1:
        raw[cd + 8] |= 0x1
        cd = raw.find(b"PK\x01\x02", cd + 4)
    z.write_bytes(bytes(raw))
    code, _, err = cli(["indicators", z])
    _assert_one_line_error(code, err, "encrypted")


def test_broken_tweets_file_is_an_error_unless_skip_broken(cli, tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    part = folder / "data" / "tweets-part1.js"
    text = part.read_text()
    part.write_text(text[: len(text) // 2] + f'"{SECRET_TEXT}"')
    code, _, err = cli(["indicators", folder])
    _assert_one_line_error(code, err, "data/tweets-part1.js", "--skip-broken", "line")
    assert SECRET_TEXT not in err
    code, out, err = cli(["indicators", folder, "--skip-broken", "--format", "json"])
    assert code == 0, err
    assert "tweets-part1.js" in err and SECRET_TEXT not in err
    assert '"tweets_total"' in out


def test_broken_optional_file_is_a_warning(cli, tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "data" / "like.js").write_text("window.YTD.like.part0 = [ { oops")
    code, out, err = cli(["indicators", folder, "--format", "json"])
    assert code == 0, err
    assert "warning" in err and "like.js" in err
    import json

    doc = json.loads(out)
    assert doc["indicators"]["tweets_total"] > 0
    assert doc["indicators"]["followers"] is not None


def test_envelope_variants(tmp_path: Path) -> None:
    from roost.load import open_archive

    folder = _copy(tmp_path)
    f = folder / "data" / "follower.js"
    body = f.read_text().split("=", 1)[1]
    f.write_bytes(b"\xef\xbb\xbf" + ("window.YTD.whatever_name.part0 =" + body + ";\n").encode())
    with open_archive(folder) as loaded:
        n = loaded.con.execute("select items_read from archive_files where path = 'data/follower.js'").fetchone()[0]
        assert n > 0


def _assert_usage_error(code: int, err: str, *needles: str) -> None:
    """A bad option value is a usage error: exit 2, typer's message naming the option, no traceback."""
    assert code == 2, err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in err


def test_unknown_format_option(cli) -> None:
    code, _, err = cli(["indicators", FIXTURES / "ytd2020_wrapped", "--format", "xml"])
    _assert_usage_error(code, err, "--format", "xml")


@pytest.mark.parametrize("bad", ["not/a/zone", "Mars/Olympus"])
def test_bad_time_zone(cli, bad: str) -> None:
    code, _, err = cli(["indicators", FIXTURES / "ytd2020_wrapped", "--tz", bad])
    _assert_usage_error(code, err, "--tz", bad)


def test_zip_bomb_is_refused_early(cli, tmp_path: Path, monkeypatch) -> None:
    import roost.archive as archive

    z = tmp_path / "bomb.zip"
    folder = FIXTURES / "ytd2022_parts_edits"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as f:
        for p in sorted(folder.rglob("*")):
            if p.is_file() and p.name != "tweets.js":
                f.write(p, p.relative_to(folder).as_posix())
        f.writestr("data/tweets.js", b"window.YTD.tweets.part0 = [" + b" " * (64 * 1024 * 1024) + b"]")
    monkeypatch.setattr(archive, "RATIO_FLOOR", 1024 * 1024)
    code, _, err = cli(["indicators", z])
    _assert_one_line_error(code, err, "zip bomb")


def test_invalid_utf8_quoted_in_duckdbs_message_is_handled(tmp_path: Path) -> None:
    """Found by the fuzzer: DuckDB's error message cut a character in two and Python could not decode it.

    The file is the fuzzer's own failing case (tests/regressions/), a tweets part with a list where a tweet
    object belongs.
    """
    from roost.load import open_archive

    folder = _copy(tmp_path)
    regression = Path(__file__).parent / "regressions" / "tweets-part1-duckdb-message-cut-in-utf8.js"
    (folder / "data" / "tweets-part1.js").write_bytes(regression.read_bytes())
    with open_archive(folder) as loaded:
        assert loaded.con.execute("select count(*) from tweets").fetchone()[0] >= 1


def test_a_first_key_that_is_not_utf8_loads_the_likes(tmp_path: Path) -> None:
    """Found by the fuzzer (CI, 2026-12): a byte that is not UTF-8 inside the first key of a like file broke
    the check that tells wrapped items from flat ones. The file now goes the general way, repaired."""
    from roost.load import open_archive

    folder = _copy(tmp_path)
    like = folder / "data" / "like.js"
    original = like.read_bytes()
    assert b'[{"like"' in original.replace(b" ", b"").replace(b"\n", b"")
    damaged = original.replace(b'"like"', b'"\x80like"', 1)
    like.write_bytes(damaged)
    with open_archive(folder) as loaded:
        likes = loaded.con.execute("select count(*) from likes").fetchone()[0]
    # The damaged item's wrapper is unknown; the other likes still load.
    assert likes >= original.count(b'"like"') - 1 >= 1


def test_absurd_counts_do_not_overflow(cli, tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    part = folder / "data" / "tweets.js"
    text = part.read_text()
    text = text.replace('"favorite_count" : "', '"favorite_count" : "9223372036854775807', 1)
    text = text.replace('"retweet_count" : "', '"retweet_count" : "-', 1)
    part.write_text(text)
    code, out, err = cli(["indicators", folder, "--format", "json"])
    assert code == 0, err
    import json

    doc = json.loads(out)
    assert doc["indicators"]["likes_received"] is None  # a count roost cannot believe is a missing count
