"""The HTML report: compute everything into plain frozen dataclasses, then render one self-contained file.

Every string from the archive is hostile (tweets, names, screen names, sources, URLs): the one Jinja
Environment autoescapes, links are made only from http(s) URLs, and a Content-Security-Policy forbids
scripts and every fetch. The same inputs give the same bytes: the generation time is passed in.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import duckdb
import jinja2
from markupsafe import Markup, escape

from roost import __version__, charts
from roost.charts import Chart, Heatmap
from roost.errors import OutputExistsError, RoostError
from roost.i18n import Translator, translator
from roost.indicators import IndicatorResult, Results
from roost.resources import templates_dir

# Thresholds for the sentences that interpret a figure (the lesson: buzz against long-term work).
BUZZ_HIGH, BUZZ_LOW = 0.6, 0.35
GINI_HIGH = 0.6
CONVERSATION_HIGH, CONVERSATION_LOW = 0.5, 0.25
RATIO_HIGH, RATIO_LOW, RATIO_VERY_LOW = 1.25, 0.8, 0.4
# Caps that keep the file small whatever the archive's size (the packaged tables are top-N already).
MAX_TABLE_ROWS = 100
MAX_SERIES_BARS = 400
MAX_TEXT = 280
MAX_MONTHS = 360
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# Data types whose very counts are private: left out of a shared report.
PRIVATE_TYPES = frozenset(
    {"direct_messages", "direct_messages_group", "phone_number", "email_address_change", "ip_audit",
     "account_creation_ip", "device_token", "contact", "key_registry", "ni_devices"}
)
TWEET_TYPES = ("original", "reply", "thread", "retweet", "quote")
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
_ISO_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?$")
LANGUAGE_NAMES = {
    "en": {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
           "nl": "Dutch", "ja": "Japanese", "ru": "Russian", "ar": "Arabic", "tr": "Turkish", "pl": "Polish",
           "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "cs": "Czech", "ro": "Romanian",
           "hu": "Hungarian", "el": "Greek", "uk": "Ukrainian", "ca": "Catalan", "eu": "Basque", "in": "Indonesian",
           "id": "Indonesian", "tl": "Tagalog", "ko": "Korean", "zh": "Chinese", "hi": "Hindi", "iw": "Hebrew",
           "he": "Hebrew", "fa": "Persian", "ht": "Haitian Creole", "et": "Estonian", "cy": "Welsh", "und": "undetermined", "zxx": "no text", "qme": "media only", "qam": "mentions only",
           "qht": "hashtags only", "art": "emoji only"},
    "fr": {"en": "anglais", "fr": "français", "de": "allemand", "es": "espagnol", "it": "italien",
           "pt": "portugais", "nl": "néerlandais", "ja": "japonais", "ru": "russe", "ar": "arabe", "tr": "turc",
           "pl": "polonais", "sv": "suédois", "da": "danois", "no": "norvégien", "fi": "finnois", "cs": "tchèque",
           "ro": "roumain", "hu": "hongrois", "el": "grec", "uk": "ukrainien", "ca": "catalan", "eu": "basque",
           "in": "indonésien", "id": "indonésien", "tl": "tagalog", "ko": "coréen", "zh": "chinois", "hi": "hindi",
           "iw": "hébreu", "he": "hébreu", "fa": "persan", "ht": "créole haïtien", "et": "estonien", "cy": "gallois",
           "und": "indéterminée", "zxx": "sans texte", "qme": "média seul",
           "qam": "mentions seules", "qht": "hashtags seuls", "art": "émojis seuls"},
}


class ReportWriteError(RoostError, OSError):
    """The report file cannot be written (disk full, no permission): a RoostError the CLI prints as one
    line, and an OSError to code that catches those."""


@dataclass(frozen=True, kw_only=True)
class ReportOptions:
    """How to write the report: language, shared or private, sample data, and when it was generated."""

    lang: str = "en"
    share: bool = False
    keep_handles: bool = False
    sample: bool = False
    generated_at: dt.datetime


# ---------------------------------------------------------------------------------------------------------
# What the templates see: plain frozen data, strings already formatted in the report's language.


@dataclass(frozen=True)
class Cell:
    """One table cell: text (escaped when drawn), an optional http(s) link, a second line, an inline bar."""

    text: str
    href: str = ""
    numeric: bool = False
    sub: str = ""
    bar: float | None = None


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
    table: Table | None = None
    tweets: tuple[TweetItem, ...] = ()
    funnel: tuple[FunnelStep, ...] = ()
    notes: tuple[str, ...] = ()
    open: bool = False


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
    verdict: tuple[str, ...]
    sections: tuple[Section, ...]
    footer: str
    version: str


# ---------------------------------------------------------------------------------------------------------
# Public API


def build_report(
    con: duckdb.DuckDBPyConnection, results: Results, options: ReportOptions, warnings: Sequence[str] = ()
) -> str:
    """Render the report HTML (a str) from a loaded archive and its computed indicators."""
    t = translator(options.lang)
    info = _archive_info(con)
    accounts = Accounts(con, info, anonymize=options.share and not options.keep_handles, t=t)
    report = _Builder(con, results, options, t, info, accounts, list(warnings)).build()
    css = _css()
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src '{_sha256(css)}'; "
        "script-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return jinja_env().get_template("report.html.j2").render(r=report, css=Markup(css), csp=Markup(escape(csp)), _=t)


def write_atomic(text: str, output: Path, *, force: bool) -> None:
    """Write to a temp file in the same folder then os.replace; refuse an existing file without force."""
    output = Path(output)
    if output.is_dir():
        raise ReportWriteError(f"{output} is a folder: give -o the name of the file to write, e.g. {output / 'report.html'}")
    if output.exists() and not force:
        raise OutputExistsError(f"{output} already exists: use --force to overwrite it, or choose another -o")
    folder = output.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise ReportWriteError(f"{output} cannot be written ({e.strerror or e}): choose another -o") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp_name, 0o666 & ~umask)
        os.replace(tmp_name, output)
    except OSError as e:
        raise ReportWriteError(f"{output} cannot be written ({e.strerror or e}): free some space or choose another -o") from None
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


def default_report_name(con: duckdb.DuckDBPyConnection) -> str:
    """`<username or owner id or 'archive'>-<archive date or last tweet date>.html`, safe characters only."""
    info = _archive_info(con)
    who = _safe_name(info.get("username") or info.get("owner_id") or "") or "archive"
    when = info.get("generated_at")
    if when is None:
        try:
            row = con.execute("select max(created_at) from tweets").fetchone()
            when = row[0] if row else None
        except duckdb.Error:
            when = None
    day = _utc(when).strftime("%Y-%m-%d") if isinstance(when, dt.datetime) else ""
    return f"{who}-{day}.html" if day else f"{who}.html"


# ---------------------------------------------------------------------------------------------------------
# Environment, CSS, small helpers


@lru_cache(maxsize=1)
def jinja_env() -> jinja2.Environment:
    """The one Environment: autoescape on for every template, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


