"""Deterministic generator of a synthetic Twitter/X archive in the current (2023+) format.

`write_sample_archive` writes the same bytes for the same arguments (one seeded `random.Random`
per concern, never the clock). Data files stream part by part, so a million tweets fit in memory.
Run `python -m roost.sample DEST --tweets N [--zip] [--seed S]` for benchmarks.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import time
import unicodedata
import zipfile
from array import array
from bisect import bisect_left, bisect_right
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import IO, Any, Iterable, Sequence

import orjson

EPOCH_MS = 1288834974657  # Twitter Snowflake epoch
DAY_MS = 86_400_000
ORIG, REPLY, SELF, RT, QUOTE = range(5)
MUTUAL, FOLLOWER, FOLLOWED, STRANGER = range(4)

_WD = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_B62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_CLIENTS = (  # (name, href, weight for own tweets)
    ("Twitter Web App", "https://mobile.twitter.com", 50),
    ("Twitter for iPhone", "http://twitter.com/download/iphone", 20),
    ("Twitter for Android", "http://twitter.com/download/android", 9),
    ("TweetDeck", "https://tweetdeck.twitter.com", 12),
    ("Buffer", "https://buffer.com", 9),
)
_SOURCES = [f'<a href="{h}" rel="nofollow">{n}</a>' for n, h, _ in _CLIENTS]
_SOURCE_CUM = list(itertools.accumulate(w for _, _, w in _CLIENTS))
_HOURS_WEEK = (0.15, 0.08, 0.04, 0.03, 0.03, 0.06, 0.25, 0.7, 1.5, 1.9, 1.8, 1.5,
               1.2, 1.4, 1.7, 1.8, 1.6, 1.3, 0.9, 0.7, 0.8, 0.8, 0.6, 0.35)
_HOURS_WEEKEND = (0.3, 0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.25, 0.5, 0.8, 1.0, 1.0,
                  0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 0.9, 0.7, 0.5)
_DAY_WEIGHT = (1.0, 1.05, 1.0, 1.0, 0.85, 0.4, 0.3)  # Monday..Sunday
# Texts never contain '"', '[]' or '{}': the pretty-printer below relies on it.
_EN = (
    "technical SEO is mostly crawl budget, internal links and patience",
    "stop chasing keywords and answer the question behind the search",
    "our organic traffic doubled after we fixed the canonical tags",
    "log files tell you more about SEO than any dashboard",
    "an SEO audit without a roadmap is just a long PDF",
    "internal linking is the most underrated seo lever",
    "good marketing is clear writing plus boring distribution",
    "the best B2B marketing channel this year was our newsletter",
    "content marketing & SEO work best as one team",
    "positioning beats budget in early stage marketing",
    "plain text emails lifted our open rate from 21% to 34%",
    "retention > acquisition, every single time",
    "we ran 14 growth experiments this quarter and 3 worked",
    "activation is where most growth quietly leaks",
    "small compounding loops beat one viral spike",
    "moving a report from pandas to DuckDB cut it from 9 min to 20 s",
    "type hints caught two bugs before code review today",
    "a 40 line Python script replaced a paid SEO tool",
    "a dashboard nobody opens is not a data product",
    "most data quality issues are really naming issues",
    "use the median, not the mean, for anything with a long tail",
    "if you cannot define the metric in one sentence, do not track it",
    "churn < 2% for three months in a row, the team earned this one",
    "writing the docs first made the Python API so much simpler",
)
_FR = (
    "le SEO technique, c'est surtout du maillage interne et de la patience",
    "arrêtez de courir après les mots-clés, répondez à la vraie question",
    "notre trafic organique a doublé après la correction des canonicals",
    "le marketing de contenu & le SEO doivent travailler ensemble",
    "un bon marketing, c'est d'abord une écriture claire",
    "la rétention compte plus que l'acquisition, toujours",
    "un petit script Python nous fait gagner deux heures par semaine",
    "un tableau de bord que personne n'ouvre ne sert à rien",
    "des données propres commencent par des noms clairs",
    "nouvelle mesure de la croissance : les comptes actifs à 30 jours",
)
_EN_OPEN = ("", "", "", "Quick tip: ", "Hot take: ", "Reminder: ", "TIL ", "Lesson learned: ", "Note to self: ")
_EN_CLOSE = ("", "", ".", ".", ". Thoughts?", " 🚀", " 😅", ". More soon.", ". Agree?")
_FR_OPEN = ("", "", "Petit conseil : ", "Rappel : ", "Avis impopulaire : ")
_FR_CLOSE = ("", ".", ".", ". Vous en pensez quoi ?", " 🚀", ". À suivre.")
_SHORT = (("Agreed!", "en"), ("Great point.", "en"), ("100%", "en"), ("Thanks for sharing!", "en"),
          ("Interesting, do you have the data?", "en"), ("Same here, especially on mobile.", "en"),
          ("That matches our SEO tests.", "en"), ("Congrats! 🎉", "en"), ("Merci pour le partage !", "fr"),
          ("Tout à fait d'accord.", "fr"), ("Bien vu 👍", "fr"), ("Intéressant, tu as les chiffres ?", "fr"),
          ("👍", "und"), ("🔥🔥", "und"), ("😂", "und"))
_QUOTE_TEXT = (("This 👇", "en"), ("Worth reading.", "en"), ("Exactly what I said last week.", "en"),
               ("Bookmarking this one.", "en"), ("Great thread on SEO", "en"), ("Très juste.", "fr"),
               ("À lire absolument.", "fr"))
_TAGS = ("seo", "SEO", "marketing", "growth", "python", "data", "contentmarketing", "analytics", "DuckDB")
_SLUGS = ("technical-seo-checklist", "marketing-metrics-that-matter", "growth-loops", "duckdb-for-marketers",
          "python-for-seo", "newsletter-lessons", "internal-linking", "retention-first")
_LINKS = ("https://developers.google.com/search/docs/fundamentals/seo-starter-guide",
          "https://www.youtube.com/watch?v=J7bX5dGr1kQ", "https://en.wikipedia.org/wiki/Search_engine_optimization",
          "https://github.com/duckdb/duckdb", "https://moz.com/blog/internal-linking", "https://docs.python.org/3/",
          "https://www.lemonde.fr/pixels/", "https://searchengineland.com/guide/what-is-seo")
_FAVOURITES = (("seo_weekly", "SEO Weekly"), ("growthdigest", "Growth Digest"), ("pydata_news", "PyData News"),
               ("searchnotes", "Search Notes"), ("martech_daily", "MarTech Daily"), ("dataviz_club", "Dataviz Club"),
               ("contentlab_fr", "Content Lab FR"), ("webperf_tips", "WebPerf Tips"), ("duckdb_fans", "DuckDB Fans"),
               ("analytics_fr", "Analytics FR"), ("marketingmemo", "Marketing Memo"), ("opendata_eu", "Open Data EU"))
_FIRST = ("Camille", "Léa", "Hugo", "Nina", "Lucas", "Emma", "Noah", "Chloé", "Jules", "Inès", "Sam", "Alex",
          "Maya", "Tom", "Zoé", "Yanis", "Sara", "Paul", "Lina", "Adam", "Clara", "Louis", "Eva", "Théo",
          "Anaïs", "Priya", "Kenji", "Olivia", "Mateo", "Sofia", "Aisha", "Jonas", "Elif", "Diego")
_LAST = ("Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Garcia", "Rossi", "Smith", "Nguyen", "Kowalski",
         "Müller", "Silva", "Haddad", "Lefèvre", "Fontaine", "Chen", "Okafor", "Berg", "Novak", "Petit")
_DM_TEXT = ("Hey! Loved your thread on internal links", "Merci ! On en parle la semaine prochaine ?",
            "Sure, send me the deck", "Do you have the numbers for Q3?", "Ça marche, je regarde ce soir",
            "Thanks, that helped a lot", "See you at the meetup?", "Haha yes 😄")
_SIZES = tuple({"small": {"w": str(w * 680 // 2048), "h": str(h * 680 // 2048), "resize": "fit"},
                "large": {"w": str(w), "h": str(h), "resize": "fit"},
                "thumb": {"w": "150", "h": "150", "resize": "crop"},
                "medium": {"w": str(w * 1200 // 2048), "h": str(h * 1200 // 2048), "resize": "fit"}}
               for w, h in ((2048, 1536), (1536, 2048), (2048, 1152)))


def _esc(s: str) -> str:
    """HTML-escape a tweet text the way the archive does (only &, < and >)."""
    if "&" in s or "<" in s or ">" in s:
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return s


def _tw_date(sec: int) -> str:
    """Format epoch seconds as a tweet `created_at`."""
    t = time.gmtime(sec)
    return (f"{_WD[t.tm_wday]} {_MON[t.tm_mon - 1]} {t.tm_mday:02d} "
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d} +0000 {t.tm_year}")


def _iso(ms: int) -> str:
    """Format epoch milliseconds as the archive's ISO-8601 `YYYY-MM-DDTHH:MM:SS.sssZ`."""
    t = time.gmtime(ms // 1000)
    return (f"{t.tm_year}-{t.tm_mon:02d}-{t.tm_mday:02d}T"
            f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}.{ms % 1000:03d}Z")


def _snowflake(r: random.Random, ms: int, worker_lo: int, worker_hi: int) -> int:
    """Return a Snowflake id for `ms` with a worker number in [worker_lo, worker_hi)."""
    return ((ms - EPOCH_MS) << 22) | (r.randrange(worker_lo, worker_hi) << 12) | r.getrandbits(12)


def _paris_offset(d: date) -> int:
    """Return the UTC offset of Europe/Paris in hours on day `d` (EU summer time rule)."""
    mar, octo = date(d.year, 3, 31), date(d.year, 10, 31)
    start = mar - timedelta(days=(mar.weekday() + 1) % 7)
    end = octo - timedelta(days=(octo.weekday() + 1) % 7)
    return 2 if start <= d < end else 1


def _display(url: str) -> str:
    """Shorten an expanded URL the way Twitter's `display_url` does."""
    d = url.split("://", 1)[-1]
    d = d[4:] if d.startswith("www.") else d
    return d if len(d) <= 26 else d[:26] + "…"


def _dump_item(item: Any) -> bytes:
    """Serialize one array item in the archive's pretty-print style, indented for its array."""
    raw = orjson.dumps(item, option=orjson.OPT_INDENT_2)
    out = b"  " + raw.replace(b"\n", b"\n  ")
    return out.replace(b'": ', b'" : ').replace(b"[]", b"[ ]").replace(b"{}", b"{ }")


def _jackson(v: Any, level: int = 0) -> str:
    """Serialize a value in the manifest's Jackson style (`"files" : [ {`)."""
    if isinstance(v, dict):
        if not v:
            return "{ }"
        pad = "  " * (level + 1)
        body = ",\n".join(f"{pad}{orjson.dumps(k).decode()} : {_jackson(x, level + 1)}" for k, x in v.items())
        return "{\n" + body + "\n" + "  " * level + "}"
    if isinstance(v, list):
        return "[ " + ", ".join(_jackson(x, level) for x in v) + " ]" if v else "[ ]"
    return orjson.dumps(v).decode()


class _Sink:
    """Writes archive members into a folder or, streaming, into a deterministic zip."""

    def __init__(self, dest: Path, as_zip: bool, date_time: tuple[int, ...], zip64: bool) -> None:
        self.dest, self.date_time, self.zip64, self.total = dest, date_time, zip64, 0
        self.zf = zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) if as_zip else None

    def open(self, name: str) -> IO[bytes]:
        """Open member `name` (e.g. `data/tweets.js`) for writing."""
        if self.zf is None:
            path = self.dest / name
            path.parent.mkdir(parents=True, exist_ok=True)
            return open(path, "wb", buffering=1 << 20)
        info = zipfile.ZipInfo(name, date_time=self.date_time)
        info.compress_type, info.create_system, info.external_attr = zipfile.ZIP_DEFLATED, 3, 0o100644 << 16
        return self.zf.open(info, "w", force_zip64=self.zip64)

    def write(self, name: str, data: bytes) -> None:
        """Write a whole small member."""
        with self.open(name) as fh:
            fh.write(data)
        self.total += len(data)

    def close(self) -> None:
        """Finish the zip, if any."""
        if self.zf is not None:
            self.zf.close()


