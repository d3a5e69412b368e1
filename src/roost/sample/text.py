"""Texts of the sample account: a language, then whole sentences up to a length drawn like real tweets'."""

from __future__ import annotations

import random

from .base import cum, pick
from .vocab import EMOJI, EN, EN_OPEN, EN_TAIL, FR, FR_OPEN, FR_TAIL, OTHER, UND

# Lengths of `full_text` in code points in the real YTD archives (4,311 tweets): share of tweets per range.
_LENGTHS = ((4, 20, 1.5), (20, 50, 15.8), (50, 100, 42.0), (100, 140, 20.3), (140, 200, 14.7), (200, 281, 5.0))
_LENGTH_CUM = cum([w for _, _, w in _LENGTHS])
# Own tweets' languages besides the special codes (und, qme, zxx...), which come from what a text holds.
_LANGS = ("en", "fr", "de", "other")
_LANG_CUM = cum([0.925, 0.035, 0.02, 0.02])
_PLAIN = tuple(s for s in EN if not any(c in s for c in "&<>"))
_MARKUP = tuple(s for s in EN if any(c in s for c in "&<>"))
_FR_PLAIN = tuple(s for s in FR if "&" not in s)
_FR_MARKUP = tuple(s for s in FR if "&" in s)


def length(r: random.Random, scale: float = 1.0) -> int:
    """Draw a total text length (code points) from the real distribution, scaled for a kind of tweet."""
    lo, hi, _ = _LENGTHS[pick(r, _LENGTH_CUM)]
    return min(280, int(r.randrange(lo, hi) * scale))


def lang(r: random.Random) -> str:
    """Draw the language of an own text."""
    code = _LANGS[pick(r, _LANG_CUM)]
    return r.choice(OTHER)[0] if code == "other" else code


def sentence(r: random.Random, code: str, plain: bool = False, first: bool = True) -> str:
    """Return one raw sentence in language `code` (an opener only on the first one)."""
    if code in ("en", "fr"):
        markup = not plain and r.random() < 0.028
        pool = (_MARKUP if markup else _PLAIN) if code == "en" else (_FR_MARKUP if markup else _FR_PLAIN)
        body = r.choice(pool)
        opener = r.choice(EN_OPEN if code == "en" else FR_OPEN) if first else ""
        return opener + body if opener else body[0].upper() + body[1:]
    for c, phrases in OTHER:
        if c == code:
            return r.choice(phrases)
    return r.choice(UND)


def body(r: random.Random, code: str, target: int, plain: bool = False) -> str:
    """Return a raw text of whole sentences in `code`, close to `target` code points (at most 280)."""
    out = sentence(r, code, plain)
    lines = r.random() < 0.42
    while len(out) < target - 12:
        if code in ("en", "fr") and r.random() < 0.3:
            nxt = r.choice(EN_TAIL if code == "en" else FR_TAIL)
        else:
            nxt = sentence(r, code, plain, first=False)
        joined = out + ("\n\n" if lines else " " if out[-1] in ".!?…" else ". ") + nxt
        if len(joined) > 280:
            break
        out = joined
    x = r.random()
    if x < 0.045 and len(out) < 275:
        out += " " + r.choice(EMOJI)
    elif x < 0.4 and code in ("en", "fr") and out[-1].isalnum():
        out += "."
    elif x < 0.45 and out[-1].isalnum():
        out += "!"
    return out


def reaction(r: random.Random) -> str:
    """Return an emoji-only text (language `und`)."""
    return r.choice(UND)
