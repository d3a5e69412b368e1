"""Donated archives for research: --share outputs hold nothing private (one rule, from the registry), a
protected account's tweets are not quoted, --pseudonymize replaces every account id and handle with a keyed
pseudonym that joins across archives, and the dataset is described by datapackage.json."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import duckdb
import pytest

from roost.privacy import Period, periods_of

OWNER, HANDLE, NAME = "1500000000000000001", "donor_alice", "Alice Donorname"
FOLLOWERS = ("1600000000000000011", "1600000000000000012", "777000111")
FOLLOWING = ("1600000000000000011", "1600000000000000013")
MENTIONED = {"1600000000000000011": "friend_bob", "1600000000000000013": "carol_c", "1600000000000000014": "dave_d"}
# Strings only the archive's private files (or a protected tweet) hold: none may reach a shared output.
PRIVATE = (
    "DMSECRETTEXT", "1999000000000000001", "1999000000000000002", "1888000000000000009", "GROUPDMSECRET",
    "GROUPNAMESECRET", "GROKCHATID77", "GROKSECRETMESSAGE", "CONTACTID55", "contactsecret@example.org",
    "15550001111", "203.0.113.77", "DEVICETOKENSECRET", "KEYREGTOKENSECRET", "IDENTITYKEYSECRET",
    "ADVERTISERSECRET", "newmailsecret", "ownersecret", "15559998888", "PROTECTEDSECRET",
)


def _js(folder: Path, name: str, global_name: str, items: object) -> None:
    (folder / "data").mkdir(parents=True, exist_ok=True)
    (folder / "data" / name).write_text(f"window.YTD.{global_name}.part0 = " + json.dumps(items, indent=2))


def _tweet(tid: str, when: str, text: str, *, likes: int = 0, mentions: dict[str, str] | None = None,
           reply_to: tuple[str, str] | None = None, urls: list[str] | None = None) -> dict:
    t: dict = {
        "id_str": tid, "id": tid, "created_at": when, "full_text": text, "favorite_count": str(likes),
        "retweet_count": "1", "retweeted": False, "favorited": False, "truncated": False, "lang": "en",
        "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
        "display_text_range": ["0", str(len(text))],
        "entities": {
            "hashtags": [], "symbols": [],
            "user_mentions": [{"name": n.title(), "screen_name": n, "indices": ["0", "1"], "id_str": i, "id": i}
                              for i, n in (mentions or {}).items()],
            "urls": [{"url": "https://t.co/abc", "expanded_url": u, "display_url": u[8:30], "indices": ["0", "1"]}
                     for u in (urls or [])],
        },
    }
    if reply_to:
        t |= {"in_reply_to_status_id_str": "1700000000000000099", "in_reply_to_status_id": "1700000000000000099",
              "in_reply_to_user_id_str": reply_to[0], "in_reply_to_user_id": reply_to[0],
              "in_reply_to_screen_name": reply_to[1]}
    return {"tweet": t}


def write_private_archive(folder: Path, *, generated: str = "2025-09-01T10:00:00.000Z",
                          followers: tuple[str, ...] = FOLLOWERS) -> Path:
    """An archive holding every kind of private data, and a protected period (April to June 2025)."""
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "manifest.js").write_text("window.__THAR_CONFIG = " + json.dumps({
        "userInfo": {"accountId": OWNER, "userName": HANDLE, "displayName": NAME},
        "archiveInfo": {"sizeBytes": "1000", "generationDate": generated, "isPartialArchive": False,
                        "maxPartSizeBytes": "53687091200"},
    }))
    _js(folder, "account.js", "account", [{"account": {
        "email": "ownersecret@example.org", "createdVia": "web", "username": HANDLE, "accountId": OWNER,
        "createdAt": "2015-01-01T00:00:00.000Z", "accountDisplayName": NAME}}])
    _js(folder, "tweets.js", "tweets", [
        _tweet("1700000000000000001", "Wed Jan 10 10:00:00 +0000 2024", "Hello @friend_bob see https://t.co/abc",
               likes=5, mentions={"1600000000000000011": "friend_bob"},
               urls=["https://x.com/friend_bob/status/1700000000000000050"]),
        _tweet("1700000000000000002", "Thu May 01 10:00:00 +0000 2025", "PROTECTEDSECRET only my followers saw this",
               likes=9),
        _tweet("1700000000000000003", "Thu Feb 01 10:00:00 +0000 2024", "@carol_c thanks a lot", likes=2,
               mentions={"1600000000000000013": "carol_c"}, reply_to=("1600000000000000013", "carol_c")),
        _tweet("1700000000000000004", "Fri Feb 02 10:00:00 +0000 2024", "RT @dave_d: something worth reading",
               mentions={"1600000000000000014": "dave_d"}),
    ])
    _js(folder, "follower.js", "follower", [{"follower": {"accountId": a}} for a in followers])
    _js(folder, "following.js", "following", [{"following": {"accountId": a}} for a in FOLLOWING])
    _js(folder, "like.js", "like", [{"like": {"tweetId": "1700000000000000077", "fullText": "a liked tweet by @friend_bob",
                                               "expandedUrl": "https://twitter.com/i/web/status/1700000000000000077"}}])
    _js(folder, "protected-history.js", "protected_history", [
        {"protectedHistory": {"protectedAt": "2025-04-01T00:00:00.000Z", "action": "Protect"}},
        {"protectedHistory": {"protectedAt": "2025-06-01T00:00:00.000Z", "action": "Unprotect"}},
    ])
    _js(folder, "direct-messages.js", "direct_messages", [{"dmConversation": {
        "conversationId": f"{OWNER}-1999000000000000001",
        "messages": [{"messageCreate": {"recipientId": OWNER, "reactions": [], "urls": [], "text": "DMSECRETTEXT hello",
                                        "mediaUrls": [], "senderId": "1999000000000000001", "id": "1800000000000000001",
                                        "createdAt": "2024-03-01T10:00:00.000Z", "editHistory": []}}]}}])
    _js(folder, "direct-messages-group.js", "direct_messages_group", [{"dmConversation": {
        "conversationId": "1888000000000000009",
        "messages": [
            {"conversationNameUpdate": {"initiatingUserId": OWNER, "name": "GROUPNAMESECRET",
                                        "createdAt": "2024-03-02T10:00:00.000Z"}},
            {"messageCreate": {"reactions": [], "urls": [], "text": "GROUPDMSECRET hi all", "mediaUrls": [],
                               "senderId": "1999000000000000002", "id": "1800000000000000002",
                               "createdAt": "2024-03-02T11:00:00.000Z", "editHistory": []}}]}}])
    _js(folder, "grok-chat-item.js", "grok_chat_item", [{"grokChatItem": {
        "accountId": OWNER, "createdAt": "2025-01-01T00:00:00.000Z", "chatId": "GROKCHATID77",
        "message": "GROKSECRETMESSAGE", "sender": "User", "postIds": []}}])
    _js(folder, "contact.js", "contact", [{"contact": {"id": "CONTACTID55", "emails": ["contactsecret@example.org"],
                                                       "phoneNumbers": ["+15550001111"]}}])
    _js(folder, "ip-audit.js", "ip_audit", [{"ipAudit": {"accountId": OWNER, "createdAt": "2025-01-01T00:00:00.000Z",
                                                         "loginIp": "203.0.113.77"}}])
    _js(folder, "device-token.js", "device_token", [{"deviceToken": {
        "clientApplicationId": "1", "token": "DEVICETOKENSECRET", "createdAt": "2025-01-01T00:00:00.000Z",
        "lastSeenAt": "2025-01-02T00:00:00.000Z", "clientApplicationName": "Phone"}}])
    _js(folder, "key-registry.js", "key_registry", [{"keyRegistryData": {"userId": OWNER, "registeredDevices": {
        "deviceMetadataList": [{"userAgent": "ua", "registrationToken": "KEYREGTOKENSECRET",
                                "identityKey": "IDENTITYKEYSECRET", "createdAt": "2025-01-01T00:00:00.000Z"}]}}}])
    _js(folder, "ad-impressions.js", "ad_impressions", [{"ad": {"adsUserData": {"adImpressions": {"impressions": [
        {"advertiserInfo": {"advertiserName": "ADVERTISERSECRET", "screenName": "@adsecret"}}]}}}}])
    _js(folder, "email-address-change.js", "email_address_change", [{"emailAddressChange": {
        "accountId": OWNER, "emailChange": {"changedAt": "2024-01-01T00:00:00.000Z", "changedTo": "newmailsecret@example.org"}}}])
    _js(folder, "phone-number.js", "phone_number", [{"device": {"phoneNumber": "+15559998888"}}])
    return folder


def output_texts(out: Path) -> dict[str, str]:
    """Every file under `out` as text, one entry per file; Parquet files as every value of every row."""
    con = duckdb.connect()
    texts = {}
    for f in sorted(p for p in out.rglob("*") if p.is_file()):
        if f.suffix == ".parquet":
            texts[str(f)] = repr(con.execute("select * from read_parquet(?)", [str(f)]).fetchall())
        else:
            texts[str(f)] = f.read_bytes().decode("utf-8", "replace")
    return texts


def leaks(out: Path, needles: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    return [(name, n) for name, text in output_texts(out).items() for n in needles if n.lower() in text.lower()]


@pytest.fixture(scope="module")
def donation(tmp_path_factory) -> Path:
    return write_private_archive(tmp_path_factory.mktemp("donations") / "donation-1")


# ---------------------------------------------------------------------------------------------------------
# 1. --share: nothing private, file by file


def test_protected_periods_from_the_history() -> None:
    def at(s: str):
        import datetime as dt
        return dt.datetime.fromisoformat(s).replace(tzinfo=dt.timezone.utc)

    item = lambda when, action: {"protectedHistory": {"protectedAt": when, "action": action}}  # noqa: E731
    assert periods_of([]) == ()
    assert periods_of([item("2025-04-01T00:00:00Z", "Protect"), item("2025-06-01T00:00:00Z", "Unprotect")]) == (
        Period(at("2025-04-01T00:00:00"), at("2025-06-01T00:00:00")),)
    # Unprotected first: protected since before the history starts; protected last: still protected.
    assert periods_of([item("2025-06-01T00:00:00Z", "Unprotect"), item("2025-08-01T00:00:00Z", "Protect")]) == (
        Period(None, at("2025-06-01T00:00:00")), Period(at("2025-08-01T00:00:00"), None))
    assert periods_of([item("garbage", "Protect")]) == (Period(None, None),)


def test_batch_share_outputs_hold_nothing_private(cli, donation: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = cli(["batch", donation, "-o", out, "--share", "--jobs", "1"])
    assert code == 0, err
    files = output_texts(out)
    assert any(f.endswith(".parquet") for f in files) and any(f.endswith("index.html") for f in files)
    assert not (out / "dataset" / "dm_conversations").exists()
    assert leaks(out, PRIVATE) == []
    report = next((out / "reports").glob("*.html")).read_text()
    assert "posted while the account was protected are not quoted (1)" in report
    # The tweets outside the protected period stay in the dataset, and so do the figures that are not private.
    con = duckdb.connect()
    texts = dict(con.execute("select tweet_id, full_text from read_parquet(?)",
                             [str(out / "dataset" / "tweets" / "*" / "*.parquet")]).fetchall())
    assert texts["1700000000000000002"] is None and texts["1700000000000000001"].startswith("Hello")
    files_counts = con.execute("select data_type, items_read from read_parquet(?) order by 1",
                               [str(out / "dataset" / "archive_files" / "*" / "*.parquet")]).fetchall()
    counts = dict(files_counts)
    assert counts["follower"] == 3 and counts["direct_messages"] is None and counts["grok_chat_item"] is None
    row = json.loads((out / "indicators.json").read_text())["archives"][0]
    assert row["followers"] == 3


def test_batch_share_keep_text_quotes_the_protected_tweets_and_says_so(cli, donation: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = cli(["batch", donation, "-o", out, "--share", "--keep-text", "--jobs", "1"])
    assert code == 0, err
    report = next((out / "reports").glob("*.html")).read_text()
    assert "PROTECTEDSECRET" in report and "are quoted (--keep-text)" in report
    assert leaks(out, [p for p in PRIVATE if p != "PROTECTEDSECRET"]) == []


def test_report_share_holds_nothing_private(cli, donation: Path, tmp_path: Path) -> None:
    for lang, said in (("en", "are not quoted (1)"), ("fr", "ne sont pas cités (1)")):
        target = tmp_path / f"shared-{lang}.html"
        code, _, err = cli(["report", donation, "--share", "-o", target, "--lang", lang])
        assert code == 0, err
        html = target.read_text()
        assert said in html
        assert [p for p in PRIVATE if p.lower() in html.lower()] == []
    owner = tmp_path / "owner.html"
    code, _, err = cli(["report", donation, "-o", owner])
    assert code == 0 and "PROTECTEDSECRET" in owner.read_text()  # the owner's own report quotes everything


def test_share_from_a_duckdb_or_a_results_file_still_leaves_protected_tweets_out(cli, donation: Path,
                                                                                   tmp_path: Path) -> None:
    db, results = tmp_path / "me.duckdb", tmp_path / "results.json"
    assert cli(["load", donation, "-o", db])[0] == 0
    code, out, _ = cli(["indicators", donation, "--format", "json"])
    assert code == 0
    results.write_text(out)
    for source in (db, results):  # a .duckdb keeps no history, only that there was one: every text is left out
        target = tmp_path / f"{source.stem}.html"
        code, _, err = cli(["report", source, "--share", "-o", target])
        assert code == 0, err
        assert [p for p in PRIVATE if p.lower() in target.read_text().lower()] == [], source


def test_a_rerun_with_share_removes_what_a_private_run_wrote(cli, donation: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert cli(["batch", donation, "-o", out, "--jobs", "1"])[0] == 0
    assert (out / "dataset" / "dm_conversations").exists() and list((out / "results").glob("*.json"))
    code, _, err = cli(["batch", donation, "-o", out, "--share", "--jobs", "1"])
    assert code == 0, err
    assert leaks(out, PRIVATE) == []


# ---------------------------------------------------------------------------------------------------------
# 2. --pseudonymize: no raw id or handle anywhere, the same pseudonym across archives and runs


RAW = (OWNER, HANDLE, NAME, *FOLLOWERS, *FOLLOWING, *MENTIONED, *MENTIONED.values())


def _pseudonymized_batch(cli, archives: list[Path], out: Path, key: Path, *extra: str) -> str:
    code, _, err = cli(["batch", *archives, "-o", out, "--pseudonymize", key, "--jobs", "1", *extra])
    assert code == 0, err
    return err


def _followers(out: Path) -> dict[str, set[str]]:
    rows = duckdb.connect().execute(
        "select archive_key, account_id from read_parquet(?, hive_partitioning = true)",
        [str(out / "dataset" / "followers" / "*" / "*.parquet")]).fetchall()
    by: dict[str, set[str]] = {}
    for k, a in rows:
        by.setdefault(k, set()).add(a)
    return by


def test_pseudonymize_leaves_no_raw_id_or_handle(cli, donation: Path, tmp_path: Path) -> None:
    key = tmp_path / "study.key"
    out = tmp_path / "out"
    err = _pseudonymized_batch(cli, [donation], out, key)
    assert "created the pseudonym key" in err
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600 and len(key.read_text().strip()) == 64
    assert leaks(out, RAW) == []
    assert leaks(out, PRIVATE) == []  # pseudonymized implies shared
    con = duckdb.connect()
    owner, username = con.execute("select owner_id, username from read_parquet(?)",
                                  [str(out / "dataset" / "archive" / "*" / "*.parquet")]).fetchone()
    assert len(owner) == 16 and username.startswith("h") and len(username) == 15
    # The owner's follower ids and mentions keep their columns, pseudonymized, and still join.
    mention = con.execute("select screen_name from read_parquet(?) where tweet_id = '1700000000000000001'",
                          [str(out / "dataset" / "tweet_mentions" / "*" / "*.parquet")]).fetchone()[0]
    text = con.execute("select full_text from read_parquet(?) where tweet_id = '1700000000000000001'",
                       [str(out / "dataset" / "tweets" / "*" / "*.parquet")]).fetchone()[0]
    assert text == f"Hello @{mention} see https://t.co/abc"
    index = (out / "index.html").read_text()
    assert "@" + username in index


def test_same_account_same_pseudonym_across_snapshots_and_runs(cli, tmp_path: Path) -> None:
    old = write_private_archive(tmp_path / "a" / "snap-old", generated="2025-07-01T10:00:00.000Z",
                                followers=FOLLOWERS[:2])
    new = write_private_archive(tmp_path / "a" / "snap-new")
    key = tmp_path / "study.key"
    _pseudonymized_batch(cli, [old, new], tmp_path / "out1", key)
    first = _followers(tmp_path / "out1")
    assert len(first) == 2
    a, b = sorted(first.values(), key=len)
    assert len(a) == 2 and len(b) == 3 and a < b  # the shared followers join across the snapshots
    index = (tmp_path / "out1" / "index.html").read_text()
    assert "Growth of accounts" in index  # both snapshots grouped under one pseudonymous owner
    _pseudonymized_batch(cli, [old, new], tmp_path / "out2", key)
    assert _followers(tmp_path / "out2") == first  # the same key: the same pseudonyms
    other = tmp_path / "other.key"
    _pseudonymized_batch(cli, [old, new], tmp_path / "out3", other)
    third = _followers(tmp_path / "out3")
    assert set().union(*third.values()).isdisjoint(set().union(*first.values()))  # another key: others


def test_a_bad_key_file_is_one_clear_line(cli, donation: Path, tmp_path: Path) -> None:
    key = tmp_path / "bad.key"
    key.write_text("not a key")
    code, _, err = cli(["batch", donation, "-o", tmp_path / "out", "--pseudonymize", key])
    assert code == 1 and "not a roost pseudonym key" in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_no_key_file_is_made_for_inputs_that_cannot_be_read(cli, tmp_path: Path) -> None:
    key = tmp_path / "study.key"
    code, _, err = cli(["batch", tmp_path / "missing.zip", "-o", tmp_path / "out", "--pseudonymize", key])
    assert code == 1 and "missing.zip does not exist" in err and "Traceback" not in err
    assert not key.exists()


def test_no_text_and_no_likes(cli, donation: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = cli(["batch", donation, "-o", out, "--no-text", "--no-likes", "--jobs", "1"])
    assert code == 0, err
    assert not (out / "dataset" / "likes").exists()
    con = duckdb.connect()
    assert con.execute("select count(full_text), count(*) from read_parquet(?)",
                       [str(out / "dataset" / "tweets" / "*" / "*.parquet")]).fetchone() == (0, 4)
    assert "PROTECTEDSECRET" not in next((out / "reports").glob("*.html")).read_text()


# ---------------------------------------------------------------------------------------------------------
# 3. datapackage.json describes the dataset, which DuckDB and pyarrow read as it is


def test_datapackage_describes_the_dataset(cli, donation: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _pseudonymized_batch(cli, [donation], out, tmp_path / "k.key")
    package = json.loads((out / "dataset" / "datapackage.json").read_text())
    assert package["roost:pseudonymized"] is True and package["roost:options"]["pseudonymize"] is True
    assert str(tmp_path) not in json.dumps(package)  # the key file's path stays with the study
    resources = {r["name"]: r for r in package["resources"]}
    assert "dm_conversations" not in resources and {"tweets", "followers", "archive"} <= set(resources)
    con = duckdb.connect()
    pa = pytest.importorskip("pyarrow.parquet")
    for name, r in resources.items():
        fields = {f["name"]: f for f in r["schema"]["fields"]}
        assert all(f["description"] for f in fields.values()), name
        paths = [str(out / "dataset" / p) for p in r["path"]]
        columns = [c[0] for c in con.execute("describe select * from read_parquet(?)", [paths]).fetchall()]
        assert set(columns) | {"archive_key"} == set(fields), name
        table = pa.read_table(out / "dataset" / name)  # the folder, hive-partitioned, as pyarrow reads it
        assert set(table.column_names) == set(fields), name
    assert resources["followers"]["schema"]["fields"][0] == {
        **resources["followers"]["schema"]["fields"][0], "name": "account_id", "roost:pseudonymized": True}
    assert {f["name"]: f["roost:pseudonymized"] for f in resources["tweets"]["schema"]["fields"]}["tweet_id"] is False