class _YtdWriter:
    """Streams items into `data/<stem>.js`, `<stem>-part1.js`... keeping each part within `part_bytes`."""

    def __init__(self, sink: _Sink, stem: str, part_bytes: int) -> None:
        self.sink, self.stem, self.part_bytes = sink, stem, part_bytes
        self.glob = stem.replace("-", "_")
        self.files: list[dict[str, str]] = []
        self.count = self.size = 0
        self.fh: IO[bytes] | None = None

    def _name(self) -> str:
        """Return the member name of the current part."""
        n = len(self.files)
        return f"data/{self.stem}.js" if n == 0 else f"data/{self.stem}-part{n}.js"

    def _finish(self) -> None:
        """Close the current part and record its manifest entry."""
        assert self.fh is not None
        self.fh.write(b"\n]")
        self.fh.close()
        self.sink.total += self.size + 2
        self.files.append({"fileName": self._name(), "globalName": f"YTD.{self.glob}.part{len(self.files)}",
                           "count": str(self.count)})
        self.fh = None

    def add(self, item: Any) -> None:
        """Append one item, starting a new part first if this one would outgrow `part_bytes`."""
        blob = _dump_item(item)
        if self.fh is not None and self.size + len(blob) + 4 > self.part_bytes:
            self._finish()
        if self.fh is None:
            head = f"window.YTD.{self.glob}.part{len(self.files)} = [\n".encode()
            self.fh = self.sink.open(self._name())
            self.fh.write(head)
            self.count, self.size = 0, len(head)
        else:
            self.fh.write(b",\n")
            self.size += 2
        self.fh.write(blob)
        self.size += len(blob)
        self.count += 1

    def close(self) -> list[dict[str, str]]:
        """Close the last part (or write an empty file) and return the manifest entries."""
        if self.fh is not None:
            self._finish()
        elif not self.files:
            self.sink.write(self._name(), f"window.YTD.{self.glob}.part0 = [ ]".encode())
            self.files.append({"fileName": self._name(), "globalName": f"YTD.{self.glob}.part0", "count": "0"})
        return self.files