_SCHEME = re.compile(r"(?i)((?:java|vb)script|data):")


def _finalize(value: Any) -> Any:
    """Escape every value written by a template, and also write `=` and `javascript:`'s colon as character
    references: they read the same, but no text, even escaped, then looks like `onerror=` or a script URL
    to a filter or a grep."""
    if isinstance(value, Markup):
        return value
    text = str(escape(value)).replace("=", "&#61;")
    return Markup(_SCHEME.sub(lambda m: m[1] + "&#58;", text))


def _css() -> str:
    return (templates_dir() / "report.css").read_text(encoding="utf-8")


def _sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def _safe_name(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", str(s)).strip("_-")[:60]


def _utc(v: dt.datetime) -> dt.datetime:
    return v.astimezone(dt.timezone.utc) if v.tzinfo is not None else v


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


def _archive_info(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    try:
        cur = con.execute("select * from archive")
        cols = [d[0] for d in cur.description or []]
        row = cur.fetchone()
    except duckdb.Error:
        return {}
    return dict(zip(cols, row)) if row else {}


def _is_private(res: IndicatorResult) -> bool:
    """Direct-message figures and anything read from private files."""
    ind = res.indicator
    return (
        bool(set(ind.needs) & PRIVATE_TYPES) or ind.id.startswith("dm_") or "_dm_" in ind.id
        or (ind.custom and ind.reads_private)
    )


# ---------------------------------------------------------------------------------------------------------
# Other accounts: shown by handle in the owner's report, as "account 1", "account 2"... in a shared one.


class Accounts:
    """Names other accounts consistently across the report, and hides them when sharing."""

    def __init__(self, con: duckdb.DuckDBPyConnection, info: Mapping[str, Any], *, anonymize: bool, t: Translator):
        self.anonymize = anonymize
        self.t = t
        self.owner_id = str(info.get("owner_id") or "")
        self.owner_name = str(info.get("username") or "")
        self._labels: dict[str, int] = {}
        self._id_by_name: dict[str, str] = {}
        self._odd_names: list[str] = []
        self._mention = _MENTION
        if not anonymize:
            return
        try:
            rows = con.execute("select account_id, screen_names from handles order by account_id").fetchall()
        except duckdb.Error:
            rows = []
        odd = set()
        for account_id, names in rows:
            if str(account_id) == self.owner_id:
                continue  # the owner's former names: a mention of one of them is someone else's now
            for name in names or ():
                if not name or name.lower() == self.owner_name.lower():
                    continue
                self._id_by_name.setdefault(name.lower(), str(account_id))
                if not _HANDLE.match(name):
                    odd.add(name)
        # Screen names that are not plain handles (hostile or odd archives) are matched literally, longest first.
        self._odd_names = sorted(odd, key=lambda n: (-len(n), n))
        alternatives = [re.escape(n) + ("(?![A-Za-z0-9_])" if re.match(r"\w", n[-1]) else "") for n in self._odd_names]
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
            return Cell(f"id {ident}", href=href)
        return Cell("–")

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


# ---------------------------------------------------------------------------------------------------------
# The builder: one method per section.


class _Builder:
    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        results: Results,
        options: ReportOptions,
        t: Translator,
        info: dict[str, Any],
        accounts: Accounts,
        warnings: list[str],
    ) -> None:
        self.con = con
        self.options = options
        self.t = t
        self.info = info
        self.accounts = accounts
        self.warnings = warnings
        self.share = options.share
        self.results = {k: r for k, r in results.results.items() if not (self.share and _is_private(r))}
        self.private_custom = [k for k, r in results.results.items() if r.indicator.custom and k not in self.results]
        self.tz = results.tz
        self.tz_source = results.tz_source
        self.placed: set[str] = set()

    # -- values ------------------------------------------------------------------------------------------

    def res(self, ident: str) -> IndicatorResult | None:
        return self.results.get(ident)

    def claim(self, ident: str) -> IndicatorResult | None:
        """The indicator's result, marked as placed in a section (so it is not drawn again generically)."""
        r = self.results.get(ident)
        if r is not None:
            self.placed.add(ident)
        return r

    def unknown(self, title: str, r: IndicatorResult) -> Block:
        """A block saying why an indicator is unknown."""
        return Block("notes", title=title, notes=(self.t("why_unknown", reason=clean(self.why(r))),))

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
        return clean(r.indicator.title_fr if self.t.lang == "fr" else r.indicator.title)

    def why(self, r: IndicatorResult) -> str:
        """Why a value is unknown, in the report's language."""
        if self.t.lang == "fr" and r.reason and r.reason == r.indicator.limits:
            return r.indicator.limits_fr
        return self.t.reason(r.reason)

    def limits(self, r: IndicatorResult) -> str:
        """What the archive cannot tell for this indicator, in the report's language."""
        return r.indicator.limits_fr if self.t.lang == "fr" else r.indicator.limits

    def definition(self, r: IndicatorResult) -> str:
        return clean(r.indicator.definition_fr if self.t.lang == "fr" else r.indicator.definition)

    def fmt(self, r: IndicatorResult) -> str:
        """A number, share or text value in the report's language."""
        v, shape = r.value, r.indicator.shape
        if v is None:
            return self.t("unknown")
        if shape == "share" and isinstance(v, (int, float)):
            return self.t.share(v)
        if isinstance(v, bool):
            return self.t("yes") if v else self.t("no")
        if isinstance(v, int) and r.indicator.unit == "year":
            return str(v)
        if isinstance(v, (int, float)):
            if r.indicator.id == "following_followers_ratio" or r.indicator.unit == "ratio":
                return self.t.decimal(v, 2)
            return self.t.number(v)
        if isinstance(v, str) and _ISO_TIME.match(v):
            return self.t.date(v)
        return clean(self.accounts.text(str(v)), 120)

    # -- cards -------------------------------------------------------------------------------------------

    def card(self, ident: str, sentence: str | None = None, *, place: bool = True) -> Card | None:
        r = self.res(ident)
        if r is None or r.indicator.shape not in ("number", "share", "text"):
            return None
        if place:
            self.placed.add(ident)
        if sentence is None:
            key = f"c_{ident}"
            # A sentence with blanks to fill ({span}...) is only used by the caller that fills them.
            sentence = self.t(key) if self.t.has(key) and "{" not in self.t(key) else _short(self.definition(r))
        if r.value is None:
            return Card(ident, self.title(ident), self.t("unknown"), sentence,
                        note=self.t("why_unknown", reason=clean(self.why(r))), unknown=True)
        return Card(ident, self.title(ident), self.fmt(r), sentence, shape=r.indicator.shape)

    def cards(self, *items: Card | None, title: str = "", desc: str = "") -> Block | None:
        present = tuple(c for c in items if c is not None)
        return Block("cards", title=title, desc=desc, cards=present) if present else None

    # -- build -------------------------------------------------------------------------------------------

    def build(self) -> Report:
        t = self.t
        info = self.info
        sections = [
            self.section("network", self.network()),
            self.section("publishing", self.publishing()),
            self.section("relaying", self.relaying()),
            self.section("interaction", self.interaction()),
            self.section("buzz", self.buzz()),
            self.section("quality", self.quality()),
        ]
        custom = self.custom()
        if custom:
            sections.append(self.section("custom", custom))
        sections.append(self.section("methods", self.methods()))
        numbered = tuple(
            Section(s.id, str(i), s.title, s.intro, s.blocks) for i, s in enumerate(sections, start=1)
        )
        handle = shown_handle(info["username"])[0] if info.get("username") else ""
        # A shared report names its owner by handle only: the display name is free text, like a bio.
        display = "" if self.share and handle else clean_name(info.get("display_name") or "", 80)
        name = display or (f"@{handle}" if handle else clean(info.get("owner_id") or "", 40))
        who = f"@{handle}" if handle else name
        return Report(
            lang=t.lang,
            title=t("doc_title", who=who) if who else t("doc_title_anon"),
            kicker=t("kicker"),
            name=name or t("doc_title_anon"),
            handle=f"@{handle}" if handle and display else "",
            subtitle=t("subtitle"),
            facts=self.facts(),
            banners=self.banners(),
            verdict_title=t("verdict"),
            verdict=self.verdict(),
            sections=numbered,
            footer=t("generated", version=__version__, at=self.generated_at()),
            version=__version__,
        )

    def section(self, ident: str, blocks: Iterable[Block | None]) -> Section:
        key = {"methods": "s_methods", "custom": "s_custom"}.get(ident, f"s_{ident}")
        more = self.more(ident) if ident not in ("methods", "custom") else []
        present = tuple(b for b in [*blocks, *more] if b is not None)
        return Section(ident, "", self.t(key), self.t(key + "_intro"), present)

    def generated_at(self) -> str:
        at = self.options.generated_at
        if at.tzinfo is not None:
            return _utc(at).strftime("%Y-%m-%d %H:%M UTC")
        return at.strftime("%Y-%m-%d %H:%M")

    # -- header ------------------------------------------------------------------------------------------

    def facts(self) -> tuple[Fact, ...]:
        t, info = self.t, self.info
        facts = []
        if info.get("account_created_at"):
            facts.append(Fact(t("account_since"), t.date(_utc(info["account_created_at"]).strftime("%Y-%m-%d"))))
        if info.get("generated_at"):
            facts.append(Fact(t("archive_date"), t.date(_utc(info["generated_at"]).strftime("%Y-%m-%d"))))
        first, last = self.val("first_tweet_at"), self.val("last_tweet_at")
        if isinstance(first, str) and isinstance(last, str):
            facts.append(Fact(t("period"), t("from_to", first=t.date(first), last=t.date(last))))
        facts.append(Fact(t("time_zone"), self.tz_sentence()))
        if info.get("generation"):
            key = f"gen_{info['generation']}"
            facts.append(Fact(t("archive_kind"), t(key) if t.has(key) else clean(info["generation"], 40)))
        if not self.share:
            if info.get("email"):
                facts.append(Fact(t("email"), clean(info["email"], 120)))
            if info.get("phone_number"):
                facts.append(Fact(t("phone"), clean(info["phone_number"], 40)))
            if self.options.sample:  # the generated archive was in a temporary folder, gone by now
                facts.append(Fact(t("source"), t("sample_source")))
            elif info.get("source_path"):
                facts.append(Fact(t("source"), clean(info["source_path"], 200)))
        return tuple(facts)

    def tz_sentence(self) -> str:
        key = {"option": "tz_option", "archive": "tz_archive"}.get(self.tz_source, "tz_default")
        return self.t(key, tz=clean(self.tz, 60))

    def banners(self) -> tuple[tuple[str, str], ...]:
        t = self.t
        out = []
        if self.options.sample:
            out.append(("sample", t("sample_banner")))
        if self.share:
            text = t("share_banner") + " " + (t("share_banner_handles") if self.options.keep_handles else t("share_banner_anon"))
            out.append(("share", text))
        else:
            out.append(("private", t("owner_banner")))
        return tuple(out)

    def verdict(self) -> tuple[str, ...]:
        t = self.t
        lines = []
        tpd, active, span = self.num("tweets_per_day"), self.num("active_days"), self.num("span_days")
        if tpd is not None and active is not None and span:
            lines.append(t("v_pace", tpd=t.number(tpd), active=t.integer(active), span=t.integer(span)))
        conv = self.num("conversation_share")
        if conv is not None:
            key = "v_conv_high" if conv >= CONVERSATION_HIGH else "v_conv_mid" if conv >= CONVERSATION_LOW else "v_conv_low"
            lines.append(t(key, share=t.share(conv)))
        top10 = self.num("engagement_top10_share")
        if top10 is not None:
            key = "v_buzz_high" if top10 > BUZZ_HIGH else "v_buzz_mid" if top10 >= BUZZ_LOW else "v_buzz_low"
            lines.append(t(key, share=t.share(top10)))
        mutual, interacted = self.num("mutual_share"), self.num("followers_interacted_share")
        if mutual is not None and interacted is not None:
            lines.append(t("v_friends", mutual=t.share(mutual), interacted=t.share(interacted)))
        elif mutual is not None:
            lines.append(t("v_friends_only", mutual=t.share(mutual)))
        ratio = self.num("following_followers_ratio")
        if ratio is not None:
            lines.append(t("v_ratio", ratio=t.decimal(ratio, 2)))
        return tuple(lines) or (t("verdict_none"),)

    # -- 1. network --------------------------------------------------------------------------------------

    def network(self) -> list[Block | None]:
        t = self.t
        ratio = self.num("following_followers_ratio")
        if ratio is None:
            ratio_sentence = t("c_ratio")
        elif ratio > RATIO_HIGH:
            ratio_sentence = t("c_ratio_high")
        elif ratio < RATIO_VERY_LOW:
            ratio_sentence = t("c_ratio_very_low")
        elif ratio < RATIO_LOW:
            ratio_sentence = t("c_ratio_low")
        else:
            ratio_sentence = t("c_ratio_mid")
        return [
            self.cards(
                self.card("followers"),
                self.card("following"),
                self.card("mutuals"),
                self.card("following_followers_ratio", ratio_sentence),
                self.card("mutual_share"),
            )
        ]

    # -- 2. publishing -----------------------------------------------------------------------------------

    def publishing(self) -> list[Block | None]:
        t = self.t
        span = self.num("span_days")
        first, last = self.val("first_tweet_at"), self.val("last_tweet_at")
        span_sentence = (
            t("c_span_days", first=t.date(first), last=t.date(last))
            if isinstance(first, str) and isinstance(last, str) else None
        )
        for ident in ("first_tweet_at", "last_tweet_at"):
            if ident in self.results:
                self.placed.add(ident)
        blocks: list[Block | None] = [
            self.cards(
                self.card("tweets_per_day"),
                self.card("tweets_total"),
                self.card("active_days", t("c_active_days", span=t.integer(span)) if span else t("c_active_days_plain")),
                self.card("span_days", span_sentence),
                self.card("longest_streak_days"),
                self.card("weeks_active_share"),
            ),
            self.timeline(),
            self.heatmap(),
            self.mix(),
            self.cards(
                self.card("original_tweets"),
                self.card("replies_made"),
                self.card("self_replies"),
                self.card("media_share"),
                self.card("link_share"),
            ),
            self.share_table("clients", "client", t("clients"), t("client")),
            self.share_table("languages", "lang", t("languages"), t("language")),
        ]
        return blocks

    def months_axis(self) -> list[str]:
        """Every month from the first to the last with tweets or engagement figures (gaps filled)."""
        keys = set()
        series = self.val("tweets_per_month")
        if isinstance(series, dict):
            keys |= {k for k in series if _MONTH.match(k)}
        keys |= {str(r.get("month")) for r in self.rows("engagement_per_month") if _MONTH.match(str(r.get("month")))}
        if not keys:
            return []
        last = max(keys)
        # At most MAX_MONTHS bars: a tweet dated 1970 by a broken client must not draw fifty empty years.
        y, m = int(last[:4]), int(last[5:])
        first = max(min(keys), f"{y - MAX_MONTHS // 12:04d}-{m:02d}")
        y, m = int(first[:4]), int(first[5:])
        out = []
        while f"{y:04d}-{m:02d}" <= last and len(out) <= MAX_MONTHS:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def month_ticks(self, months: Sequence[str]) -> list[tuple[int, str]]:
        n = len(months)
        if n <= 12:
            return [(i, self.t.month(k)) for i, k in enumerate(months)]
        if n <= 36:
            return [(i, self.t.month(k)) for i, k in enumerate(months) if int(k[5:]) in (1, 7) or i == 0]
        years = n / 12
        every = max(1, -(-int(years) // 14))
        return [
            (i, k[:4]) for i, k in enumerate(months)
            if (k.endswith("-01") or (i == 0 and int(k[5:]) <= 6)) and int(k[:4]) % every == 0
        ]

    def buzz_marks(self, months: Sequence[str]) -> dict[int, str]:
        t = self.t
        by_month: dict[str, list[str]] = {}
        days = sorted(
            (str(r.get("day")), r.get("engagement")) for r in self.rows("buzz_days")
            if re.match(r"^\d{4}-\d{2}-\d{2}$", str(r.get("day") or ""))
        )
        for day, engagement in days:
            label = t.date(day) + (f" ({t.integer(engagement)})" if isinstance(engagement, (int, float)) else "")
            by_month.setdefault(day[:7], []).append(label)
        index = {k: i for i, k in enumerate(months)}
        return {index[m]: f"{t('buzz_days')}: " + ", ".join(labels) for m, labels in by_month.items() if m in index}

    def timeline(self) -> Block | None:
        t = self.t
        r = self.res("tweets_per_month")
        if r is None:
            return None
        self.placed.add("tweets_per_month")
        if r.value is None:
            return Block("notes", title=t("timeline"), notes=(t("why_unknown", reason=clean(self.why(r))),))
        months = self.months_axis()
        series = r.value if isinstance(r.value, dict) else {}
        if not months:
            return Block("notes", title=t("timeline"), notes=(t("empty"),))
        values = [float(series.get(k, 0) or 0) for k in months]
        marks = self.buzz_marks(months)
        titles = [f"{t.month(k)}: {t.integer(v)} {t('tweets').lower()}" for k, v in zip(months, values)]
        chart = charts.column_chart(values, titles, self.month_ticks(months), t.axis, marked=marks, title=t("timeline"), integers=True)
        table = Table(
            (t("month"), t("tweets")),
            (False, True),
            tuple((Cell(t.month(k)), Cell(t.integer(v or 0), numeric=True)) for k, v in sorted(series.items())),
        )
        desc = (t("timeline_desc") if marks else t("timeline_desc_plain")) + " " + t("utc_note")
        return Block("chart", title=t("timeline"), desc=desc, chart=chart, table=table)

    def heatmap(self) -> Block | None:
        t = self.t
        r = self.res("activity_heatmap")
        if r is None:
            return None
        self.placed.add("activity_heatmap")
        tz = self.tz_sentence()
        if r.value is None:
            return Block("notes", title=t("heatmap"), notes=(t("why_unknown", reason=clean(self.why(r))),))
        counts: dict[tuple[int, int], float] = {}
        for row in self.rows("activity_heatmap"):
            d, h, n = row.get("weekday"), row.get("hour"), row.get("tweets")
            if isinstance(d, int) and isinstance(h, int) and isinstance(n, (int, float)) and 0 <= d < 7 and 0 <= h < 24:
                counts[(d, h)] = counts.get((d, h), 0) + n
        if not counts:
            return Block("notes", title=t("heatmap"), notes=(t("empty"),))

        def title(d: int, h: int, n: float) -> str:
            return f"{t.weekday(d)} {h:02d}:00–{(h + 1) % 24:02d}:00: {t.integer(n)} {t('tweets').lower()}"

        grid = charts.heatmap(counts, [t.weekday(d) for d in range(7)], [str(h) for h in range(24)], title,
                              title=t("heatmap"))
        table = Table(
            (t("weekday"), *[f"{h}" for h in range(24)]),
            (False, *[True] * 24),
            tuple(
                (Cell(t.weekday(d)), *[Cell(t.integer(counts.get((d, h), 0)), numeric=True) for h in range(24)])
                for d in range(7)
            ),
        )
        desc = t("heatmap_desc", tz=tz)
        undated = self.tweets_without_time()
        if undated:
            desc += " " + t("heatmap_no_time", n=t.integer(undated))
        return Block("heatmap", title=t("heatmap"), desc=desc, heatmap=grid, table=table)

    def tweets_without_time(self) -> int:
        """Tweets stamped exactly midnight UTC when many are: old Grailbird tweets carry a date but no time."""
        try:
            row = self.con.execute(
                "select count(*) filter (where epoch(created_at)::bigint % 86400 = 0), count(created_at) from tweets"
            ).fetchone()
        except duckdb.Error:
            return 0
        midnight, total = (row or (0, 0))
        # By chance about 1 tweet in 86,400 is posted at 00:00:00 exactly; far more means missing times.
        return int(midnight) if total and midnight > max(10, total / 100) else 0

    def mix(self) -> Block | None:
        t = self.t
        r = self.res("tweet_types_per_month")
        if r is None:
            return None
        self.placed.add("tweet_types_per_month")
        if r.value is None:
            return Block("notes", title=t("mix"), notes=(t("why_unknown", reason=clean(self.why(r))),))
        rows = [row for row in self.rows("tweet_types_per_month") if _MONTH.match(str(row.get("month")))]
        if not rows:
            return Block("notes", title=t("mix"), notes=(t("empty"),))
        per_year = len(rows) > 60
        periods: dict[str, list[float]] = {}
        for row in sorted(rows, key=lambda x: str(x["month"])):
            key = str(row["month"])[:4] if per_year else str(row["month"])
            acc = periods.setdefault(key, [0.0] * len(TWEET_TYPES))
            for j, kind in enumerate(TWEET_TYPES):
                v = row.get(kind)
                acc[j] += v if isinstance(v, (int, float)) else 0
        keys = list(periods)
        names = [t(f"t_{k}") for k in TWEET_TYPES]

        def label(k: str) -> str:
            return k if per_year else t.month(k)

        titles = []
        for k in keys:
            total = sum(periods[k]) or 1
            titles.append([f"{label(k)}, {names[j]}: {t.integer(v)} ({t.share(v / total)})" for j, v in enumerate(periods[k])])
        if per_year:
            ticks = [(i, k) for i, k in enumerate(keys)]
            if len(keys) > 16:
                ticks = [(i, k) for i, k in enumerate(keys) if int(k) % 2 == 0]
        else:
            ticks = self.month_ticks(keys)
        chart = charts.stacked_share_chart([periods[k] for k in keys], titles, ticks, names, t.share, title=t("mix"))
        table = Table(
            (t("year") if per_year else t("month"), *names, t("total")),
            (False, *[True] * (len(TWEET_TYPES) + 1)),
            tuple(
                (Cell(label(k)), *[Cell(t.integer(v), numeric=True) for v in periods[k]],
                 Cell(t.integer(sum(periods[k])), numeric=True))
                for k in keys
            ),
        )
        desc = t("mix_desc", period=t("per_year") if per_year else t("per_month"))
        return Block("chart", title=t("mix"), desc=desc, chart=chart, table=table)

    def share_table(self, ident: str, key: str, title: str, heading: str) -> Block | None:
        t = self.t
        r = self.claim(ident)
        if r is None:
            return None
        if r.value is None:
            return self.unknown(title, r)
        rows = self.rows(ident)[:MAX_TABLE_ROWS]
        if not rows:
            return Block("notes", title=title, notes=(t("empty"),))
        top = max((x.get("share") or 0 for x in rows), default=0)
        names = LANGUAGE_NAMES[t.lang]
        cells = []
        for x in rows:
            name = clean(x.get(key), 80) if x.get(key) is not None else "–"
            sub = ""
            if ident == "languages" and name in names:
                name, sub = names[name], name
            share = x.get("share")
            cells.append((
                Cell(name, sub=sub),
                Cell(t.integer(x.get("tweets") or 0), numeric=True),
                Cell(t.share(share) if isinstance(share, (int, float)) else "–", numeric=True,
                     bar=charts.share_width(share, top) if isinstance(share, (int, float)) else None),
            ))
        table = Table((heading, t("tweets"), t("share")), (False, True, True), tuple(cells))
        return Block("table", title=title, desc=self.definition(r), table=table)

    # -- 3. relaying -------------------------------------------------------------------------------------

    def relaying(self) -> list[Block | None]:
        t = self.t
        return [
            self.cards(
                self.card("retweets_made"),
                self.card("retweets_received"),
                self.card("likes_received"),
                self.card("likes_given"),
                self.card("quotes_made"),
            ),
            self.top_tweets("top_tweets_by_retweets", t("top_rt")),
            self.top_tweets("top_tweets_by_likes", t("top_likes")),
            self.relayed_accounts(),
        ]

    def expanded_urls(self, tweet_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
        """t.co address -> display address for the given tweets, to make their texts readable."""
        if not tweet_ids:
            return {}
        try:
            rows = self.con.execute(
                "select tweet_id, url, display_url from tweet_urls where tweet_id in (select unnest(?::varchar[])) "
                "and url is not null and display_url is not null order by tweet_id, url",
                [list(tweet_ids)],
            ).fetchall()
        except duckdb.Error:
            return {}
        out: dict[str, list[tuple[str, str]]] = {}
        for tweet_id, url, display in rows:
            out.setdefault(str(tweet_id), []).append((str(url), str(display)))
        return out

    def top_tweets(self, ident: str, title: str) -> Block | None:
        t = self.t
        r = self.claim(ident)
        if r is None:
            return None
        if r.value is None:
            return self.unknown(title, r)
        rows = self.rows(ident)[:MAX_TABLE_ROWS]
        if not rows:
            return Block("notes", title=title, notes=(t("empty"),))
        urls = self.expanded_urls([str(x.get("tweet_id")) for x in rows if x.get("tweet_id") is not None])
        items = []
        for x in rows:
            tweet_id = str(x.get("tweet_id") or "")
            text = str(x.get("full_text") or "")
            for short, display in urls.get(tweet_id, []):
                text = text.replace(short, display)
            href = web_link(x.get("url")) or (f"https://x.com/i/web/status/{tweet_id}" if tweet_id.isdigit() else "")
            created = x.get("created_at")
            likes, retweets = x.get("likes"), x.get("retweets")
            items.append(TweetItem(
                text=clean(self.accounts.text(text), MAX_TEXT),
                date=t.date(created) if isinstance(created, str) else "",
                likes=t.integer(likes) if isinstance(likes, (int, float)) else "–",
                likes_word=t("like_word") if likes == 1 else t("likes_word"),
                retweets=t.integer(retweets) if isinstance(retweets, (int, float)) else "–",
                retweets_word=t("retweet_word") if retweets == 1 else t("retweets_word"),
                href=href,
            ))
        return Block("tweets", title=title, desc=self.definition(r), tweets=tuple(items))

    def relayed_accounts(self) -> Block | None:
        t = self.t
        ident = "top_retweeted_accounts"
        r = self.claim(ident)
        if r is None:
            return None
        title = t("top_relayed_accounts")
        if r.value is None:
            return self.unknown(title, r)
        rows = self.rows(ident)[:MAX_TABLE_ROWS]
        if not rows:
            return Block("notes", title=title, notes=(t("empty"),))
        top = max((x.get("retweets") or 0 for x in rows), default=0)
        cells = tuple(
            (self.accounts.label(x.get("account_id"), x.get("screen_name")),
             Cell(t.integer(x.get("retweets") or 0), numeric=True, bar=charts.share_width(x.get("retweets"), top)))
            for x in rows
        )
        return Block("table", title=title, desc=self.definition(r),
                     table=Table((t("account_col"), t("retweets")), (False, True), cells))

    # -- 4. interaction ----------------------------------------------------------------------------------

    def interaction(self) -> list[Block | None]:
        return [
            self.cards(
                self.card("conversation_share"),
                self.card("followers_interacted_share"),
                self.card("interacted_accounts"),
                self.card("followers_never_interacted"),
                self.card("mutuals_never_interacted"),
            ),
            self.funnel(),
            self.partners(),
            self.cards(
                self.card("followers_interacted"),
                self.card("dm_conversations_count"),
                self.card("dm_partners_count"),
                self.card("followers_dm_partners"),
            ),
        ]

    def funnel(self) -> Block | None:
        t = self.t
        followers = self.num("followers")
        steps_def = [("followers", "f_followers"), ("mutuals", "f_mutuals"), ("followers_interacted", "f_interacted")]
        if not self.share:
            steps_def.append(("followers_dm_partners", "f_dm"))
        if followers is None:
            r = self.res("followers")
            reason = clean(self.why(r)) if r is not None else t("unknown")
            return Block("notes", title=t("funnel"), notes=(t("why_unknown", reason=reason),))
        steps = []
        for ident, key in steps_def:
            if ident not in self.results:
                continue
            v = self.num(ident)
            if v is None:
                reason = clean(self.why(self.results[ident]))
                steps.append(FunnelStep(t(key), t("unknown"), reason, 0.0, unknown=True))
                continue
            share = v / followers if followers else None
            steps.append(FunnelStep(
                t(key), t.integer(v),
                t("of_followers", share=t.share(share)) if share is not None else "",
                charts.share_width(v, followers),
            ))
        return Block("funnel", title=t("funnel"), desc=t("funnel_desc"), funnel=tuple(steps))

    def partners(self) -> Block | None:
        t = self.t
        ident = "top_conversation_partners"
        r = self.claim(ident)
        if r is None:
            return None
        title = t("partners")
        if r.value is None:
            return self.unknown(title, r)
        rows = self.rows(ident)[:MAX_TABLE_ROWS]
        if not rows:
            return Block("notes", title=title, notes=(t("empty"),))

        def yes_no(v: Any) -> Cell:
            return Cell("–" if v is None else t("yes") if v else t("no"))

        top = max((x.get("total") or 0 for x in rows), default=0)
        cells = tuple(
            (
                self.accounts.label(x.get("account_id"), x.get("screen_name")),
                Cell(t.integer(x.get("replies") or 0), numeric=True),
                Cell(t.integer(x.get("mentions") or 0), numeric=True),
                Cell(t.integer(x.get("total") or 0), numeric=True, bar=charts.share_width(x.get("total"), top)),
                yes_no(x.get("is_follower")),
                yes_no(x.get("you_follow")),
            )
            for x in rows
        )
        table = Table(
            (t("account_col"), t("replies"), t("mentions"), t("total"), t("is_follower"), t("you_follow")),
            (False, True, True, True, False, False),
            cells,
        )
        return Block("table", title=title, desc=self.definition(r), table=table)

    # -- 5. buzz -----------------------------------------------------------------------------------------

    def buzz(self) -> list[Block | None]:
        t = self.t
        top10 = self.num("engagement_top10_share")
        gini = self.num("engagement_gini")
        top10_sentence = None
        if top10 is not None:
            top10_sentence = t("c_engagement_top10_share") + " " + t(
                "buzz_high" if top10 > BUZZ_HIGH else "buzz_mid" if top10 >= BUZZ_LOW else "buzz_low"
            )
        gini_sentence = None
        if gini is not None:
            gini_sentence = t("c_engagement_gini") + " " + t("gini_high" if gini >= GINI_HIGH else "gini_low")
        return [
            self.cards(
                self.card("engagement_top10_share", top10_sentence),
                self.card("engagement_gini", gini_sentence),
                self.card("engagement_last_12_months_share"),
            ),
            self.engagement_chart(),
            self.buzz_days(),
        ]

    def engagement_chart(self) -> Block | None:
        t = self.t
        ident = "engagement_per_month"
        r = self.claim(ident)
        if r is None:
            return None
        title = t("engagement_chart")
        if r.value is None:
            return self.unknown(title, r)
        rows = {str(x.get("month")): x for x in self.rows(ident)}
        months = self.months_axis()
        if not rows or not months or all(x.get("engagement_per_tweet") is None for x in rows.values()):
            reason = clean(self.limits(r)) if r.indicator.limits else t("empty")
            return Block("notes", title=title, notes=(t("none_yet", reason=reason.rstrip(".")),))
        values, titles = [], []
        for k in months:
            x = rows.get(k, {})
            v = x.get("engagement_per_tweet")
            v = float(v) if isinstance(v, (int, float)) else 0.0
            values.append(v)
            titles.append(f"{t.month(k)}: {t.number(v)} ({t.integer(x.get('own_tweets') or 0)} {t('own_tweets').lower()})")
        marks = self.buzz_marks(months)
        chart = charts.column_chart(values, titles, self.month_ticks(months), t.axis, marked=marks, title=title)

        def n(v: Any) -> Cell:
            if isinstance(v, float) and not v.is_integer():
                return Cell(t.number(v), numeric=True)
            return Cell(t.integer(v) if isinstance(v, (int, float)) else "–", numeric=True)

        table = Table(
            (t("month"), t("own_tweets"), t("likes"), t("retweets"), t("engagement_per_tweet")),
            (False, True, True, True, True),
            tuple(
                (Cell(t.month(k)), n(rows[k].get("own_tweets")), n(rows[k].get("likes")), n(rows[k].get("retweets")),
                 n(rows[k].get("engagement_per_tweet")))
                for k in months if k in rows
            ),
        )
        return Block("chart", title=title, desc=t("engagement_chart_desc") + " " + t("utc_note"), chart=chart, table=table)

    def buzz_days(self) -> Block | None:
        t = self.t
        ident = "buzz_days"
        r = self.claim(ident)
        if r is None:
            return None
        title = t("buzz_days")
        if r.value is None:
            return self.unknown(title, r)
        rows = self.rows(ident)[:MAX_TABLE_ROWS]
        if not rows:
            reason = clean(self.limits(r)) if r.indicator.limits and self.num("likes_received") is None else t("empty")
            return Block("notes", title=title, notes=(reason if reason != t("empty") else t("no_buzz_days"),))
        top = max((x.get("engagement") or 0 for x in rows), default=0)
        cells = tuple(
            (
                Cell(t.date(str(x.get("day") or ""))),
                Cell(t.integer(x.get("tweets") or 0), numeric=True),
                Cell(t.integer(x.get("engagement") or 0), numeric=True, bar=charts.share_width(x.get("engagement"), top)),
                Cell(t.number(x["threshold"]) if isinstance(x.get("threshold"), (int, float)) else "–", numeric=True),
            )
            for x in rows
        )
        table = Table((t("day"), t("tweets"), t("engagement"), t("threshold")), (False, True, True, True), cells)
        return Block("table", title=title, desc=t("buzz_days_desc") + " " + self.definition(r), table=table)

    # -- 6. quality --------------------------------------------------------------------------------------

    def quality(self) -> list[Block | None]:
        t = self.t
        blocks: list[Block | None] = [
            self.cards(
                self.card("mutual_share", place=False),
                self.card("followers_interacted_share", place=False),
                self.card("new_accounts_share"),
                self.card("followers_median_account_year"),
                self.card("followers_undated"),
            ),
            self.account_age(),
        ]
        fit: list[Card | None] = []
        hints: list[str] = []
        for ident, param in (
            ("topic_tweets_share", "topic"), ("topic_engagement_ratio", "topic"),
            ("site_tweets", "site"), ("site_engagement_ratio", "site"),
        ):
            r = self.res(ident)
            if r is None:
                continue
            if r.value is None and param in r.indicator.params and r.reason.startswith("no --"):
                self.placed.add(ident)
                hint = t(f"fit_hint_{param}")
                if hint not in hints:
                    hints.append(hint)
            else:
                fit.append(self.card(ident))
        blocks.append(self.cards(*fit, title=t("fit")))
        if hints:
            blocks.append(Block("notes", title="" if any(fit) else t("fit"), notes=tuple(hints)))
        return blocks

    def account_age(self) -> Block | None:
        t = self.t
        ident = "follower_account_age"
        r = self.claim(ident)
        if r is None:
            return None
        title = t("account_age")
        if r.value is None:
            return self.unknown(title, r)
        rows = self.rows(ident)
        dated = sorted((x for x in rows if isinstance(x.get("year"), int)), key=lambda x: x["year"])
        undated = sum(x.get("followers") or 0 for x in rows if x.get("year") is None)
        if not dated and not undated:
            return Block("notes", title=title, notes=(t("empty"),))
        desc = t("account_age_desc", undated=t.integer(undated)) if undated else t("account_age_desc_plain")
        table_rows = [(Cell(str(x["year"])), Cell(t.integer(x.get("followers") or 0), numeric=True)) for x in dated]
        if undated:
            table_rows.append((Cell(t("undated")), Cell(t.integer(undated), numeric=True)))
        table = Table((t("year"), t("followers")), (False, True), tuple(table_rows))
        if not dated:
            return Block("table", title=title, desc=desc, table=table)
        years = list(range(dated[0]["year"], dated[-1]["year"] + 1))
        by_year = {x["year"]: x.get("followers") or 0 for x in dated}
        values = [float(by_year.get(y, 0)) for y in years]
        titles = [f"{y}: {t.integer(v)} {t('followers').lower()}" for y, v in zip(years, values)]
        ticks = [(i, str(y)) for i, y in enumerate(years) if len(years) <= 16 or y % 2 == 0]
        chart = charts.column_chart(values, titles, ticks, t.axis, title=title, height=200, integers=True)
        return Block("chart", title=title, desc=desc, chart=chart, table=table)

    # -- indicators placed nowhere above, custom indicators ------------------------------------------------

    def more(self, section: str) -> list[Block | None]:
        mapping = {"fit": "quality"}
        pending = [
            r for k, r in self.results.items()
            if k not in self.placed and not r.indicator.custom
            and mapping.get(r.indicator.section, r.indicator.section) == section
        ]
        for r in pending:
            self.placed.add(r.indicator.id)
        return self.generic(pending, more=True)

    def custom(self) -> list[Block | None]:
        pending = [r for r in self.results.values() if r.indicator.custom]
        left_out = sorted(i for i in self.private_custom)
        if not pending and not left_out:
            return []
        for r in pending:
            self.placed.add(r.indicator.id)
        blocks = self.generic(pending)
        if left_out:
            blocks.append(Block("notes", notes=(self.t("custom_private_left_out", ids=", ".join(left_out)),)))
        return blocks

    def generic(self, results: Sequence[IndicatorResult], *, more: bool = False) -> list[Block | None]:
        """Any indicator drawn by its shape alone: numbers as cards, a series as columns, a table as a table."""
        t = self.t
        blocks: list[Block | None] = []
        cards = [self.card(r.indicator.id, _short(self.definition(r))) for r in results
                 if r.indicator.shape in ("number", "share", "text")]
        blocks.append(self.cards(*cards, title=t("more") if more and cards else ""))
        for r in results:
            if r.indicator.shape == "series":
                blocks.append(self.generic_series(r))
            elif r.indicator.shape == "table":
                blocks.append(self.generic_table(r))
        return blocks

    def generic_series(self, r: IndicatorResult) -> Block:
        t = self.t
        title = self.title(r.indicator.id)
        if r.value is None:
            return self.unknown(title, r)
        items = list(r.value.items()) if isinstance(r.value, dict) else []
        if not items:
            return Block("notes", title=title, desc=self.definition(r), notes=(t("empty"),))
        shown = items[:MAX_TABLE_ROWS]
        note = t("rows", n=t.integer(len(items))) if len(items) > len(shown) else ""
        table = Table(
            ("", t("value")), (False, True),
            tuple((Cell(clean(self.accounts.text(str(k)), 80)), self.value_cell(v, "value")) for k, v in shown),
            note=note,
        )
        numeric = all(isinstance(v, (int, float)) and not isinstance(v, bool) for _, v in items)
        if not numeric or len(items) > MAX_SERIES_BARS:
            return Block("table", title=title, desc=self.definition(r), table=table)
        values = [float(v) for _, v in items]
        titles = [f"{clean(self.accounts.text(str(k)), 60)}: {t.number(v)}" for k, v in items]
        step = max(1, -(-len(items) // 12))
        ticks = [(i, clean(self.accounts.text(str(k)), 12)) for i, (k, _) in enumerate(items) if i % step == 0]
        chart = charts.column_chart(values, titles, ticks, t.axis, title=title)
        return Block("chart", title=title, desc=self.definition(r), chart=chart, table=table)

    def generic_table(self, r: IndicatorResult) -> Block:
        t = self.t
        title = self.title(r.indicator.id)
        if r.value is None:
            return self.unknown(title, r)
        rows = [x for x in r.value if isinstance(x, dict)] if isinstance(r.value, list) else []
        if not rows:
            return Block("notes", title=title, desc=self.definition(r), notes=(t("empty"),))
        columns = list(rows[0].keys())
        id_cols = [c for c in columns if c in ("account_id", "user_id") or c.endswith(("_account_id", "_user_id"))]
        name_cols = [c for c in columns if c in ("screen_name", "handle", "username")
                     or c.endswith(("screen_name", "_handle", "_username"))]
        display_cols = [c for c in columns if c in ("name", "display_name") or c.endswith("_display_name")]
        account_cols = id_cols + name_cols + (display_cols if id_cols or name_cols else [])
        shown_cols = [c for c in columns if c not in account_cols]
        has_account = bool(account_cols)
        headings = ([t("account_col")] if has_account else []) + [clean(c, 40) for c in shown_cols]
        numeric = ([False] if has_account else []) + [
            all(isinstance(x.get(c), (int, float)) and not isinstance(x.get(c), bool) for x in rows if x.get(c) is not None)
            and any(x.get(c) is not None for x in rows)
            for c in shown_cols
        ]
        body = []
        for x in rows[:MAX_TABLE_ROWS]:
            cells = []
            if has_account:
                account_id = next((x.get(c) for c in id_cols if x.get(c) not in (None, "")), None)
                name = next((x.get(c) for c in name_cols if x.get(c) not in (None, "")), None)
                display = next((x.get(c) for c in display_cols if x.get(c) not in (None, "")), None)
                cells.append(self.accounts.label(account_id, name, display))
            cells += [self.value_cell(x.get(c), c) for c in shown_cols]
            body.append(tuple(cells))
        note = t("rows", n=t.integer(len(rows))) if len(rows) > MAX_TABLE_ROWS else ""
        table = Table(tuple(headings), tuple(numeric), tuple(body), note=note)
        return Block("table", title=title, desc=self.definition(r), table=table)

    def value_cell(self, v: Any, column: str) -> Cell:
        t = self.t
        if v is None:
            return Cell("–")
        if isinstance(v, bool):
            return Cell(t("yes") if v else t("no"))
        if isinstance(v, (int, float)):
            if "share" in column and isinstance(v, float) and 0 <= v <= 1:
                return Cell(t.share(v), numeric=True)
            if column in ("year",) and isinstance(v, int):
                return Cell(str(v), numeric=True)
            return Cell(t.number(v), numeric=True)
        if isinstance(v, (list, dict)):
            return Cell(clean(self.accounts.text(str(v)), 120))
        s = str(v)
        if _ISO_TIME.match(s):
            return Cell(t.date(s))
        href = web_link(s) if ("url" in column or "link" in column) and not self.accounts.anonymize else ""
        return Cell(clean(self.accounts.text(s), MAX_TEXT), href=href)

    # -- 7. methods --------------------------------------------------------------------------------------

    def methods(self) -> list[Block | None]:
        t = self.t
        rows = []
        for ident, r in self.results.items():
            if r.value is None:
                value = Cell(t("unknown"), sub=clean(self.why(r)))
            elif r.indicator.shape in ("series", "table"):
                n = len(r.value) if isinstance(r.value, (list, dict)) else 0
                value = Cell(t("see_above") if ident in self.placed else t("rows", n=t.integer(n)),
                             sub=t("rows", n=t.integer(n)) if ident in self.placed else "")
            else:
                value = Cell(self.fmt(r))
            definition = self.definition(r)
            limits = clean(self.limits(r))
            rows.append((Cell(self.title(ident), sub=ident), value, Cell(definition, sub=limits)))
        blocks: list[Block | None] = [
            Block("table", title=t("indicators"),
                  table=Table((t("indicator"), t("value"), t("definition")), (False, False, False), tuple(rows), cls="methods"))
        ]
        blocks.append(self.files())
        warnings = [clean(w, 400) for w in self.warnings if not (self.share and _mentions_private(w))]
        blocks.append(Block("notes", title=t("warnings"), notes=tuple(warnings) or (t("no_warnings"),)))
        blocks.append(Block("notes", title=t("limits"), notes=(t("limit_1"), t("limit_2"), t("limit_3"))))
        return blocks

    def files(self) -> Block | None:
        t = self.t
        try:
            rows = self.con.execute(
                "select path, data_type, items_read, manifest_count, status from archive_files order by path"
            ).fetchall()
        except duckdb.Error:
            return None
        if not rows:
            return None
        body = []
        for path, data_type, items, manifest, status in rows[: MAX_TABLE_ROWS * 3]:
            private = self.share and data_type in PRIVATE_TYPES
            status_key = f"status_{status}"
            body.append((
                Cell(clean(path, 200), sub=clean(data_type or "", 60)),
                Cell(t("left_out") if private else (t.integer(items) if items is not None else "–"), numeric=True),
                Cell(t("left_out") if private else (t.integer(manifest) if manifest is not None else "–"), numeric=True),
                Cell(t(status_key) if t.has(status_key) else clean(status, 40)),
            ))
        note = t("rows", n=t.integer(len(rows))) if len(rows) > len(body) else ""
        table = Table((t("file"), t("items"), t("manifest"), t("status")), (False, True, True, False), tuple(body), note=note)
        return Block("table", title=t("files"), table=table)


def _short(definition: str, limit: int = 150) -> str:
    """A card's sentence from a long SQL definition: up to its first aside, else cut (the full text is in part 7)."""
    if len(definition) <= limit:
        return definition
    cuts = [i for i in (definition.find(" ("), definition.find("; "), definition.find(": ")) if 20 <= i <= limit]
    if cuts:
        return definition[: min(cuts)].rstrip(" ,") + "."
    return definition[:limit].rsplit(" ", 1)[0] + "…"


def _mentions_private(warning: str) -> bool:
    w = warning.lower()
    return any(k in w for k in ("direct-message", "direct_message", "phone", "email", "ip-audit", "device-token"))
