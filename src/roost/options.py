"""The user's choices (time zone, topic keywords, own site, language, output format), checked once.

A bad value is a `UsageError`: the CLI turns it into a usage error (exit 2) before any work is done.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from roost.errors import RoostError

FORMATS = ("table", "json", "csv")
LANGS = ("en", "fr")
_HOST = re.compile(r"(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}[a-z0-9]")
_MAX_KEYWORDS = 50


class UsageError(RoostError):
    """An option's value is not one roost accepts."""


@dataclass
class Options:
    """What the user chose: time zone, topic keywords, own site."""

    tz: str | None = None
    topic: tuple[str, ...] = ()
    site: str | None = None


def parse_topic(text: str | None) -> tuple[str, ...]:
    """Comma-separated keywords or hashtags ("seo, #marketing") as a tuple; an empty list is refused."""
    if text is None:
        return ()
    words = tuple(dict.fromkeys(w.strip().lstrip("#").strip() for w in text.split(",")))
    words = tuple(w for w in words if w)
    if not words:
        raise UsageError("--topic needs at least one keyword, e.g. --topic \"seo, marketing\"")
    if len(words) > _MAX_KEYWORDS or any(len(w) > 100 for w in words):
        raise UsageError(f"--topic takes up to {_MAX_KEYWORDS} keywords of up to 100 characters each")
    return words


def parse_site(text: str | None) -> str | None:
    """A website's domain from what a user types (`monsupersite.fr`, `https://www.monsupersite.fr/blog`)."""
    if text is None:
        return None
    host = text.strip().lower()
    host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", host)
    host = re.split(r"[/?#:]", host, maxsplit=1)[0]
    host = host.removeprefix("www.").rstrip(".")
    if not _HOST.fullmatch(host):
        raise UsageError(f"--site {text!r} is not a website's domain: give one such as monsupersite.fr")
    return host


def check_tz(name: str | None) -> str | None:
    """An IANA time zone name (or a Rails name such as "Paris", as archives write them); None stays None."""
    if name is None:
        return None
    import duckdb

    from roost.timezones import RAILS_ZONES, known_zone

    con = duckdb.connect(config={"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"})
    try:
        if known_zone(con, RAILS_ZONES.get(name, name)):
            return name
    finally:
        con.close()
    raise UsageError(f"--tz {name!r} is not a time zone name: use an IANA name such as Europe/Paris")


def check_choice(option: str, value: str, allowed: tuple[str, ...]) -> str:
    """`value` when it is one of `allowed`, else a UsageError naming them."""
    if value not in allowed:
        raise UsageError(f"{option} {value!r} is not one of {', '.join(allowed)}")
    return value
