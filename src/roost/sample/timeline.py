"""When the sample account tweets, and what: creation times, kinds, threads, the buzz spike, edits, long posts."""

from __future__ import annotations

import itertools
import random
from array import array
from bisect import bisect_left, bisect_right
from datetime import datetime, timedelta, timezone

from .base import DAY_MS, EPOCH_MS, MENTION, ORIG, QUOTE, REPLY, RT, SELF, paris_offset

_HOURS_WEEK = (0.15, 0.08, 0.04, 0.03, 0.03, 0.06, 0.25, 0.7, 1.5, 1.9, 1.8, 1.5,
               1.2, 1.4, 1.7, 1.8, 1.6, 1.3, 0.9, 0.7, 0.8, 0.8, 0.6, 0.35)
_HOURS_WEEKEND = (0.3, 0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.25, 0.5, 0.8, 1.0, 1.0,
                  0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 0.9, 0.7, 0.5)
_DAY_WEIGHT = (1.0, 1.05, 1.0, 1.0, 0.85, 0.4, 0.3)  # Monday..Sunday
# Share of each kind among the real YTD tweets (4,311): replies to others 36.8%, threads 11.0%, retweets
# 15.5%, quotes 4.5%, old-style leading mentions 2.7%; the rest (29.5%) is original tweets.
SHARES = {REPLY: 0.368, SELF: 0.11, RT: 0.155, QUOTE: 0.045, MENTION: 0.027}


class Timeline:
    """The creation time, kind and id of every tweet, oldest first, with threads, the buzz, edits and notes."""

    def __init__(self, r: random.Random, n: int, start_ms: int, end_ms: int) -> None:
        self.n, self.start_ms, self.end_ms = n, start_ms, end_ms
        n_self = round(SHARES[SELF] * n)
        kinds = [k for k in (REPLY, RT, QUOTE, MENTION) for _ in range(round(SHARES[k] * n))]
        kinds += [ORIG] * max(0, n - n_self - len(kinds))
        r.shuffle(kinds)
        first = datetime.fromtimestamp(start_ms // 1000, timezone.utc).date()
        ndays = (end_ms - start_ms) // DAY_MS + 1
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
                base = int(datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp()) - 3600 * paris_offset(d)
                for h in r.choices(range(24), cum_weights=hw if d.weekday() < 5 else hwe, k=c):
                    times.append(min((base + h * 3600 + r.randrange(3600)) * 1000 + r.randrange(1000), end_ms))
        keys = [t * 8 + kd for t, kd in zip(times, kinds, strict=True)]
        heads = [t for t, kd in zip(times, kinds, strict=True) if kd == ORIG]
        left = n_self if heads else 0
        while left > 0:  # threads: a few self-replies minutes after an original
            t = r.choice(heads)
            for _ in range(min(left, 1 + min(int(r.expovariate(0.8)), 6))):
                t += r.randrange(20_000, 600_000)
                keys.append(t * 8 + SELF)
                left -= 1
        keys += [t * 8 + ORIG for t in r.choices(times or [end_ms], k=n - len(keys))]
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
        self._pick_buzz(r)
        self._pick_edits_and_notes(r)

    def _pick_buzz(self, r: random.Random) -> None:
        """Choose the two or three original tweets that went viral during the three buzz days."""
        bstart = self.start_ms + self.buzz_day * DAY_MS
        lo, hi = bisect_left(self.ms, bstart), bisect_right(self.ms, bstart + 3 * DAY_MS)
        cands = [i for i in range(lo, hi) if self.kinds[i] == ORIG] or \
                [i for i in range(max(0, lo - 50), min(self.n, hi + 50)) if self.kinds[i] == ORIG]
        self.buzz = set(r.sample(cands, min(len(cands), r.choice((2, 3)))))
        self.buzz_window = (bstart, bstart + 3 * DAY_MS)

    def _pick_edits_and_notes(self, r: random.Random) -> None:
        """Choose edited tweets (0.4%, 1 to 3 edits), long posts (0.1%, at least 2) and rare keys."""
        n = self.n
        self.edits: dict[int, int] = {}  # tweet index -> number of edits
        self.notes: set[int] = set()  # tweet indexes that are the head of a long post
        want_edits, want_notes = (max(1, round(n * 0.004)), max(2, round(n * 0.001))) if n >= 10 else (0, 0)
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
        # Rare keys, at least once from 50 tweets on: `withheld_in_countries` (0.08%), `contributors` (0.04%)
        # and a video whose `additional_media_info` has `call_to_actions` (0.05%, original tweets).
        self.rare: dict[int, str] = {}
        if n >= 50:
            plain = [i for i in range(n) if i not in self.notes and i not in self.edits]
            for feature, rate in (("withheld", 0.0008), ("contributors", 0.0004), ("cta", 0.0005)):
                cands = [i for i in plain if feature != "cta" or self.kinds[i] == ORIG]
                for i in r.sample(cands, min(len(cands), max(1, round(n * rate)))):
                    self.rare.setdefault(i, feature)
