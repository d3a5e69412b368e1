"""What the templates see: plain frozen data, every string already formatted in the report's language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from roost.charts import Chart, Heatmap


@dataclass(frozen=True, kw_only=True)
class ReportOptions:
    """How to write the report: language, shared or private, sample data, and when it was generated."""

    lang: str = "en"
    share: bool = False
    keep_handles: bool = False
    sample: bool = False
    generated_at: dt.datetime


@dataclass(frozen=True)
class Cell:
    """One table cell: text (escaped when drawn), an optional http(s) link, a second line, an inline bar."""

    text: str
    href: str = ""
    numeric: bool = False
    sub: str = ""
    bar: float | None = None
    sub_is_code: bool = False  # the second line is an identifier (an indicator id, a data type)
    parts: tuple[tuple[str, bool], ...] = ()  # when set, the text in pieces, each (text, is an identifier)


@dataclass(frozen=True)
class Table:
    """Column headings and rows of cells."""

    columns: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""
    cls: str = ""


@dataclass(frozen=True)
class Card:
    """A big number with its title and one plain sentence."""

    id: str
    title: str
    value: str
    sentence: str
    note: str = ""
    unknown: bool = False
    shape: str = "number"


@dataclass(frozen=True)
class TweetItem:
    """One of the owner's tweets in a top list."""

    text: str
    date: str
    likes: str
    likes_word: str
    retweets: str
    retweets_word: str
    href: str


@dataclass(frozen=True)
class FunnelStep:
    """One step from followers to conversation, as a share of followers."""

    label: str
    value: str
    share: str
    width: float
    unknown: bool = False


@dataclass(frozen=True)
class Block:
    """One piece of a section; `kind` says which fields are drawn (cards, chart, heatmap, table, tweets,
    funnel, notes)."""

    kind: str
    title: str = ""
    desc: str = ""
    cards: tuple[Card, ...] = ()
    chart: Chart | None = None
    heatmap: Heatmap | None = None
    # The same figure drawn for a phone: the most recent part of a long series, or a grid turned upright.
    narrow: Chart | Heatmap | None = None
    narrow_note: str = ""
    table: Table | None = None
    tweets: tuple[TweetItem, ...] = ()
    funnel: tuple[FunnelStep, ...] = ()
    notes: tuple[str, ...] = ()
    folded: bool = False  # drawn closed, opened on demand (long reference tables)


@dataclass(frozen=True)
class Section:
    """A numbered part of the report, following the lesson's questions."""

    id: str
    number: str
    title: str
    intro: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Fact:
    """A line of the header: label and value, with an optional http(s) link."""

    label: str
    value: str
    href: str = ""


@dataclass(frozen=True)
class Report:
    """Everything the template draws."""

    lang: str
    title: str
    kicker: str
    name: str
    handle: str
    subtitle: str
    facts: tuple[Fact, ...]
    banners: tuple[tuple[str, str], ...]
    verdict_title: str
    verdict_kind: str
    verdict_why: str
    verdict: tuple[str, ...]
    steps_title: str
    steps: tuple[str, ...]
    reasons_title: str
    reasons: Table | None
    box_title: str
    box: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: str
    version: str
