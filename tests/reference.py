"""An independent reference implementation of the core indicators of INDICATORS.md (v1).

It is a test oracle: plain Python and the standard library only, written for clarity rather than
speed, and sharing no code with roost. `compute_indicators(path)` takes an archive as a `.zip` or
as a folder and returns `{indicator_id: value}` with the ids and null rules of INDICATORS.md.
"""

from __future__ import annotations

import json
import math
import re
import zipfile
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

CORE_IDS = (
    "followers",
    "following",
    "mutuals",
    "following_followers_ratio",
    "mutual_share",
    "likes_given",
    "tweets_total",
    "retweets_made",
    "replies_made",
    "self_replies",
    "quotes_made",
    "original_tweets",
    "retweets_received",
    "likes_received",
    "first_tweet_at",
    "last_tweet_at",
    "span_days",
    "active_days",
    "tweets_per_day",
    "tweets_per_month",
    "interacted_accounts",
    "followers_interacted",
    "followers_interacted_share",
    "conversation_share",
    "engagement_top10_share",
)

QUOTE_URL = re.compile(
    r"^https?://(www\.|mobile\.)?(twitter|x)\.com/[A-Za-z0-9_]+/status(es)?/[0-9]+", re.IGNORECASE
)
GRAILBIRD_MONTH = re.compile(r"^data/js/tweets/\d{4}_\d{2}\.js$")
TWEET_DATE_FORMATS = ("%a %b %d %H:%M:%S %z %Y", "%Y-%m-%d %H:%M:%S %z")


# --------------------------------------------------------------------------------------------
# Reading the container
# --------------------------------------------------------------------------------------------


def _ytd_pattern(stems: str) -> re.Pattern[str]:
    """Files of one YTD data type, base file and -partN files, under data/ or at the root."""
    return re.compile(r"^(?:data/)?(?:" + stems + r")(?:-part(\d+))?\.js$")


TWEET_FILES = _ytd_pattern("tweet|tweets")
FOLLOWER_FILES = _ytd_pattern("follower")
FOLLOWING_FILES = _ytd_pattern("following")
LIKE_FILES = _ytd_pattern("like")
ACCOUNT_FILES = _ytd_pattern("account")
MANIFEST_FILES = re.compile(r"^(?:data/)?manifest\.js$")
USER_DETAILS_FILES = re.compile(r"^data/js/user_details\.js$")

# A prefix is the archive root when one of these names sits right under it.
ROOT_MARKERS = (
    TWEET_FILES,
    FOLLOWER_FILES,
    FOLLOWING_FILES,
    LIKE_FILES,
    ACCOUNT_FILES,
    MANIFEST_FILES,
    USER_DETAILS_FILES,
    GRAILBIRD_MONTH,
)


def _list_files(path: Path) -> tuple[list[str], Callable[[str], bytes]]:
    """All file names (posix, relative) of a zip or a folder, and a function reading one."""
    if path.is_dir():
        names = sorted(p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file())
        return names, lambda name: (path / name).read_bytes()
    archive = zipfile.ZipFile(path)
    names = sorted(n for n in archive.namelist() if not n.endswith("/"))
    return names, archive.read


def _archive_root(names: list[str]) -> str:
    """The prefix of the archive root: "" or one extra top folder ("top/") that users re-zip."""
    candidates = [""] + sorted({n.split("/", 1)[0] + "/" for n in names if "/" in n})
    for prefix in candidates:
        for name in names:
            if name.startswith(prefix) and any(m.match(name[len(prefix):]) for m in ROOT_MARKERS):
                return prefix
    return ""


class Archive:
    """The files of one archive, named relative to its root."""

    def __init__(self, path: str | Path) -> None:
        names, read = _list_files(Path(path))
        root = _archive_root(names)
        self._read = read
        self._full = {n[len(root):]: n for n in names if n.startswith(root)}

    def matching(self, pattern: re.Pattern[str]) -> list[str]:
        """Relative names matching pattern, base file first then parts in number order."""
        found = [n for n in self._full if pattern.match(n)]

        def order(name: str) -> tuple[int, str]:
            m = pattern.match(name)
            part = m.group(1) if m and m.groups() else None
            return (int(part) if part else 0, name)

        return sorted(found, key=order)

    def load(self, name: str) -> Any:
        """Parse one data file: strip a BOM, the `... =` envelope and a trailing `;`."""
        text = self._read(self._full[name]).decode("utf-8-sig").strip()
        if text and text[0] not in "[{":
            text = text[text.index("=") + 1 :].strip()
        if text.endswith(";"):
            text = text[:-1].rstrip()
        if not text:
            return []  # a blank file (ageinfo.js) holds no items
        return json.loads(text)

    def items(self, pattern: re.Pattern[str]) -> list[Any] | None:
        """All items of every file matching pattern; None when no such file exists."""
        names = self.matching(pattern)
        if not names:
            return None
        out: list[Any] = []
        for name in names:
            data = self.load(name)
            out.extend(data if isinstance(data, list) else [data])
        return out


