"""The batch's Parquet dataset: which tables and columns each archive exports under the options (shared,
pseudonymized, without texts or likes), written through DuckDB; and datapackage.json, which describes it."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import duckdb
import orjson

from roost import __version__, registry
from roost.batch.model import DATASET_TABLES, BatchOptions
from roost.files import atomic_path, write_atomic

# What each table holds (its grain) and what each column means: datapackage.json says it to the reader.
TABLE_DOCS: dict[str, str] = {
    "archive": "One row per archive: whose it is, when and by what kind of archive it was made.",
    "archive_files": "One row per data file found in the archive or listed by its manifest, and what was read of it.",
    "tweets": "One row per tweet (an edit chain counts once, its counts summed), retweets included.",
    "tweet_mentions": "One row per account mentioned in a tweet.",
    "tweet_hashtags": "One row per hashtag of a tweet.",
    "tweet_urls": "One row per link of a tweet, expanded.",
    "tweet_media": "One row per photo, video or GIF of a tweet.",
    "followers": "One row per account following the owner at the archive's date.",
    "following": "One row per account the owner follows at the archive's date.",
    "likes": "One row per tweet the owner liked (no date and no author in any archive).",
    "interactions": "One row per mention of, or reply to, another account in the owner's tweets.",
    "handles": "One row per account id seen anywhere in the archive, with the handles it appears under.",
    "dm_conversations": "One row per direct-message conversation (never in a shared or pseudonymized dataset).",
}
COLUMN_DOCS: dict[str, str] = {
    "archive_key": "The archive: a hash of its content (the folder name archive_key=<key>, hive partitioning).",
    "owner_id": "The account id of the archive's owner.",
    "username": "The owner's handle.",
    "display_name": "The owner's display name.",
    "account_created_at": "When the owner's account was created.",
    "time_zone": "The time zone set in the account, if the archive says.",
    "generated_at": "When the archive was made (its manifest's generation date).",
    "size_bytes": "The archive's size as its manifest says.",
    "is_partial_archive": "Whether the manifest says the archive is partial.",
    "generation": "Kind of archive: ytd (2020 on, data/), ytd-root (2018-2019, files at the root), grailbird (2012-2018).",
    "source_kind": "zip or folder.",
    "roost_version": "The roost version that loaded it.",
    "file_id": "Number of the data file within the archive (archive_files.file_id).",
    "path": "Path of the data file inside the archive.",
    "data_type": "Data type of the file (roost's registry name, e.g. tweets, follower).",
    "part": "Part number of a split data file (0 for the first).",
    "bytes": "Size of the data file; null for a private file in a shared dataset.",
    "items_read": "Items read from the file; null for a private file in a shared dataset.",
    "manifest_count": "Items the manifest announces; null for a private file in a shared dataset.",
    "status": "loaded, blank, missing, broken or skipped.",
    "note": "What the load noticed about the file.",
    "tweet_id": "The tweet's id.",
    "created_at": "When it was posted (UTC).",
    "full_text": "The text, HTML-unescaped; null with --no-text, and in a shared dataset for tweets posted "
                 "while the account was protected (unless --keep-text).",
    "lang": "Language detected by Twitter (und = undetermined).",
    "source_name": "The app it was posted with.",
    "source_url": "The address of that app.",
    "favorite_count": "Likes at the archive's date.",
    "retweet_count": "Retweets at the archive's date.",
    "is_retweet": "A retweet of someone's tweet (text starts with RT @).",
    "is_own": "Not a retweet.",
    "is_reply": "An own tweet replying to a tweet or an account.",
    "is_self_reply": "A reply to the owner (a thread).",
    "is_quote": "An own tweet linking to a tweet.",
    "in_reply_to_status_id": "The tweet replied to.",
    "in_reply_to_user_id": "The account replied to.",
    "in_reply_to_screen_name": "The handle of the account replied to.",
    "retweeted_screen_name": "The handle of the retweeted account.",
    "retweeted_user_id": "The account id of the retweeted account.",
    "retweeted_tweet_id": "The retweeted tweet, when the archive says.",
    "version_count": "Versions of the tweet (edits).",
    "possibly_sensitive": "Marked possibly sensitive.",
    "has_media": "Carries a photo, video or GIF.",
    "has_links": "Carries a link.",
    "position": "Order of the mention in the tweet.",
    "user_id": "The account id of the mentioned account.",
    "screen_name": "A handle.",
    "name": "A display name.",
    "hashtag": "The hashtag, without #.",
    "url": "The t.co link.",
    "expanded_url": "The address the link points to.",
    "display_url": "The link as the tweet shows it.",
    "domain": "The domain of the expanded address.",
    "links_to_tweet": "Whether the link leads to a tweet (a quote, or a long post's read-more link), not out of X.",
    "media_id": "The media item's id.",
    "media_type": "photo, video or animated_gif.",
    "media_url": "The media file's address.",
    "account_id": "An account id.",
    "kind": "mention or reply.",
    "screen_names": "Every handle the account appears under.",
    "times_seen": "How many times the account appears.",
    "conversation_id": "The conversation's id.",
    "is_group": "A group conversation.",
    "message_count": "Messages in the archive.",
    "first_message_at": "The first message's time.",
    "last_message_at": "The last message's time.",
    "partner_count": "Other accounts in the conversation.",
}


def dataset_tables(options: BatchOptions) -> dict[str, str]:
    """Each exported table and the query that exports it, under these options: one rule, from the registry.

    Shared (or pseudonymized): no table of private data, no count of a private file, no text of a tweet
    posted while the account was protected (unless --keep-text). --no-text and --no-likes for any batch.
    """
    from roost.privacy import in_protected_sql

    share = options.share or options.pseudonymize is not None
    tables = {}
    for name, query in DATASET_TABLES.items():
        if share and name in registry.PRIVATE_TABLES:
            continue
        if options.no_likes and name == "likes":
            continue
        tables[name] = query
    if share:
        public = ", ".join(f"'{t.name}'" for t in registry.TYPES if not t.private)
        hidden = ", ".join(f"case when data_type in ({public}) then {c} end as {c}"
                           for c in ("bytes", "items_read", "manifest_count"))
        tables["archive_files"] = f"select * replace ({hidden}) from archive_files"
    text = "full_text"
    if options.no_text:
        text = "null::varchar"
    elif share and not options.keep_text:
        text = f"case when {in_protected_sql('created_at')} then null else full_text end"
    if text != "full_text":
        tables["tweets"] = f"select * replace ({text} as full_text) from tweets"
    if options.no_text and "likes" in tables:
        tables["likes"] = "select * replace (null::varchar as full_text) from likes"
    return tables


def export_dataset(con: duckdb.DuckDBPyConnection, dataset: Path, key: str, options: BatchOptions,
                   secret: bytes | None) -> None:
    """Write each table as `dataset/<table>/archive_key=<key>/part.parquet`, each file atomically;
    pseudonymized in SQL when a key is given."""
    from roost.load import spill_dir
    from roost.pseudonym import macros, pseudonymous_query

    tables = dataset_tables(options)
    for table in DATASET_TABLES.keys() - tables.keys():  # exported by an earlier run under other options
        stale = dataset / table / f"archive_key={key}" / "part.parquet"
        if stale.is_file() and not stale.is_symlink():
            stale.unlink()
    with macros(con, secret) if secret is not None else contextlib.nullcontext():
        for table, query in tables.items():
            if secret is not None:
                query = pseudonymous_query(con, query)
            target = dataset / table / f"archive_key={key}" / "part.parquet"
            # The locked connection may write only into roost's own temporary folder: DuckDB writes there, and
            # the file is copied into place atomically (its temporary name ends in .tmp, so a reader's
            # `*/*.parquet` never picks up a half-written file).
            fd, written = tempfile.mkstemp(prefix="part.", suffix=".parquet", dir=spill_dir())
            os.close(fd)
            try:
                con.execute(f"copy ({query}) to ? (format parquet, compression zstd)", [written])  # a path is never SQL text
                with atomic_path(target) as tmp:
                    shutil.copyfile(written, tmp)
            finally:
                os.unlink(written)


_TYPES = {"VARCHAR": "string", "BIGINT": "integer", "INTEGER": "integer", "BOOLEAN": "boolean",
          "DOUBLE": "number", "TIMESTAMP WITH TIME ZONE": "datetime", "TIMESTAMP": "datetime", "DATE": "date"}


def _field_type(kind: str) -> str:
    return "array" if kind.endswith("[]") else _TYPES.get(kind, "any")


def write_datapackage(out: Path, options: BatchOptions) -> None:
    """`dataset/datapackage.json` (a Frictionless Data Package): every table, its part files, each column's
    type and meaning and whether it was pseudonymized, the options and the roost version that made it."""
    from roost.load import connect
    from roost.pseudonym import is_pseudonymized

    dataset = out / "dataset"
    if not dataset.is_dir():
        return
    pseudonymized = options.pseudonymize is not None
    resources: list[dict[str, Any]] = []
    con = connect()
    try:
        for table in dataset_tables(options):
            parts = sorted(p for p in (dataset / table).glob("archive_key=*/part.parquet") if p.is_file())
            if not parts:
                continue
            described = con.execute("describe select * from read_parquet(?)", [str(parts[0])]).fetchall()
            fields = []
            for name, kind, *_ in described:
                f: dict[str, Any] = {"name": name, "type": _field_type(str(kind)),
                                     "description": COLUMN_DOCS.get(name, ""), "roost:duckdb_type": str(kind)}
                f["roost:pseudonymized"] = pseudonymized and is_pseudonymized(name)
                fields.append(f)
            fields.append({"name": "archive_key", "type": "string", "description": COLUMN_DOCS["archive_key"],
                           "roost:pseudonymized": False, "roost:partition": True})
            resources.append({
                "name": table,
                "description": TABLE_DOCS.get(table, ""),
                "path": [p.relative_to(dataset).as_posix() for p in parts],
                "format": "parquet",
                "mediatype": "application/vnd.apache.parquet",
                "schema": {"fields": fields},
            })
    finally:
        con.close()
    shaping = {k: v for k, v in options.__dict__.items() if k not in ("generated_at", "threads_per_job")}
    # Paths on the researcher's machine (the key file's, custom indicator folders) stay there.
    shaping["pseudonymize"] = bool(shaping.get("pseudonymize"))
    shaping["indicators_dirs"] = [Path(d).name for d in options.indicators_dirs]
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "roost-dataset",
        "title": "Twitter/X archives analysed by roost",
        "created": options.generated_at or dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "roost:version": __version__,
        "roost:options": shaping,
        "roost:pseudonymized": pseudonymized,
        "resources": resources,
    }
    write_atomic(dataset / "datapackage.json", orjson.dumps(package, option=orjson.OPT_INDENT_2))
