"""The HTML report: a pure function of an analysis document (the JSON `roost indicators --format json`
prints), rendered into one self-contained file.

Every string from the archive is hostile (tweets, names, screen names, sources, URLs): the one Jinja
Environment autoescapes, links are made only from http(s) URLs, and a Content-Security-Policy forbids
scripts and every fetch. The same document and options give the same bytes: the generation time is passed in.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

import jinja2
from markupsafe import Markup, escape

from roost.i18n import translator
from roost.notices import translated
from roost.report.build import build
from roost.report.model import ReportOptions
from roost.report.text import Accounts
from roost.report.view import View, part
from roost.resources import templates_dir

__all__ = ["ReportOptions", "render_report", "default_report_name", "jinja_env"]


def render_report(document: dict[str, Any], options: ReportOptions) -> str:
    """The report's HTML (a str) for one analysis document."""
    t = translator(options.lang)
    account = part(document, "account")
    accounts = Accounts(account.get("id"), account.get("username"), _accounts_seen(document),
                        anonymize=options.share and not options.keep_handles, t=t)
    view = View(document, options, t, accounts)
    archive = view.archive
    warnings = archive.get("warnings")
    said = [w for w in warnings if isinstance(w, str)] if isinstance(warnings, list) else []
    notices = archive.get("notices") if isinstance(warnings, list) and len(said) == len(warnings) else None
    report = build(view, translated(t, said, notices))
    css = _css()
    csp = (
        "default-src 'none'; img-src data:; "
        f"style-src '{_sha256(css)}'; "
        "script-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return jinja_env().get_template("report.html.j2").render(r=report, css=Markup(css), csp=Markup(escape(csp)), _=t)


def _accounts_seen(document: dict[str, Any]) -> Iterator[tuple[Any, Any]]:
    """(account id, screen name) pairs in the document's table indicators."""
    for value in part(document, "indicators").values():
        if isinstance(value, list):
            for row in value:
                if isinstance(row, dict) and isinstance(row.get("screen_name"), str):
                    yield row.get("account_id"), row["screen_name"]


def default_report_name(document: dict[str, Any]) -> str:
    """`<username or owner id or 'archive'>-<archive date or last tweet date>.html`, safe characters only."""
    account, archive = part(document, "account"), part(document, "archive")
    who = _safe_name(account.get("username") or account.get("id") or "") or "archive"
    when = archive.get("archive_time")
    day = when[:10] if isinstance(when, str) and re.match(r"^\d{4}-\d{2}-\d{2}", when) else ""
    return f"{who}-{day}.html" if day else f"{who}.html"


@lru_cache(maxsize=1)
def jinja_env() -> jinja2.Environment:
    """The one Environment: autoescape on for every template, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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


def _safe_name(s: Any) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "_", str(s)).strip("_-")[:60]
