"""From an analysis document to the report's model: the header, the first screen, then each section as the
layout declares it. Runs no SQL: everything comes from the document."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from roost import __version__
from roost.i18n import Translator
from roost.report import blocks_people as people
from roost.report import blocks_time as time
from roost.report import generic, layout, readings
from roost.report.box import box
from roost.report.minute import minute, minute_claim
from roost.report.model import Block, Fact, Report, Section
from roost.report.text import clean, clean_name, shown_handle
from roost.report.view import View

Draw = Callable[..., "Block | list[Block | None] | None"]
DRAWINGS: dict[str, Draw] = {
    "timeline": time.timeline,
    "heatmap": time.heatmap,
    "mix": time.mix,
    "engagement_chart": time.engagement_chart,
    "buzz_days": time.buzz_days,
    "share_table": people.share_table,
    "top_tweets": people.top_tweets,
    "relayed": people.relayed,
    "funnel": people.funnel,
    "partners": people.partners,
    "account_age": people.account_age,
    "fit": people.fit,
    "table": generic.tables,
    "first_screen": minute_claim,
    "shown_above": minute_claim,
}


def _text(v: Any) -> str:
    return v if isinstance(v, str) else ""


def build(v: View, warnings: Iterable[str]) -> Report:
    """The report's model for one document."""
    t = v.t
    first = minute(v)
    sections = [section(v, ident, slots) for ident, slots in layout.SECTIONS]
    custom = generic.custom(v)
    if custom:
        sections.append(_section(v, "custom", custom))
    sections.append(_section(v, "methods", generic.methods(v, list(warnings))))
    # A section with nothing known in this archive is left out (the box above says why).
    sections = [s for s in sections if s.blocks]
    numbered = tuple(Section(s.id, str(i), s.title, s.intro, s.blocks) for i, s in enumerate(sections, start=1))
    username = _text(v.account.get("username"))
    handle = shown_handle(username)[0] if username else ""
    # A shared report names its owner by handle only: the display name is free text, like a bio.
    display = "" if v.share and handle else clean_name(_text(v.account.get("display_name")), 80)
    if display in ("-", "–"):
        display = ""
    name = display or (f"@{handle}" if handle else clean(_text(v.account.get("id")), 40))
    who = f"@{handle}" if handle else name
    return Report(
        lang=t.lang,
        title=t("doc_title", who=who) if who else t("doc_title_anon"),
        kicker=t("kicker"),
        name=name or t("doc_title_anon"),
        handle=f"@{handle}" if handle and display else "",
        subtitle=t("subtitle"),
        facts=facts(v),
        banners=banners(v),
        verdict_title=first.headline,
        verdict_kind=first.verdict,
        verdict_why=first.why,
        verdict=first.lines if first.verdict else readings.verdict(v),
        steps_title=t("next_steps"),
        steps=first.steps,
        reasons_title=t("reasons_title"),
        reasons=first.reasons,
        box_title=t("box_title"),
        box=box(v),
        sections=numbered,
        footer=t("generated", version=__version__, at=generated_at(v)),
        version=__version__,
    )


def section(v: View, ident: str, slots: tuple[layout.Slot, ...]) -> Section:
    """One section: its declared blocks, then the indicators of that section no block named."""
    blocks: list[Block | None] = []
    for slot in slots:
        if slot.kind == "cards":
            blocks.append(v.cards(*(v.card(i, readings.card_sentence(v, i)) for i in slot.ids)))
        elif slot.kind == "dates":
            for i in slot.ids:
                v.claim(i)
        else:
            drawn = DRAWINGS[slot.kind](v, *slot.ids)
            blocks.extend(drawn if isinstance(drawn, list) else [drawn])
    pending = [
        r for k, r in v.results.items()
        if k not in v.placed and not r.d.custom and layout.report_section(r.d.section) == ident
    ]
    for r in pending:
        v.placed.add(r.id)
    blocks.extend(generic.generic(v, pending, more=True))
    return _section(v, ident, blocks)


def _section(v: View, ident: str, blocks: Iterable[Block | None]) -> Section:
    key = f"s_{ident}"
    return Section(ident, "", v.t(key), v.t(key + "_intro"), tuple(b for b in blocks if b is not None))


def generated_at(v: View) -> str:
    at = v.options.generated_at
    if at.tzinfo is not None:
        import datetime as dt

        return at.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return at.strftime("%Y-%m-%d %H:%M")


def facts(v: View) -> tuple[Fact, ...]:
    """The header's lines: account age, archive date, period, time zone, kind; private ones for the owner."""
    t, archive, account = v.t, v.archive, v.account
    out = []
    if _text(account.get("created_at")):
        out.append(Fact(t("account_since"), t.date(account["created_at"])))
    if _text(archive.get("generated_at")):
        out.append(Fact(t("archive_date"), t.date(archive["generated_at"])))
    first, last = v.val("first_tweet_at"), v.val("last_tweet_at")
    if isinstance(first, str) and isinstance(last, str):
        out.append(Fact(t("period"), t("from_to", first=t.date(first), last=t.date(last))))
    out.append(Fact(t("time_zone"), v.tz_sentence()))
    generation = _text(archive.get("generation"))
    if generation:
        key = f"gen_{generation}"
        out.append(Fact(t("archive_kind"), t(key) if t.has(key) else clean(generation, 40)))
    if not v.share:
        private = v.private
        if _text(private.get("email")):
            out.append(Fact(t("email"), clean(private["email"], 120)))
        if _text(private.get("phone_number")):
            out.append(Fact(t("phone"), clean(private["phone_number"], 40)))
        if v.options.sample:  # the generated archive was in a temporary folder, gone by now
            out.append(Fact(t("source"), t("sample_source")))
        elif _text(archive.get("source")):
            out.append(Fact(t("source"), clean(archive["source"], 200)))
    return tuple(out)


def banners(v: View) -> tuple[tuple[str, str], ...]:
    t = v.t
    out = []
    if v.options.sample:
        out.append(("sample", t("sample_banner")))
    if v.share:
        text = t("share_banner") + " " + (t("share_banner_handles") if v.options.keep_handles else t("share_banner_anon"))
        left, kept = v.archive.get("protected_texts_left_out"), v.archive.get("protected_texts_kept")
        if isinstance(left, int) and not isinstance(left, bool) and left > 0:
            text += " " + t("share_protected_left_out", n=t.integer(left))
        if isinstance(kept, int) and not isinstance(kept, bool) and kept > 0:
            text += " " + t("share_protected_kept")
        if v.archive.get("texts_left_out") is True:
            text += " " + t("share_no_text")
        out.append(("share", text))
    else:
        out.append(("private", t("owner_banner")))
    return tuple(out)


__all__ = ["build", "Translator"]
