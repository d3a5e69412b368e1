"""Warnings that a report can say in its own language.

A `Notice` is the English line roost prints on the terminal (it is a `str`, so every caller that keeps
warnings as text keeps working), and it also carries its key and fields: the analysis document stores them
(`notices` beside `warnings`), and a French report says `w_<key>` of the French catalogue with the same
fields, numbers and lists written as French writes them. Fields hold counts, dates, file paths and field
names from the archive's structure: never a tweet's or a message's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

MAX_LISTED = 5


class Notice(str):
    """One warning: its English text, and its key and fields for the other languages."""

    key: str
    fields: dict[str, Any]

    def __new__(cls, key: str, **fields: Any) -> Notice:
        from roost.i18n import Translator

        obj = super().__new__(cls, say(Translator("en"), key, fields))
        obj.key = key
        obj.fields = fields
        return obj

    def as_json(self) -> dict[str, Any]:
        """Its key and fields as plain data; a notice inside (a field) as its own key and fields."""
        return {"key": self.key, "fields": {k: v.as_json() if isinstance(v, Notice) else v for k, v in self.fields.items()}}


def say(t: Any, key: str, fields: dict[str, Any]) -> str:
    """The notice `key` in the translator's language: ints as it writes numbers, lists of names as `a, b and
    3 more`, a notice inside (a Notice, or its key and fields from a document) in the same language,
    everything else as text."""
    shown: dict[str, str] = {}
    for name, value in fields.items():
        if isinstance(value, Notice):
            value = value.as_json()
        if isinstance(value, dict) and isinstance(value.get("key"), str) and isinstance(value.get("fields"), dict):
            shown[name] = say(t, value["key"], value["fields"])
            continue
        if isinstance(value, bool):
            shown[name] = str(value)
        elif isinstance(value, int):
            shown[name] = t.integer(value)
        elif isinstance(value, (list, tuple)):
            items = [str(x) for x in value]
            listed = items[:MAX_LISTED]
            more = len(items) - len(listed)
            shown[name] = ", ".join(listed) + (t("and_more", n=t.integer(more)) if more > 0 else "")
        else:
            shown[name] = str(value)
    return str(t(f"w_{key}", **shown))


def notices_of(warnings: Sequence[str]) -> list[dict[str, Any] | None]:
    """For the analysis document: each warning's key and fields, or None for a warning said in English only."""
    return [w.as_json() if isinstance(w, Notice) else None for w in warnings]


def translated(t: Any, warnings: Sequence[str], notices: Any) -> list[str]:
    """The warnings in the report's language, where the document says how (else as roost printed them)."""
    out = []
    known = notices if isinstance(notices, list) and len(notices) == len(warnings) else [None] * len(warnings)
    for text, notice in zip(warnings, known, strict=True):
        key = notice.get("key") if isinstance(notice, dict) else None
        fields = notice.get("fields") if isinstance(notice, dict) else None
        if isinstance(key, str) and isinstance(fields, dict) and t.has(f"w_{key}"):
            try:
                out.append(say(t, key, fields))
                continue
            except (KeyError, IndexError, ValueError):  # a document from another version: its English text
                pass
        out.append(text)
    return out
