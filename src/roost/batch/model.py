"""The batch's plain data: its options, each archive's outcome and source, the dataset's tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from roost.errors import RoostError

# Tables exported to the Parquet dataset, with the columns left out for privacy (the dataset is meant
# to be queried across a corpus, often by someone other than the account owner).
DATASET_TABLES: dict[str, str] = {
    "archive": "select * exclude (email, phone_number, source_path) from archive",
    "archive_files": "select * from archive_files",
    "tweets": "select * from tweets",
    "tweet_mentions": "select * from tweet_mentions",
    "tweet_hashtags": "select * from tweet_hashtags",
    "tweet_urls": "select * from tweet_urls",
    "tweet_media": "select * from tweet_media",
    "followers": "select * from followers",
    "following": "select * from following",
    "likes": "select * from likes",
    "interactions": "select * from interactions",
    "handles": "select * from handles",
    "dm_conversations": "select conversation_id, is_group, message_count, first_message_at, last_message_at, "
    "len(partner_ids) as partner_count from dm_conversations",
}
STATE_DIR = ".roost-batch"
# Every temporary file roost writes under -o starts with this, so a later run removes only its own leftovers.


class BatchInterrupted(RoostError):
    """A signal stopped the batch: what finished is kept and listed in the index, the rest is for the next run."""

    exit_code = 130


@dataclass
class BatchOptions:
    """What every archive of the batch is processed with."""

    lang: str = "en"
    tz: str | None = None
    topic: tuple[str, ...] = ()
    site: str | None = None
    share: bool = False
    keep_handles: bool = False
    keep_text: bool = False  # shared: still quote the tweets posted while the account was protected
    no_text: bool = False  # no tweet or like text in any output
    no_likes: bool = False  # no likes table in the dataset
    pseudonymize: str | None = None  # the key file: every account id and handle becomes a keyed pseudonym
    key_id: str = ""  # the key's fingerprint, so a batch made with another key is redone
    indicators_dirs: tuple[str, ...] = ()
    skip_broken: bool = False
    generated_at: str = ""  # ISO time shown in reports, passed in for determinism
    threads_per_job: int = 1


@dataclass
class ArchiveOutcome:
    """What happened to one archive of the batch."""

    source: str
    key: str  # the archive key (its content alone): names its report and its part of the dataset
    status: str  # "done", "skipped" (already done and unchanged) or "failed"
    error: str = ""
    report: str = ""
    account: dict[str, Any] = field(default_factory=dict)
    archive: dict[str, Any] = field(default_factory=dict)
    indicators: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    run_key: str = ""  # the archive key with roost's version and the options: a rerun with the same one skips it


@dataclass(frozen=True)
class Source:
    """One archive of the batch: a zip, a folder or a .duckdb, and which archive inside it when it holds several."""

    path: str
    root: str | None = None  # prefix of the archive inside a zip or folder that holds several

    @property
    def label(self) -> str:
        """How the archive is named in outputs and messages."""
        return self.path if self.root is None else f"{self.path} ({self.root.rstrip('/') or '.'})"




Progress = Callable[[str, str, int, int], None]  # (archive, state, finished, total)
