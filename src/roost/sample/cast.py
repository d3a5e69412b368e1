"""The other accounts of the sample: a stable cast with roles, a long tail of strangers, the follow graph."""

from __future__ import annotations

import itertools
import random
import unicodedata

from .base import DAY_MS, FOLLOWED, FOLLOWER, MUTUAL, STRANGER, pick, snowflake
from .vocab import FAVOURITES, FIRST, LAST, NAME_SUFFIX

Account = tuple[str, str, str]  # (id, screen name, display name)


class Cast:
    """~150 stable accounts with roles (mutual, follower, followed, stranger) and a tail that grows with the tweets."""

    def __init__(self, seed: int, tweets: int, owner_id: str, username: str, gen_ms: int) -> None:
        self.seed, self.gen_ms = seed, gen_ms
        r = random.Random(f"roost-sample:{seed}:cast")
        self.used = {int(owner_id)} if owner_id.isdigit() else set()
        self.others: list[Account] = []
        seen = {username.lower()}
        for handle, name in FAVOURITES:
            self.others.append((str(self.account_id(r, self.used, 0.0, 0.6)), handle, name))
            seen.add(handle)
        while len(self.others) < 150:
            acc = self._person(r, seen, 0.1, 0.35)
            if acc:
                self.others.append(acc)
        roles = [MUTUAL] * 52 + [FOLLOWER] * 46 + [FOLLOWED] * 18 + [STRANGER] * 22
        r.shuffle(roles)
        self.roles = [MUTUAL] * 3 + [FOLLOWED] * 9 + roles
        weights = [0.4] * 12 + [(4.0, 2.5, 1.5, 1.0)[x] for x in roles]
        self.cum = list(itertools.accumulate(weights))
        self.fav_cum = list(itertools.accumulate(1.0 / (k + 1) for k in range(12)))
        # Strangers met once or twice in replies and retweets: real archives name thousands of accounts.
        tr = random.Random(f"roost-sample:{seed}:tail")
        self.tail: list[Account] = []
        while len(self.tail) < min(50_000, tweets // 12):
            acc = self._person(tr, seen, 0.15, 0.4)
            if acc:
                self.tail.append(acc)

    def _person(self, r: random.Random, seen: set[str], recent: float, old: float) -> Account | None:
        """Draw a person with a fresh handle, or None when the handle is taken."""
        first, last = r.choice(FIRST), r.choice(LAST)
        plain = unicodedata.normalize("NFKD", first + last).encode("ascii", "ignore").decode()
        handle = (plain[: r.randrange(4, 12)] + r.choice(("", "_", "")) + str(r.randrange(100)))[:15]
        if handle.lower() in seen:
            return None
        seen.add(handle.lower())
        name = f"{first} {last}{r.choice(NAME_SUFFIX)}"
        return str(self.account_id(r, self.used, recent, old)), handle, name

    def account_id(self, r: random.Random, used: set[int], recent: float, old: float) -> int:
        """Draw an unused account id: recent Snowflake, pre-2013 small id, or older Snowflake."""
        while True:
            x = r.random()
            if x < recent:
                uid = snowflake(r, self.gen_ms - r.randrange(DAY_MS, 120 * DAY_MS), 0, 1024)
            elif x < recent + old:
                uid = r.randrange(10_000_000, 1_500_000_000)
            else:
                lo = 1_388_534_400_000  # 2014-01-01
                uid = snowflake(r, r.randrange(lo, max(lo + DAY_MS, self.gen_ms - 120 * DAY_MS)), 0, 1024)
            if uid not in used:
                used.add(uid)
                return uid

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
        return [o[0] for o, x in zip(self.others, self.roles, strict=True) if x == role]

    def other(self, r: random.Random) -> Account:
        """Pick an account to talk to: mostly the cast (favouring mutuals and followers), now and then the tail."""
        if self.tail and r.random() < 0.2:
            return self.tail[r.randrange(len(self.tail))]
        return self.others[pick(r, self.cum)]

    def favourite(self, r: random.Random) -> Account:
        """Pick an account to retweet: the twelve favourites, then anyone."""
        if r.random() < 0.75:
            return self.others[pick(r, self.fav_cum)]
        return self.other(r)
