"""The shape of the tweets of an archive (real or generated): sizes, entity counts, kinds, optional keys.

`measure(path)` reads the tweet files (`tweet.js`, `tweets.js` and their parts) of a YTD archive folder or
zip and returns raw sums; `figures(sums)` turns them into the figures compared by `benchmarks/shape.py` and
`tests/test_sample.py`. Sums add up, so several archives pool into one "real average" per tweet.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from .sink import dump_item

_TWEET_FILE = re.compile(r"(^|/)tweets?(-part\d+)?\.js$")
_STATUS = re.compile(r"^https?://(www\.|mobile\.)?(twitter|x)\.com/[A-Za-z0-9_]+/status(es)?/[0-9]+", re.I)
SPECIAL_LANGS = frozenset({"und", "qme", "qam", "qht", "qst", "zxx", "art"})
# (figure, what it is, how to print it): the order of the tables.
FIGURES = (
    ("tweets", "tweet rows", "{:,.0f}"),
    ("bytes_per_tweet", "bytes per tweet, as the files are", "{:,.0f}"),
    ("bytes_per_tweet_today", "bytes per tweet, in today's style", "{:,.0f}"),
    ("text_length", "full_text length (code points)", "{:.1f}"),
    ("mentions", "user_mentions per tweet", "{:.3f}"),
    ("urls", "urls per tweet", "{:.3f}"),
    ("hashtags", "hashtags per tweet", "{:.3f}"),
    ("media", "entities.media per tweet", "{:.3f}"),
    ("extended_media", "extended_entities.media per tweet", "{:.3f}"),
    ("retweet", "retweets (RT @)", "{:.1%}"),
    ("reply", "replies (in_reply_to_status_id)", "{:.1%}"),
    ("self_reply", "self-replies (threads)", "{:.1%}"),
    ("mention_reply", "in_reply_to_user_id without a status", "{:.1%}"),
    ("quote", "quotes (link to a status)", "{:.1%}"),
    ("possibly_sensitive", "with possibly_sensitive", "{:.1%}"),
    ("extended_entities", "with extended_entities", "{:.1%}"),
    ("video_info", "with video_info (GIF or video)", "{:.2%}"),
    ("media_source", "with media from another tweet", "{:.2%}"),
    ("edit_info", "with edit_info", "{:.1%}"),
    ("edited", "edited versions (edit_info.edit)", "{:.2%}"),
    ("withheld_in_countries", "with withheld_in_countries", "{:.2%}"),
    ("contributors", "with contributors", "{:.2%}"),
    ("escaped", "HTML-escaped text (&amp; &lt; &gt;)", "{:.1%}"),
    ("newline", "text with a line break", "{:.1%}"),
    ("beyond_bmp", "text with a character beyond the BMP", "{:.1%}"),
    ("rt_cut", "retweets cut with …", "{:.1%}"),
    ("lang_en", "lang en", "{:.1%}"),
    ("special_lang", "lang und, qme, zxx, qam, qht, qst or art", "{:.1%}"),
    ("languages", "distinct lang codes", "{:.0f}"),
    ("note_tweets", "note-tweet.js items", "{:,.0f}"),
)


def _files(path: Path) -> Iterator[tuple[str, bytes]]:
    """Yield (name, bytes) of every `.js` file of a YTD archive folder or zip (Grailbird files are left out)."""
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                if name.endswith(".js") and "/js/" not in name:
                    yield name, zf.read(name)
        return
    for f in sorted(path.rglob("*.js")):
        rel = f.relative_to(path).as_posix()
        if "/js/" not in "/" + rel:
            yield rel, f.read_bytes()


def _array(data: bytes) -> Any:
    """The JSON value after a data file's `window.YTD.<name>.partN =` prefix."""
    return orjson.loads(data[data.index(b"=") + 1:])


