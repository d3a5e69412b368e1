"""Find indicator `.sql` files, check them, run them over a loaded archive, return plain data.

An indicator is one `.sql` file whose name is its id, with a comment header:

    -- title: Followers | Abonnés
    -- shape: number            (number, share, text, series or table)
    -- unit: accounts           (optional)
    -- section: network         (network, publishing, relaying, interaction, buzz, quality, fit, custom)
    -- needs: follower          (data types that must be in the archive, else the value is null;
                                 `engagement` means every own tweet has like and retweet counts)
    -- params: topic            (optional: topic, site; without the option the value is null)
    -- definition: One line in English.
    -- definition_fr: One line in French (optional).
    -- limits: Why the archive may not tell (optional); limits_fr: the same in French.

A number, share or text indicator returns one row with a `value` column; a series returns `key, value`
rows; a table returns any columns.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import decimal
import math
import queue
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from roost.errors import RoostError
from roost.options import Options
from roost.resources import indicators_dir

SHAPES = ("number", "share", "text", "series", "table")
SECTIONS = ("strategy", "network", "publishing", "relaying", "interaction", "buzz", "quality", "fit", "custom")
CORE_IDS = (
    "followers",
    "following",
    "mutuals",
    "following_followers_ratio",
    "mutual_share",
    "likes_given",
    "tweets_total",
    "retweets_made",
    "replies_made",
    "self_replies",
    "quotes_made",
    "original_tweets",
    "retweets_received",
    "likes_received",
    "first_tweet_at",
    "last_tweet_at",
    "span_days",
    "active_days",
    "tweets_per_day",
    "tweets_per_month",
    "interacted_accounts",
    "followers_interacted",
    "followers_interacted_share",
    "conversation_share",
    "engagement_top10_share",
)
_PRIVATE_NAMES = re.compile(r"(?i)(dm_\w*|raw_\w*|direct_message\w*|e_?mail\w*|phone\w*|ip_audit|contact)")
_HEADER = re.compile(r"^--\s*([a-z_]+)\s*:\s*(.*?)\s*$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Indicator:
    """An indicator definition read from its `.sql` file."""

    id: str
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
    sql: str
    path: Path
    custom: bool = False

    @property
    def reads_private(self) -> bool:
        """Whether the query names private data (direct messages, raw files, e-mail, phone): a shared report
        leaves such a custom indicator out."""
        return bool(_PRIVATE_NAMES.search(self.sql))


    def definition_record(self) -> dict[str, Any]:
        """What the report needs to know of this indicator besides its value (plain data, JSON-ready)."""
        return {
            "title": self.title, "title_fr": self.title_fr, "shape": self.shape, "unit": self.unit,
            "section": self.section, "needs": list(self.needs), "params": list(self.params),
            "definition": self.definition, "definition_fr": self.definition_fr, "limits": self.limits,
            "limits_fr": self.limits_fr, "custom": self.custom, "reads_private": self.custom and self.reads_private,
        }


# Why a value is unknown, as a code with arguments; each language says it in its own words (roost.i18n).
MISSING_DATA = "missing_data"  # args: needs, the data the archive lacks
NEEDS_OPTION = "needs_option"  # args: option, the command-line option not given
LIMITS = "limits"  # the indicator's own `limits:` header says why
NOT_COMPUTABLE = "not_computable"


@dataclass(frozen=True)
class Reason:
    """Why an indicator's value is unknown: a code and its arguments."""

    code: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator's value (None when the archive cannot tell) and why it is unknown."""

    indicator: Indicator
    value: Any
    why: Reason | None = None

    @property
    def reason(self) -> str:
        """Why the value is unknown, in English ("" when it is known)."""
        if self.why is None:
            return ""
        from roost.i18n import translator

        return translator("en").why(self.why.code, self.why.args, self.indicator.limits)


@dataclass
class Results:
    """Every indicator's result for one archive, in a stable order, plus what the options resolved to."""

    results: dict[str, IndicatorResult] = field(default_factory=dict)
    tz: str = "UTC"
    tz_source: str = "default"
    options: Options = field(default_factory=Options)

    def values(self) -> dict[str, Any]:
        """Indicator id -> plain JSON-ready value."""
        return {k: r.value for k, r in self.results.items()}


