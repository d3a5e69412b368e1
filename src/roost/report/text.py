"""Archive text made safe to show, and other accounts named (or hidden, when sharing) the same way throughout.

Every string from an archive is hostile: tweets, names, screen names, sources, URLs. Escaping is the
template's job (autoescape); this module removes what would garble or spoof the page, and decides what may
become a link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from roost.i18n import Translator
from roost.report.model import Cell

_HANDLE = re.compile(r"^[A-Za-z0-9_]{1,15}$")
_MENTION = re.compile(r"(?<![A-Za-z0-9_])@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])")
_PROFILE_URL = re.compile(r"(?i)(?<![A-Za-z0-9_.-])((?:www\.|mobile\.)?(?:twitter|x)\.com/)([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])")
_NOT_HANDLES = frozenset({"i", "intent", "home", "search", "hashtag", "share", "settings", "explore", "notifications"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters that make two different names look the same: zero-width ones, bidi marks and fillers. Names
# lose them (emoji joiners and variation selectors stay); a handle holding one is shown with it made visible.
_INVISIBLE_IN_NAMES = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200e\u200f\u2060-\u2064\u3164\uffa0\ufeff]"
)
_INVISIBLE_IN_HANDLES = re.compile(
    r"[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    r"\u3164\ufe00-\ufe0f\uffa0\ufeff\U000e0000-\U000e0fff]"
)


def clean(s: Any, limit: int | None = None) -> str:
    """Archive text made safe to show: control characters dropped, optionally cut at `limit` characters.

    Escaping is the template's job; this only removes what would garble the page (terminal escapes, BEL...)."""
    text = _CONTROL.sub(lambda m: " " if m[0] in "\u2028\u2029\x0b\x0c" else "", str(s if s is not None else ""))
    if limit is not None and len(text) > limit:
        text = text[:limit].rstrip() + "…"
    return text


def clean_name(s: Any, limit: int = 80) -> str:
    """A display name made safe to show: controls, bidi overrides and zero-width characters removed."""
    return clean(_INVISIBLE_IN_NAMES.sub("", clean(s)), limit).strip()


def shown_handle(s: Any) -> tuple[str, bool]:
    """(how a screen name is shown, whether it is a real handle): a name that is not a plain handle keeps
    every character, invisible ones written as [U+XXXX], so two names never look the same."""
    text = str(s)
    if _HANDLE.match(text):
        return text, True
    marked = _INVISIBLE_IN_HANDLES.sub(lambda m: f"[U+{ord(m[0]):04X}]", text)
    marked = _CONTROL.sub(lambda m: f"[U+{ord(m[0]):04X}]", marked)
    return clean(marked, 60), False


def web_link(url: Any) -> str:
    """`url` when it is an http(s) URL (to link to), else "" (to show as text)."""
    if not isinstance(url, str):
        return ""
    u = url.strip()
    if not re.match(r"^https?://[^\s/]", u, re.IGNORECASE) or _CONTROL.search(u) or any(c in u for c in "<>\"' `"):
        return ""
    return u


class Accounts:
    """Names other accounts consistently across the report, and hides them when sharing.

    `seen` are the (account id, screen name) pairs the report's figures hold: they give one label to an
    account met by id in one table and by handle in a tweet, and let odd screen names be found in text.
    """

    def __init__(self, owner_id: Any, owner_name: Any, seen: Iterable[tuple[Any, Any]], *, anonymize: bool,
                 t: Translator) -> None:
        self.anonymize = anonymize
        self.t = t
        self.owner_id = str(owner_id or "")
        self.owner_name = str(owner_name or "")
        self._labels: dict[str, int] = {}
        self._id_by_name: dict[str, str] = {}
        self._mention = _MENTION
        if not anonymize:
            return
        odd = set()
        for account_id, name in sorted({(str(a or ""), str(n or "")) for a, n in seen}):
            if not name or (account_id and account_id == self.owner_id) or name.lower() == self.owner_name.lower():
                continue  # the owner's former names: a mention of one of them is someone else's now
            if account_id:
                self._id_by_name.setdefault(name.lower(), account_id)
            if not _HANDLE.match(name):
                odd.add(name)
        # Screen names that are not plain handles (hostile or odd archives) are matched literally, longest first.
        odd_names = sorted(odd, key=lambda n: (-len(n), n))
        alternatives = [re.escape(n) + ("(?![A-Za-z0-9_])" if re.match(r"\w", n[-1]) else "") for n in odd_names]
        alternatives.append(r"[A-Za-z0-9_]{1,15}(?![A-Za-z0-9_])")
        self._mention = re.compile(r"(?<![A-Za-z0-9_])@(?:" + "|".join(alternatives) + ")", re.IGNORECASE)

    def is_owner(self, account_id: Any = None, screen_name: Any = None) -> bool:
        """Whether this is the archive's owner (whose handle always stays)."""
        if account_id is not None and str(account_id) == self.owner_id and self.owner_id:
            return True
        return bool(screen_name) and bool(self.owner_name) and str(screen_name).lower() == self.owner_name.lower()

    def _number(self, account_id: Any, screen_name: Any) -> int:
        key = str(account_id) if account_id not in (None, "") else None
        if key is None and screen_name:
            key = self._id_by_name.get(str(screen_name).lower(), "@" + str(screen_name).lower())
        key = key or "?"
        if key not in self._labels:
            self._labels[key] = len(self._labels) + 1
        return self._labels[key]

    def label(self, account_id: Any = None, screen_name: Any = None, display_name: Any = None) -> Cell:
        """How an account appears in a table: `@handle` linked to its profile (with its display name, if
        known, beside it), or a neutral label. A screen name that is not a plain handle is shown with its
        invisible characters made visible and the account's id, never as a link."""
        if self.anonymize and not self.is_owner(account_id, screen_name):
            return Cell(self.t("account_label", n=self._number(account_id, screen_name)))
        name = clean_name(display_name) if display_name not in (None, "") else ""
        if screen_name not in (None, ""):
            handle, plain = shown_handle(screen_name)
            ident = clean(account_id) if account_id not in (None, "") else ""
            if plain:
                return Cell("@" + handle, href=f"https://x.com/{handle}", sub=name)
            return Cell("@" + handle, sub=" · ".join(x for x in (name, f"id {ident}" if ident else "") if x))
        if account_id not in (None, ""):
            ident = clean(account_id)
            href = f"https://x.com/i/user/{ident}" if ident.isdigit() else ""
            return Cell(f"id {ident}", href=href, sub=name)
        return Cell(name or "–")

    def text(self, s: str) -> str:
        """Free text with other accounts' @handles (and profile addresses) replaced when sharing."""
        if not self.anonymize or not s:
            return s

        def mention(m: re.Match[str]) -> str:
            whole = m[0][1:]
            if self.is_owner(screen_name=whole):
                return m[0]
            return f"@account-{self._number(None, whole)}"

        def profile(m: re.Match[str]) -> str:
            name = m[2]
            if name.lower() in _NOT_HANDLES or self.is_owner(screen_name=name):
                return m[0]
            return f"{m[1]}account-{self._number(None, name)}"

        return _PROFILE_URL.sub(profile, self._mention.sub(mention, s))
