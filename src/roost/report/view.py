"""The report's view of an analysis document: each indicator's value, definition and reason, read safely.

The document is plain data (the JSON of `roost indicators --format json`), possibly from a file someone
sent: every accessor checks types, and nothing here touches a database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from roost.i18n import Translator
from roost.registry import PRIVATE_TYPES
from roost.report.model import Block, Card, ReportOptions
from roost.report.text import Accounts, clean

_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?$")
SHAPES = ("number", "share", "text", "series", "table")


def _text(v: Any) -> str:
    return v if isinstance(v, str) else ""


def part(document: dict[str, Any], key: str) -> dict[str, Any]:
    """A part of the document that must be an object ({} when it is absent or not one)."""
    value = document.get(key)
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Definition:
    """What an indicator is, as its SQL header says (carried in the document's `definitions`)."""

    title: str
    title_fr: str
    shape: str
    unit: str
    section: str
    needs: tuple[str, ...]
    params: tuple[str, ...]
    definition: str
    definition_fr: str
    limits: str
    limits_fr: str
    custom: bool
    reads_private: bool

    @classmethod
    def of(cls, ident: str, raw: Any) -> Definition:
        """A definition from the document, every field checked (unknown or odd fields get safe defaults)."""
        d = raw if isinstance(raw, dict) else {}

        def names(key: str) -> tuple[str, ...]:
            v = d.get(key)
            return tuple(x for x in v if isinstance(x, str)) if isinstance(v, list) else ()

        shape = _text(d.get("shape"))
        return cls(
            title=_text(d.get("title")) or ident, title_fr=_text(d.get("title_fr")) or _text(d.get("title")) or ident,
            shape=shape if shape in SHAPES else "text", unit=_text(d.get("unit")), section=_text(d.get("section")),
            needs=names("needs"), params=names("params"), definition=_text(d.get("definition")),
            definition_fr=_text(d.get("definition_fr")) or _text(d.get("definition")), limits=_text(d.get("limits")),
            limits_fr=_text(d.get("limits_fr")) or _text(d.get("limits")), custom=d.get("custom") is True,
            reads_private=d.get("reads_private") is True,
        )


@dataclass(frozen=True)
class Res:
    """One indicator of the document: id, value, definition and, when unknown, why (a reason code)."""

    id: str
    value: Any
    d: Definition
    code: str = ""
    args: dict[str, Any] | None = None

    @property
    def private(self) -> bool:
        """Direct-message figures and anything read from private files: never in a shared report."""
        return (
            bool(set(self.d.needs) & PRIVATE_TYPES) or self.id.startswith("dm_") or "_dm_" in self.id
            or (self.d.custom and self.d.reads_private)
        )


def results_of(document: dict[str, Any]) -> dict[str, Res]:
    """Every indicator of the document, in its order."""
    values, definitions, unknown = part(document, "indicators"), part(document, "definitions"), part(document, "unknown")
    out: dict[str, Res] = {}
    for ident, value in values.items():
        if not isinstance(ident, str):
            continue
        why = part(unknown, ident)
        args = part(why, "args")
        out[ident] = Res(ident, value, Definition.of(ident, definitions.get(ident)), _text(why.get("code")), args)
    return out


class View:
    """Values, titles, definitions and reasons of a document's indicators, in the report's language."""

    def __init__(self, document: dict[str, Any], options: ReportOptions, t: Translator, accounts: Accounts) -> None:
        self.options = options
        self.t = t
        self.accounts = accounts
        self.share = options.share
        self.archive = part(document, "archive")
        self.account = part(document, "account")
        self.private = part(document, "private")
        self.tz = _text(self.archive.get("time_zone_used")) or "UTC"
        self.tz_source = _text(self.archive.get("time_zone_source")) or "default"
        every = results_of(document)
        self.results = {k: r for k, r in every.items() if not (self.share and r.private)}
        self.private_custom = [k for k, r in every.items() if r.d.custom and k not in self.results]
        self.placed: set[str] = set()

    def tz_sentence(self) -> str:
        key = {"option": "tz_option", "archive": "tz_archive"}.get(self.tz_source, "tz_default")
        return self.t(key, tz=clean(self.tz, 60))

    def fact_int(self, key: str) -> int:
        """A whole-number fact about the archive (0 when absent or odd)."""
        v = self.archive.get(key)
        return v if isinstance(v, int) and not isinstance(v, bool) and v >= 0 else 0

    # -- values ------------------------------------------------------------------------------------------

    def res(self, ident: str) -> Res | None:
        return self.results.get(ident)

    def claim(self, ident: str) -> Res | None:
        """The indicator's result, marked as placed in a section (so it is not drawn again generically)."""
        r = self.results.get(ident)
        if r is not None:
            self.placed.add(ident)
        return r

    def unknown(self, title: str, r: Res) -> Block | None:
        """Nothing: an unknown figure is not drawn in its section; the box of what this archive can tell
        and the glossary say why, once."""
        return None

    def val(self, ident: str) -> Any:
        r = self.results.get(ident)
        return r.value if r is not None else None

    def num(self, ident: str) -> float | None:
        v = self.val(ident)
        return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None

    def rows(self, ident: str) -> list[dict[str, Any]]:
        v = self.val(ident)
        return [r for r in v if isinstance(r, dict)] if isinstance(v, list) else []

    def title(self, ident: str) -> str:
        r = self.results.get(ident)
        if r is None:
            return ident
        return clean(r.d.title_fr if self.t.lang == "fr" else r.d.title)

    def why(self, r: Res) -> str:
        """Why a value is unknown, in the report's language; data an archive of this kind never holds is
        said to be so, not to be missing."""
        needs = (r.args or {}).get("needs")
        if r.code == "missing_data" and self.archive.get("generation") == "grailbird" and isinstance(needs, list):
            return self.t("reason_not_in_generation", files=self.t.list_and([self.t.data_name(str(n)) for n in needs]))
        return self.t.why(r.code, r.args or {}, self.limits(r))

    def limits(self, r: Res) -> str:
        """What the archive cannot tell for this indicator, in the report's language."""
        return r.d.limits_fr if self.t.lang == "fr" else r.d.limits

    def plain(self, r: Res) -> str:
        """What a figure is, in plain words for the body of the report (the precise definition is in the
        glossary): the report's own sentence for packaged indicators, else the definition's first clause."""
        key = f"d_{r.id}"
        if self.t.has(key) and not r.d.custom:
            return self.t(key)
        return short(self.definition(r))

    def definition(self, r: Res) -> str:
        return clean(r.d.definition_fr if self.t.lang == "fr" else r.d.definition)

    def fmt(self, r: Res) -> str:
        """A number, share or text value in the report's language."""
        v, shape = r.value, r.d.shape
        if v is None:
            return self.t("unknown")
        if shape == "share" and isinstance(v, (int, float)) and not isinstance(v, bool):
            return self.t.share(v)
        if isinstance(v, bool):
            return self.t("yes") if v else self.t("no")
        if isinstance(v, int) and r.d.unit == "year":
            return str(v)
        if isinstance(v, (int, float)):
            if r.id == "following_followers_ratio" or r.d.unit == "ratio":
                return self.t.decimal(v, 2)
            return self.t.number(v)
        if isinstance(v, str) and _ISO_TIME.match(v):
            return self.t.date(v)
        if isinstance(v, (dict, list)):
            return self.t("rows", n=self.t.integer(len(v)))
        return clean(self.accounts.text(str(v)), 120)

    # -- cards -------------------------------------------------------------------------------------------

    def card(self, ident: str, sentence: str | None = None, *, place: bool = True) -> Card | None:
        r = self.res(ident)
        if r is None or r.d.shape not in ("number", "share", "text"):
            return None
        if place:
            self.placed.add(ident)
        if sentence is None:
            key = f"c_{ident}"
            # A sentence with blanks to fill ({span}...) is only used by the caller that fills them.
            sentence = self.t(key) if self.t.has(key) and "{" not in self.t(key) else short(self.definition(r))
        if r.value is None:
            return None  # said once, in the box of what this archive can tell
        return Card(ident, self.title(ident), self.fmt(r), sentence, shape=r.d.shape)

    def cards(self, *items: Card | None, title: str = "", desc: str = "") -> Block | None:
        present = tuple(c for c in items if c is not None)
        return Block("cards", title=title, desc=desc, cards=present) if present else None


def short(definition: str, limit: int = 150) -> str:
    """A card's sentence from a long SQL definition: up to its first aside, else cut (the full text is at the end)."""
    if len(definition) <= limit:
        return definition
    cuts = [i for i in (definition.find(" ("), definition.find("; "), definition.find(": ")) if 20 <= i <= limit]
    if cuts:
        return definition[: min(cuts)].rstrip(" ,") + "."
    return definition[:limit].rsplit(" ", 1)[0] + "…"