def parse_indicator(path: Path, *, custom: bool = False) -> Indicator:
    """Read one indicator file and check its header; a bad file is a RoostError naming it."""
    ident = path.stem
    if not _ID.match(ident):
        raise RoostError(f"{path}: an indicator's file name must be its id (lowercase letters, digits, _)")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise RoostError(f"{path} cannot be read ({e.__class__.__name__}): fix or remove it") from None
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("--"):
            if line.strip():
                break
            continue
        m = _HEADER.match(line)
        if m:
            header[m[1]] = m[2]
    title = header.get("title", "")
    if not title:
        raise RoostError(f"{path}: the header has no `-- title: English | Français` line")
    title_en, _, title_fr = (part.strip() for part in title.partition("|"))
    shape = header.get("shape", "")
    if shape not in SHAPES:
        raise RoostError(f"{path}: `-- shape:` must be one of {', '.join(SHAPES)} (found {shape!r})")
    definition = header.get("definition", "")
    if not definition:
        raise RoostError(f"{path}: the header has no `-- definition:` line")
    section = header.get("section", "custom" if custom else "")
    if section not in SECTIONS:
        raise RoostError(f"{path}: `-- section:` must be one of {', '.join(SECTIONS)} (found {section!r})")
    body = "\n".join(line for line in text.splitlines() if not line.startswith("--")).strip().rstrip(";").strip()
    if not body:
        raise RoostError(f"{path}: no query after the header")

    def split(v: str) -> tuple[str, ...]:
        return tuple(x.strip() for x in v.split(",") if x.strip())

    return Indicator(
        id=ident,
        title=title_en,
        title_fr=title_fr or title_en,
        shape=shape,
        unit=header.get("unit", ""),
        section=section,
        needs=split(header.get("needs", "")),
        params=split(header.get("params", "")),
        definition=definition,
        definition_fr=header.get("definition_fr", "") or definition,
        limits=header.get("limits", ""),
        limits_fr=header.get("limits_fr", "") or header.get("limits", ""),
        sql=body,
        path=path,
        custom=custom,
    )


def discover(extra_dirs: Sequence[Path] = ()) -> list[Indicator]:
    """The packaged indicators, then the user's own (`--indicators-dir`), ids unique."""
    found: dict[str, Indicator] = {}
    for path in sorted(indicators_dir().glob("*.sql")):
        ind = parse_indicator(path)
        found[ind.id] = ind
    for folder in extra_dirs:
        folder = Path(folder)
        if not folder.is_dir():
            raise RoostError(f"{folder} is not a folder: --indicators-dir takes a folder of .sql files")
        files = sorted(folder.glob("*.sql"))
        if not files:
            raise RoostError(f"{folder} holds no .sql file: put one indicator per .sql file there")
        for path in files:
            ind = parse_indicator(path, custom=True)
            if ind.id in found:
                raise RoostError(f"{path}: the id {ind.id!r} is already a packaged indicator; rename the file")
            found[ind.id] = ind
    ordered = [found[i] for i in CORE_IDS if i in found]
    ordered += sorted((v for k, v in found.items() if k not in CORE_IDS), key=lambda i: (i.custom, i.id))
    return ordered