def measure(path: str | Path) -> dict[str, Any]:
    """Sum what the figures need over the tweets of the archive at `path` (a folder or a zip)."""
    path = Path(path)
    s: dict[str, Any] = {k: 0 for k, _, _ in FIGURES}
    s.update(bytes=0, today=0, rts=0, langs=set())
    owner = None
    tweet_items: list[tuple[int, list[Any]]] = []
    for name, data in _files(path):
        base = name.rsplit("/", 1)[-1]
        if base == "manifest.js":
            owner = _array(data).get("userInfo", {}).get("accountId") or owner
        elif base == "account.js" and owner is None:
            items = _array(data)
            owner = items[0].get("account", {}).get("accountId") if items else None
        elif base.startswith("note-tweet"):
            s["note_tweets"] += len(_array(data))
        elif _TWEET_FILE.search(name):
            tweet_items.append((len(data), _array(data)))
    for size, items in tweet_items:
        s["bytes"] += size
        for item in items:
            _add(s, item, owner)
    return s


def _add(s: dict[str, Any], item: dict[str, Any], owner: str | None) -> None:
    """Add one tweets.js item to the sums `s`."""
    t = item.get("tweet", item)
    text = t.get("full_text", "")
    ents, ext = t.get("entities", {}), t.get("extended_entities", {}).get("media", [])
    s["tweets"] += 1
    today = t if "edit_info" in t else {"edit_info": {"initial": {
        "editTweetIds": [t.get("id_str", "")], "editableUntil": "2022-11-02T22:00:39.000Z", "editsRemaining": "5",
        "isEditEligible": True}}} | t
    s["today"] += len(dump_item({"tweet": today})) + 2
    s["text_length"] += len(text)
    s["mentions"] += len(ents.get("user_mentions", []))
    s["urls"] += len(ents.get("urls", []))
    s["hashtags"] += len(ents.get("hashtags", []))
    s["media"] += len(ents.get("media", []))
    s["extended_media"] += len(ext)
    rt = text.startswith("RT @")
    s["retweet"] += rt
    s["rts"] += rt
    s["rt_cut"] += rt and text.endswith("…")
    status, user = t.get("in_reply_to_status_id_str"), t.get("in_reply_to_user_id_str")
    s["reply"] += bool(status)
    s["self_reply"] += bool(status) and user == owner
    s["mention_reply"] += bool(user) and not status
    s["quote"] += not rt and any(_STATUS.match(u.get("expanded_url", "")) for u in ents.get("urls", []))
    for k in ("possibly_sensitive", "extended_entities", "edit_info", "withheld_in_countries", "contributors"):
        s[k] += k in t
    s["edited"] += "edit" in t.get("edit_info", {})
    s["video_info"] += any("video_info" in m for m in ext)
    s["media_source"] += any("source_status_id_str" in m for m in ext)
    s["escaped"] += "&amp;" in text or "&lt;" in text or "&gt;" in text
    s["newline"] += "\n" in text
    s["beyond_bmp"] += any(ord(c) > 0xFFFF for c in text)
    lang = t.get("lang", "")
    s["lang_en"] += lang == "en"
    s["special_lang"] += lang in SPECIAL_LANGS
    s["langs"].add(lang)


def pool(sums: list[dict[str, Any]]) -> dict[str, Any]:
    """Add the sums of several archives into one (their figures are then per tweet of all of them)."""
    out: dict[str, Any] = {k: 0 for k in sums[0]} if sums else {}
    out["langs"] = set()
    for s in sums:
        for k, v in s.items():
            if k == "langs":
                out["langs"] |= v
            else:
                out[k] += v
    return out


def figures(s: dict[str, Any]) -> dict[str, float]:
    """The figures of `FIGURES` from sums: means and shares per tweet row."""
    n = max(s["tweets"], 1)
    out: dict[str, float] = {}
    for k, _, _ in FIGURES:
        if k == "tweets" or k == "note_tweets":
            out[k] = float(s[k])
        elif k == "bytes_per_tweet":
            out[k] = s["bytes"] / n
        elif k == "bytes_per_tweet_today":
            out[k] = s["today"] / n
        elif k == "rt_cut":
            out[k] = s["rt_cut"] / max(s["rts"], 1)
        elif k == "languages":
            out[k] = float(len(s["langs"]))
        else:
            out[k] = s[k] / n
    return out


def table(columns: dict[str, dict[str, float]]) -> str:
    """A Markdown table of figures, one column per archive (name -> figures)."""
    names = list(columns)
    lines = ["| figure | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for k, label, fmt in FIGURES:
        lines.append(f"| {label} | " + " | ".join(fmt.format(columns[c][k]) for c in names) + " |")
    return "\n".join(lines)
