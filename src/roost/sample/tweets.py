"""Rows of tweets.js shaped like real ones: entities, media, edit chains, long posts and the rare keys.

The rates below come from the real YTD archives (see benchmarks/shape.py and tests/test_sample.py): per kind
of tweet, how many mentions, links, hashtags and media it carries, and how long its text is.
"""

from __future__ import annotations

import random
from typing import Any

from . import media, text
from .base import (
    DAY_MS,
    MENTION,
    ORIG,
    QUOTE,
    REPLY,
    RT,
    SELF,
    cum,
    display,
    esc,
    iso,
    key,
    pick,
    snowflake,
    tco,
    tw_date,
)
from .cast import Account, Cast
from .timeline import Timeline
from .vocab import CLIENTS, LINKS, QUOTE_TEXT, SHORT, SHORT_FR, SLUGS, SOURCES, TAGS, UND

_SOURCE_CUM = cum([w for _, _, w in CLIENTS])
# Mentions in a reply: one mostly, a crowd now and then (real replies: 1.65 on average, up to 50).
_REPLY_MENTIONS = cum([0.6, 0.25, 0.09, 0.04, 0.015, 0.0045, 0.0005])
_TAG_COUNT = cum([0.62, 0.24, 0.08, 0.04, 0.02])
_WITHHELD = (["IN"], ["DE"], ["RU"], ["TR"], ["DE", "FR"])


class Draft:
    """The escaped text of a tweet being written, with its entities, language and reply target."""

    def __init__(self) -> None:
        self.text, self.lang = "", "en"
        self.tags: list[dict[str, Any]] = []
        self.ments: list[dict[str, Any]] = []
        self.urls: list[dict[str, Any]] = []
        self.media: list[dict[str, Any]] = []
        self.reply: tuple[str | None, str, str | None] | None = None  # (status id, user id, screen name)

    def add(self, s: str) -> None:
        """Append already-escaped text."""
        self.text += s

    def mention(self, o: Account) -> None:
        """Append `@handle` and its entity."""
        n = len(self.text)
        self.ments.append({"name": o[2], "screen_name": o[1], "indices": [str(n), str(n + 1 + len(o[1]))],
                           "id_str": o[0], "id": o[0]})
        self.text += "@" + o[1]

    def hashtag(self, tag: str) -> None:
        """Append `#tag` and its entity."""
        n = len(self.text)
        self.tags.append({"text": tag, "indices": [str(n), str(n + 1 + len(tag))]})
        self.text += "#" + tag

    def link(self, r: random.Random, expanded: str) -> None:
        """Append a t.co link to `expanded` and its entity."""
        short, n = tco(r), len(self.text)
        self.urls.append({"url": short, "expanded_url": expanded, "display_url": display(expanded),
                          "indices": [str(n), str(n + 23)]})
        self.text += short

    def sep(self) -> None:
        """Append a space unless the text is empty or ends with white space."""
        if self.text and not self.text[-1].isspace():
            self.text += " "

    def cut(self, limit: int) -> None:
        """Cut the text to `limit` code points ending with `…`, dropping the entities that no longer fit."""
        if len(self.text) <= limit:
            return
        self.text = self.text[: limit - 1] + "…"
        keep = limit - 1
        self.tags = [e for e in self.tags if int(e["indices"][1]) <= keep]
        self.ments = [e for e in self.ments if int(e["indices"][1]) <= keep]
        self.urls = [e for e in self.urls if int(e["indices"][1]) <= keep]
        self.media = [m for m in self.media if int(m["indices"][1]) <= keep]


