"""One archive, one account: what was given is identified before anything is computed or written."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, zip_folder
from roost.sample import write_sample_archive

ALICE, BOB = "1000000000000000101", "1000000000000000202"


@pytest.fixture(scope="module")
def accounts(tmp_path_factory) -> dict[str, Path]:
    """Two small archives of two different accounts, as folders and zips."""
    base = tmp_path_factory.mktemp("accounts")
    out: dict[str, Path] = {}
    for name, owner in (("alice", ALICE), ("bob", BOB)):
        folder = write_sample_archive(base / name, tweets=60, owner_id=owner, username=f"{name}_account")
        out[name] = folder
        out[f"{name}.zip"] = zip_folder(folder, base / f"{name}.zip")
    return out


def _refused(code: int, err: str, *needles: str) -> None:
    assert code == 1, err
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("roost: error:")]
    assert len(errors) == 1, err
    for needle in needles:
        assert needle in errors[0], (needle, errors[0])


@pytest.mark.parametrize("form", ["zips", "folders", "zip and folder"])
@pytest.mark.parametrize("command", ["report", "indicators", "load", "sql"])
def test_two_accounts_are_refused_naming_both(cli, accounts, tmp_path: Path, form: str, command: str) -> None:
    a, b = {
        "zips": (accounts["alice.zip"], accounts["bob.zip"]),
        "folders": (accounts["alice"], accounts["bob"]),
        "zip and folder": (accounts["alice.zip"], accounts["bob"]),
    }[form]
    target = tmp_path / "out" / "result"
    args = {
        "report": ["report", a, b, "-o", target],
        "indicators": ["indicators", a, b, "--format", "json"],
        "load": ["load", a, b, "-o", target],
        "sql": ["sql", a, b, "select count(*) from tweets"],
    }[command]
    code, out, err = cli(args)
    _refused(code, err, "@alice_account", ALICE, "@bob_account", BOB, str(a), str(b), "roost batch", "roost diff")
    assert out == ""
    assert not (tmp_path / "out").exists(), "nothing may be written"


@pytest.mark.parametrize("container", ["folder", "zip"])
def test_a_container_of_several_archives_is_refused_listing_them(cli, accounts, tmp_path: Path, container: str) -> None:
    holder = tmp_path / "many"
    shutil.copytree(accounts["alice"], holder / "alice-2025")
    shutil.copytree(accounts["bob"], holder / "bob-2025")
    source = holder if container == "folder" else zip_folder(holder, tmp_path / "many.zip")
    for args in (["indicators", source], ["report", source, "-o", tmp_path / "r.html"], ["load", source, "-o", tmp_path / "x.duckdb"],
                 ["sql", source, "select 1"]):
        code, _, err = cli(args)
        _refused(code, err, "2 archives", "alice-2025", "bob-2025", "@alice_account", "@bob_account", "roost batch")
    assert not (tmp_path / "r.html").exists() and not (tmp_path / "x.duckdb").exists()


def test_batch_processes_each_archive_of_a_zip_or_folder(cli, accounts, tmp_path: Path) -> None:
    holder = tmp_path / "many"
    shutil.copytree(accounts["alice"], holder / "alice-2025")
    shutil.copytree(accounts["bob"], holder / "bob-2025")
    zipped = zip_folder(holder, tmp_path / "many.zip")
    for source, out in ((holder, tmp_path / "out-folder"), (zipped, tmp_path / "out-zip")):
        code, _, err = cli(["batch", source, "-o", out, "--jobs", "1"])
        assert code == 0, err
        rows = json.loads((out / "indicators.json").read_text())["archives"]
        assert sorted(r["account_id"] for r in rows) == sorted([ALICE, BOB]), rows
        assert all(r["status"] == "done" for r in rows)


def test_two_snapshots_of_one_account_point_to_diff(cli, tmp_path: Path) -> None:
    old = write_sample_archive(tmp_path / "old", tweets=40, owner_id=ALICE, username="alice_account",
                               generated_at="2025-01-01T00:00:00.000Z")
    new = write_sample_archive(tmp_path / "new", tweets=40, owner_id=ALICE, username="alice_account",
                               generated_at="2026-01-01T00:00:00.000Z")
    code, _, err = cli(["indicators", old, new])
    _refused(code, err, "roost diff", "2025-01-01", "2026-01-01", str(old), str(new))


def test_the_same_zip_twice_gives_the_figures_of_one(cli, accounts, tmp_path: Path) -> None:
    copy = tmp_path / "copy-of-alice.zip"
    shutil.copy(accounts["alice.zip"], copy)
    _, once, _ = cli(["indicators", accounts["alice.zip"], "--format", "json"])
    for given in ([accounts["alice.zip"], accounts["alice.zip"]], [accounts["alice.zip"], copy]):
        code, twice, err = cli(["indicators", *given, "--format", "json"])
        assert code == 0, err
        assert json.loads(twice)["indicators"] == json.loads(once)["indicators"]
        assert len([line for line in err.splitlines() if "warning" in line]) <= 2, err  # no warning storm


def test_a_split_archive_in_two_zips_gives_the_folders_figures(cli, tmp_path: Path) -> None:
    folder = FIXTURES / "ytd2022_parts_edits"
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.parent.name == "data")
    first, second = tmp_path / "part1.zip", tmp_path / "part2.zip"
    for target, chosen in ((first, files[::2]), (second, files[1::2])):
        with zipfile.ZipFile(target, "w") as z:
            for p in chosen:
                z.write(p, p.relative_to(folder).as_posix())
            if not any(p.name == "manifest.js" for p in chosen):
                z.write(folder / "data" / "manifest.js", "data/manifest.js")  # every part carries the manifest
    _, whole, _ = cli(["indicators", folder, "--format", "json"])
    code, split, err = cli(["indicators", first, second, "--format", "json"])
    assert code == 0, err
    assert json.loads(split)["indicators"] == json.loads(whole)["indicators"]
    code, out, err = cli(["sql", first, second, "select count(*) as n from tweets", "--format", "json"])
    assert code == 0, err
    assert json.loads(out)[0]["n"] == json.loads(whole)["indicators"]["tweets_total"]


def test_one_file_with_two_contents_is_refused(cli, tmp_path: Path) -> None:
    folder = FIXTURES / "ytd2020_wrapped"
    a = zip_folder(folder, tmp_path / "a.zip")
    changed = tmp_path / "changed"
    shutil.copytree(folder, changed)
    tweets = changed / "data" / "tweet.js"
    tweets.write_text(tweets.read_text().replace('"favorite_count" : "', '"favorite_count" : "1', 1))
    b = zip_folder(changed, tmp_path / "b.zip")
    code, _, err = cli(["indicators", a, b])
    _refused(code, err, "data/tweet.js", "different content", str(a), str(b))


def test_a_bare_fragment_loads_with_one_warning(cli, tmp_path: Path) -> None:
    fragment = tmp_path / "fragment"
    fragment.mkdir()
    shutil.copy(FIXTURES / "ytd2018_root_flat" / "tweet.js", fragment / "tweet.js")
    code, out, err = cli(["indicators", fragment, "--format", "json"])
    assert code == 0, err
    assert json.loads(out)["indicators"]["tweets_total"] > 0
    assert len([line for line in err.splitlines() if "owner is unknown" in line]) == 1, err


def test_tweets_dated_before_the_account_existed_give_one_warning_without_text(cli, tmp_path: Path) -> None:
    folder = tmp_path / "moved"
    shutil.copytree(FIXTURES / "ytd2020_wrapped", folder)
    tweets = folder / "data" / "tweet.js"
    body = json.loads(tweets.read_text().split("=", 1)[1])
    texts = [item["tweet"]["full_text"] for item in body]
    for item in body[:2]:  # two tweets moved to 2007, years before the account's creation
        item["tweet"]["created_at"] = "Mon Jan 01 10:00:00 +0000 2007"
    tweets.write_text("window.YTD.tweet.part0 = " + json.dumps(body, indent=2))
    code, out, err = cli(["indicators", folder, "--format", "json"])
    assert code == 0, err
    dated = [line for line in err.splitlines() if "before the account was created" in line]
    assert len(dated) == 1 and "2 tweets" in dated[0], err
    assert not any(t and t[:30] in err for t in texts)
    doc = json.loads(out)
    assert {"data": "tweets", "problem": "before_account_creation", "items": 2} in doc["archive"]["date_checks"]
    assert doc["indicators"]["first_tweet_at"] == "2007-01-01T10:00:00Z"  # kept in the figures, as dated


def test_apps_that_only_look_alike_are_one(cli, tmp_path: Path) -> None:
    folder = tmp_path / "apps"
    shutil.copytree(FIXTURES / "ytd2020_wrapped", folder)
    tweets = folder / "data" / "tweet.js"
    body = json.loads(tweets.read_text().split("=", 1)[1])
    for i, item in enumerate(body):
        name = "Tweetbot for iOS" if i % 3 else "Tweetbot for i\u039fS"  # Greek capital omicron
        item["tweet"]["source"] = f'<a href="http://tapbots.com/tweetbot" rel="nofollow">{name}</a>'
    tweets.write_text("window.YTD.tweet.part0 = " + json.dumps(body, indent=2))
    code, out, err = cli(["indicators", folder, "--format", "json"])
    assert code == 0, err
    clients = json.loads(out)["indicators"]["clients"]
    assert clients == [{"client": "Tweetbot for iOS", "tweets": len(body), "share": 1.0}]


@pytest.mark.parametrize("command", ["load", "indicators", "sql", "report", "batch", "diff", "demo"])
def test_help_shows_flags_as_flags(cli, command: str) -> None:
    code, out, _ = cli([command, "-h"])
    assert code == 0
    assert "<bool>" not in out and "<list" not in out and "<str>" not in out and "<path>" not in out.lower()


@pytest.mark.parametrize(
    "args",
    [
        ["indicators", "ARCHIVE", "--format", "xml"],
        ["report", "ARCHIVE", "--lang", "de"],
        ["indicators", "ARCHIVE", "--tz", "paris"],
        ["report", "ARCHIVE", "--site", "not a site"],
        ["indicators", "ARCHIVE", "--topic", " , #"],
        ["batch", "ARCHIVE", "-o", "OUT", "--jobs", "0"],
        ["demo", "--tweets", "0"],
        ["diff", "ARCHIVE"],
        ["sql", "ARCHIVE"],
        ["report", "ARCHIVE", "--no-such-option"],
    ],
)
def test_usage_errors_exit_2(cli, tmp_path: Path, args: list[str]) -> None:
    archive = str(FIXTURES / "ytd2020_wrapped")
    out = tmp_path / "out"
    code, _, err = cli([archive if a == "ARCHIVE" else str(out) if a == "OUT" else a for a in args])
    assert code == 2, err
    assert "Traceback" not in err
    assert not out.exists()


def test_exit_codes_0_and_1_per_command(cli, tmp_path: Path) -> None:
    good, missing = FIXTURES / "ytd2020_wrapped", tmp_path / "no-such-archive.zip"
    db = tmp_path / "me.duckdb"
    ok = [["load", good, "-o", db], ["indicators", good], ["sql", db, "select 1"], ["report", good, "-o", tmp_path / "r.html"],
          ["diff", good, good], ["batch", good, "-o", tmp_path / "b"], ["demo", "--tweets", "50", "-o", tmp_path / "d.html"]]
    for args in ok:
        code, _, err = cli(args)
        assert code == 0, (args, err)
    bad = [["load", missing, "-o", tmp_path / "x.duckdb"], ["load", db, "-o", tmp_path / "y.duckdb"], ["indicators", missing],
           ["sql", missing, "select 1"], ["sql", db, "select * from no_such_table"], ["report", missing],
           ["diff", good, missing], ["batch", missing, "-o", tmp_path / "c"]]
    for args in bad:
        code, _, err = cli(args)
        assert code == 1, (args, err)
        assert "Traceback" not in err and err.count("roost: error:") >= 1, (args, err)