def _unwrap(item: Any, key: str) -> Any:
    """`{"tweet": {...}}` -> `{...}`; flat items (2018-Jan 2020) are returned as they are."""
    if isinstance(item, dict) and isinstance(item.get(key), dict):
        return item[key]
    return item


def _text(value: Any) -> str | None:
    """A JSON string or number as a string; None for null and empty strings."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    s = str(value)
    return s if s != "" else None


def _field(row: dict[str, Any], name: str) -> str | None:
    """`name_str` when non-empty, else `name` (Grailbird numbers become strings)."""
    return _text(row.get(name + "_str")) or _text(row.get(name))


def _row_id(row: dict[str, Any]) -> str | None:
    return _field(row, "id")


# --------------------------------------------------------------------------------------------
# Owner, follower graph, likes
# --------------------------------------------------------------------------------------------


def _owner(archive: Archive) -> str | None:
    for item in archive.items(ACCOUNT_FILES) or []:
        account = _unwrap(item, "account")
        if isinstance(account, dict) and _text(account.get("accountId")):
            return _text(account.get("accountId"))
    for name in archive.matching(MANIFEST_FILES):
        manifest = archive.load(name)
        if isinstance(manifest, dict):
            owner = _text((manifest.get("userInfo") or {}).get("accountId"))
            if owner:
                return owner
    for name in archive.matching(USER_DETAILS_FILES):
        details = archive.load(name)
        if isinstance(details, dict) and _text(details.get("id")):
            return _text(details.get("id"))
    return None


def _distinct(archive: Archive, pattern: re.Pattern[str], wrapper: str, key: str) -> set[str] | None:
    items = archive.items(pattern)
    if items is None:
        return None
    values = set()
    for item in items:
        inner = _unwrap(item, wrapper)
        value = _text(inner.get(key)) if isinstance(inner, dict) else None
        if value:
            values.add(value)
    return values


# --------------------------------------------------------------------------------------------
# Tweets
# --------------------------------------------------------------------------------------------


def _parse_created_at(value: str) -> datetime:
    for fmt in TWEET_DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).astimezone(timezone.utc)
        except ValueError:
            continue
    raise ValueError(f"unknown created_at format: {value!r}")


def _count(value: Any) -> int | None:
    text = _text(value)
    return int(text) if text is not None else None


class Tweet:
    """One edit chain, described by its representative row and its summed counts."""

    def __init__(self, rows: list[dict[str, Any]], chain_id: str, owner: str | None) -> None:
        initial = [r for r in rows if _row_id(r) == chain_id and not _initial_tweet_id(r)]
        if initial:
            head = initial[0]
        else:  # the initial row is absent: the chain's earliest row stands for it
            head = min(rows, key=lambda r: (_parse_created_at(r["created_at"]), int(_row_id(r) or 0)))
        self.created_at = _parse_created_at(head["created_at"])

        favs = [_count(r.get("favorite_count")) for r in rows]
        rts = [_count(r.get("retweet_count")) for r in rows]
        self.favorite_count = None if None in favs else sum(favs)  # type: ignore[arg-type]
        self.retweet_count = None if None in rts else sum(rts)  # type: ignore[arg-type]

        text = head.get("full_text")
        if text is None:
            text = head.get("text")  # Grailbird
        self.is_retweet = (text or "").startswith("RT @") or head.get("retweeted_status") is not None

        entities = head.get("entities") or {}
        self.mentioned = set()
        for mention in entities.get("user_mentions") or []:
            account = _field(mention, "id") if isinstance(mention, dict) else None
            if account and account != "-1" and account != owner:
                self.mentioned.add(account)

        # Reply fields on retweet rows are ignored: a retweet is never a reply.
        own = not self.is_retweet
        self.reply_to_user = _field(head, "in_reply_to_user_id") if own else None
        reply_to_status = _field(head, "in_reply_to_status_id") if own else None
        self.is_reply = bool(reply_to_status or self.reply_to_user)
        self.is_self_reply = self.is_reply and owner is not None and self.reply_to_user == owner
        self.is_quote = own and any(
            isinstance(u, dict) and isinstance(u.get("expanded_url"), str) and QUOTE_URL.match(u["expanded_url"])
            for u in entities.get("urls") or []
        )


def _initial_tweet_id(row: dict[str, Any]) -> str | None:
    edit = (row.get("edit_info") or {}).get("edit") or {}
    return _text(edit.get("initialTweetId")) if isinstance(edit, dict) else None


def _tweets(archive: Archive, owner: str | None) -> list[Tweet] | None:
    files = archive.matching(TWEET_FILES) + archive.matching(GRAILBIRD_MONTH)
    if not files:
        return None
    chains: dict[str, list[dict[str, Any]]] = {}
    for name in files:
        data = archive.load(name)
        for item in data if isinstance(data, list) else [data]:
            row = _unwrap(item, "tweet")
            chain_id = _initial_tweet_id(row) or _row_id(row)
            chains.setdefault(chain_id or "", []).append(row)
    return [Tweet(rows, chain_id, owner) for chain_id, rows in chains.items()]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _ratio(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _tweet_indicators(tweets: list[Tweet], owner: str | None) -> dict[str, Any]:
    own = [t for t in tweets if not t.is_retweet]
    replies = [t for t in own if t.is_reply]
    out: dict[str, Any] = {
        "tweets_total": len(tweets),
        "retweets_made": len(tweets) - len(own),
        "replies_made": len(replies),
        "self_replies": sum(1 for t in replies if t.is_self_reply),
        "quotes_made": sum(1 for t in own if t.is_quote),
    }
    out["original_tweets"] = out["tweets_total"] - out["retweets_made"] - out["replies_made"]

    favs = [t.favorite_count for t in own]
    rts = [t.retweet_count for t in own]
    counts_known = None not in favs and None not in rts
    out["retweets_received"] = sum(rts) if counts_known else None  # type: ignore[arg-type]
    out["likes_received"] = sum(favs) if counts_known else None  # type: ignore[arg-type]

    if tweets:
        first = min(t.created_at for t in tweets)
        last = max(t.created_at for t in tweets)
        out["first_tweet_at"] = _iso(first)
        out["last_tweet_at"] = _iso(last)
        out["span_days"] = (last.date() - first.date()).days + 1
        out["tweets_per_day"] = len(tweets) / out["span_days"]
    else:
        out["first_tweet_at"] = out["last_tweet_at"] = out["span_days"] = out["tweets_per_day"] = None
    out["active_days"] = len({t.created_at.date() for t in tweets})
    months: dict[str, int] = {}
    for t in tweets:
        key = t.created_at.strftime("%Y-%m")
        months[key] = months.get(key, 0) + 1
    out["tweets_per_month"] = {k: months[k] for k in sorted(months)}

    interacted: set[str] = set()
    for t in tweets:
        interacted |= t.mentioned
    for t in replies:
        if not t.is_self_reply and t.reply_to_user and t.reply_to_user != "-1":
            interacted.add(t.reply_to_user)
    out["_interacted"] = interacted
    out["interacted_accounts"] = len(interacted)

    conversational = sum(1 for t in own if (t.is_reply and not t.is_self_reply) or t.mentioned)
    out["conversation_share"] = _ratio(conversational, len(own))

    if counts_known:
        engagement = sorted((f + r for f, r in zip(favs, rts, strict=True)), reverse=True)  # type: ignore[operator]
        total = sum(engagement)
        top = sum(engagement[: math.ceil(len(engagement) / 10)])
        out["engagement_top10_share"] = top / total if total else None
    else:
        out["engagement_top10_share"] = None
    return out


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def compute_indicators(path: str | Path) -> dict[str, Any]:
    """The core indicators of INDICATORS.md for the archive at path (a .zip or a folder)."""
    archive = Archive(path)
    owner = _owner(archive)
    result: dict[str, Any] = {key: None for key in CORE_IDS}

    followers = _distinct(archive, FOLLOWER_FILES, "follower", "accountId")
    following = _distinct(archive, FOLLOWING_FILES, "following", "accountId")
    likes = _distinct(archive, LIKE_FILES, "like", "tweetId")
    if followers is not None:
        result["followers"] = len(followers)
    if following is not None:
        result["following"] = len(following)
    if followers is not None and following is not None:
        result["mutuals"] = len(followers & following)
        result["following_followers_ratio"] = _ratio(len(following), len(followers))
        result["mutual_share"] = _ratio(result["mutuals"], len(followers))
    if likes is not None:
        result["likes_given"] = len(likes)

    tweets = _tweets(archive, owner)
    if tweets is not None:
        figures = _tweet_indicators(tweets, owner)
        interacted = figures.pop("_interacted")
        result.update(figures)
        if followers is not None:
            result["followers_interacted"] = len(followers & interacted)
            result["followers_interacted_share"] = _ratio(result["followers_interacted"], len(followers))
    return result


if __name__ == "__main__":
    import sys

    for arg in sys.argv[1:]:
        print(json.dumps(compute_indicators(arg), indent=1, sort_keys=True, ensure_ascii=False))