def _plain(v: Any) -> Any:
    """A DuckDB value as plain JSON-ready data."""
    if isinstance(v, decimal.Decimal):
        v = int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, float):
        return None if math.isnan(v) or math.isinf(v) else v
    if isinstance(v, int) and not -(2**63) <= v < 2**64:
        return float(v)  # past 64 bits (a HUGEINT sum of absurd counts): JSON writers stop there, CSV is exact
    if isinstance(v, dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(dt.timezone.utc)
        return v.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return [_plain(x) for x in v]
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    return v


def available_types(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Data types with at least one file read (possibly empty): their absence means unknown, not zero."""
    rows = con.execute("select distinct data_type from archive_files where status in ('loaded', 'blank')").fetchall()
    types = {r[0] for r in rows}
    if types & {"tweets", "grailbird_tweets"}:
        types.add("tweets")
        missing = con.execute(
            "select count(*) from tweets where is_own and (favorite_count is null or retweet_count is null)"
        ).fetchone()
        if missing and missing[0] == 0:
            types.add("engagement")
    if "direct_messages_group" in types:
        types.add("direct_messages")
    return types


def set_params(con: duckdb.DuckDBPyConnection, options: Options, tz: str) -> None:
    """Expose the options to indicator SQL as DuckDB variables (`getvariable('roost_tz')`...)."""
    con.execute("set variable roost_tz = ?", [tz])
    con.execute("set variable roost_topic = ?::varchar[]", [[t.lower() for t in options.topic]])
    con.execute("set variable roost_site = ?", [(options.site or "").lower()])


def run_indicator(con: duckdb.DuckDBPyConnection, ind: Indicator, available: set[str], options: Options) -> IndicatorResult:
    """Run one indicator; a missing file or option gives None with the reason, a broken query an error."""
    missing = [n for n in ind.needs if n not in available]
    if missing:
        return IndicatorResult(ind, None, Reason(MISSING_DATA, {"needs": missing}))
    for option, given in (("topic", bool(options.topic)), ("site", bool(options.site))):
        if option in ind.params and not given:
            return IndicatorResult(ind, None, Reason(NEEDS_OPTION, {"option": option}))
    try:
        cur = con.execute(ind.sql)
        columns = [d[0] for d in cur.description or []]
        rows = cur.fetchall()
    except duckdb.Error as e:
        msg = str(e).strip().splitlines()[0][:300]
        raise RoostError(f"{ind.path}: the query fails ({msg}): fix the SQL or remove the file") from None
    if ind.shape in ("number", "share", "text"):
        if "value" not in columns or len(rows) > 1:
            raise RoostError(f"{ind.path}: a {ind.shape} indicator returns one row with a `value` column")
        value = _plain(rows[0][columns.index("value")]) if rows else None
        if ind.shape != "text" and value is not None and not isinstance(value, (int, float)):
            raise RoostError(f"{ind.path}: a {ind.shape} indicator's value must be a number")
        unknown = Reason(LIMITS) if ind.limits else Reason(NOT_COMPUTABLE)
        return IndicatorResult(ind, value, None if value is not None else unknown)
    if ind.shape == "series":
        if columns[:2] != ["key", "value"]:
            raise RoostError(f"{ind.path}: a series indicator returns `key, value` rows")
        return IndicatorResult(ind, {str(_plain(k)): _plain(v) for k, v, *_ in rows})
    return IndicatorResult(ind, [dict(zip(columns, (_plain(x) for x in row), strict=True)) for row in rows])


def compute(
    con: duckdb.DuckDBPyConnection,
    options: Options | None = None,
    *,
    extra_dirs: Sequence[Path] = (),
    spare: Sequence[duckdb.DuckDBPyConnection] = (),
) -> Results:
    """Run every indicator over a loaded archive.

    `spare`: more connections to the same tables (`LoadResult.spare`): the indicators then run side by side,
    one per connection at a time (most are small queries that keep one core busy); results are the same,
    in the same order.
    """
    from roost.timezones import resolve_tz

    options = options or Options()
    tz, tz_source = resolve_tz(con, options.tz)
    connections = [con, *spare]
    for c in connections:
        set_params(c, options, tz)
    available = available_types(con)
    out = Results(tz=tz, tz_source=tz_source, options=options)
    indicators = discover(extra_dirs)
    if len(connections) == 1:
        for ind in indicators:
            out.results[ind.id] = run_indicator(con, ind, available, options)
        return out
    free: queue.SimpleQueue[duckdb.DuckDBPyConnection] = queue.SimpleQueue()
    for c in connections:
        free.put(c)

    def run(ind: Indicator) -> IndicatorResult:
        c = free.get()
        try:
            return run_indicator(c, ind, available, options)
        finally:
            free.put(c)

    # The slowest first, so the last to finish is a short one.
    order = sorted(indicators, key=lambda i: (i.shape not in ("table", "series"), i.id))
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(connections)) as pool:
        done = dict(zip((i.id for i in order), pool.map(run, order), strict=True))
    for ind in indicators:
        out.results[ind.id] = done[ind.id]
    return out