def _mention(o: tuple[str, str, str], start: int) -> dict[str, Any]:
    """Build a `user_mentions` entity for account `o` = (id, handle, name) at `start`."""
    return {"name": o[2], "screen_name": o[1], "indices": [str(start), str(start + 1 + len(o[1]))],
            "id_str": o[0], "id": o[0]}


class _Draft:
    """The escaped text of a tweet being written, with its entities, language and reply target."""

    def __init__(self) -> None:
        self.text, self.lang = "", "en"
        self.tags: list[dict[str, Any]] = []
        self.ments: list[dict[str, Any]] = []
        self.urls: list[dict[str, Any]] = []
        self.media: list[dict[str, Any]] = []
        self.reply: tuple[str, str, str | None] | None = None  # (status id, user id, screen name)

    def add(self, s: str) -> None:
        """Append already-escaped text."""
        self.text += s

    def mention(self, o: tuple[str, str, str]) -> None:
        """Append `@handle` and its entity."""
        self.ments.append(_mention(o, len(self.text)))
        self.text += "@" + o[1]


class _Sample:
    """The cast, the timeline and the text machinery of one synthetic account."""

    def __init__(self, seed: int, tweets: int, owner_id: str, username: str, gen_ms: int) -> None:
        self.seed, self.n, self.owner_id, self.username, self.gen_ms = seed, tweets, owner_id, username, gen_ms
        self.rng = random.Random(f"roost-sample:{seed}:tweets")
        self.note_items: list[dict[str, Any]] = []
        self.end_ms = gen_ms - self.rng.randrange(DAY_MS, 4 * DAY_MS)
        self.start_ms = self.end_ms - 1095 * DAY_MS
        self._build_cast()

    def account_id(self, r: random.Random, used: set[int], recent: float, old: float) -> int:
        """Draw an unused account id: recent Snowflake, pre-2013 small id, or older Snowflake."""
        while True:
            x = r.random()
            if x < recent:
                uid = _snowflake(r, self.gen_ms - r.randrange(DAY_MS, 120 * DAY_MS), 0, 1024)
            elif x < recent + old:
                uid = r.randrange(10_000_000, 1_500_000_000)
            else:
                lo = 1_388_534_400_000  # 2014-01-01
                uid = _snowflake(r, r.randrange(lo, max(lo + DAY_MS, self.gen_ms - 120 * DAY_MS)), 0, 1024)
            if uid not in used:
                used.add(uid)
                return uid

    def _build_cast(self) -> None:
        """Create ~150 stable other accounts with roles (mutual, follower, followed, stranger)."""
        r = random.Random(f"roost-sample:{self.seed}:cast")
        self.used = {int(self.owner_id)} if self.owner_id.isdigit() else set()
        self.others: list[tuple[str, str, str]] = []
        seen = {self.username.lower()}
        for handle, name in _FAVOURITES:
            self.others.append((str(self.account_id(r, self.used, 0.0, 0.6)), handle, name))
            seen.add(handle)
        while len(self.others) < 150:
            first, last = r.choice(_FIRST), r.choice(_LAST)
            plain = unicodedata.normalize("NFKD", first + last).encode("ascii", "ignore").decode()
            handle = (plain[: r.randrange(4, 12)] + r.choice(("", "_", "")) + str(r.randrange(100)))[:15]
            if handle.lower() not in seen:
                seen.add(handle.lower())
                self.others.append((str(self.account_id(r, self.used, 0.1, 0.35)), handle, f"{first} {last}"))
        roles = [MUTUAL] * 52 + [FOLLOWER] * 46 + [FOLLOWED] * 18 + [STRANGER] * 22
        r.shuffle(roles)
        self.roles = [MUTUAL] * 3 + [FOLLOWED] * 9 + roles
        weights = [0.4] * 12 + [(4.0, 2.5, 1.5, 1.0)[x] for x in roles]
        self.cum = list(itertools.accumulate(weights))
        self.fav_cum = list(itertools.accumulate(1.0 / (k + 1) for k in range(12)))

    def follow_graph(self, followers: int, following: int) -> tuple[list[str], list[str]]:
        """Return (follower ids, following ids) with ~40% of following being mutuals."""
        r = random.Random(f"roost-sample:{self.seed}:graph")
        m = min(round(0.4 * following), followers, following)
        pick = [self.with_role(role) for role in (MUTUAL, FOLLOWER, FOLLOWED)]
        mutual, only_in, only_out = pick[0][:m], (pick[0][m:] + pick[1])[: followers - m], pick[2][: following - m]
        used = set(self.used)
        mutual += [str(self.account_id(r, used, 0.08, 0.35)) for _ in range(m - len(mutual))]
        only_in += [str(self.account_id(r, used, 0.18, 0.3)) for _ in range(followers - m - len(only_in))]
        only_out += [str(self.account_id(r, used, 0.05, 0.4)) for _ in range(following - m - len(only_out))]
        fol, fng = mutual + only_in, mutual + only_out
        r.shuffle(fol)
        r.shuffle(fng)
        return fol, fng

    def with_role(self, role: int) -> list[str]:
        """Return the ids of the cast accounts that have `role`."""
        return [o[0] for o, x in zip(self.others, self.roles) if x == role]

    def other(self, r: random.Random) -> tuple[str, str, str]:
        """Pick an account to talk to, favouring mutuals and followers."""
        return r.choices(self.others, cum_weights=self.cum)[0]

    def sentence(self, r: random.Random, fr: bool | None = None, plain: bool = False) -> tuple[str, str]:
        """Return (raw text, lang) of a topical sentence with an optional opener and closer."""
        fr = r.random() < 0.22 if fr is None else fr
        body = r.choice(_FR if fr else _EN)
        while plain and ("&" in body or "<" in body or ">" in body):
            body = r.choice(_FR if fr else _EN)
        opener, closer = r.choice(_FR_OPEN if fr else _EN_OPEN), r.choice(_FR_CLOSE if fr else _EN_CLOSE)
        if not opener:
            body = body[0].upper() + body[1:]
        return opener + body + closer, ("fr" if fr else "en")

    def tco(self, r: random.Random) -> str:
        """Return a fresh-looking t.co link."""
        n = r.getrandbits(60)
        return "https://t.co/" + "".join(_B62[(n >> (6 * k)) % 62] for k in range(10))

    def build_timeline(self) -> None:
        """Draw creation times, kinds, threads, the buzz spike, edits and long posts for all tweets."""
        r, n = self.rng, self.n
        n_self = round(0.08 * n)
        n_reply, n_rt, n_quote = round(0.25 * n), round(0.15 * n), round(0.07 * n)
        kinds = [REPLY] * n_reply + [RT] * n_rt + [QUOTE] * n_quote
        kinds += [ORIG] * (n - n_self - len(kinds))
        r.shuffle(kinds)
        first = datetime.fromtimestamp(self.start_ms // 1000, timezone.utc).date()
        ndays = (self.end_ms - self.start_ms) // DAY_MS + 1
        self.buzz_day = int(ndays * r.uniform(0.45, 0.8))
        weights, level, left = [], 1.0, 0
        for k in range(ndays):
            d = first + timedelta(days=k)
            if left <= 0:
                level, left = r.lognormvariate(0.0, 0.6), r.randrange(7, 45)
            left -= 1
            w = _DAY_WEIGHT[d.weekday()] * level * (0.7 + 0.6 * k / ndays)
            if (d.month == 8 and d.day <= 21) or (d.month == 12 and d.day >= 23) or (d.month == 1 and d.day <= 2):
                w *= 0.15
            weights.append(w * (4.0 if 0 <= k - self.buzz_day < 3 else 1.0))
        days = r.choices(range(ndays), cum_weights=list(itertools.accumulate(weights)), k=len(kinds))
        per_day = [0] * ndays
        for k in days:
            per_day[k] += 1
        hw, hwe = list(itertools.accumulate(_HOURS_WEEK)), list(itertools.accumulate(_HOURS_WEEKEND))
        times: list[int] = []
        for k, c in enumerate(per_day):
            if c:
                d = first + timedelta(days=k)
                base = int(datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp()) - 3600 * _paris_offset(d)
                for h in r.choices(range(24), cum_weights=hw if d.weekday() < 5 else hwe, k=c):
                    times.append(min((base + h * 3600 + r.randrange(3600)) * 1000 + r.randrange(1000), self.end_ms))
        keys = [t * 8 + kd for t, kd in zip(times, kinds)]
        heads = [t for t, kd in zip(times, kinds) if kd == ORIG]
        left = n_self if heads else 0
        while left > 0:  # threads: a few self-replies minutes after an original
            t = r.choice(heads)
            for _ in range(min(left, 1 + min(int(r.expovariate(0.8)), 6))):
                t += r.randrange(20_000, 600_000)
                keys.append(t * 8 + SELF)
                left -= 1
        keys += [t * 8 + ORIG for t in r.choices(times or [self.end_ms], k=n - len(keys))]
        keys.sort()
        self.ms = array("q", (k >> 3 for k in keys))
        self.kinds = bytearray(k & 7 for k in keys)
        del keys, times, kinds, heads
        self.ids = array("q", (((t - EPOCH_MS) << 22) | (r.randrange(256) << 12) | (i & 0xFFF)
                               for i, t in enumerate(self.ms)))
        self.parent: dict[int, tuple[int, int]] = {}  # self-reply index -> (parent index, position)
        last = -1
        for i, kd in enumerate(self.kinds):
            if kd == SELF:
                if last < 0:
                    self.kinds[i] = ORIG
                else:
                    self.parent[i] = (last, self.parent.get(last, (0, 1))[1] + 1)
            if self.kinds[i] in (ORIG, SELF, QUOTE):
                last = i
        bstart = self.start_ms + self.buzz_day * DAY_MS
        lo, hi = bisect_left(self.ms, bstart), bisect_right(self.ms, bstart + 3 * DAY_MS)
        cands = [i for i in range(lo, hi) if self.kinds[i] == ORIG] or \
                [i for i in range(max(0, lo - 50), min(n, hi + 50)) if self.kinds[i] == ORIG]
        self.buzz = set(r.sample(cands, min(len(cands), r.choice((2, 3)))))
        self.buzz_window = (bstart, bstart + 3 * DAY_MS)
        self.edits: dict[int, int] = {}  # tweet index -> number of edits
        self.notes: set[int] = set()  # tweet indexes that are the head of a long post
        want_edits, want_notes = (max(1, round(n * 0.004)), 2) if n >= 10 else (0, 0)
        for _ in range(200 * (want_edits + want_notes)):
            if len(self.edits) >= want_edits and len(self.notes) >= want_notes:
                break
            i = r.randrange(n)
            if self.kinds[i] not in (ORIG, QUOTE) or i in self.buzz or i in self.edits or i in self.notes:
                continue
            if len(self.edits) < want_edits:
                self.edits[i] = r.choice((1, 1, 1, 2, 2, 3))
            elif self.kinds[i] == ORIG:
                self.notes.add(i)

    def _engagement(self, i: int, kind: int, ms: int) -> tuple[int, int]:
        """Return heavy-tailed (likes, retweets) for one tweet; buzz tweets get 50-100x the usual."""
        r = self.rng
        if kind == RT:
            return 0, 0
        if i in self.buzz:
            return r.randrange(200, 450), r.randrange(40, 120)
        f = (0.6 + 0.8 * (ms - self.start_ms) / (self.end_ms - self.start_ms)) * (0.35 if kind == REPLY else 1.0)
        if self.buzz_window[0] <= ms < self.buzz_window[1]:
            f *= 3
        likes = int(r.lognormvariate(0.3, 1.0) * f)
        return likes, int(likes * r.random() * 0.3) + (r.random() < 0.05)

    def _note(self, d: _Draft, ms: int) -> None:
        """Make tweet `d` the truncated head of a long post and queue its note-tweet.js item."""
        r, parts = self.rng, []
        d.lang = "fr" if r.random() < 0.3 else "en"
        while sum(len(p) + 2 for p in parts) < 450:
            parts.append(self.sentence(r, d.lang == "fr", plain=True)[0])
        note = "\n\n".join(parts)
        d.text = note[: note.rfind(" ", 0, 275)]
        stamp = _iso(ms // 1000 * 1000)
        self.note_items.append({"noteTweet": {
            "noteTweetId": str(_snowflake(r, ms + r.randrange(1, 900), 384, 1024)), "updatedAt": stamp,
            "lifecycle": {"value": "1", "name": "Active", "originalName": "Active", "annotations": {}},
            "createdAt": stamp, "core": {"styletags": [], "urls": [], "text": note, "mentions": [], "cashtags": [],
                                         "hashtags": []}}})

    def _post(self, d: _Draft, kind: int, ms: int, id_s: str) -> None:
        """Write an original or a quote: sentence, mention, hashtags, link or quoted tweet, photos."""
        r = self.rng
        raw, d.lang = r.choice(_QUOTE_TEXT) if kind == QUOTE and r.random() < 0.5 else self.sentence(r)
        d.text = _esc(raw)
        if r.random() < 0.1:
            d.add(" cc ")
            d.mention(self.other(r))
        if r.random() < 0.32:
            for tag in r.sample(_TAGS, r.choice((1, 1, 2))):
                d.add(" ")
                d.tags.append({"text": tag, "indices": [str(len(d.text)), str(len(d.text) + 1 + len(tag))]})
                d.add("#" + tag)
        x, link = r.random(), None
        if kind == QUOTE:
            o = self.others[r.randrange(12)] if r.random() < 0.5 else self.other(r)
            qid = _snowflake(r, ms - r.randrange(60_000, 5 * DAY_MS), 384, 1024)
            host = "https://x.com" if r.random() < 0.25 else "https://twitter.com"
            link = f"{host}/{o[1]}/status/{qid}" + ("?s=20" if r.random() < 0.3 else "")
        elif x < 0.12:
            link = f"https://roost-sample.example/blog/{r.choice(_SLUGS)}"
        elif x < 0.22:
            link = r.choice(_LINKS)
        if link:
            tco = self.tco(r)
            d.add(" ")
            d.urls.append({"url": tco, "expanded_url": link, "display_url": _display(link),
                           "indices": [str(len(d.text)), str(len(d.text) + len(tco))]})
            d.add(tco)
        if kind == ORIG and r.random() < 0.13:
            if r.random() < 0.12:  # media only
                d.text, d.tags, d.ments, d.urls, d.lang = "", [], [], [], "qme"
            tco = self.tco(r)
            d.add(" " if d.text else "")
            start = len(d.text)
            d.add(tco)
            for k in range(1 if r.random() < 0.8 else r.randrange(2, 5)):
                mid = str(_snowflake(r, ms - r.randrange(5_000, 300_000), 384, 1024))
                key = "".join(r.choice(_B62) for _ in range(15))
                d.media.append({"expanded_url": f"https://x.com/{self.username}/status/{id_s}/photo/{k + 1}",
                                "indices": [str(start), str(start + len(tco))], "url": tco,
                                "media_url": f"http://pbs.twimg.com/media/{key}.jpg", "id_str": mid, "id": mid,
                                "media_url_https": f"https://pbs.twimg.com/media/{key}.jpg",
                                "sizes": r.choice(_SIZES), "type": "photo", "display_url": f"pic.x.com/{tco[13:]}"})

    def tweet_rows(self, i: int) -> list[tuple[int, dict[str, Any]]]:
        """Build the (created second, tweets.js row) pairs of tweet `i` (several for an edit chain)."""
        r, kind, ms = self.rng, self.kinds[i], self.ms[i]
        sec, id_s, d = ms // 1000, str(self.ids[i]), _Draft()
        if kind == RT:  # "RT @fav: ..." cut at 140 characters
            o = self.others[r.choices(range(12), cum_weights=self.fav_cum)[0]]
            raw, d.lang = self.sentence(r)
            raw = f"RT @{o[1]}: {raw}" + (" #" + r.choice(_TAGS) if r.random() < 0.3 else "")
            d.text = _esc(raw if len(raw) <= 140 else raw[:139] + "…")
            d.ments.append(_mention(o, 3))
            if "#" in d.text and not d.text.endswith("…"):
                tag = d.text.rsplit("#", 1)[1]
                d.tags.append({"text": tag, "indices": [str(len(d.text) - len(tag) - 1), str(len(d.text))]})
        elif i in self.notes:
            self._note(d, ms)
        elif kind == SELF:  # "2/ ..." under the previous own tweet
            parent, pos = self.parent[i]
            raw, d.lang = self.sentence(r)
            d.text = f"{pos}/ {_esc(raw)}"
            d.reply = (str(self.ids[parent]), self.owner_id, self.username)
        elif kind == REPLY:
            o = self.other(r)
            d.mention(o)
            d.add(" ")
            o2 = self.other(r) if r.random() < 0.15 else o
            if o2 != o:
                d.mention(o2)
                d.add(" ")
            raw, d.lang = r.choice(_SHORT) if r.random() < 0.55 else self.sentence(r)
            d.add(_esc(raw))
            sid = str(_snowflake(r, ms - r.randrange(60_000, 3 * DAY_MS), 384, 1024))
            d.reply = (sid, o[0], None if r.random() < 0.01 else o[1])
        else:
            self._post(d, kind, ms, id_s)
        likes, rts = self._engagement(i, kind, ms)
        ents: dict[str, Any] = {"hashtags": d.tags, "symbols": [], "user_mentions": d.ments, "urls": d.urls}
        if d.media:
            ents["media"] = d.media[:1]
        src = _SOURCES[r.choices(range(5), cum_weights=_SOURCE_CUM)[0] if kind != RT else r.randrange(4)]
        nedits, ids, times = self.edits.get(i, 0), [id_s], [sec]
        for _ in range(nedits):
            times.append(times[-1] + r.randrange(30, 3600 // (nedits + 1)))
            ids.append(str(_snowflake(r, times[-1] * 1000 + r.randrange(1000), 256, 384)))
        ctl = {"editTweetIds": ids, "editableUntil": _iso((sec + 3600) * 1000), "editsRemaining": str(5 - nedits),
               "isEditEligible": kind in (ORIG, QUOTE, SELF)}
        rows, reply = [], d.reply
        for v in range(nedits + 1):  # earlier versions carry a typo and a tenth of the engagement
            fav, ret = (likes // 10, rts // 10) if v < nedits else (likes - likes // 10 * v, rts - rts // 10 * v)
            t = d.text if v == nedits else self._typo(d.text)
            row: dict[str, Any] = {"edit_info": {"initial": ctl} if v == 0 else
                                   {"edit": {"initialTweetId": id_s, "editControlInitial": ctl}},
                                   "retweeted": False, "source": src, "entities": ents,
                                   "display_text_range": ["0", str(len(t))], "favorite_count": str(fav)}
            if reply:
                row["in_reply_to_status_id_str"] = reply[0]
            row["id_str"] = ids[v]
            if reply:
                row["in_reply_to_user_id"] = reply[1]
            row.update(truncated=False, retweet_count=str(ret), id=ids[v])
            if reply:
                row["in_reply_to_status_id"] = reply[0]
            if d.urls or d.media:
                row["possibly_sensitive"] = False
            row.update(created_at=_tw_date(times[v]), favorited=False, full_text=t, lang=d.lang)
            if reply:
                if reply[2] is not None:
                    row["in_reply_to_screen_name"] = reply[2]
                row["in_reply_to_user_id_str"] = reply[1]
            if d.media:
                row["extended_entities"] = {"media": d.media}
            rows.append((times[v], {"tweet": row}))
        return rows

    def _typo(self, text: str) -> str:
        """Return `text` with two letters of one word swapped (an earlier, edited-away version)."""
        words = text.split(" ")
        cands = [k for k, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if not cands:  # no long word: flip the case of a leading letter instead
            return text[0].swapcase() + text[1:] if text[:1].isalpha() and text[:5] != "https" else text
        k = self.rng.choice(cands)
        w = words[k]
        p = self.rng.randrange(1, len(w) - 2)
        words[k] = w[:p] + w[p + 1] + w[p] + w[p + 2:]
        return " ".join(words)

    def side_tweet(self, r: random.Random, ms: int, extra: dict[str, Any]) -> dict[str, Any]:
        """Build a plain own tweet outside tweets.js (deleted or community tweets)."""
        raw, lang = self.sentence(r)
        text, sec = _esc(raw), ms // 1000
        tid = str(_snowflake(r, ms, 384, 1024))
        row = {"edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": _iso((sec + 3600) * 1000),
                                         "editsRemaining": "5", "isEditEligible": True}},
               "retweeted": False, "source": _SOURCES[0],
               "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
               "display_text_range": ["0", str(len(text))], "favorite_count": str(r.randrange(4)), "id_str": tid,
               "truncated": False, "retweet_count": "0", "id": tid, "created_at": _tw_date(sec),
               "favorited": False, "full_text": text, "lang": lang}
        row.update(extra)
        return {"tweet": row}


def _dm(r: random.Random, sender: str, recipient: str | None, ms: int, text: str,
        urls: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """Build one `messageCreate` event (no recipientId in group conversations)."""
    msg: dict[str, Any] = {"recipientId": recipient} if recipient else {}
    msg.update(reactions=[], urls=urls or [], text=text, mediaUrls=[], senderId=sender,
               id=str(_snowflake(r, ms, 0, 1024)), createdAt=_iso(ms), editHistory=[])
    return {"messageCreate": msg}


class _Archive:
    """One archive being written: its sink, its part size and the manifest's dataTypes so far."""

    def __init__(self, sink: _Sink, part_bytes: int) -> None:
        self.sink, self.part_bytes = sink, part_bytes
        self.types: dict[str, dict[str, Any]] = {}

    def emit(self, dtype: str, stem: str, items: Iterable[Any], media_dir: str | None = None) -> None:
        """Stream `items` into `data/<stem>.js` (and parts) and record them under manifest key `dtype`."""
        w = _YtdWriter(self.sink, stem, self.part_bytes)
        for item in items:
            w.add(item)
        self.types[dtype] = ({"mediaDirectory": media_dir} if media_dir else {}) | {"files": w.close()}


_USER_LINK = "https://twitter.com/intent/user?user_id="


def _write_account(a: _Archive, s: _Sample, misc: random.Random) -> None:
    """Write the README, the HTML placeholder and the small account-level files."""
    oid, user = s.owner_id, s.username
    acc_ms = (int(oid) >> 22) + EPOCH_MS if oid.isdigit() and int(oid) > 2**32 else 0
    acc_ms = acc_ms if 1_200_000_000_000 < acc_ms < s.start_ms else s.start_ms - 2000 * DAY_MS + 37_000
    a.sink.write("Your archive.html", b'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Your archive'
                 b'</title></head><body><p>Synthetic sample archive written by roost.</p></body></html>\n')
    a.sink.write("data/README.txt", (
        "INTRODUCTION\n============\nThis archive was generated at the request of the following user:\n"
        f"- @username at the time the archive was generated: {user}\n- Account ID: {oid}\n\n"
        "It is a synthetic sample written by roost (roost.sample): every account, tweet and message in it\n"
        "is made up. The data folder holds JSON files with a .js extension, one per data type.\n").encode())
    a.emit("account", "account", [{"account": {
        "email": "sample@example.invalid", "createdVia": "web", "username": user, "accountId": oid,
        "createdAt": _iso(acc_ms), "accountDisplayName": "Roost Sample"}}])
    a.emit("profile", "profile", [{"profile": {"description": {
        "bio": "SEO, marketing & data. Python on weekdays. Synthetic account for roost demos.",
        "website": s.tco(misc), "location": "Paris, France"},
        "avatarMediaUrl": f"https://pbs.twimg.com/profile_images/{oid}/avatar.jpg"}}], "data/profile_media")
    a.emit("accountTimezone", "account-timezone", [{"accountTimezone": {"accountId": oid, "timeZone": "Europe/Paris"}}])
    a.emit("ageinfo", "ageinfo", [{"ageMeta": {"ageInfo": {"age": ["13-99"], "birthDate": ""}}}])
    a.emit("phoneNumber", "phone-number", [{"device": {"phoneNumber": "+33600000000"}}])
    a.emit("verified", "verified", [{"verified": {"accountId": oid, "verified": False}}])
    a.emit("screenNameChange", "screen-name-change", [{"screenNameChange": {"accountId": oid, "screenNameChange": {
        "changedAt": _iso(s.start_ms + 200 * DAY_MS + 123), "changedFrom": f"{user[:11]}_old", "changedTo": user}}}])
    logins = sorted((s.gen_ms - misc.randrange(DAY_MS // 4, 10 * DAY_MS) // 1000 * 1000 for _ in range(5)),
                    reverse=True)
    a.emit("ipAudit", "ip-audit", [{"ipAudit": {"accountId": oid, "createdAt": _iso(t), "loginPortNumber": "0",
                                                "loginIp": f"192.0.2.{misc.randrange(1, 255)}"}} for t in logins])


def _write_tweets(a: _Archive, s: _Sample, misc: random.Random) -> None:
    """Write tweets.js (+ parts) newest first with local shuffling, its headers, and the side tweet files."""
    hdr_ids, hdr_secs = array("q"), array("q")  # headers follow the rows, kept compactly

    def rows() -> Iterable[dict[str, Any]]:
        """Yield every row, newest block of 32 tweets first, recording its header."""
        for hi in range(s.n, 0, -32):
            block = list(range(max(0, hi - 32), hi))
            s.rng.shuffle(block)
            for i in block:
                for sec, row in s.tweet_rows(i):
                    hdr_ids.append(int(row["tweet"]["id"]))
                    hdr_secs.append(sec)
                    yield row

    if s.n > 0:
        s.build_timeline()
    a.emit("tweets", "tweets", rows(), "data/tweets_media")
    a.emit("tweetHeaders", "tweet-headers", ({"tweet": {"tweet_id": str(hdr_ids[k]), "user_id": s.owner_id,
                                                        "created_at": _tw_date(hdr_secs[k])}}
                                             for k in range(len(hdr_ids))))
    a.emit("noteTweet", "note-tweet", s.note_items)
    community = {"community_id": "1630000000000000001", "community_id_str": "1630000000000000001",
                 "scopes": {"followers": False}}
    a.emit("communityTweet", "community-tweet", [s.side_tweet(misc, s.gen_ms - misc.randrange(20, 300) * DAY_MS,
                                                              community) for _ in range(2)],
           "data/community_tweet_media")
    deleted = []
    for ms in sorted((s.gen_ms - misc.randrange(3 * DAY_MS, 13 * DAY_MS) for _ in range(3)), reverse=True):
        gone = _tw_date((ms + misc.randrange(3_600_000, DAY_MS)) // 1000)
        deleted.append(s.side_tweet(misc, ms, {"deleted_at": gone}))
    a.emit("deletedTweets", "deleted-tweets", deleted, "data/deleted_tweets_media")
    a.emit("deletedTweetHeaders", "deleted-tweet-headers", [{"tweet": {
        "tweet_id": d["tweet"]["id_str"], "user_id": s.owner_id, "created_at": d["tweet"]["created_at"],
        "deleted_at": d["tweet"]["deleted_at"]}} for d in deleted])


def _write_social(a: _Archive, s: _Sample, misc: random.Random, n_fol: int, n_fng: int,
                  extra_followers: Sequence[str], drop_followers: Sequence[str]) -> None:
    """Write followers, following, likes, blocks, mutes and lists."""
    fol, fng = s.follow_graph(n_fol, n_fng)
    present, drop = set(fol), {str(x) for x in drop_followers}
    extra = [x for x in dict.fromkeys(str(x) for x in extra_followers) if x not in present]
    fol = [x for x in extra + fol if x not in drop]
    a.emit("follower", "follower", ({"follower": {"accountId": x, "userLink": _USER_LINK + x}} for x in fol))
    a.emit("following", "following", ({"following": {"accountId": x, "userLink": _USER_LINK + x}} for x in fng))

    def likes() -> Iterable[dict[str, Any]]:
        """Yield ~1.2 likes per tweet, newest first, a few without fullText."""
        lr = random.Random(f"roost-sample:{s.seed}:likes")
        n = round(1.2 * s.n)
        missing = set(lr.sample(range(n), max(1, n // 250))) if n >= 20 else set()
        ms, gap = s.end_ms, 1.1 * (s.end_ms - s.start_ms) / max(n, 1)
        for j in range(n):  # newest first, strictly decreasing ids
            ms -= 1000 + int(lr.expovariate(1.0 / gap))
            tid = str(_snowflake(lr, ms, 384, 1024))
            like = {"tweetId": tid}
            if j not in missing:
                raw = s.sentence(lr)[0]
                like["fullText"] = _esc(f"@{s.username} {raw}" if lr.random() < 0.05 else raw)
            like["expandedUrl"] = f"https://twitter.com/i/web/status/{tid}"
            yield {"like": like}

    a.emit("like", "like", likes())
    blocked = [str(s.account_id(misc, set(s.used), 0.5, 0.2)) for _ in range(3)]
    a.emit("block", "block", [{"blocking": {"accountId": x, "userLink": _USER_LINK + x}} for x in blocked])
    muted = [s.others[-1][0], str(s.account_id(misc, set(s.used), 0.3, 0.3))]
    a.emit("mute", "mute", [{"muting": {"accountId": x, "userLink": _USER_LINK + x}} for x in muted])
    a.emit("listsCreated", "lists-created", [{"userListInfo": {"url": f"https://twitter.com/{s.username}/lists/{x}"}}
                                             for x in ("seo-people", "1580000000000000042")])
    a.emit("listsMember", "lists-member", [{"userListInfo": {"url": f"https://twitter.com/{s.others[k][1]}/lists/{x}"}}
                                           for k, x in ((0, "seo"), (14, "marketing-fr"), (30, "python-data"))])
    a.emit("listsSubscribed", "lists-subscribed", [])


def _write_messages(a: _Archive, s: _Sample, misc: random.Random) -> None:
    """Write a few one-to-one DM conversations with mutuals and one group conversation."""
    oid, mutuals, convs = s.owner_id, s.with_role(MUTUAL), []
    for partner in mutuals[3:7]:
        ms, msgs = s.gen_ms - misc.randrange(2 * DAY_MS, 200 * DAY_MS), []
        for _ in range(misc.randrange(2, 9)):  # newest first
            snd, rcv = (oid, partner) if misc.random() < 0.5 else (partner, oid)
            text, urls = misc.choice(_DM_TEXT), None
            if misc.random() < 0.15:
                tco, url = s.tco(misc), f"https://roost-sample.example/blog/{misc.choice(_SLUGS)}"
                text, urls = f"Have a look {tco}", [{"url": tco, "expanded": url, "display": _display(url)}]
            msgs.append(_dm(misc, snd, rcv, ms, text, urls))
            ms -= misc.randrange(30_000, DAY_MS // 2)
        lo, hi = sorted((oid, partner), key=int)
        convs.append({"dmConversation": {"conversationId": f"{lo}-{hi}", "messages": msgs}})
    a.emit("directMessages", "direct-messages", convs, "data/direct_messages_media")
    group, ms = mutuals[7:10], s.gen_ms - 40 * DAY_MS
    events = [_dm(misc, misc.choice(group + [oid]), None, ms - k * 3_600_000, misc.choice(_DM_TEXT)) for k in range(5)]
    events.append({"conversationNameUpdate": {"initiatingUserId": group[0], "name": "SEO nerds",
                                              "createdAt": _iso(ms - 6 * 3_600_000)}})
    events.append({"joinConversation": {"initiatingUserId": group[0], "participantsSnapshot": group + [oid],
                                        "createdAt": _iso(ms - 7 * 3_600_000)}})
    a.emit("directMessagesGroup", "direct-messages-group", [{"dmConversation": {
        "conversationId": str(_snowflake(misc, ms - 7 * 3_600_000, 0, 1024)), "messages": events}}],
        "data/direct_messages_group_media")


def write_sample_archive(dest: str | os.PathLike, *, tweets: int = 3000, seed: int = 42,
                         zip: bool = False, part_bytes: int = 104_874_000,
                         owner_id: str = "1000000000000000001", username: str = "roost_sample",
                         generated_at: str = "2026-01-15T09:30:00.000Z",
                         followers: int | None = None, following: int | None = None,
                         extra_followers: Sequence[str] = (), drop_followers: Sequence[str] = ()) -> Path:
    """Write a sample archive to dest (a folder, or a .zip when zip=True) and return its path."""
    dest = Path(dest)
    gen_dt = datetime.fromisoformat(generated_at.replace("Z", "+00:00"))
    if not zip and (dest / "data").is_dir() and any((dest / "data").iterdir()):
        raise FileExistsError(f"{dest / 'data'} is not empty; remove it or pick another destination")
    (dest.parent if zip else dest).mkdir(parents=True, exist_ok=True)
    s = _Sample(seed, tweets, owner_id, username, int(gen_dt.timestamp() * 1000))
    misc = random.Random(f"roost-sample:{seed}:misc")
    n_fol = followers if followers is not None else max(50, tweets // 3)
    n_fng = following if following is not None else round(0.6 * n_fol)
    sink = _Sink(dest, zip, gen_dt.timetuple()[:6], part_bytes >= 2**31 - 2**20)
    a = _Archive(sink, part_bytes)
    try:
        _write_account(a, s, misc)
        _write_tweets(a, s, misc)
        _write_social(a, s, misc, n_fol, n_fng, extra_followers, drop_followers)
        _write_messages(a, s, misc)
        for dtype in ("tweetsMedia", "profileMedia", "communityTweetMedia", "deletedTweetsMedia",
                      "directMessagesMedia", "directMessagesGroupMedia"):  # media-only dataTypes
            snake = "".join("_" + c.lower() if c.isupper() else c for c in dtype[:-5])
            a.types[dtype] = {"mediaDirectory": f"data/{snake}_media"}
        manifest = {"userInfo": {"accountId": owner_id, "userName": username, "displayName": "Roost Sample"},
                    "archiveInfo": {"sizeBytes": str(sink.total), "generationDate": generated_at,
                                    "isPartialArchive": False, "maxPartSizeBytes": "53687091200"},
                    "readmeInfo": {"fileName": "data/README.txt", "directory": "data/", "name": "README.txt"},
                    "dataTypes": dict(sorted(a.types.items()))}
        sink.write("data/manifest.js", ("window.__THAR_CONFIG = " + _jackson(manifest)).encode())
    finally:
        sink.close()
    return dest


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: write a sample archive, e.g. `python -m roost.sample /tmp/x --tweets 200000 --zip`."""
    ap = argparse.ArgumentParser(prog="python -m roost.sample", description=main.__doc__)
    ap.add_argument("dest")
    ap.add_argument("--tweets", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--zip", action="store_true")
    ap.add_argument("--part-bytes", type=int, default=104_874_000)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    path = write_sample_archive(a.dest, tweets=a.tweets, seed=a.seed, zip=a.zip, part_bytes=a.part_bytes)
    print(f"wrote {path} ({a.tweets} tweets) in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