class Tweets:
    """The tweets of one synthetic account: its cast, its timeline, and the rows of each tweet."""

    def __init__(self, seed: int, tweets: int, owner_id: str, username: str, gen_ms: int) -> None:
        self.seed, self.n, self.owner_id, self.username, self.gen_ms = seed, tweets, owner_id, username, gen_ms
        self.rng = random.Random(f"roost-sample:{seed}:tweets")
        self.note_items: list[dict[str, Any]] = []
        self.end_ms = gen_ms - self.rng.randrange(DAY_MS, 4 * DAY_MS)
        self.start_ms = self.end_ms - 1095 * DAY_MS
        self.cast = Cast(seed, tweets, owner_id, username, gen_ms)
        self.t: Timeline | None = None

    def build_timeline(self) -> Timeline:
        """Draw the times, kinds, threads, buzz, edits and long posts of all tweets."""
        self.t = Timeline(self.rng, self.n, self.start_ms, self.end_ms)
        return self.t

    # -- pieces shared by every kind -------------------------------------------------------------------

    def _link(self, r: random.Random) -> str:
        """An outside link: the account's blog or a well-known site, with varied paths."""
        if r.random() < 0.3:
            return f"https://roost-sample.example/blog/{r.choice(SLUGS)}" + ("?utm_source=twitter" if r.random() < 0.3
                                                                              else "")
        return r.choice(LINKS).format(n=r.randrange(1000, 99999), k=_short_key(r))

    def _status_link(self, r: random.Random, o: Account, ms: int) -> str:
        """A link to a tweet of `o` (what makes a quote)."""
        qid = snowflake(r, ms - r.randrange(60_000, 5 * DAY_MS), 384, 1024)
        host = "https://x.com" if r.random() < 0.25 else "https://twitter.com"
        return f"{host}/{o[1]}/status/{qid}" + ("?s=20" if r.random() < 0.3 else "")

    def _tags(self, r: random.Random, d: Draft) -> None:
        """Append one to five hashtags."""
        for tag in r.sample(TAGS, 1 + pick(r, _TAG_COUNT)):
            d.sep()
            d.hashtag(tag)

    def _media(self, r: random.Random, d: Draft, ms: int, id_s: str, author: str = "",
               source: tuple[str, str] | None = None, cta: bool = False) -> None:
        """Append the t.co link of one to four media items."""
        d.sep()
        link, start = tco(r), len(d.text)
        d.add(link)
        d.media = media.items(r, media.count(r), ms, author or self.username, id_s, link, start, source, cta)

    def _body(self, r: random.Random, d: Draft, target: int, und: float, short: float = 0.0) -> None:
        """Append the words of the tweet: a reaction (`und`), a short reply, or sentences close to `target`."""
        x = r.random()
        if x < und:
            raw, d.lang = r.choice(UND), "und"
        elif target < 25 or x < und + short:
            raw, d.lang = r.choice(SHORT_FR if r.random() < 0.06 else SHORT)
        else:
            d.lang = text.lang(r)
            raw = text.body(r, d.lang, target)
        d.sep()
        d.add(esc(raw))

    def _sep(self, r: random.Random, d: Draft) -> None:
        """Separate what follows (a link, media) by a space, or now and then by a blank line."""
        if d.text and not d.text[-1].isspace():
            d.add("\n\n" if r.random() < 0.12 else " ")

    # -- the kinds -------------------------------------------------------------------------------------

    def _post(self, d: Draft, kind: int, ms: int, id_s: str, cta: bool = False) -> None:
        """An original tweet or a quote: maybe a mention, words, hashtags, a link or the quoted tweet, media."""
        r = self.rng
        target = text.length(r, 0.9 if kind == ORIG else 0.75)
        x = r.random()
        n_ment = (x < 0.11) + (x < 0.03) + (x < 0.01) if kind == ORIG else (x < 0.08) + (x < 0.02)
        tags = r.random() < (0.25 if kind == ORIG else 0.07)
        has_media = r.random() < (0.2 if kind == ORIG else 0.02) or cta
        # Links and media seldom go together (1.5% of real tweets have both).
        links = (r.random() < (0.12 if has_media else 0.68)) + (r.random() < 0.035) if kind == ORIG else \
            1 + (r.random() < 0.05)
        bare = kind == ORIG and has_media and r.random() < 0.1 and not cta  # media only: `qme`
        ments = [self.cast.other(r) for _ in range(n_ment)]
        if ments and r.random() < 0.4:  # with @x ... rather than ... cc @x
            for o in ments:
                d.mention(o)
                d.add(" ")
        if not bare:
            reserved = 24 * (links + has_media) + 10 * tags + 12 * len(ments)
            if kind == QUOTE and r.random() < 0.3:
                raw, d.lang = r.choice(QUOTE_TEXT)
                d.add(esc(raw))
            else:
                self._body(r, d, target - reserved, 0.02 if kind == ORIG else 0.2, 0.05)
            if ments and not d.ments:
                d.add(" cc")
                for o in ments:
                    d.add(" ")
                    d.mention(o)
            if tags:
                self._tags(r, d)
        for k in range(links):
            self._sep(r, d)
            if kind == QUOTE and k == links - 1:
                o = self.cast.others[r.randrange(12)] if r.random() < 0.5 else self.cast.other(r)
                d.link(r, self._status_link(r, o, ms))
            else:
                d.link(r, self._link(r))
        if has_media:
            self._media(r, d, ms, id_s, cta=cta)
        if bare:
            d.lang = "qme" if not d.urls else "zxx"

    def _reply(self, d: Draft, kind: int, ms: int, id_s: str) -> None:
        """A reply to someone else (REPLY), or an old-style leading mention with no status id (MENTION)."""
        r, cast = self.rng, self.cast
        if kind == REPLY:
            extra = pick(r, _REPLY_MENTIONS)
            n_ment = 1 + extra if extra < 5 else 1 + r.randrange(5, 11) if extra == 5 else r.randrange(20, 51)
        else:
            n_ment = 1 + (r.random() < 0.03)
        o = cast.other(r)
        ments, seen = [o], {o[0]}
        while len(ments) < n_ment:
            p = cast.other(r)
            if p[0] not in seen:
                seen.add(p[0])
                ments.append(p)
        for p in ments:
            d.mention(p)
            d.add(" ")
        has_media = r.random() < (0.036 if kind == REPLY else 0.087)
        links = r.random() < (0.16 if kind == REPLY else 0.5) * (0.3 if has_media else 1.0)
        if kind == MENTION and r.random() < 0.05:
            d.text, d.lang = d.text.rstrip(), "qam"
        else:
            target = text.length(r) - 24 * (links + has_media)
            self._body(r, d, target - len(d.text), 0.05, 0.22 if kind == REPLY else 0.1)
        if r.random() < 0.02:
            self._tags(r, d)
        if links:
            self._sep(r, d)
            d.link(r, self._link(r) if r.random() < 0.9 else self._status_link(r, cast.other(r), ms))
        if has_media:
            self._media(r, d, ms, id_s)
        if kind == REPLY:
            sid = str(snowflake(r, ms - r.randrange(60_000, 3 * DAY_MS), 384, 1024))
            d.reply = (sid, o[0], None if r.random() < 0.03 else o[1])
        else:
            d.reply = (None, o[0], o[1])

    def _thread(self, d: Draft, i: int, ms: int, id_s: str) -> None:
        """A self-reply under the previous own tweet: a thread."""
        r = self.rng
        assert self.t is not None
        parent, pos = self.t.parent[i]
        if r.random() < 0.3:
            for _ in range(1 + (r.random() < 0.5) + (r.random() < 0.3)):
                d.mention(self.cast.other(r))
                d.add(" ")
        if r.random() < 0.4:
            d.add(f"{pos}/ ")
        has_media = r.random() < 0.32
        links = r.random() < (0.1 if has_media else 0.27)
        self._body(r, d, text.length(r, 1.05) - len(d.text) - 24 * (links + has_media), 0.03)
        if r.random() < 0.025:
            self._tags(r, d)
        if links:
            self._sep(r, d)
            d.link(r, self._link(r) if r.random() < 0.9 else self._status_link(r, self.cast.other(r), ms))
        if has_media:
            self._media(r, d, ms, id_s)
        d.reply = (str(self.t.ids[parent]), self.owner_id, self.username)

    def _retweet(self, d: Draft, ms: int) -> None:
        """`RT @author: ` and the author's tweet, cut at 140 characters with `…` (entities cut off are lost)."""
        r = self.rng
        o = self.cast.favourite(r)
        d.add(f"RT @{o[1]}: ")
        d.ments.append({"name": o[2], "screen_name": o[1], "indices": ["3", str(4 + len(o[1]))],
                        "id_str": o[0], "id": o[0]})
        x = r.random()
        if x < 0.25:
            for _ in range(1 + (x < 0.08)):
                d.mention(self.cast.other(r))
                d.add(" ")
        has_media, tags = r.random() < 0.12, r.random() < 0.3
        links = r.random() < (0.2 if has_media else 0.95)
        target = text.length(r, 1.25) - len(d.text) - 24 * (links + has_media) - 10 * tags
        if has_media or r.random() < 0.3:  # what fits before the cut, as real retweets with media mostly do
            target = min(target, 140 - len(d.text) - 24 * (links + has_media) - 10 * tags)
        self._body(r, d, target, 0.01)
        if tags:
            self._tags(r, d)
        if links:
            self._sep(r, d)
            d.link(r, self._link(r))
        if has_media:
            sid = str(snowflake(r, ms - r.randrange(60_000, 2 * DAY_MS), 384, 1024))
            self._media(r, d, ms, sid, o[1], (o[0], sid))
        d.cut(140)

    def _note(self, d: Draft, ms: int) -> None:
        """Make tweet `d` the truncated head of a long post and queue its note-tweet.js item."""
        r, parts = self.rng, list[str]()
        d.lang = "fr" if r.random() < 0.3 else "en"
        size = r.randrange(450, 3000)
        while sum(len(p) + 2 for p in parts) < size:
            parts.append(text.body(r, d.lang, 120, plain=True))
        note = "\n\n".join(parts)
        d.text = note[: note.rfind(" ", 0, 275)]
        stamp = iso(ms // 1000 * 1000)
        self.note_items.append({"noteTweet": {
            "noteTweetId": str(snowflake(r, ms + r.randrange(1, 900), 384, 1024)), "updatedAt": stamp,
            "lifecycle": {"value": "1", "name": "Active", "originalName": "Active", "annotations": {}},
            "createdAt": stamp, "core": {"styletags": [], "urls": [], "text": note, "mentions": [], "cashtags": [],
                                         "hashtags": []}}})

    # -- rows ------------------------------------------------------------------------------------------

    def _engagement(self, i: int, kind: int, ms: int) -> tuple[int, int]:
        """Return heavy-tailed (likes, retweets) for one tweet; buzz tweets get 50-100x the usual."""
        r, t = self.rng, self.t
        assert t is not None
        if kind == RT:
            return 0, 0
        if i in t.buzz:
            return r.randrange(200, 450), r.randrange(40, 120)
        f = (0.6 + 0.8 * (ms - self.start_ms) / (self.end_ms - self.start_ms)) * (0.35 if kind == REPLY else 1.0)
        if t.buzz_window[0] <= ms < t.buzz_window[1]:
            f *= 3
        likes = int(r.lognormvariate(0.3, 1.0) * f)
        return likes, int(likes * r.random() * 0.3) + (r.random() < 0.05)

    def tweet_rows(self, i: int) -> list[tuple[int, dict[str, Any]]]:
        """Build the (created second, tweets.js row) pairs of tweet `i` (several for an edit chain)."""
        r, t = self.rng, self.t
        assert t is not None
        kind, ms = t.kinds[i], t.ms[i]
        id_s, d = str(t.ids[i]), Draft()
        if kind == RT:
            self._retweet(d, ms)
        elif i in t.notes:
            self._note(d, ms)
        elif kind == SELF:
            self._thread(d, i, ms, id_s)
        elif kind in (REPLY, MENTION):
            self._reply(d, kind, ms, id_s)
        else:
            self._post(d, kind, ms, id_s, t.rare.get(i) == "cta")
        likes, rts = self._engagement(i, kind, ms)
        ents: dict[str, Any] = {"user_mentions": d.ments, "urls": d.urls, "symbols": []}
        if d.media:
            ents["media"] = [media.first(d.media[0])]
        ents["hashtags"] = d.tags
        src = SOURCES[pick(r, _SOURCE_CUM)]
        nedits, ids, times = t.edits.get(i, 0), [id_s], [ms]
        for _ in range(nedits):
            times.append(times[-1] + r.randrange(30_000, 3_600_000 // (nedits + 1)))
            ids.append(str(snowflake(r, times[-1], 256, 384)))
        ctl = {"editTweetIds": ids, "editableUntil": iso(ms + 3_600_000), "editsRemaining": str(5 - nedits),
               "isEditEligible": nedits > 0 or r.random() >= 0.001}
        rare: dict[str, Any] = {}
        if t.rare.get(i) == "withheld":
            rare["withheld_in_countries"] = r.choice(_WITHHELD)
        elif t.rare.get(i) == "contributors":
            rare["contributors"] = [str(snowflake(r, self.start_ms - r.randrange(DAY_MS, 900 * DAY_MS), 0, 1024))]
        rows, reply = [], d.reply
        for v in range(nedits + 1):  # earlier versions carry a typo and a tenth of the engagement
            fav, ret = (likes // 10, rts // 10) if v < nedits else (likes - likes // 10 * v, rts - rts // 10 * v)
            txt = d.text if v == nedits else self._typo(d.text)
            row: dict[str, Any] = {"edit_info": {"initial": ctl} if v == 0 else
                                   {"edit": {"initialTweetId": id_s, "editControlInitial": ctl}},
                                   "retweeted": False, "source": src, "entities": ents,
                                   "display_text_range": ["0", str(len(txt))], "favorite_count": str(fav)}
            if reply and reply[0]:
                row["in_reply_to_status_id_str"] = reply[0]
            row["id_str"] = ids[v]
            if reply:
                row["in_reply_to_user_id"] = reply[1]
            row.update(truncated=False, retweet_count=str(ret), id=ids[v])
            if reply and reply[0]:
                row["in_reply_to_status_id"] = reply[0]
            if d.urls or d.media:
                row["possibly_sensitive"] = False
            row.update(created_at=tw_date(times[v] // 1000), favorited=False, full_text=txt, lang=d.lang)
            if reply:
                if reply[2] is not None:
                    row["in_reply_to_screen_name"] = reply[2]
                row["in_reply_to_user_id_str"] = reply[1]
            if d.media:
                row["extended_entities"] = {"media": d.media}
            if rare:
                row.update(rare)
            rows.append((times[v] // 1000, {"tweet": row}))
        return rows

    def _typo(self, s: str) -> str:
        """Return `s` with two letters of one word swapped (an earlier, edited-away version)."""
        words = s.split(" ")
        cands = [k for k, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
        if not cands:  # no long word: flip the case of a leading letter instead
            return s[0].swapcase() + s[1:] if s[:1].isalpha() and s[:5] != "https" else s + "."
        k = self.rng.choice(cands)
        w = words[k]
        p = self.rng.randrange(1, len(w) - 2)
        words[k] = w[:p] + w[p + 1] + w[p] + w[p + 2:]
        return " ".join(words)

    def side_tweet(self, r: random.Random, ms: int, extra: dict[str, Any]) -> dict[str, Any]:
        """Build a plain own tweet outside tweets.js (deleted or community tweets)."""
        lang = text.lang(r)
        s, sec = esc(text.body(r, lang, text.length(r))), ms // 1000
        tid = str(snowflake(r, ms, 384, 1024))
        row = {"edit_info": {"initial": {"editTweetIds": [tid], "editableUntil": iso(ms + 3_600_000),
                                         "editsRemaining": "5", "isEditEligible": True}},
               "retweeted": False, "source": SOURCES[0],
               "entities": {"user_mentions": [], "urls": [], "symbols": [], "hashtags": []},
               "display_text_range": ["0", str(len(s))], "favorite_count": str(r.randrange(4)), "id_str": tid,
               "truncated": False, "retweet_count": "0", "id": tid, "created_at": tw_date(sec),
               "favorited": False, "full_text": s, "lang": lang}
        row.update(extra)
        return {"tweet": row}


def _short_key(r: random.Random) -> str:
    """A short random path part, as in `youtu.be/dQw4w9WgXcQ`."""
    return key(r, 11)
