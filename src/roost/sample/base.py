"""Constants and small formatters shared by the sample generator's modules."""

from __future__ import annotations

import random
import time
from bisect import bisect
from datetime import date, timedelta

EPOCH_MS = 1288834974657  # Twitter Snowflake epoch
DAY_MS = 86_400_000
X_COM_MS = 1_715_904_000_000  # 2024-05-17: twitter.com links became x.com ones
# Kinds of tweets. MENTION is the old-style reply: a leading @mention with a user id but no status id.
ORIG, REPLY, SELF, RT, QUOTE, MENTION = range(6)
MUTUAL, FOLLOWER, FOLLOWED, STRANGER = range(4)
USER_LINK = "https://twitter.com/intent/user?user_id="

_WD = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_KEY = B62 + "-_"


def esc(s: str) -> str:
    """HTML-escape a tweet text the way the archive does (only &, < and >)."""
    if "&" in s or "<" in s or ">" in s:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s


def tw_date(sec: int) -> str:
    """Format epoch seconds as a tweet `created_at`."""
    t = time.gmtime(sec)
    return (f"{_WD[t.tm_wday]} {_MON[t.tm_mon - 1]} {t.tm_mday:02d} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000 {t.tm_year}")


def iso(ms: int) -> str:
    """Format epoch milliseconds as the archive's ISO-8601 `YYYY-MM-DDTHH:MM:SS.sssZ`."""
    t = time.gmtime(ms // 1000)
    return (f"{t.tm_year}-{t.tm_mon:02d}-{t.tm_mday:02d}T"
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}.{ms % 1000:03d}Z")


def snowflake(r: random.Random, ms: int, worker_lo: int, worker_hi: int) -> int:
    """Return a Snowflake id for `ms` with a worker number in [worker_lo, worker_hi)."""
    return ((ms - EPOCH_MS) << 22) | (r.randrange(worker_lo, worker_hi) << 12) | r.getrandbits(12)


def paris_offset(d: date) -> int:
    """Return the UTC offset of Europe/Paris in hours on day `d` (EU summer time rule)."""
    mar, octo = date(d.year, 3, 31), date(d.year, 10, 31)
    start = mar - timedelta(days=(mar.weekday() + 1) % 7)
    end = octo - timedelta(days=(octo.weekday() + 1) % 7)
    return 2 if start <= d < end else 1


def display(url: str) -> str:
    """Shorten an expanded URL the way Twitter's `display_url` does."""
    d = url.split("://", 1)[-1]
    d = d[4:] if d.startswith("www.") else d
    return d if len(d) <= 26 else d[:26] + "…"


def tco(r: random.Random) -> str:
    """Return a fresh-looking t.co link (23 characters, as every t.co link is)."""
    n = r.getrandbits(60)
    return "https://t.co/" + "".join(B62[(n >> (6 * k)) % 62] for k in range(10))


def key(r: random.Random, size: int = 15) -> str:
    """Return a media key or file name part such as `FgoIitdWAAAL87b`."""
    n = r.getrandbits(6 * size)
    return "".join(_KEY[(n >> (6 * k)) & 63] for k in range(size))


def cum(weights: list[float] | tuple[float, ...]) -> list[float]:
    """Cumulative weights, for `pick`."""
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def pick(r: random.Random, cum_weights: list[float]) -> int:
    """Draw an index with the given cumulative weights (what `r.choices(range(n), cum_weights=...)[0]` does)."""
    return bisect(cum_weights, r.random() * cum_weights[-1], 0, len(cum_weights) - 1)
